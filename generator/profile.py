"""The ``community`` block of a community's datapackage.json, typed: what the estate is,
who holds and supervises its money, and when it promises to publish each month. Its
remuneration rate, fee standard and trustee are the first of the dated terms (terms.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .domain import DEFAULT_ROUNDING


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
    disclosure: Disclosure | None = None
    rounding: str = DEFAULT_ROUNDING  # how each remuneration payment is rounded (domain.ROUNDING)


@dataclass(frozen=True)
class Disclosure:
    """When the community promises to publish each month's accounts."""

    due_day: int  # each month is due by this day of the next month
    first: str  # YYYY-MM: the first month the rule covers ("" = the ledger's first month)
    last: str  # YYYY-MM: the last month it covers ("" = open-ended)


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
        _disclosure(block.get("disclosure")),
        block.get("remuneration_rounding", DEFAULT_ROUNDING),
    )


def _disclosure(rule: dict[str, Any] | None) -> Disclosure | None:
    if rule is None:
        return None
    return Disclosure(int(rule["due_day"]), rule.get("from", ""), rule.get("until", ""))
