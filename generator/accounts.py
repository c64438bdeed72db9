"""Accounting over ledger entries, shared by the rules and the pages so that a finding
and the figure shown beside it are computed the same way."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from .domain import REMUNERATION
from .records import BudgetLine, Category, Entry

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


def remuneration_limit(entries: Iterable[Entry], rate: Decimal,
                       codes: Collection[str] = (REMUNERATION,)) -> tuple[Decimal, Decimal]:
    """(remuneration taken, the most the agreed rate allows) over the given entries;
    ``codes``: the categories that are remuneration (remuneration_codes)."""
    entries = list(entries)
    taken = sum((e.amount for e in entries
                 if e.direction == "expense" and e.category in codes), ZERO)
    allowed = (total(entries, "income") * rate).quantize(Decimal("0.01"))
    return taken, allowed
