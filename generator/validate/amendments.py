"""How published figures change in the open: a term from a later date set by a
resolution, a budget line adjusted by a line naming its resolution, a vote count or a
bank statement corrected by a row beside the one first published. These rules check the
amending rows; validate/published.py refuses an edit of what was published."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import accounts
from ..domain import MAX_ANSWER_DAYS, OPTIONAL_TERMS
from ..issues import Issue, Where, display_path, raises
from ..issues import accounts as found
from ..published import Record
from ..records import BudgetLine, Category, CollectionYear, Community, Resolution, Statement
from ..terms import ANSWER_DAYS, APPROVAL_LIMIT, BASE, FEE, RATE, Term


@raises(found.AMENDMENT_RESOLUTION_UNKNOWN, found.TERM_INVALID, found.TERM_RETROACTIVE,
        found.BUDGET_ADJUSTMENT_INVALID, found.RESOLUTION_CORRECTION_INVALID,
        found.REVISION_INVALID)
def check(c: Community, categories: Mapping[str, Category], record: Record,
          today: date) -> Iterator[Issue]:
    resolutions = {r.resolution_id: r for r in c.resolutions}
    yield from check_terms(c, categories, resolutions)
    yield from check_terms_published(c, record, today)
    yield from check_adjustments(c, resolutions)
    yield from check_cited_lines(c)
    yield from check_resolution_corrections(c, resolutions)
    yield from check_revisions(c, "statements", c.statements, early=True)
    yield from check_revisions(c, "collection", c.collection, early=False)


# ---- Terms ------------------------------------------------------------------------------

def check_terms(c: Community, categories: Mapping[str, Category],
                resolutions: Mapping[str, Resolution]) -> Iterator[Issue]:
    where = c.where.get("terms")
    descriptor = Where(display_path(c.path / "datapackage.json"), c.package)
    for t in c.terms:
        if t.first and t.term == BASE:  # the descriptor's other terms passed its schema
            yield from _value(descriptor, t, categories)
    seen: dict[tuple[str, object], str] = {}
    for t in (t for t in c.terms if not t.first):
        assert where is not None  # a term not from the descriptor comes from terms.csv
        yield from _value(where, t, categories)
        key = (t.term, t.effective)
        if key in seen:
            yield found.TERM_RETROACTIVE(where, t.row, "effective", variant="twice",
                                         key=t.term_id, term=t.term, effective=t.effective,
                                         other=seen[key])
        seen.setdefault(key, t.term_id)
        decided = resolutions.get(t.resolution)
        if decided is None:
            yield found.AMENDMENT_RESOLUTION_UNKNOWN(where, t.row, "resolution", table="terms",
                                                     key=t.term_id, resolution=t.resolution)
        elif t.term in OPTIONAL_TERMS and t.effective < c.profile.trust_since:
            yield found.TERM_RETROACTIVE(where, t.row, "effective", variant="before-trust",
                                         key=t.term_id, effective=t.effective,
                                         since=c.profile.trust_since)
        elif t.term not in OPTIONAL_TERMS and t.effective <= c.profile.trust_since:
            yield found.TERM_RETROACTIVE(where, t.row, "effective", variant="trust",
                                         key=t.term_id, effective=t.effective,
                                         since=c.profile.trust_since)
        elif t.effective < decided.date:
            yield found.TERM_RETROACTIVE(where, t.row, "effective", key=t.term_id,
                                         effective=t.effective, resolution=t.resolution,
                                         decided=decided.date)


def check_terms_published(c: Community, record: Record, today: date) -> Iterator[Issue]:
    """A term published after a month it would apply to was published would change what
    residents already read of that month, whatever date its resolution bears: it applies
    from the first month not yet published when it is. An optional term's earliest row
    (answer_days, approval_limit) is the exception: before it nothing was judged by that
    kind of term, so it can only add findings to months already read, never take one away."""
    names = (*c.former, c.id)
    months = record.months(*names)
    terms = record.under("terms", names)
    earliest = {kind: min((t.effective for t in c.terms if t.term == kind), default=None)
                for kind in OPTIONAL_TERMS}
    for t in (t for t in c.terms if not t.first and earliest.get(t.term) != t.effective):
        published = terms[t.term_id].date[:10] if t.term_id in terms else today.isoformat()
        before = sorted(m for m, day in months.items()
                        if m >= f"{t.effective:%Y-%m}" and day < published)
        if before:
            yield found.TERM_RETROACTIVE(c.where["terms"], t.row, "effective",
                                         variant="published", key=t.term_id,
                                         effective=t.effective, month=before[0],
                                         day=months[before[0]], published=published)


def _value(where: Where, t: Term, categories: Mapping[str, Category]) -> Iterator[Issue]:
    key, field = (f"community.{t.term}", t.term) if t.first else (t.term_id, "value")
    said = {"key": key, "value": t.value}
    if t.term in (RATE, FEE):
        number = _decimal(t.value)
        fits = number is not None and (Decimal(0) < number < 1 if t.term == RATE
                                       else Decimal(0) < number < 1000)
        if not fits:
            yield found.TERM_INVALID(where, t.row or None, field,
                                     variant="" if t.term == RATE else "fee", **said)
    elif t.term == ANSWER_DAYS:
        if not (t.value.isascii() and t.value.isdigit() and 1 <= int(t.value) <= MAX_ANSWER_DAYS):
            yield found.TERM_INVALID(where, t.row or None, field, variant="days",
                                     limit=MAX_ANSWER_DAYS, **said)
    elif t.term == APPROVAL_LIMIT:
        number = _decimal(t.value)
        if number is None or number <= 0 or number.as_tuple().exponent < -2:  # type: ignore[operator]
            yield found.TERM_INVALID(where, t.row or None, field, variant="amount", **said)
    elif t.term == BASE and t.codes is not None:
        for code in sorted(t.codes):
            category = categories.get(code)
            if category is None or category.direction != "income":
                yield found.TERM_INVALID(where, t.row or None, field, variant="base", key=key,
                                         value=code)


def _decimal(text: str) -> Decimal | None:
    """One written form, as a table's numbers: digits, a point, digits."""
    if not text.replace(".", "", 1).isdigit() or not text.isascii():
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# ---- Budget adjustments -----------------------------------------------------------------

def check_adjustments(c: Community, resolutions: Mapping[str, Resolution]) -> Iterator[Issue]:
    where = c.where["budget"]
    lines = {(b.year, b.line_id): b for b in c.budget}
    by: dict[tuple[int, str], str] = {}
    for b in (b for b in c.budget if b.adjusts):
        said: dict[str, Any] = {"line": b.line_id, "adjusts": b.adjusts, "year": b.year}
        original = lines.get((b.year, b.adjusts))
        if original is None or original is b:
            yield found.BUDGET_ADJUSTMENT_INVALID(where, b.row, "adjusts", **said)
            continue
        yield from _fits(where, b, original, said)
        if not b.resolution:
            yield found.BUDGET_ADJUSTMENT_INVALID(where, b.row, "resolution",
                                                  variant="resolution", **said)
        elif b.resolution not in resolutions:
            yield found.AMENDMENT_RESOLUTION_UNKNOWN(where, b.row, "resolution", table="budget",
                                                     key=f"{b.year} / {b.line_id}",
                                                     resolution=b.resolution)
        if (b.year, b.adjusts) in by:
            yield found.BUDGET_ADJUSTMENT_INVALID(where, b.row, "adjusts", variant="twice",
                                                  other=by[(b.year, b.adjusts)], **said)
        by.setdefault((b.year, b.adjusts), b.line_id)
        if _cycle(b, lines):
            yield found.BUDGET_ADJUSTMENT_INVALID(where, b.row, "adjusts", variant="cycle",
                                                  **said)


def _fits(where: Where, b: BudgetLine, original: BudgetLine,
          said: Mapping[str, Any]) -> Iterator[Issue]:
    for field in ("direction", "category"):
        if getattr(b, field) != getattr(original, field):
            yield found.BUDGET_ADJUSTMENT_INVALID(where, b.row, field, variant="differs",
                                                  field=field, value=getattr(b, field),
                                                  original=getattr(original, field), **said)
            return


def _cycle(b: BudgetLine, lines: Mapping[tuple[int, str], BudgetLine]) -> bool:
    seen, current = {b.line_id}, lines.get((b.year, b.adjusts))
    while current is not None and current.adjusts:
        if current.adjusts in seen:
            return current.adjusts == b.line_id
        seen.add(current.line_id)
        current = lines.get((b.year, current.adjusts))
    return False


def check_cited_lines(c: Community) -> Iterator[Issue]:
    """An entry names the budget line it spends from, not one of its adjustments."""
    adjustments = {(b.year, b.line_id): b.adjusts for b in c.budget if b.adjusts}
    for e in c.entries:
        adjusts = adjustments.get((e.date.year, e.budget_line))
        if adjusts:
            yield found.BUDGET_ADJUSTMENT_INVALID(c.where["ledger"], e.row, "budget_line",
                                                  variant="cited", line=e.budget_line,
                                                  adjusts=adjusts, year=e.date.year)


# ---- Corrected vote counts -------------------------------------------------------------

def check_resolution_corrections(c: Community,
                                 resolutions: Mapping[str, Resolution]) -> Iterator[Issue]:
    where = c.where["resolutions"]
    by: dict[str, str] = {}
    for r in (r for r in c.resolutions if r.corrects):
        said: dict[str, Any] = {"key": r.resolution_id, "original": r.corrects}
        original = resolutions.get(r.corrects)
        if original is None or original is r:
            yield found.RESOLUTION_CORRECTION_INVALID(where, r.row, "corrects", **said)
            continue
        if r.kind != original.kind:
            yield found.RESOLUTION_CORRECTION_INVALID(where, r.row, "kind", variant="kind",
                                                      kind=r.kind, original_kind=original.kind,
                                                      **said)
        elif r.date < original.date:
            yield found.RESOLUTION_CORRECTION_INVALID(where, r.row, "date", variant="before",
                                                      date=r.date, original_date=original.date,
                                                      **said)
        if r.corrects in by:
            yield found.RESOLUTION_CORRECTION_INVALID(where, r.row, "corrects", variant="twice",
                                                      other=by[r.corrects], **said)
        by.setdefault(r.corrects, r.resolution_id)


# ---- Corrected statements and collection figures ---------------------------------------

def check_revisions(c: Community, table: str, rows: Sequence[Statement] | Sequence[CollectionYear],
                    early: bool) -> Iterator[Issue]:
    where = c.where.get(table)
    originals = {row.period for row in _originals(rows)}
    for row in (r for r in rows if r.revised):
        assert where is not None
        said: dict[str, Any] = {"table": table, "period": row.period, "revised": row.revised}
        if row.period not in originals:
            yield found.REVISION_INVALID(where, row.row, "revised", **said)
        if not row.note.strip():
            yield found.REVISION_INVALID(where, row.row, "note", variant="note", **said)
        if early and isinstance(row, Statement) and row.revised and \
                row.revised <= accounts.month_end(row.month):
            yield found.REVISION_INVALID(where, row.row, "revised", variant="early", **said)


def _originals(rows: Iterable[Statement | CollectionYear]) -> Iterator[Statement | CollectionYear]:
    return (r for r in rows if r.revised is None)
