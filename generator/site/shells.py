"""Pages of one template built once by mkdocs, the rest spliced into that page's shell.

mkdocs renders the whole Material theme around every page, several milliseconds each:
with a city's ledgers (tens of thousands of month pages) that alone would take minutes.
Pages made from the same template, at the same depth, with the same table of contents,
flags and scripts (hooks.py), get the same surroundings from mkdocs, except for their
title and address.
So mkdocs builds one page of each such group (the shell) and every other page of the
group is that shell with its own body, title and address put in. tests/test_shells.py
builds a site both ways and requires the same bytes.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup, escape

from .. import urls
from ..errors import ShellError
from ..render import RenderedPage, toc_of
from .hooks import scripts_used


@dataclass(frozen=True)
class Plan:
    built: tuple[RenderedPage, ...]  # handed to mkdocs: hand-made pages and one per group
    spliced: dict[str, tuple[RenderedPage, ...]]  # shell page's path -> pages built from it


def plan(pages: Sequence[RenderedPage]) -> Plan:
    groups: dict[tuple[object, ...], list[RenderedPage]] = defaultdict(list)
    built: list[RenderedPage] = []
    for page in pages:
        if page.file or not page.template:
            built.append(page)
            continue
        depth = page.address.count("/")
        toc = tuple(tuple(e) for e in toc_of(page.html))
        groups[(page.template, depth, page.search, page.translated, bool(page.version),
                toc, scripts_used(page.html))].append(page)
    spliced = {}
    for members in groups.values():
        built.append(members[0])
        if len(members) > 1:
            spliced[members[0].path] = tuple(members[1:])
    return Plan(tuple(built), spliced)


def unindexed(plan: Plan, lang: str = "zh") -> set[str]:
    """The built pages of one language (files in the site) kept out of the search index."""
    pages = [*plan.built, *(p for members in plan.spliced.values() for p in members)]
    return {urls.page_file(p.address, lang) for p in pages if not p.file and not p.search}


def splice(site: Path, pages: Plan) -> None:
    by_path = {p.path: p for p in pages.built}
    for shell_path, members in pages.spliced.items():
        shell = by_path[shell_path]
        built = (site / urls.page_file(shell.address)).read_text(encoding="utf-8")
        head, found, tail = built.partition(shell.html)
        if not found:
            raise ShellError(f"{shell_path}: its body is not in the built page")
        for page in members:
            target = site / urls.page_file(page.address)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_fill(head, shell, page) + page.html + _fill(tail, shell, page),
                              encoding="utf-8")


def _fill(part: str, shell: RenderedPage, page: RenderedPage) -> str:
    for old, new in zip(_titles(shell.title), _titles(page.title), strict=True):
        part = part.replace(old, new)
    if shell.version:  # the footer's data version (theme/main.html)
        part = part.replace(f"<code>{shell.version}</code>", f"<code>{page.version}</code>")
    return part.replace(f'/{shell.address}"', f'/{page.address}"')


def _titles(title: str) -> tuple[str, str]:
    """The page title as the theme writes it: escaped, and in <title> with tags stripped."""
    shown = str(escape(title))
    return shown, str(escape(Markup(shown).striptags()))


def sitemap(site: Path, pages: Plan, day: date, kept: Collection[str] = ()) -> None:
    """mkdocs' sitemap lists the pages it built: add the spliced ones, and ``kept``, the
    addresses of pages kept from the previous site (units.KeptFiles). Without the site's address
    it lists nothing (as in mkdocs) and is left alone."""
    path = site / "sitemap.xml"
    known = re.findall(r"<loc>([^<]*)</loc>", path.read_text(encoding="utf-8"))
    if not known:
        return
    root = min(known, key=len)  # the home page: every other address extends it
    locs = sorted(set(known) | {root + p.address for members in pages.spliced.values()
                                for p in members} | {root + k for k in kept})
    body = "".join(f"    <url>\n         <loc>{loc}</loc>\n"
                   f"         <lastmod>{day.isoformat()}</lastmod>\n    </url>\n" for loc in locs)
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
           f'schemas/sitemap/0.9">\n{body}</urlset>')
    path.write_text(xml, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode(), mtime=0))
