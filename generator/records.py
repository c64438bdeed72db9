"""Typed records read from validated rows: the one place that knows the CSV column names.

Only rows that passed the structural checks reach these functions, so the
conversions cannot fail on well-formed tables. Money is Decimal throughout.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .load import Table


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
        return self.date.strftime("%Y-%m")

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

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions

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


@dataclass(frozen=True)
class Supervisor:
    role: str
    name: str


@dataclass(frozen=True)
class Profile:
    """The ``community`` block of a community's datapackage.json."""

    district: str
    subdistrict: str
    neighborhood: str
    address: str
    households: int
    floor_area_m2: Decimal
    built_year: int
    trust_since: date
    trustee: str
    supervisors: tuple[Supervisor, ...]
    remuneration_rate: Decimal
    fee_standard: Decimal
    opening_date: date
    opening_amount: Decimal


def rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """Data rows as (row number, column -> text); row 1 is the first row under the header."""
    for number, values in enumerate(table.rows, start=1):
        yield number, dict(zip(table.header, values, strict=False))


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
                   Decimal(r["amount"]), r["note"])
        for n, r in rows(table)
    )


def resolutions(table: Table) -> tuple[Resolution, ...]:
    return tuple(
        Resolution(n, r["resolution_id"], date.fromisoformat(r["date"]), r["title"], r["kind"],
                   int(r["votes_for"]), int(r["votes_against"]), int(r["abstentions"]),
                   int(r["eligible"]), r["document"])
        for n, r in rows(table)
    )


def collection(table: Table) -> tuple[CollectionYear, ...]:
    return tuple(
        CollectionYear(n, int(r["year"]), int(r["households_billed"]), int(r["households_paid"]),
                       Decimal(r["amount_billed"]), Decimal(r["amount_collected"]))
        for n, r in rows(table)
    )


def statements(table: Table) -> tuple[Statement, ...]:
    return tuple(
        Statement(n, r["month"], Decimal(r["closing_balance"]), r["document"])
        for n, r in rows(table)
    )


def profile(block: dict[str, Any]) -> Profile:
    """Read a community block that already passed the descriptor schema."""
    opening = block["opening_balance"]
    return Profile(
        block["district"], block["subdistrict"], block["neighborhood"], block["address"],
        int(block["households"]), Decimal(str(block["floor_area_m2"])), int(block["built_year"]),
        date.fromisoformat(block["trust_since"]), block["trustee"],
        tuple(Supervisor(s["role"], s["name"]) for s in block["supervisors"]),
        Decimal(str(block["remuneration_rate"])), Decimal(str(block["fee_standard"])),
        date.fromisoformat(opening["date"]), Decimal(str(opening["amount"])),
    )


@dataclass(frozen=True)
class Community:
    """One community's package, typed: what the rules check and the pages show."""

    id: str
    title: str
    sample: bool
    description: str
    path: Any  # the package folder (pathlib.Path)
    profile: Profile
    entries: tuple[Entry, ...]
    budget: tuple[BudgetLine, ...]
    resolutions: tuple[Resolution, ...]
    collection: tuple[CollectionYear, ...]
    statements: tuple[Statement, ...]
    shown: dict[str, str]  # table name -> path as shown in messages
