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
        return html
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
        return _GAP.sub("\n", output)
    return _GAP.sub("\n", output[:start]) + output[start:end] + _GAP.sub("\n", output[end:])


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
