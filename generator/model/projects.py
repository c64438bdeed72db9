"""The figures of the community foundation and the protection fund's projects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
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
class FoundationProjectView:
    p: FoundationProject
    places: tuple[Place, ...]
    donations: tuple[Donation, ...]  # gifts restricted to this project
    disbursements: tuple[Disbursement, ...]
    findings: tuple[Issue, ...]

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


def foundation_view(f: Foundation, report: Report,
                    names: Mapping[str, tuple[str, str]]) -> FoundationView:
    gifts: dict[str, list[Donation]] = defaultdict(list)
    for d in f.donations:
        gifts[d.project_id].append(d)
    payments: dict[str, list[Disbursement]] = defaultdict(list)
    for pay in f.disbursements:
        payments[pay.project_id].append(pay)
    projects = tuple(
        FoundationProjectView(
            p, tuple(_place(c, names) for c in p.communities),
            tuple(sorted(gifts[p.project_id], key=lambda d: (d.date, d.donation_id))),
            tuple(sorted(payments[p.project_id], key=lambda d: (d.date, d.disbursement_id))),
            report.findings_of(f.package, "projects", p.row))
        for p in sorted(f.projects, key=lambda p: (p.start_date, p.project_id)))
    findings = report.findings_of(f.package)
    return FoundationView(f, projects, _foundation_years(f), _foundation_categories(projects),
                          findings)


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
