"""Public income: every month a registered asset's contract expects income, the ledger books it
(民法典 arts. 282–283).

How the register is held against the ledger, shared with the page (model/income.py) so that a
finding and the figures shown beside it are computed the same way:

- An asset's months run from its start month (or the month the accounts open, when it
  started before them) to the earlier of its end month and the last month the ledger has
  entries: months not yet published are the disclosure rule's business, never missing income.
- Income booked for an asset: counted ledger income (a correction replaces what it corrects)
  in the asset's category from its counterparty, the names compared in NFKC, without
  whitespace and case (业主及访客车辆 and 业主及访客车辆 with a full-width space are one payer).
- A contract paid every N months owes N × the monthly amount for each period of N months from
  its first month, by the end of that period; a period its end cuts short owes its months.
- Compared cumulatively from the contract's first month at the end of each calendar year (or
  the ledger's last month): what fell due to date against what is booked to date, so that a
  payment made early counts and a shortfall is not forgotten the next January.
- Assets sharing a category and counterparty are checked as one contract: their amounts add
  up and the income booked is compared with the sum; the finding names them all, on the row
  of the first. Assets without a fixed amount (hourly parking) expect income every month:
  a month without any is the finding.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .. import accounts
from ..derivatives import DEFAULT_MAX_BYTES
from ..issues import DOCUMENT, Issue, raises
from ..issues import accounts as found
from ..issues.cells import AMOUNT_PRECISION, AMOUNT_ZERO
from ..issues.income import ASSET_DATES_REVERSED, PUBLIC_INCOME_MISSING, PUBLIC_INCOME_SHORT
from ..records import Asset, Category, Community
from . import common
from .community import _category

ZERO = Decimal("0.00")
Key = tuple[str, str]  # (category, counterparty as compared)


@raises(found.CATEGORY_UNKNOWN, found.CATEGORY_DIRECTION_MISMATCH, ASSET_DATES_REVERSED,
        found.AMENDMENT_RESOLUTION_UNKNOWN, DOCUMENT, AMOUNT_PRECISION, AMOUNT_ZERO)
def check(c: Community, categories: Mapping[str, Category], today: date,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    """Errors: the register's rows make sense (run before any finding)."""
    if not c.assets:
        return
    where = c.where["assets"]
    decided = {r.resolution_id for r in c.resolutions}
    for a in c.assets:
        yield from _category(where, a.row, a.category, "income", categories)
        if a.monthly_amount is not None:
            yield from common.amount(where, a.row, "monthly_amount", a.monthly_amount)
        if a.end is not None and a.end < a.start:
            yield ASSET_DATES_REVERSED(where, a.row, "end", asset=a.asset_id, start=a.start,
                                       end=a.end)
        if a.resolution and a.resolution not in decided:
            yield found.AMENDMENT_RESOLUTION_UNKNOWN(where, a.row, "resolution", table="assets",
                                                     key=a.asset_id, resolution=a.resolution)
        yield from common.attached_file(c.path, a.contract, "documents", DOCUMENT, where, a.row,
                                        "contract", max_bytes=max_bytes)


@raises(PUBLIC_INCOME_MISSING, PUBLIC_INCOME_SHORT)
def findings(c: Community, categories: Mapping[str, Category], today: date) -> Iterator[Issue]:
    """Run on packages without errors only."""
    if not c.assets or not c.entries:
        return
    ledger = Ledger.of(c)
    for group in groups(c.assets):
        for year in ledger.years(group):
            issue = _finding(c, group, year)
            if issue is not None:
                yield issue


# ---- months and money ------------------------------------------------------------------

def month_index(day: date) -> int:
    """Months counted on from year 0, so that a span of months is a range."""
    return day.year * 12 + day.month - 1


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def plain(name: str) -> str:
    """A counterparty as the register and the ledger are compared: the same words in any
    width, case or spacing are one payer."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def key(asset: Asset) -> Key:
    return asset.category, plain(asset.counterparty)


@dataclass(frozen=True)
class Ledger:
    """What the ledger says about public income: the months it covers and each payer's
    counted income by month."""

    first: int  # the month the accounts open
    last: int  # the last month with entries
    booked: Mapping[Key, Mapping[int, Decimal]]  # key -> month -> income booked

    @classmethod
    def of(cls, c: Community) -> Ledger:
        booked: dict[Key, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
        for e in accounts.counted(c.entries):
            if e.direction == "income":
                booked[(e.category, plain(e.counterparty))][month_index(e.date)] += e.amount
        last = max((month_index(e.date) for e in c.entries), default=-1)
        return cls(month_index(c.profile.opening_date), last, booked)

    def months(self, asset: Asset) -> range:
        """The asset's months the ledger covers (empty when none is published yet)."""
        end = self.last if asset.end is None else min(month_index(asset.end), self.last)
        return range(max(month_index(asset.start), self.first), end + 1)

    def due(self, asset: Asset) -> dict[int, Decimal]:
        """The month each period's payment falls due -> the amount; none without a fixed
        amount, and none for a period still running at the ledger's last month."""
        months = self.months(asset)
        if asset.monthly_amount is None:
            return {}
        end = month_index(asset.end) if asset.end is not None else None
        due: dict[int, Decimal] = {}
        for start in range(months.start, months.stop, asset.paid_every):
            stop = start + asset.paid_every - 1 if end is None \
                else min(start + asset.paid_every - 1, end)
            if stop < months.stop:
                due[stop] = asset.monthly_amount * (stop - start + 1)
        return due

    def years(self, group: Sequence[Asset]) -> Iterator[YearCheck]:
        """The group's figures for each year from its first month to the ledger's last."""
        spans = [self.months(a) for a in group]
        first = min(s.start for s in spans)
        if first > self.last:
            return
        booked = self.booked.get(key(group[0]), {})
        due: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for a in group:
            for month, amount in self.due(a).items():
                due[month] += amount
        fixed = any(a.monthly_amount is not None for a in group)
        owed = ZERO
        for year in range(first // 12, self.last // 12 + 1):
            months = range(max(first, year * 12), min(self.last, year * 12 + 11) + 1)
            year_due = sum((due.get(m, ZERO) for m in months), ZERO)
            year_booked = sum((booked.get(m, ZERO) for m in months), ZERO)
            owed += year_due - year_booked
            ran = [m for m in months if any(m in s for s in spans)]
            gaps = () if fixed else tuple(m for m in ran if not booked.get(m))
            yield YearCheck(group, year, fixed, year_due, year_booked, owed, len(ran), gaps)


@dataclass(frozen=True)
class YearCheck:
    """One year of a contract (or of the assets checked as one) against the ledger."""

    assets: Sequence[Asset]
    year: int
    fixed: bool  # some asset of the group has a fixed amount: checked by amount
    due: Decimal  # fell due in the year
    booked: Decimal  # booked in the year
    owed: Decimal  # due to date less booked to date, at the year's end (or the ledger's last)
    months: int  # months of the year under contract that the ledger covers
    gaps: tuple[int, ...]  # without a fixed amount: the months with no income at all

    @property
    def missing(self) -> bool:
        """Nothing came in, though something fell due (or, by month, months without any)."""
        if not self.fixed:
            return bool(self.gaps)
        return self.owed > 0 and not self.booked and self.due > 0

    @property
    def short(self) -> bool:
        return self.fixed and self.owed > 0 and self.booked > 0


def groups(assets: Sequence[Asset]) -> tuple[tuple[Asset, ...], ...]:
    """The register's assets, those sharing a category and counterparty together, in the
    order of their first row."""
    together: dict[Key, list[Asset]] = {}
    for a in assets:
        together.setdefault(key(a), []).append(a)
    return tuple(tuple(g) for g in together.values())


def _finding(c: Community, group: Sequence[Asset], y: YearCheck) -> Issue | None:
    first = group[0]
    said: dict[str, Any] = {
        "asset": " + ".join(a.name for a in group), "counterparty": first.counterparty,
        "year": y.year, "asset_id": " ".join(a.asset_id for a in group), "kind": first.kind}
    where = c.where["assets"]
    if y.missing and not y.fixed:
        return PUBLIC_INCOME_MISSING(where, first.row, "counterparty", variant="variable",
                                     expected=ZERO, months=len(y.gaps), covered=y.months,
                                     gaps=", ".join(month_text(m) for m in y.gaps), **said)
    if y.missing:
        return PUBLIC_INCOME_MISSING(where, first.row, "monthly_amount", expected=y.due,
                                     months=y.months, **said)
    if y.short:
        return PUBLIC_INCOME_SHORT(where, first.row, "monthly_amount", expected=y.due,
                                   booked=y.booked, short=y.owed, **said)
    return None
