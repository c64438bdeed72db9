"""Stage 1, load: find the packages under ``datasets/`` and read their files.

Nothing here judges the data beyond what is needed to read it: a file that
cannot be decoded or parsed becomes an issue and the table is left out.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import manifest
from .history import Publication, publications
from .issues import Issue, display_path
from .published import Record, record

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
                  "collection": "collection", "statements": "statements"},
                 frozenset({"statements"}))
FOUNDATION = Kind("foundation", "foundation-package",
                  {"projects": "foundation-projects", "donations": "donations",
                   "disbursements": "disbursements"})
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

    @property
    def shown(self) -> str:
        return display_path(self.path)


@dataclass(frozen=True)
class Package:
    kind: Kind
    id: str
    path: Path
    descriptor: dict[str, Any]
    tables: dict[str, Table] = field(default_factory=dict)
    listed: tuple[tuple[str, Path], ...] = ()  # (name, CSV path) of each usable resource
    read: bool = True  # False: its tables are not read yet (read_tables)

    @property
    def shown(self) -> str:
        return display_path(self.path / "datapackage.json")

    @property
    def complete(self) -> bool:
        return set(self.kind.resources) - self.kind.optional <= self.tables.keys()


@dataclass(frozen=True)
class Datasets:
    root: Path
    codelists: dict[str, Table]
    community_ids: tuple[str, ...]  # every package folder, loadable or not
    communities: tuple[Package, ...]
    foundation: Package | None
    protection: Package | None
    standards: Package | None
    version: str  # content hash of every file under the datasets folder
    file_hashes: dict[str, str]  # path under the datasets folder -> SHA-256 (the manifest's)
    publications: tuple[Publication, ...]  # from the git history of the datasets
    published: Record = Record()  # each entry and voucher as first published (git history)


def data_version(file_hashes: dict[str, str]) -> str:
    """A short hash of every dataset file's path and bytes: the data a page was built from."""
    digest = hashlib.sha256()
    for path, sha in sorted(file_hashes.items()):
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(bytes.fromhex(sha))
    return digest.hexdigest()[:12]


def files_by_community(file_hashes: Mapping[str, str], root: Path,
                       folders: Mapping[str, Path]) -> tuple[dict[str, dict[str, str]],
                                                             dict[str, str]]:
    """The datasets' {path: SHA-256} split into each community's own files (``folders``:
    community id -> its folder) and the files of no community (code lists, the other
    packages)."""
    owner = {Path(f).relative_to(root).as_posix(): i for i, f in folders.items()}
    own: dict[str, dict[str, str]] = {i: {} for i in folders}
    shared = {}
    for path, sha in sorted(file_hashes.items()):
        parts = path.split("/", 2)
        if len(parts) == 3 and (i := owner.get(f"{parts[0]}/{parts[1]}")) is not None:
            own[i][path] = sha
        elif parts[0] != "communities":
            shared[path] = sha
    return own, shared


def load(root: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES, published_ref: str = "HEAD",
         defer: bool = False) -> tuple[Datasets, list[Issue]]:
    """``defer``: the communities' tables are left for read_communities(): a rebuild
    needs only those of the communities whose pages it makes again."""
    issues: list[Issue] = []
    codelists = {}
    for name, schema in CODELISTS.items():
        path = root / "codelists" / f"{name}.csv"
        if name == "categories" or path.exists():  # the others are needed with their packages
            table = read_table(name, schema, path, issues, max_bytes)
            if table is not None:
                codelists[name] = table
    communities = tuple(
        pkg for pkg in (load_package(COMMUNITY, d, issues, max_bytes, read=not defer)
                        for d in community_dirs(root)) if pkg
    )
    foundation = _optional_package(FOUNDATION, root / "foundation", issues, max_bytes)
    protection = _optional_package(PROTECTION, root / "protection-fund", issues, max_bytes)
    standards = _optional_package(STANDARDS, root / "standards", issues, max_bytes)
    ids = tuple(d.name for d in community_dirs(root))
    hashes = manifest.hashes(root)  # read once: the data version and the site's manifest
    published = record(root, published_ref, issues)
    return Datasets(root, codelists, ids, communities, foundation, protection, standards,
                    data_version(hashes), hashes, publications(root), published), issues


def _optional_package(kind: Kind, directory: Path, issues: list[Issue],
                      max_bytes: int) -> Package | None:
    return load_package(kind, directory, issues, max_bytes) if directory.is_dir() else None


def community_dirs(root: Path) -> Iterator[Path]:
    base = root / "communities"
    if base.is_dir():
        yield from sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_package(kind: Kind, directory: Path, issues: list[Issue], max_bytes: int,
                 read: bool = True) -> Package | None:
    descriptor = read_descriptor(directory / "datapackage.json", issues, max_bytes)
    if descriptor is None:
        return None
    listed = tuple(resource_paths(kind, directory, descriptor, issues))
    package = Package(kind, directory.name, directory, descriptor, listed=listed, read=False)
    return read_tables(package, issues, max_bytes) if read else package


def read_tables(package: Package, issues: list[Issue], max_bytes: int) -> Package:
    if package.read:
        return package
    tables = {}
    for name, path in package.listed:
        table = read_table(name, package.kind.resources[name], path, issues, max_bytes)
        if table is not None:
            tables[name] = table
    return replace(package, tables=tables, read=True)


def read_communities(datasets: Datasets, issues: list[Issue], max_bytes: int,
                     unread: Collection[str] = ()) -> Datasets:
    """Read the tables of communities loaded with ``defer``, all but ``unread``: those
    whose pages the previous site gives (reuse.py). Validation reads them after all if it
    has no checks kept for them."""
    return replace(datasets, communities=tuple(
        p if p.id in unread else read_tables(p, issues, max_bytes) for p in datasets.communities))


def read_descriptor(path: Path, issues: list[Issue],
                    max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> dict[str, Any] | None:
    shown = display_path(path)
    if not path.is_file():
        issues.append(Issue("package-descriptor-missing",
                            "the package folder has no datapackage.json", shown))
        return None
    if not _small_enough(path, shown, issues, max_bytes):
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        issues.append(Issue("package-descriptor-invalid", "the file is not UTF-8 text", shown))
        return None
    except json.JSONDecodeError as exc:
        issues.append(Issue("package-descriptor-invalid",
                            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                            shown))
        return None
    if not isinstance(data, dict):
        issues.append(Issue("package-descriptor-invalid",
                            "the descriptor must be a JSON object", shown))
        return None
    return data


def resource_paths(
    kind: Kind, directory: Path, descriptor: dict[str, Any], issues: list[Issue]
) -> Iterator[tuple[str, Path]]:
    """Yield (name, path) of each resource the descriptor lists, reporting unusable entries."""
    shown = display_path(directory / "datapackage.json")
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        issues.append(Issue("package-property-invalid",
                            "'resources' must be a list of {name, path}", shown, field="resources"))
        return
    listed = set()
    for index, res in enumerate(resources):
        where = f"resources[{index}]"
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            issues.append(Issue("package-property-invalid",
                                "each resource needs a 'name' and a 'path'", shown, field=where))
            continue
        name = res["name"]
        listed.add(name)
        if name not in kind.resources:
            issues.append(Issue("package-resource-unknown",
                                f"unknown resource '{name}'; expected one of "
                                f"{', '.join(kind.resources)}", shown, field=where))
            continue
        if res.get("path") != f"{name}.csv":
            issues.append(Issue("package-property-invalid",
                                f"resource '{name}' must have path '{name}.csv'",
                                shown, field=f"{where}.path"))
            continue
        if "schema" in res:
            issues.append(Issue("package-schema-differs",
                                f"resource '{name}' declares its own schema; the portal's "
                                "canonical schema applies", shown, field=f"{where}.schema"))
        yield name, directory / f"{name}.csv"
    for name in kind.resources:
        if name not in listed and name not in kind.optional:
            issues.append(Issue("package-resource-missing",
                                f"required resource '{name}' is not listed", shown,
                                field="resources"))


def read_table(name: str, schema: str, path: Path, issues: list[Issue],
               max_bytes: int) -> Table | None:
    shown = display_path(path)
    if not path.is_file():
        issues.append(Issue("file-missing", f"{path.name} does not exist", shown))
        return None
    if not _small_enough(path, shown, issues, max_bytes):
        return None
    text = decode(path.read_bytes(), shown, issues)
    if text is None:
        return None
    return parse_csv(name, schema, path, text, issues)


def _small_enough(path: Path, shown: str, issues: list[Issue], max_bytes: int) -> bool:
    """Checked before reading, so a huge file costs nothing and cannot hang the build."""
    size = path.stat().st_size
    if size > max_bytes:
        issues.append(Issue("file-too-large", f"the file is {size:,} bytes, over the limit of "
                            f"{max_bytes:,} (--max-file-bytes)", shown))
    return size <= max_bytes


def decode(data: bytes, shown: str, issues: list[Issue]) -> str | None:
    # A UTF-8 byte-order mark (Excel's "CSV UTF-8") is unambiguous and accepted.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        issues.append(Issue("csv-encoding",
                            f"the file is not UTF-8 (line {line} cannot be read); "
                            f"{guess_encoding(data)}; re-save it as 'CSV UTF-8'", shown,
                            row=line - 1 if line > 1 else None))
        return None


def guess_encoding(data: bytes) -> str:
    for name, label in (("gb18030", "it looks like GBK/GB18030, as saved by Excel or WPS "
                                     "on Chinese Windows"),
                        ("big5", "it looks like Big5")):
        try:
            data.decode(name)
            return label
        except UnicodeDecodeError:
            continue
    return "its encoding is unknown"


def parse_csv(name: str, schema: str, path: Path, text: str,
              issues: list[Issue]) -> Table | None:
    shown = display_path(path)
    if not text.strip():
        issues.append(Issue("csv-empty", "the file is empty; it needs at least the header row",
                            shown))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    start = 1  # the line the record being read starts on
    try:
        for record in reader:
            records.append(record)
            start = reader.line_num + 1
    except csv.Error as exc:
        # An unclosed quote runs to the end of the file: name the line it opened on.
        issues.append(Issue("csv-malformed", f"the CSV cannot be parsed from line {start}: "
                            f"{exc}; a cell holding a quote must be quoted whole, with the "
                            'quote doubled ("")', shown, row=start - 1 if start > 1 else None))
        return None
    header = tuple(cell.strip() for cell in records[0])
    rows = tuple(tuple(r) for r in records[1:])
    return Table(name, schema, path, header, rows)
