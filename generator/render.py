"""Stage 4, render: the portal model to page files, in memory.

Generated pages are HTML made by Jinja with autoescaping, so every dataset value is
text. They are handed to mkdocs with ``generated: true`` in their front matter, and
the portal's mkdocs hook skips Markdown for them: data is never read as Markdown,
and a long ledger costs milliseconds instead of a Markdown table parse.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import domain, feed, i18n, opendata, parallel, schemas, standard_text
from .formats import money, month_label, month_short, pct, size
from .issues import TYPES
from .model import CommunityView, Portal
from .model.compare import compare
from .records import Category
from .render_charts import community_charts, foundation_charts, home_charts
from .rows import entry_rows
from .vocabulary import label


@dataclass(frozen=True)
class RenderedPage:
    path: str  # inside the docs folder, e.g. communities/fenghuayuan/index.md
    title: str
    html: str
    search: bool = True  # False: kept out of the search index (the search page, months)
    file: bool = False  # True: a data file written as is (e.g. JSON), not a page
    translated: bool = False  # the page exists in both languages (language switch)
    template: str = ""  # the Jinja template it came from: pages of one template share a shell
    version: str = ""  # a community's data version, shown instead of the site's (model)

    def source(self) -> str:
        if self.file:
            return self.html
        # Titles are HTML in mkdocs' themes: escape them here so that data stays text.
        meta: dict[str, object] = {"title": str(escape(self.title)), "generated": True,
                                   "toc": toc_of(self.html)}
        if not self.search:
            meta["search_exclude"] = True
        if self.translated:
            meta["translated"] = True
        if self.version:
            meta["data_version"] = self.version
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
        return f"---\n{front}---\n{self.html}"


@dataclass(frozen=True)
class Asset:
    """A file copied from a package into the site, e.g. a voucher; or, with ``data``,
    bytes the render stage made (the open-data downloads)."""

    source: Any  # pathlib.Path (None with data)
    target: str
    data: bytes | None = None  # written as is instead of copying source


HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def toc_of(html: str) -> list[list[object]]:
    """[level, id, title] of every h2 and h3 with an id, for the page's table of contents."""
    return [[int(level), anchor, re.sub(r"<[^>]+>", "", title).strip()]
            for level, anchor, title in HEADING.findall(html)]


@lru_cache(maxsize=4)
def environment(lang: str = "zh", strict: bool = False) -> Environment:
    """One environment per language, made once: compiling the templates takes about 0.4 s,
    and the communities' pages are rendered in many parts."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # tojson keeps Chinese text as UTF-8: \u escapes are three times the bytes, on every
    # English page and every all-entries page. It still escapes < > & ' (htmlsafe).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters.update(
        money=money, pct=pct, size=size,
        month_label=lambda month: month_label(month, lang),
        month_short=lambda month: month_short(month, lang),
        label=lambda code, kind: label(code, kind, lang))
    env.globals.update(issue_types=TYPES, lang=lang, _=i18n.translator(lang, strict),
                       name=i18n.name(lang), js_text=i18n.js_text(lang),
                       overrun=domain.overrun, stuck_days=domain.STUCK_DAYS)
    return env


def has_english(path: str) -> bool:
    """Pages also rendered in English: all but the maintainers' pages."""
    return not path.startswith("maintainers/")


def relative(from_page: str, to: str) -> str:
    """A link from one generated page to another path of the site (directory URLs)."""
    here = PurePosixPath(from_page).parent
    if PurePosixPath(from_page).name != "index.md":
        here = here / PurePosixPath(from_page).stem
    depth = len(here.parts)
    return "../" * depth + to


Part = tuple[list[RenderedPage], list[Asset]]


def render(portal: Portal, lang: str = "zh", strict: bool = False,
           communities: Part | None = None, downloads: opendata.OpenData | None = None) -> Part:
    """The pages of one language. Files from the packages are published with the Chinese
    pages only; English pages (under en/ in the site) link to them there. The
    communities' own pages may come ready-made from render_communities(), and the open
    data from opendata.build(), made once for both languages."""
    env = environment(lang, strict)
    pages: list[RenderedPage] = []
    assets: list[Asset] = []
    page = _page_renderer(env, portal, pages, lang)
    tr = page.tr
    page("index.md", "home.html", tr("社区信义治理公开平台"),
         {"charts": home_charts(portal, page.tr)})
    page("communities/index.md", "communities.html", tr("小区共有资金"), {})
    rows, used = compare(portal.communities)
    page("compare/index.md", "compare.html", tr("各小区对比"),
         {"rows": rows, "categories": used})
    downloads = downloads or opendata.build(portal)  # both languages list them
    own, files = communities or community_part(portal, lang, strict, portal.communities,
                                               downloads.ledger_sizes())
    pages.extend(own)
    assets.extend(files)
    for area in portal.neighbourhoods:
        page(f"communities/{area.code.id}/index.md", "neighbourhood.html",
             i18n.name(lang)(area.code), {"n": area})
    _foundation_pages(page, portal, assets)
    _protection_pages(page, portal, assets)
    _standard_pages(page, portal, assets)
    pages.append(RenderedPage("search/titles.json", "", titles_index(portal, lang), file=True))
    page("whatsnew/index.md", "whatsnew.html", tr("最新发布"),
         {"publications": [(p, feed.lines(portal, p)) for p in portal.publications]})
    page("data/index.md", "data.html", tr("开放数据"), {"od": downloads})
    # Written into the built site as they are: mkdocs need not copy a city's data again.
    assets.extend(Asset(None, f.path, data=f.data) for f in downloads.written())
    if lang == "en":
        page("search.md", "search.html", tr("搜索"), {}, search=False)
        return [p for p in pages if not p.file or p.path.startswith("search/")], []
    pages.append(RenderedPage("whatsnew/feed.xml", "", feed.atom(portal), file=True))
    page("maintainers/data-dictionary.md", "data_dictionary.html", "数据字典",
         {"tables": {t: schemas.field_docs(t) for t in schemas.TABLES},
          "package_schemas": {k: schemas.descriptor(k) for k in schemas.PACKAGES}})
    return pages, assets


def community_part(portal: Portal, lang: str, strict: bool, views: Sequence[CommunityView],
                   ledger_sizes: Mapping[str, int]) -> Part:
    """Each community's pages (overview, ledger, months) and files."""
    pages: list[RenderedPage] = []
    assets: list[Asset] = []
    page = _page_renderer(environment(lang, strict), portal, pages, lang)
    for view in views:
        _community_pages(page, view, portal)
        assets.extend(_vouchers(view))
        _ledger_all(page, view, portal.categories, ledger_sizes.get(view.c.id, 0))
        if lang == "zh":
            assets.extend(_month_redirects(view))
    return pages, assets


def render_communities(portal: Portal, ledger_sizes: Mapping[str, int],
                       strict: bool = False, kept: Collection[str] = ()) -> dict[str, Part]:
    """The communities' pages in both languages, shared over the cores: they are most of a
    city's pages. A worker renders both languages of its communities, so that charts drawn
    for one language serve the other. ``kept``: communities whose files the previous site
    gives (reuse.py), not rendered."""
    views = [v for v in portal.communities if v.c.id not in kept]
    size = max(1, -(-len(views) // (parallel.workers() * 4)))
    chunks = [views[i:i + size] for i in range(0, len(views), size)]

    def job(index: int) -> dict[str, Part]:
        return {lang: community_part(portal, lang, strict, chunks[index], ledger_sizes)
                for lang in ("zh", "en")}

    for lang in ("zh", "en"):  # compiled once, here: the workers inherit them
        env = environment(lang, strict)
        for name in env.list_templates():
            env.get_template(name)
    done = parallel.fork_map(job, len(chunks), parallel=len(views) >= 8)
    return {lang: ([p for d in done for p in d[lang][0]], [a for d in done for a in d[lang][1]])
            for lang in ("zh", "en")}


def _foundation_pages(page: Any, portal: Portal, assets: list[Asset]) -> None:
    fv = portal.foundation
    page("foundation/index.md", "foundation.html", fv.f.title if fv else page.tr("社区基金会"),
         {"fv": fv, "charts": foundation_charts(fv, page.tr), "filters": project_filters(
             portal, [(p.p.category, p.places, p.p.start_date.year, p.p.status)
                      for p in (fv.projects if fv else ())], page.lang)})
    if fv is None:
        return
    for p in fv.projects:
        page(f"foundation/projects/{p.p.project_id}.md", "foundation_project.html", p.p.title,
             {"fv": fv, "pv": p})
    files = {p.report for p in fv.f.projects if p.report}
    files |= {d.voucher for d in fv.f.disbursements}
    assets.extend(Asset(fv.f.path / f, f"foundation/{f}") for f in sorted(files))


def _standard_pages(page: Any, portal: Portal, assets: list[Asset]) -> None:
    cat = portal.catalogue
    filters: list[Filter] = []
    if cat is not None:
        filters = [
            ("category", page.tr("类别"), [(code, i18n.name(page.lang)(
                portal.standard_categories[code])) for code, _ in cat.groups]),
            ("status", page.tr("状态"), [(st, label(st, "standard-status", page.lang))
                                       for st in domain.STANDARD_STATUSES
                                       if any(v.s.status == st for v in cat.standards)]),
        ]
    page("standards/index.md", "catalogue.html",
         cat.std.title if cat else page.tr("社区信义治理标准"),
         {"catalogue": cat, "filters": filters})
    if cat is None:
        return
    pattern = standard_text.code_pattern(standard_text.prefix(v.s.code) for v in cat.standards)
    urls = {standard_text.normalise(v.s.code): f"../{v.slug}/" for v in cat.standards}
    for v in cat.standards:
        text = standard_text.render(v.body)
        body = Markup(standard_text.link_codes(text.html, pattern, urls))  # sanitised by nh3
        title = v.s.title_en if page.lang == "en" else v.s.title_zh
        page(f"standards/{v.slug}.md", "standard.html", f"{v.s.code} {title}",
             {"catalogue": cat, "v": v, "body": body})
        assets.append(Asset(cat.std.path / v.s.body, f"standards/{v.slug}/{v.slug}.md"))
        # Also where the catalogue's body column says, like the PDFs: the downloaded
        # standards.csv names its texts relative to the package's folder on the site.
        assets.append(Asset(cat.std.path / v.s.body, f"standards/{v.s.body}"))
        if v.s.pdf:
            assets.append(Asset(cat.std.path / v.s.pdf, f"standards/{v.s.pdf}"))


def titles_index(portal: Portal, lang: str = "zh") -> str:
    """The main pages by title, so that the search page can put a page named by the query
    first without fetching every result (search.js): {"types": [kind, …], "pages":
    [[title, url, index of its kind], …]}."""
    tr, name = i18n.translator(lang), i18n.name(lang)
    entries = [(v.c.title, f"communities/{v.c.id}/", tr("小区")) for v in portal.communities]
    entries += [(name(n.code), f"communities/{n.code.id}/", tr("社区"))
                for n in portal.neighbourhoods]
    if portal.foundation:
        entries += [(p.p.title, f"foundation/projects/{p.p.project_id}/", tr("社区基金会"))
                    for p in portal.foundation.projects]
    if portal.protection:
        entries += [(p.p.title, f"protection-fund/projects/{p.p.project_id}/",
                     tr("社区保障资金")) for p in portal.protection.projects]
    if portal.catalogue:
        entries += [(f"{v.s.code} {v.s.title_en if lang == 'en' else v.s.title_zh}",
                     f"standards/{v.slug}/", tr("标准")) for v in portal.catalogue.standards]
    # Each kind named once: the search page fetches this whole file on a first search, and
    # a city has hundreds of communities and projects.
    types = sorted({k for _, _, k in entries})
    pages = [[t, u, types.index(k)] for t, u, k in sorted(entries, key=lambda e: e[1])]
    return json.dumps({"types": types, "pages": pages}, ensure_ascii=False,
                      separators=(",", ":")) + "\n"


def _month_redirects(view: CommunityView) -> list[Asset]:
    """Former addresses of a month: its notice-board statement (公示表), which is now the
    month page printed, and its English page, which is now a row of the English ledger
    page (a city's 36 English month pages a community were 150 MB of theme)."""
    title = str(escape(view.c.title))
    found = []
    for m in view.months:
        zh = f"{title}{'（示例数据）' if view.c.sample else ''} {month_label(m.month)}收支"
        en = f"{title}{' (sample data)' if view.c.sample else ''}: ledger, " \
             f"{month_label(m.month, 'en')}"
        merged = "公示表已并入每月收支页面，打印该页即为公示表："
        found += [
            _redirect(f"communities/{view.c.id}/notice/{m.month}/index.html", "zh",
                      f"../../ledger/{m.month}/", zh, merged),
            _redirect(f"en/communities/{view.c.id}/ledger/{m.month}/index.html", "en",
                      f"../#m{m.month}", en, "Each month's figures are on the ledger page:")]
    return found


def _redirect(path: str, lang: str, url: str, title: str, why: str) -> Asset:
    """A small page that leads on at once (``title`` is escaped HTML)."""
    html = (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{title}</title>\n"
            '<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={url}"></head>\n'
            f'<body><p>{why}\n<a href="{url}">{title}</a></p></body></html>\n')
    return Asset(None, path, data=html.encode("utf-8"))


def qr_svg(url: str) -> str:
    """A QR code leading to a page, as inline SVG (segno; the address is data, escaped)."""
    import segno

    svg: str = segno.make(url, error="m").svg_inline(scale=4, border=2, title=url,
                                                       omitsize=True)  # a viewBox: scales
    return svg


Filter = tuple[str, str, list[tuple[str, str]]]


def project_filters(portal: Portal, items: list[tuple[str, Any, int, str]],
                    lang: str = "zh") -> list[Filter]:
    """Options for the project table's filters: (field, label, [(value, text)])."""
    tr, name = i18n.translator(lang), i18n.name(lang)
    categories = sorted({i[0] for i in items})
    places = sorted({(p.id, p.name) for i in items for p in i[1]})
    return [
        ("category", tr("类别"), [(c, name(portal.project_categories[c])) for c in categories]),
        ("communities", tr("社区"), places),
        ("year", tr("年度"), [(str(y), str(y)) for y in sorted({i[2] for i in items})]),
        ("status", tr("状态"), [(s, label(s, "project-status", lang))
                               for s in sorted({i[3] for i in items})]),
    ]


def _protection_pages(page: Any, portal: Portal, assets: list[Asset]) -> None:
    pv = portal.protection
    page("protection-fund/index.md", "protection.html",
         pv.pf.title if pv else page.tr("社区保障资金"),
         {"pv": pv, "filters": project_filters(
             portal, [(p.p.category, (p.place,), p.p.year, p.p.status)
                      for p in (pv.projects if pv else ())], page.lang)})
    if pv is None:
        return
    for p in pv.projects:
        page(f"protection-fund/projects/{p.p.project_id}.md", "protection_project.html",
             p.p.title, {"pv": pv, "pp": p})
    files = {s.document for s in pv.pf.steps if s.document}
    assets.extend(Asset(pv.pf.path / f, f"protection-fund/{f}") for f in sorted(files))


def _page_renderer(env: Environment, portal: Portal, pages: list[RenderedPage],
                   lang: str = "zh") -> Any:
    up = "../" if lang == "en" else ""  # English pages sit one folder deeper, under en/

    def page(path: str, template: str, title: str, context: dict[str, Any],
             search: bool = True, version: str = "") -> None:
        if lang == "en" and not has_english(path):
            return

        def link(to: str) -> str:
            return relative(path, to)

        def asset(to: str) -> str:
            return up + relative(path, to)

        html = env.get_template(template).render(
            portal=portal, cat=portal.categories, link=link, asset=asset, title=title,
            **context)
        pages.append(RenderedPage(path, title, html, search=search,
                                  translated=has_english(path), template=template,
                                  version=version))
    page.tr = i18n.translator(lang)  # type: ignore[attr-defined]
    page.lang = lang  # type: ignore[attr-defined]
    return page


def _community_pages(page: Any, view: CommunityView, portal: Portal) -> None:
    base = f"communities/{view.c.id}"
    page(f"{base}/index.md", "community.html", view.c.title,
         {"v": view, "charts": community_charts(view, portal, page.tr)}, version=view.version)
    # The ledger's month list, its query tool and its corrections (entries, like the
    # months') are kept out of the site-wide index with the months (README, Search): a
    # city has hundreds of each, and Pagefind's time goes with the pages. The community
    # page, which names and links its corrections, is indexed.
    page(f"{base}/ledger/index.md", "ledger_index.html",
         page.tr("{title} 账目", title=view.c.title), {"v": view}, search=False,
         version=view.version)
    page(f"{base}/corrections.md", "corrections.html",
         page.tr("{title} 更正记录", title=view.c.title), {"v": view}, search=False,
         version=view.version)
    qr = Markup(qr_svg(f"{portal.site_url}communities/{view.c.id}/")) if (
        portal.site_url and page.lang == "zh") else ""  # on the printed statement
    if page.lang == "en":
        return  # months: the English ledger page (ledger_index.html); see _month_redirects
    for month in view.months:
        # The package's files (vouchers) are two folders up.
        rows = entry_rows(month.entries, view.corrected_by, view.month_of, portal.categories,
                          page.tr, i18n.name(page.lang), "../", "../../", money)
        page(f"{base}/ledger/{month.month}.md", "ledger_month.html",
             page.tr("{title} {month}账目", title=view.c.title,
                     month=month_label(month.month, page.lang)),
             {"v": view, "m": month, "rows": rows, "qr": qr}, version=view.version,
             search=False)  # a city's months would be most of the index (README, Search)


def _ledger_all(page: Any, view: CommunityView, categories: Mapping[str, Category],
                ledger_bytes: int) -> None:
    """The all-entries page, which holds no entry: it loads the community's open-data
    ledger.json on request (``ledger_bytes``), with the names and months it needs here."""
    page(f"communities/{view.c.id}/ledger/all.md", "ledger_all.html",
         page.tr("{title} 全部账目查询", title=view.c.title),
         {"v": view, "size": size(ledger_bytes), "meta": ledger_meta(view, categories)},
         search=False, version=view.version)


def ledger_meta(view: CommunityView, categories: Mapping[str, Category]) -> dict[str, Any]:
    """What the all-entries page adds to the ledger's rows: the months, and the name of every
    category the ledger uses (the chart of accounts' order, then unknown codes as written)."""
    used = {e.category for e in view.c.entries}
    codes = [c for c in categories if c in used] + sorted(used - set(categories))
    return {"community": view.c.id, "months": [m.month for m in view.months],
            "categories": [{"code": c, "name_zh": categories[c].name_zh if c in categories
                            else c, "name_en": categories[c].name_en if c in categories else c}
                           for c in codes]}


def _vouchers(view: CommunityView) -> list[Asset]:
    files = {e.voucher for e in view.c.entries if e.voucher}
    files |= {r.document for r in view.c.resolutions if r.document}
    files |= {s.document for s in view.c.statements if s.document}
    return [Asset(view.c.path / f, f"communities/{view.c.id}/{f}") for f in sorted(files)]
