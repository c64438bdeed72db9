"""What a resident asks first about her community (its page's first screen): this year's
figures, each check with its figure, and where her property fee goes."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..issues import Issue

FEN = Decimal("0.01")
EXAMPLE_AREA = Decimal(100)  # m²: the fee table shown without JavaScript

# The checks of a community's accounts, in the order the first screen gives them, with
# the finding codes each one raises (generator/issues/accounts.py, disclosure.py).
CHECKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("remuneration", ("remuneration-over-rate",)),
    ("budget", ("budget-overrun",)),
    ("bank", ("balance-mismatch",)),
    ("disclosure", ("disclosure-overdue",)),
    ("balance", ("balance-negative",)),
)


@dataclass(frozen=True)
class Check:
    kind: str  # a key of CHECKS
    findings: tuple[Issue, ...]  # what it found, in the report's order; () when all is well

    @property
    def ok(self) -> bool:
        return not self.findings


def checks(findings: Iterable[Issue]) -> tuple[Check, ...]:
    found = tuple(findings)
    return tuple(Check(kind, tuple(f for f in found if f.code in codes))
                 for kind, codes in CHECKS)


@dataclass(frozen=True)
class FeeLine:
    category: str  # an expense category's code; the remuneration line: the first of its codes
    amount: Decimal  # what the community spent on it this year
    remuneration: bool = False  # the trustee's remuneration (all its categories together)


@dataclass(frozen=True)
class FeeShare:
    line: FeeLine
    amount: Decimal  # the part of her yearly fee that goes to the line


@dataclass(frozen=True)
class FeeSplit:
    """A resident's yearly fee (the fee standard × 12 months × her floor area), spent as
    the community spent this year: each line's share of the year's expense applied to her
    fee, rounded to the fen. fee.js computes the same in the page from ``data``."""

    year: int
    standard: Decimal  # yuan per m² per month, the latest fee standard
    lines: tuple[FeeLine, ...]  # largest first; the remuneration line last

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    def yearly(self, area: Decimal) -> Decimal:
        # to the thousandth of a yuan, as fee.js has it
        standard = self.standard.quantize(Decimal("0.001"), ROUND_HALF_UP)
        return (standard * 12 * area).quantize(FEN, ROUND_HALF_UP)

    def shares(self, area: Decimal) -> tuple[FeeShare, ...]:
        fee, total = self.yearly(area), self.total
        return tuple(FeeShare(line, (fee * line.amount / total).quantize(FEN, ROUND_HALF_UP)
                              if total else Decimal("0.00")) for line in self.lines)

    @property
    def example(self) -> tuple[FeeShare, ...]:
        return self.shares(EXAMPLE_AREA)

    @property
    def example_area(self) -> Decimal:
        return EXAMPLE_AREA

    @property
    def data(self) -> dict[str, Any]:
        """What fee.js reads (a JSON block, never code): figures in fen, the standard in
        thousandths of a yuan, so that the page's arithmetic is on whole numbers."""
        return {"year": self.year, "standard": _fen(self.standard * 10),
                "total": _fen(self.total), "lines": [_fen(line.amount) for line in self.lines]}


def _fen(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(ROUND_HALF_UP))


def fee_split(year: int, standard: Decimal, spent: dict[str, Decimal],
              remuneration: Collection[str]) -> FeeSplit:
    """``spent``: the year's expense by category; ``remuneration``: the categories that are
    the trustee's remuneration, shown as one line of their own, last."""
    others = sorted(((code, amount) for code, amount in spent.items()
                     if code not in remuneration), key=lambda p: (-p[1], p[0]))
    paid = sum((a for code, a in spent.items() if code in remuneration), Decimal("0.00"))
    first = min(remuneration, key=lambda code: (code != "remuneration", code), default="")
    lines = [FeeLine(code, amount) for code, amount in others]
    return FeeSplit(year, standard, (*lines, FeeLine(first, paid, remuneration=True)))


@dataclass(frozen=True)
class Lowest:
    """The lowest month-end balance of the common fund, for the check that it never went
    below zero."""

    month: str
    balance: Decimal


def lowest(closings: Sequence[tuple[str, Decimal]]) -> Lowest | None:
    if not closings:
        return None
    month, balance = min(closings, key=lambda m: (m[1], m[0]))
    return Lowest(month, balance)
