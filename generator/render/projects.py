"""The pages of the two other kinds of public money: the community foundation (社区基金会)
and the protection fund (社区保障资金), an overview each and a page per project, with the
reports, vouchers and evidence they link."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from .. import urls
from ..model.projects import FoundationProjectView, FoundationView, ProtectionProjectView
from ..records import Disbursement, Donation
from ..vocabulary import label
from .charts import foundation_charts
from .paging import PAGE_ROWS, pages
from .writer import Writer

Filter = tuple[str, str, list[tuple[str, str]]]


def foundation_pages(w: Writer) -> None:
    fv = w.portal.foundation
    items = [(p.p.category, p.places, p.p.start_date.year, p.p.status)
             for p in (fv.projects if fv else ())]
    w.page(urls.foundation(), "foundation.html", fv.f.title if fv else w.tr("社区基金会"),
           {"fv": fv, "charts": foundation_charts(fv, w.lang),
            "filters": project_filters(w, items)})
    if fv is None:
        return
    for p in fv.projects:
        _foundation_project(w, fv, p)
    files = {p.report for p in fv.f.projects if p.report}
    files |= {d.voucher for d in fv.f.disbursements}
    files |= {r.document for r in fv.f.reports if r.document}  # progress and final reports
    for inside in sorted(files):
        w.copy(fv.f.path / inside, urls.foundation_file(inside))


def _foundation_project(w: Writer, fv: FoundationView, p: FoundationProjectView) -> None:
    """A project's page with the first page of its donations and of its disbursements; a
    list longer than a page goes on at pages of its own (render/paging.py)."""
    pid = p.p.project_id
    gifts = pages(p.donations, PAGE_ROWS, partial(urls.foundation_donations, pid), _day)
    payments = pages(p.disbursements, PAGE_ROWS, partial(urls.foundation_disbursements, pid),
                     _day)
    w.page(urls.foundation_project(pid), "foundation_project.html", p.p.title,
           {"fv": fv, "pv": p, "gifts": gifts[0], "payments": payments[0]})
    for kind, more in (("gifts", gifts[1:]), ("payments", payments[1:])):
        for page in more:
            title = w.tr("{title}：定向捐赠，第 {n} 页" if kind == "gifts"
                         else "{title}：拨付，第 {n} 页", title=p.p.title, n=page.number)
            # kept out of the search index: a city's thousands of pages of gifts would
            # be most of it, and each gift's project page is indexed
            w.page(page.addresses[page.number - 1], "foundation_list.html", title,
                   {"fv": fv, "pv": p, "gifts": None, "payments": None, kind: page},
                   search=False)


def _day(row: Donation | Disbursement) -> str:
    return row.date.isoformat()


def _year(p: ProtectionProjectView) -> str:
    return str(p.p.year)


def protection_pages(w: Writer) -> None:
    pv = w.portal.protection
    items = [(p.p.category, (p.place,), p.p.year, p.p.status) for p in (pv.projects if pv else ())]
    listed = pages(pv.projects if pv else (), PAGE_ROWS, urls.protection_list, _year)
    w.page(urls.protection(), "protection.html", pv.pf.title if pv else w.tr("社区保障资金"),
           {"pv": pv, "filters": project_filters(w, items), "listed": listed[0]})
    if pv is None:
        return
    for page in listed[1:]:  # out of the search index, as each project's page is in it
        w.page(page.addresses[page.number - 1], "protection_list.html",
               w.tr("{title}：项目，第 {n} 页", title=pv.pf.title, n=page.number),
               {"pv": pv, "listed": page}, search=False)
    for p in pv.projects:
        w.page(urls.protection_project(p.p.project_id), "protection_project.html", p.p.title,
               {"pv": pv, "pp": p})
    for inside in sorted({s.document for s in pv.pf.steps if s.document}):
        w.copy(pv.pf.path / inside, urls.protection_file(inside))


def project_filters(w: Writer, items: Iterable[tuple[str, Any, int, str]]) -> list[Filter]:
    """Options for a project table's filters: (field, label, [(value, text)]), from each
    project's (category, places, year, status)."""
    items = list(items)
    categories = sorted({i[0] for i in items})
    places = sorted({(p.id, w.name(p)) for i in items for p in i[1]})
    return [
        ("category", w.tr("类别"),
         [(c, w.name(w.portal.project_categories[c])) for c in categories]),
        ("communities", w.tr("社区"), places),
        ("year", w.tr("年度"), [(str(y), str(y)) for y in sorted({i[2] for i in items})]),
        ("status", w.tr("状态"), [(s, label(s, "project-status", w.lang))
                                 for s in sorted({i[3] for i in items})]),
    ]
