"""Rules for the standards catalogue and the full texts it points to."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

from .. import standard_text
from ..domain import slug
from ..issues import Issue, display_path
from ..records import Standard, Standards
from .common import attached_file
from .files import MARKDOWN, PDF
from .text import personal_issue, personal_numbers


def check(s: Standards, categories: Collection[str]) -> Iterator[Issue]:
    path = s.shown["standards"]
    codes = {standard_text.normalise(x.code): x for x in s.standards}
    for x in s.standards:
        if x.category not in categories:
            yield Issue("standard-category-unknown",
                        f'"{x.category}" is not in datasets/codelists/standard-categories.csv',
                        path, x.row, "category")
        if x.effective < x.issued:
            yield Issue("standard-dates-reversed",
                        f"effective {x.effective} is before issued {x.issued}", path, x.row,
                        "effective")
        yield from attached_file(s.path, x.body, "texts", "standard-body", path, x.row, "body",
                                 allowed=MARKDOWN)
        yield from attached_file(s.path, x.pdf, "pdfs", "standard-pdf", path, x.row, "pdf",
                                 allowed=PDF)
    yield from _succession(s, codes)
    yield from _slugs(s)


def _succession(s: Standards, codes: dict[str, Standard]) -> Iterator[Issue]:
    path = s.shown["standards"]
    replaced = set()
    for x in s.standards:
        if not x.supersedes:
            continue
        old = codes.get(standard_text.normalise(x.supersedes))
        if old is None:
            yield Issue("standard-supersedes-unknown",
                        f'"{x.supersedes}" is not in the catalogue', path, x.row, "supersedes")
            continue
        replaced.add(old.code)
        if old.status != "superseded":
            yield Issue("standard-supersedes-status",
                        f'{x.code} supersedes {old.code}, but {old.code} has status '
                        f'"{old.status}"; mark it "superseded"', path, old.row, "status")
    for x in s.standards:
        if x.status == "superseded" and x.code not in replaced:
            yield Issue("standard-superseded-without-successor",
                        f'{x.code} is marked "superseded" but no standard supersedes it', path,
                        x.row, "status")


def _slugs(s: Standards) -> Iterator[Issue]:
    seen: dict[str, Standard] = {}
    for x in s.standards:
        first = seen.setdefault(slug(x.code), x)
        if first is not x:
            yield Issue("standard-slug-collision",
                        f'"{x.code}" and "{first.code}" (row {first.row}) would share the page '
                        f'"{slug(x.code)}"', s.shown["standards"], x.row, "code")


def check_texts(s: Standards) -> Iterator[Issue]:
    """Run once every body file is known to be readable: citations and unsafe HTML."""
    catalogue = {standard_text.normalise(x.code) for x in s.standards}
    pattern = standard_text.code_pattern(standard_text.prefix(c) for c in catalogue)
    for x in s.standards:
        text = s.bodies[x.code]
        where = display_path(Path(s.path) / x.body)
        for code, line in standard_text.cited(text, pattern):
            if code not in catalogue:
                yield Issue("standard-reference-unknown",
                            f'{x.code} cites "{code}", which is not in the catalogue', where,
                            line)
        for number, content in enumerate(text.splitlines(), start=1):
            for code, masked in personal_numbers(content):
                yield personal_issue(code, masked, where, number, "text")
        removed = standard_text.render(text).removed
        if removed:
            yield Issue("standard-body-unsafe-html",
                        f"{x.code}: the sanitiser removed {', '.join(removed)}", where,
                        _first_line(text, removed))


def _first_line(text: str, removed: tuple[str, ...]) -> int | None:
    """The line of the first removed tag, so the maintainer finds it quickly."""
    tags = [r[1:].split(" ")[0].rstrip(">") for r in removed if r.startswith("<") and
            not r.startswith("<!")]
    for number, line in enumerate(text.splitlines(), start=1):
        lowered = line.lower()
        if any(f"<{tag}" in lowered for tag in tags) or "javascript:" in lowered \
                or "<!--" in line:
            return number
    return None
