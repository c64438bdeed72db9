"""The charts each page shows (generator/charts.py draws them): a dict per page, None
where there is no data, with captions, headings and keys in the page's language."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .. import charts, i18n
from ..model import CommunityView, Portal
from ..model.projects import FoundationView

Charts = dict[str, charts.Chart | None]


def localised(chart: charts.Chart | None, lang: str) -> charts.Chart | None:
    """A chart's caption, column headings and key in the page's language: charts are
    drawn with Chinese text, the source language of the interface, and with axis units
    and dates in the page's language (the drawing functions' ``lang``)."""
    if chart is None or lang == "zh":
        return chart
    tr = i18n.translator(lang)
    return replace(chart, title=tr(chart.title), headers=tuple(tr(h) for h in chart.headers),
                   key=tuple((colour, tr(label)) for colour, label in chart.key))


@lru_cache(maxsize=1024)
def _drawn(kind: str, lang: str, *args: Any) -> charts.Chart:
    """Each chart drawn once per language and figures: a community's pages and the
    workers that render them may ask again."""
    draw: Any = {"monthly": charts.monthly_chart, "collection": charts.collection_chart}[kind]
    # a collection chart (rates and years) is the same in both languages
    return draw(*args, lang=lang) if kind == "monthly" else draw(*args)


def community_charts(view: CommunityView, portal: Portal, lang: str = "zh") -> Charts:
    months = view.months
    monthly = _drawn(
        "monthly", lang, "chart-months", "每月共有资金收入和支出", tuple(m.month for m in months),
        tuple(m.income for m in months), tuple(m.expense for m in months)) if months else None
    col = view.collection
    collection = _drawn(
        "collection", lang, "chart-collection", "物业费收缴率（按户）", tuple(y.year for y in col),
        tuple(y.households_billed for y in col), tuple(y.households_paid for y in col),
        view.c.profile.trust_since.year) if col else None
    found = {"budget": _budget_chart(view, portal, lang), "months": monthly,
             "collection": collection}
    return {k: localised(c, lang) for k, c in found.items()}


def _budget_chart(view: CommunityView, portal: Portal, lang: str) -> charts.Chart | None:
    """The latest budget year's expenses by category, largest budget first."""
    if not view.budgets:
        return None
    year = view.budgets[-1]
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    for r in (r for r in year.rows if r.direction == "expense"):
        budget, actual = totals.get(r.category, (Decimal(0), Decimal(0)))
        totals[r.category] = (budget + r.budget, actual + r.actual)
    name, tr = i18n.name(lang), i18n.translator(lang)
    rows = sorted(((name(portal.categories[c]), b, a) for c, (b, a) in totals.items()),
                  key=lambda row: (-row[1], row[0]))
    if year.unassigned_expense:
        rows.append((tr("未对应预算行的支出"), Decimal(0), year.unassigned_expense))
    if not rows:
        return None
    title = f"{year.year} " + tr("年支出：预算与实际（按科目）")
    return charts.budget_chart("chart-budget", title, [r[0] for r in rows],
                               [r[1] for r in rows], [r[2] for r in rows], lang)


def foundation_charts(fv: FoundationView | None, lang: str = "zh") -> Charts:
    years = fv.years if fv else ()
    return {"years": localised(charts.raised_spent_chart(
        "chart-foundation-years", "每年募集和拨付", [y.year for y in years],
        [y.raised for y in years], [y.spent for y in years], lang), lang) if years else None}


def home_charts(portal: Portal, lang: str = "zh") -> Charts:
    """Each community's latest collection rate (households), highest first: a rate compares
    communities of any size, where amounts would only compare their sizes."""
    latest = sorted(((v.c.title, v.collection[-1]) for v in portal.communities if v.collection),
                    key=lambda t: (-(t[1].household_rate or 0), t[0]))
    return {"collection": localised(charts.communities_collection_chart(
        "chart-communities-collection", "各小区最近一年物业费收缴率（按户）",
        [t for t, _ in latest], [y.year for _, y in latest],
        [y.households_billed for _, y in latest], [y.households_paid for _, y in latest]), lang)
        if latest else None}
