"""Public income from the common parts: each revenue asset with its contract, the income
expected and booked by year, and income from the common parts that no asset in the register
explains. The figures are the rule's own (validate/income.py), so that what the page shows
beside a finding is what the finding was made from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import accounts
from ..domain import PUBLIC_REVENUE
from ..issues import Issue
from ..records import Asset, Category, Community
from ..validate.income import ZERO, Ledger, YearCheck, groups, key, plain

CODES = frozenset({"public-income-missing", "public-income-short"})


@dataclass(frozen=True)
class AssetYear:
    """One year of one asset: what its contract made due, what the ledger booked for it (with
    the assets it shares a payer and category with), and what the rule found that year."""

    year: int
    months: int  # months of the year under contract that the ledger covers
    expected: Decimal | None  # None: no fixed amount (income expected every month)
    booked: Decimal
    findings: tuple[Issue, ...] = ()

    @property
    def due(self) -> bool:
        """Something fell due, or income was expected every month of it."""
        return bool(self.expected) if self.expected is not None else self.months > 0


@dataclass(frozen=True)
class AssetRow:
    asset: Asset
    years: tuple[AssetYear, ...]  # the ledger's years the asset ran in, latest first
    shared: tuple[str, ...] = ()  # the other assets checked with it (same payer and category)
    findings: tuple[Issue, ...] = ()  # every year's

    def of(self, year: int) -> AssetYear | None:
        return next((y for y in self.years if y.year == year), None)


@dataclass(frozen=True)
class Unregistered:
    category: str
    counterparty: str  # as the ledger first writes it
    amount: Decimal


@dataclass(frozen=True)
class IncomeView:
    published: bool = False  # the community publishes a register of revenue assets
    assets: tuple[AssetRow, ...] = ()
    years: tuple[int, ...] = ()  # years with a registered asset under contract, latest first
    # per year, latest first: income from the common parts no asset of the register explains
    unregistered: tuple[tuple[int, tuple[Unregistered, ...]], ...] = ()


def build(c: Community, findings: tuple[Issue, ...], categories: Mapping[str, Category],
          today: date) -> IncomeView:
    """``findings``: the community's, as published on its page."""
    if "assets" not in c.where:
        return IncomeView()
    ledger = Ledger.of(c)
    own = [f for f in findings if f.code in CODES]
    rows = tuple(row for group in groups(c.assets) for row in _rows(ledger, group, own))
    rows = tuple(sorted(rows, key=lambda r: r.asset.row))
    years = sorted({y.year for r in rows for y in r.years}, reverse=True)
    return IncomeView(True, rows, tuple(years), unregistered(c, categories))


def _rows(ledger: Ledger, group: Sequence[Asset], findings: Sequence[Issue]) -> list[AssetRow]:
    checks = list(ledger.years(group)) if ledger.last >= 0 else []
    rows = []
    for a in group:
        mine = tuple(f for f in findings if a.asset_id in str(dict(f.values)["asset_id"]).split())
        rows.append(AssetRow(a, _years(ledger, a, checks, mine),
                             tuple(x.asset_id for x in group if x is not a), mine))
    return rows


def _years(ledger: Ledger, a: Asset, checks: Sequence[YearCheck],
           findings: Sequence[Issue]) -> tuple[AssetYear, ...]:
    months, due = ledger.months(a), ledger.due(a)
    found: list[AssetYear] = []
    for check in reversed(checks):
        ran = sum(1 for m in months if m // 12 == check.year)
        if not ran:
            continue
        expected = None if a.monthly_amount is None else \
            sum((v for m, v in due.items() if m // 12 == check.year), ZERO)
        said = tuple(f for f in findings if dict(f.values)["year"] == check.year)
        found.append(AssetYear(check.year, ran, expected, check.booked, said))
    return tuple(found)


def unregistered(c: Community, categories: Mapping[str, Category]
                 ) -> tuple[tuple[int, tuple[Unregistered, ...]], ...]:
    """Income in the categories of public revenue from payers no asset names, by year."""
    public = {code for code, cat in categories.items()
              if code == PUBLIC_REVENUE or cat.parent == PUBLIC_REVENUE}
    registered = {key(a) for a in c.assets}
    amounts: dict[int, dict[tuple[str, str], Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    written: dict[tuple[str, str], str] = {}
    for e in accounts.counted(c.entries):
        k = (e.category, plain(e.counterparty))
        if e.direction == "income" and e.category in public and k not in registered:
            amounts[e.date.year][k] += e.amount
            written.setdefault(k, e.counterparty)
    return tuple((year, tuple(Unregistered(k[0], written[k], amount)
                              for k, amount in sorted(amounts[year].items())))
                 for year in sorted(amounts, reverse=True))
