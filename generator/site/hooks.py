"""mkdocs hooks for the portal.

A page with ``generated: true`` in its front matter already holds escaped HTML made
by the render stage: Markdown is skipped for it (data must never be read as
Markdown, and large ledgers would be slow to parse), and its table of contents
comes from the front matter. The page carries its HTML from one hook to the next.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.structure.toc import get_toc

from generator.render import tables

GENERATED = "portal_html"  # the page's attribute holding its HTML between the two hooks
_ID = re.compile(r'\sid="([^"]+)"')


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if page.meta.get("generated"):
        setattr(page, GENERATED, markdown)
        return ""
    return markdown


def on_page_content(html: str, page: Any, **_: Any) -> str:
    generated = getattr(page, GENERATED, None)
    if generated is None:
        # A hand-written page's tables fit a phone as the generated pages' do.
        return tables.fit(html)
    delattr(page, GENERATED)
    page.toc = get_toc(_nested(page.meta.get("toc", [])))  # type: ignore[arg-type]
    # mkdocs checks links to anchors against the ids it saw while parsing Markdown.
    page.present_anchor_ids = set(_ID.findall(generated))
    return generated


_GAP = re.compile(r"\s*\n\s*")


def on_post_page(output: str, page: Any, **_: Any) -> str:
    """The theme's indentation and blank lines, a run of whitespace with a line break
    becoming one line break, around the page's article: about 3 KB a page, a city's site
    holds tens of thousands of pages. The article, which may hold <pre>, is kept as is;
    what is removed never shows (HTML collapses whitespace outside <pre>)."""
    start, end = output.find("<article"), output.rfind("</article>")
    if start < 0 or end < start:
        return finish(_GAP.sub("\n", output))
    return finish(_GAP.sub("\n", output[:start]) + output[start:end]
                  + _GAP.sub("\n", output[end:]))


# The portal's scripts that work on one kind of page, and what on a page they work on
# (a class or attribute the page templates write): other pages do not load them.
SCRIPTS = {
    "ledger.js": re.compile(r'class="(?:[^"]* )?xy-(?:filter|ledger-all)[" ]'),
    # the all-entries page writes its voucher links once its entries are loaded
    "vouchers.js": re.compile(r'class="(?:[^"]* )?xy-(?:voucher|ledger-all)[" ]'),
    "fee.js": re.compile(r"<[^<>]*\sdata-fee[\s>]"),
}
_SCRIPT = re.compile(r'<script src="(?:[^"]*/)?assets/xinyi/([\w.-]+\.js)"[^>]*></script>\n?')
# The theme's table-of-contents title is a <label> for the checkbox __toc that the theme
# writes only into the navigation's entry of the page: pages not in the navigation
# would hold a label for nothing (an error in HTML).
_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)


def scripts_used(html: str) -> tuple[str, ...]:
    """The page-specific scripts a page's body has a use for."""
    return tuple(name for name, used in SCRIPTS.items() if used.search(html))


def finish(output: str) -> str:
    """A whole page as built: without the scripts it has no use for, and with the
    table-of-contents title a label only where the page has what it labels. Spliced pages
    get it from their shell: shells.py groups pages by the scripts they need."""
    def needed(match: re.Match[str]) -> str:
        used = SCRIPTS.get(match.group(1))
        return match.group(0) if used is None or used.search(output) else ""

    output = _SCRIPT.sub(needed, output)
    if 'id="__toc"' not in output:
        output = _TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', output)
    return output


def _nested(entries: list[list[Any]]) -> list[dict[str, Any]]:
    """[level, id, title] entries (levels 2 and 3) as mkdocs' nested toc tokens."""
    tokens: list[dict[str, Any]] = []
    for level, anchor, title in entries:
        token = {"level": level, "id": anchor, "name": title, "children": []}
        if level > 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
