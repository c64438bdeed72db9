"""Domain rules for one community's accounts. Errors stop the build; findings are
published on the community's page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date

from .. import accounts
from ..domain import over_budget
from ..issues import Issue
from ..records import Category, Community, Entry
from . import common


def check(c: Community, categories: Mapping[str, Category], today: date) -> Iterator[Issue]:
    yield from check_entries(c, categories, today)
    yield from check_corrections(c)
    yield from check_budget(c, categories)
    yield from check_resolutions(c)
    yield from check_collection(c)
    yield from check_statement_files(c)


def check_findings(c: Community) -> Iterator[Issue]:
    """Run on packages without errors only: the figures must be trustworthy first."""
    yield from remuneration_findings(c)
    yield from budget_findings(c)
    yield from balance_findings(c)


def check_entries(c: Community, categories: Mapping[str, Category], today: date) -> Iterator[Issue]:
    budget_keys = {(b.year, b.line_id) for b in c.budget}
    path = c.shown["ledger"]
    seen: dict[str, tuple[str, str] | None] = {}  # voucher path -> verdict, for this ledger
    for e in c.entries:
        yield from _category(path, e.row, e.category, e.direction, categories)
        yield from common.amount(path, e.row, "amount", e.amount, prefix="ledger-")
        dated = list(_date(c, e, today))
        yield from dated
        yield from _voucher(c, e, seen)
        # A wrong date would also make its budget line look wrong: report the date only.
        if not dated and e.budget_line and (e.date.year, e.budget_line) not in budget_keys:
            yield Issue("ledger-budget-line-unknown",
                        f'"{e.budget_line}" is not a line of the {e.date.year} budget',
                        path, e.row, "budget_line")


def _date(c: Community, e: Entry, today: date) -> Iterator[Issue]:
    path = c.shown["ledger"]
    if e.date < c.profile.opening_date:
        yield Issue("ledger-date-before-opening",
                    f"{e.date} is before the opening balance date {c.profile.opening_date}",
                    path, e.row, "date")
    if e.date > today:
        yield Issue("ledger-date-future", f"{e.date} is after today ({today})",
                    path, e.row, "date")


def _category(path: str, row: int, code: str, direction: str,
              categories: Mapping[str, Category]) -> Iterator[Issue]:
    category = categories.get(code)
    if category is None:
        yield Issue("category-unknown", f'"{code}" is not in the chart of accounts', path, row,
                    "category")
    elif category.direction != direction:
        yield Issue("category-direction-mismatch",
                    f'"{code}" is an {category.direction} category but the row is {direction}',
                    path, row, "category")


def _voucher(c: Community, e: Entry,
             seen: dict[str, tuple[str, str] | None]) -> Iterator[Issue]:
    path = c.shown["ledger"]
    if not e.voucher and e.direction == "expense":
        yield Issue("ledger-voucher-missing", "an expense needs a voucher", path, e.row,
                    "voucher")
    yield from common.attached_file(c.path, e.voucher, "vouchers", "ledger-voucher", path,
                                    e.row, "voucher", seen=seen)


def check_corrections(c: Community) -> Iterator[Issue]:
    ids = {e.entry_id for e in c.entries}
    path = c.shown["ledger"]
    seen: Counter[str] = Counter()
    for e in c.entries:
        if not e.corrects:
            continue
        if e.corrects not in ids or e.corrects == e.entry_id:
            yield Issue("ledger-corrects-unknown",
                        f'"{e.corrects}" is not another entry of this ledger', path, e.row,
                        "corrects")
            continue
        seen[e.corrects] += 1
        if seen[e.corrects] > 1:
            yield Issue("ledger-corrects-twice",
                        f'"{e.corrects}" is already corrected by an earlier row', path, e.row,
                        "corrects")


def check_budget(c: Community, categories: Mapping[str, Category]) -> Iterator[Issue]:
    path = c.shown["budget"]
    for line in c.budget:
        yield from _category(path, line.row, line.category, line.direction, categories)
        yield from common.amount(path, line.row, "amount", line.amount, positive=False)


def check_resolutions(c: Community) -> Iterator[Issue]:
    path = c.shown["resolutions"]
    for r in c.resolutions:
        if r.votes_cast > r.eligible:
            yield Issue("resolution-votes-exceed-eligible",
                        f"{r.votes_for} for + {r.votes_against} against + {r.abstentions} "
                        f"abstentions = {r.votes_cast}, more than the {r.eligible} eligible votes",
                        path, r.row, "eligible")
        yield from _document(c, "resolutions", r.row, r.document)


def check_collection(c: Community) -> Iterator[Issue]:
    for y in c.collection:
        if y.households_paid > y.households_billed:
            yield Issue("collection-paid-exceeds-billed",
                        f"{y.households_paid} households paid but only {y.households_billed} "
                        "were billed", c.shown["collection"], y.row, "households_paid")


def check_statement_files(c: Community) -> Iterator[Issue]:
    for s in c.statements:
        yield from _document(c, "statements", s.row, s.document)


def _document(c: Community, table: str, row: int, value: str) -> Iterator[Issue]:
    yield from common.attached_file(c.path, value, "documents", "document", c.shown[table], row,
                                    "document")


def remuneration_findings(c: Community) -> Iterator[Issue]:
    rate = c.profile.remuneration_rate
    for year, entries in accounts.by_year(accounts.counted(c.entries)).items():
        taken, allowed = accounts.remuneration_limit(entries, rate)
        if taken > allowed:
            yield Issue("remuneration-over-rate",
                        f"in {year} the trustee took {taken:,.2f} yuan, more than "
                        f"{rate:.0%} of the year's income ({allowed:,.2f} yuan) by "
                        f"{taken - allowed:,.2f} yuan", c.shown["ledger"], field="amount")


def budget_findings(c: Community) -> Iterator[Issue]:
    years = sorted({b.year for b in c.budget})
    counted = accounts.by_year(accounts.counted(c.entries))
    for year in years:
        planned = accounts.budget_by_category(c.budget, year, "expense")
        spent = accounts.spent_by_category(counted.get(year, []), "expense")
        for category, actual in sorted(spent.items()):
            budget = planned.get(category, accounts.ZERO)
            if over_budget(actual, budget):
                over = f"{(actual / budget - 1):.0%}" if budget else "no budget"
                yield Issue("budget-overrun",
                            f"in {year} '{category}' spent {actual:,.2f} yuan against a budget "
                            f"of {budget:,.2f} yuan ({over} over)", c.shown["budget"],
                            field="amount")


def balance_findings(c: Community) -> Iterator[Issue]:
    at = accounts.balances_at(c.profile.opening_amount, accounts.counted(c.entries),
                              (accounts.month_end(s.month) for s in c.statements))
    for s in c.statements:
        computed = at[accounts.month_end(s.month)]
        if computed != s.closing_balance:
            yield Issue("balance-mismatch",
                        f"at the end of {s.month} the ledger gives {computed:,.2f} yuan but the "
                        f"bank statement shows {s.closing_balance:,.2f} yuan (difference "
                        f"{s.closing_balance - computed:+,.2f})", c.shown["statements"], s.row,
                        "closing_balance")
