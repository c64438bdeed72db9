"""The figures of one community's trust-fund accounts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cached_property

from .. import accounts
from ..disclosure import MonthDue
from ..domain import OVERRUN_LIMIT
from ..issues import Issue, Report
from ..records import (
    BudgetLine,
    Category,
    CollectionYear,
    Community,
    CommunityCode,
    Entry,
    Resolution,
    Statement,
)
from ..terms import FEE, RATE, TRUSTEE, Term
from ..witness import Mark
from . import income, questions, vendors, votes
from .notes import Note, merged
from .projects import FoundationProjectView, ProtectionProjectView
from .resident import Check, FeeSplit, Lowest, checks, fee_split, lowest


@dataclass(frozen=True)
class YearSummary:
    year: int
    opening: Decimal
    income: Decimal
    expense: Decimal

    @property
    def closing(self) -> Decimal:
        return self.opening + self.income - self.expense


@dataclass(frozen=True)
class BudgetRow:
    line_id: str
    direction: str
    category: str
    item: str
    budget: Decimal
    actual: Decimal
    adjustments: tuple[BudgetLine, ...] = ()  # the lines that adjusted it, in order
    published: Decimal | None = None  # the amount first published, when adjusted since

    @property
    def execution(self) -> float | None:
        return float(self.actual / self.budget) if self.budget else None


@dataclass(frozen=True)
class BudgetYear:
    year: int
    rows: tuple[BudgetRow, ...]
    unassigned_expense: Decimal  # expenses that name no budget line

    @property
    def expense_budget(self) -> Decimal:
        return sum((r.budget for r in self.rows if r.direction == "expense"), Decimal("0.00"))

    @property
    def expense_actual(self) -> Decimal:
        """The year's expense: on its budget lines and on none."""
        return sum((r.actual for r in self.rows if r.direction == "expense"),
                   self.unassigned_expense)

    @property
    def execution(self) -> float | None:
        return float(self.expense_actual / self.expense_budget) if self.expense_budget else None


@dataclass(frozen=True)
class RemunerationYear:
    year: int
    income: Decimal
    allowed: Decimal
    taken: Decimal
    rates: tuple[Decimal, ...] = ()  # the rates in effect during the year, in date order
    margin: Decimal = Decimal("0.00")  # what rounding each payment may add (remuneration_margin)

    @property
    def within(self) -> bool:
        return self.taken <= self.allowed + self.margin


@dataclass(frozen=True)
class Month:
    month: str
    entries: tuple[Entry, ...]  # every entry of the month, corrected ones included
    income: Decimal
    expense: Decimal
    closing: Decimal
    income_by: tuple[tuple[str, Decimal], ...]  # (category, amount) of counted entries
    expense_by: tuple[tuple[str, Decimal], ...]

    @property
    def opening(self) -> Decimal:
        return self.closing - self.income + self.expense


@dataclass(frozen=True)
class Costs:
    """The latest year's spending per m² of floor area and month, for the comparison of
    communities (model/compare.py)."""

    year: int | None  # the latest year with accounts
    months: int  # months with entries in that year
    per_m2: dict[str, Decimal]  # expense category -> yuan per m² per month in that year
    total_per_m2: Decimal


def costs(c: Community, counted: Sequence[Entry], year: int | None) -> Costs:
    entries = [e for e in counted if e.date.year == year]
    months = len({e.month for e in entries})
    area = c.profile.floor_area_m2
    spent = accounts.spent_by_category(entries, "expense")
    per_m2 = {code: (amount / area / months).quantize(Decimal("0.001"))
              for code, amount in spent.items()} if months else {}
    total = (sum(spent.values(), Decimal(0)) / area / months).quantize(Decimal("0.001")) \
        if months else Decimal(0)
    return Costs(year, months, per_m2, total)


@dataclass(frozen=True)
class CommunityView:
    c: Community
    years: tuple[YearSummary, ...]
    budgets: tuple[BudgetYear, ...]
    remuneration: tuple[RemunerationYear, ...]
    months: tuple[Month, ...]
    corrected_by: dict[str, str]  # entry_id -> id of the entry that corrects it
    month_of: dict[str, str]  # entry_id -> YYYY-MM, to link a correction to its page
    month_index: dict[str, int]  # YYYY-MM -> position in months
    findings: tuple[Issue, ...]
    neighbourhood: CommunityCode | None  # the 社区 this 小区 belongs to, when listed
    foundation_projects: tuple[FoundationProjectView, ...]
    protection_projects: tuple[ProtectionProjectView, ...]
    disclosure: tuple[MonthDue, ...] = ()  # each month the disclosure rule covers
    version: str = ""  # the data version its pages show (model.community_versions)
    costs: Costs = Costs(None, 0, {}, Decimal(0))  # the latest year's, for the comparison
    record: Mark | None = None  # its published record: last grown, publications, chain head
    remuneration_codes: frozenset[str] = frozenset({accounts.REMUNERATION})
    # What owners dispute: public income, votes, questions, vendors (model/<area>.py)
    income: income.IncomeView = income.IncomeView()
    votes: votes.VotesView = votes.VotesView()
    questions: questions.QuestionsView = questions.QuestionsView()
    vendors: vendors.VendorsView = vendors.VendorsView()

    @cached_property
    def entry_notes(self) -> dict[str, tuple[Note, ...]]:
        """What the areas say under a ledger entry: questions about it, a payee's relation."""
        return merged(self.questions.entry_notes, self.vendors.entry_notes)

    def light(self) -> CommunityView:
        """What the pages about all communities read (home, list, comparison, 社区 pages,
        feed): its profile, years, collection, findings and publication dates, without
        the ledger, budgets, resolutions, statements or projects. Kept with a community's
        published files (units.Output), so that a rebuild does not make its records
        again; tests/test_reuse.py requires the pages of a clean build."""
        return replace(self, c=replace(self.c, entries=(), budget=(), resolutions=(),
                                       statements=()),
                       budgets=(), remuneration=(), months=(), corrected_by={}, month_of={},
                       month_index={}, foundation_projects=(), protection_projects=(),
                       income=income.IncomeView(), votes=votes.VotesView(),
                       vendors=vendors.VendorsView())  # questions stay: project pages list them

    @property
    def overdue(self) -> tuple[MonthDue, ...]:
        return tuple(m for m in self.disclosure if m.overdue)

    @cached_property
    def due(self) -> dict[str, MonthDue]:
        """YYYY-MM -> when it was due and published, for the ledger pages."""
        return {m.month: m for m in self.disclosure}

    @property
    def corrections(self) -> tuple[tuple[Entry, Entry], ...]:
        """(original, correction) pairs, newest correction first: the corrections log."""
        by_id = {e.entry_id: e for e in self.c.entries}
        pairs = [(by_id[e.corrects], e) for e in self.c.entries if e.corrects in by_id]
        return tuple(sorted(pairs, key=lambda p: (p[1].date, p[1].entry_id), reverse=True))

    @property
    def resolutions(self) -> tuple[Resolution, ...]:
        return tuple(sorted(self.c.resolutions, key=lambda r: (r.date, r.resolution_id)))

    @property
    def resolution_corrected_by(self) -> dict[str, str]:
        """resolution_id -> the row that corrects its record (a recount)."""
        return {r.corrects: r.resolution_id for r in self.c.resolutions if r.corrects}

    @property
    def collection(self) -> tuple[CollectionYear, ...]:
        """Each year's figures as last corrected."""
        return tuple(sorted(accounts.latest_revisions(self.c.collection), key=lambda y: y.year))

    @property
    def revisions(self) -> tuple[tuple[str, Statement | CollectionYear], ...]:
        """("statements" or "collection", row) of each correction, in date order: each
        shown beside what it corrects, as ledger corrections are."""
        found = [("statements", s) for s in self.c.statements if s.revised] + \
                [("collection", y) for y in self.c.collection if y.revised]
        return tuple(sorted(found, key=lambda f: (f[1].revised or date.min, str(f[1].period))))

    @property
    def terms_now(self) -> dict[str, Term]:
        """The latest term of each kind (the profile shows it; the terms list, all)."""
        return {kind: self.c.schedule.latest(kind) for kind in (RATE, FEE, TRUSTEE)}

    def trustee_on(self, month: str) -> str:
        """The trustee at the end of a month (a month's printed notice names it)."""
        return self.c.schedule.at(TRUSTEE, accounts.month_end(month)).value

    @property
    def term_changes(self) -> tuple[Term, ...]:
        return tuple(self.c.schedule.changes())

    @property
    def latest_year(self) -> YearSummary | None:
        return self.years[-1] if self.years else None

    @property
    def balance(self) -> Decimal:
        return self.years[-1].closing if self.years else self.c.profile.opening_amount

    # ---- The first screen (model/resident.py): this year, each check, where a fee goes ----
    @property
    def checks(self) -> tuple[Check, ...]:
        return checks(self.findings)

    @property
    def remuneration_now(self) -> RemunerationYear | None:
        return self.remuneration[-1] if self.remuneration else None

    @property
    def budget_now(self) -> BudgetYear | None:
        """The latest year's budget, when one was published for the latest year with entries."""
        year = self.latest_year
        found = [b for b in self.budgets if year and b.year == year.year]
        return found[0] if found else None

    @property
    def budgets_folded(self) -> tuple[BudgetYear, ...]:
        """The other years' budgets, newest first: folded below the one shown open."""
        return tuple(b for b in reversed(self.budgets) if b is not self.budget_shown)

    @property
    def budget_shown(self) -> BudgetYear | None:
        """The budget shown open: the latest year's, or the newest one published."""
        return self.budget_now or (self.budgets[-1] if self.budgets else None)

    @property
    def statements_checked(self) -> tuple[Statement, ...]:
        """The bank statements the ledger's balance is checked against, as last corrected."""
        return tuple(sorted(accounts.latest_revisions(self.c.statements), key=lambda s: s.month))

    @property
    def months_disclosed(self) -> int:
        """Months published, of those the disclosure rule covers (all months without one)."""
        if not self.disclosure:
            return len(self.months)
        return sum(1 for m in self.disclosure if m.status not in ("overdue", "pending"))

    @property
    def overrun_allowed(self) -> float:
        """How far above its budget a category may spend before the check flags it."""
        return float(OVERRUN_LIMIT - 1)

    @property
    def lowest(self) -> Lowest | None:
        return lowest([(m.month, m.closing) for m in self.months])

    @property
    def fee(self) -> FeeSplit | None:
        """Where a resident's fee goes, by this year's spending; None before any expense."""
        year = self.latest_year
        if year is None or not year.expense:
            return None
        spent: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
        for m in self.months:
            if m.month.startswith(f"{year.year}-"):
                for code, amount in m.expense_by:
                    spent[code] += amount
        return fee_split(year.year, self.terms_now[FEE].number, dict(spent),
                         self.remuneration_codes)

    def by_category_and_month(self, year: int, order: Sequence[str]) -> CategoryMonths:
        """A year's counted amounts by category and month; categories in ``order`` (the
        chart of accounts), then codes it does not know, as written."""
        months = tuple(m for m in self.months if m.month.startswith(f"{year}-"))
        cells: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
        for m in months:
            for direction, amounts in (("income", m.income_by), ("expense", m.expense_by)):
                for code, amount in amounts:
                    cells[direction, code][m.month] = amount
        rank = {code: i for i, code in enumerate(order)}
        keys = sorted(cells, key=lambda k: (k[0] != "income", rank.get(k[1], len(rank)), k[1]))
        rows = tuple(CategoryRow(d, code, tuple(cells[d, code].get(m.month) for m in months),
                                 sum(cells[d, code].values(), Decimal("0.00")))
                     for d, code in keys)
        return CategoryMonths(months, rows)


@dataclass(frozen=True)
class CategoryRow:
    direction: str  # income or expense
    category: str
    amounts: tuple[Decimal | None, ...]  # by month; None: nothing in that month
    total: Decimal


@dataclass(frozen=True)
class CategoryMonths:
    """A year of a ledger by category and month (the English ledger page)."""

    months: tuple[Month, ...]
    rows: tuple[CategoryRow, ...]


def community_view(c: Community, report: Report, neighbourhood: CommunityCode | None,
                   foundation: Sequence[FoundationProjectView],
                   protection: Sequence[ProtectionProjectView],
                   disclosure: Sequence[MonthDue] = (), version: str = "",
                   remuneration: Collection[str] = (accounts.REMUNERATION,),
                   record: Mark | None = None, categories: Mapping[str, Category] | None = None,
                   today: date | None = None) -> CommunityView:
    """``categories``: the chart of accounts; ``today``: the day the site is built as of."""
    counted = accounts.counted(c.entries)
    found, chart, day = report.findings_of(c.package), categories or {}, today or date.max
    month_list = months(c, counted)
    years = year_summaries(c, counted)
    return CommunityView(
        c=c,
        years=years,
        budgets=budget_years(c, counted),
        remuneration=remuneration_years(c, counted, remuneration),
        months=month_list,
        corrected_by={e.corrects: e.entry_id for e in c.entries if e.corrects},
        month_of={e.entry_id: e.month for e in c.entries},
        month_index={m.month: i for i, m in enumerate(month_list)},
        findings=found,
        neighbourhood=neighbourhood,
        foundation_projects=tuple(foundation),
        protection_projects=tuple(protection),
        disclosure=tuple(disclosure),
        version=version,
        costs=costs(c, counted, years[-1].year if years else None),
        record=record,
        remuneration_codes=frozenset(remuneration),
        income=income.build(c, found, chart, day),
        votes=votes.build(c, found, chart, day),
        questions=questions.build(c, found, chart, day),
        vendors=vendors.build(c, found, chart, day),
    )


def year_summaries(c: Community, counted: Sequence[Entry]) -> tuple[YearSummary, ...]:
    result = []
    opening = c.profile.opening_amount
    for year, entries in accounts.by_year(counted).items():
        summary = YearSummary(year, opening, accounts.total(entries, "income"),
                              accounts.total(entries, "expense"))
        result.append(summary)
        opening = summary.closing
    return tuple(result)


def budget_years(c: Community, counted: Sequence[Entry]) -> tuple[BudgetYear, ...]:
    by_year = accounts.by_year(counted)
    in_force = accounts.budget_in_force(c.budget)
    first = {(b.year, b.line_id): b.amount for b in c.budget}
    result = []
    for year in sorted({b.year for b in in_force}):
        entries = by_year.get(year, [])
        actual: dict[str, Decimal] = defaultdict(lambda: accounts.ZERO)
        for e in entries:  # one pass, not one per budget line
            actual[e.budget_line] += e.amount
        rows = tuple(
            BudgetRow(b.line_id, b.direction, b.category, b.item, b.amount,
                      actual.get(b.line_id, accounts.ZERO), adjusted := _adjustments(c, b),
                      first[(b.year, b.line_id)] if adjusted else None)
            for b in sorted(in_force, key=lambda b: b.line_id) if b.year == year
        )
        unassigned = sum((e.amount for e in entries
                          if e.direction == "expense" and not e.budget_line), accounts.ZERO)
        result.append(BudgetYear(year, rows, unassigned))
    return tuple(result)


def _adjustments(c: Community, line: BudgetLine) -> tuple[BudgetLine, ...]:
    """The adjustment lines of a budget line, each adjusting the one before."""
    by_adjusted = {(b.year, b.adjusts): b for b in c.budget if b.adjusts}
    found: list[BudgetLine] = []
    current = line
    while (current.year, current.line_id) in by_adjusted and len(found) < len(c.budget):
        current = by_adjusted[(current.year, current.line_id)]
        found.append(current)
    return tuple(found)


def remuneration_years(c: Community, counted: Sequence[Entry],
                       codes: Collection[str]) -> tuple[RemunerationYear, ...]:
    result = []
    for year, entries in accounts.by_year(counted).items():
        taken, allowed = accounts.remuneration_limit(entries, c.schedule, codes)
        margin = accounts.remuneration_margin(entries, c.profile.rounding, codes)
        rates = tuple(t.number for t in c.schedule.during(RATE, date(year, 1, 1),
                                                          date(year, 12, 31)))
        result.append(RemunerationYear(year, accounts.total(entries, "income"), allowed, taken,
                                       rates, margin))
    return tuple(result)


def months(c: Community, counted: Sequence[Entry]) -> tuple[Month, ...]:
    counted_ids = {e.entry_id for e in counted}
    result = []
    closing = c.profile.opening_amount  # a running balance: one pass, however long the ledger
    for month, entries in accounts.by_month(c.entries).items():
        live = [e for e in entries if e.entry_id in counted_ids]
        closing += sum((e.signed for e in live), accounts.ZERO)
        ordered = tuple(sorted(entries, key=lambda e: (e.date, e.entry_id)))
        result.append(Month(month, ordered, accounts.total(live, "income"),
                            accounts.total(live, "expense"), closing,
                            _by_category(live, "income"), _by_category(live, "expense")))
    return tuple(result)


def _by_category(entries: Sequence[Entry], direction: str) -> tuple[tuple[str, Decimal], ...]:
    return tuple(sorted(accounts.spent_by_category(entries, direction).items()))
