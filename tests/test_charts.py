"""Charts: inline SVG drawn at build time. What each chart draws is read back from the SVG:
bars and lines by their ids, their sizes against the values and the axis labels. The tables
under the charts on the built minimal site are checked against figures computed here,
independently, from the fixture's CSV files."""

from __future__ import annotations

import csv
import html
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from generator import charts, formats

from .conftest import MINIMAL, REPO, compose, run

DEMO = MINIMAL / "communities" / "demo"
SVG_NS = "{http://www.w3.org/2000/svg}"
MONTHS = [f"{y}-{m:02d}" for y in (2021, 2022, 2023) for m in range(1, 13)]


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def ids(svg: str, prefix: str) -> list[str]:
    return re.findall(rf'id="({re.escape(prefix)}-\d+)"', svg)


def vertices(svg: str, gid: str) -> int:
    """Points of the line named gid."""
    line = re.search(rf'<polyline id="{re.escape(gid)}" points="([^"]+)"', svg)
    assert line, gid
    return len(line.group(1).split())


def tree(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(svg: str, prefix: str) -> list[dict[str, float]]:
    """x, y, width and height of the bars named prefix-0, prefix-1...; in that order."""
    found = {int(r.get("id", "")[len(prefix) + 1:]): r for r in tree(svg).iter(f"{SVG_NS}rect")
             if re.fullmatch(rf"{re.escape(prefix)}-\d+", r.get("id", ""))}
    assert sorted(found) == list(range(len(found))), prefix
    return [{k: float(found[i].get(k, "nan")) for k in ("x", "y", "width", "height")}
            for i in range(len(found))]


def fill(svg: str, gid: str) -> str | None:
    return next(e.get("fill") for e in tree(svg).iter() if e.get("id") == gid)


def texts(svg: str) -> list[tuple[float, float, str, str, float]]:
    """Every text as (x, y, text, anchor, font size); groups set the anchor and size."""
    root = tree(svg)
    found = []
    for group in root.iter(f"{SVG_NS}g"):
        for t in group.findall(f"{SVG_NS}text"):
            found.append((float(t.get("x", "nan")), float(t.get("y", "nan")), t.text or "",
                          group.get("text-anchor", "start"),
                          float(group.get("font-size") or root.get("font-size") or "nan")))
    assert len(found) == len(list(root.iter(f"{SVG_NS}text")))
    return found


def line_points(svg: str, gid: str) -> list[tuple[float, float]]:
    line = next(e for e in tree(svg).iter(f"{SVG_NS}polyline") if e.get("id") == gid)
    return [(float(x), float(y)) for x, y in
            (p.split(",") for p in (line.get("points") or "").split())]


def proportional(drawn: list[float], values: list[float]) -> None:
    """Lengths drawn for values share one scale, within the 0.1 point rounding."""
    top = max(range(len(values)), key=lambda i: abs(values[i]))
    unit = drawn[top] / values[top]
    for d, v in zip(drawn, values, strict=True):
        assert d == pytest.approx(v * unit, abs=0.15), (drawn, values)


def sample_budget() -> charts.Chart:
    return charts.budget_chart("c", "预算", ["保洁", "维修养护", "受托人酬金"],
                               [Decimal("36000"), Decimal("12000"), Decimal("19980")],
                               [Decimal("3000"), Decimal("14000"), Decimal("3105")])


def every_chart() -> list[charts.Chart]:
    return [
        sample_budget(),
        charts.monthly_chart("m", "月", MONTHS, [Decimal(9000 + i) for i in range(36)],
                             [Decimal(7000 + 50 * i) for i in range(36)]),
        charts.collection_chart("k", "收缴率", [2019, 2020, 2021], [100, 100, 100],
                                [73, 90, 98], 2020),
        charts.raised_spent_chart("f", "基金会", [2020, 2021], [Decimal("10000"),
                                  Decimal("23000")], [Decimal("0"), Decimal("17000")]),
        charts.communities_collection_chart("h", "各小区", ["风华苑", "水岸花园"], [2024, 2024],
                                            [439, 300], [437, 294]),
    ]


# What the SVG draws

def test_budget_chart_draws_a_budget_and_an_actual_bar_per_category() -> None:
    chart = sample_budget()
    assert ids(chart.svg, "c-budget") == ["c-budget-0", "c-budget-1", "c-budget-2"]
    assert ids(chart.svg, "c-actual") == ["c-actual-0", "c-actual-1", "c-actual-2"]
    assert chart.rows == (("保洁", "36,000.00", "3,000.00", "8.3%"),
                          ("维修养护", "12,000.00", "14,000.00", "116.7%"),
                          ("受托人酬金", "19,980.00", "3,105.00", "15.5%"))
    # 维修养护 spent more than 110% of its budget: its bar is red and the key says why
    assert fill(chart.svg, "c-actual-1") == charts.COLOURS["over"]
    assert fill(chart.svg, "c-actual-0") == charts.COLOURS["actual"]
    assert (charts.COLOURS["over"], "超出预算 10% 以上") in chart.key
    assert ("end", "保洁") in [(a, t) for _, _, t, a, _ in texts(chart.svg)]
    under = charts.budget_chart("c", "预算", ["保洁"], [Decimal(10)], [Decimal(11)])
    assert fill(under.svg, "c-actual-0") == charts.COLOURS["actual"]
    assert [c for c, _ in under.key] == [charts.COLOURS["budget"], charts.COLOURS["actual"]]


def test_budget_bars_are_as_long_as_their_amounts_on_the_money_axis() -> None:
    chart = sample_budget()
    budget, actual = bars(chart.svg, "c-budget"), bars(chart.svg, "c-actual")
    # first label on top; every bar starts at zero, on the axis
    assert [b["y"] for b in budget] == sorted(b["y"] for b in budget)
    assert len({b["x"] for b in budget + actual}) == 1
    proportional([b["width"] for b in budget + actual],
                 [36000, 12000, 19980, 3000, 14000, 3105])
    # the axis labels, in 万元 as the axis says under them, stand where those amounts end
    labels = [(x, t) for x, _, t, a, _ in texts(chart.svg) if a == "middle"]
    assert [t for _, t in labels] == ["0", "1", "2", "3"]
    assert [t for _, _, t, a, _ in texts(chart.svg) if a == "end"][0] == "单位：万元"
    per_yuan = budget[0]["width"] / 36000
    for x, t in labels:
        amount = int(t) * 10000
        assert x == pytest.approx(budget[0]["x"] + amount * per_yuan, abs=0.15)
    # each row ends with its execution rate, written after the longer of its two bars
    ends = [(x, t) for x, _, t, a, _ in texts(chart.svg) if a == "start"]
    assert [t for _, t in ends] == ["8.3%", "116.7%", "15.5%"]
    for (x, _), b, a in zip(ends, budget, actual, strict=True):
        assert x > b["x"] + max(b["width"], a["width"])


def test_monthly_chart_draws_one_point_per_month_on_each_line() -> None:
    chart = charts.monthly_chart("m", "月", MONTHS[:5], [1, 2, 3, 4, 5], [5, 4, 3, 2, 1])
    assert vertices(chart.svg, "m-income") == 5
    assert vertices(chart.svg, "m-expense") == 5
    assert len(list(tree(chart.svg).iter(f"{SVG_NS}circle"))) == 10  # a dot per month
    assert chart.rows[0] == ("2021 年 1 月", "1.00", "5.00")
    # with 36 months, ticks fall on January and July only, and there are no dots
    chart = every_chart()[1]
    assert vertices(chart.svg, "m-income") == 36
    assert not list(tree(chart.svg).iter(f"{SVG_NS}circle"))
    assert re.findall(r">(20\d\d\.\d+)</text>", chart.svg) == [
        "2021.1", "2021.7", "2022.1", "2022.7", "2023.1", "2023.7"]
    points = line_points(chart.svg, "m-income")
    ticks = [x for x, _, t, _, _ in texts(chart.svg) if t.startswith("20")]
    assert ticks == [points[i][0] for i in range(0, 36, 6)]


def test_monthly_lines_rise_with_the_amounts_on_the_money_axis() -> None:
    income, expense = [1200, 0, 3100, 2500], [800, 2000, 0, 3000]
    chart = charts.monthly_chart("m", "月", MONTHS[:4], income, expense)
    marks = [(y, t) for _, y, t, a, _ in texts(chart.svg) if a == "end"]
    assert [t for _, t in marks] == ["0", "1,000", "2,000", "3,000"]  # under 1万: yuan
    assert unit_of(chart.svg) == "单位：元"
    size = float(tree(chart.svg).get("font-size") or "nan")
    baseline = marks[0][0] - 0.35 * size  # labels are centred on their value
    for name, values in (("income", income), ("expense", expense)):
        points = line_points(chart.svg, f"m-{name}")
        assert [x for x, _ in points] == sorted(x for x, _ in points)
        proportional([baseline - y for _, y in points], values)
    per_yuan = (baseline - line_points(chart.svg, "m-income")[2][1]) / 3100
    for y, t in marks:
        assert y - 0.35 * size == pytest.approx(baseline - int(t.replace(",", "")) * per_yuan,
                                                abs=0.2)


def unit_of(svg: str) -> str:
    """The unit written above a value axis on the left (the chart's only text at x=2)."""
    return next(t for x, _, t, a, _ in texts(svg) if a == "start" and x == 2)


@pytest.mark.parametrize(("top", "labels", "unit"), [
    (82000, ["0", "2.5", "5", "7.5"], "单位：万元"),
    (178000, ["0", "5", "10", "15"], "单位：万元"),
    (9035, ["0", "2,500", "5,000", "7,500"], "单位：元"),
    (10000, ["0", "0.5", "1"], "单位：万元"),
    (3, ["0", "1", "2", "3"], "单位：元"),
    (12_000_000, ["0", "500", "1,000"], "单位：万元"),
    (365_000_000, ["0", "1", "2", "3"], "单位：亿元"),
    (4_800_000_000, ["0", "20", "40"], "单位：亿元"),
])
def test_money_axis_has_at_most_five_round_ticks(top: int, labels: list[str], unit: str) -> None:
    chart = charts.monthly_chart("m", "月", MONTHS[:2], [top, 0], [0, 1])
    assert [t for _, _, t, a, _ in texts(chart.svg) if a == "end"] == labels
    assert unit_of(chart.svg) == unit


@pytest.mark.parametrize(("top", "labels", "unit"), [
    (900, ["0", "250", "500", "750"], "yuan"),
    (9035, ["0", "2.5", "5", "7.5"], "thousand yuan"),
    (178000, ["0", "50", "100", "150"], "thousand yuan"),
    (12_000_000, ["0", "5", "10"], "million yuan"),
    (365_000_000, ["0", "100", "200", "300"], "million yuan"),
    (4_800_000_000, ["0", "2", "4"], "billion yuan"),
])
def test_english_money_axis_counts_in_thousands_millions_and_billions(
        top: int, labels: list[str], unit: str) -> None:
    chart = charts.monthly_chart("m", "Months", MONTHS[:2], [top, 0], [0, 1], lang="en")
    assert [t for _, _, t, a, _ in texts(chart.svg) if a == "end"] == labels
    assert unit_of(chart.svg) == unit
    assert chart.rows[0][0] == "January 2021"


def test_real_scale_amounts_read_as_plain_figures_in_both_languages() -> None:
    """A city's hundreds of millions: no exponent (1e+07), nothing but digits, separators
    and a point in the figures, and every label inside the chart."""
    amounts = [Decimal("350000000"), Decimal("120000000.50"), Decimal("98765432.10")]
    for lang in ("zh", "en"):
        drawn = [charts.budget_chart("c", "", ["甲", "乙", "丙"], amounts, amounts[::-1],
                                     lang),
                 charts.monthly_chart("m", "", MONTHS[:3], amounts, amounts[::-1], lang),
                 charts.raised_spent_chart("f", "", [2021, 2022, 2023], amounts,
                                           amounts[::-1], lang)]
        for chart in drawn:
            ticks = [t for _, _, t, a, _ in texts(chart.svg)
                     if re.fullmatch(r"[\d,.]+", t)]
            assert len(ticks) >= 3 and "e+" not in chart.svg, (lang, ticks)
            assert_text_fits(chart.svg)
    zh = charts.budget_chart("c", "", ["甲"], amounts[:1], amounts[:1])
    en = charts.budget_chart("c", "", ["甲"], amounts[:1], amounts[:1], "en")
    assert [t for _, _, t, a, _ in texts(zh.svg) if a == "middle"] == ["0", "1", "2", "3"]
    assert [t for _, _, t, a, _ in texts(en.svg) if a == "middle"] == ["0", "100", "200", "300"]
    assert "单位：亿元" in zh.svg and "million yuan" in en.svg


def test_raised_and_spent_bars_stand_side_by_side_at_their_year() -> None:
    chart = charts.raised_spent_chart("f", "基金会", [2020, 2021, 2022],
                                      [Decimal(10000), Decimal(23000), Decimal(0)],
                                      [Decimal(0), Decimal(17000), Decimal(40000)])
    raised, spent = bars(chart.svg, "f-raised"), bars(chart.svg, "f-spent")
    proportional([b["height"] for b in raised + spent], [10000, 23000, 0, 0, 17000, 40000])
    years = [(x, t) for x, _, t, a, _ in texts(chart.svg) if a == "middle"]
    assert [t for _, t in years] == ["2020", "2021", "2022"]
    for (x, _), r, s in zip(years, raised, spent, strict=True):
        assert r["x"] + r["width"] == pytest.approx(x, abs=0.15) == s["x"]
    assert fill(chart.svg, "f-raised-0") == charts.COLOURS["income"]
    assert fill(chart.svg, "f-spent-0") == charts.COLOURS["expense"]
    assert [t for _, _, t, a, _ in texts(chart.svg) if a == "end"] == ["0", "2", "4"]
    assert unit_of(chart.svg) == "单位：万元"


def test_year_labels_thin_out_past_six_years() -> None:
    years = list(range(2013, 2026))
    chart = charts.raised_spent_chart("f", "", years, [1] * 13, [1] * 13)
    shown = [t for _, _, t, a, _ in texts(chart.svg) if a == "middle"]
    assert shown == ["2013", "2016", "2019", "2022", "2025"]


def test_collection_chart_marks_years_before_the_trust() -> None:
    chart = charts.collection_chart("k", "收缴率", [2019, 2020], [100, 100], [73, 98], 2020)
    assert fill(chart.svg, "k-rate-0") == charts.COLOURS["before"]
    assert fill(chart.svg, "k-rate-1") == charts.COLOURS["actual"]
    assert [label for _, label in chart.key] == ["实行信托制前", "实行信托制后"]
    no_before = charts.collection_chart("k", "收缴率", [2021], [100], [98], 2020)
    assert no_before.key == ()


# What the SVG is

def test_same_numbers_give_the_same_bytes_in_another_process() -> None:
    here = [c.svg for c in every_chart()]
    assert here == [c.svg for c in every_chart()]
    script = ("import sys; from tests import test_charts as t; "
              "sys.stdout.write('\\0'.join(c.svg for c in t.every_chart()))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, check=True,
                           capture_output=True, text=True).stdout
    assert other.split("\0") == here


@pytest.mark.parametrize("index", range(5))
def test_svg_is_inline_ready_accessible_and_self_contained(index: int) -> None:
    chart = every_chart()[index]
    root = ET.fromstring(chart.svg)  # well-formed XML, no prologue, no comments
    assert chart.svg.startswith("<svg ") and "<!--" not in chart.svg
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img" and root.get("aria-labelledby") == f"{chart.id}-title"
    assert root.get("viewBox") and root.get("width") is None and root.get("height") is None
    assert "Noto Sans CJK SC" in (root.get("font-family") or "")
    assert re.findall(r"https?://[^\"')\s]*", chart.svg) == ["http://www.w3.org/2000/svg"]
    assert "<metadata" not in chart.svg and "<style" not in chart.svg
    assert "<image" not in chart.svg and "@font-face" not in chart.svg
    numbers = re.findall(r'(?:[ ,]|")(-?\d+\.\d+)', chart.svg)
    assert numbers and not [n for n in numbers if len(n.split(".")[1]) > 1]  # 0.1 point
    # every id is the chart's own, and every reference points inside the chart
    assert all(i.startswith(f"{chart.id}-") for i in re.findall(r' id="([^"]+)"', chart.svg))
    for ref in re.findall(r'(?:url\(#|href="#)([^)"]+)', chart.svg):
        assert f'id="{ref}"' in chart.svg
    assert len(chart.svg.encode()) < 8_000


def assert_text_fits(svg: str) -> None:
    """Estimated as the layout is (CJK 1 em, other 0.6 em): no label is cut off at an edge."""
    _, _, width, height = (float(v) for v in (tree(svg).get("viewBox") or "").split())
    for x, y, text, anchor, size in texts(svg):
        ems = charts._ems(text) * size
        left = {"start": x, "middle": x - ems / 2, "end": x - ems}[anchor]
        assert left >= 0 and left + ems <= width, text
        assert size <= y <= height, text


@pytest.mark.parametrize("index", range(5))
def test_text_fits_inside_the_chart_as_a_chinese_font_draws_it(index: int) -> None:
    assert_text_fits(every_chart()[index].svg)


def test_long_and_many_labels_still_fit() -> None:
    names = ["公共区域照明与景观灯具维修更换", "Elevator maintenance and repairs", "税费"]
    assert_text_fits(charts.budget_chart("c", "", names, [Decimal(99999999)] * 3,
                                         [Decimal(130000000), Decimal(1), Decimal(0)]).svg)
    assert_text_fits(charts.communities_collection_chart("h", "", names, [2024] * 3,
                                                         [3, 7, 9], [3, 6, 1]).svg)
    years = list(range(2013, 2026))
    assert_text_fits(charts.raised_spent_chart("f", "", years, [Decimal(125000)] * 13,
                                               [Decimal(1)] * 13).svg)


def test_hostile_labels_stay_text() -> None:
    hostile = '<b>&"'
    chart = charts.budget_chart("c", "预算", [hostile, "$x^2$"], [Decimal(1), Decimal(2)],
                                [Decimal(1), Decimal(1)])
    assert "<b>" not in chart.svg and "&lt;b&gt;&amp;&#34;" in chart.svg
    texts = [t.text for t in ET.fromstring(chart.svg).iter(f"{SVG_NS}text")]
    assert hostile in texts and "$x^2$" in texts  # not read as markup or mathtext either
    assert chart.rows[0][0] == hostile  # the table's text is escaped by Jinja
    home = charts.communities_collection_chart("h", "", ["'/><i>"], [2024], [1], [1])
    assert "<i>" not in home.svg and "&#39;/&gt;&lt;i&gt;" in home.svg
    assert "'/><i>" in [t.text for t in tree(home.svg).iter(f"{SVG_NS}text")]


def test_long_labels_are_shortened_in_the_svg_but_whole_in_the_table() -> None:
    name = "公共区域照明与景观灯具维修更换"
    chart = charts.budget_chart("c", "预算", [name], [Decimal(1)], [Decimal(1)])
    assert name not in chart.svg and ">公共区域照明与…</text>" in chart.svg
    assert chart.rows[0][0] == name


def test_figures_read_the_same_on_pages_and_charts() -> None:
    # one module writes them (generator/formats.py), for the templates and the charts
    assert [formats.money(v) for v in (Decimal("0"), Decimal("1234.5"), Decimal("-0.01"), 98)] \
        == ["0.00", "1,234.50", "-0.01", "98.00"]
    assert [formats.pct(r) for r in (None, 0.0, 0.73, 0.995, 1.0, 1.16666)] == \
        ["—", "0%", "73%", "99.5%", "100%", "116.7%"]
    assert formats.month_label("2021-01") == "2021 年 1 月"
    assert formats.month_label("2021-01", "en") == "January 2021"
    assert charts.money is formats.money and charts.pct is formats.pct


# The built minimal site

def figure(site: Path, path: str, chart_id: str) -> str:
    text = (site / path).read_text(encoding="utf-8")
    match = re.search(rf'<figure class="xy-chart" id="{chart_id}"[^>]*>(.*?)</figure>', text, re.S)
    assert match, chart_id
    return match.group(1)


def table(fig: str) -> list[tuple[str, ...]]:
    body = fig.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [tuple(html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row))
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def live_ledger() -> list[dict[str, str]]:
    rows = rows_of(DEMO / "ledger.csv")
    corrected = {r["corrects"] for r in rows if r["corrects"]}
    return [r for r in rows if r["entry_id"] not in corrected]


def test_budget_chart_table_holds_the_fixture_figures(minimal_site: Path) -> None:
    names = {c["code"]: c["name_zh"] for c in rows_of(MINIMAL / "codelists/categories.csv")}
    budget = rows_of(DEMO / "budget.csv")
    year = max(b["year"] for b in budget)
    lines = [b for b in budget if b["year"] == year and b["direction"] == "expense"]
    planned: dict[str, Decimal] = defaultdict(Decimal)
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for b in lines:
        planned[b["category"]] += Decimal(b["amount"])
        spent[b["category"]] += sum((Decimal(e["amount"]) for e in live_ledger()
                                     if e["budget_line"] == b["line_id"]), Decimal(0))
    order = sorted(planned, key=lambda c: (-planned[c], names[c]))
    expected = [(names[c], money(planned[c]), money(spent[c]),
                 formats.pct(float(spent[c] / planned[c]))) for c in order]
    fig = figure(minimal_site, "communities/demo/index.html", "chart-budget")
    assert table(fig) == expected
    assert f"{year} 年" in fig
    assert len(ids(fig, "chart-budget-actual")) == len(expected)


def test_monthly_chart_table_holds_the_fixture_figures(minimal_site: Path) -> None:
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for e in live_ledger():
        totals[e["date"][:7]][e["direction"]] += Decimal(e["amount"])
    expected = [(formats.month_label(m), money(t["income"]), money(t["expense"]))
                for m, t in sorted(totals.items())]
    fig = figure(minimal_site, "communities/demo/index.html", "chart-months")
    assert table(fig) == expected
    assert vertices(fig, "chart-months-income") == len(expected)


def test_collection_charts_tables_hold_the_fixture_figures(minimal_site: Path) -> None:
    years = sorted(rows_of(DEMO / "collection.csv"), key=lambda r: r["year"])
    rate = [formats.pct(int(y["households_paid"]) / int(y["households_billed"])) for y in years]
    fig = figure(minimal_site, "communities/demo/index.html", "chart-collection")
    assert table(fig) == [(y["year"], y["households_billed"], y["households_paid"], r)
                          for y, r in zip(years, rate, strict=True)]
    assert len(ids(fig, "chart-collection-rate")) == len(years)
    home = figure(minimal_site, "index.html", "chart-communities-collection")
    latest = years[-1]
    assert table(home) == [("示范小区", latest["year"], latest["households_billed"],
                            latest["households_paid"], rate[-1])]


def test_foundation_chart_table_holds_the_fixture_figures(minimal_site: Path) -> None:
    folder = MINIMAL / "foundation"
    raised: dict[str, Decimal] = defaultdict(Decimal)
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for d in rows_of(folder / "donations.csv"):
        raised[d["date"][:4]] += Decimal(d["amount"])
    for d in rows_of(folder / "disbursements.csv"):
        spent[d["date"][:4]] += Decimal(d["amount"])
    starts = {p["start_date"][:4] for p in rows_of(folder / "projects.csv")}
    years = sorted(set(raised) | set(spent) | starts)
    fig = figure(minimal_site, "foundation/index.html", "chart-foundation-years")
    assert table(fig) == [(y, money(raised[y]), money(spent[y])) for y in years]
    assert len(ids(fig, "chart-foundation-years-raised")) == len(years)


def test_charts_on_a_page_are_labelled_and_share_no_ids(minimal_site: Path) -> None:
    text = (minimal_site / "communities/demo/index.html").read_text(encoding="utf-8")
    all_ids = re.findall(r' id="([^"]+)"', text)
    assert len(all_ids) == len(set(all_ids))
    for chart_id in ("chart-budget", "chart-months", "chart-collection"):
        fig = figure(minimal_site, "communities/demo/index.html", chart_id)
        assert f'<figcaption id="{chart_id}-title">' in fig
        assert f'role="img" aria-labelledby="{chart_id}-title"' in fig
        assert "<summary>查看数据表</summary>" in fig


def test_hostile_category_name_is_escaped_on_the_built_page(workdir: Path) -> None:
    datasets = compose(workdir)
    codelist = datasets / "codelists/categories.csv"
    codelist.write_text(codelist.read_text(encoding="utf-8").replace(
        "cleaning,保洁,", 'cleaning,"<b>&""保洁",'), encoding="utf-8")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    fig = figure(workdir / "site", "communities/demo/index.html", "chart-budget")
    assert "<b>" not in fig
    assert ">&lt;b&gt;&amp;&#34;保洁</text>" in fig  # in the SVG, by markupsafe.escape
    assert re.search(r'<th scope="row"[^>]*>&lt;b&gt;&amp;&#34;保洁</th>', fig)  # by Jinja


@pytest.mark.browser
def test_data_table_is_collapsed_on_screen_and_printed(minimal_site: Path) -> None:
    from .browser import chromium, serve

    with serve(minimal_site) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 375, "height": 740})
        page.goto(url + "communities/demo/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        svg = page.locator("#chart-budget svg")
        assert svg.is_visible() and svg.bounding_box()["width"] <= 343  # type: ignore[index]
        data = page.locator("#chart-budget table")
        assert not data.is_visible()
        page.emulate_media(media="print")
        assert data.is_visible()
        assert not page.locator("#chart-budget summary").is_visible()
