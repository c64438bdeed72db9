"""A package whose structure passed, as a typed record (records.py knows the columns)."""

from __future__ import annotations

from .. import records
from ..load import Package


def community(package: Package) -> records.Community:
    d, t = package.descriptor, package.tables
    hidden = records.redactions(d.get("redactions"))
    return records.Community(
        id=package.id, title=d["title"], sample=d["sample"],
        description=d.get("description", ""), path=package.path,
        profile=records.profile(d["community"]),
        entries=records.redact(records.entries(t["ledger"]), hidden),
        budget=records.budget_lines(t["budget"]),
        resolutions=records.resolutions(t["resolutions"]),
        collection=records.collection(t["collection"]),
        statements=records.statements(t["statements"]) if "statements" in t else (),
        where={name: table.where for name, table in t.items()}, package=package.key,
        redactions=hidden, withdrawn=records.withdrawal(d.get("withdrawn")),
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
