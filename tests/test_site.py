"""What a resident reads on the built minimal site, checked against figures computed
here, independently, from the fixture's CSV files."""

from __future__ import annotations

import csv
import os
import re
from decimal import Decimal
from pathlib import Path

from generator import derivatives

from .conftest import MINIMAL, compose, run

DEMO = MINIMAL / "communities" / "demo"


def ledger_rows() -> list[dict[str, str]]:
    with (DEMO / "ledger.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def counted_totals(year: str) -> tuple[Decimal, Decimal]:
    rows = ledger_rows()
    corrected = {r["corrects"] for r in rows if r["corrects"]}
    live = [r for r in rows if r["entry_id"] not in corrected and r["date"].startswith(year)]
    income = sum(Decimal(r["amount"]) for r in live if r["direction"] == "income")
    expense = sum(Decimal(r["amount"]) for r in live if r["direction"] == "expense")
    return income, expense


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def resolve(site: Path, page_path: str, href: str) -> Path:
    """The file a relative link on a page leads to, as a browser would resolve it."""
    target = (site / page_path).parent / href.split("#")[0]
    target = Path(os.path.normpath(target))
    return target / "index.html" if href.split("#")[0].endswith("/") else target


def cell(html: str, attribute: str) -> str:
    match = re.search(rf'{attribute}[^>]*>([^<]+)<', html)
    assert match, attribute
    return match.group(1)


def test_community_page_shows_yearly_totals_matching_the_ledger(minimal_site: Path) -> None:
    income, expense = counted_totals("2021")
    html = page(minimal_site, "communities/demo/index.html")
    assert cell(html, 'data-year-income="2021"') == f"{income:,.2f}"
    assert cell(html, 'data-year-expense="2021"') == f"{expense:,.2f}"


def test_month_page_lists_every_entry_with_its_voucher(minimal_site: Path) -> None:
    path = "communities/demo/ledger/2021-01/index.html"
    html = page(minimal_site, path)
    for row in (r for r in ledger_rows() if r["date"].startswith("2021-01")):
        tr = html.split(f'<tr id="{row["entry_id"]}"', 1)[1].split("</tr>", 1)[0]
        assert f"{Decimal(row['amount']):,.2f}" in tr
        assert row["description"] in tr
        if row["voucher"]:
            href = re.search(r'class="xy-voucher" href="([^"]+)"', tr).group(1)
            published = resolve(minimal_site, path, href)
            source = DEMO / row["voucher"]  # published as its clean derivative
            assert published.read_bytes() == derivatives.derive(
                source.read_bytes(), derivatives.KINDS[source.suffix.lower()])
        else:
            assert "xy-voucher" not in tr


def test_month_page_totals_leave_out_corrected_entries(minimal_site: Path) -> None:
    html = page(minimal_site, "communities/demo/ledger/2021-02/index.html")
    assert cell(html, "data-month-income") == "9,700.00"
    assert cell(html, "data-month-expense") == "2,335.00"  # 880 (the correction) + 1,455


def test_corrected_entry_is_struck_out_and_points_to_its_correction(minimal_site: Path) -> None:
    html = page(minimal_site, "communities/demo/ledger/2021-02/index.html")
    row = html.split('<tr id="D-006"', 1)[1].split("</tr>", 1)[0]
    assert 'class="xy-expense xy-corrected"' in row
    href = re.search(r'以 <a href="([^"]+)">D-007</a> 为准', row).group(1)
    assert href.endswith("/2021-02/#D-007")
    assert resolve(minimal_site, "communities/demo/ledger/2021-02/index.html", href) == (
        minimal_site / "communities/demo/ledger/2021-02/index.html")
    correction = html.split('<tr id="D-007"', 1)[1].split("</tr>", 1)[0]
    assert re.search(r'更正 <a href="[^"]+/2021-02/#D-006">D-006</a>', correction)


_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)
_TAG = re.compile(r"<[^>]+>")


def table_rows(html: str) -> list[tuple[str, ...]]:
    """Each table row's cells as a resident reads them (text, without markup)."""
    return [tuple(" ".join(_TAG.sub(" ", c).split()) for c in _CELL.findall(row))
            for row in _ROW.findall(html)]


def test_community_page_shows_profile_checks_and_votes(minimal_site: Path) -> None:
    html = page(minimal_site, "communities/demo/index.html")
    assert "示范物业服务有限公司" in html
    assert "社区党委：示范社区党委" in html
    assert "共有资金收入的 15%" in html
    assert "✓ 自动核查未发现问题" in html
    rows = table_rows(html)
    # remuneration: 15% of 20,700.00 income is 3,105.00; 1,650 + 1,455 were taken
    assert ("2021", "20,700.00", "15%", "3,105.00", "3,105.00", "未超过约定比例") in rows
    # 85 of 100 owners took part, 70 of them for: by heads, the floor area not recorded
    vote = next(r for r in rows if r[:1] == ("2020-12-20",))
    assert vote[2] == "参与率 85% · 同意率 82.4% 同意 70 · 反对 10 · 弃权 5 · 应表决 100"
    assert "记录不全：面积未记录" in vote[4]
    assert any(r[0] == "2021" and "98%" in r for r in rows)  # 98 of 100 households paid


def test_budget_table_shows_execution_per_line(minimal_site: Path) -> None:
    html = page(minimal_site, "communities/demo/index.html")
    # E03 repairs: 12,000 budgeted, 880 spent (the corrected 800 does not count)
    line = ("E03", "维修养护", "维修养护（支出）", "12,000.00", "880.00", "7.3%")
    assert line in table_rows(html)


def test_home_page_shows_headline_figures(minimal_site: Path) -> None:
    html = page(minimal_site, "index.html")
    income, expense = counted_totals("2021")
    assert cell(html, 'data-headline="communities"') == "1"
    assert cell(html, 'data-headline="households"') == "100"
    assert cell(html, 'data-headline="income"') == f"{income:,.2f}"
    assert cell(html, 'data-headline="expense"') == f"{expense:,.2f}"
    assert cell(html, 'data-headline="collection"') == "98%"
    assert 'href="communities/demo/"' in html


def test_every_page_built_from_a_sample_package_says_so(minimal_site: Path) -> None:
    pages = [p for folder in ("communities", "foundation", "protection-fund")
             for p in (minimal_site / folder).rglob("index.html")]
    # communities: list, demo, its ledger index, two months, the all-entries search, the
    # corrections log, the two former addresses of the notice-board statements (leading to the
    # months), two neighbourhoods; foundation:
    # overview and two projects; protection fund: overview and two projects
    assert len(pages) == 17
    for path in pages:
        assert "示例数据" in path.read_text(encoding="utf-8"), path


def test_data_dictionary_documents_every_column(minimal_site: Path) -> None:
    from generator import schemas

    html = page(minimal_site, "maintainers/data-dictionary/index.html")
    for table in schemas.TABLES:
        for doc in schemas.field_docs(table):
            assert f"<code>{doc.name}</code>" in html
            assert doc.title_zh in html and doc.title_en in html
    assert "<code>ledger-voucher-missing</code>" in html


def test_pages_load_nothing_from_other_hosts(minimal_site: Path) -> None:
    loads = re.compile(r'<(?:script|img|iframe|source)[^>]+src="(https?:)?//'
                       r'|<link[^>]+href="(https?:)?//[^"]*"[^>]*rel="(?:stylesheet|preload|icon)'
                       r'|<link[^>]+rel="(?:stylesheet|preload|icon)"[^>]+href="(https?:)?//')
    for path in minimal_site.rglob("*.html"):
        assert not loads.search(path.read_text(encoding="utf-8")), path
    for path in minimal_site.rglob("*.css"):
        assert "@import url(http" not in path.read_text(encoding="utf-8"), path


def test_navigation_does_not_grow_with_the_ledger(minimal_site: Path) -> None:
    html = page(minimal_site, "communities/demo/ledger/2021-02/index.html")
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "2021-01" not in nav and "communities/demo/" not in nav


def test_dataset_text_is_shown_as_text_not_markup(workdir: Path, tmp_path: Path) -> None:
    datasets = compose(workdir)
    ledger = datasets / "communities/demo/ledger.csv"
    hostile = '"<script>alert(1)</script> **粗体** [链接](javascript:alert(1)) {{ 7*7 }}"'
    ledger.write_text(ledger.read_text(encoding="utf-8").replace(
        "1月保洁服务费", hostile.strip('"').replace('"', '""')), encoding="utf-8")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    html = page(workdir / "site", "communities/demo/ledger/2021-01/index.html")
    assert "<script>alert(1)</script>" not in html
    assert ("&lt;script&gt;alert(1)&lt;/script&gt; **粗体** [链接](javascript:alert(1)) "
            "{{ 7*7 }}") in html
