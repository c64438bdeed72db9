"""Structural checks: descriptors against their JSON Schema, tables against the canonical
Table Schemas (run by frictionless), with frictionless' errors turned into portal issues."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from frictionless import Resource, Schema
from frictionless import errors as fl_errors

from .. import parallel, schemas
from ..domain import PACKAGE_ID
from ..issues import Issue
from ..load import Package, Table


@cache
def _package_validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schemas.descriptor(name))


def check_descriptor(package: Package) -> Iterator[Issue]:
    if not PACKAGE_ID.match(package.id):
        yield Issue("package-name-invalid",
                    f"folder name '{package.id}' may only use lowercase letters, digits and "
                    "hyphens", package.shown, field="name")
    elif package.descriptor.get("name") != package.id:
        yield Issue("package-name-invalid",
                    f"name is {package.descriptor.get('name')!r} but the folder is "
                    f"'{package.id}'; they must be equal", package.shown, field="name")
    validator = _package_validator(package.kind.descriptor_schema)
    errors = sorted(validator.iter_errors(package.descriptor),
                    key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        where = ".".join(str(p) for p in error.absolute_path) or None
        yield Issue("package-property-invalid", _json_message(error), package.shown, field=where)


def _json_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        return str(error.message).replace(" is a required property", " is required")
    return f"{error.instance!r} is not valid: {error.message}"


PARALLEL_ROWS = 20_000  # below this, starting worker processes costs more than it saves
_checked: dict[Path, list[Issue]] = {}  # set by checked_together() for one validation


@contextlib.contextmanager
def checked_together(tables: Sequence[Table]) -> Iterator[None]:
    """Check every table at once, on every core: frictionless reads about 22,000 rows a
    second on one core, and a city's ledgers hold millions. check_table() then answers
    from the results."""
    big = sum(len(t.rows) for t in tables) >= PARALLEL_ROWS
    if not big:
        yield
        return
    try:
        found = parallel.fork_map(lambda i: _check(tables[i]), len(tables))
        _checked.update(zip((t.path for t in tables), found, strict=True))
        yield
    finally:
        _checked.clear()


def check_table(table: Table) -> list[Issue]:
    """Header first: with wrong columns every row would fail, which helps nobody."""
    if table.path in _checked:
        return list(_checked[table.path])
    return _check(table)


def _check(table: Table) -> list[Issue]:
    header_issues = list(check_header(table, schemas.columns(table.schema)))
    if header_issues:
        return header_issues
    return list(check_rows(table))


def check_header(table: Table, expected: tuple[str, ...]) -> Iterator[Issue]:
    found = table.header
    missing = [c for c in expected if c not in found]
    extra = [c for c in found if c not in expected]
    for column in missing:
        yield Issue("table-header-missing-column",
                    f"column '{column}' is missing; the columns are: {', '.join(expected)}",
                    table.shown, field=column)
    for column in extra:
        yield Issue("table-header-extra-column",
                    f"column '{column}' is not part of the {table.name} table; the columns "
                    f"are: {', '.join(expected)}", table.shown, field=column)
    if not missing and not extra and found != expected:
        yield Issue("table-header-order",
                    f"the columns are in the wrong order: found {', '.join(found)}; "
                    f"expected {', '.join(expected)}", table.shown)


@cache
def _schema(name: str) -> Schema:
    """A canonical schema read once: frictionless checks each descriptor as it reads it,
    about a quarter of the time a table's check took when a city has thousands of tables."""
    return Schema.from_descriptor(schemas.descriptor(name))


def check_rows(table: Table) -> Iterator[Issue]:
    data = [list(table.header), *(list(r) for r in table.rows)]
    report = Resource(data=data, schema=_schema(table.schema)).validate()
    seen: set[tuple[int | None, str | None]] = set()
    for task in report.tasks:
        for error in task.errors:
            issue = _convert(table, error, seen)
            if issue is not None:
                yield issue
    if report.valid:
        yield from _full_width(table, schemas.descriptor(table.schema))


def _full_width(table: Table, descriptor: dict[str, Any]) -> Iterator[Issue]:
    """Python reads １２００ as 1200, so frictionless accepts it; other tools reading the
    downloaded CSV do not. Numbers and dates must be plain ASCII."""
    typed = [(i, f["name"]) for i, f in enumerate(descriptor["fields"])
             if f["type"] in ("number", "integer", "date", "year")]
    for row, values in enumerate(table.rows, start=1):
        for i, name in typed:
            if i < len(values) and not values[i].isascii():
                yield Issue("schema-type-error",
                            f'"{values[i]}" has full-width or other non-ASCII characters; '
                            "write it with half-width digits 0-9, e.g. 1200.50 or 2024-03-05",
                            table.shown, row, name)


def _convert(table: Table, error: Any, seen: set[tuple[int | None, str | None]]) -> Issue | None:
    row = error.row_number - 1 if getattr(error, "row_number", None) else None
    field = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    key = (row, field)
    if isinstance(error, fl_errors.MissingCellError):
        seen.add(key)
        return Issue("schema-missing-cell", "the row has fewer cells than the header",
                     table.shown, row, field)
    if isinstance(error, fl_errors.ConstraintError) and _is_required(error):
        if key in seen:
            return None
        return Issue("schema-required", "a value is required", table.shown, row, field)
    if isinstance(error, fl_errors.PrimaryKeyError):
        return _primary_key(table, error, row)
    code, message = _describe(error, cell)
    return Issue(code, message, table.shown, row, field)


def _is_required(error: Any) -> bool:
    return 'constraint "required"' in error.note


def _primary_key(table: Table, error: Any, row: int | None) -> Issue | None:
    key = schemas.descriptor(table.schema)["primaryKey"]
    # Single-column keys are reported by their unique constraint already.
    if len(key) < 2 or "same as" not in error.note:
        return None
    other = _position(error.note)
    if table.schema == "budget":
        return Issue("budget-line-duplicate",
                     f"year and line_id repeat row {other}; each line_id may appear once a year",
                     table.shown, row, "line_id")
    return Issue("schema-unique-error", f"{' and '.join(key)} repeat row {other}",
                 table.shown, row, key[-1])


def _describe(error: Any, cell: Any) -> tuple[str, str]:
    if isinstance(error, fl_errors.TypeError):
        return "schema-type-error", _type_message(error, cell)
    if isinstance(error, fl_errors.ConstraintError):
        return "schema-constraint-error", _constraint_message(error, cell)
    if isinstance(error, fl_errors.UniqueError):
        return "schema-unique-error", (f'"{cell}" is a duplicate of row {_position(error.note)}; '
                                       "each value must be unique")
    if isinstance(error, fl_errors.BlankRowError):
        return "schema-blank-row", "the row is blank"
    if isinstance(error, fl_errors.ExtraCellError):
        return "schema-extra-cell", f'the row has more cells than the header (extra "{cell}")'
    return "schema-error", str(error.message)


TYPE_HINTS = {
    "date": "a date written as YYYY-MM-DD, e.g. 2024-03-05",
    "number": "a number with digits only, e.g. 1200.50 (no thousands separators or currency "
              "signs)",
    "integer": "a whole number, e.g. 439",
}


def _type_message(error: Any, cell: Any) -> str:
    kind = error.note.split('"')[1].split("/")[0] if '"' in error.note else "value"
    return f'"{cell}" is not {TYPE_HINTS.get(kind, "a valid " + kind)}'


def _constraint_message(error: Any, cell: Any) -> str:
    match = re.search(r'constraint "(\w+)" is "(.*)"', error.note)
    if not match:
        return f'"{cell}" breaks a constraint: {error.note}'
    name, value = match.groups()
    if name == "enum":
        allowed = ", ".join(re.findall(r"'([^']*)'", value))
        return f'"{cell}" is not one of: {allowed}'
    if name == "minimum":
        return f'"{cell}" is below the minimum {value}'
    if name == "maximum":
        return f'"{cell}" is above the maximum {value}'
    if name == "pattern":
        return f'"{cell}" does not have the required form ({value})'
    return f'"{cell}" breaks the constraint {name} {value}'


def _position(note: str) -> int | str:
    match = re.search(r"position (\d+)", note)
    return int(match.group(1)) - 1 if match else "?"
