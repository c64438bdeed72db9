"""Site-wide search in Chinese, run in headless Chromium against the Pagefind index of
the built sample portal, with the queries residents type."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.site.search import _indexed_part as search_copy
from generator.site.search_words import read as read_words

from .browser import chromium, serve
from .conftest import REPO

pytestmark = pytest.mark.browser
FENGHUAYUAN = REPO / "datasets" / "communities" / "fenghuayuan"

# The same search the page runs for a resident's query (assets/xinyi/search.js).
SEARCH = """async (query) => {
  const found = await window.xinyiSearch(query);
  return {count: found.total,
          results: found.items.map(d => ({url: d.url, title: d.title, excerpt: d.excerpt}))};
}"""


@pytest.fixture(scope="module")
def site_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as opened:
        yield opened


@pytest.fixture(scope="module")
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    tab = browser.new_page(viewport={"width": 375, "height": 800})
    tab.goto(site_url + "search/")
    yield tab


def search(page: Page, query: str) -> dict[str, Any]:
    if not page.url.split("?")[0].endswith("/search/"):
        page.goto("/".join(page.url.split("/")[:3]) + "/search/")
    result: dict[str, Any] = page.evaluate(SEARCH, query)
    for item in result["results"]:  # the index marks character boundaries invisibly
        item["excerpt"] = item["excerpt"].replace("\u200b", "")
    return result


def test_community_name_finds_its_page_first(page: Page) -> None:
    found = search(page, "风华苑")
    assert found["results"][0]["url"] == "/communities/fenghuayuan/"


def test_ledger_pages_are_not_results_but_the_community_page_is(page: Page) -> None:
    # A community's ledger page (months and figures), its 全部账目查询 page (a tool) and
    # its corrections (entries) are kept out of the site-wide index, like its month pages;
    # the community page, which links its corrections, is found.
    urls = [r["url"] for r in search(page, "风华苑")["results"]]
    assert urls and not [u for u in urls if "/ledger/" in u or "/corrections/" in u]
    found = [r["url"] for r in search(page, "风华苑 更正记录")["results"]]
    assert "/communities/fenghuayuan/" in found
    assert "/communities/fenghuayuan/corrections/" not in found


def test_a_community_page_is_found_by_its_words_not_its_figures(page: Page,
                                                                sample_site: Path) -> None:
    # Charts and tables of figures are most of a community page's text; the search copy
    # leaves them out (search.py), and a word of a resolution still finds the page.
    html = (sample_site / "communities/fenghuayuan/index.html").read_text(encoding="utf-8")
    copy = search_copy(html)
    assert copy is not None
    income = re.search(r'data-year-income="2021"[^>]*>([^<]+)<', html)
    assert income and income.group(1) not in copy
    assert '<figure class="xy-chart"' in html and '<figure class="xy-chart"' not in copy
    assert "选聘受托人" in copy.replace("\u200b", "")
    urls = [r["url"] for r in search(page, "选聘受托人")["results"]]
    assert "/communities/fenghuayuan/" in urls


@pytest.mark.parametrize(("query", "inside"), [
    ("酬金", "受托人<mark>酬</mark><mark>金</mark>"),
    ("业主", "<mark>业</mark><mark>主</mark>大会"),
    ("停车", "<mark>停</mark><mark>车</mark>收益"),
])
def test_word_inside_a_longer_compound_is_found(page: Page, query: str, inside: str) -> None:
    found = search(page, query)
    assert found["count"] > 0
    assert any(inside in r["excerpt"] for r in found["results"]), found["results"][:3]


def test_word_from_a_package_description_finds_the_community(page: Page) -> None:
    urls = [r["url"] for r in search(page, "编制")["results"]]
    assert "/communities/fenghuayuan/" in urls


def test_results_can_be_narrowed_to_one_kind_of_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=停车&type=小区")
    page.locator(".xy-result-link").first.wait_for(timeout=10_000)
    links = page.locator(".xy-result-link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(h.count("/") == 3 and h.startswith("/communities/") for h in hrefs)
    page.goto(site_url + "search/")


def test_phrase_is_matched_in_order(page: Page) -> None:
    assert search(page, "酬金")["count"] > 0
    assert search(page, "金酬")["count"] == 0


def test_search_box_in_the_header_leads_to_results(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.fill("#xy-header-q", "风华苑")
    page.press("#xy-header-q", "Enter")
    first = page.locator(".xy-result-link").first
    first.wait_for(timeout=10_000)
    assert first.get_attribute("href") == "/communities/fenghuayuan/"


def ledger_totals(year: str) -> tuple[Decimal, Decimal]:
    with (FENGHUAYUAN / "ledger.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    corrected = {r["corrects"] for r in rows if r["corrects"]}
    live = [r for r in rows if r["entry_id"] not in corrected and r["date"].startswith(year)]
    return (sum(Decimal(r["amount"]) for r in live if r["direction"] == "income"),
            sum(Decimal(r["amount"]) for r in live if r["direction"] == "expense"))


def test_resident_finds_fenghuayuan_checks_2021_and_opens_a_voucher(page: Page,
                                                                     site_url: str) -> None:
    page.goto(site_url + "search/?q=风华苑")
    page.locator(".xy-result-link").first.click()
    page.wait_for_url("**/communities/fenghuayuan/")
    income, expense = ledger_totals("2021")
    assert page.inner_text('[data-year-income="2021"]') == f"{income:,.2f}"
    assert page.inner_text('[data-year-expense="2021"]') == f"{expense:,.2f}"
    page.get_by_role("link", name="查看每一笔收支和凭证").click()
    page.get_by_role("link", name="2021 年 3 月").click()
    voucher = page.locator("a.xy-voucher").first
    with page.expect_response(lambda r: "/vouchers/" in r.url) as response:
        voucher.click()
    assert response.value.status == 200
    assert response.value.headers["content-type"] == "image/png"


@pytest.mark.parametrize(("query", "url"), [
    ("奶奶", "/foundation/projects/WHCF-2019-01/"),
    ("会客厅", "/protection-fund/projects/BZ-2022-01/"),
])
def test_word_inside_a_project_title_finds_the_project(page: Page, query: str, url: str) -> None:
    assert url in [r["url"] for r in search(page, query)["results"][:5]]


def standards_search(page: Page, query: str) -> list[str]:
    if not page.url.split("?")[0].endswith("/search/"):
        page.goto("/".join(page.url.split("/")[:3]) + "/search/")
    found: list[str] = page.evaluate(
        """async (q) => (await window.xinyiSearch(q, {"类型": "标准"})).items.map(i => i.url)""",
        query)
    return found


def test_standard_is_found_by_its_code(page: Page) -> None:
    assert standards_search(page, "XY/T 012—2024")[0] == "/standards/xy-t-012-2024/"


def test_standard_is_found_by_words_of_its_title(page: Page) -> None:
    assert standards_search(page, "受托人选聘")[0] == "/standards/xy-t-012-2024/"


def test_standard_is_found_by_words_inside_a_clause(page: Page) -> None:
    text = (REPO / "datasets/standards/texts/xy-t-010-2024.md").read_text(encoding="utf-8")
    clause = next(line for line in text.splitlines() if line[:1].isdigit() and len(line) > 30)
    words = clause.split(" ", 1)[1][6:12]  # six characters from the middle of the clause
    assert "/standards/xy-t-010-2024/" in standards_search(page, words)


def test_results_can_be_narrowed_to_the_standards(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=受托人&type=标准")
    page.locator(".xy-result-link").first.wait_for(timeout=10_000)
    links = page.locator(".xy-result-link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) == 10 and all(h.startswith("/standards/") for h in hrefs)
    page.goto(site_url + "search/")


# The words residents use find the pages of the official terms (content/search/synonyms.csv).
def urls_of(page: Page, query: str) -> set[str]:
    return {r["url"] for r in search(page, query)["results"]}


@pytest.mark.parametrize(("word", "term"), [
    ("水费", "公共水电"), ("电费", "公共水电"), ("物业费", "物业服务费"), ("保安", "秩序维护"),
])
def test_everyday_word_finds_the_pages_of_the_official_term(page: Page, site_url: str,
                                                            word: str, term: str) -> None:
    official = urls_of(page, term)
    assert "/communities/fenghuayuan/" in official
    assert official <= urls_of(page, word)
    page.goto(site_url + f"search/?q={word}")
    page.locator(".xy-result-link").first.wait_for(timeout=10_000)
    assert page.inner_text("#xy-search-note") == f"也搜索了：{term}"
    page.goto(site_url + "search/")


def test_every_official_term_of_the_list_finds_a_page(page: Page) -> None:
    terms = sorted({t for _, ts in read_words(REPO / "content/search/synonyms.csv") for t in ts})
    assert [t for t in terms if search(page, t)["count"] == 0] == []


def test_search_that_finds_nothing_offers_words_to_try_and_no_more(page: Page,
                                                                   site_url: str) -> None:
    page.goto(site_url + "search/?q=不存在的词")
    expect(page.locator("#xy-search-status")).to_have_text(
        "没有找到包含“不存在的词”的页面。请换一个词，或少输入几个字。")
    expect(page.locator(".xy-search-try")).to_contain_text("试试：物业服务费")
    assert page.locator(".xy-result").count() == 0
    assert page.locator("#xy-search-more").is_hidden()
    page.locator(".xy-search-try a").first.click()
    page.locator(".xy-result-link").first.wait_for(timeout=10_000)
    assert page.inner_text("#xy-search-status").startswith("找到 ")
    page.goto(site_url + "search/")


def test_few_results_offer_no_more(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=水费")
    page.locator(".xy-result-link").first.wait_for(timeout=10_000)
    assert page.locator(".xy-result").count() == search(page, "水费")["count"] < 10
    page.goto(site_url + "search/?q=水费")
    page.locator(".xy-result-link").first.wait_for(timeout=10_000)
    assert page.locator("#xy-search-more").is_hidden()
    page.goto(site_url + "search/")


FIGURE_RUN = re.compile(r"\d[\d,.%]*[.\s]+\d[\d,.%]*[.\s]+\d")


def test_excerpt_from_a_page_of_budget_tables_is_words_not_figures(page: Page) -> None:
    # 秩序维护 stands in each community's budget tables, between amounts and rates.
    results = search(page, "秩序维护")["results"]
    community = [r for r in results if r["url"] == "/communities/fenghuayuan/"]
    assert community and "<mark>秩</mark><mark>序</mark>" in community[0]["excerpt"]
    pages = [r for r in results if r["url"].startswith("/communities/")]
    assert len(pages) == 4
    # No run of figures (89,200.00. 84,929.04. 95.2%), as a budget row would give; figures
    # in running text (a worked example, a standard's clause) may stay.
    assert not [r for r in results if FIGURE_RUN.search(re.sub(r"<[^>]+>", "", r["excerpt"]))]


# Layout shift while results load, as Chromium measures it (the Core Web Vitals' CLS).
SHIFTS = """window.__shift = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
}).observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize("query", ["停车", "水费", "不存在的词"])
def test_search_page_does_not_shift_while_results_load(browser: Browser, site_url: str,
                                                       query: str) -> None:
    tab = browser.new_page(viewport={"width": 375, "height": 800})
    tab.add_init_script(SHIFTS)
    tab.goto(site_url + f"search/?q={query}")
    expect(tab.locator("#xy-search-status")).not_to_have_text("正在搜索…", timeout=10_000)
    tab.wait_for_timeout(500)
    assert tab.evaluate("window.__shift") < 0.1
    tab.close()


def test_search_from_a_community_page_lists_that_community_first(page: Page,
                                                                 site_url: str) -> None:
    page.goto(site_url + "communities/lantian/")
    page.fill("#xy-header-q", "停车")
    page.press("#xy-header-q", "Enter")
    page.locator(".xy-result-link").first.wait_for(timeout=10_000)
    links = page.locator(".xy-result-link")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs[0] == "/communities/lantian/"
    assert "community=lantian" in page.url  # kept when the page is reloaded or shared
    assert page.inner_text("#xy-search-note") == "先列出“蓝天小区”的页面。 按全部页面排列"
    page.get_by_role("link", name="按全部页面排列").click()
    page.locator(".xy-result-link").first.wait_for(timeout=10_000)
    assert page.locator(".xy-result-link").first.get_attribute("href") != "/communities/lantian/"
    page.goto(site_url + "search/")


def test_community_pages_come_first_for_each_community(page: Page) -> None:
    search(page, "风华苑")
    for community in ("fenghuayuan", "lantian", "jinhe-lvzhou"):
        items = page.evaluate("""async (c) => (await window.xinyiSearch("停车", {}, c))
                                 .items.map(i => i.url)""", community)
        inside = [u.startswith(f"/communities/{community}/") for u in items]
        assert inside[0] and inside == sorted(inside, reverse=True)


CJK_SPACED = re.compile(r"[\u4e00-\u9fff](?:</?mark>)* (?:</?mark>)*[\u4e00-\u9fff]")


def test_english_site_shows_chinese_excerpts_without_spaced_characters(
        browser: Browser, site_url: str) -> None:
    tab = browser.new_page(viewport={"width": 375, "height": 800})
    tab.goto(site_url + "en/search/?q=停车")
    tab.locator(".xy-result-link").first.wait_for(timeout=10_000)
    shown = tab.inner_text("#xy-search-results")
    assert "停车收益" in shown and "Parking revenue" in shown
    assert not CJK_SPACED.search(shown), shown[:300]
    assert re.fullmatch(r"\d+ pages contain “停车”", tab.inner_text("#xy-search-status"))
    tab.goto(site_url + "en/search/?q=水费")
    expect(tab.locator("#xy-search-note")).to_have_text("Also searched: 公共水电")
    tab.close()
