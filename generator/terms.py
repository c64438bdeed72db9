"""Dated terms: the values the owners agreed with the trustee that decide findings (the
remuneration rate and the income it is a share of, the fee standard, the trustee), each in
effect from a date, set by a resolution.

A package's descriptor gives the first term of each, in effect from ``trust_since``;
``terms.csv`` adds later ones, each naming the resolution that set it. A published term is
never edited: a new rate is a new row from a later date, so the findings residents saw for
the months before stay as they were. The descriptor's values (and the opening balance and
the sample flag, which decide findings too) are recorded like a table's rows, under
PROFILE, so that an edit of the descriptor is refused as an edit of a row is.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .domain import DEFAULT_ROUNDING, OPTIONAL_TERMS, TERMS

RATE, BASE, FEE, TRUSTEE = TERMS
ANSWER_DAYS, APPROVAL_LIMIT = OPTIONAL_TERMS
ALL_INCOME = "all"  # the remuneration base when the contract counts every income
PROFILE = "profile"  # the record's name for the descriptor's values (a table of its own)
PROFILE_COLUMNS = ("field", "value")
PROFILE_PREFIX = "datapackage:"  # a first term's id: no terms.csv id holds a colon


@dataclass(frozen=True)
class Term:
    row: int  # data row in terms.csv; 0 for a first term, from the descriptor
    term_id: str
    term: str  # one of TERMS
    value: str  # as written; the rules checked it (validate/terms.py) before anyone reads it
    effective: date
    resolution: str  # "" for a first term: the descriptor's own
    note: str = ""

    @property
    def first(self) -> bool:
        return self.row == 0

    @property
    def number(self) -> Decimal:
        return Decimal(self.value)

    @property
    def codes(self) -> frozenset[str] | None:
        """The income categories of a remuneration base; None: every income."""
        words = self.value.split()
        return None if words == [ALL_INCOME] else frozenset(words)


def first_terms(block: Mapping[str, Any]) -> tuple[Term, ...]:
    """The descriptor's community block (already checked by its schema) as first terms."""
    since = date.fromisoformat(block["trust_since"])
    values = {RATE: _number(block["remuneration_rate"]), FEE: _number(block["fee_standard"]),
              TRUSTEE: str(block["trustee"]), BASE: str(block.get(BASE, ALL_INCOME))}
    return tuple(Term(0, PROFILE_PREFIX + t, t, values[t], since, "") for t in TERMS)


def profile_rows(descriptor: object) -> Iterator[tuple[str, tuple[str, str]]]:
    """(key, (field, value)) of what a community descriptor publishes that decides findings,
    each value in one written form; a descriptor of any shape (an old version in the git
    history) gives what it has."""
    block = descriptor.get("community") if isinstance(descriptor, dict) else None
    if not isinstance(block, dict):
        return
    opening = block.get("opening_balance")
    opening = opening if isinstance(opening, dict) else {}
    found = {"trust_since": block.get("trust_since"), TRUSTEE: block.get("trustee"),
             RATE: block.get(RATE), BASE: block.get(BASE, ALL_INCOME),
             FEE: block.get(FEE), "opening_balance.date": opening.get("date"),
             "opening_balance.amount": opening.get("amount"),
             "sample": descriptor.get("sample") if isinstance(descriptor, dict) else None,
             "remuneration_rounding": block.get("remuneration_rounding", DEFAULT_ROUNDING)}
    for name, value in found.items():
        if value is not None:
            yield name, (name, _written(value))


def _written(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _number(value)


def _number(value: object) -> str:
    """0.15, 0.150 and 1.1 as 0.15, 0.15 and 1.1: the figure, not how JSON wrote it."""
    try:
        found = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not found.is_finite():
        return str(value)
    text = format(found.normalize(), "f")
    return text


class Schedule:
    """Every term of a community by kind, in date order: the value in effect on a day."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.by_kind: dict[str, list[Term]] = {t: [] for t in (*TERMS, *OPTIONAL_TERMS)}
        for term in sorted(terms, key=lambda t: (t.effective, t.row)):
            self.by_kind.setdefault(term.term, []).append(term)
        self._days = {k: [t.effective for t in v] for k, v in self.by_kind.items()}

    def at(self, kind: str, day: date) -> Term:
        """The term in effect on ``day``; before the first, the first (the ledger may
        start before trust_since with the opening balance)."""
        terms = self.by_kind[kind]
        return terms[max(bisect.bisect_right(self._days[kind], day) - 1, 0)]

    def declared(self, kind: str, day: date) -> Term | None:
        """An optional term in effect on ``day``: None before the community declared one."""
        terms = self.by_kind[kind]
        found = bisect.bisect_right(self._days[kind], day) - 1
        return terms[found] if found >= 0 else None

    def during(self, kind: str, start: date, end: date) -> list[Term]:
        """The terms in effect on some day from ``start`` to ``end``."""
        return [t for i, t in enumerate(self.by_kind[kind])
                if t.effective <= end and (i + 1 == len(self.by_kind[kind])
                                           or self.by_kind[kind][i + 1].effective > start)]

    def latest(self, kind: str) -> Term:
        return self.by_kind[kind][-1]

    def latest_declared(self, kind: str) -> Term | None:
        return self.by_kind[kind][-1] if self.by_kind[kind] else None

    def changes(self) -> Sequence[Term]:
        """The terms set after the first ones, in date order: what a page lists."""
        return sorted((t for ts in self.by_kind.values() for t in ts if not t.first),
                      key=lambda t: (t.effective, t.term_id))
