"""Typed rows of the registers that explain a community's money and the foundation's
projects: revenue assets and their contracts, owners' questions, declared parties, and
the foundation's progress reports. Part of ``records``: the one place that knows the CSV
columns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..load import Table


def _rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    from . import rows  # records/__init__ imports this module: read it when called

    return rows(table)


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Asset:
    """A common part let or used for business (民法典 art. 282), and its contract."""

    row: int
    asset_id: str
    kind: str  # domain.ASSET_KINDS
    name: str
    category: str  # the income category its income is booked under
    counterparty: str
    monthly_amount: Decimal | None  # None: income without a fixed amount (hourly parking)
    paid_every: int  # months; domain.PAYMENT_MONTHS
    start: date
    end: date | None
    contract: str
    resolution: str
    note: str


@dataclass(frozen=True)
class Question:
    """An owner's written question (质询), without who asked."""

    row: int
    question_id: str
    received: date
    about: str  # domain.QUESTION_SUBJECTS
    subject: str  # the id of what it is about; "year/line_id" for a budget line
    question: str
    answer: str
    answered: date | None
    note: str


@dataclass(frozen=True)
class Party:
    """A payee the community declares: a related party of the trustee, or a provider an
    owners' resolution chose."""

    row: int
    party: str
    relation: str  # domain.PARTY_RELATIONS
    resolution: str
    since: date
    until: date | None
    note: str


@dataclass(frozen=True)
class Report:
    """A foundation project's progress or final report, and when it was made public."""

    row: int
    report_id: str
    project_id: str
    kind: str  # domain.REPORT_KINDS
    published: date
    title: str
    document: str


def assets(table: Table) -> tuple[Asset, ...]:
    return tuple(
        Asset(n, r["asset_id"], r["kind"], r["name"], r["category"], r["counterparty"],
              Decimal(r["monthly_amount"]) if r["monthly_amount"] else None,
              int(r["paid_every"] or 1), date.fromisoformat(r["start"]), _date(r["end"]),
              r["contract"], r["resolution"], r["note"])
        for n, r in _rows(table)
    )


def questions(table: Table) -> tuple[Question, ...]:
    return tuple(
        Question(n, r["question_id"], date.fromisoformat(r["received"]), r["about"],
                 r["subject"].strip(), r["question"], r["answer"], _date(r["answered"]),
                 r["note"])
        for n, r in _rows(table)
    )


def parties(table: Table) -> tuple[Party, ...]:
    return tuple(
        Party(n, r["party"], r["relation"], r["resolution"], date.fromisoformat(r["since"]),
              _date(r["until"]), r["note"])
        for n, r in _rows(table)
    )


def reports(table: Table) -> tuple[Report, ...]:
    return tuple(
        Report(n, r["report_id"], r["project_id"], r["kind"], date.fromisoformat(r["published"]),
               r["title"], r["document"])
        for n, r in _rows(table)
    )
