"""Public income from the common parts: each revenue asset with its contract, the income
expected and booked by year, and income from the common parts that no asset in the register
explains."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..issues import Issue
from ..records import Category, Community


@dataclass(frozen=True)
class IncomeView:
    pass


def build(c: Community, findings: tuple[Issue, ...], categories: Mapping[str, Category],
          today: date) -> IncomeView:
    """``findings``: the community's, as published on its page."""
    return IncomeView()
