"""Stage 2, validate: structure first (descriptors, Table Schemas), then the domain rules.

Checks yield issues and never raise; each declares the issue types it raises. A package
whose structure is broken is not checked further: its rows cannot be trusted enough to say
anything useful about them. Findings are computed only for packages without errors, so
that their figures hold. A community whose checks are known (a unit with ``checked``,
units.py) is not checked again: its issues are replayed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TypeVar

from .. import declarations, disclosure, parallel, records, witness
from ..derivatives import DEFAULT_MAX_BYTES
from ..domain import REMUNERATION
from ..issues import Issue, Report, Where, display_path, raises
from ..issues.packages import CODELIST_MISSING, CODELIST_REMUNERATION_MISSING
from ..load import Datasets, Package, Table
from ..published import Record
from ..units import Checked, Unit
from . import (
    amendments,
    community,
    income,
    projects,
    published,
    questions,
    reports,
    standards,
    structure,
    text,
    typed,
    vendors,
    votes,
)

# The rules of what owners dispute, each area in its module: errors, then findings.
AREAS = (income, votes, questions, vendors)


@dataclass(frozen=True)
class Validated:
    """The typed records of the valid packages and the report; what the model reads."""

    categories: tuple[records.Category, ...]
    project_categories: tuple[records.ProjectCategory, ...]
    community_codes: tuple[records.CommunityCode, ...]
    communities: tuple[records.Community, ...]
    foundation: records.Foundation | None
    protection: records.ProtectionFund | None
    standard_categories: tuple[records.StandardCategory, ...]
    standards: records.Standards | None
    report: Report
    checks: dict[str, Checked]  # each community's checks, run or replayed (units.py)


@dataclass(frozen=True)
class Context:
    """What the checks read besides the data: the day they judge, what git says was
    published, and the largest voucher or document a package may publish."""

    today: date
    record: Record
    max_bytes: int = DEFAULT_MAX_BYTES


def validate(datasets: Datasets, load_issues: Iterable[Issue], today: date,
             strict: bool = False, units: Mapping[str, Unit] | None = None,
             max_bytes: int = DEFAULT_MAX_BYTES) -> Validated:
    """``max_bytes``: the largest voucher or document (--max-voucher-bytes)."""
    units = units or {}
    context = Context(today, datasets.provenance.published, max_bytes)
    known = {i for i, u in units.items() if u.checked is not None}
    tables = structure.check_tables(_tables(datasets, skip=known))
    issues = list(load_issues)
    categories = _categories(datasets.codelists.get("categories"), tables, issues)
    checks = _communities(datasets, categories, context, units, tables)
    issues += community.check_titles(datasets.communities)
    renamed = {f for p in datasets.communities
               for f in declarations.former_names(p.descriptor.get("former_names"))}
    issues += published.check_removed(datasets.root, {*datasets.community_ids, *checks,
                                                      *renamed}, context.record)
    provenance = datasets.provenance
    if provenance.site_record is not None and provenance.now_record is not None:
        issues += witness.check(provenance.site_record, provenance.now_record, datasets.root)
    issues += text.check_file_names(datasets.root, datasets.provenance.file_hashes)
    typed_communities = []
    for package in datasets.communities:
        issues.extend(checks[package.id].issues)
        if checks[package.id].valid:
            unit = units.get(package.id)
            typed_communities.append(unit.record(package.path) if unit and unit.kept
                                     else typed.community(package))
    project_categories, codes, foundation, protection = _projects(datasets, tables, context,
                                                                  issues)
    # A broken fund is reported once, not again by every question about its projects.
    if (datasets.foundation is None or foundation) and (datasets.protection is None
                                                        or protection):
        ids = {p.project_id for fund in (foundation, protection) if fund for p in fund.projects}
        issues += questions.check_projects(typed_communities, ids)
    standard_categories, catalogue = _standards(datasets, tables, context, issues)
    return Validated(categories, project_categories, codes, tuple(typed_communities),
                     foundation, protection, standard_categories, catalogue,
                     Report.of(issues, strict), checks)


def _tables(datasets: Datasets, skip: Collection[str] = ()) -> list[Table]:
    """Every table to check: ``skip``, communities whose checks are known."""
    packages = [*(c for c in datasets.communities if c.id not in skip), datasets.foundation,
                datasets.protection, datasets.standards]
    return [*datasets.codelists.values(),
            *(t for p in packages if p is not None for t in p.tables.values())]


def _communities(datasets: Datasets, categories: tuple[records.Category, ...], context: Context,
                 units: Mapping[str, Unit], tables: structure.Checked) -> dict[str, Checked]:
    """Each community's structure, rules and findings, shared over the cores: a city has
    hundreds of communities, and these checks are a third of validation. Workers send
    back only issues; the records of the valid packages are made again in this process,
    which costs less than sending a million entries between processes."""
    fresh = [p for p in datasets.communities if units.get(p.id, Unit(p.id)).checked is None]
    by_code = {c.code: c for c in categories}

    def job(index: int) -> Checked:
        return check_community(fresh[index], by_code, context, tables,
                               enabled=bool(categories))

    done = parallel.fork_map(job, len(fresh), parallel=len(fresh) >= 8)
    checks = {i: u.checked for i, u in units.items() if u.checked is not None}
    return {**checks, **dict(zip((p.id for p in fresh), done, strict=True))}


def check_community(package: Package, categories: Mapping[str, records.Category],
                    context: Context, tables: structure.Checked, enabled: bool = True) -> Checked:
    """One community's checks: its structure, then its rules, then its findings."""
    found = list(_structure(package, tables))
    if found or not package.complete:
        return Checked(tuple(found), False)
    item = typed.community(package)
    if enabled:
        found += _checked(chain(community.check(item, categories, context.today,
                                                context.max_bytes),
                                amendments.check(item, categories, context.record,
                                                 context.today),
                                published.check(item, context.record),
                                published.check_tables(package, context.record,
                                                       (*item.former, item.id)),
                                *(a.check(item, categories, context.today, context.max_bytes)
                                  for a in AREAS)),
                          lambda: chain(community.check_findings(item, categories),
                                        disclosure.findings(item, context.record, context.today),
                                        *(a.findings(item, categories, context.today)
                                          for a in AREAS)))
    return Checked(tuple(found), True)


def _projects(datasets: Datasets, tables: structure.Checked, context: Context,
              issues: list[Issue]) -> tuple[tuple[records.ProjectCategory, ...],
                                            tuple[records.CommunityCode, ...],
                                            records.Foundation | None,
                                            records.ProtectionFund | None]:
    project_categories, codes, usable = _project_codelists(datasets, tables, issues)
    # A broken package is reported once, not again by every project that names it.
    known = {c.id for c in codes} | set(datasets.community_ids)
    kinds = {c.code for c in project_categories}
    for package in (datasets.foundation, datasets.protection):
        if package is not None:
            issues += published.check_tables(package, context.record, (package.id,))
    foundation = _typed(datasets.foundation, tables, issues, typed.foundation)
    if foundation is not None and usable:
        issues += _checked(chain(projects.check_foundation(foundation, known, kinds,
                                                           context.max_bytes),
                                 reports.check(foundation, context.max_bytes)),
                           lambda: chain(projects.foundation_findings(foundation, context.today),
                                         reports.findings(foundation, context.today)))
    protection = _typed(datasets.protection, tables, issues, typed.protection)
    if protection is not None and usable:
        issues += _checked(projects.check_protection(protection, known, kinds, context.max_bytes),
                           lambda: projects.protection_findings(protection))
    return project_categories, codes, foundation, protection


def _standards(datasets: Datasets, tables: structure.Checked, context: Context,
               issues: list[Issue]
               ) -> tuple[tuple[records.StandardCategory, ...], records.Standards | None]:
    catalogue = _typed(datasets.standards, tables, issues, typed.standards)
    if catalogue is None:
        return (), None
    table = datasets.codelists.get("standard-categories")
    if table is None:
        issues += check_codelist_present(datasets.root, "standard-categories", "standards")
        return (), catalogue
    if _broken(table, tables, issues):
        return (), catalogue
    kinds = records.standard_categories(table)
    found = list(standards.check(catalogue, {k.code for k in kinds}, context.max_bytes))
    issues += found
    if not found:  # every body file is a safe, readable Markdown file
        catalogue = replace(catalogue, bodies={
            x.code: (Path(catalogue.path) / x.body).read_text(encoding="utf-8")
            for x in catalogue.standards})
        issues += standards.check_texts(catalogue)
    return kinds, catalogue


def _checked(errors: Iterable[Issue], findings: Callable[[], Iterable[Issue]]) -> list[Issue]:
    """The errors, or, when there are none, the findings: figures are judged only once the
    data they come from is right."""
    found = list(errors)
    return found or list(findings())


def _categories(table: Table | None, tables: structure.Checked,
                issues: list[Issue]) -> tuple[records.Category, ...]:
    if table is None or _broken(table, tables, issues):
        return ()
    result = records.categories(table)
    found = list(check_chart(table, result))
    issues += found
    return () if found else result


@raises(CODELIST_REMUNERATION_MISSING)
def check_chart(table: Table, categories: Iterable[records.Category]) -> Iterator[Issue]:
    """The chart of accounts has the trustee's remuneration, which every ledger is checked
    against."""
    if not any(c.code == REMUNERATION and c.direction == "expense" for c in categories):
        yield CODELIST_REMUNERATION_MISSING(table.where, None, "code", code=REMUNERATION)


@raises(CODELIST_MISSING)
def check_codelist_present(root: Path, name: str, needed_by: str) -> Iterator[Issue]:
    yield CODELIST_MISSING(Where(display_path(root / "codelists" / f"{name}.csv"),
                                 "codelists", name), what=needed_by, name=name)


def _project_codelists(
    datasets: Datasets, tables: structure.Checked, issues: list[Issue]
) -> tuple[tuple[records.ProjectCategory, ...], tuple[records.CommunityCode, ...], bool]:
    """The project code lists, and whether both are there to check projects against."""
    if datasets.foundation is None and datasets.protection is None:
        return (), (), True
    found = []
    for name in ("project-categories", "communities"):
        table = datasets.codelists.get(name)
        if table is None:
            issues += check_codelist_present(datasets.root, name, "projects")
        found.append(table if table is not None and not _broken(table, tables, issues)
                     else None)
    categories, codes = found
    return (records.project_categories(categories) if categories else (),
            records.community_codes(codes) if codes else (),
            categories is not None and codes is not None)


def _broken(table: Table, tables: structure.Checked, issues: list[Issue]) -> bool:
    found = structure.check_table(table, tables)
    if not found:
        found.extend(text.check_table(table))
    issues += found
    return bool(found)


Record_ = TypeVar("Record_")


def _typed(package: Package | None, tables: structure.Checked, issues: list[Issue],
           make: Callable[[Package], Record_]) -> Record_ | None:
    if package is None:
        return None
    found = list(_structure(package, tables))
    issues += found
    if found or not package.complete:
        return None  # what is missing was reported when loading
    return make(package)


def _structure(package: Package, tables: structure.Checked) -> Iterator[Issue]:
    yield from structure.check_descriptor(package)
    allowed = text.public_numbers(package)
    yield from text.check_descriptor(package, allowed)
    for table in package.tables.values():
        found = structure.check_table(table, tables)
        yield from found
        if not found:  # with the right columns, every text cell can be read as public text
            yield from text.check_table(table, allowed)
