"""Full texts of the standards: Markdown to sanitised HTML with linkable clauses.

Used by the rules (to report what the sanitiser removes and which codes a text cites)
and by the render stage (to show the text), so both see the same HTML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

CLAUSE = re.compile(r"^(\d+(?:\.\d+)*)\s+")
APPENDIX = re.compile(r"^附\s*录\s*([A-Z])")
DASHES = "—–-"
TAGS = {"h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "strong", "em",
        "b", "i", "u", "mark", "small", "code", "pre", "a", "br", "hr", "table", "thead", "tbody",
        "tr", "th", "td", "sup", "sub", "dl", "dt", "dd", "del"}
ATTRIBUTES = {"*": {"id"}, "a": {"href", "class"}, "th": {"align"}, "td": {"align"},
              "p": {"class"}, "ol": {"start"}}


@dataclass(frozen=True)
class Rendered:
    html: str  # sanitised
    toc: tuple[tuple[int, str, str], ...]  # (level, id, title) of h2 and h3
    removed: tuple[str, ...]  # what the sanitiser took out, for the maintainer


class _ClauseIds(Treeprocessor):
    """Give numbered clauses stable ids (c4.1.1) and make their numbers links to them."""

    def run(self, root: etree.Element) -> None:
        for title in root.findall("h1"):  # the page shows code and title itself
            root.remove(title)
        for element in root.iter():
            text = (element.text or "").strip()
            if element.tag in ("h2", "h3", "h4", "h5", "h6"):
                self._heading(element, text)
            elif element.tag == "p" and CLAUSE.match(text):
                self._paragraph(element, text)

    @staticmethod
    def _heading(element: etree.Element, text: str) -> None:
        clause, appendix = CLAUSE.match(text), APPENDIX.match(text)
        if clause:
            element.set("id", "c" + clause.group(1))
        elif appendix:
            element.set("id", "appendix-" + appendix.group(1).lower())

    @staticmethod
    def _paragraph(element: etree.Element, text: str) -> None:
        match = CLAUSE.match(text)
        assert match is not None
        anchor = "c" + match.group(1)
        element.set("id", anchor)
        element.set("class", "xy-clause")
        link = etree.Element("a", {"href": "#" + anchor, "class": "xy-clause-no"})
        link.text = match.group(1)
        link.tail = " " + text[match.end():]
        element.text = ""
        element.insert(0, link)


class _Clauses(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_ClauseIds(md), "xinyi_clauses", 10)


def render(text: str) -> Rendered:
    md = markdown.Markdown(extensions=[
        "tables", "sane_lists", _Clauses(),
        "toc",
    ], extension_configs={"tables": {"use_align_attribute": True},
                          "toc": {"slugify": _slug}})
    raw = md.convert(text)
    clean = nh3.clean(raw, tags=TAGS, attributes=ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"}, link_rel=None)
    tokens = getattr(md, "toc_tokens", [])
    toc = tuple((int(str(t["level"])), str(t["id"]), str(t["name"])) for t in _flatten(tokens)
                if t["level"] in (2, 3))
    return Rendered(clean, toc, tuple(sorted(_inventory(raw) - _inventory(clean))))


def _slug(value: str, separator: str) -> str:
    # No double quote, per cent sign or backslash in an id: the theme's scripts find the
    # heading of a contents link with decodeURIComponent and a [id="…"] selector, which
    # throw on them (a heading such as 占比 50% stopped the contents following the page).
    return re.sub(r"[\s]+", separator, re.sub(r'["%\\]', "", value.strip().lower()))


def _flatten(tokens: Iterable[dict[str, object]]) -> Iterable[dict[str, object]]:
    for token in tokens:
        yield token
        yield from _flatten(token["children"])  # type: ignore[arg-type]


class _Inventory(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items[f"<{tag}>"] += 1
        for name, value in attrs:
            shown = f' "{value}"' if name in ("href", "src") else ""
            self.items[f"<{tag} {name}{shown}>"] += 1

    def handle_comment(self, data: str) -> None:
        self.items["<!-- comment -->"] += 1


def _inventory(html: str) -> Counter[str]:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.items


def code_pattern(prefixes: Iterable[str]) -> re.Pattern[str]:
    """Codes such as XY/T 001—2024 with one of the catalogue's prefixes, any dash."""
    names = "|".join(sorted((re.escape(p) for p in set(prefixes)), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9/])({names}) ?(\d+(?:\.\d+)?)[{DASHES}](\d{{4}})(?!\d)")


def normalise(code: str) -> str:
    """One spelling per code: a space after the prefix and an em dash before the year."""
    match = re.match(rf"^(\S+) ?(\d+(?:\.\d+)?)[{DASHES}](\d{{4}})$", code.strip())
    return f"{match.group(1)} {match.group(2)}—{match.group(3)}" if match else code.strip()


def prefix(code: str) -> str:
    return code.split(" ", 1)[0]


def cited(text: str, pattern: re.Pattern[str]) -> list[tuple[str, int]]:
    """Every catalogue-style code in a text with its line number, in order."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for m in pattern.finditer(line):
            found.append((f"{m.group(1)} {m.group(2)}—{m.group(3)}", number))
    return found


_TEXT = re.compile(r"(<a\b[^>]*>.*?</a>|<[^>]+>)", re.S)


def link_codes(html: str, pattern: re.Pattern[str], urls: Mapping[str, str]) -> str:
    """Turn each cited catalogue code in the text (not inside a link) into a link."""
    parts = _TEXT.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = pattern.sub(lambda m: _code_link(m, urls), parts[i])
    return "".join(parts)


def _code_link(match: re.Match[str], urls: Mapping[str, str]) -> str:
    code = f"{match.group(1)} {match.group(2)}—{match.group(3)}"
    url = urls.get(code)
    return f'<a class="xy-std-ref" href="{url}">{match.group(0)}</a>' if url else match.group(0)
