"""The pages of the two other kinds of public money: the community foundation (社区基金会)
and the protection fund (社区保障资金), an overview each and a page per project, with the
reports, vouchers and evidence they link."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import urls
from ..vocabulary import label
from .charts import foundation_charts
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
        w.page(urls.foundation_project(p.p.project_id), "foundation_project.html", p.p.title,
               {"fv": fv, "pv": p})
    files = {p.report for p in fv.f.projects if p.report}
    files |= {d.voucher for d in fv.f.disbursements}
    for inside in sorted(files):
        w.copy(fv.f.path / inside, urls.foundation_file(inside))


def protection_pages(w: Writer) -> None:
    pv = w.portal.protection
    items = [(p.p.category, (p.place,), p.p.year, p.p.status) for p in (pv.projects if pv else ())]
    w.page(urls.protection(), "protection.html", pv.pf.title if pv else w.tr("社区保障资金"),
           {"pv": pv, "filters": project_filters(w, items)})
    if pv is None:
        return
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
    places = sorted({(p.id, p.name) for i in items for p in i[1]})
    return [
        ("category", w.tr("类别"),
         [(c, w.name(w.portal.project_categories[c])) for c in categories]),
        ("communities", w.tr("社区"), places),
        ("year", w.tr("年度"), [(str(y), str(y)) for y in sorted({i[2] for i in items})]),
        ("status", w.tr("状态"), [(s, label(s, "project-status", w.lang))
                                 for s in sorted({i[3] for i in items})]),
    ]
