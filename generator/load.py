"""Stage 1, load: find the packages under ``datasets/`` and read their files.

``load()`` reads every descriptor, the code lists and the project and standards packages,
hashes every file and reads what git says was published; ``read_tables()`` then reads the
communities' tables, all but those a build does not need (the units it keeps, units.py).
Nothing here judges the data beyond what is needed to read it: a file that cannot be
decoded or parsed becomes an issue and the table is left out.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import manifest, schemas, witness
from .cache import Cache
from .history import Publication, publications
from .issues import Issue, Where, display_path
from .issues import packages as found
from .published import Record, Sources, record

DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024
# A huge cell is read and then reported by the text rules with its size, instead of
# failing the whole file with csv's "field larger than field limit".
csv.field_size_limit(max(csv.field_size_limit(), DEFAULT_MAX_FILE_BYTES))


@dataclass(frozen=True)
class Kind:
    """A kind of package: its descriptor schema and its resources (name -> table schema)."""

    name: str
    descriptor_schema: str
    resources: dict[str, str]
    optional: frozenset[str] = frozenset()


COMMUNITY = Kind("community", "community-package",
                 {"ledger": "ledger", "budget": "budget", "resolutions": "resolutions",
                  "collection": "collection", "statements": "statements", "terms": "terms",
                  "assets": "assets", "questions": "questions", "parties": "parties"},
                 frozenset({"statements", "terms", "assets", "questions", "parties"}))
FOUNDATION = Kind("foundation", "foundation-package",
                  {"projects": "foundation-projects", "donations": "donations",
                   "disbursements": "disbursements", "reports": "reports"},
                  frozenset({"reports"}))
PROTECTION = Kind("protection-fund", "protection-package",
                  {"projects": "protection-projects", "steps": "steps"})
STANDARDS = Kind("standards", "standards-package", {"standards": "standards"})
CODELISTS = {"categories": "categories", "project-categories": "project-categories",
             "communities": "communities", "standard-categories": "standard-categories"}


@dataclass(frozen=True)
class Table:
    name: str
    schema: str  # the canonical Table Schema it must follow
    path: Path
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    where: Where  # how issues name it

    @property
    def shown(self) -> str:
        return self.where.path


@dataclass(frozen=True)
class Package:
    kind: Kind
    id: str
    path: Path
    descriptor: dict[str, Any]
    key: str  # its folder under the datasets: communities/<id>, foundation, …
    tables: dict[str, Table] = field(default_factory=dict)
    listed: tuple[tuple[str, Path], ...] = ()  # (name, CSV path) of each usable resource
    read: bool = True  # False: its tables are not read (read_tables)

    @property
    def where(self) -> Where:
        """The descriptor, as issues name it."""
        return Where(display_path(self.path / "datapackage.json"), self.key)

    @property
    def shown(self) -> str:
        return self.where.path

    @property
    def complete(self) -> bool:
        return set(self.kind.resources) - self.kind.optional <= self.tables.keys()


@dataclass(frozen=True)
class Provenance:
    """What the data is and where it comes from, as the pages and the manifest give it:
    the datasets folder, each file's SHA-256 and a hash of them all, and what the git
    history says was published and when."""

    root: Path
    version: str  # content hash of every file under the datasets folder
    file_hashes: dict[str, str]  # path under the datasets folder -> SHA-256 (the manifest's)
    publications: tuple[Publication, ...] = ()  # from the git history of the datasets
    published: Record = Record()  # each entry and voucher as first published (git history)
    site_record: witness.Records | None = None  # the live site's record (None: not read)
    now_record: witness.Records | None = None  # the datasets' own, when compared with it

    def by_community(self, folders: Mapping[str, Path]
                     ) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
        """Each file's SHA-256 split into each community's own files (``folders``:
        community id -> its folder) and the files of no community (code lists, the other
        packages)."""
        owner = {Path(f).relative_to(self.root).as_posix(): i for i, f in folders.items()}
        own: dict[str, dict[str, str]] = {i: {} for i in folders}
        shared = {}
        for path, sha in sorted(self.file_hashes.items()):
            parts = path.split("/", 2)
            if len(parts) == 3 and (i := owner.get(f"{parts[0]}/{parts[1]}")) is not None:
                own[i][path] = sha
            elif parts[0] != "communities":
                shared[path] = sha
        return own, shared


def data_version(file_hashes: Mapping[str, str]) -> str:
    """A short hash of every dataset file's path and bytes: the data a page was built from."""
    digest = hashlib.sha256()
    for path, sha in sorted(file_hashes.items()):
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(bytes.fromhex(sha))
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Datasets:
    root: Path
    codelists: dict[str, Table]
    community_ids: tuple[str, ...]  # every package folder, loadable or not
    communities: tuple[Package, ...]
    foundation: Package | None
    protection: Package | None
    standards: Package | None
    provenance: Provenance


CODELISTS_KEY = "codelists"
# What load reports: the files it cannot read (the checks declare theirs, issues.raises).
RAISES = (found.PACKAGE_DESCRIPTOR_MISSING, found.PACKAGE_DESCRIPTOR_INVALID,
          found.PACKAGE_PROPERTY_INVALID, found.PACKAGE_RESOURCE_UNKNOWN,
          found.PACKAGE_SCHEMA_DIFFERS, found.PACKAGE_RESOURCE_MISSING, found.FILE_MISSING,
          found.FILE_TOO_LARGE, found.CSV_ENCODING, found.CSV_EMPTY, found.CSV_MALFORMED,
          found.PUBLISHED_REF_UNKNOWN, found.PUBLISHED_HISTORY_MISSING,
          found.PUBLISHED_SITE_UNREADABLE)


def load(root: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES, sources: Sources | None = None,
         cache: Cache | None = None) -> tuple[Datasets, list[Issue]]:
    """Everything but the communities' tables, which read_tables() reads; and what was
    published (``sources``), whose record from git ``cache`` keeps."""
    sources = sources or Sources()
    issues: list[Issue] = []
    codelists = {}
    for name, schema in CODELISTS.items():
        path = root / "codelists" / f"{name}.csv"
        if name == "categories" or path.exists():  # the others are needed with their packages
            table = read_table(name, schema, path, CODELISTS_KEY, issues, max_bytes)
            if table is not None:
                codelists[name] = table
    communities = tuple(pkg for pkg in (load_package(COMMUNITY, root, d, issues, max_bytes,
                                                     read=False)
                                        for d in community_dirs(root)) if pkg)
    foundation = _optional_package(FOUNDATION, root, issues, max_bytes)
    protection = _optional_package(PROTECTION, root, issues, max_bytes)
    standards = _optional_package(STANDARDS, root, issues, max_bytes)
    ids = tuple(d.name for d in community_dirs(root))
    hashes = manifest.hashes(root)  # read once: the data version and the site's manifest
    published = record(root, sources.ref, issues, sources.required, cache)
    site = witnessed(root, sources, issues)
    now = witness.current(root) if site is not None and sources.enforce else None
    provenance = Provenance(root, data_version(hashes), hashes, publications(root), published,
                            site, now)
    return Datasets(root, codelists, ids, communities, foundation, protection, standards,
                    provenance), issues


def witnessed(root: Path, sources: Sources, issues: list[Issue]) -> witness.Records | None:
    """The live site's record of what it published; empty on a declared first
    publication; None when neither is given (a maintainer's preview)."""
    where = Where(display_path(root))
    if sources.site:
        try:
            return witness.read_site(sources.site)
        except witness.Unreadable as exc:
            issues.append(found.PUBLISHED_SITE_UNREADABLE(where, source=sources.site,
                                                          reason=str(exc)))
            return None
    if sources.first:
        return {}
    if sources.required:
        issues.append(found.PUBLISHED_SITE_UNREADABLE(where, variant="none"))
    return None


def _optional_package(kind: Kind, root: Path, issues: list[Issue],
                      max_bytes: int) -> Package | None:
    directory = root / kind.name
    return load_package(kind, root, directory, issues, max_bytes) if directory.is_dir() else None


def community_dirs(root: Path) -> Iterator[Path]:
    base = root / "communities"
    if base.is_dir():
        yield from sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_package(kind: Kind, root: Path, directory: Path, issues: list[Issue], max_bytes: int,
                 read: bool = True) -> Package | None:
    key = directory.relative_to(root).as_posix()
    descriptor = read_descriptor(directory / "datapackage.json", issues, max_bytes, key)
    if descriptor is None:
        return None
    package = Package(kind, directory.name, directory, descriptor, key, read=False)
    package = replace(package, listed=tuple(resource_paths(package, issues)))
    return read_package(package, issues, max_bytes) if read else package


def read_package(package: Package, issues: list[Issue], max_bytes: int) -> Package:
    if package.read:
        return package
    tables = {}
    for name, path in package.listed:
        table = read_table(name, package.kind.resources[name], path, package.key, issues,
                           max_bytes)
        if table is not None:
            tables[name] = table
    return replace(package, tables=tables, read=True)


def read_tables(datasets: Datasets, issues: list[Issue], max_bytes: int,
                skip: Collection[str] = ()) -> Datasets:
    """Read the communities' tables, all but those of the communities in ``skip``."""
    return replace(datasets, communities=tuple(
        p if p.id in skip else read_package(p, issues, max_bytes) for p in datasets.communities))


def read_descriptor(path: Path, issues: list[Issue], max_bytes: int = DEFAULT_MAX_FILE_BYTES,
                    package: str = "") -> dict[str, Any] | None:
    where = Where(display_path(path), package)
    if not path.is_file():
        issues.append(found.PACKAGE_DESCRIPTOR_MISSING(where))
        return None
    if not _small_enough(path, where, issues, max_bytes):
        return None
    try:
        data = strict_json(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        issues.append(found.PACKAGE_DESCRIPTOR_INVALID(where, variant="encoding"))
        return None
    except json.JSONDecodeError as exc:
        issues.append(found.PACKAGE_DESCRIPTOR_INVALID(where, line=exc.lineno, col=exc.colno,
                                                       error=exc.msg))
        return None
    except NotJson as exc:
        issues.append(found.PACKAGE_DESCRIPTOR_INVALID(where, variant="value", problem=exc))
        return None
    if not isinstance(data, dict):
        issues.append(found.PACKAGE_DESCRIPTOR_INVALID(where, variant="object"))
        return None
    return data


class NotJson(ValueError):
    """Text json accepts that is not JSON, or not numbers a descriptor can hold."""


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise NotJson(f"the number {text} is too large")
    return value


def _not_json(name: str) -> float:
    raise NotJson(f"{name} is not a number in JSON; write the number, or leave it out")


def _whole(text: str) -> int:
    if len(text.lstrip("-")) > 18:
        raise NotJson(f"the number {text[:20]}… is too large")
    return int(text)


def strict_json(text: str) -> Any:
    """JSON as the standard says: no NaN or Infinity, only finite numbers, and not nested
    so deep that reading it would exhaust the stack."""
    try:
        return json.loads(text, parse_constant=_not_json, parse_float=_finite, parse_int=_whole)
    except RecursionError as exc:
        raise NotJson("it is nested too deeply") from exc


def resource_paths(package: Package, issues: list[Issue]) -> Iterator[tuple[str, Path]]:
    """Yield (name, path) of each resource the descriptor lists, reporting unusable entries."""
    kind, where = package.kind, package.where
    resources = package.descriptor.get("resources")
    if not isinstance(resources, list):
        issues.append(found.PACKAGE_PROPERTY_INVALID(where, None, "resources",
                                                     variant="resources"))
        return
    listed = set()
    for index, res in enumerate(resources):
        at = f"resources[{index}]"
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            issues.append(found.PACKAGE_PROPERTY_INVALID(where, None, at, variant="resource"))
            continue
        name = res["name"]
        listed.add(name)
        if name not in kind.resources:
            issues.append(found.PACKAGE_RESOURCE_UNKNOWN(where, None, at, name=name,
                                                         expected=", ".join(kind.resources)))
            continue
        if res.get("path") != f"{name}.csv":
            issues.append(found.PACKAGE_PROPERTY_INVALID(where, None, f"{at}.path",
                                                         variant="path", name=name))
            continue
        if "schema" in res:
            issues.append(found.PACKAGE_SCHEMA_DIFFERS(where, None, f"{at}.schema", name=name))
        yield name, package.path / f"{name}.csv"
    for name in kind.resources:
        if name not in listed and name not in kind.optional:
            issues.append(found.PACKAGE_RESOURCE_MISSING(where, None, "resources", name=name))


def read_table(name: str, schema: str, path: Path, package: str, issues: list[Issue],
               max_bytes: int) -> Table | None:
    where = Where(display_path(path), package, name)
    if not path.is_file():
        issues.append(found.FILE_MISSING(where, name=path.name))
        return None
    if not _small_enough(path, where, issues, max_bytes):
        return None
    text = decode(path.read_bytes(), where, issues)
    if text is None:
        return None
    return parse_csv(name, schema, path, text, where, issues)


def _small_enough(path: Path, where: Where, issues: list[Issue], max_bytes: int) -> bool:
    """Checked before reading, so a huge file costs nothing and cannot hang the build."""
    size = path.stat().st_size
    if size > max_bytes:
        issues.append(found.FILE_TOO_LARGE(where, size=size, limit=max_bytes))
    return size <= max_bytes


def decode(data: bytes, where: Where, issues: list[Issue]) -> str | None:
    # A UTF-8 byte-order mark (Excel's "CSV UTF-8") is unambiguous and accepted.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        issues.append(found.CSV_ENCODING(where, line - 1 if line > 1 else None, line=line,
                                         guess=guess_encoding(data)))
        return None


def guess_encoding(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return ("it is an Excel workbook (.xlsx) saved under a .csv name (portal import reads "
                "it as it is)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[1:200:2].count(0) > 50:
        return "it is UTF-16, as Excel saves 'Unicode text' (portal import reads it as it is)"
    for name, label in (("gb18030", "it looks like GBK/GB18030, as saved by Excel or WPS "
                                     "on Chinese Windows (portal import reads it as it is)"),
                        ("big5", "it looks like Big5")):
        try:
            data.decode(name)
            return label
        except UnicodeDecodeError:
            continue
    return "its encoding is unknown"


def parse_csv(name: str, schema: str, path: Path, text: str, where: Where,
              issues: list[Issue]) -> Table | None:
    if not text.strip():
        issues.append(found.CSV_EMPTY(where))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    starts: list[int] = []  # the line each record starts on
    start = 1  # the line the record being read starts on
    try:
        for record in reader:
            records.append(record)
            starts.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        # An unclosed quote runs to the end of the file: name the line it opened on.
        issues.append(found.CSV_MALFORMED(where, start - 1 if start > 1 else None, line=start,
                                          error=exc))
        return None
    header, rows = schemas.complete(schema, tuple(cell.strip() for cell in records[0]),
                                    tuple(tuple(r) for r in records[1:]))
    return Table(name, schema, path, header, rows, replace(where, lines=tuple(starts[1:])))
