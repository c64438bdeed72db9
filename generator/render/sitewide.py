"""The pages about the whole portal: home, the list and comparison of communities, what's
new and its feed, the open-data page, search and its titles index, the data dictionary."""

from __future__ import annotations

import json

from .. import i18n, schemas, urls
from ..domain import RESOLUTION_KINDS, THREE_QUARTERS_KINDS
from ..law import SOURCES
from ..model import Portal
from ..model.compare import compare
from ..spreadsheet import template
from . import feed
from .charts import home_charts
from .opendata import OpenData
from .writer import Writer


def home_pages(w: Writer) -> None:
    w.page(urls.home(), "home.html", w.tr("社区信义治理公开平台"),
           {"charts": home_charts(w.portal, w.lang)})
    w.page(urls.communities(), "communities.html", w.tr("小区共有资金"), {})
    rows, used = compare(w.portal.communities)
    w.page(urls.compare(), "compare.html", w.tr("各小区对比"), {"rows": rows, "categories": used})


def publication_pages(w: Writer, downloads: OpenData) -> None:
    """The titles index, what's new and its feed, and the open data; the open-data files
    are written once, with the Chinese site."""
    w.file(urls.titles(), titles_index(w.portal, w.lang))
    w.page(urls.whatsnew(), "whatsnew.html", w.tr("最新发布"), {"publications": [
        (p, feed.lines(w.portal, p, w.lang)) for p in w.portal.publications]})
    w.file(urls.feed(), feed.atom(w.portal, w.lang))  # each language's page offers its own
    w.page(urls.data(), "data.html", w.tr("开放数据"), {"od": downloads})
    if w.english:
        return
    # Written into the built site as they are: mkdocs need not copy a city's data again.
    for address, data in downloads.written:
        w.write(address, data)


def chinese_only_pages(w: Writer) -> None:
    chart = tuple(w.portal.categories.values())
    for table in template.TABLES:  # the workbooks the data dictionary offers
        w.write(urls.table_template(table), template.workbook(table, chart))
    w.page(urls.data_dictionary(), "data_dictionary.html", "数据字典",
           {"tables": {t: schemas.field_docs(t) for t in schemas.TABLES},
            "package_schemas": {k: schemas.descriptor(k) for k in schemas.PACKAGES},
            "templates": template.TABLES, "law": SOURCES,
            "resolution_kinds": RESOLUTION_KINDS, "three_quarters": THREE_QUARTERS_KINDS})


def english_search_page(w: Writer) -> None:
    """The Chinese search page is hand-written (content/search.md)."""
    w.page(urls.search(), "search.html", w.tr("搜索"), {}, search=False)


def titles_index(portal: Portal, lang: str = "zh") -> str:
    """The main pages by title, so that the search page can put a page named by the query
    first without fetching every result (search.js): {"types": [kind, …], "pages":
    [[title, url, index of its kind], …]}."""
    tr, name = i18n.translator(lang), i18n.name(lang)
    entries = [(v.c.title, urls.community(v.c.id), tr("小区")) for v in portal.communities]
    entries += [(name(n.code), urls.community(n.code.id), tr("社区"))
                for n in portal.neighbourhoods]
    if portal.foundation:
        entries += [(p.p.title, urls.foundation_project(p.p.project_id), tr("社区基金会"))
                    for p in portal.foundation.projects]
    if portal.protection:
        entries += [(p.p.title, urls.protection_project(p.p.project_id), tr("社区保障资金"))
                    for p in portal.protection.projects]
    if portal.catalogue:
        entries += [(f"{v.s.code} {v.s.title_en if lang == 'en' else v.s.title_zh}",
                     urls.standard(v.s.code), tr("标准")) for v in portal.catalogue.standards]
    # Each kind named once: the search page fetches this whole file on a first search, and
    # a city has hundreds of communities and projects.
    types = sorted({k for _, _, k in entries})
    pages = [[t, u, types.index(k)] for t, u, k in sorted(entries, key=lambda e: e[1])]
    return json.dumps({"types": types, "pages": pages}, ensure_ascii=False,
                      separators=(",", ":")) + "\n"
