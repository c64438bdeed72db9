"""What was already published, read from the git history of the datasets (load stage).

Once a ledger entry or a voucher is in a commit it is public: residents may have read,
printed or downloaded it. The history keeps each entry as it was first published and
each voucher's first content, so the rules can tell a silent edit from a correction.
Reading diffs (``git log -p``) costs one pass over the history's changes, not one full
copy of every ledger per commit.

Outside a git checkout nothing is known to be published and nothing is checked.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .history import git
from .issues import Issue, Where, display_path
from .issues.packages import PUBLISHED_REF_UNKNOWN

LEDGER_WIDTH = 10  # ledger.csv's columns; a diff line of another width is not a whole row


@dataclass(frozen=True)
class PublishedRow:
    values: tuple[str, ...]  # the row as first published, in the ledger's column order
    commit: str
    date: str  # ISO 8601 commit date


@dataclass(frozen=True)
class PublishedFile:
    blob: str  # git blob id of the first published content
    commit: str
    date: str


@dataclass(frozen=True)
class Record:
    """Per community id: each entry and each voucher as first published."""

    tracked: bool = False  # False outside a git checkout
    entries: dict[str, dict[str, PublishedRow]] = field(default_factory=dict)
    vouchers: dict[str, dict[str, PublishedFile]] = field(default_factory=dict)
    statements: dict[str, dict[str, str]] = field(default_factory=dict)  # month -> ISO date

    def months(self, community: str) -> dict[str, str]:
        """Month -> date (YYYY-MM-DD) its first entry or bank statement was published."""
        first = {month: day[:10] for month, day in self.statements.get(community, {}).items()}
        for row in self.entries.get(community, {}).values():
            month, day = row.values[1][:7], row.date[:10]
            if month not in first or day < first[month]:
                first[month] = day
        return first


def record(datasets: Path, ref: str = "HEAD", issues: list[Issue] | None = None) -> Record:
    """What the history of ``ref`` published: HEAD, or the branch the site is built from
    (a pull request is checked against its base, so its own commits are not yet public)."""
    top = git(datasets, "rev-parse", "--show-toplevel") if datasets.is_dir() else None
    if top is None:
        return Record()
    repo = Path(top.strip())
    if git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is None:
        if git(repo, "rev-parse", "--verify", "--quiet", "HEAD") is not None and issues is not None:
            issues.append(PUBLISHED_REF_UNKNOWN(Where(display_path(datasets)), ref=ref))
        return Record()  # a repository without commits has published nothing
    rel = datasets.resolve().relative_to(repo.resolve()).as_posix()
    prefix = f"{rel}/communities/" if rel != "." else "communities/"
    return Record(True, _entries(repo, ref, prefix), _vouchers(repo, ref, prefix),
                  _statements(repo, ref, prefix))


def _log(repo: Path, ref: str, pathspec: str,
         *options: str) -> Iterator[tuple[str, str, list[str]]]:
    """(commit, ISO date, lines) of each commit touching the paths, oldest first."""
    text = git(repo, "-c", "core.quotepath=off", "log", "--reverse", "--no-renames",
               "--format=%x01%H %cI", *options, ref, "--", f":(glob){pathspec}")
    for block in (text or "").split("\x01")[1:]:
        head, *lines = block.split("\n")
        commit, date = head.split(" ", 1)
        yield commit, date, lines


def _entries(repo: Path, ref: str, prefix: str) -> dict[str, dict[str, PublishedRow]]:
    found: dict[str, dict[str, PublishedRow]] = {}
    for commit, date, lines in _log(repo, ref, prefix + "*/ledger.csv", "-p", "--unified=0"):
        for community, line in _added_lines(lines, prefix):
            values = _row(line)
            if values is not None and values[0] != "entry_id":
                found.setdefault(community, {}).setdefault(
                    values[0], PublishedRow(values, commit, date))
    return found


def _statements(repo: Path, ref: str, prefix: str) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for _, date, lines in _log(repo, ref, prefix + "*/statements.csv", "-p", "--unified=0"):
        for community, line in _added_lines(lines, prefix):
            month = line.split(",", 1)[0].strip()
            if month != "month":
                found.setdefault(community, {}).setdefault(month, date)
    return found


def _added_lines(lines: list[str], prefix: str) -> Iterator[tuple[str, str]]:
    """(community id, text) of every line a commit's diff adds to a ledger."""
    community, in_hunk = "", False
    for line in lines:
        if line.startswith("diff --git "):
            in_hunk = False
        elif line.startswith("+++ "):
            community = line[4:].removeprefix("b/").removeprefix(prefix).split("/")[0]
        elif line.startswith("@@"):
            in_hunk = True
        elif in_hunk and line.startswith("+"):
            yield community, line[1:].rstrip("\r").lstrip("\ufeff")


def _row(line: str) -> tuple[str, ...] | None:
    try:
        cells = next(csv.reader([line], strict=True), [])
    except csv.Error:
        return None
    # A row with a line break inside a quoted cell shows as pieces: they are skipped.
    return tuple(c.strip() for c in cells) if len(cells) == LEDGER_WIDTH else None


def _vouchers(repo: Path, ref: str, prefix: str) -> dict[str, dict[str, PublishedFile]]:
    found: dict[str, dict[str, PublishedFile]] = {}
    for commit, date, lines in _log(repo, ref, prefix + "*/vouchers/**", "--raw", "--no-abbrev"):
        for line in lines:
            if not line.startswith(":"):
                continue
            meta, path = line.split("\t", 1)
            blob, status = meta.split()[3], meta.split()[4]
            community, _, inside = path.removeprefix(prefix).partition("/")
            if status == "A":
                found.setdefault(community, {}).setdefault(
                    inside, PublishedFile(blob, commit, date))
    return found


def blob_id(path: Path) -> str:
    """The id git gives a file's content, to compare a voucher with its published one."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
