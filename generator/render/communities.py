"""The pages of each community (小区): its overview, its ledger by month (which prints as the
notice-board statement), its whole-ledger search, its corrections, and the files they link;
and the pages of the neighbourhoods (社区) that hold communities or projects."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from .. import parallel, urls
from ..formats import month_label, size
from ..model import CommunityView, Portal
from ..model.community import Month
from ..records import Category, Entry
from .charts import community_charts
from .paging import MONTH_ROWS, pages
from .rows import entry_rows
from .writer import Part, Writer, compile_templates


def render_communities(portal: Portal, ledger_sizes: Mapping[str, int],
                       strict: bool = False, kept: Collection[str] = ()) -> dict[str, Part]:
    """The communities' pages in both languages, shared over the cores: they are most of a
    city's pages. A worker renders both languages of its communities, so that charts drawn
    for one language serve the other. ``kept``: communities whose files the previous site
    gives, not rendered."""
    views = [v for v in portal.communities if v.c.id not in kept]
    size_ = max(1, -(-len(views) // (parallel.workers() * 4)))
    chunks = [views[i:i + size_] for i in range(0, len(views), size_)]

    def job(index: int) -> dict[str, Part]:
        return {lang: community_part(portal, lang, strict, chunks[index], ledger_sizes)
                for lang in urls.LANGUAGES}

    compile_templates(strict)  # once, here: the workers inherit them
    done = parallel.fork_map(job, len(chunks), parallel=len(views) >= 8)
    return {lang: ([p for d in done for p in d[lang][0]], [a for d in done for a in d[lang][1]])
            for lang in urls.LANGUAGES}


def community_part(portal: Portal, lang: str, strict: bool, views: Sequence[CommunityView],
                   ledger_sizes: Mapping[str, int]) -> Part:
    """Each community's pages (overview, ledger, months) and files."""
    w = Writer(portal, lang, strict)
    for view in views:
        _community_pages(w, view)
        _files(w, view)
        _ledger_all(w, view, ledger_sizes.get(view.c.id, 0))
        if not w.english:
            _month_redirects(w, view)
        _former_names(w, view)
    return w.pages, w.assets


def neighbourhood_pages(w: Writer) -> None:
    for area in w.portal.neighbourhoods:
        w.page(urls.community(area.code.id), "neighbourhood.html", w.name(area.code),
               {"n": area})


def _community_pages(w: Writer, view: CommunityView) -> None:
    c = view.c
    w.page(urls.community(c.id), "community.html", c.title,
           {"v": view, "charts": community_charts(view, w.portal, w.lang)},
           version=view.version)
    # The ledger's month list, its query tool and its corrections (entries, like the
    # months') are kept out of the site-wide index with the months (README, Search): a
    # city has hundreds of each, and Pagefind's time goes with the pages. The community
    # page, which names and links its corrections, is indexed.
    w.page(urls.ledger(c.id), "ledger_index.html", w.tr("{title} 账目", title=c.title),
           {"v": view}, search=False, version=view.version)
    w.page(urls.corrections(c.id), "corrections.html", w.tr("{title} 更正记录", title=c.title),
           {"v": view, "parts": month_parts(view)}, search=False, version=view.version)
    if w.english:
        return  # months: the English ledger page (ledger_index.html); see _month_redirects
    # on the printed statement: a QR code leading to the community's page
    address = urls.absolute(w.portal.site_url, urls.community(c.id))
    qr = Markup(qr_svg(address)) if address else ""
    parts = month_parts(view)
    for month in view.months:
        _month_pages(w, view, month, parts, qr)


def month_parts(view: CommunityView) -> dict[str, int]:
    """The page of its month each entry of a month too long for one page is on (from 2;
    entries on a month's first page are not named)."""
    return {e.entry_id: i // MONTH_ROWS + 1 for m in view.months if len(m.entries) > MONTH_ROWS
            for i, e in enumerate(m.entries) if i >= MONTH_ROWS}


def _month_pages(w: Writer, view: CommunityView, month: Month, parts: Mapping[str, int],
                 qr: Markup | str) -> None:
    """A month's page, which prints as the notice-board statement; a month longer than
    MONTH_ROWS entries is shown a page of entries at a time, with the whole month on one
    more page to print (its notice page), so that a phone never loads the whole month."""
    c = view.c
    title = w.tr("{title} {month}账目", title=c.title, month=month_label(month.month, w.lang))
    listed = pages(month.entries, MONTH_ROWS, partial(urls.month_part, c.id, month.month),
                   _day)
    for part in listed:
        rows = entry_rows(part.rows, view.corrected_by, view.month_of, w.portal.categories,
                          w.tr, w.name, urls.month_links(c.id, month.month, part.number, parts),
                          view.entry_notes)
        w.page(part.addresses[part.number - 1], "ledger_month.html", title,
               {"v": view, "m": month, "rows": rows, "qr": qr, "part": part, "full": False},
               version=view.version,
               search=False)  # a city's months would be most of the index (README, Search)
    if len(listed) > 1:
        rows = entry_rows(month.entries, view.corrected_by, view.month_of,
                          w.portal.categories, w.tr, w.name,
                          urls.month_links(c.id, month.month, 0, parts), view.entry_notes)
        w.page(urls.month_notice(c.id, month.month), "ledger_month.html", title,
               {"v": view, "m": month, "rows": rows, "qr": qr,
                "part": pages(month.entries, len(month.entries),
                              lambda _: urls.month_notice(c.id, month.month), _day)[0],
                "full": True}, version=view.version, search=False)


def _day(e: Entry) -> str:
    return e.date.isoformat()


def _ledger_all(w: Writer, view: CommunityView, ledger_bytes: int) -> None:
    """The all-entries page, which holds no entry: it loads the community's open-data
    ledger.json on request (``ledger_bytes``), with the names and months it needs here."""
    w.page(urls.ledger_all(view.c.id), "ledger_all.html",
           w.tr("{title} 全部账目查询", title=view.c.title),
           {"v": view, "size": size(ledger_bytes), "meta": ledger_meta(view, w.portal.categories)},
           search=False, version=view.version)


def ledger_meta(view: CommunityView, categories: Mapping[str, Category]) -> dict[str, Any]:
    """What the all-entries page adds to the ledger's rows: the months, and the name of every
    category the ledger uses (the chart of accounts' order, then unknown codes as written)."""
    used = {e.category for e in view.c.entries}
    codes = [c for c in categories if c in used] + sorted(used - set(categories))
    # "parts": the page of its month an entry of a long month is on (from 2), for the
    # links to entries (ledger.js); a key only when some month is long
    parts = month_parts(view)
    return {"community": view.c.id, "months": [m.month for m in view.months],
            **({"parts": parts} if parts else {}),
            "categories": [{"code": c, "name_zh": categories[c].name_zh if c in categories
                            else c, "name_en": categories[c].name_en if c in categories else c}
                           for c in codes]}


def _files(w: Writer, view: CommunityView) -> None:
    """The vouchers and documents the community's pages link, published once, in the
    Chinese tree (English pages link there)."""
    c = view.c
    files = {e.voucher for e in c.entries if e.voucher}
    files |= {r.document for r in c.resolutions if r.document}
    files |= {s.document for s in c.statements if s.document}
    files |= {a.contract for a in c.assets if a.contract}  # the register's contracts
    for inside in sorted(files):
        w.copy(c.path / inside, urls.community_file(c.id, inside))


def _month_redirects(w: Writer, view: CommunityView) -> None:
    """Former addresses of a month: its notice-board statement (公示表), which is now the
    month page printed, and its English page, which is now a row of the English ledger
    page (a city's 36 English month pages a community were 150 MB of theme)."""
    c = view.c
    title = str(escape(c.title))
    merged = "公示表已并入每月收支页面，打印该页即为公示表："
    for m in view.months:
        zh = f"{title}{'（示例数据）' if c.sample else ''} {month_label(m.month)}收支"
        en = f"{title}{' (sample data)' if c.sample else ''}: ledger, " \
             f"{month_label(m.month, 'en')}"
        notice = urls.former_notice(c.id, m.month)
        printed = urls.month_notice(c.id, m.month) if len(m.entries) > MONTH_ROWS else \
            urls.month(c.id, m.month)  # a long month prints from its notice page
        w.write(urls.page_file(notice), _redirect("zh", urls.between(notice, printed), zh, merged))
        for page in _month_addresses(m):  # the language switch of each of its pages
            english = urls.in_language(page(c.id, m.month), "en")
            w.write(urls.page_file(english), _redirect(
                "en", urls.between(english,
                                   urls.in_language(urls.month_row(c.id, m.month), "en")),
                en, "Each month's figures are on the ledger page:"))


def _month_addresses(m: Month) -> list[Callable[[str, str], str]]:
    """The addresses of a month's pages, by community and month: a long month's parts and
    its notice page beside the month's own."""
    count = -(-len(m.entries) // MONTH_ROWS)
    if count <= 1:
        return [urls.month]
    return [urls.month_notice, *(partial(_part, n) for n in range(1, count + 1))]


def _part(n: int, community_id: str, month_: str) -> str:
    return urls.month_part(community_id, month_, n)


def _former_names(w: Writer, view: CommunityView) -> None:
    """A renamed community's former address leads to its page: links and QR codes already
    printed keep working."""
    c, lang = view.c, "en" if w.english else "zh"
    title = str(escape(c.title))
    why = "This community's page has moved:" if w.english else "本小区的页面已移至："
    for former in c.former:
        old, new = urls.community(former), urls.community(c.id)
        if w.english:
            old, new = urls.in_language(old, "en"), urls.in_language(new, "en")
        w.write(urls.page_file(old), _redirect(lang, urls.between(old, new), title, why))


def _redirect(lang: str, url: str, title: str, why: str) -> bytes:
    """A small page that leads on at once (``title`` is escaped HTML)."""
    html = (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{title}</title>\n"
            '<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={url}"></head>\n'
            f'<body><p>{why}\n<a href="{url}">{title}</a></p></body></html>\n')
    return html.encode("utf-8")


def qr_svg(url: str) -> str:
    """A QR code leading to a page, as inline SVG (segno; the address is data, escaped)."""
    import segno

    svg: str = segno.make(url, error="m").svg_inline(scale=4, border=2, title=url,
                                                       omitsize=True)  # a viewBox: scales
    return svg
