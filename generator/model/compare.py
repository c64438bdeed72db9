"""Figures that let residents compare their community's costs with others'."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .community import CommunityView


@dataclass(frozen=True)
class Comparison:
    view: CommunityView

    @property
    def year(self) -> int | None:  # the latest year with accounts
        return self.view.costs.year

    @property
    def months(self) -> int:  # months with entries in that year
        return self.view.costs.months

    @property
    def cost_per_m2(self) -> dict[str, Decimal]:
        return self.view.costs.per_m2

    @property
    def total_per_m2(self) -> Decimal:
        return self.view.costs.total_per_m2

    @property
    def balance_per_household(self) -> Decimal:
        return (self.view.balance / self.view.c.profile.households).quantize(Decimal("0.01"))

    @property
    def collection_rate(self) -> float | None:
        return self.view.collection[-1].household_rate if self.view.collection else None


def compare(views: Sequence[CommunityView]) -> tuple[tuple[Comparison, ...], tuple[str, ...]]:
    """One row per community, and the expense categories that any of them used."""
    rows = tuple(Comparison(v) for v in views)
    categories = tuple(sorted({c for r in rows for c in r.cost_per_m2}))
    return rows, categories
