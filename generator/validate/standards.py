"""Rules for the standards catalogue and the full texts it points to."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

from .. import standard_text
from ..derivatives import DEFAULT_MAX_BYTES
from ..domain import slug
from ..issues import STANDARD_BODY, STANDARD_PDF, Issue, Where, display_path, raises
from ..issues import standards as found
from ..issues.cells import CELL_HIDDEN_CHARACTER
from ..records import Standard, Standards
from .common import attached_file
from .files import MARKDOWN, PDF
from .text import PERSONAL, hidden, personal_issue, personal_numbers


@raises(found.STANDARD_CATEGORY_UNKNOWN, found.STANDARD_DATES_REVERSED, STANDARD_BODY,
        STANDARD_PDF, found.STANDARD_SUPERSEDES_UNKNOWN, found.STANDARD_SUPERSEDES_STATUS,
        found.STANDARD_SUPERSEDED_WITHOUT_SUCCESSOR, found.STANDARD_SLUG_COLLISION)
def check(s: Standards, categories: Collection[str],
          max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    where = s.where["standards"]
    codes = {standard_text.normalise(x.code): x for x in s.standards}
    for x in s.standards:
        if x.category not in categories:
            yield found.STANDARD_CATEGORY_UNKNOWN(where, x.row, "category", code=x.category)
        if x.effective < x.issued:
            yield found.STANDARD_DATES_REVERSED(where, x.row, "effective",
                                                effective=x.effective, issued=x.issued)
        yield from attached_file(s.path, x.body, "texts", STANDARD_BODY, where, x.row, "body",
                                 allowed=MARKDOWN)
        yield from attached_file(s.path, x.pdf, "pdfs", STANDARD_PDF, where, x.row, "pdf",
                                 allowed=PDF, max_bytes=max_bytes)
    yield from _succession(s, codes)
    yield from _slugs(s)


def _succession(s: Standards, codes: dict[str, Standard]) -> Iterator[Issue]:
    where = s.where["standards"]
    replaced = set()
    for x in s.standards:
        if not x.supersedes:
            continue
        old = codes.get(standard_text.normalise(x.supersedes))
        if old is None:
            yield found.STANDARD_SUPERSEDES_UNKNOWN(where, x.row, "supersedes", code=x.supersedes)
            continue
        replaced.add(old.code)
        if old.status != "superseded":
            yield found.STANDARD_SUPERSEDES_STATUS(where, old.row, "status", code=x.code,
                                                   old=old.code, status=old.status)
    for x in s.standards:
        if x.status == "superseded" and x.code not in replaced:
            yield found.STANDARD_SUPERSEDED_WITHOUT_SUCCESSOR(where, x.row, "status", code=x.code)


def _slugs(s: Standards) -> Iterator[Issue]:
    seen: dict[str, Standard] = {}
    for x in s.standards:
        first = seen.setdefault(slug(x.code), x)
        if first is not x:
            yield found.STANDARD_SLUG_COLLISION(s.where["standards"], x.row, "code", code=x.code,
                                                first=first.code, first_row=first.row,
                                                slug=slug(x.code))


@raises(found.STANDARD_REFERENCE_UNKNOWN, *PERSONAL, CELL_HIDDEN_CHARACTER,
        found.STANDARD_BODY_UNSAFE_HTML)
def check_texts(s: Standards) -> Iterator[Issue]:
    """Run once every body file is known to be readable: citations and unsafe HTML."""
    catalogue = {standard_text.normalise(x.code) for x in s.standards}
    pattern = standard_text.code_pattern(standard_text.prefix(c) for c in catalogue)
    for x in s.standards:
        text = s.bodies[x.code]
        where = Where(display_path(Path(s.path) / x.body), s.where["standards"].package)
        for code, line in standard_text.cited(text, pattern):
            if code not in catalogue:
                yield found.STANDARD_REFERENCE_UNKNOWN(where, line, code=x.code, cited=code)
        for number, content in enumerate(text.splitlines(), start=1):
            for kind, masked in personal_numbers(content):
                yield personal_issue(kind, masked, where, number, "text")
            yield from hidden(content, where, number, "text", tabs=True)
        removed = standard_text.render(text).removed
        if removed:
            yield found.STANDARD_BODY_UNSAFE_HTML(where, _first_line(text, removed), code=x.code,
                                                  removed=", ".join(removed))


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
