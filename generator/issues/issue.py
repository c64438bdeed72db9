"""An issue is data, not an exception (as frictionless' errors): a declared type, the
message its template makes from the values the check found, and where it is (file, data
row, field, and the package and table it belongs to)."""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "finding"]


@dataclass(frozen=True)
class Where:
    """A file of the datasets as issues name it."""

    path: str  # as the maintainer typed it (display_path)
    package: str = ""  # the package's folder under the datasets: communities/<id>, foundation…
    resource: str = ""  # its table (ledger, projects…); "" for the descriptor or another file
    # The line each data row starts on, as an editor counts (a quoted cell may span lines).
    lines: tuple[int, ...] = dataclasses.field(default=(), compare=False, repr=False)

    def line(self, row: int | None) -> int | None:
        if row is None or row < 1:
            return None
        return self.lines[row - 1] if row <= len(self.lines) else row + 1


@dataclass(frozen=True)
class IssueType:
    """A kind of problem, declared once (issues/<area>.py) with everything said about it:
    its code, whether it stops the build, its title in Chinese and English, how to fix it,
    and its message template, filled with the values a check gives. ``variants`` are other
    templates of the same problem, for checks that find it in several forms."""

    code: str
    severity: Severity
    title_zh: str
    title_en: str
    fix_zh: str
    message: str
    variants: tuple[tuple[str, str], ...] = ()
    basis: tuple[str, ...] = ()  # the legal sources the rule rests on (law.SOURCES keys)

    def __call__(self, where: Where, row: int | None = None, column: str | None = None,
                 variant: str = "", **values: object) -> Issue:
        template = dict(self.variants)[variant] if variant else self.message
        shown = {k: visible(v) if isinstance(v, str) else v for k, v in values.items()}
        return Issue(self.code, template.format(**shown), where.path, row, column,
                     where.package, where.resource, tuple(values.items()), variant,
                     where.line(row))

    @property
    def templates(self) -> tuple[str, ...]:
        return (self.message, *(t for _, t in self.variants))


@dataclass(frozen=True)
class Issue:
    code: str
    message: str
    path: str
    row: int | None = None
    field: str | None = None
    package: str = ""  # Where.package
    resource: str = ""  # Where.resource
    # the values the message was made from, for other languages of it; not compared
    values: tuple[tuple[str, object], ...] = dataclasses.field(default=(), compare=False)
    variant: str = dataclasses.field(default="", compare=False)  # which template made it
    at: int | None = dataclasses.field(default=None, compare=False)  # its line in the file

    @property
    def type(self) -> IssueType:
        from . import TYPES

        return TYPES[self.code]

    @property
    def severity(self) -> Severity:
        return self.type.severity

    @property
    def line(self) -> int | None:
        """The line an editor shows: data row 1 sits on line 2, below the header, unless
        a cell above spans lines."""
        if self.at is not None:
            return self.at
        return None if self.row is None else self.row + 1

    def location(self) -> str:
        where = self.path if self.row is None else f"{self.path}:{self.row}"
        return f"{where}: {self.field}" if self.field else where

    def __str__(self) -> str:
        return f"{self.location()}: {self.message} [{self.code}]"


# What does not show in a message: controls, direction marks, zero-width characters.
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """A value as a message may show it: every character that does not show written as its
    code (\\u202e), so that a reversed or hidden text cannot disguise the message, break its
    line, or hide what is wrong."""
    return _UNSEEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def display_path(path: Path) -> str:
    """A path as the maintainer typed it: relative to the working directory when inside it."""
    rel = os.path.relpath(path)
    return Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()
