"""Domain rules for one community's accounts. Errors stop the build; findings are
published on the community's page."""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from .. import accounts
from ..derivatives import DEFAULT_MAX_BYTES
from ..domain import over_budget
from ..issues import DOCUMENT, LEDGER_VOUCHER, Issue, Where, raises
from ..issues import accounts as found
from ..issues.cells import AMOUNT_PRECISION
from ..issues.packages import COMMUNITY_TITLE_DUPLICATE
from ..load import Package
from ..records import Category, Community, Entry
from ..terms import BASE, RATE, Term
from . import common
from .files import Problem


@raises(found.CATEGORY_UNKNOWN, found.CATEGORY_DIRECTION_MISMATCH,
        found.LEDGER_AMOUNT_PRECISION, found.LEDGER_AMOUNT_ZERO,
        found.LEDGER_DATE_BEFORE_OPENING, found.LEDGER_DATE_FUTURE,
        found.LEDGER_VOUCHER_MISSING, LEDGER_VOUCHER, found.LEDGER_BUDGET_LINE_UNKNOWN,
        found.LEDGER_CORRECTS_UNKNOWN, found.LEDGER_CORRECTS_TWICE,
        found.LEDGER_CORRECTION_INVALID,
        AMOUNT_PRECISION, found.RESOLUTION_VOTES_EXCEED_ELIGIBLE, DOCUMENT,
        found.COLLECTION_PAID_EXCEEDS_BILLED)
def check(c: Community, categories: Mapping[str, Category], today: date,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    """``max_bytes``: the largest voucher or document (--max-voucher-bytes)."""
    yield from check_entries(c, categories, today, max_bytes)
    yield from check_corrections(c)
    yield from check_budget(c, categories)
    yield from check_resolutions(c, max_bytes)
    yield from check_collection(c)
    yield from check_statement_files(c, max_bytes)


@raises(COMMUNITY_TITLE_DUPLICATE)
def check_titles(packages: Iterable[Package]) -> Iterator[Issue]:
    """Every community has a title of its own, as residents read it: the same words, in
    whatever width, case or spacing, are the same title."""
    seen: dict[str, str] = {}
    for package in packages:
        title = package.descriptor.get("title")
        if not isinstance(title, str):
            continue  # the descriptor's own check reports it
        key = "".join(unicodedata.normalize("NFKC", title).casefold().split())
        if key in seen:
            yield COMMUNITY_TITLE_DUPLICATE(package.where, None, "title", title=title,
                                            other=seen[key])
        else:
            seen[key] = package.id


@raises(found.REMUNERATION_OVER_RATE, found.BUDGET_OVERRUN, found.BALANCE_MISMATCH,
        found.BALANCE_NEGATIVE)
def check_findings(c: Community, categories: Mapping[str, Category]) -> Iterator[Issue]:
    """Run on packages without errors only: the figures must be trustworthy first."""
    yield from remuneration_findings(c, accounts.remuneration_codes(categories))
    yield from budget_findings(c)
    yield from balance_findings(c)
    yield from negative_balance(c)


def check_entries(c: Community, categories: Mapping[str, Category], today: date,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    budget_keys = {(b.year, b.line_id) for b in c.budget}
    where = c.where["ledger"]
    seen: dict[str, Problem | None] = {}  # voucher path -> verdict, for this ledger
    for e in c.entries:
        yield from _category(where, e.row, e.category, e.direction, categories)
        yield from common.amount(where, e.row, "amount", e.amount,
                                 precision=found.LEDGER_AMOUNT_PRECISION,
                                 zero=found.LEDGER_AMOUNT_ZERO)
        dated = list(_date(c, e, today))
        yield from dated
        yield from _voucher(c, e, seen, max_bytes)
        # A wrong date would also make its budget line look wrong: report the date only.
        if not dated and e.budget_line and (e.date.year, e.budget_line) not in budget_keys:
            yield found.LEDGER_BUDGET_LINE_UNKNOWN(where, e.row, "budget_line",
                                                   line=e.budget_line, year=e.date.year)


def _date(c: Community, e: Entry, today: date) -> Iterator[Issue]:
    where = c.where["ledger"]
    if e.date < c.profile.opening_date:
        yield found.LEDGER_DATE_BEFORE_OPENING(where, e.row, "date", date=e.date,
                                               opening=c.profile.opening_date)
    if e.date > today:
        yield found.LEDGER_DATE_FUTURE(where, e.row, "date", date=e.date, today=today)


def _category(where: Where, row: int, code: str, direction: str,
              categories: Mapping[str, Category]) -> Iterator[Issue]:
    category = categories.get(code)
    if category is None:
        yield _unknown(where, row, code, categories)
    elif category.direction != direction:
        yield found.CATEGORY_DIRECTION_MISMATCH(where, row, "category", code=code,
                                                expected=category.direction,
                                                direction=direction)


def _unknown(where: Where, row: int, code: str, categories: Mapping[str, Category]) -> Issue:
    """An unknown category, with the code it was meant to be: a category's name written
    for its code (保洁 for cleaning), or a code spelled nearly right."""
    plain = unicodedata.normalize("NFKC", code).strip().casefold()
    for c in categories.values():
        if plain in (c.name_zh.casefold(), c.name_en.casefold()):
            return found.CATEGORY_UNKNOWN(where, row, "category", variant="named", code=code,
                                          fixed=c.code, name=c.name_zh)
    words = {w.casefold(): c for c in categories.values() for w in (c.name_zh, c.name_en)}
    words.update({c.casefold(): categories[c] for c in categories})  # a code before a name
    near = difflib.get_close_matches(plain, list(words), n=1, cutoff=0.75)
    if near:
        meant = words[near[0]]
        return found.CATEGORY_UNKNOWN(where, row, "category", variant="near", code=code,
                                      fixed=meant.code, name=meant.name_zh)
    return found.CATEGORY_UNKNOWN(where, row, "category", code=code)


def _voucher(c: Community, e: Entry, seen: dict[str, Problem | None],
             max_bytes: int) -> Iterator[Issue]:
    where = c.where["ledger"]
    if not e.voucher and e.direction == "expense":
        yield found.LEDGER_VOUCHER_MISSING(where, e.row, "voucher")
    yield from common.attached_file(c.path, e.voucher, "vouchers", LEDGER_VOUCHER, where,
                                    e.row, "voucher", seen=seen, max_bytes=max_bytes)


def check_corrections(c: Community) -> Iterator[Issue]:
    """A correction replaces one earlier entry of the same direction and year, once; two
    entries never correct each other (neither would count)."""
    by_id = {e.entry_id: e for e in c.entries}
    where = c.where["ledger"]
    seen: Counter[str] = Counter()
    for e in c.entries:
        original = by_id.get(e.corrects) if e.corrects else None
        if not e.corrects:
            continue
        if original is None or original is e:
            yield found.LEDGER_CORRECTS_UNKNOWN(where, e.row, "corrects", entry=e.corrects)
            continue
        seen[e.corrects] += 1
        if seen[e.corrects] > 1:
            yield found.LEDGER_CORRECTS_TWICE(where, e.row, "corrects", entry=e.corrects)
        yield from _correction(where, e, original, by_id)


def _correction(where: Where, e: Entry, original: Entry,
                by_id: Mapping[str, Entry]) -> Iterator[Issue]:
    said = {"entry": e.entry_id, "original": original.entry_id}
    if e.direction != original.direction:
        yield found.LEDGER_CORRECTION_INVALID(where, e.row, "corrects", kind=e.direction,
                                              original_kind=original.direction, **said)
    elif e.date < original.date or e.date.year != original.date.year:
        yield found.LEDGER_CORRECTION_INVALID(
            where, e.row, "date", variant="before" if e.date < original.date else "year",
            date=e.date, original_date=original.date, **said)
    elif _in_cycle(e, by_id):
        yield found.LEDGER_CORRECTION_INVALID(where, e.row, "corrects", variant="cycle", **said)


def _in_cycle(e: Entry, by_id: Mapping[str, Entry]) -> bool:
    seen, current = {e.entry_id}, by_id.get(e.corrects)
    while current is not None and current.corrects:
        if current.corrects in seen:
            return current.corrects == e.entry_id
        seen.add(current.entry_id)
        current = by_id.get(current.corrects)
    return False


def check_budget(c: Community, categories: Mapping[str, Category]) -> Iterator[Issue]:
    where = c.where["budget"]
    for line in c.budget:
        yield from _category(where, line.row, line.category, line.direction, categories)
        yield from common.amount(where, line.row, "amount", line.amount, positive=False)


def check_resolutions(c: Community, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    where = c.where["resolutions"]
    for r in c.resolutions:
        if r.votes_cast > r.eligible:
            yield found.RESOLUTION_VOTES_EXCEED_ELIGIBLE(
                where, r.row, "eligible", votes_for=r.votes_for, against=r.votes_against,
                abstentions=r.abstentions, cast=r.votes_cast, eligible=r.eligible)
        yield from _document(c, "resolutions", r.row, r.document, max_bytes)


def check_collection(c: Community) -> Iterator[Issue]:
    for y in c.collection:
        if y.households_paid > y.households_billed:
            yield found.COLLECTION_PAID_EXCEEDS_BILLED(
                c.where["collection"], y.row, "households_paid", paid=y.households_paid,
                billed=y.households_billed)


def check_statement_files(c: Community, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    for s in c.statements:
        yield from _document(c, "statements", s.row, s.document, max_bytes)


def _document(c: Community, table: str, row: int, value: str,
              max_bytes: int) -> Iterator[Issue]:
    yield from common.attached_file(c.path, value, "documents", DOCUMENT, c.where[table], row,
                                    "document", max_bytes=max_bytes)


def remuneration_findings(c: Community, codes: frozenset[str]) -> Iterator[Issue]:
    for year, entries in accounts.by_year(accounts.counted(c.entries)).items():
        taken, allowed = accounts.remuneration_limit(entries, c.schedule, codes)
        if taken <= allowed + accounts.remuneration_margin(entries, c.profile.rounding, codes):
            continue
        start, end = date(year, 1, 1), date(year, 12, 31)
        rates = c.schedule.during(RATE, start, end)
        bases = c.schedule.during(BASE, start, end)
        said: dict[str, Any] = {"year": year, "taken": taken, "allowed": allowed,
                                "over": taken - allowed}
        if len(rates) == 1 and [b.codes for b in bases] == [None]:
            yield found.REMUNERATION_OVER_RATE(c.where["ledger"], None, "amount",
                                               rate=rates[0].number, **said)
        else:
            shown = rates + bases if any(b.codes is not None for b in bases) else rates
            yield found.REMUNERATION_OVER_RATE(c.where["ledger"], None, "amount",
                                               variant="terms", terms=_terms(shown), **said)


def _terms(terms: Iterable[Term]) -> str:
    """The terms in effect in a year as a message gives them."""
    def one(t: Term) -> str:
        value = f"{t.number:.0%}" if t.term == RATE else \
            ("all income" if t.codes is None else "income of " + ", ".join(sorted(t.codes)))
        return f"{value} from {t.effective.isoformat()}"
    return "; ".join(one(t) for t in terms)


def budget_findings(c: Community) -> Iterator[Issue]:
    years = sorted({b.year for b in c.budget})
    counted = accounts.by_year(accounts.counted(c.entries))
    for year in years:
        planned = accounts.budget_by_category(accounts.budget_in_force(c.budget), year,
                                              "expense")
        spent = accounts.spent_by_category(counted.get(year, []), "expense")
        for category, actual in sorted(spent.items()):
            budget = planned.get(category, accounts.ZERO)
            if over_budget(actual, budget):
                over = f"{(actual / budget - 1):.0%}" if budget else "no budget"
                yield found.BUDGET_OVERRUN(c.where["budget"], None, "amount", year=year,
                                           category=category, actual=actual, budget=budget,
                                           over=over)


def negative_balance(c: Community) -> Iterator[Issue]:
    """The first month the common fund ends below zero (each later one would repeat it)."""
    counted = accounts.counted(c.entries)
    ends = accounts.month_ends(counted)
    for end, balance in sorted(accounts.balances_at(c.profile.opening_amount, counted,
                                                    ends).items()):
        if balance < 0:
            yield found.BALANCE_NEGATIVE(c.where["ledger"], None, "amount",
                                         month=f"{end.year:04d}-{end.month:02d}",
                                         balance=balance)
            return


def balance_findings(c: Community) -> Iterator[Issue]:
    statements = accounts.latest_revisions(c.statements)
    at = accounts.balances_at(c.profile.opening_amount, accounts.counted(c.entries),
                              (accounts.month_end(s.month) for s in statements))
    for s in statements:
        computed = at[accounts.month_end(s.month)]
        if computed != s.closing_balance:
            yield found.BALANCE_MISMATCH(c.where["statements"], s.row, "closing_balance",
                                         month=s.month, computed=computed,
                                         stated=s.closing_balance,
                                         difference=s.closing_balance - computed)
