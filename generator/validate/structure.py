"""Structural checks: descriptors against their JSON Schema, tables against the canonical
Table Schemas (run by frictionless), with frictionless' errors turned into portal issues."""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from frictionless import Dialect, Resource, Schema
from frictionless import errors as fl_errors

from .. import parallel, schemas
from ..domain import PACKAGE_ID
from ..issues import Issue, raises
from ..issues import cells as found
from ..issues.accounts import BUDGET_LINE_DUPLICATE
from ..issues.packages import (
    PACKAGE_NAME_INVALID,
    PACKAGE_PROPERTY_INVALID,
    TABLE_HEADER_EXTRA_COLUMN,
    TABLE_HEADER_LAYOUT,
    TABLE_HEADER_MISSING_COLUMN,
    TABLE_HEADER_ORDER,
)
from ..load import Package, Table
from ..spreadsheet.columns import Vocabulary


@cache
def _package_validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schemas.descriptor(name))


@raises(PACKAGE_NAME_INVALID, PACKAGE_PROPERTY_INVALID)
def check_descriptor(package: Package) -> Iterator[Issue]:
    where = package.where
    if not PACKAGE_ID.match(package.id):
        yield PACKAGE_NAME_INVALID(where, None, "name", folder=package.id)
    elif package.descriptor.get("name") != package.id:
        yield PACKAGE_NAME_INVALID(where, None, "name", variant="mismatch", folder=package.id,
                                   name=package.descriptor.get("name"))
    validator = _package_validator(package.kind.descriptor_schema)
    errors = sorted(validator.iter_errors(package.descriptor),
                    key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        at = ".".join(str(p) for p in error.absolute_path) or None
        if error.validator == "required":
            name = str(error.message).replace(" is a required property", "")
            yield PACKAGE_PROPERTY_INVALID(where, None, at, variant="required", name=name)
        else:
            yield PACKAGE_PROPERTY_INVALID(where, None, at, value=error.instance,
                                           reason=error.message)


PARALLEL_ROWS = 20_000  # below this, starting worker processes costs more than it saves
Checked = Mapping[Path, list[Issue]]


def check_tables(tables: Sequence[Table]) -> Checked:
    """Every table's structure at once, on every core, when there are many rows:
    frictionless reads about 22,000 rows a second on one core, and a city's ledgers hold
    millions. check_table() then answers from these results."""
    if sum(len(t.rows) for t in tables) < PARALLEL_ROWS:
        return {}
    found_ = parallel.fork_map(lambda i: list(_check(tables[i])), len(tables))
    return dict(zip((t.path for t in tables), found_, strict=True))


def check_table(table: Table, known: Checked | None = None) -> list[Issue]:
    """Header first: with wrong columns every row would fail, which helps nobody.
    ``known``: results of check_tables()."""
    if known is not None and table.path in known:
        return list(known[table.path])
    return list(_check(table))


@raises(TABLE_HEADER_MISSING_COLUMN, TABLE_HEADER_EXTRA_COLUMN, TABLE_HEADER_ORDER,
        TABLE_HEADER_LAYOUT,
        found.SCHEMA_TYPE_ERROR, found.SCHEMA_CONSTRAINT_ERROR, found.SCHEMA_REQUIRED,
        found.SCHEMA_UNIQUE_ERROR, found.SCHEMA_BLANK_ROW, found.SCHEMA_EXTRA_CELL,
        found.SCHEMA_MISSING_CELL, found.SCHEMA_ERROR, BUDGET_LINE_DUPLICATE)
def _check(table: Table) -> Iterator[Issue]:
    header_issues = list(check_header(table, schemas.columns(table.schema)))
    if header_issues:
        yield from header_issues
        return
    yield from check_rows(table)


def check_header(table: Table, expected: tuple[str, ...]) -> Iterator[Issue]:
    layout = list(_layout(table, expected))
    if layout:  # one cause, said once, instead of every column it makes missing
        yield from layout
        return
    found_ = table.header
    optional = schemas.optional(table.schema)
    missing = [c for c in expected if c not in found_ and c not in optional]
    extra = [c for c in found_ if c not in expected]
    columns = ", ".join(expected)
    expected = tuple(c for c in expected if c in found_ or c not in optional)
    for column in missing:
        yield TABLE_HEADER_MISSING_COLUMN(table.where, None, column, name=column,
                                          expected=columns)
    for column in extra:
        yield TABLE_HEADER_EXTRA_COLUMN(table.where, None, column, name=column,
                                        table=table.name, expected=columns)
    if not missing and not extra and found_ != expected:
        yield TABLE_HEADER_ORDER(table.where, found=", ".join(found_), expected=columns)


def _layout(table: Table, expected: tuple[str, ...]) -> Iterator[Issue]:
    """What an office sheet does to a header: a column twice, another separator, titles
    instead of column names, a title row above the header."""
    header, where = table.header, table.where
    repeated = sorted(c for c, n in Counter(header).items() if n > 1 and c)
    for name in repeated:
        yield TABLE_HEADER_LAYOUT(where, None, name, variant="duplicate", name=name,
                                  n=header.count(name))
    if repeated:
        return
    joined = ",".join(header)
    for separator, said in ((";", "semicolons"), ("\t", "tabs")):
        if len(header) <= 2 and joined.count(separator) >= 2:
            yield TABLE_HEADER_LAYOUT(where, variant="separator", separator=said)
            return
    words = Vocabulary.of(table.schema)
    if set(header) & set(expected) or words.score(header) < 2:
        yield from _title_rows(table, expected, words)
        return
    mapping = "; ".join(f"{h} → {words.column(h)}" for h in header if words.column(h))
    yield TABLE_HEADER_LAYOUT(where, variant="titles", mapping=mapping,
                              expected=", ".join(expected))


def _title_rows(table: Table, expected: tuple[str, ...], words: Vocabulary
                ) -> Iterator[Issue]:
    if set(expected) <= set(table.header) or len(set(table.header) & set(expected)) > 1:
        return
    for i, row in enumerate(table.rows[:10]):
        cells = tuple(c.strip() for c in row)
        if len(set(cells) & set(expected)) >= 2 or words.score(cells) >= 2:
            yield TABLE_HEADER_LAYOUT(table.where, found=", ".join(c for c in cells if c),
                                      line=table.where.line(i + 1))
            return


@cache
def _schema(name: str) -> Schema:
    """A canonical schema read once: frictionless checks each descriptor as it reads it,
    about a quarter of the time a table's check took when a city has thousands of tables."""
    return Schema.from_descriptor(schemas.descriptor(name))


def check_rows(table: Table) -> Iterator[Issue]:
    """Each typed cell as written (one strict form per type), then what frictionless finds;
    a cell already reported for its form is not reported again."""
    written = list(_forms(table, schemas.descriptor(table.schema)))
    yield from written
    seen: set[tuple[int | None, str | None]] = {(i.row, i.field) for i in written}
    data = [list(table.header), *(list(r) for r in table.rows)]
    # The first row is the header, always: frictionless would otherwise guess another row
    # as the header where most rows are shorter than it (cells left out at their end).
    # Every error, not frictionless' first thousand: the report groups repeats, and a cap
    # would hide that rows past it are wrong too.
    report = Resource(data=data, schema=_schema(table.schema),
                      dialect=Dialect(header_rows=[1])).validate(limit_errors=sys.maxsize)
    for task in report.tasks:
        for error in task.errors:
            issue = convert(table, error, seen)
            if issue is not None:
                yield issue


# The one form each type is written in: plain ASCII digits, a point before the decimals,
# at most 12 digits before it (a trillion yuan) or 9 in a count; dates as YYYY-MM-DD.
# frictionless and Python also read 1e3, 1_000, .5, 100., Infinity or １２００, which other
# tools reading the downloaded CSV do not, and which the figures cannot hold.
FORMS = {"number": re.compile(r"-?\d{1,12}(?:\.\d+)?", re.ASCII),
         "integer": re.compile(r"-?\d{1,9}", re.ASCII),
         "date": re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)}
LONG = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
LOOSE_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)


def _forms(table: Table, descriptor: dict[str, Any]) -> Iterator[Issue]:
    typed = [(i, f["name"], f["type"]) for i, f in enumerate(descriptor["fields"])
             if f["type"] in FORMS]
    for row, values in enumerate(table.rows, start=1):
        for i, name, kind in typed:
            value = values[i] if i < len(values) else ""
            if value and not FORMS[kind].fullmatch(value):
                yield _form_issue(table, row, name, kind, value)


def _form_issue(table: Table, row: int, name: str, kind: str, value: str) -> Issue:
    where = table.where
    if not value.isascii() and FORMS[kind].fullmatch(unicodedata.normalize("NFKC", value)):
        return found.SCHEMA_TYPE_ERROR(where, row, name, variant="full-width", value=value)
    if kind == "date" and (loose := LOOSE_DATE.fullmatch(value)):
        year, month, day = loose.groups()
        return found.SCHEMA_TYPE_ERROR(where, row, name, variant="date-fix", value=value,
                                       fixed=f"{year}-{int(month):02d}-{int(day):02d}")
    if kind != "date" and LONG.fullmatch(value):
        return found.SCHEMA_TYPE_ERROR(where, row, name, variant="too-long", value=value,
                                       digits=12 if kind == "number" else 9)
    return found.SCHEMA_TYPE_ERROR(where, row, name, value=value, expected=TYPE_HINTS[kind])


def convert(table: Table, error: fl_errors.Error,
            seen: set[tuple[int | None, str | None]]) -> Issue | None:
    """A frictionless error as the portal's issue; None for one already reported."""
    number = getattr(error, "row_number", None)  # row errors have one, others not
    row = number - 1 if number else None
    field = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    key = (row, field)
    if key in seen and isinstance(error, fl_errors.CellError):
        return None  # the cell's form was reported already
    if isinstance(error, fl_errors.MissingCellError):
        seen.add(key)
        return found.SCHEMA_MISSING_CELL(table.where, row, field)
    if isinstance(error, fl_errors.ConstraintError) and _is_required(error):
        return None if key in seen else found.SCHEMA_REQUIRED(table.where, row, field)
    if isinstance(error, fl_errors.PrimaryKeyError):
        return _primary_key(table, error, row)
    return _describe(table, error, cell, row, field)


def _is_required(error: fl_errors.Error) -> bool:
    return 'constraint "required"' in error.note


def _primary_key(table: Table, error: fl_errors.Error, row: int | None) -> Issue | None:
    key = schemas.descriptor(table.schema)["primaryKey"]
    # Single-column keys are reported by their unique constraint already.
    if len(key) < 2 or "same as" not in error.note:
        return None
    other = _position(error.note)
    if table.schema == "budget":
        return BUDGET_LINE_DUPLICATE(table.where, row, "line_id", other=other)
    return found.SCHEMA_UNIQUE_ERROR(table.where, row, key[-1], variant="key",
                                     columns=" and ".join(key), other=other)


def _describe(table: Table, error: fl_errors.Error, cell: Any, row: int | None,
              field: str | None) -> Issue:
    where = table.where
    if isinstance(error, fl_errors.TypeError):
        kind = error.note.split('"')[1].split("/")[0] if '"' in error.note else "value"
        return found.SCHEMA_TYPE_ERROR(where, row, field, value=cell,
                                       expected=TYPE_HINTS.get(kind, "a valid " + kind))
    if isinstance(error, fl_errors.ConstraintError):
        return _constraint(table, error, cell, row, field)
    if isinstance(error, fl_errors.UniqueError):
        return found.SCHEMA_UNIQUE_ERROR(where, row, field, value=cell,
                                         other=_position(error.note))
    if isinstance(error, fl_errors.BlankRowError):
        return found.SCHEMA_BLANK_ROW(where, row, field)
    if isinstance(error, fl_errors.ExtraCellError):
        return found.SCHEMA_EXTRA_CELL(where, row, field, value=cell)
    return found.SCHEMA_ERROR(where, row, field, note=str(error.message))


TYPE_HINTS = {
    "date": "a date written as YYYY-MM-DD, e.g. 2024-03-05",
    "number": "a number with digits only, e.g. 1200.50 (no thousands separators or currency "
              "signs)",
    "integer": "a whole number, e.g. 439",
}


def _constraint(table: Table, error: fl_errors.Error, cell: Any, row: int | None,
                field: str | None) -> Issue:
    match = re.search(r'constraint "(\w+)" is "(.*)"', error.note)
    if not match:
        return found.SCHEMA_CONSTRAINT_ERROR(table.where, row, field, variant="unknown",
                                             value=cell, note=error.note)
    name, value = match.groups()
    if name == "enum":
        codes = re.findall(r"'([^']*)'", value)
        fixed, variant = _nearest(str(cell), codes)
        return found.SCHEMA_CONSTRAINT_ERROR(table.where, row, field, variant=variant,
                                             value=cell, allowed=", ".join(codes), fixed=fixed)
    variant = name if name in ("minimum", "maximum", "pattern") else ""
    return found.SCHEMA_CONSTRAINT_ERROR(table.where, row, field, variant=variant, value=cell,
                                         name=name, limit=value)


def _nearest(value: str, codes: Sequence[str]) -> tuple[str, str]:
    """The code a value was meant to be, with the variant saying how sure: the same but for
    spaces or case; close in spelling; or none."""
    plain = unicodedata.normalize("NFKC", value).strip().casefold()
    exact = [c for c in codes if c.casefold() == plain]
    if exact:
        return exact[0], "enum-spaces"
    near = difflib.get_close_matches(plain, codes, n=1, cutoff=0.75)
    return (near[0], "enum-near") if near else ("", "enum")


def _position(note: str) -> int | str:
    match = re.search(r"position (\d+)", note)
    return int(match.group(1)) - 1 if match else "?"
