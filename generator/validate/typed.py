"""A package whose structure passed, as a typed record (records.py knows the columns)."""

from __future__ import annotations

from dataclasses import replace

from .. import declarations, records
from ..declarations import REDACTION_MARK, Redaction
from ..load import Package
from ..profile import profile
from ..terms import first_terms


def community(package: Package) -> records.Community:
    d, t = package.descriptor, package.tables
    hidden = declarations.redactions(d.get("redactions"))
    return records.Community(
        id=package.id, title=d["title"], sample=d["sample"],
        description=d.get("description", ""), path=package.path,
        profile=profile(d["community"]),
        entries=redact(records.entries(t["ledger"]), hidden),
        budget=records.budget_lines(t["budget"]),
        resolutions=records.resolutions(t["resolutions"]),
        collection=records.collection(t["collection"]),
        statements=records.statements(t["statements"]) if "statements" in t else (),
        where={name: table.where for name, table in t.items()}, package=package.key,
        redactions=hidden, withdrawn=declarations.withdrawal(d.get("withdrawn")),
        former=declarations.former_names(d.get("former_names")),
        terms=first_terms(d["community"]) + (records.terms(t["terms"]) if "terms" in t else ()),
        assets=records.assets(t["assets"]) if "assets" in t else (),
        questions=records.questions(t["questions"]) if "questions" in t else (),
        parties=records.parties(t["parties"]) if "parties" in t else (),
    )


def foundation(package: Package) -> records.Foundation:
    d, t = package.descriptor, package.tables
    return records.Foundation(
        title=d["title"], sample=d["sample"], description=d.get("description", ""),
        organisation=d["organisation"], founded=d["founded"], context=d.get("context", ""),
        path=package.path, projects=records.foundation_projects(t["projects"]),
        donations=records.donations(t["donations"]),
        disbursements=records.disbursements(t["disbursements"]),
        where={name: table.where for name, table in t.items()}, package=package.key,
        reports=records.reports(t["reports"]) if "reports" in t else (),
    )


def protection(package: Package) -> records.ProtectionFund:
    d, t = package.descriptor, package.tables
    return records.ProtectionFund(
        title=d["title"], sample=d["sample"], description=d.get("description", ""),
        path=package.path, projects=records.protection_projects(t["projects"]),
        steps=records.steps(t["steps"]),
        where={name: table.where for name, table in t.items()}, package=package.key,
    )


def standards(package: Package) -> records.Standards:
    d, t = package.descriptor, package.tables
    return records.Standards(
        title=d["title"], sample=d["sample"], description=d.get("description", ""),
        path=package.path, standards=records.standards(t["standards"]), bodies={},
        where={name: table.where for name, table in t.items()}, package=package.key,
    )


def redact(entries: tuple[records.Entry, ...], declared: tuple[Redaction, ...]
           ) -> tuple[records.Entry, ...]:
    """The entries as the site shows them: each redacted cell that reads 已遮盖 says when
    and why."""
    by = {(r.entry, r.field): r for r in declared}
    if not by:
        return entries
    return tuple(_redacted(e, by) for e in entries)


def _redacted(e: records.Entry, by: dict[tuple[str, str], Redaction]) -> records.Entry:
    def shown(field: str, value: str) -> str:
        r = by.get((e.entry_id, field))
        return r.shown if r is not None and value.strip() == REDACTION_MARK else value

    return replace(e, counterparty=shown("counterparty", e.counterparty),
                   description=shown("description", e.description))
