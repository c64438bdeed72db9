"""Who the common fund pays, by year: each vendor's amount and share, the trustee's declared
related parties wherever they are paid, and split purchases.

The figures come from the same helpers as the rules (validate/vendors.py): counted
expenses, payees compared by their normalised names, a payee redacted as personal data
left unnamed among the others."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .. import accounts
from ..formats import money
from ..issues import Issue
from ..issues.vendors import FINDINGS
from ..records import Category, Community, Entry, Party
from ..terms import APPROVAL_LIMIT, Term
from ..validate.vendors import (
    CONTRACTED,
    RELATED,
    key,
    names,
    overlaps,
    payments,
    related_paid,
)
from .notes import Note, note

TOP = 10  # vendors listed a year; the rest are one line (a flagged vendor is always listed)
CODES = frozenset(t.code for t in FINDINGS)
# The sentences under a ledger entry (generator/i18n/en-vendors.json has their English).
RELATED_NOTE = "受托人的关联方：{note}"
RELATED_NOTE_BARE = "受托人的关联方"
SPLIT_NOTE = "同月向同一单位的 {count} 笔付款合计 {total} 元，达到须经决议的 {limit} 元"


@dataclass(frozen=True)
class VendorRow:
    vendor: str  # as the ledger first writes it
    amount: Decimal
    share: float  # of the year's counted expense
    categories: tuple[str, ...]  # category codes, the largest first
    related: Party | None = None  # declared related party of the trustee that year
    contracted: Party | None = None  # declared chosen by a resolution that year
    findings: tuple[Issue, ...] = ()  # this area's findings about it that year


@dataclass(frozen=True)
class VendorYear:
    year: int
    total: Decimal  # the year's counted expense
    rows: tuple[VendorRow, ...]
    others: int = 0  # payees not listed
    others_amount: Decimal = Decimal(0)

    @property
    def others_share(self) -> float:
        return float(self.others_amount / self.total) if self.total else 0.0


@dataclass(frozen=True)
class RelatedParty:
    party: Party
    count: int  # payments within its declared dates
    total: Decimal
    findings: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class VendorsView:
    years: tuple[VendorYear, ...] = ()  # latest first
    related: tuple[RelatedParty, ...] = ()
    contracted: tuple[Party, ...] = ()
    limits: tuple[Term, ...] = ()  # the approval limits declared, in date order
    findings: tuple[Issue, ...] = ()  # this area's findings
    parties_published: bool = False
    # entry_id -> notes shown under the entry on its month page (model/notes.py)
    entry_notes: dict[str, tuple[Note, ...]] = field(default_factory=dict)


def build(c: Community, findings: tuple[Issue, ...], categories: Mapping[str, Category],
          today: date) -> VendorsView:
    """``findings``: the community's, as published on its page."""
    own = tuple(f for f in findings if f.code in CODES)
    paid = payments(c)
    spent = related_paid(c, paid)
    return VendorsView(
        years=_years(c, paid, own),
        related=tuple(_related(p, spent, own) for p in c.parties if p.relation == RELATED),
        contracted=tuple(p for p in c.parties if p.relation == CONTRACTED),
        limits=tuple(c.schedule.by_kind.get(APPROVAL_LIMIT, ())), findings=own,
        parties_published="parties" in c.where,
        entry_notes=_notes(c, spent, own))


def _related(p: Party, spent: Mapping[tuple[int, int], Sequence[Entry]],
             own: Sequence[Issue]) -> RelatedParty:
    entries = [e for (row, _), found in spent.items() if row == p.row for e in found]
    return RelatedParty(p, len(entries), sum((e.amount for e in entries), Decimal(0)),
                        tuple(f for f in own if f.code == "related-party-paid"
                              and key(str(_value(f, "party"))) == key(p.party)))


def _notes(c: Community, spent: Mapping[tuple[int, int], Sequence[Entry]],
           own: Sequence[Issue]) -> dict[str, tuple[Note, ...]]:
    """Under each payment to a related party, the relation; under each payment of a split
    purchase, the month's count and total against the limit."""
    rows = {p.row: p for p in c.parties}
    notes: dict[str, list[Note]] = defaultdict(list)
    for (row, _), entries in spent.items():
        for e in entries:
            notes[e.entry_id].append(_related_note(rows[row]))
    for f in own:
        if f.code == "purchases-split":
            for entry_id in str(_value(f, "entries")).split(", "):
                notes[entry_id].append(note(
                    SPLIT_NOTE, count=_value(f, "count"), total=money(_value(f, "total")),
                    limit=money(_value(f, "limit"))))
    return {k: tuple(v) for k, v in notes.items()}


def _value(issue: Issue, name: str) -> Any:
    return dict(issue.values)[name]


def _related_note(p: Party) -> Note:
    return note(RELATED_NOTE, note=p.note) if p.note.strip() else note(RELATED_NOTE_BARE)


def _years(c: Community, paid: Sequence[Entry], own: Sequence[Issue]) -> tuple[VendorYear, ...]:
    expenses = accounts.by_year(e for e in accounts.counted(c.entries)
                                if e.direction == "expense")
    shown = names(paid)
    result = []
    for year, entries in accounts.by_year(paid).items():
        by_vendor: dict[str, list[Entry]] = defaultdict(list)
        for e in entries:
            by_vendor[key(e.counterparty)].append(e)
        total = accounts.total(expenses[year], "expense")
        listed = sorted((_row(c, year, shown[k], v, total, own) for k, v in by_vendor.items()),
                        key=lambda r: (-r.amount, r.vendor))
        rows = tuple(r for i, r in enumerate(listed) if i < TOP or r.related or r.findings)
        # each payment redacted as personal data is a payee of its own among the others
        redacted = len(expenses[year]) - len(entries)
        result.append(VendorYear(year, total, rows, len(listed) - len(rows) + redacted,
                                 total - sum((r.amount for r in rows), Decimal(0))))
    return tuple(reversed(result))


def _row(c: Community, year: int, vendor: str, entries: Sequence[Entry], total: Decimal,
         own: Sequence[Issue]) -> VendorRow:
    amount = sum((e.amount for e in entries), Decimal(0))
    by_category = accounts.spent_by_category(entries, "expense")
    parties = [p for p in c.parties if key(p.party) == key(vendor) and overlaps(p, year)]
    return VendorRow(
        vendor, amount, float(amount / total) if total else 0.0,
        tuple(sorted(by_category, key=lambda k: (-by_category[k], k))),
        next((p for p in parties if p.relation == RELATED), None),
        next((p for p in parties if p.relation == CONTRACTED), None),
        tuple(f for f in own if _concerns(f, vendor, year)))


def _concerns(f: Issue, vendor: str, year: int) -> bool:
    """Whether a finding is about this vendor in this year."""
    values = dict(f.values)
    name = values.get("vendor", values.get("party", ""))
    if key(str(name)) != key(vendor):
        return False
    if f.code == "vendor-concentration":
        return int(str(values["first"])) <= year <= int(str(values["last"]))
    if f.code == "purchases-split":
        return str(values["month"]).startswith(f"{year:04d}-")
    return values.get("year") == year
