"""Full texts of the standards: Markdown to sanitised HTML with linkable clauses.

Used by the rules (to report what the sanitiser removes and which codes a text cites)
and by the render stage (to show the text), so both see the same HTML.
"""

from __future__ import annotations

import html as html_module
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
# What a standard's text may hold, and nothing a text could use to reach the page's own
# elements or scripts: no id, class, style, name or event attribute, no form, image,
# frame or embedded content. The portal adds its own ids after sanitising (_anchors).
TAGS = {"h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "strong", "em",
        "b", "i", "u", "mark", "small", "code", "pre", "a", "br", "hr", "table", "thead", "tbody",
        "tr", "th", "td", "sup", "sub", "dl", "dt", "dd", "del"}
ATTRIBUTES = {"a": {"href"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}


@dataclass(frozen=True)
class Rendered:
    html: str  # sanitised, with the portal's anchors
    removed: tuple[str, ...]  # what the sanitiser took out, for the maintainer


class _NoTitle(Treeprocessor):
    """The page shows the standard's code and title itself: a text's own h1 goes."""

    def run(self, root: etree.Element) -> None:
        for title in root.findall("h1"):
            root.remove(title)


class _Text(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_NoTitle(md), "xinyi_no_title", 10)


def render(text: str) -> Rendered:
    """Markdown (no extension that reads files), sanitised with a strict allow-list; then
    the portal's anchors: clause ids (c4.1.1) with their numbers as links, and an id for
    every other heading made from its words, prefixed so that no text can name an element
    of the theme or of the portal's scripts."""
    md = markdown.Markdown(extensions=["tables", "sane_lists", _Text()],
                           extension_configs={"tables": {"use_align_attribute": True}})
    raw = md.convert(text)
    clean = nh3.clean(raw, tags=TAGS, attributes=ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"}, link_rel=None)
    return Rendered(_anchors(clean), tuple(sorted(_inventory(raw) - _inventory(clean))))


_HEADING = re.compile(r"<(h[2-6])>(.*?)</\1>", re.S)
_CLAUSE_P = re.compile(r"<p>(\d+(?:\.\d+)*)\s+")
_TAG = re.compile(r"<[^>]+>")


def _anchors(html: str) -> str:
    used: set[str] = set()

    def heading(match: re.Match[str]) -> str:
        tag, inner = match.groups()
        text = html_module.unescape(_TAG.sub("", inner)).strip()
        clause, appendix = CLAUSE.match(text), APPENDIX.match(text)
        anchor = "c" + clause.group(1) if clause else \
            "appendix-" + appendix.group(1).lower() if appendix else _unique(_slug(text), used)
        used.add(anchor)
        return f'<{tag} id="{anchor}">{inner}</{tag}>'

    def clause(match: re.Match[str]) -> str:
        number = match.group(1)
        return (f'<p class="xy-clause" id="c{number}"><a class="xy-clause-no" '
                f'href="#c{number}">{number}</a> ')

    return _CLAUSE_P.sub(clause, _HEADING.sub(heading, html))


def _slug(value: str) -> str:
    """A heading's words as an id: letters and digits of any script, joined by hyphens,
    after the prefix s- (the theme's and the scripts' ids never start with it)."""
    words = re.findall(r"\w+", value.lower())
    return "s-" + "-".join(words) if words else "s"


def _unique(anchor: str, used: set[str]) -> str:
    found, n = anchor, 1
    while found in used:
        found, n = f"{anchor}-{n}", n + 1
    return found


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
