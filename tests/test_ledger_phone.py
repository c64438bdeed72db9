"""The ledger on a 375 × 740 phone screen, in headless Chromium: a month's filters and
sorting, the all-entries page, vouchers in a lightbox. Expected entries are computed
here from the fixture's ledger.csv, independently of the portal's code."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from generator.build import model
from generator.config import BuildConfig
from generator.formats import size
from generator.render import render

from .browser import chromium, serve
from .conftest import MINIMAL, REPO, compose, run
from .test_site import resolve

pytestmark = pytest.mark.browser

DEMO = MINIMAL / "communities" / "demo"
PHONE = {"width": 375, "height": 740}
VENDOR = REPO / "generator" / "theme" / "assets" / "vendor"


def ledger_rows(folder: Path = DEMO) -> list[dict[str, str]]:
    with (folder / "ledger.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ids(rows: list[dict[str, str]]) -> list[str]:
    return [r["entry_id"] for r in rows]


def by_amount(rows: list[dict[str, str]], descending: bool) -> list[str]:
    """Ordered by amount, ties in the order of the page (date, then id)."""
    ordered = sorted(rows, key=lambda r: (r["date"], r["entry_id"]))
    return ids(sorted(ordered, key=lambda r: Decimal(r["amount"]), reverse=descending))


@dataclass
class Phone:
    page: Page
    url: str
    elsewhere: list[str] = field(default_factory=list)  # requests to any other host
    failed: list[str] = field(default_factory=list)  # responses >= 400 for what we serve
    dialogs: list[str] = field(default_factory=list)  # alert() and the like: never


@pytest.fixture(scope="module")
def browser_and_url(minimal_site: Path) -> Iterator[tuple[Browser, str]]:
    with serve(minimal_site) as url, chromium() as browser:
        yield browser, url


def open_phone(browser: Browser, url: str, javascript: bool = True) -> Iterator[Phone]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    phone = Phone(context.new_page(), url)

    def seen(request: Request) -> None:
        # Only the network counts: chrome-extension: is Chromium's own PDF viewer.
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) \
                and not request.url.startswith(url):
            phone.elsewhere.append(request.url)

    phone.page.on("request", seen)
    # Scripts, styles, the ledger's JSON and vouchers (not, say, the theme's own probes).
    ours = re.compile(re.escape(url) + r"(assets|communities|foundation)/")
    phone.page.on("response", lambda r: phone.failed.append(f"{r.status} {r.url}")
                  if r.status >= 400 and ours.match(r.url) else None)
    phone.page.on("dialog", lambda d: (phone.dialogs.append(d.message), d.dismiss()))
    try:
        yield phone
    finally:
        context.close()
    assert phone.elsewhere == [], "requests to other hosts"
    assert phone.failed == [], "failed requests"
    assert phone.dialogs == [], "dialogs opened"


@pytest.fixture
def phone(browser_and_url: tuple[Browser, str]) -> Iterator[Phone]:
    yield from open_phone(*browser_and_url)


@pytest.fixture
def phone_without_js(browser_and_url: tuple[Browser, str]) -> Iterator[Phone]:
    yield from open_phone(*browser_and_url, javascript=False)


def visible_ids(page: Page, rows: str = "table.xy-ledger tbody tr") -> list[str]:
    return page.eval_on_selector_all(
        rows, "rows => rows.filter(r => r.offsetParent !== null)"
              ".map(r => r.id || r.getAttribute('data-entry'))")


# ---- A month page ----------------------------------------------------------------------

def test_month_ledger_filters_to_one_category(phone: Phone) -> None:
    month = [r for r in ledger_rows() if r["date"].startswith("2021-02")]
    expected = ids([r for r in month if r["category"] == "repair"])
    assert 0 < len(expected) < len(month)
    page = phone.page
    page.goto(phone.url + "communities/demo/ledger/2021-02/")
    page.click("summary:has-text('按科目、金额筛选或排序')")
    page.select_option("form.xy-ledger-tools select[name=category]", "repair")
    assert visible_ids(page) == expected
    assert page.inner_text(".xy-filter-count") == f"找到 {len(expected)} 条"
    page.select_option("form.xy-ledger-tools select[name=category]", "")
    assert visible_ids(page) == ids(sorted(month, key=lambda r: (r["date"], r["entry_id"])))


def test_month_ledger_filters_by_amount_range_and_word(phone: Phone) -> None:
    month = [r for r in ledger_rows() if r["date"].startswith("2021-01")]
    low, high = Decimal("1500"), Decimal("5000")
    expected = ids([r for r in month if low <= Decimal(r["amount"]) <= high])
    assert 0 < len(expected) < len(month)
    page = phone.page
    page.goto(phone.url + "communities/demo/ledger/2021-01/")
    page.click("details.xy-ledger-more summary")
    page.fill("form.xy-ledger-tools input[name=min]", "1500")
    page.fill("form.xy-ledger-tools input[name=max]", "5000")
    assert visible_ids(page) == expected
    page.fill("#xy-filter-input", "保洁")
    assert visible_ids(page) == ids([r for r in month if r["entry_id"] in expected
                                     and "保洁" in r["description"] + r["counterparty"]])


def test_month_ledger_sorts_by_amount(phone: Phone) -> None:
    month = [r for r in ledger_rows() if r["date"].startswith("2021-01")]
    page = phone.page
    page.goto(phone.url + "communities/demo/ledger/2021-01/")
    page.click("details.xy-ledger-more summary")
    sort = "form.xy-ledger-tools select[name=sort]"
    page.select_option(sort, "amount-desc")
    assert visible_ids(page) == by_amount(month, descending=True)
    page.select_option(sort, "amount-asc")
    assert visible_ids(page) == by_amount(month, descending=False)
    page.select_option(sort, "date")
    assert visible_ids(page) == ids(sorted(month, key=lambda r: (r["date"], r["entry_id"])))
    # Still cards: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_month_page_without_javascript_lists_every_entry_as_cards(
        phone_without_js: Phone) -> None:
    month = [r for r in ledger_rows() if r["date"].startswith("2021-02")]
    page = phone_without_js.page
    page.goto(phone_without_js.url + "communities/demo/ledger/2021-02/")
    assert visible_ids(page) == ids(sorted(month, key=lambda r: (r["date"], r["entry_id"])))
    assert not page.is_visible(".xy-filter")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    amount = page.locator('#D-006 td:nth-child(6)')
    assert amount.is_visible() and amount.inner_text() == "−800.00"
    # Styled by its column, as the amounts of every other table: right, in expense red.
    style = amount.evaluate("td => [getComputedStyle(td).textAlign, getComputedStyle(td).color]")
    income = page.locator("tr.xy-income td:nth-child(6)").first
    assert style == ["right", "rgb(179, 38, 30)"]  # --xy-expense
    assert income.evaluate("td => getComputedStyle(td).color") == "rgb(27, 127, 59)"


# ---- The all-entries page -----------------------------------------------------------

def test_all_entries_page_holds_no_entry_and_tells_the_download_size(
        minimal_site: Path) -> None:
    html = (minimal_site / "communities/demo/ledger/all/index.html").read_text("utf-8")
    data = (minimal_site / "data/communities/demo/ledger.json").read_bytes()
    assert not any(entry in html for entry in ids(ledger_rows()))
    assert f"数据大小 {size(len(data))}" in html
    links = {"communities/demo/ledger/index.html": "../../../communities/demo/ledger/all/",
             "communities/demo/index.html": "../../communities/demo/ledger/all/"}
    for page, href in links.items():
        assert f'<a href="{href}">查询全部账目 →</a>' in (minimal_site / page).read_text("utf-8")


def test_all_entries_are_loaded_on_request_and_filtered_by_month_and_category(
        phone: Phone) -> None:
    rows = ledger_rows()
    page = phone.page
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url) if r.url.endswith(".json") else None)
    page.goto(phone.url + "communities/demo/ledger/all/")
    assert loaded == []
    expect(page.locator(".xy-load-size")).to_contain_text("KB")
    page.click("button:has-text('加载全部账目')")
    expect(page.locator(".xy-filter-count")).to_have_text(f"共 {len(rows)} 条")
    assert loaded == [phone.url + "data/communities/demo/ledger.json"]  # the open data
    newest_first = ids(sorted(rows, key=lambda r: (r["date"], r["entry_id"]), reverse=True))
    assert visible_ids(page) == newest_first

    page.select_option("select[name=month]", "2021-02")
    expected = ids(sorted((r for r in rows if r["date"].startswith("2021-02")),
                          key=lambda r: (r["date"], r["entry_id"]), reverse=True))
    assert visible_ids(page) == expected
    page.select_option("select[name=category]", "repair")
    category = {r["entry_id"]: r["category"] for r in rows}
    expected = [i for i in expected if category[i] == "repair"]
    assert visible_ids(page) == expected
    assert page.inner_text(".xy-filter-count") == f"找到 {len(expected)} 条"

    page.select_option("select[name=month]", "")
    page.select_option("select[name=sort]", "amount-desc")
    repairs = [r for r in rows if r["category"] == "repair"]
    assert visible_ids(page) == by_amount(repairs, descending=True)

    page.select_option("select[name=category]", "")
    page.fill("form.xy-ledger-tools input[name=q]", "保洁")
    expected = ids([r for r in rows if "保洁" in r["description"] + r["counterparty"]])
    expect(page.locator(".xy-filter-count")).to_have_text(f"找到 {len(expected)} 条")
    assert visible_ids(page) == expected
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_all_entries_link_to_their_month_and_voucher(phone: Phone) -> None:
    page = phone.page
    page.goto(phone.url + "communities/demo/ledger/all/")
    page.click(".xy-load-button")
    row = page.locator('tr[data-entry="D-006"]')
    expect(row).to_have_class(re.compile(r"\bxy-corrected\b"))
    expect(row.locator('td:nth-child(5) .xy-note')).to_have_text(
        "已更正，以 D-007 为准，本条不计入合计")
    link = row.locator('td:nth-child(2) a')
    assert link.get_attribute("href") == "../../../../communities/demo/ledger/2021-02/#D-006"
    voucher = row.locator("a.xy-voucher")
    assert voucher.get_attribute("href") == "../../../../communities/demo/vouchers/D-006.png"
    with page.expect_response(re.compile(r"/vouchers/D-006@phone\.png$")) as image:
        voucher.click()
    assert image.value.status == 200
    expect(page.locator(".glightbox-container .gslide-image img")).to_be_visible()


def test_all_entries_page_without_javascript_points_to_the_months(
        phone_without_js: Phone) -> None:
    page = phone_without_js.page
    page.goto(phone_without_js.url + "communities/demo/ledger/all/")
    assert not page.is_visible("button:has-text('加载全部账目')")
    html = page.content()
    assert "本页的查询需要浏览器运行 JavaScript" in html
    page.click("text=按月份查看收支明细 >> nth=-1")
    assert page.url == phone_without_js.url + "communities/demo/ledger/"


def test_entry_text_from_the_data_is_shown_as_text(
        workdir: Path, browser_and_url: tuple[Browser, str]) -> None:
    datasets = compose(workdir)
    ledger = datasets / "communities/demo/ledger.csv"
    hostile = '<img src=x onerror=alert(1)>'
    ledger.write_text(ledger.read_text(encoding="utf-8")
                      .replace("单元门禁维修,", f"{hostile},")
                      .replace(",维修工程队,", ",<b>维修</b>工程队,"), encoding="utf-8")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    header, *data = json.loads((workdir / "site/data/communities/demo/ledger.json")
                               .read_text("utf-8"))
    entries = [dict(zip(header, values, strict=True)) for values in data]
    assert [e["description"] for e in entries if e["entry_id"] == "D-006"] == [hostile]
    with serve(workdir / "site") as url:
        for phone in open_phone(browser_and_url[0], url):
            page = phone.page
            page.goto(url + "communities/demo/ledger/all/")
            page.click(".xy-load-button")
            row = page.locator('tr[data-entry="D-006"]')
            expect(row.locator('td:nth-child(5)')).to_contain_text(hostile)
            expect(row.locator('td:nth-child(4)')).to_have_text("<b>维修</b>工程队")
            assert page.locator(".xy-all-table img, .xy-all-table b").count() == 0
            page.select_option("select[name=sort]", "amount-asc")
            page.fill("form.xy-ledger-tools input[name=q]", "onerror")
            expect(page.locator(".xy-filter-count")).to_have_text("找到 1 条")
            assert visible_ids(page) == ["D-006"]
            assert page.locator(".xy-all-table img").count() == 0
            page.goto(url + "communities/demo/ledger/2021-02/")
            expect(page.locator('#D-006 td:nth-child(5)')).to_contain_text(hostile)
            assert page.locator("table.xy-ledger img, table.xy-ledger b").count() == 0


# ---- Vouchers -----------------------------------------------------------------------

def test_voucher_image_opens_in_a_lightbox(phone: Phone) -> None:
    page = phone.page
    page.goto(phone.url + "communities/demo/ledger/2021-01/")
    link = page.locator("#D-003 a.xy-voucher")
    assert link.get_attribute("href").endswith("/vouchers/D-003.png")  # the full image
    with page.expect_response(re.compile(r"/vouchers/D-003@phone\.png$")) as image:
        link.click()
    assert image.value.status == 200  # the lightbox shows the phone copy
    box = page.locator(".glightbox-container")
    expect(box).to_be_visible()
    img = box.locator(".gslide-image img")
    expect(img).to_be_visible()
    assert img.get_attribute("alt") == "凭证 D-003"
    assert page.evaluate("document.querySelector('.gslide-image img').naturalWidth") > 0
    assert page.url.endswith("/ledger/2021-01/")  # the page stayed
    close = page.locator(".glightbox-container .gclose").bounding_box()
    assert close and close["width"] >= 44 and close["height"] >= 44  # a finger-sized target
    page.click(".glightbox-container .gclose")
    expect(box).to_have_count(0)


def test_foundation_voucher_opens_in_a_lightbox(phone: Phone) -> None:
    page = phone.page
    page.goto(phone.url + "foundation/projects/F-01/")
    link = page.locator("a.xy-voucher").first
    with page.expect_response(re.compile(r"/vouchers/P-\d+@phone\.png$")) as image:
        link.click()
    assert image.value.status == 200
    expect(page.locator(".glightbox-container .gslide-image img")).to_be_visible()


def test_pdf_voucher_is_a_plain_link(phone: Phone) -> None:
    page = phone.page
    page.goto(phone.url + "communities/demo/ledger/2021-01/")
    link = page.locator("#D-004 a.xy-voucher")
    expect(link).to_have_text("查看凭证（PDF）")  # the text says PDF; the server's type too
    href = link.get_attribute("href")
    assert href is not None and href.endswith("/vouchers/D-004.pdf")
    response = page.request.get(phone.url + "communities/demo/vouchers/D-004.pdf")
    assert response.status == 200 and response.body().startswith(b"%PDF")
    # Chromium shows it with its PDF viewer (a phone may download it instead): either way
    # the link is followed, and no lightbox opens.
    with page.expect_response(re.compile(r"/vouchers/D-004\.pdf$")) as pdf:
        link.click()
    assert pdf.value.status == 200
    assert pdf.value.headers["content-type"] == "application/pdf"
    assert pdf.value.frame.page == page


def test_voucher_without_javascript_is_a_plain_link(phone_without_js: Phone) -> None:
    page = phone_without_js.page
    page.goto(phone_without_js.url + "communities/demo/ledger/2021-01/")
    with page.expect_navigation():
        page.click("#D-003 a.xy-voucher")
    assert page.url.endswith("/communities/demo/vouchers/D-003.png")


# ---- The JSON and the vendored files -------------------------------------------------

def test_all_entries_page_adds_months_and_category_names_to_the_open_data(
        minimal_site: Path) -> None:
    path = "communities/demo/ledger/all/index.html"
    html = (minimal_site / path).read_text("utf-8")
    src = re.search(r'class="xy-ledger-all" data-src="([^"]+)"', html).group(1)
    assert resolve(minimal_site, path, src) == minimal_site / "data/communities/demo/ledger.json"
    meta = json.loads(unescape(re.search(r" data-meta='([^']*)'", html).group(1)))
    with (MINIMAL / "codelists/categories.csv").open(encoding="utf-8", newline="") as handle:
        chart = [r for r in csv.DictReader(handle)]
    used = {r["category"] for r in ledger_rows()}
    assert meta["community"] == "demo" and meta["months"] == ["2021-01", "2021-02"]
    assert meta["categories"] == [{"code": r["code"], "name_zh": r["name_zh"],
                                   "name_en": r["name_en"]} for r in chart if r["code"] in used]


def test_every_community_gets_its_all_entries_page_and_no_second_copy_of_its_ledger(
        tmp_path: Path) -> None:
    # A copy: the fixture's own git history is the project's, not a publication's.
    config = BuildConfig(datasets=compose(tmp_path), today=date(2026, 1, 1))
    pages, _ = render(model(config))
    communities = [p.path.split("/")[1] for p in pages if p.path.endswith("/ledger/index.md")]
    assert communities
    for c in communities:
        assert f"communities/{c}/ledger/all/index.md" in {p.path for p in pages}
    assert not [p.path for p in pages if p.file and "/ledger/" in p.path]


def test_vendored_files_name_no_other_host_and_carry_their_licence() -> None:
    files = [p for p in VENDOR.rglob("*") if p.suffix in {".js", ".css"}]
    assert {p.name for p in files} == {"simple-datatables.js", "style.css",
                                       "glightbox.min.js", "glightbox.min.css"}
    namespace = re.compile(r"http://www\.w3\.org/(2000/svg|1999/xlink)")
    for path in files:
        text = namespace.sub("", path.read_text("utf-8"))
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text, re.I), path
        assert "sourceMappingURL" not in text, path
    for library in ("simple-datatables", "glightbox"):
        assert (VENDOR / library / "LICENSE").is_file()
        assert "Re-fetch: scripts/vendor.sh" in (VENDOR / library / "README.md").read_text()
