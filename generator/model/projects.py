"""The figures of the community foundation and the protection fund's projects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ..domain import FINISHED, STEPS, stuck
from ..issues import Issue, Report
from ..records import (
    Disbursement,
    Donation,
    Foundation,
    FoundationProject,
    ProtectionFund,
    ProtectionProject,
    Step,
)
from ..records import Report as ProjectReport
from ..validate import reports as rule
from ..vocabulary import step_zh

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Place:
    """A community named by a project, with the title its page shows: a neighbourhood by
    its code list's name in each language, a trust-managed community by its title."""

    id: str
    name_zh: str
    name_en: str


def _place(community: str, names: Mapping[str, tuple[str, str]]) -> Place:
    zh, en = names.get(community, (community, community))
    return Place(community, zh, en)


@dataclass(frozen=True)
class Quarter:
    """Three months of a long project that are over, and the reports published in them
    (none: the period passed without one)."""

    start: date
    end: date  # the day after its last
    reports: tuple[ProjectReport, ...]

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)


# How a project's final report stands: published on time or late; due and not yet
# published, the day not come; due and not published; published (projects.csv names
# it) on a day not recorded; or not expected (a planned or cancelled project).
FINAL_STATES = ("on-time", "late", "due", "missing", "undated", "none")


@dataclass(frozen=True)
class Reporting:
    """A project's progress and final reports against 慈善法 art. 79 (validate/reports.py)."""

    recorded: bool  # the foundation keeps a register of its reports (reports.csv)
    judged: bool  # ongoing or completed: a planned or cancelled project does not report
    long: bool  # runs longer than six months: reports at least every three months
    quarters: tuple[Quarter, ...]  # the periods over, oldest first
    reports: tuple[ProjectReport, ...]  # every report of the project, by date
    final: ProjectReport | None
    due: date  # the final report's deadline
    final_state: str  # FINAL_STATES
    findings: tuple[Issue, ...]  # what the checks of the reports found

    @property
    def missing(self) -> tuple[Quarter, ...]:
        return tuple(q for q in self.quarters if not q.reports)

    @property
    def covered(self) -> int:
        return len(self.quarters) - len(self.missing)

    @property
    def others(self) -> tuple[ProjectReport, ...]:
        """Progress reports outside the periods judged: this quarter's, or after the end."""
        shown = {r.report_id for q in self.quarters for r in q.reports}
        return tuple(r for r in self.reports
                     if r.report_id not in shown and r is not self.final)


@dataclass(frozen=True)
class FoundationProjectView:
    p: FoundationProject
    places: tuple[Place, ...]
    donations: tuple[Donation, ...]  # gifts restricted to this project
    disbursements: tuple[Disbursement, ...]
    findings: tuple[Issue, ...]
    reporting: Reporting

    @property
    def raised(self) -> Decimal:
        return sum((d.amount for d in self.donations), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((d.amount for d in self.disbursements), ZERO)


@dataclass(frozen=True)
class FoundationYear:
    year: int
    raised: Decimal
    spent: Decimal
    balance: Decimal  # at the end of the year
    projects: int  # started in the year
    beneficiaries: int  # of the projects started in the year


@dataclass(frozen=True)
class FoundationCategory:
    code: str
    projects: int
    awarded: Decimal
    spent: Decimal
    beneficiaries: int


@dataclass(frozen=True)
class FoundationView:
    f: Foundation
    projects: tuple[FoundationProjectView, ...]
    years: tuple[FoundationYear, ...]
    categories: tuple[FoundationCategory, ...]
    findings: tuple[Issue, ...]

    @property
    def recorded(self) -> bool:
        """The foundation keeps a register of its projects' reports."""
        return "reports" in self.f.where

    @property
    def reporting(self) -> tuple[FoundationProjectView, ...]:
        """The projects the reporting rule judges, as the overview lists them."""
        return tuple(p for p in self.projects if p.reporting.judged)

    @property
    def long(self) -> int:
        """Projects that report every three months."""
        return sum(1 for p in self.reporting if p.reporting.long)

    @property
    def gaps(self) -> int:
        """Projects with three months over and no report published in them."""
        return sum(1 for p in self.reporting if p.reporting.missing)

    @property
    def late(self) -> int:
        """Final reports published later than three months after the end."""
        return sum(1 for p in self.reporting if p.reporting.final_state == "late")

    @property
    def raised(self) -> Decimal:
        return sum((d.amount for d in self.f.donations), ZERO)

    @property
    def unrestricted(self) -> Decimal:
        return sum((d.amount for d in self.f.donations if not d.project_id), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((d.amount for d in self.f.disbursements), ZERO)

    @property
    def beneficiaries(self) -> int:
        return sum(p.p.beneficiaries for p in self.projects)


@dataclass(frozen=True)
class StepView:
    code: str
    name_zh: str
    step: Step | None


@dataclass(frozen=True)
class ProtectionProjectView:
    p: ProtectionProject
    place: Place
    steps: tuple[StepView, ...]  # all five, recorded or not
    stuck_days: int | None  # days at the current step when stuck (domain.STUCK_DAYS)
    findings: tuple[Issue, ...]

    @property
    def current(self) -> StepView | None:
        done = [s for s in self.steps if s.step is not None]
        return done[-1] if done else None


@dataclass(frozen=True)
class ProtectionView:
    pf: ProtectionFund
    projects: tuple[ProtectionProjectView, ...]
    findings: tuple[Issue, ...]

    @property
    def budgeted(self) -> Decimal:
        return sum((p.p.amount_budgeted for p in self.projects), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((p.p.amount_spent for p in self.projects), ZERO)


def foundation_view(f: Foundation, report: Report, names: Mapping[str, tuple[str, str]],
                    today: date | None = None) -> FoundationView:
    """``today``: the build date, up to which the reporting periods are over; without it,
    the last day the package records (nothing here reads the clock)."""
    gifts: dict[str, list[Donation]] = defaultdict(list)
    for d in f.donations:
        gifts[d.project_id].append(d)
    payments: dict[str, list[Disbursement]] = defaultdict(list)
    for pay in f.disbursements:
        payments[pay.project_id].append(pay)
    day = today or _last_recorded(f)
    registered = rule.by_project(f.reports)
    found: dict[object, list[Issue]] = defaultdict(list)
    for i in report.findings_of(f.package, "reports"):  # each names its project
        found[dict(i.values).get("project")].append(i)
    projects = []
    for p in sorted(f.projects, key=lambda p: (p.start_date, p.project_id)):
        reporting = _reporting(f, p, tuple(registered[p.project_id]),
                               tuple(found[p.project_id]), day)
        projects.append(FoundationProjectView(
            p, tuple(_place(c, names) for c in p.communities),
            tuple(sorted(gifts[p.project_id], key=lambda d: (d.date, d.donation_id))),
            tuple(sorted(payments[p.project_id], key=lambda d: (d.date, d.disbursement_id))),
            report.findings_of(f.package, "projects", p.row) + reporting.findings, reporting))
    findings = report.findings_of(f.package)
    return FoundationView(f, tuple(projects), _foundation_years(f),
                          _foundation_categories(projects), findings)


def _last_recorded(f: Foundation) -> date:
    days = [d.date for d in f.donations] + [d.date for d in f.disbursements] + [
        r.published for r in f.reports]
    return max(days, default=date.min)


def _reporting(f: Foundation, p: FoundationProject, own: tuple[ProjectReport, ...],
               found: tuple[Issue, ...], today: date) -> Reporting:
    """``own``: the project's reports by date; ``found``: what their checks found."""
    recorded = "reports" in f.where
    final = next((r for r in own if r.kind == rule.FINAL), None)
    # without a register no period can be said to have passed without a report
    quarters = tuple(Quarter(start, end, rule.inside((start, end), own))
                     for start, end in rule.periods(p, today)) if recorded else ()
    return Reporting(recorded, p.status in rule.JUDGED, rule.is_long(p), quarters, own, final,
                     rule.final_due(p), _final_state(p, final, today), found)


def _final_state(p: FoundationProject, final: ProjectReport | None, today: date) -> str:
    due = rule.final_due(p)
    if p.status not in rule.JUDGED:
        return "none"
    if final is not None:
        return "late" if final.published > due else "on-time"
    if today <= due:
        return "due"
    return "undated" if p.report else "missing"


def _foundation_years(f: Foundation) -> tuple[FoundationYear, ...]:
    years = sorted({d.date.year for d in f.donations} | {d.date.year for d in f.disbursements}
                   | {p.start_date.year for p in f.projects})
    result, balance = [], ZERO
    for year in years:
        raised = sum((d.amount for d in f.donations if d.date.year == year), ZERO)
        spent = sum((d.amount for d in f.disbursements if d.date.year == year), ZERO)
        started = [p for p in f.projects if p.start_date.year == year]
        balance += raised - spent
        result.append(FoundationYear(year, raised, spent, balance, len(started),
                                     sum(p.beneficiaries for p in started)))
    return tuple(result)


def _foundation_categories(
    projects: Sequence[FoundationProjectView],
) -> tuple[FoundationCategory, ...]:
    codes = sorted({p.p.category for p in projects})
    return tuple(
        FoundationCategory(
            code, len(members), sum((p.p.budget for p in members), ZERO),
            sum((p.spent for p in members), ZERO), sum(p.p.beneficiaries for p in members))
        for code in codes
        for members in [[p for p in projects if p.p.category == code]])


def protection_view(pf: ProtectionFund, report: Report, names: Mapping[str, tuple[str, str]],
                    today: date) -> ProtectionView:
    recorded: dict[str, dict[str, Step]] = defaultdict(dict)
    for s in pf.steps:
        recorded[s.project_id][s.step] = s
    projects = []
    for p in sorted(pf.projects, key=lambda p: (p.year, p.project_id)):
        steps = tuple(StepView(code, step_zh(code), recorded[p.project_id].get(code))
                      for code in STEPS)
        own = report.findings_of(pf.package, "projects", p.row) + tuple(
            i for s in steps if s.step for i in report.findings_of(pf.package, "steps", s.step.row))
        projects.append(ProtectionProjectView(
            p, _place(p.community, names), steps,
            _stuck(p, steps, today), own))
    findings = report.findings_of(pf.package)
    return ProtectionView(pf, tuple(projects), findings)


def _stuck(p: ProtectionProject, steps: Sequence[StepView], today: date) -> int | None:
    if p.status in FINISHED:
        return None
    dates = [s.step.date for s in steps if s.step is not None]
    if not dates or dates[-1] is None:
        return None
    days = (today - dates[-1]).days
    return days if stuck(days) else None
