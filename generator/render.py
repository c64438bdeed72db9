"""Stage 4, render: the portal model to page files, in memory.

Generated pages are HTML made by Jinja with autoescaping, so every dataset value is
text. They are handed to mkdocs with ``generated: true`` in their front matter, and
the portal's mkdocs hook skips Markdown for them: data is never read as Markdown,
and a long ledger costs milliseconds instead of a Markdown table parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import schemas, standard_text
from .issues import TYPES
from .model import CommunityView, Portal


@dataclass(frozen=True)
class RenderedPage:
    path: str  # inside the docs folder, e.g. communities/fenghuayuan/index.md
    title: str
    html: str

    def source(self) -> str:
        # Titles are HTML in mkdocs' themes: escape them here so that data stays text.
        meta = {"title": str(escape(self.title)), "generated": True, "toc": toc_of(self.html)}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
        return f"---\n{front}---\n{self.html}"


@dataclass(frozen=True)
class Asset:
    """A file copied from a package into the site, e.g. a voucher."""

    source: Any  # pathlib.Path
    target: str
    raw: bool = False  # copied into the built site as is, never read by mkdocs (e.g. .md)


HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def toc_of(html: str) -> list[list[object]]:
    """[level, id, title] of every h2 and h3 with an id, for the page's table of contents."""
    return [[int(level), anchor, re.sub(r"<[^>]+>", "", title).strip()]
            for level, anchor, title in HEADING.findall(html)]


def money(value: Decimal | int) -> str:
    return f"{Decimal(value):,.2f}"


def pct(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    text = f"{value * 100:.{digits}f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def month_zh(month: str) -> str:
    year, mon = month.split("-")
    return f"{year} 年 {int(mon)} 月"


STANDARD_STATUS_ZH = {"current": "现行", "superseded": "被代替", "withdrawn": "废止",
                      "draft": "征求意见稿"}
STATUS_ZH = {"planned": "计划中", "ongoing": "实施中", "completed": "已完成", "cancelled": "已取消"}
CHANNEL_ZH = {"bank": "银行转账", "online": "网络募捐", "onsite": "现场捐赠", "payroll": "单位代扣",
              "other": "其他"}


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(money=money, pct=pct, month_zh=month_zh, status_zh=STATUS_ZH.get,
                       channel_zh=CHANNEL_ZH.get, standard_status_zh=STANDARD_STATUS_ZH.get)
    env.globals.update(issue_types=TYPES)
    return env


def relative(from_page: str, to: str) -> str:
    """A link from one generated page to another path of the site (directory URLs)."""
    here = PurePosixPath(from_page).parent
    if PurePosixPath(from_page).name != "index.md":
        here = here / PurePosixPath(from_page).stem
    depth = len(here.parts)
    return "../" * depth + to


def render(portal: Portal) -> tuple[list[RenderedPage], list[Asset]]:
    env = environment()
    pages: list[RenderedPage] = []
    assets: list[Asset] = []
    page = _page_renderer(env, portal, pages)
    page("index.md", "home.html", "社区信义治理公开平台", {})
    page("communities/index.md", "communities.html", "小区共有资金", {})
    for view in portal.communities:
        _community_pages(page, view)
        assets.extend(_vouchers(view))
    for area in portal.neighbourhoods:
        page(f"communities/{area.code.id}/index.md", "neighbourhood.html", area.code.name_zh,
             {"n": area})
    _foundation_pages(page, portal, assets)
    _protection_pages(page, portal, assets)
    _standard_pages(page, portal, assets)
    page("maintainers/data-dictionary.md", "data_dictionary.html", "数据字典",
         {"tables": {t: schemas.field_docs(t) for t in schemas.TABLES},
          "package_schemas": {k: schemas.descriptor(k) for k in schemas.PACKAGES}})
    return pages, assets


def _foundation_pages(page: Any, portal: Portal, assets: list[Asset]) -> None:
    fv = portal.foundation
    page("foundation/index.md", "foundation.html", fv.f.title if fv else "社区基金会",
         {"fv": fv, "filters": project_filters(
             portal, [(p.p.category, p.places, p.p.start_date.year, p.p.status)
                      for p in (fv.projects if fv else ())])})
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
            ("category", "类别", [(code, portal.standard_categories[code].name_zh)
                                 for code, _ in cat.groups]),
            ("status", "状态", [(st, STANDARD_STATUS_ZH[st]) for st in STANDARD_STATUS_ZH
                                if any(v.s.status == st for v in cat.standards)]),
        ]
    page("standards/index.md", "catalogue.html", cat.std.title if cat else "社区信义治理标准",
         {"catalogue": cat, "filters": filters})
    if cat is None:
        return
    pattern = standard_text.code_pattern(standard_text.prefix(v.s.code) for v in cat.standards)
    urls = {standard_text.normalise(v.s.code): f"../{v.slug}/" for v in cat.standards}
    for v in cat.standards:
        text = standard_text.render(v.body)
        body = Markup(standard_text.link_codes(text.html, pattern, urls))  # sanitised by nh3
        page(f"standards/{v.slug}.md", "standard.html", f"{v.s.code} {v.s.title_zh}",
             {"catalogue": cat, "v": v, "body": body})
        assets.append(Asset(cat.std.path / v.s.body, f"standards/{v.slug}/{v.slug}.md", raw=True))
        if v.s.pdf:
            assets.append(Asset(cat.std.path / v.s.pdf, f"standards/{v.s.pdf}"))


Filter = tuple[str, str, list[tuple[str, str]]]


def project_filters(portal: Portal, items: list[tuple[str, Any, int, str]]) -> list[Filter]:
    """Options for the project table's filters: (field, label, [(value, text)])."""
    categories = sorted({i[0] for i in items})
    places = sorted({(p.id, p.name) for i in items for p in i[1]})
    return [
        ("category", "类别", [(c, portal.project_categories[c].name_zh) for c in categories]),
        ("communities", "社区", places),
        ("year", "年度", [(str(y), str(y)) for y in sorted({i[2] for i in items})]),
        ("status", "状态", [(s, STATUS_ZH[s]) for s in sorted({i[3] for i in items})]),
    ]


def _protection_pages(page: Any, portal: Portal, assets: list[Asset]) -> None:
    pv = portal.protection
    page("protection-fund/index.md", "protection.html", pv.pf.title if pv else "社区保障资金",
         {"pv": pv, "filters": project_filters(
             portal, [(p.p.category, (p.place,), p.p.year, p.p.status)
                      for p in (pv.projects if pv else ())])})
    if pv is None:
        return
    for p in pv.projects:
        page(f"protection-fund/projects/{p.p.project_id}.md", "protection_project.html",
             p.p.title, {"pv": pv, "pp": p})
    files = {s.document for s in pv.pf.steps if s.document}
    assets.extend(Asset(pv.pf.path / f, f"protection-fund/{f}") for f in sorted(files))


def _page_renderer(env: Environment, portal: Portal, pages: list[RenderedPage]) -> Any:
    def page(path: str, template: str, title: str, context: dict[str, Any]) -> None:
        def link(to: str) -> str:
            return relative(path, to)

        html = env.get_template(template).render(
            portal=portal, cat=portal.categories, link=link, title=title, **context)
        pages.append(RenderedPage(path, title, html))
    return page


def _community_pages(page: Any, view: CommunityView) -> None:
    base = f"communities/{view.c.id}"
    page(f"{base}/index.md", "community.html", view.c.title, {"v": view})
    page(f"{base}/ledger/index.md", "ledger_index.html", f"{view.c.title} 账目", {"v": view})
    for month in view.months:
        page(f"{base}/ledger/{month.month}.md", "ledger_month.html",
             f"{view.c.title} {month_zh(month.month)}账目", {"v": view, "m": month})


def _vouchers(view: CommunityView) -> list[Asset]:
    files = {e.voucher for e in view.c.entries if e.voucher}
    files |= {r.document for r in view.c.resolutions if r.document}
    files |= {s.document for s in view.c.statements if s.document}
    return [Asset(view.c.path / f, f"communities/{view.c.id}/{f}") for f in sorted(files)]
