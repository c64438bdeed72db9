"""mkdocs hooks for the portal.

A page with ``generated: true`` in its front matter already holds escaped HTML made
by the render stage: Markdown is skipped for it (data must never be read as
Markdown, and large ledgers would be slow to parse), and its table of contents
comes from the front matter. Under ``portal serve`` the hooks also re-render the
datasets before each rebuild and index the preview for search.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any

from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.hooks.portal")
_HTML: dict[str, str] = {}
_ID = re.compile(r'\sid="([^"]+)"')


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if page.meta.get("generated"):
        _HTML[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html: str, page: Any, **_: Any) -> str:
    generated = _HTML.pop(page.file.src_uri, None)
    if generated is None:
        return html
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


def _serving() -> dict[str, str] | None:
    value = os.environ.get("XINYI_PORTAL_SERVE")
    return json.loads(value) if value else None


def on_pre_build(config: Any, **_: Any) -> None:
    serving = _serving()
    if serving is None:
        return
    from generator.build import check
    from generator.config import BuildConfig
    from generator.model import build_model
    from generator.render import render
    from generator.site import stage_docs, sync_dir

    config = BuildConfig(datasets=Path(serving["datasets"]))
    validated = check(config)
    if not validated.report.valid:
        log.warning("the datasets have errors; showing the last valid version\n%s",
                    validated.report.to_text())
        return
    # Stage aside, then copy only what changed: rewriting unchanged files would wake
    # the watcher again and rebuild forever.
    fresh = Path(serving["docs"] + ".next")
    shutil.rmtree(fresh, ignore_errors=True)
    portal = build_model(validated, config.today, config.site_url)
    pages, assets = render(portal)
    stage_docs(Path(serving["content"]), pages, fresh, assets)
    sync_dir(fresh, Path(serving["docs"]))
    shutil.rmtree(fresh, ignore_errors=True)


def on_post_build(config: Any, **_: Any) -> None:
    if _serving() is None:
        return
    from generator.search import SearchIndexError, index_search

    try:
        index_search(Path(config["site_dir"]))
    except SearchIndexError as exc:
        log.warning("%s", exc)
