"""Charts: inline SVG drawn at build time. What each chart draws is counted through the
bars' and lines' ids; the tables under the charts on the built minimal site are checked
against figures computed here, independently, from the fixture's CSV files."""

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

from generator import charts, render

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
    """Points of the line named gid: its path's moveto plus linetos."""
    group = svg.split(f'<g id="{gid}">', 1)[1]
    path = re.search(r'<path d="([^"]+)"', group)
    assert path, gid
    return len(re.findall(r"[ML] ", path.group(1)))


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
    over = chart.svg.split('<g id="c-actual-1">', 1)[1].split("</g>", 1)[0]
    assert charts.COLOURS["over"] in over
    assert (charts.COLOURS["over"], "超出预算 10% 以上") in chart.key


def test_monthly_chart_draws_one_point_per_month_on_each_line() -> None:
    chart = charts.monthly_chart("m", "月", MONTHS[:5], [1, 2, 3, 4, 5], [5, 4, 3, 2, 1])
    assert vertices(chart.svg, "m-income") == 5
    assert vertices(chart.svg, "m-expense") == 5
    assert chart.rows[0] == ("2021 年 1 月", "1.00", "5.00")
    # with 36 months, ticks fall on January and July only
    chart = every_chart()[1]
    assert vertices(chart.svg, "m-income") == 36
    assert re.findall(r">(20\d\d\.\d+)</text>", chart.svg) == [
        "2021.1", "2021.7", "2022.1", "2022.7", "2023.1", "2023.7"]


def test_bar_charts_draw_one_bar_per_value() -> None:
    _, _, collection, foundation, home = every_chart()
    assert len(ids(collection.svg, "k-rate")) == 3
    assert collection.rows[0] == ("2019", "100", "73", "73%")
    assert len(ids(foundation.svg, "f-raised")) == len(ids(foundation.svg, "f-spent")) == 2
    assert len(ids(home.svg, "h-rate")) == 2
    assert home.rows[1] == ("水岸花园", "2024", "300", "294", "98%")


def test_collection_chart_marks_years_before_the_trust() -> None:
    chart = charts.collection_chart("k", "收缴率", [2019, 2020], [100, 100], [73, 98], 2020)
    before = chart.svg.split('<g id="k-rate-0">', 1)[1].split("</g>", 1)[0]
    after = chart.svg.split('<g id="k-rate-1">', 1)[1].split("</g>", 1)[0]
    assert charts.COLOURS["before"] in before and charts.COLOURS["actual"] in after
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
    assert not re.search(r"\d\.\d\d", " ".join(re.findall(r' d="([^"]*)"', chart.svg)))
    # every id is the chart's own, and every reference points inside the chart
    assert all(i.startswith(f"{chart.id}-") for i in re.findall(r' id="([^"]+)"', chart.svg))
    for ref in re.findall(r'(?:url\(#|href="#)([^)"]+)', chart.svg):
        assert f'id="{ref}"' in chart.svg
    assert len(chart.svg.encode()) < 25_000


def test_hostile_labels_stay_text() -> None:
    hostile = '<b>&"'
    chart = charts.budget_chart("c", "预算", [hostile, "$x^2$"], [Decimal(1), Decimal(2)],
                                [Decimal(1), Decimal(1)])
    assert "<b>" not in chart.svg and "&lt;b&gt;&amp;" in chart.svg
    texts = [t.text for t in ET.fromstring(chart.svg).iter(f"{SVG_NS}text")]
    assert hostile in texts and "$x^2$" in texts  # not read as mathtext either
    assert chart.rows[0][0] == hostile  # the table's text is escaped by Jinja


def test_long_labels_are_shortened_in_the_svg_but_whole_in_the_table() -> None:
    name = "公共区域照明与景观灯具维修更换"
    chart = charts.budget_chart("c", "预算", [name], [Decimal(1)], [Decimal(1)])
    assert name not in chart.svg and ">公共区域照明与…</text>" in chart.svg
    assert chart.rows[0][0] == name


def test_formats_match_the_pages() -> None:
    for value in (Decimal("0"), Decimal("1234.5"), Decimal("-0.01"), 98):
        assert charts.money(value) == render.money(value)
    for rate in (None, 0.0, 0.73, 0.995, 1.0, 1.16666):
        assert charts.pct(rate) == render.pct(rate)
    assert charts.month_zh("2021-01") == render.month_zh("2021-01")


# The built minimal site

def figure(site: Path, path: str, chart_id: str) -> str:
    text = (site / path).read_text(encoding="utf-8")
    match = re.search(rf'<figure class="xy-chart" id="{chart_id}">(.*?)</figure>', text, re.S)
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
                 render.pct(float(spent[c] / planned[c]))) for c in order]
    fig = figure(minimal_site, "communities/demo/index.html", "chart-budget")
    assert table(fig) == expected
    assert f"{year} 年" in fig
    assert len(ids(fig, "chart-budget-actual")) == len(expected)


def test_monthly_chart_table_holds_the_fixture_figures(minimal_site: Path) -> None:
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for e in live_ledger():
        totals[e["date"][:7]][e["direction"]] += Decimal(e["amount"])
    expected = [(render.month_zh(m), money(t["income"]), money(t["expense"]))
                for m, t in sorted(totals.items())]
    fig = figure(minimal_site, "communities/demo/index.html", "chart-months")
    assert table(fig) == expected
    assert vertices(fig, "chart-months-income") == len(expected)


def test_collection_charts_tables_hold_the_fixture_figures(minimal_site: Path) -> None:
    years = sorted(rows_of(DEMO / "collection.csv"), key=lambda r: r["year"])
    rate = [render.pct(int(y["households_paid"]) / int(y["households_billed"])) for y in years]
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
    assert '>&lt;b&gt;&amp;"保洁</text>' in fig  # in the SVG, as matplotlib escaped it
    assert "<th scope=\"row\">&lt;b&gt;&amp;&#34;保洁</th>" in fig  # in the table, by Jinja


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
