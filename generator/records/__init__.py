"""Typed records read from validated rows: the one place that knows the CSV column names.

Only rows that passed the structural checks reach these functions, so the
conversions cannot fail on well-formed tables. Money is Decimal throughout.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .. import personal
from ..declarations import Redaction, Withdrawal
from ..issues import Where
from ..profile import Profile
from ..terms import Schedule, Term
from .registers import Asset as Asset
from .registers import Party as Party
from .registers import Question as Question
from .registers import Report as Report
from .registers import assets as assets
from .registers import parties as parties
from .registers import questions as questions
from .registers import reports as reports

if TYPE_CHECKING:  # a type only: load reads the published record, which reads rows as these
    from ..load import Table


@dataclass(frozen=True)
class Category:
    code: str
    name_zh: str
    name_en: str
    direction: str
    parent: str


@dataclass(frozen=True)
class Entry:
    row: int
    entry_id: str
    date: date
    direction: str
    category: str
    amount: Decimal
    counterparty: str
    description: str
    voucher: str
    budget_line: str
    corrects: str

    @property
    def month(self) -> str:
        d = self.date  # called for every entry several times: strftime is 10 times slower
        return f"{d.year:04d}-{d.month:02d}"

    @property
    def signed(self) -> Decimal:
        return self.amount if self.direction == "income" else -self.amount


@dataclass(frozen=True)
class BudgetLine:
    row: int
    year: int
    line_id: str
    direction: str
    category: str
    item: str
    amount: Decimal
    note: str
    adjusts: str = ""  # the line_id this line adjusts (replaces the amount of)
    resolution: str = ""  # the resolution that approved the adjustment


@dataclass(frozen=True)
class Resolution:
    row: int
    resolution_id: str
    date: date
    title: str
    kind: str
    votes_for: int
    votes_against: int
    abstentions: int
    eligible: int
    document: str
    corrects: str = ""  # the resolution_id whose record this row corrects (a recount)
    # The floor area of the owners entitled to vote and of those for, against and
    # abstaining (民法典 art. 278 counts both heads and area); None on a record without them.
    area_eligible: Decimal | None = None
    area_for: Decimal | None = None
    area_against: Decimal | None = None
    area_abstaining: Decimal | None = None

    @property
    def votes_cast(self) -> int:
        """The owners who took part: for, against and abstaining."""
        return self.votes_for + self.votes_against + self.abstentions

    @property
    def area_cast(self) -> Decimal | None:
        """The participating area; None unless every area is recorded."""
        parts = [p for p in (self.area_for, self.area_against, self.area_abstaining)
                 if p is not None]
        if self.area_eligible is None or len(parts) < 3:
            return None
        return sum(parts, Decimal(0))

    @property
    def approval_rate(self) -> float:
        return self.votes_for / self.eligible


@dataclass(frozen=True)
class CollectionYear:
    row: int
    year: int
    households_billed: int
    households_paid: int
    amount_billed: Decimal
    amount_collected: Decimal
    revised: date | None = None  # a correction's date; None on the row first published
    note: str = ""

    @property
    def period(self) -> int:
        return self.year

    @property
    def household_rate(self) -> float | None:
        return self.households_paid / self.households_billed if self.households_billed else None

    @property
    def amount_rate(self) -> float | None:
        return float(self.amount_collected / self.amount_billed) if self.amount_billed else None


@dataclass(frozen=True)
class Statement:
    row: int
    month: str
    closing_balance: Decimal
    document: str
    revised: date | None = None  # a correction's date; None on the row first published
    note: str = ""

    @property
    def period(self) -> str:
        return self.month


def rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """Data rows as (row number, column -> text); row 1 is the first row under the header."""
    for number, values in enumerate(table.rows, start=1):
        yield number, dict(zip(table.header, values, strict=False))


MASKED_TABLES = ("donations",)  # tables with a value the site shows otherwise (public_row)


def public_row(table: str, row: dict[str, str]) -> dict[str, str]:
    """A row as the open data publishes it: as recorded, but a private donor's name as the
    pages show it (PIPL art. 25)."""
    if table not in MASKED_TABLES:
        return row
    return {**row, "donor": personal.public_donor(row["donor"], row["donor_type"],
                                                  row["consent"])}


def categories(table: Table) -> tuple[Category, ...]:
    return tuple(
        Category(r["code"], r["name_zh"], r["name_en"], r["direction"], r.get("parent", ""))
        for _, r in rows(table)
    )


def entries(table: Table) -> tuple[Entry, ...]:
    return tuple(
        Entry(n, r["entry_id"], date.fromisoformat(r["date"]), r["direction"], r["category"],
              Decimal(r["amount"]), r["counterparty"], r["description"], r["voucher"],
              r["budget_line"], r["corrects"])
        for n, r in rows(table)
    )


def budget_lines(table: Table) -> tuple[BudgetLine, ...]:
    return tuple(
        BudgetLine(n, int(r["year"]), r["line_id"], r["direction"], r["category"], r["item"],
                   Decimal(r["amount"]), r["note"], r["adjusts"], r["resolution"])
        for n, r in rows(table)
    )


def resolutions(table: Table) -> tuple[Resolution, ...]:
    return tuple(
        Resolution(n, r["resolution_id"], date.fromisoformat(r["date"]), r["title"], r["kind"],
                   int(r["votes_for"]), int(r["votes_against"]), int(r["abstentions"]),
                   int(r["eligible"]), r["document"], r["corrects"],
                   *(_decimal(r[c]) for c in ("area_eligible", "area_for", "area_against",
                                              "area_abstaining")))
        for n, r in rows(table)
    )


def collection(table: Table) -> tuple[CollectionYear, ...]:
    return tuple(
        CollectionYear(n, int(r["year"]), int(r["households_billed"]), int(r["households_paid"]),
                       Decimal(r["amount_billed"]), Decimal(r["amount_collected"]),
                       _date(r["revised"]), r["note"])
        for n, r in rows(table)
    )


def statements(table: Table) -> tuple[Statement, ...]:
    return tuple(
        Statement(n, r["month"], Decimal(r["closing_balance"]), r["document"],
                  _date(r["revised"]), r["note"])
        for n, r in rows(table)
    )


def terms(table: Table) -> tuple[Term, ...]:
    return tuple(
        Term(n, r["term_id"], r["term"], r["value"].strip(), date.fromisoformat(r["effective"]),
             r["resolution"], r["note"])
        for n, r in rows(table)
    )


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text else None


@dataclass(frozen=True)
class Community:
    """One community's package, typed: what the rules check and the pages show."""

    id: str
    title: str
    sample: bool
    description: str
    path: Path  # the package folder
    profile: Profile
    entries: tuple[Entry, ...]
    budget: tuple[BudgetLine, ...]
    resolutions: tuple[Resolution, ...]
    collection: tuple[CollectionYear, ...]
    statements: tuple[Statement, ...]
    where: dict[str, Where]  # table name -> the table as issues name it
    package: str  # its folder under the datasets, as the report groups issues
    redactions: tuple[Redaction, ...] = ()
    withdrawn: Withdrawal | None = None
    former: tuple[str, ...] = ()  # its names before a declared rename
    terms: tuple[Term, ...] = ()  # the descriptor's first terms, then terms.csv's
    assets: tuple[Asset, ...] = ()  # the register of revenue assets (assets.csv)
    questions: tuple[Question, ...] = ()  # owners' questions (questions.csv)
    parties: tuple[Party, ...] = ()  # declared payees (parties.csv)

    @cached_property
    def schedule(self) -> Schedule:
        return Schedule(self.terms)


@dataclass(frozen=True)
class ProjectCategory:
    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class CommunityCode:
    """A neighbourhood (社区) that projects may name, from datasets/codelists/communities.csv."""

    id: str
    name_zh: str
    name_en: str
    district: str
    subdistrict: str


@dataclass(frozen=True)
class FoundationProject:
    row: int
    project_id: str
    title: str
    category: str
    communities: tuple[str, ...]
    partner: str
    start_date: date
    end_date: date
    status: str
    budget: Decimal
    beneficiaries: int
    summary: str
    report: str


@dataclass(frozen=True)
class Donation:
    row: int
    donation_id: str
    date: date
    donor: str  # as the foundation recorded it; the site shows public_donor
    donor_type: str  # domain.DONOR_TYPES
    consent: str  # a private donor's written consent to be named; empty: not named
    amount: Decimal
    project_id: str  # empty: unrestricted
    channel: str

    @property
    def public_donor(self) -> str:
        return personal.public_donor(self.donor, self.donor_type, self.consent)


@dataclass(frozen=True)
class Disbursement:
    row: int
    disbursement_id: str
    date: date
    project_id: str
    amount: Decimal
    payee: str
    purpose: str
    voucher: str


@dataclass(frozen=True)
class ProtectionProject:
    row: int
    project_id: str
    community: str
    year: int
    title: str
    category: str
    amount_budgeted: Decimal
    amount_spent: Decimal
    contractor: str
    status: str


@dataclass(frozen=True)
class Step:
    row: int
    project_id: str
    step: str
    date: date
    summary: str
    participants: int
    votes_for: int | None
    votes_against: int | None
    satisfaction: Decimal | None
    document: str


@dataclass(frozen=True)
class Foundation:
    title: str
    sample: bool
    description: str
    organisation: str
    founded: int
    context: str
    path: Path
    projects: tuple[FoundationProject, ...]
    donations: tuple[Donation, ...]
    disbursements: tuple[Disbursement, ...]
    where: dict[str, Where]
    package: str
    reports: tuple[Report, ...] = ()  # progress and final reports (reports.csv)


@dataclass(frozen=True)
class ProtectionFund:
    title: str
    sample: bool
    description: str
    path: Path
    projects: tuple[ProtectionProject, ...]
    steps: tuple[Step, ...]
    where: dict[str, Where]
    package: str


def _int(text: str) -> int | None:
    return int(text) if text else None


def project_categories(table: Table) -> tuple[ProjectCategory, ...]:
    return tuple(ProjectCategory(r["code"], r["name_zh"], r["name_en"]) for _, r in rows(table))


def community_codes(table: Table) -> tuple[CommunityCode, ...]:
    return tuple(CommunityCode(r["id"], r["name_zh"], r["name_en"], r["district"],
                               r["subdistrict"]) for _, r in rows(table))


def foundation_projects(table: Table) -> tuple[FoundationProject, ...]:
    return tuple(
        FoundationProject(n, r["project_id"], r["title"], r["category"],
                          tuple(c.strip() for c in r["communities"].split(";") if c.strip()),
                          r["partner"], date.fromisoformat(r["start_date"]),
                          date.fromisoformat(r["end_date"]), r["status"], Decimal(r["budget"]),
                          int(r["beneficiaries"]), r["summary"], r["report"])
        for n, r in rows(table)
    )


def donations(table: Table) -> tuple[Donation, ...]:
    return tuple(
        Donation(n, r["donation_id"], date.fromisoformat(r["date"]), r["donor"],
                 r["donor_type"], r["consent"], Decimal(r["amount"]), r["project_id"],
                 r["channel"])
        for n, r in rows(table)
    )


def disbursements(table: Table) -> tuple[Disbursement, ...]:
    return tuple(
        Disbursement(n, r["disbursement_id"], date.fromisoformat(r["date"]), r["project_id"],
                     Decimal(r["amount"]), r["payee"], r["purpose"], r["voucher"])
        for n, r in rows(table)
    )


def protection_projects(table: Table) -> tuple[ProtectionProject, ...]:
    return tuple(
        ProtectionProject(n, r["project_id"], r["community"], int(r["year"]), r["title"],
                          r["category"], Decimal(r["amount_budgeted"]),
                          Decimal(r["amount_spent"]), r["contractor"], r["status"])
        for n, r in rows(table)
    )


def steps(table: Table) -> tuple[Step, ...]:
    return tuple(
        Step(n, r["project_id"], r["step"], date.fromisoformat(r["date"]), r["summary"],
             int(r["participants"]), _int(r["votes_for"]), _int(r["votes_against"]),
             Decimal(r["satisfaction"]) if r["satisfaction"] else None, r["document"])
        for n, r in rows(table)
    )


@dataclass(frozen=True)
class StandardCategory:
    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Standard:
    row: int
    code: str
    title_zh: str
    title_en: str
    category: str
    status: str
    issued: date
    effective: date
    supersedes: str
    scope_zh: str
    scope_en: str
    keywords: tuple[str, ...]
    body: str
    pdf: str


@dataclass(frozen=True)
class Standards:
    title: str
    sample: bool
    description: str
    path: Path
    standards: tuple[Standard, ...]
    bodies: dict[str, str]  # code -> Markdown text of the full text
    where: dict[str, Where]
    package: str


def standard_categories(table: Table) -> tuple[StandardCategory, ...]:
    return tuple(StandardCategory(r["code"], r["name_zh"], r["name_en"]) for _, r in rows(table))


def standards(table: Table) -> tuple[Standard, ...]:
    return tuple(
        Standard(n, r["code"], r["title_zh"], r["title_en"], r["category"], r["status"],
                 date.fromisoformat(r["issued"]), date.fromisoformat(r["effective"]),
                 r["supersedes"], r["scope_zh"], r["scope_en"],
                 tuple(k.strip() for k in r["keywords"].split(";") if k.strip()), r["body"],
                 r["pdf"])
        for n, r in rows(table)
    )
