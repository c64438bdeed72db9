"""The published site as witness of what it published (load and validate stages; the
write stage publishes the records).

A rewritten git history (amend, rebase, force push) leaves no trace in the history itself.
So every build also publishes, for each package, its record under ``record/`` in the site:
every row of its tables and every voucher and document it published (by SHA-256), each
with the publication that first published it; and a hash chain over the publications,
each head covering the one before and what the publication added, whose heads
``manifest.json`` carries. The next build reads the live site's records
(``--published-site``) and refuses a change to, or the removal of, what they hold,
whatever the git history now says. Anyone can recompute a chain from the record file.

A first publication is declared (``--first-publication``), never assumed: a site that
cannot be read is an error, not an empty record.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import declarations, records, schemas, terms, urls
from .domain import same_published
from .issues import Issue, Where, display_path, raises
from .issues.packages import (
    AMEND,
    PUBLISHED_SITE_CHANGED,
    PUBLISHED_SITE_REMOVED,
)
from .personal import masked
from .published import TABLES, how_to_amend, parse, row_key, shown_key

FOLDER = "record"  # in the site
INDEX = f"{FOLDER}/index.json"
FORMAT = 1
FILE_COLUMNS = ("voucher", "document")  # a row's published file, relative to its package
TIMEOUT = 30  # seconds to read the live site


@dataclass(frozen=True)
class Link:
    date: str  # the build date of the publication
    head: str  # SHA-256 over the previous head and what this publication added


@dataclass(frozen=True)
class Mark:
    """What a community page says of its record: when it last grew, how many publications
    it holds, and the head of its chain."""

    date: str
    publications: int
    head: str

    @property
    def short(self) -> str:
        return self.head[:16]


@dataclass
class PackageRecord:
    """One package's record: rows by table and key, files by path, each with the index of
    the publication that first published it; and the chain of publications."""

    name: str
    folder: str  # relative to the datasets
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rows: dict[str, dict[str, tuple[int, tuple[str, ...]]]] = field(default_factory=dict)
    files: dict[str, tuple[int, str]] = field(default_factory=dict)
    chain: list[Link] = field(default_factory=list)
    numbers: dict[str, dict[str, int]] = field(default_factory=dict)  # data row, for messages
    # A redacted row's digest as first published (table -> key -> SHA-256 of its line): its
    # values lose the personal data, the chain still verifies.
    hashes: dict[str, dict[str, str]] = field(default_factory=dict)
    redacted: dict[tuple[str, str], str] = field(default_factory=dict)  # (entry, field): shown
    former: tuple[str, ...] = ()  # names before a declared rename (the datasets now)
    genesis: str = ""  # the name its chain starts from, when it was renamed since

    @property
    def head(self) -> str:
        return self.chain[-1].head if self.chain else ""

    def mark(self) -> Mark | None:
        return Mark(self.chain[-1].date, len(self.chain), self.head) if self.chain else None


Records = dict[str, PackageRecord]


class Unreadable(Exception):
    """The published site's records cannot be read, or do not verify."""


# ---- What the datasets hold now --------------------------------------------------------

def current(root: Path) -> Records:
    """Every package's rows and referenced files as the datasets hold them now, read by
    the same parser as the history (published.parse)."""
    found: Records = {}
    for folder in _folders(root):
        descriptor = _descriptor(root / folder / "datapackage.json")
        name = descriptor.get("name") if isinstance(descriptor.get("name"), str) else ""
        package = found.setdefault(name or folder.rsplit("/", 1)[-1],
                                   PackageRecord(name or folder.rsplit("/", 1)[-1], folder))
        package.redacted = {(r.entry, r.field): r.shown
                            for r in declarations.redactions(descriptor.get("redactions"))}
        package.former = declarations.former_names(descriptor.get("former_names"))
        if folder.split("/")[0] == "communities":
            package.columns[terms.PROFILE] = terms.PROFILE_COLUMNS
            package.rows[terms.PROFILE] = {key: (-1, values)
                                           for key, values in terms.profile_rows(descriptor)}
        for resource, table in TABLES[folder.split("/")[0]].items():
            path = root / folder / f"{resource}.csv"
            if path.is_file() and not path.is_symlink():
                _table(package, table, path.read_bytes(), root)
    return found


def _folders(root: Path) -> Iterator[str]:
    communities = root / "communities"
    if communities.is_dir():
        yield from (urls.community_package(p.name) for p in sorted(communities.iterdir())
                    if p.is_dir() and not p.is_symlink())
    yield from (kind for kind in TABLES if kind != "communities" and (root / kind).is_dir())


def _descriptor(path: Path) -> dict[str, Any]:
    try:
        found = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return {}
    return found if isinstance(found, dict) else {}


def _table(package: PackageRecord, table: str, data: bytes, root: Path) -> None:
    rows, numbers = package.rows.setdefault(table, {}), package.numbers.setdefault(table, {})
    for number, (key, header, values) in enumerate(parse(table, data), start=1):
        numbers[key] = number
        package.columns[table] = header
        rows[key] = (-1, _shown(table, header, values))
        for column in FILE_COLUMNS:
            if column in header and values[header.index(column)]:
                _file(package, values[header.index(column)], root)


def _shown(table: str, header: tuple[str, ...], values: tuple[str, ...]) -> tuple[str, ...]:
    """A row as the site shows it (a private donor as 王**, records.public_row); most
    tables show every value as written, and a city has a million rows to skip this for."""
    if table not in records.MASKED_TABLES:
        return values
    shown = records.public_row(table, dict(zip(header, values, strict=True)))
    return tuple(shown[c] for c in header)


def _file(package: PackageRecord, inside: str, root: Path) -> None:
    path = root / package.folder / inside
    if inside not in package.files and path.is_file() and not path.is_symlink():
        package.files[inside] = (-1, hashlib.sha256(path.read_bytes()).hexdigest())


# ---- The published site's records ------------------------------------------------------

def read_site(source: str) -> Records:
    """The records of the site at ``source`` (a folder or an http(s) address), each chain
    recomputed: a record that does not verify is refused."""
    index = _json(_fetch(source, INDEX), INDEX)
    if not isinstance(index, dict) or index.get("format") != FORMAT:
        raise Unreadable(f"{INDEX} is not a record index of this portal")
    found: Records = {}
    for name, entry in sorted(_object(index.get("packages")).items()):
        path = f"{FOLDER}/{_text(_object(entry).get('file'))}"
        record = load_record(_json(_fetch(source, path), path))
        if record.name != name or record.head != _object(entry).get("head"):
            raise Unreadable(f"{path}: its chain does not end at the head the index gives")
        found[name] = record
    return found


def _fetch(source: str, path: str) -> bytes:
    if source.startswith(("http://", "https://")):
        url = source.rstrip("/") + "/" + path
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310
                return bytes(response.read())
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise Unreadable(f"{url}: {exc}") from exc
    try:
        return (Path(source) / path).read_bytes()
    except OSError as exc:
        raise Unreadable(f"{Path(source) / path}: {exc.strerror or exc}") from exc


def _json(data: bytes, path: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise Unreadable(f"{path}: not JSON ({exc})") from exc


def _object(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Unreadable("a record holds something other than an object where one belongs")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise Unreadable("a record holds something other than text where text belongs")
    return value


def load_record(body: Any) -> PackageRecord:
    """A package's record from its published JSON, its chain recomputed."""
    body = _object(body)
    record = PackageRecord(_text(body.get("package")), _text(body.get("folder")))
    record.genesis = _text(body.get("genesis", ""))
    try:
        for table, part in _object(body.get("tables")).items():
            record.columns[table] = tuple(_text(c) for c in part["columns"])
            record.rows[table] = {_key(table, record.columns[table], row[1:]):
                                  (int(row[0]), tuple(_text(v) for v in row[1:]))
                                  for row in part["rows"]}
            record.hashes[table] = {_text(k): _text(v)
                                    for k, v in _object(part.get("hashes", {})).items()}
        record.files = {_text(p): (int(n), _text(sha)) for p, sha, n in body["files"]}
        record.chain = [Link(_text(link["date"]), _text(link["head"]))
                        for link in body["chain"]]
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise Unreadable(f"the record of {record.name} is not in the expected form") from exc
    recomputed = chain(record)
    broken = next((i for i, link in enumerate(record.chain) if recomputed[i] != link.head), None)
    if broken is not None:  # name where: what came before it still verifies
        raise Unreadable(f"the record of {record.name}: its hash chain is broken at publication "
                         f"{broken + 1} of {len(record.chain)} ({record.chain[broken].date}): "
                         "what that publication added no longer matches its head")
    _widen(record)
    return record


def _key(table: str, columns: tuple[str, ...], values: list[Any]) -> str:
    if table == terms.PROFILE:
        key: list[str] = [terms.PROFILE_COLUMNS[0]]
    elif table in schemas.TABLES:
        key = schemas.descriptor(table).get("primaryKey", [])
    else:
        raise Unreadable(f"a record holds a table this portal does not know: {table[:40]!r}")
    return row_key(str(values[columns.index(k)]).strip() if k in columns else "" for k in key)


def _widen(record: PackageRecord) -> None:
    """Rows recorded before their table had its optional columns, in today's layout (as
    schemas.complete reads the datasets), each keeping its digest as recorded so that the
    chain still verifies."""
    for table, columns in list(record.columns.items()):
        if table not in schemas.TABLES:
            continue
        full, _ = schemas.complete(table, columns, ())
        if full == columns:
            continue
        kept = record.hashes.setdefault(table, {})
        for key, (n, values) in list(record.rows.get(table, {}).items()):
            kept.setdefault(key, digest(row_line(table, values)))
            record.rows[table][key] = (n, schemas.complete(table, columns, (values,))[1][0])
        record.columns[table] = full


# ---- The chain -------------------------------------------------------------------------

def items(record: PackageRecord, publication: int) -> list[str]:
    """What one publication added: the SHA-256 of each item's canonical line, sorted."""
    return _lines(record).get(publication, [])


def _lines(record: PackageRecord) -> dict[int, list[str]]:
    """Every item's digest by the publication that added it, sorted: one pass over the
    record, however many publications it holds."""
    by: dict[int, list[str]] = {}
    for table, rows in record.rows.items():
        kept = record.hashes.get(table, {})
        for key, (n, values) in rows.items():
            by.setdefault(n, []).append(kept.get(key) or digest(row_line(table, values)))
    for path, (n, sha) in record.files.items():
        by.setdefault(n, []).append(digest(file_line(path, sha)))
    return {n: sorted(lines) for n, lines in by.items()}


def row_line(table: str, values: tuple[str, ...]) -> str:
    return json.dumps(["row", table, list(values)], ensure_ascii=False, separators=(",", ":"))


def file_line(path: str, sha: str) -> str:
    return json.dumps(["file", path, sha], ensure_ascii=False, separators=(",", ":"))


def digest(line: str) -> str:
    return hashlib.sha256(line.encode()).hexdigest()


def chain(record: PackageRecord) -> list[str]:
    """Each publication's head: SHA-256 of the previous head (the package's name for the
    first) and the digests of the lines it added, a line each."""
    lines, heads, head = _lines(record), [], record.genesis or record.name
    for n in range(len(record.chain)):
        head = _head(head, lines.get(n, []))
        heads.append(head)
    return heads


def _head(previous: str, lines: list[str]) -> str:
    return hashlib.sha256("\n".join([previous, *lines]).encode()).hexdigest()


def extend(previous: Mapping[str, PackageRecord], now: Records, built: str) -> Records:
    """The records after this build: what was published, and what is new as one more
    publication of its package (none when nothing is new, so a rebuild changes nothing)."""
    result: Records = {}
    carried = {f for package in now.values() for f in package.former if f in previous}
    for name, package in now.items():
        before = _before(previous, name, package)
        record = PackageRecord(name, package.folder, dict(package.columns))
        if before is not None:
            record.genesis = before.genesis or (before.name if before.name != name else "")
            record.columns = {**before.columns, **package.columns}
            record.rows = {t: dict(r) for t, r in before.rows.items()}
            record.files = dict(before.files)
            record.chain = list(before.chain)
            record.hashes = {t: dict(h) for t, h in before.hashes.items()}
        _redact(record, package.redacted)
        added = _added(record, package, len(record.chain))
        if added:
            record.chain.append(Link(built, _head(record.head or record.genesis or name,
                                                  sorted(added))))
        result[name] = record
    for name, before in previous.items():
        if name not in carried:
            result.setdefault(name, before)  # refused by check(); kept whole meanwhile
    return result


def _before(previous: Mapping[str, PackageRecord], name: str,
            package: PackageRecord) -> PackageRecord | None:
    """A package's record on the live site: under its name, or a former one it declares."""
    if name in previous:
        return previous[name]
    return next((previous[f] for f in package.former if f in previous), None)


def _added(record: PackageRecord, package: PackageRecord, n: int) -> list[str]:
    """Add to ``record`` what ``package`` holds that it does not, as publication ``n``;
    the lines added."""
    lines = []
    for table, rows in package.rows.items():
        kept = record.rows.setdefault(table, {})
        for key, (_, values) in rows.items():
            if key not in kept:
                kept[key] = (n, values)
                lines.append(digest(row_line(table, values)))
    for path, (_, sha) in package.files.items():
        if path not in record.files:
            record.files[path] = (n, sha)
            lines.append(digest(file_line(path, sha)))
    return lines


def _redact(record: PackageRecord, declared: Mapping[tuple[str, str], str]) -> None:
    """Replace each declared field in the record's ledger rows by 已遮盖, keeping the row's
    digest as first published, so the chain verifies and the personal data is gone."""
    columns, rows = record.columns.get("ledger", ()), record.rows.get("ledger", {})
    for (key, column), _ in sorted(declared.items()):
        if key in rows and column in columns and \
                rows[key][1][columns.index(column)] != declarations.REDACTION_MARK:
            n, values = rows[key]
            record.hashes.setdefault("ledger", {}).setdefault(key, digest(row_line("ledger",
                                                                                  values)))
            at = columns.index(column)
            rows[key] = (n, (*values[:at], declarations.REDACTION_MARK, *values[at + 1:]))


# ---- The rule --------------------------------------------------------------------------

@raises(PUBLISHED_SITE_REMOVED, PUBLISHED_SITE_CHANGED)
def check(previous: Mapping[str, PackageRecord], now: Records, root: Path) -> Iterator[Issue]:
    """What the published site recorded is still in the datasets as it was."""
    renamed = {f: package for package in now.values() for f in package.former}
    for name, before in sorted(previous.items()):
        package = now.get(name) or renamed.get(name)
        where = Where(display_path(root / before.folder))
        if package is None:
            yield PUBLISHED_SITE_REMOVED(where, variant="package", name=name,
                                         date=_first(before))
            continue
        yield from _rows(before, package, root)
        for path, (n, sha) in sorted(before.files.items()):
            file = root / package.folder / path
            if not file.is_file() or hashlib.sha256(file.read_bytes()).hexdigest() != sha:
                yield PUBLISHED_SITE_CHANGED(Where(display_path(file)), variant="file",
                                             path=path, date=before.chain[n].date)


def _rows(before: PackageRecord, package: PackageRecord, root: Path) -> Iterator[Issue]:
    for table in sorted(before.rows):
        columns, rows = before.columns.get(table, ()), package.rows.get(table, {})
        where = Where(display_path(root / package.folder / _file_of(table)))
        profile: dict[str, Any] = {"variant": "profile"} if table == terms.PROFILE else {}
        for key, (n, values) in sorted(before.rows[table].items()):
            said: dict[str, Any] = {
                "table": table, "key": masked(shown_key(key)), "date": before.chain[n].date,
                "how": masked(how_to_amend(AMEND.get(table, AMEND["ledger"]), key))}
            if key not in rows:
                shown = ", ".join(f"{c}={masked(v)}"
                                  for c, v in zip(columns, values, strict=False) if v)
                yield PUBLISHED_SITE_REMOVED(where, published=masked(values[-1]) if profile
                                             else shown, **said, **profile)
                continue
            now = dict(zip(package.columns.get(table, ()), rows[key][1], strict=False))
            for column, old in zip(columns, values, strict=False):
                new = now.get(column)
                if (table == "ledger" and (key, column) in package.redacted) or new is None or \
                        same_published(column, old, new, table):
                    continue
                yield PUBLISHED_SITE_CHANGED(where, package.numbers.get(table, {}).get(key),
                                             key if profile else column, field=column,
                                             old=masked(old), new=masked(new), **said,
                                             **profile)


def _file_of(table: str) -> str:
    return "datapackage.json" if table == terms.PROFILE else f"{table}.csv"


def _first(record: PackageRecord) -> str:
    return record.chain[0].date if record.chain else "?"


# ---- Publishing ------------------------------------------------------------------------

def write(site: Path, records: Mapping[str, PackageRecord]) -> dict[str, str]:
    """Write every record and the index into the site; each package's head."""
    (site / FOLDER).mkdir(parents=True, exist_ok=True)
    packages = {}
    for name, record in sorted(records.items()):
        file = f"{name}.json"
        (site / FOLDER / file).write_bytes(dump(record))
        packages[name] = {"file": file, "head": record.head}
    index = {"format": FORMAT, "packages": packages}
    (site / INDEX).write_text(json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True)
                              + "\n", encoding="utf-8")
    return {name: p["head"] for name, p in packages.items()}


def dump(record: PackageRecord) -> bytes:
    """One line per row: a city's ledger is a million rows, and a line each keeps diffs
    between two sites' records readable."""
    line = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    parts = [f'{{"format":{FORMAT},"package":{line(record.name)},'
             f'"folder":{line(record.folder)},'
             + (f'"genesis":{line(record.genesis)},' if record.genesis else "") + '"chain":'
             + line([{"date": k.date, "head": k.head} for k in record.chain]) + ',"tables":{']
    tables = []
    for table in sorted(t for t, rows in record.rows.items() if rows):  # a header only: none
        rows = sorted(record.rows[table].items())
        hashes = dict(sorted(record.hashes.get(table, {}).items()))
        tables.append(f'{line(table)}:{{"columns":{line(list(record.columns[table]))},'
                      f'"hashes":{line(hashes)},'
                      '"rows":[\n' + ",\n".join(line([n, *v]) for _, (n, v) in rows) + "]}")
    parts.append(",\n".join(tables) + '},"files":[\n')
    parts.append(",\n".join(line([p, sha, n]) for p, (n, sha) in sorted(record.files.items())))
    parts.append("]}\n")
    return "".join(parts).encode("utf-8")
