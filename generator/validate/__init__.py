"""Stage 2, validate: structure first (descriptors, Table Schemas), then the domain rules.

Validators yield issues and never raise. A package whose structure is broken is not
checked further: its rows cannot be trusted enough to say anything useful about them.
Findings are computed only for packages without errors, so that their figures hold.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Any

from .. import disclosure, parallel, records
from ..cache import Cache
from ..history import Publication
from ..issues import Issue, Report, display_path
from ..load import Datasets, Package, Table, read_tables
from ..published import Record
from . import community, projects, published, standards, structure, text


@dataclass(frozen=True)
class Validated:
    categories: tuple[records.Category, ...]
    project_categories: tuple[records.ProjectCategory, ...]
    community_codes: tuple[records.CommunityCode, ...]
    communities: tuple[records.Community, ...]
    foundation: records.Foundation | None
    protection: records.ProtectionFund | None
    standard_categories: tuple[records.StandardCategory, ...]
    standards: records.Standards | None
    report: Report
    version: str  # of the datasets
    publications: tuple[Publication, ...] = ()
    data_hashes: dict[str, str] | None = None  # the datasets' files, for the manifest
    published: Record = Record()  # what the git history says was published


# A community's checks: its issues, and whether its package is valid.
Checked = dict[str, tuple[list[Issue], bool]]
KIND = "validate-community"
NO_CACHE = Cache()


def validate(datasets: Datasets, load_issues: Iterable[Issue], today: date,
             strict: bool = False, cache: Cache = NO_CACHE, max_bytes: int = 0,
             kept: Mapping[str, records.Community] | None = None) -> Validated:
    """``cache``: each community's checks are kept under a key of everything they read
    (cache.py), so an unchanged community is not checked again. ``kept``: records of
    communities whose pages are kept from the previous site (reuse.py), passed on instead
    of being made again from their tables."""
    keys = {p.id: _key(cache, datasets, p, today, max_bytes)
            for p in datasets.communities} if cache.root else {}
    checked: Checked = {i: found for i, key in keys.items()
                        if (found := cache.get(KIND, key)) is not None}
    reused = set(checked)
    issues = list(load_issues)
    datasets = replace(datasets, communities=tuple(  # tables left unread, and needed after all
        p if p.id in reused else read_tables(p, issues, max_bytes) for p in datasets.communities))
    with structure.checked_together(_tables(datasets, skip=reused)):
        validated = _validate(datasets, issues, today, strict, checked, kept or {})
    for i, key in keys.items():
        if i not in reused:
            cache.put(KIND, key, checked[i])
    cache.keep(KIND, keys.values())
    return validated


def _key(cache: Cache, datasets: Datasets, package: Package, today: date,
         max_bytes: int) -> str:
    """Everything a community's checks read: its folder (each file's SHA-256, symlinks
    as links), the chart of accounts, what git says it published, the date, the limit."""
    listing = []
    for path in sorted(package.path.rglob("*")):
        rel = path.relative_to(datasets.root).as_posix()
        if path.is_symlink():
            listing.append(f"{rel} -> {os.readlink(path)}")
        elif path.is_file():
            listing.append(f"{rel} {datasets.file_hashes[rel]}")
        else:
            listing.append(f"{rel} {'folder' if path.is_dir() else 'other'}")
    r, i = datasets.published, package.id
    published = repr((r.tracked, r.entries.get(i), r.vouchers.get(i), r.statements.get(i)))
    return cache.key(KIND, display_path(package.path), today.isoformat(), str(max_bytes),
                     datasets.file_hashes.get("codelists/categories.csv", ""), published,
                     *listing)


def _tables(datasets: Datasets, skip: Collection[str] = ()) -> list[Table]:
    """Every table to check: ``skip``, communities whose checks are kept from before."""
    packages = [*(c for c in datasets.communities if c.id not in skip), datasets.foundation,
                datasets.protection, datasets.standards]
    return [*datasets.codelists.values(),
            *(t for p in packages if p is not None for t in p.tables.values())]


def _validate(datasets: Datasets, issues: list[Issue], today: date, strict: bool,
              checked: Checked, kept: Mapping[str, records.Community]) -> Validated:
    categories = _categories(datasets.codelists.get("categories"), issues)
    typed = _communities(datasets, issues, categories, today, checked, kept)
    project_categories, codes, usable = _project_codelists(datasets, issues)
    # A broken package is reported once, not again by every project that names it.
    known = {c.id for c in codes} | set(datasets.community_ids)
    kinds = {c.code for c in project_categories}
    foundation = _typed(datasets.foundation, issues, _foundation)
    if foundation is not None:
        _checked(issues, projects.check_foundation(foundation, known, kinds),
                 lambda: projects.foundation_findings(foundation, today), enabled=usable)
    protection = _typed(datasets.protection, issues, _protection)
    if protection is not None:
        _checked(issues, projects.check_protection(protection, known, kinds),
                 lambda: projects.protection_findings(protection), enabled=usable)
    standard_categories, catalogue = _standards(datasets, issues)
    return Validated(categories, project_categories, codes, typed, foundation, protection,
                     standard_categories, catalogue, Report.of(issues, strict), datasets.version,
                     datasets.publications, datasets.file_hashes, datasets.published)


def _communities(datasets: Datasets, issues: list[Issue],
                 categories: tuple[records.Category, ...], today: date, checked: Checked,
                 kept: Mapping[str, records.Community]) -> tuple[records.Community, ...]:
    """Each community's structure, rules and findings, shared over the cores: a city has
    hundreds of communities, and these checks are a third of validation. Workers send
    back only issues; the records of the valid packages are made again here, which costs
    less than sending a million entries between processes. ``checked``: the results
    known from before, completed here."""
    record = datasets.published
    packages = [p for p in datasets.communities if p.id not in checked]
    by_code = {c.code: c for c in categories}

    def job(index: int) -> tuple[list[Issue], bool]:
        found: list[Issue] = []
        item = _community(packages[index], found)
        if item is not None:
            _checked(found, chain(community.check(item, by_code, today),
                                  published.check(item, record)),
                     lambda: chain(community.check_findings(item),
                                   disclosure.findings(item, record, today)),
                     enabled=bool(categories))
        return found, item is not None

    done = parallel.fork_map(job, len(packages), parallel=len(packages) >= 8)
    checked.update(zip((p.id for p in packages), done, strict=True))
    typed = []
    for package in datasets.communities:
        found, valid = checked[package.id]
        issues.extend(found)
        if valid:
            typed.append(kept.get(package.id) or _make_community(package))
    return tuple(typed)


def _standards(
    datasets: Datasets, issues: list[Issue]
) -> tuple[tuple[records.StandardCategory, ...], records.Standards | None]:
    catalogue = _typed(datasets.standards, issues, _make_standards)
    if catalogue is None:
        return (), None
    table = datasets.codelists.get("standard-categories")
    if table is None:
        issues.append(Issue("codelist-missing", "standards need "
                            "datasets/codelists/standard-categories.csv",
                            display_path(datasets.root / "codelists/standard-categories.csv")))
        return (), catalogue
    if _broken(table, issues):
        return (), catalogue
    kinds = records.standard_categories(table)
    found = list(standards.check(catalogue, {k.code for k in kinds}))
    issues.extend(found)
    if not found:  # every body file is a safe, readable Markdown file
        catalogue = replace(catalogue, bodies={
            x.code: (Path(catalogue.path) / x.body).read_text(encoding="utf-8")
            for x in catalogue.standards})
        issues.extend(standards.check_texts(catalogue))
    return kinds, catalogue


def _checked(issues: list[Issue], errors: Iterable[Issue], findings: Any,
             enabled: bool = True) -> None:
    if not enabled:
        return
    found = list(errors)
    issues.extend(found)
    if not found:
        issues.extend(findings())


def _categories(table: Table | None, issues: list[Issue]) -> tuple[records.Category, ...]:
    if table is None or _broken(table, issues):
        return ()
    result = records.categories(table)
    if not any(c.code == "remuneration" and c.direction == "expense" for c in result):
        issues.append(Issue("codelist-remuneration-missing",
                            "the chart of accounts has no expense code 'remuneration' for the "
                            "trustee's remuneration (受托人酬金)", table.shown, field="code"))
        return ()
    return result


def _project_codelists(
    datasets: Datasets, issues: list[Issue]
) -> tuple[tuple[records.ProjectCategory, ...], tuple[records.CommunityCode, ...], bool]:
    """The project code lists, and whether both are there to check projects against."""
    if datasets.foundation is None and datasets.protection is None:
        return (), (), True
    found = []
    for name in ("project-categories", "communities"):
        table = datasets.codelists.get(name)
        if table is None:
            issues.append(Issue("codelist-missing",
                                f"projects need datasets/codelists/{name}.csv",
                                display_path(datasets.root / "codelists" / f"{name}.csv")))
        found.append(table if table is not None and not _broken(table, issues) else None)
    categories, codes = found
    return (records.project_categories(categories) if categories else (),
            records.community_codes(codes) if codes else (),
            categories is not None and codes is not None)


def _broken(table: Table, issues: list[Issue]) -> bool:
    found = structure.check_table(table)
    if not found:
        found.extend(text.check_table(table))
    issues.extend(found)
    return bool(found)


def _typed(package: Package | None, issues: list[Issue], make: Any) -> Any:
    if package is None:
        return None
    found = list(_structure(package))
    issues.extend(found)
    if found or not package.complete:
        return None  # what is missing was reported when loading
    return make(package)


def _community(package: Package, issues: list[Issue]) -> records.Community | None:
    result: records.Community | None = _typed(package, issues, _make_community)
    return result


def _make_community(package: Package) -> records.Community:
    d, t = package.descriptor, package.tables
    return records.Community(
        id=package.id, title=d["title"], sample=d["sample"],
        description=d.get("description", ""), path=package.path,
        profile=records.profile(d["community"]),
        entries=records.entries(t["ledger"]), budget=records.budget_lines(t["budget"]),
        resolutions=records.resolutions(t["resolutions"]),
        collection=records.collection(t["collection"]),
        statements=records.statements(t["statements"]) if "statements" in t else (),
        shown={name: table.shown for name, table in t.items()},
    )


def _foundation(package: Package) -> records.Foundation:
    d, t = package.descriptor, package.tables
    return records.Foundation(
        title=d["title"], sample=d["sample"], description=d.get("description", ""),
        organisation=d["organisation"], founded=d["founded"], context=d.get("context", ""),
        path=package.path, projects=records.foundation_projects(t["projects"]),
        donations=records.donations(t["donations"]),
        disbursements=records.disbursements(t["disbursements"]),
        shown={name: table.shown for name, table in t.items()},
    )


def _protection(package: Package) -> records.ProtectionFund:
    d, t = package.descriptor, package.tables
    return records.ProtectionFund(
        title=d["title"], sample=d["sample"], description=d.get("description", ""),
        path=package.path, projects=records.protection_projects(t["projects"]),
        steps=records.steps(t["steps"]),
        shown={name: table.shown for name, table in t.items()},
    )


def _make_standards(package: Package) -> records.Standards:
    d, t = package.descriptor, package.tables
    return records.Standards(
        title=d["title"], sample=d["sample"], description=d.get("description", ""),
        path=package.path, standards=records.standards(t["standards"]), bodies={},
        shown={name: table.shown for name, table in t.items()},
    )


def _structure(package: Package) -> Iterator[Issue]:
    yield from structure.check_descriptor(package)
    allowed = text.public_numbers(package)
    yield from text.check_descriptor(package, allowed)
    for table in package.tables.values():
        found = structure.check_table(table)
        yield from found
        if not found:  # with the right columns, every text cell can be read as public text
            yield from text.check_table(table, allowed)
