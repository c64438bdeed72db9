"""Every text cell and descriptor text is public: no personal numbers, no spreadsheet
formulas.

Personal data: mainland ID card numbers (18 characters, checked with their ISO 7064
check digit), mobile numbers (11 digits from 13x to 19x, with or without +86 and
separators) and bank card numbers (16 to 19 digits that pass the Luhn check). Full-width
digits count too. A package may declare public service numbers (a property hotline) in
``public_numbers``; those are allowed. The message masks the number: the report is
published in CI logs.

Formulas: a downloaded CSV opened in Excel or WPS runs a cell starting with = + - @ (or a
tab or carriage return) as a formula; such a text cell is refused.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from .. import personal, schemas
from ..issues import Issue, IssueType, Where, display_path, raises
from ..issues.cells import (
    CELL_FORMULA,
    CELL_HIDDEN_CHARACTER,
    CELL_TOO_LONG,
    PERSONAL_BANK_CARD,
    PERSONAL_ID_NUMBER,
    PERSONAL_MOBILE_NUMBER,
)
from ..load import Package, Table

PERSONAL = (PERSONAL_ID_NUMBER, PERSONAL_MOBILE_NUMBER, PERSONAL_BANK_CARD)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SEP = "\x00"
# Characters that do not show but change how the text around them reads or what it
# matches: controls, direction marks and overrides, zero-width and other format characters
# (the zero-width joiner of some emoji excepted). A line break only in a column of free
# text over lines ("x-multiline"); no title, name, id or amount holds one.
HIDDEN = ("\x01-\x08\t\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f"
          "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff")
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = "\n\r"
# Where a problem may be: a cell starting like a formula, eleven characters that may be
# digits close together (personal.LIKELY), or a hidden character.
SUSPECT = {multi: re.compile(rf"\x00[=+\-@\t\r]|{personal.LIKELY}"
                             rf"|[{HIDDEN}{'' if multi else LINE_BREAKS}]")
           for multi in (False, True)}
HIDDEN_IN = {multi: re.compile(f"[{HIDDEN}{'' if multi else LINE_BREAKS}]")
             for multi in (False, True)}
MAX_CELL = 5000  # characters: a summary is a paragraph; anything longer is a pasted document
TYPES = {t.code: t for t in (PERSONAL_ID_NUMBER, PERSONAL_MOBILE_NUMBER, PERSONAL_BANK_CARD)}


def personal_numbers(text: str, allowed: frozenset[str] = frozenset()
                     ) -> Iterator[tuple[IssueType, str]]:
    """(issue type, masked number) for each personal number in the text (personal.py)."""
    for code, masked in personal.personal_numbers(text, allowed):
        yield TYPES[code], masked


def personal_issue(kind: IssueType, masked: str, where: Where, row: int | None,
                   field: str) -> Issue:
    return kind(where, row, field, masked=masked)


@cache
def text_columns(table_schema: str) -> frozenset[str]:
    return frozenset(f["name"] for f in schemas.descriptor(table_schema)["fields"]
                     if f["type"] == "string")


@cache
def number_columns(table_schema: str) -> frozenset[str]:
    """Columns of figures: their one form (validate/structure.py) holds no hidden character
    and no formula, but a phone number can be written as an amount."""
    return frozenset(f["name"] for f in schemas.descriptor(table_schema)["fields"]
                     if f["type"] in ("number", "integer"))


@raises(CELL_TOO_LONG, CELL_FORMULA, CELL_HIDDEN_CHARACTER, *PERSONAL)
def check_table(table: Table, allowed: frozenset[str] = frozenset()) -> Iterator[Issue]:
    """Run on a table whose header is right, so that columns are where the schema says.
    A column is searched as one string, in C: at a city's scale (millions of cells) a
    search per cell would take seconds; only the cells it finds are looked at one by one."""
    found: list[tuple[int, int, Issue]] = []
    multiline = schemas.multiline(table.schema)
    for i, name in enumerate(table.header):
        cells = [values[i] if i < len(values) else "" for values in table.rows]
        if name in text_columns(table.schema):
            found += ((row, i, issue) for row, issue in
                      _column(table, name, cells, allowed, name in multiline))
        elif name in number_columns(table.schema):
            found += ((row, i, personal_issue(kind, masked, table.where, row, name))
                      for row, cell in enumerate(cells, start=1) if len(cell) >= 11
                      for kind, masked in personal_numbers(cell, allowed))
    yield from (issue for _, _, issue in sorted(found, key=lambda f: f[:2]))


def _column(table: Table, name: str, cells: list[str], allowed: frozenset[str],
            multiline: bool) -> Iterator[tuple[int, Issue]]:
    joined = SEP + SEP.join(cells)  # csv refuses NUL, so no cell holds the separator
    hits = [m.start() for m in SUSPECT[multiline].finditer(joined)]
    starts = list(accumulate((len(c) + 1 for c in cells), initial=0)) if hits else []
    suspects = {bisect_right(starts, hit) - 1 for hit in hits}
    if any(len(cell) > MAX_CELL for cell in cells):
        suspects |= {r for r, cell in enumerate(cells) if len(cell) > MAX_CELL}
    for index in sorted(suspects):
        yield from ((index + 1, issue) for issue in
                    _cell(table, index + 1, name, cells[index], allowed, multiline))


def _cell(table: Table, row: int, name: str, cell: str, allowed: frozenset[str],
          multiline: bool) -> Iterator[Issue]:
    if len(cell) > MAX_CELL:
        yield CELL_TOO_LONG(table.where, row, name, length=len(cell), limit=MAX_CELL)
        return
    if cell.startswith(FORMULA_START) and len(cell.strip()) > 1:
        yield CELL_FORMULA(table.where, row, name, start=repr(cell[0]))
    for kind, masked in personal_numbers(cell, allowed):
        yield personal_issue(kind, masked, table.where, row, name)
    yield from hidden(cell, table.where, row, name, multiline)


def hidden(text: str, where: Where, row: int | None, field: str,
           multiline: bool = False, tabs: bool = False) -> Iterator[Issue]:
    """The first character of the text that does not show (a tab that starts a cell is the
    formula check's; ``tabs``: Markdown, where a tab indents)."""
    for match in HIDDEN_IN[multiline].finditer(text):
        if match.group() == "\t" and (tabs or match.start() == 0):
            continue
        char = match.group()
        what = ("a line break, which a one-line field cannot hold" if char in LINE_BREAKS
                else "a tab" if char == "\t"
                else "a direction mark or override" if char in BIDI
                else "a control character" if unicodedata.category(char) == "Cc"
                else "an invisible character")
        yield CELL_HIDDEN_CHARACTER(where, row, field, what=what, code=ord(char),
                                    position=match.start() + 1)
        return


def public_numbers(package: Package) -> frozenset[str]:
    listed = package.descriptor.get("public_numbers")
    if not isinstance(listed, list):
        return frozenset()
    return frozenset(personal.public_digits(item.get("number"))
                     for item in listed if isinstance(item, dict))


# Descriptor properties of free text that may run over several lines.
MULTILINE_PROPERTIES = ("description", "context")


@raises(*PERSONAL, CELL_HIDDEN_CHARACTER)
def check_descriptor(package: Package, allowed: frozenset[str]) -> Iterator[Issue]:
    for at, value in _texts(package.descriptor):
        if isinstance(value, str):
            yield from hidden(value, package.where, None, at,
                              at.rsplit(".", 1)[-1] in MULTILINE_PROPERTIES)
        if at.startswith("public_numbers"):
            continue
        for kind, masked in personal_numbers(str(value), allowed):
            yield personal_issue(kind, masked, package.where, None, at)


@raises(*PERSONAL)
def check_file_names(root: Path, paths: Iterable[str]) -> Iterator[Issue]:
    """Every file's path under the datasets, named by a row or not: a name is public once
    the file is, and a scan saved under an owner's ID number says whose it is."""
    for path in paths:
        for kind, masked in personal_numbers(path):
            yield personal_issue(kind, masked, Where(display_path(root / path)), None,
                                 "file name")


def _texts(value: Any, where: str = "") -> Iterable[tuple[str, str | int | float]]:
    """(JSON path, value) of every string and number in a descriptor."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")
