"""What was already published, read from the contents of the datasets' git history (load
stage).

Once a row or a voucher is in a commit it is public: residents may have read, printed or
downloaded it. The record keeps every row of every table as it was first published (by
the table's primary key), and each voucher's and document's first content, so the rules
can tell a silent edit from a correction.

The record is read from contents, never from diff text: every commit reachable from the
published ref, merge commits included, lists the blobs it adds under the datasets
(``git log --raw -z``, which no ``.gitattributes``, colour setting, replacement ref or odd
file name changes), and each table blob is parsed by the same CSV reader as validation
(``git cat-file --batch``). A package is followed by its ``name`` across folders, so a
moved or removed community keeps its record. The record of a ref is kept in the cache
with its commit: the next build reads only the commits since, unless the history was
rewritten.

Outside a git checkout nothing is known to be published; where the check is required
(``--require-history``, as in CI) that, and a shallow clone, is an error.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from . import schemas
from .cache import Cache
from .history import git
from .issues import Issue, Where, display_path
from .issues.packages import PUBLISHED_HISTORY_MISSING, PUBLISHED_REF_UNKNOWN
from .terms import PROFILE, PROFILE_COLUMNS, profile_rows

RECORD = "record"  # the cache's kind
GIT = ("git", "--no-replace-objects", "-c", "core.quotepath=off", "-c", "color.ui=never")
FILES = ("vouchers", "documents")  # folders whose files are published as they are first seen
# Each package folder's tables (resource name -> canonical schema), by where it sits.
TABLES = {
    "communities": {"ledger": "ledger", "budget": "budget", "resolutions": "resolutions",
                    "collection": "collection", "statements": "statements",
                    "terms": "terms", "assets": "assets", "questions": "questions",
                    "parties": "parties"},
    "foundation": {"donations": "donations", "disbursements": "disbursements",
                   "reports": "reports"},
    "protection-fund": {"steps": "steps"},
}


@dataclass(frozen=True)
class Sources:
    """Where what was published is read from: the history of ``ref``, which ``required``
    makes an error to lack; and the live site's record (witness.py) at ``site``, or none
    on a declared ``first`` publication."""

    ref: str = "HEAD"
    required: bool = False
    site: str = ""
    first: bool = False
    enforce: bool = True  # False: the site's record is extended, not checked (portal verify)


class PublishedRow(NamedTuple):
    """A tuple, not a dataclass: a city's record holds a million, read from the cache on
    every build, and tuples load several times faster."""

    columns: tuple[str, ...]  # the header then, one tuple shared by the version's rows
    values: tuple[str, ...]  # the row as first published
    commit: str
    date: str  # ISO 8601 commit date

    def get(self, column: str) -> str | None:
        return self.values[self.columns.index(column)] if column in self.columns else None

    @property
    def cells(self) -> Iterator[tuple[str, str]]:
        return zip(self.columns, self.values, strict=True)


@dataclass(frozen=True)
class PublishedFile:
    blob: str  # git blob id of the first published content
    commit: str
    date: str


@dataclass(frozen=True)
class PublishedPackage:
    folder: str  # where it was last seen, relative to the datasets
    commit: str  # the commit that last had it
    date: str  # first published


@dataclass(frozen=True)
class Record:
    """Per package name: each table's rows and each file as first published."""

    tracked: bool = False  # False outside a git checkout
    rows: dict[str, dict[str, dict[str, PublishedRow]]] = field(default_factory=dict)
    files: dict[str, dict[str, PublishedFile]] = field(default_factory=dict)
    packages: dict[str, PublishedPackage] = field(default_factory=dict)

    def table(self, package: str, table: str) -> dict[str, PublishedRow]:
        return self.rows.get(package, {}).get(table, {})

    @property
    def entries(self) -> dict[str, dict[str, PublishedRow]]:
        return {name: tables["ledger"] for name, tables in self.rows.items() if "ledger" in tables}

    @property
    def vouchers(self) -> dict[str, dict[str, PublishedFile]]:
        return self.files

    def of(self, package: str) -> tuple[Any, ...]:
        """What identifies the record of one package, a cache key's part: a commit id
        fixes the content its rows and files were read from."""
        return (self.tracked,
                sorted((t, k, r.commit) for t, rows in self.rows.get(package, {}).items()
                       for k, r in rows.items()),
                sorted((p, f.blob, f.commit) for p, f in self.files.get(package, {}).items()))

    def under(self, table: str, names: Iterable[str]) -> dict[str, PublishedRow]:
        """A table's rows over a package's names (its former ones first: a declared rename
        carries the record over), the first publication of each."""
        found: dict[str, PublishedRow] = {}
        for name in names:
            for key, row in self.table(name, table).items():
                found.setdefault(key, row)
        return found

    def files_under(self, names: Iterable[str]) -> dict[str, PublishedFile]:
        found: dict[str, PublishedFile] = {}
        for name in names:
            for path, file in self.files.get(name, {}).items():
                found.setdefault(path, file)
        return found

    def months(self, *names: str) -> dict[str, str]:
        """Month -> date (YYYY-MM-DD) its first entry or bank statement was published."""
        first: dict[str, str] = {}
        for row in self.under("statements", names).values():  # a correction: its month's
            month, day = row.get("month") or "", row.date[:10]
            if month and (month not in first or day < first[month]):
                first[month] = day
        for row in self.under("ledger", names).values():
            month, day = (row.get("date") or "")[:7], row.date[:10]
            if month and (month not in first or day < first[month]):
                first[month] = day
        return first


@dataclass(frozen=True)
class Change:
    status: str  # A, M, D, T
    blob: str
    path: str  # relative to the datasets


@dataclass(frozen=True)
class Commit:
    commit: str
    date: str
    changes: tuple[Change, ...]


def record(datasets: Path, ref: str = "HEAD", issues: list[Issue] | None = None,
           required: bool = False, cache: Cache | None = None) -> Record:
    """What the history of ``ref`` published: HEAD, or the branch the site is built from
    (a pull request is checked against its base, so its own commits are not yet public)."""
    issues = issues if issues is not None else []
    where = Where(display_path(datasets))
    top = git(datasets, "rev-parse", "--show-toplevel") if datasets.is_dir() else None
    if top is None:
        if required:
            issues.append(PUBLISHED_HISTORY_MISSING(where, variant="none"))
        return Record()
    repo = Path(top.strip())
    if git(repo, "rev-parse", "--is-shallow-repository") == "true\n" and required:
        issues.append(PUBLISHED_HISTORY_MISSING(where))
        return Record()
    tip = git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if tip is None:
        if git(repo, "rev-parse", "--verify", "--quiet", "HEAD") is not None or required:
            issues.append(PUBLISHED_REF_UNKNOWN(where, ref=ref))
        return Record()  # a repository without commits has published nothing
    rel = datasets.resolve().relative_to(repo.resolve()).as_posix()
    return _cached(repo, rel, tip.strip(), cache or Cache())


def _cached(repo: Path, rel: str, tip: str, cache: Cache) -> Record:
    """The record of ``tip``: kept, or extended from a kept record of an ancestor. Kept in
    pieces, one per package, so that a new commit writes again only what it touched."""
    slot = cache.key(RECORD, str(repo.resolve()), rel)
    index: Any = cache.get(RECORD, slot)
    base = _kept(cache, index)
    if base is not None and index[0] == tip:
        return base
    since, pieces = "", {}
    if base is not None and git(repo, "merge-base", "--is-ancestor", index[0], tip) is not None:
        since, pieces = index[0], dict(index[1])
    else:
        base = Record(True)
    result, touched = extend(base, repo, rel, commits(repo, rel, f"{since}..{tip}"
                                                      if since else tip))
    for name in touched:
        pieces[name] = cache.key(RECORD, slot, name, tip)
        cache.put(RECORD, pieces[name], (result.rows.get(name, {}), result.files.get(name, {})))
    cache.put(RECORD, slot, (tip, pieces, result.packages))
    cache.keep(RECORD, (slot, *pieces.values()))
    return result


def _kept(cache: Cache, index: Any) -> Record | None:
    """The record an index names, if every piece of it is still there."""
    if not (isinstance(index, tuple) and len(index) == 3 and isinstance(index[1], dict)):
        return None
    result = Record(True, {}, {}, dict(index[2]))
    for name, key in index[1].items():
        piece = cache.get(RECORD, key)
        if not (isinstance(piece, tuple) and len(piece) == 2):
            return None
        result.rows[name], result.files[name] = piece
    return result


def commits(repo: Path, rel: str, revisions: str) -> list[Commit]:
    """Every commit in ``revisions`` that changed the datasets, parents first; a merge lists
    what it changed against each parent (so a conflict resolved in it is seen)."""
    raw = _run(repo, "log", "--reverse", "--topo-order", "-m", "--raw", "-z", "--no-renames",
               "--no-abbrev", "--no-color", "--format=%x01%H %cI", revisions, "--", rel)
    found: dict[str, Commit] = {}
    for block in raw.split(b"\x01")[1:]:
        head, _, body = block.partition(b"\0")
        commit, date = head.decode().split(" ", 1)
        changes = tuple(_changes(body.lstrip(b"\n").split(b"\0"), rel))
        known = found.get(commit)
        found[commit] = Commit(commit, date.strip(), (known.changes if known else ()) + changes)
    return list(found.values())


def _changes(tokens: list[bytes], rel: str) -> Iterator[Change]:
    prefix = "" if rel == "." else rel + "/"
    for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
        parts = meta.decode().split()
        if len(parts) == 5 and parts[0].startswith(":"):
            name = path.decode("utf-8", "surrogateescape")
            yield Change(parts[4][0], parts[3], name.removeprefix(prefix))


def extend(result: Record, repo: Path, rel: str, history: list[Commit]
           ) -> tuple[Record, set[str]]:
    """``result``, changed in place, with what ``history`` published: descriptors first (a
    table belongs to the package its folder's descriptor names at that commit), then
    tables, then files; and the names of the packages it touched."""
    names = {p.folder: name for name, p in result.packages.items()}
    before = dict(result.packages)
    descriptors = blobs(repo, (c.blob for commit in history for c in commit.changes
                               if _descriptor(c)))
    tables: list[tuple[Commit, str, str, str]] = []
    for commit in history:
        _packages(commit, names, descriptors, result)
        _profiles(commit, names, descriptors, result)
        for change in commit.changes:
            folder, table = _table(change.path)
            if table and change.status in "AMT":
                tables.append((commit, _package(names, folder), table, change.blob))
            elif _file(change.path) and change.status in "AMT":
                folder = folder_of(change.path)
                result.files.setdefault(_package(names, folder), {}).setdefault(
                    change.path.removeprefix(folder + "/"),
                    PublishedFile(change.blob, commit.commit, commit.date))
    _tables(repo, tables, result)
    touched = {package for _, package, _, _ in tables} | {
        name for name, p in result.packages.items() if before.get(name) != p}
    touched |= {_package(names, folder_of(c.path)) for commit in history
                for c in commit.changes if _file(c.path)}
    return result, touched


def _packages(commit: Commit, names: dict[str, str], descriptors: dict[str, bytes],
              result: Record) -> None:
    """The names of the folders this commit describes, and for each package touched the
    last commit that had it (to restore it from)."""
    for change in commit.changes:
        if _descriptor(change) and change.status != "D":
            names[folder_of(change.path)] = _name(descriptors.get(change.blob, b""),
                                                  folder_of(change.path))
    for folder in {folder_of(c.path) for c in commit.changes if c.status != "D"}:
        name = names.get(folder)
        if name is not None:
            first = result.packages.get(name)
            result.packages[name] = PublishedPackage(folder, commit.commit,
                                                     first.date if first else commit.date)


def _profiles(commit: Commit, names: dict[str, str], descriptors: dict[str, bytes],
              result: Record) -> None:
    """What each community descriptor of this commit publishes that decides findings (its
    first terms, opening balance, sample flag: terms.profile_rows), first publication
    wins, as a table's rows."""
    for change in commit.changes:
        folder = folder_of(change.path)
        if _descriptor(change) and change.status != "D" and folder.startswith("communities/"):
            rows = result.rows.setdefault(_package(names, folder), {}).setdefault(PROFILE, {})
            for key, values in profile_rows(_loaded(descriptors.get(change.blob, b""))):
                if key not in rows:
                    rows[key] = PublishedRow(PROFILE_COLUMNS, values, commit.commit, commit.date)


def _loaded(descriptor: bytes) -> object:
    try:
        return json.loads(descriptor.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return None


def _tables(repo: Path, tables: list[tuple[Commit, str, str, str]], result: Record) -> None:
    """Each table version's rows, first publication wins; a version seen before under the
    same package adds nothing and is not read again. A version that only appends to the
    previous one (a new month) is read from where the previous one ended."""
    todo, seen = [], set()
    for commit, package, table, blob in tables:
        if (package, table, blob) not in seen:
            seen.add((package, table, blob))
            todo.append((commit, package, table, blob))
    last: dict[tuple[str, str], tuple[bytes, tuple[str, ...]]] = {}
    stream = stream_blobs(repo, [blob for *_, blob in todo])
    for (commit, package, table, _), data in zip(todo, stream, strict=True):
        rows = result.rows.setdefault(package, {}).setdefault(table, {})
        before, columns = last.get((package, table), (b"", ()))
        appended = columns and before.endswith(b"\n") and data.startswith(before)
        found = (parse_rows(table, columns, data[len(before):]) if appended
                 else parse(table, data))
        columns = columns if appended else ()
        fill = schemas.fillable(table)
        for key, header, values in found:
            if key not in rows:
                rows[key] = PublishedRow(header, values, commit.commit, commit.date)
            elif fill:
                rows[key] = filled(rows[key], header, values, fill)
            columns = header
        last[(package, table)] = (data, written_header(data) if columns else ())


def filled(first: PublishedRow, header: tuple[str, ...], values: tuple[str, ...],
           fill: frozenset[str]) -> PublishedRow:
    """A row as first published, with each cell its table fills once (an answer) as first
    filled: from then on that value is the published one, never to be rewritten."""
    now = dict(zip(header, values, strict=False))
    cells = tuple(now.get(c, v) if c in fill and not v.strip() else v for c, v in first.cells)
    return first if cells == first.values else first._replace(values=cells)


def parse(table: str, data: bytes) -> Iterator[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(primary key, header, values) of each row a table version held, read as validation
    reads it; a version that does not parse, or lacks its key columns, holds nothing."""
    from .load import decode, parse_csv  # load reads the record: imported when needed

    scratch: list[Issue] = []
    where = Where(table)
    text = decode(data, where, scratch)
    parsed = parse_csv(table, table, Path(table), text, where, scratch) if text else None
    if parsed is not None:
        yield from _keyed(table, parsed.header, parsed.rows)


def parse_rows(table: str, header: tuple[str, ...], data: bytes
               ) -> Iterator[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The rows of a version's appended part, under the previous version's header as
    written (its optional columns are added as validation adds them, schemas.complete)."""
    try:
        text = data.decode("utf-8")
        rows = tuple(tuple(r) for r in csv.reader(io.StringIO(text, newline=""), strict=True))
    except (UnicodeDecodeError, csv.Error):
        return
    yield from _keyed(table, *schemas.complete(table, header, rows))


def written_header(data: bytes) -> tuple[str, ...]:
    """A table version's first line as written."""
    try:
        first = data.split(b"\n", 1)[0].decode("utf-8-sig")
        return tuple(c.strip() for c in next(csv.reader([first]), []))
    except (UnicodeDecodeError, csv.Error):
        return ()


def _keyed(table: str, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]
           ) -> Iterator[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    for _, key, values in keyed(table, header, rows):
        yield key, header, values


def keyed(table: str, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]
          ) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """(data row, primary key, values as recorded) of each whole row of a table: the one
    reading of a row's key, for the git record and the rule that checks it alike."""
    key = schemas.descriptor(table).get("primaryKey", [])
    if not key or not set(key) <= set(header):
        return
    at = [header.index(k) for k in key]
    for number, row in enumerate(rows, start=1):
        if len(row) == len(header):
            values = tuple(v.strip() for v in row)
            yield number, row_key(values[i] for i in at), values


def row_key(parts: Iterable[str]) -> str:
    """A row's primary key as one string. Empty trailing parts are left out: a key column
    added later (a correction's date) leaves the rows published before it their key."""
    return "\x1f".join(parts).rstrip("\x1f")


def shown_key(key: str) -> str:
    """A key as messages give it: 2020 / I02 for a budget line of 2020."""
    return key.replace("\x1f", " / ")


def how_to_amend(how: str, key: str) -> str:
    """issues.packages.AMEND's advice for a row: its id is its key's last part."""
    return how.format(key=key.rsplit("\x1f", 1)[-1])


def folder_of(path: str) -> str:
    parts = path.split("/")
    return "/".join(parts[:2]) if parts[0] == "communities" else parts[0]


def _descriptor(change: Change) -> bool:
    folder = folder_of(change.path)
    return change.path == f"{folder}/datapackage.json" and folder.split("/")[0] in TABLES


def _table(path: str) -> tuple[str, str]:
    """(package folder, table) of a table file; ("", "") for anything else."""
    folder = folder_of(path)
    tables = TABLES.get(folder.split("/")[0], {})
    name = path.removeprefix(folder + "/").removesuffix(".csv")
    return (folder, tables[name]) if path.endswith(".csv") and name in tables else ("", "")


def _file(path: str) -> bool:
    folder = folder_of(path)
    inside = path.removeprefix(folder + "/")
    return folder.split("/")[0] in TABLES and inside.split("/")[0] in FILES and "/" in inside


def _package(names: dict[str, str], folder: str) -> str:
    return names.get(folder) or folder.rsplit("/", 1)[-1]


def _name(descriptor: bytes, folder: str) -> str:
    loaded = _loaded(descriptor)
    name = loaded.get("name") if isinstance(loaded, dict) else None
    return name if isinstance(name, str) and name else folder.rsplit("/", 1)[-1]


def blobs(repo: Path, ids: Iterable[str]) -> dict[str, bytes]:
    wanted = list(dict.fromkeys(ids))
    return dict(zip(wanted, stream_blobs(repo, wanted), strict=True))


def stream_blobs(repo: Path, ids: list[str]) -> Iterator[bytes]:
    """Each blob's content, in order, from one ``git cat-file --batch``; the ids are
    written from a thread so that neither pipe fills while the other waits."""
    if not ids:
        return
    process = subprocess.Popen([*GIT, "cat-file", "--batch"], cwd=repo, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdin is not None and process.stdout is not None
    writer = threading.Thread(target=_write_ids, args=(process.stdin, ids), daemon=True)
    writer.start()
    try:
        for _ in ids:
            header = process.stdout.readline().split()
            size = int(header[2]) if len(header) == 3 else -1
            yield process.stdout.read(size + 1)[:-1] if size >= 0 else b""
    finally:
        process.stdout.close()
        process.wait()
        writer.join()


def _write_ids(pipe: Any, ids: list[str]) -> None:
    try:
        for blob in ids:
            pipe.write(blob.encode() + b"\n")
        pipe.close()
    except OSError:  # git stopped reading: the reader reports it
        pass


def _run(repo: Path, *args: str) -> bytes:
    result = subprocess.run([*GIT, *args], cwd=repo, capture_output=True, check=False)
    return result.stdout if result.returncode == 0 else b""


def blob_id(path: Path) -> str:
    """The id git gives a file's content, to compare a voucher with its published one."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
