"""Figures that let residents compare their community's costs with others'."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .. import accounts
from .community import CommunityView


@dataclass(frozen=True)
class Comparison:
    view: CommunityView
    year: int | None  # the latest year with accounts
    months: int  # months with entries in that year
    cost_per_m2: dict[str, Decimal]  # expense category -> yuan per m² per month in that year
    total_per_m2: Decimal

    @property
    def balance_per_household(self) -> Decimal:
        return (self.view.balance / self.view.c.profile.households).quantize(Decimal("0.01"))

    @property
    def collection_rate(self) -> float | None:
        return self.view.collection[-1].household_rate if self.view.collection else None


def compare(views: Sequence[CommunityView]) -> tuple[tuple[Comparison, ...], tuple[str, ...]]:
    """One row per community, and the expense categories that any of them used."""
    rows = tuple(_row(v) for v in views)
    categories = tuple(sorted({c for r in rows for c in r.cost_per_m2}))
    return rows, categories


def _row(view: CommunityView) -> Comparison:
    year = view.latest_year.year if view.latest_year else None
    counted = accounts.counted(view.c.entries)
    entries = [e for e in counted if e.date.year == year]
    months = len({e.month for e in entries})
    area = view.c.profile.floor_area_m2
    spent = accounts.spent_by_category(entries, "expense")
    per_m2 = {code: (amount / area / months).quantize(Decimal("0.001"))
              for code, amount in spent.items()} if months else {}
    total = (sum(spent.values(), Decimal(0)) / area / months).quantize(Decimal("0.001")) \
        if months else Decimal(0)
    return Comparison(view, year, months, per_m2, total)
