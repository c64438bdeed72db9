"""What each publication added, read from the git history of the datasets.

A publication is a commit that changed the datasets. Comparing each changed file with
its previous version tells which ledger months, projects and standards it added. Dates
come from the commits, so the same history always gives the same page and feed.
Outside a git checkout there is no history, and the page says so.
"""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .personal import personal_numbers

KEEP = 100  # publications shown on the page and in the feed


@dataclass(frozen=True)
class Addition:
    kind: str  # "community" | "months" | "foundation-project" | "protection-project" | "standard"
    package: str  # community id, "foundation", "protection-fund" or "standards"
    keys: tuple[str, ...]  # months, project ids or codes, in order


@dataclass(frozen=True)
class Publication:
    commit: str
    date: str  # ISO 8601 commit date
    additions: tuple[Addition, ...]


def git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None


def publications(datasets: Path) -> tuple[Publication, ...]:
    top = git(datasets, "rev-parse", "--show-toplevel")
    if top is None or not datasets.is_dir():
        return ()
    repo = Path(top.strip())
    rel = datasets.resolve().relative_to(repo.resolve()).as_posix()
    log = git(repo, "log", "--reverse", "--format=%x01%H %cI", "--name-only", "--", rel)
    if not log:
        return ()
    known: dict[str, set[str]] = {}
    found = []
    for block in log.split("\x01")[1:]:
        head, *names = block.strip().splitlines()
        commit, date = head.split(" ", 1)
        additions = tuple(_additions(repo, rel, commit, sorted(n for n in names if n), known))
        if additions:
            found.append(Publication(commit, date, additions))
    return tuple(found[-KEEP:])


def _additions(repo: Path, rel: str, commit: str, names: list[str],
               known: dict[str, set[str]]) -> Iterator[Addition]:
    for name in names:
        target = _classify(name.removeprefix("" if rel == "." else f"{rel}/"))
        if target is None:
            continue
        kind, package, keys_of = target
        text = git(repo, "show", f"{commit}:{name}")
        keys = keys_of(text) if text is not None else []
        new = [k for k in keys if k not in known.get(name, set())]
        known[name] = set(keys)
        if new:
            yield Addition(kind, public(package), tuple(public(k) for k in new))


def public(key: str) -> str:
    """A key read from an old version as the site may show it: it was never checked, and
    what it held may since have been removed for being personal, so a personal number in
    it is masked (personal.py)."""
    for _, masked in personal_numbers(key):
        return masked
    return key


def _classify(path: str) -> tuple[str, str, Callable[[str], list[str]]] | None:
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "communities" and parts[2] == "ledger.csv":
        return "months", parts[1], lambda text: _column(text, "date", lambda v: v[:7])
    if len(parts) == 3 and parts[0] == "communities" and parts[2] == "datapackage.json":
        return "community", parts[1], lambda text: [parts[1]]
    tables = {"foundation/projects.csv": ("foundation-project", "foundation", "project_id"),
              "protection-fund/projects.csv": ("protection-project", "protection-fund",
                                               "project_id"),
              "standards/standards.csv": ("standard", "standards", "code")}
    if path in tables:
        kind, package, column = tables[path]
        return kind, package, lambda text: _column(text, column, lambda v: v)
    return None


def _column(text: str, name: str, key: Callable[[str], str]) -> list[str]:
    """Distinct values of one column, in order of appearance; unreadable rows are skipped."""
    seen: dict[str, None] = {}
    try:
        for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")):
            value = (row.get(name) or "").strip()
            if value:
                seen.setdefault(key(value), None)
    except csv.Error:
        return list(seen)
    return list(seen)
