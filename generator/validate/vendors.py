"""Vendors: no vendor takes most of a category for years unless a resolution chose it; no
purchases split under the amount that needs a resolution; payments to the trustee's related
parties are flagged.

The rules read the counted expenses (a correction replaces what it corrects), each payee
by its name as residents would recognise it: the same words in whatever width, case or
spacing are the same payee. A counterparty redacted as personal data is a person, not a
vendor, and is left out. The helpers here are shared with the page (model/vendors.py), so
that a finding and the figures shown beside it are counted the same way."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import accounts
from ..derivatives import DEFAULT_MAX_BYTES
from ..domain import SPLIT_SHARE, VENDOR_EXEMPT, VENDOR_MIN_SPEND, VENDOR_SHARE, VENDOR_YEARS
from ..issues import Issue, raises
from ..issues.accounts import AMENDMENT_RESOLUTION_UNKNOWN
from ..issues.vendors import (
    PARTY_DATES_REVERSED,
    PARTY_DUPLICATE,
    PARTY_RESOLUTION_MISSING,
    PURCHASES_SPLIT,
    RELATED_PARTY_PAID,
    VENDOR_CONCENTRATION,
)
from ..records import Category, Community, Entry, Party
from ..terms import APPROVAL_LIMIT

RELATED, CONTRACTED = "related", "contracted"


def key(name: str) -> str:
    """A payee's name as compared: NFKC, without whitespace, casefolded."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def exempt_codes(categories: Mapping[str, Category]) -> frozenset[str]:
    """The categories whose payee the trustee does not choose (domain.VENDOR_EXEMPT) and
    every category under one of them in the chart of accounts."""
    roots = set(VENDOR_EXEMPT)

    def under(code: str) -> bool:
        seen: set[str] = set()
        while code and code not in seen:
            if code in roots:
                return True
            seen.add(code)
            code = categories[code].parent if code in categories else ""
        return False
    return frozenset(roots | {code for code in categories if under(code)})


def payments(c: Community) -> tuple[Entry, ...]:
    """The counted expenses paid to a vendor: without counterparties redacted as personal."""
    hidden = {r.entry for r in c.redactions if r.field == "counterparty"}
    return tuple(e for e in accounts.counted(c.entries)
                 if e.direction == "expense" and e.entry_id not in hidden
                 and key(e.counterparty))


def covers(p: Party, day: date) -> bool:
    return p.since <= day and (p.until is None or day <= p.until)


def overlaps(p: Party, year: int) -> bool:
    return p.since <= date(year, 12, 31) and (p.until is None or p.until >= date(year, 1, 1))


def declared(c: Community, relation: str) -> dict[str, tuple[Party, ...]]:
    """Payee key -> its declared rows of ``relation``."""
    found: dict[str, list[Party]] = defaultdict(list)
    for p in c.parties:
        if p.relation == relation:
            found[key(p.party)].append(p)
    return {k: tuple(v) for k, v in found.items()}


def names(entries: Iterable[Entry]) -> dict[str, str]:
    """Payee key -> the name as the ledger first writes it (by date, then row)."""
    found: dict[str, str] = {}
    for e in sorted(entries, key=lambda e: (e.date, e.row)):
        found.setdefault(key(e.counterparty), e.counterparty)
    return found


# ---- Errors ---------------------------------------------------------------------------

@raises(PARTY_RESOLUTION_MISSING, AMENDMENT_RESOLUTION_UNKNOWN, PARTY_DATES_REVERSED,
        PARTY_DUPLICATE)
def check(c: Community, categories: Mapping[str, Category], today: date,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    """Errors: the register's rows make sense (run before any finding)."""
    where = c.where.get("parties")
    if where is None:
        return
    resolutions = {r.resolution_id for r in c.resolutions}
    seen: dict[str, Party] = {}
    for p in c.parties:
        if p.relation == CONTRACTED and not p.resolution:
            yield PARTY_RESOLUTION_MISSING(where, p.row, "resolution", party=p.party)
        elif p.resolution and p.resolution not in resolutions:
            yield AMENDMENT_RESOLUTION_UNKNOWN(where, p.row, "resolution", table="parties",
                                               key=p.party, resolution=p.resolution)
        if p.until is not None and p.until < p.since:
            yield PARTY_DATES_REVERSED(where, p.row, "until", party=p.party,
                                       until=p.until, since=p.since)
        first = seen.setdefault(key(p.party), p)
        if first is not p and first.party != p.party:  # the same text: the schema's unique
            yield PARTY_DUPLICATE(where, p.row, "party", party=p.party, other=first.party,
                                  other_row=first.row)


# ---- Findings -------------------------------------------------------------------------

@raises(VENDOR_CONCENTRATION, PURCHASES_SPLIT, RELATED_PARTY_PAID)
def findings(c: Community, categories: Mapping[str, Category], today: date) -> Iterator[Issue]:
    """Run on packages without errors only."""
    paid = payments(c)
    exempt = exempt_codes(categories)
    chosen = [e for e in paid if e.category not in exempt]
    yield from concentration(c, chosen)
    yield from split(c, chosen)
    yield from related(c, paid)


@dataclass(frozen=True)
class Run:
    """Consecutive years in which one vendor took more than half of a category."""

    category: str
    vendor: str  # its key
    years: tuple[int, ...]
    shares: tuple[Decimal, ...]
    total: Decimal
    first_entry: Entry


def concentration(c: Community, entries: Sequence[Entry]) -> Iterator[Issue]:
    shown = names(entries)
    for run in runs(c, entries):
        yield VENDOR_CONCENTRATION(
            c.where["ledger"], run.first_entry.row, "counterparty", category=run.category,
            vendor=shown[run.vendor], first=run.years[0], last=run.years[-1],
            years=len(run.years), share=min(run.shares), total=run.total)


def runs(c: Community, entries: Sequence[Entry]) -> list[Run]:
    """Every run of at least VENDOR_YEARS years, by category then first year."""
    contracted = declared(c, CONTRACTED)
    by_category: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_category[e.category].append(e)
    found = []
    for category, spent in sorted(by_category.items()):
        current: list[tuple[int, str, Decimal, list[Entry]]] = []
        for year, (vendor, share, own) in sorted(_leaders(spent).items()):
            if any(overlaps(p, year) for p in contracted.get(vendor, ())):
                continue  # an owners' resolution chose it that year: the run breaks
            if current and (current[-1][0] != year - 1 or current[-1][1] != vendor):
                found += _closed(category, current)
                current = []
            current.append((year, vendor, share, own))
        found += _closed(category, current)
    return found


def _leaders(spent: Sequence[Entry]) -> dict[int, tuple[str, Decimal, list[Entry]]]:
    """Year -> (vendor, share, its entries) where one vendor took more than VENDOR_SHARE
    of a category that spent at least VENDOR_MIN_SPEND that year."""
    result = {}
    for year, entries in accounts.by_year(spent).items():
        total = sum((e.amount for e in entries), Decimal(0))
        by_vendor: dict[str, list[Entry]] = defaultdict(list)
        for e in entries:
            by_vendor[key(e.counterparty)].append(e)
        for vendor, own in by_vendor.items():
            share = sum((e.amount for e in own), Decimal(0)) / total
            if total >= VENDOR_MIN_SPEND and share > VENDOR_SHARE:
                result[year] = (vendor, share, own)
    return result


def _closed(category: str, run: list[tuple[int, str, Decimal, list[Entry]]]) -> list[Run]:
    if len(run) < VENDOR_YEARS:
        return []
    own = [e for _, _, _, entries in run for e in entries]
    first = min(own, key=lambda e: (e.date, e.row))
    return [Run(category, run[0][1], tuple(y for y, *_ in run), tuple(s for _, _, s, _ in run),
                sum((e.amount for e in own), Decimal(0)), first)]


@dataclass(frozen=True)
class Split:
    """Payments to one vendor in one month, each under the approval limit then in effect
    and above SPLIT_SHARE of it, that together reach it."""

    vendor: str  # its key
    month: str
    entries: tuple[Entry, ...]
    limit: Decimal

    @property
    def total(self) -> Decimal:
        return sum((e.amount for e in self.entries), Decimal(0))


def splits(c: Community, entries: Sequence[Entry]) -> list[Split]:
    """Payments to a vendor while a resolution chose it are the contract's, not split."""
    contracted = declared(c, CONTRACTED)
    groups: dict[tuple[str, str], list[tuple[Entry, Decimal]]] = defaultdict(list)
    for e in entries:
        term = c.schedule.declared(APPROVAL_LIMIT, e.date)
        vendor = key(e.counterparty)
        if term is None or any(covers(p, e.date) for p in contracted.get(vendor, ())):
            continue
        if term.number * SPLIT_SHARE < e.amount < term.number:
            groups[(vendor, e.month)].append((e, term.number))
    found = []
    for (vendor, month), group in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0])):
        limit = max(limit for _, limit in group)
        split = Split(vendor, month, tuple(sorted((e for e, _ in group),
                                                  key=lambda e: (e.date, e.row))), limit)
        if len(split.entries) >= 2 and split.total >= limit:
            found.append(split)
    return found


def split(c: Community, entries: Sequence[Entry]) -> Iterator[Issue]:
    shown = names(entries)
    for s in splits(c, entries):
        yield PURCHASES_SPLIT(c.where["ledger"], s.entries[0].row, "amount",
                              vendor=shown[s.vendor], month=s.month, count=len(s.entries),
                              total=s.total, limit=s.limit,
                              entries=", ".join(e.entry_id for e in s.entries))


def related_paid(c: Community, entries: Sequence[Entry]
                 ) -> dict[tuple[int, int], list[Entry]]:
    """(party row, year) -> the payments to a declared related party within its dates."""
    related_rows = declared(c, RELATED)
    found: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    for e in entries:
        for p in related_rows.get(key(e.counterparty), ()):
            if covers(p, e.date):
                found[(p.row, e.date.year)].append(e)
    return dict(sorted(found.items()))


def related(c: Community, entries: Sequence[Entry]) -> Iterator[Issue]:
    rows = {p.row: p for p in c.parties}
    for (row, year), paid in related_paid(c, entries).items():
        p = rows[row]
        yield RELATED_PARTY_PAID(
            c.where["parties"], p.row, "party", variant="approved" if p.resolution else "",
            party=p.party, note=p.note, year=year, count=len(paid),
            total=sum((e.amount for e in paid), Decimal(0)), approved=p.resolution)
