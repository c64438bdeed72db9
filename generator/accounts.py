"""Accounting over ledger entries, shared by the rules and the pages so that a finding
and the figure shown beside it are computed the same way."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import TypeVar

from .domain import REMUNERATION, ROUNDING
from .records import BudgetLine, Category, CollectionYear, Entry, Statement
from .terms import BASE, RATE, Schedule

Revisable = TypeVar("Revisable", Statement, CollectionYear)

ZERO = Decimal("0.00")


def counted(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    """Entries that count in totals: an entry replaced by a correction no longer does."""
    corrected = {e.corrects for e in entries if e.corrects}
    return tuple(e for e in entries if e.entry_id not in corrected)


def total(entries: Iterable[Entry], direction: str) -> Decimal:
    return sum((e.amount for e in entries if e.direction == direction), ZERO)


def by_year(entries: Iterable[Entry]) -> dict[int, list[Entry]]:
    years: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        years[entry.date.year].append(entry)
    return dict(sorted(years.items()))


def by_month(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    months: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        months[entry.month].append(entry)
    return dict(sorted(months.items()))


def balances_at(opening: Decimal, entries: Iterable[Entry],
                ends: Iterable[date]) -> dict[date, Decimal]:
    """Fund balance at the end of each day in ``ends``: opening plus every counted entry up
    to that day. One pass over the entries, whatever the number of days (a statement a
    month over years of a ledger)."""
    dated = sorted(entries, key=lambda e: e.date)
    found: dict[date, Decimal] = {}
    balance, i = opening, 0
    for end in sorted(set(ends)):
        while i < len(dated) and dated[i].date <= end:
            balance += dated[i].signed
            i += 1
        found[end] = balance
    return found


def month_ends(entries: Sequence[Entry]) -> list[date]:
    """The last day of every month from the ledger's first entry to its last."""
    if not entries:
        return []
    first, last = min(e.month for e in entries), max(e.month for e in entries)
    year, mon = int(first[:4]), int(first[5:])
    ends = []
    while f"{year:04d}-{mon:02d}" <= last:
        ends.append(month_end(f"{year:04d}-{mon:02d}"))
        year, mon = year + mon // 12, mon % 12 + 1
    return ends


def month_end(month: str) -> date:
    year, mon = (int(x) for x in month.split("-"))
    first_next = date(year + mon // 12, mon % 12 + 1, 1)
    return date.fromordinal(first_next.toordinal() - 1)


def spent_by_category(entries: Iterable[Entry], direction: str) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for entry in entries:
        if entry.direction == direction:
            sums[entry.category] += entry.amount
    return dict(sums)


def budget_by_category(
    lines: Iterable[BudgetLine], year: int, direction: str
) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        if line.year == year and line.direction == direction:
            sums[line.category] += line.amount
    return dict(sums)


def remuneration_codes(categories: Mapping[str, Category]) -> frozenset[str]:
    """The trustee's remuneration and every category under it in the chart of accounts (its
    parent, or its parent's parent, …): remuneration booked under a sub-category is still
    remuneration."""
    def under(code: str) -> bool:
        seen: set[str] = set()
        while code and code not in seen:
            if code == REMUNERATION:
                return True
            seen.add(code)
            code = categories[code].parent if code in categories else ""
        return False
    return frozenset({REMUNERATION} | {code for code in categories if under(code)})


def remuneration_limit(entries: Iterable[Entry], schedule: Schedule,
                       codes: Collection[str] = (REMUNERATION,)) -> tuple[Decimal, Decimal]:
    """(remuneration taken, the most the agreed terms allow) over the given entries: each
    income counts at the rate in effect on its day, if the remuneration base then in effect
    counts its category. ``codes``: the categories that are remuneration
    (remuneration_codes)."""
    entries = list(entries)
    taken = sum((e.amount for e in entries
                 if e.direction == "expense" and e.category in codes), ZERO)
    shares: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)  # rate -> income it applies to
    for e in entries:
        if e.direction == "income":
            base = schedule.at(BASE, e.date).codes
            if base is None or e.category in base:
                shares[schedule.at(RATE, e.date).number] += e.amount
    allowed = sum((amount * rate for rate, amount in shares.items()), ZERO)
    return taken, allowed.quantize(Decimal("0.01"))


def remuneration_margin(entries: Iterable[Entry], rounding: str,
                        codes: Collection[str] = (REMUNERATION,)) -> Decimal:
    """What rounding each remuneration payment (as the contract says: to the fen or to the
    yuan) may add over the exact share: half a unit a payment, to the fen above."""
    payments = sum(1 for e in entries if e.direction == "expense" and e.category in codes)
    return (ROUNDING[rounding] * payments).quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def budget_in_force(lines: Iterable[BudgetLine]) -> tuple[BudgetLine, ...]:
    """Each budget line as its latest adjustment set it: under its own id (which the
    ledger's budget_line names), with the adjusted item and amount. Adjustment lines do
    not count beside the line they adjust."""
    lines = tuple(lines)
    replaced_by = {(b.year, b.adjusts): b for b in lines if b.adjusts}
    result = []
    for line in lines:
        if line.adjusts:
            continue
        latest, seen = line, {line.line_id}
        while (latest.year, latest.line_id) in replaced_by:
            latest = replaced_by[(latest.year, latest.line_id)]
            if latest.line_id in seen:  # a cycle: refused by validation; the original stands
                latest = line
                break
            seen.add(latest.line_id)
        result.append(line if latest is line
                      else replace(line, item=latest.item, amount=latest.amount))
    return tuple(result)


def latest_revisions(rows: Iterable[Revisable]) -> tuple[Revisable, ...]:
    """Per period (a statement's month, a collection's year), the row that counts: the
    latest correction, or the row first published when there is none."""
    latest: dict[object, Revisable] = {}
    for row in rows:
        period = row.period
        kept = latest.get(period)
        if kept is None or (row.revised or date.min) >= (kept.revised or date.min):
            latest[period] = row
    return tuple(latest.values())
