"""Stage 2, validate: structure first (descriptors, Table Schemas), then the domain rules.

Validators yield issues and never raise. A package whose structure is broken is not
checked further: its rows cannot be trusted enough to say anything useful about them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from .. import records
from ..issues import Issue, Report
from ..load import COMMUNITY_RESOURCES, OPTIONAL_RESOURCES, Datasets, Package
from . import community, structure


@dataclass(frozen=True)
class Validated:
    categories: tuple[records.Category, ...]
    communities: tuple[records.Community, ...]
    report: Report


def validate(datasets: Datasets, load_issues: Iterable[Issue], today: date,
             strict: bool = False) -> Validated:
    issues = list(load_issues)
    categories = _categories(datasets, issues)
    by_code = {c.code: c for c in categories}
    typed = []
    for package in datasets.communities:
        item = _community(package, issues)
        if item is None:
            continue
        typed.append(item)
        if categories:
            own = list(community.check(item, by_code, today))
            issues.extend(own)
            if not own:
                issues.extend(community.check_findings(item))
    return Validated(categories, tuple(typed), Report.of(issues, strict))


def _categories(datasets: Datasets, issues: list[Issue]) -> tuple[records.Category, ...]:
    table = datasets.categories
    if table is None:
        return ()
    found = structure.check_table(table, "categories")
    issues.extend(found)
    if found:
        return ()
    result = records.categories(table)
    if not any(c.code == "remuneration" and c.direction == "expense" for c in result):
        issues.append(Issue("codelist-remuneration-missing",
                            "the chart of accounts has no expense code 'remuneration' for the "
                            "trustee's remuneration (受托人酬金)", table.shown, field="code"))
        return ()
    return result


def _community(package: Package, issues: list[Issue]) -> records.Community | None:
    found = list(_structure(package))
    issues.extend(found)
    required = set(COMMUNITY_RESOURCES) - OPTIONAL_RESOURCES
    if found or not required <= package.tables.keys():
        return None  # what is missing was reported when loading
    d = package.descriptor
    t = package.tables
    empty = ()
    return records.Community(
        id=package.id, title=d["title"], sample=d["sample"],
        description=d.get("description", ""), path=package.path,
        profile=records.profile(d["community"]),
        entries=records.entries(t["ledger"]), budget=records.budget_lines(t["budget"]),
        resolutions=records.resolutions(t["resolutions"]),
        collection=records.collection(t["collection"]),
        statements=records.statements(t["statements"]) if "statements" in t else empty,
        shown={name: table.shown for name, table in t.items()},
    )


def _structure(package: Package) -> Iterator[Issue]:
    yield from structure.check_descriptor(package)
    for name, table in package.tables.items():
        yield from structure.check_table(table, name)
