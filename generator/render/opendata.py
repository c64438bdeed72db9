"""Stage 4, render: the open-data downloads (开放数据), in memory.

Every published package, under data/<package path>/ in the site, so that residents,
auditors and journalists can download it and check it with their own tools:

- datapackage.json, a Frictionless Data Package (v1) descriptor: the source descriptor's
  checked properties, and each table with its byte count, SHA-256 (both checked by
  ``frictionless validate``) and its canonical Table Schema inlined, since frictionless
  refuses a schema path outside the package as unsafe;
- each CSV byte for byte as in the datasets (a table holding what the pages mask, such as a
  private donor's name, written again with it masked: public_csv), and the same rows as
  JSON typed by the schema (a header row, then an array per row);
- <name>.zip holding datapackage.json and the CSVs, deflated, the same bytes on every build.

Also every canonical schema under data/schemas/ and data/SHA256SUMS. Vouchers and documents
stay at their own addresses on the site, which the tables' voucher and document columns give.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

from .. import parallel, records, schemas, urls
from ..model import Portal
from ..model.datapackages import DataPackage

COMMUNITY = "community-package"  # a DataPackage's kind
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build time in the bytes
TRUE, FALSE = ("true", "True", "TRUE", "1"), ("false", "False", "FALSE", "0")  # Table Schema
CODELISTS_DESCRIPTION = ("其他数据包引用的代码：科目表、项目类别、社区和标准类别。"
                         "Codes the other packages refer to: the chart of accounts, project "
                         "categories, communities and standard categories.")
LEDGER_DESCRIPTION = ("corrects 列不为空的条目更正了它指向的原条目，原条目不再计入合计。"
                      "An entry named in another entry's corrects column is corrected and no "
                      "longer counts in totals.")


@dataclass(frozen=True)
class DataFile:
    """A published file as the open-data page lists it (its bytes go to the site apart)."""

    path: str  # in the site, e.g. data/communities/demo/ledger.csv
    sha256: str
    size: int

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name


Made = tuple[str, bytes]  # a file made in this build: (address, bytes)


def data_file(path: str, data: bytes, made: list[Made]) -> DataFile:
    """The file ``data`` at ``path``, its bytes added to ``made``."""
    made.append((path, data))
    return DataFile(path, hashlib.sha256(data).hexdigest(), len(data))


@dataclass(frozen=True)
class Resource:
    name: str
    table: str  # its canonical Table Schema, and its section of the data dictionary
    rows: int
    csv: DataFile
    json: DataFile


@dataclass(frozen=True)
class Package:
    package: DataPackage
    descriptor: DataFile
    zip: DataFile
    resources: tuple[Resource, ...]

    @property
    def files(self) -> tuple[DataFile, ...]:
        return (self.zip, self.descriptor,
                *(f for r in self.resources for f in (r.csv, r.json)))


@dataclass(frozen=True)
class OpenData:
    packages: tuple[Package, ...]
    schemas: tuple[DataFile, ...]
    sums: DataFile  # data/SHA256SUMS
    written: tuple[Made, ...]  # the files this build made: all but the kept packages'

    def ledger_sizes(self) -> dict[str, int]:
        """Each community's ledger.json in bytes, which its all-entries page loads."""
        return {p.package.name: r.json.size for p in self.packages
                if p.package.kind == COMMUNITY for r in p.resources
                if r.name == "ledger"}


def build(portal: Portal, kept: Mapping[str, Package] | None = None) -> OpenData:
    """``kept``: communities' packages whose files the site already has, by name: listed,
    not made again."""
    kept = kept or {}
    every = portal.packages
    todo = [i for i, p in enumerate(every) if p.kind != COMMUNITY or p.name not in kept]
    done = dict(zip(todo, parallel.fork_map(  # a city's packages are typed and zipped on every core
        lambda j: package(every[todo[j]]), len(todo), parallel=len(todo) >= 8), strict=True))
    packages = tuple(done[i][0] if i in done else replace(kept[p.name], package=p)
                     for i, p in enumerate(every))
    made = [f for i in todo for f in done[i][1]]
    tables = tuple(data_file(urls.data_schema(t), schema_bytes(t), made)
                   for t in schemas.TABLES)
    listed = [f for p in packages for f in p.files] + list(tables)
    sums = data_file(urls.checksums(), sha256sums(listed), made)
    return OpenData(packages, tables, sums, tuple(made))


def schema_bytes(table: str) -> bytes:
    return resources.files("generator").joinpath(f"schemas/{table}.json").read_bytes()


def package(p: DataPackage) -> tuple[Package, tuple[Made, ...]]:
    """A package's open data, and its files' bytes."""
    made: list[Made] = []
    found, described, csvs = [], [], []
    for name, table in p.resources:
        raw = public_csv(table, (p.source / f"{name}.csv").read_bytes())
        csv_file = data_file(urls.data_file(p.path, f"{name}.csv"), raw, made)
        rows = typed_rows(table, raw)
        found.append(Resource(name, table, len(rows), csv_file, data_file(
            urls.data_file(p.path, f"{name}.json"), rows_json(table, rows), made)))
        described.append(resource_descriptor(name, table, csv_file, rows))
        csvs.append((f"{name}.csv", raw))
    descriptor = dumps(package_descriptor(p, described))
    archive = zip_bytes([("datapackage.json", descriptor), *csvs])
    return Package(p, data_file(urls.data_file(p.path, "datapackage.json"), descriptor, made),
                   data_file(urls.data_file(p.path, f"{p.name}.zip"), archive, made),
                   tuple(found)), tuple(made)


def package_descriptor(p: DataPackage, described: list[dict[str, Any]]) -> dict[str, Any]:
    """The source descriptor's properties that its JSON Schema defines (and so were checked),
    its licences if it has any, and the resources as published."""
    if not p.kind:
        return {"name": p.name, "title": p.title, "description": CODELISTS_DESCRIPTION,
                "resources": described}
    source = json.loads((p.source / "datapackage.json").read_text(encoding="utf-8-sig"))
    checked = schemas.descriptor(p.kind)["properties"]
    result = {k: v for k, v in source.items() if k in checked and k != "resources"}
    if isinstance(source.get("licenses"), list):
        result["licenses"] = source["licenses"]
    result["name"] = p.name
    if p.kind == COMMUNITY:
        result["countryCode"] = "CN"  # Fiscal Data Package 0.3.0, see fiscal()
    result["resources"] = described
    return result


def resource_descriptor(name: str, table: str, csv_file: DataFile,
                        rows: list[list[Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8",  # a byte-order mark, as Excel writes, is read as such
        "bytes": csv_file.size, "hash": f"sha256:{csv_file.sha256}",
        "schema": schemas.descriptor(table),
    }
    result.update(fiscal(table, rows))
    return result


BOM = b"\xef\xbb\xbf"


def public_csv(table: str, raw: bytes) -> bytes:
    """The table as published: behind a UTF-8 byte-order mark, by which Excel and WPS on
    Chinese Windows open it as UTF-8 rather than garbled (frictionless and pandas read
    it as such); otherwise its bytes unchanged unless a row must be shown otherwise
    (records.public_row) or it lacks columns added since (schemas.complete), then written
    again in the same line endings."""
    text = raw.decode("utf-8-sig")
    found = list(csv.reader(io.StringIO(text, newline="")))
    if not found:
        return BOM + raw.removeprefix(BOM)
    written = tuple(found[0])
    header, values = schemas.complete(table, written, tuple(tuple(r) for r in found[1:]))
    columns, rows = list(header), [dict(zip(header, r, strict=True)) for r in values]
    shown = [records.public_row(table, r) for r in rows]
    if shown == rows and header == written:
        return BOM + raw.removeprefix(BOM)
    end = "\r\n" if "\r\n" in text else "\n"
    lines = [columns, *([r[c] for c in columns] for r in shown)]
    return BOM + "".join(",".join(map(_cell, line)) + end for line in lines).encode("utf-8")


def _cell(value: str) -> str:
    """A CSV cell, quoted when it holds a separator, a quote or either line break: Python's
    writer leaves a lone carriage return unquoted, which every reader takes as a line end."""
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def typed_rows(table: str, raw: bytes) -> list[list[Any]]:
    """The rows as arrays in the table's column order (validation checked the header),
    each value typed as its Table Schema field says. One converter per column, made once:
    a city's ledgers are a million rows."""
    schema = schemas.descriptor(table)
    missing = frozenset(schema.get("missingValues", [""]))
    convert = [_converter(f, missing) for f in schema["fields"]]
    found = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    if not found:
        return []
    _, rows = schemas.complete(table, tuple(found[0]), tuple(tuple(r) for r in found[1:]))
    return [[to(cell) for to, cell in zip(convert, row, strict=True)] for row in rows]


def _converter(field: dict[str, Any], missing: frozenset[str]) -> Callable[[str], Any]:
    kind = field["type"]
    if kind == "integer":
        return lambda cell: None if cell in missing else int(cell)
    if kind == "number":
        return lambda cell: None if cell in missing else _number(cell)
    if kind == "boolean":
        true = frozenset(field.get("trueValues", TRUE))
        false = frozenset(field.get("falseValues", FALSE))
        return lambda cell: (None if cell in missing else True if cell in true
                             else False if cell in false else cell)
    return lambda cell: None if cell in missing else cell  # strings, ISO 8601 dates as written


def _number(cell: str) -> float | str:
    value = float(cell)
    return value if math.isfinite(value) else cell  # JSON has no NaN or infinity


_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def rows_json(table: str, rows: list[list[Any]]) -> bytes:
    """The header row, then one array per row, a line each, columns in the table's order:
    Frictionless' inline tabular data, as ``frictionless.Resource(data=...)`` and
    ``pandas.DataFrame(data[1:], columns=data[0])`` read it. Repeating the column names
    on every row made a ledger's JSON twice its CSV; diffs stay a line per row."""
    lines = [_LINE.encode(header(table)), *map(_LINE.encode, rows)]
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8")


def header(table: str) -> list[str]:
    return [f["name"] for f in schemas.descriptor(table)["fields"]]


def dumps(descriptor: dict[str, Any]) -> bytes:
    return (json.dumps(descriptor, ensure_ascii=False, indent=2, sort_keys=True)
            + "\n").encode("utf-8")


def zip_bytes(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip whose bytes depend only on the files: sorted names, fixed times and modes, a
    fixed compression level. Deflated: a ledger's CSV shrinks about ten times, 140 MB of a
    city's site. Another zlib build (zlib-ng) may deflate the same files to other bytes, so
    ``portal verify`` compares archives by their members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in sorted(files):
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.create_system = 3  # Unix, whatever the build machine
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(info, data, zipfile.ZIP_DEFLATED, compresslevel=6)
    return buffer.getvalue()


def sha256sums(files: Sequence[DataFile]) -> bytes:
    """``sha256sum`` format, paths relative to data/: ``sha256sum -c SHA256SUMS`` there."""
    lines = sorted((urls.in_data(f.path), f.sha256) for f in files)
    return "".join(f"{sha}  {path}\n" for path, sha in lines).encode("utf-8")


# Fiscal Data Package 0.3.0 (frictionlessdata specs, 2016; the last version with a JSON
# Schema), with its property names: `model` with `measures` (source, currency, phase) and
# `dimensions` (attributes with source and resource, primaryKey, dimensionType,
# classificationType), `granularity` and `fiscalPeriod`. They sit on each fiscal resource,
# not the package: a community package also holds tables that are not fiscal, and its budget
# and ledger differ in phase, granularity and period. (1.0-rc1, 2018, still a draft, moved
# these to a columnType on each field.) China's fiscal year, like the budgets', is the
# calendar year.
LEDGER_DIMENSIONS = (
    ("date", "datetime", (("date", "date"),)),
    ("direction", "other", (("direction", "direction"),)),
    ("category", "classification", (("code", "category"),)),
    ("budget-line", "activity", (("code", "budget_line"),)),
    ("counterparty", "entity", (("name", "counterparty"),)),
    ("entry", "fact", (("id", "entry_id"), ("description", "description"),
                       ("voucher", "voucher"), ("corrects", "corrects"))),
)
BUDGET_DIMENSIONS = (
    ("fiscal-year", "datetime", (("year", "year"),)),
    ("direction", "other", (("direction", "direction"),)),
    ("category", "classification", (("code", "category"),)),
    ("budget-line", "activity", (("code", "line_id"), ("label", "item"), ("note", "note"))),
)


def fiscal(table: str, rows: list[list[Any]]) -> dict[str, Any]:
    def column(name: str) -> list[Any]:
        at = header(table).index(name)
        return [r[at] for r in rows]

    if table == "ledger":
        dates = sorted(column("date"))
        period = {"start": dates[0], "end": dates[-1]} if dates else None
        found = _fiscal(table, "executed", "transaction", LEDGER_DIMENSIONS, period)
        return {**found, "description": LEDGER_DESCRIPTION}
    if table == "budget":
        years = sorted(column("year"))
        period = {"start": f"{years[0]}-01-01", "end": f"{years[-1]}-12-31"} if years else None
        return _fiscal(table, "approved", "aggregated", BUDGET_DIMENSIONS, period)
    return {}


def _fiscal(resource: str, phase: str, granularity: str, dimensions: Any,
            period: dict[str, str] | None) -> dict[str, Any]:
    model = {
        "measures": {"amount": {"source": "amount", "resource": resource, "currency": "CNY",
                                "phase": phase}},
        "dimensions": {name: _dimension(resource, kind, attributes)
                       for name, kind, attributes in dimensions},
    }
    found: dict[str, Any] = {"granularity": granularity, "model": model}
    if period:
        found["fiscalPeriod"] = period
    return found


def _dimension(resource: str, kind: str,
               attributes: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "attributes": {name: {"source": column, "resource": resource}
                       | ({"labelfor": "code"} if name == "label" else {})
                       for name, column in attributes},
        "primaryKey": attributes[0][0],
        "dimensionType": kind,
    }
    if kind == "classification":
        result["classificationType"] = "economic"  # the chart of accounts: what money is for
    return result
