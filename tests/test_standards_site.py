"""The standards library of the minimal site: catalogue, full texts, cross-references,
the supersedes chain, downloads and the print layout."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator import derivatives

from .browser import chromium, serve
from .conftest import MINIMAL, REPO
from .test_site import page, resolve

STANDARDS = MINIMAL / "standards"


def catalogue() -> list[dict[str, str]]:
    with (STANDARDS / "standards.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_catalogue_lists_every_standard_by_category_with_its_count(minimal_site: Path) -> None:
    html = page(minimal_site, "standards/index.html")
    rows = catalogue()
    assert f'<strong data-standards="count">{len(rows)}</strong> 项标准' in html
    assert "基础通用 1 项，信托制物业 3 项" in html
    general = html.split('id="category-general"', 1)[1].split("</tbody>", 1)[0]
    assert "XY/T 001—2024" in general and "XY/T 003—2024" not in general
    for row in rows:
        tr = html.split(f'>{row["code"]}</a>', 1)[1].split("</tr>", 1)[0]
        assert row["title_zh"] in tr and row["title_en"] in tr
        assert row["issued"] in tr and row["effective"] in tr


def test_cited_codes_link_to_their_pages(minimal_site: Path) -> None:
    path = "standards/xy-t-002-2024/index.html"
    html = page(minimal_site, path)
    links = re.findall(r'<a class="xy-std-ref" href="([^"]+)">(XY/T [^<]+)</a>', html)
    assert ("../xy-t-001-2024/", "XY/T 001—2024") in links
    for href, _ in links:
        assert resolve(minimal_site, path, href).is_file()


def test_referenced_by_lists_every_standard_citing_this_one(minimal_site: Path) -> None:
    html = page(minimal_site, "standards/xy-t-001-2024/index.html")
    cited_by = html.split('id="referenced-by"', 1)[1].split("</ul>", 1)[0]
    expected = sorted(r["code"] for r in catalogue() if r["code"] != "XY/T 001—2024" and
                      "XY/T 001—2024" in (STANDARDS / r["body"]).read_text(encoding="utf-8"))
    assert re.findall(r">(XY/T [^<]+)</a>", cited_by) == expected == [
        "XY/T 002—2024", "XY/T 003—2024"]


def test_supersedes_chain_is_shown_on_both_standards(minimal_site: Path) -> None:
    old = page(minimal_site, "standards/xy-t-002-2023/index.html")
    assert '<span class="xy-status xy-status-superseded">被代替</span>' in old
    assert re.search(r'本标准已被 <a href="[^"]*xy-t-002-2024/">XY/T 002—2024</a>', old)
    new = page(minimal_site, "standards/xy-t-002-2024/index.html")
    assert re.search(r'本标准代替 <a href="[^"]*xy-t-002-2023/">XY/T 002—2023</a>', new)


def test_numbered_clauses_can_be_linked_directly(minimal_site: Path) -> None:
    html = page(minimal_site, "standards/xy-t-002-2024/index.html")
    assert '<h2 id="c4">4 账户和酬金</h2>' in html
    assert '<h3 id="c4.1">4.1 账户</h3>' in html
    assert ('<p class="xy-clause" id="c4.1.1"><a class="xy-clause-no" href="#c4.1.1">4.1.1</a>'
            in html)
    toc = html.split('class="md-nav md-nav--secondary"', 1)[1]
    assert '<a href="#c4.1" class="md-nav__link">' in toc
    assert '<a href="#appendix-a" class="md-nav__link">' in toc


def test_downloads_are_the_published_files(minimal_site: Path) -> None:
    path = "standards/xy-t-001-2024/index.html"
    html = page(minimal_site, path)
    markdown = re.search(r'<a href="([^"]+)" download>Markdown 全文</a>', html).group(1)
    assert resolve(minimal_site, path, markdown).read_bytes() == (
        STANDARDS / "texts/xy-t-001-2024.md").read_bytes()
    pdf = re.search(r'<a href="([^"]+)">PDF 文本</a>', html).group(1)
    assert resolve(minimal_site, path, pdf).read_bytes() == derivatives.derive(
        (STANDARDS / "pdfs/xy-t-001-2024.pdf").read_bytes(), "pdf")  # its clean copy
    # Without an official PDF, the page links the text as printed at build time.
    path = "standards/xy-t-003-2024/index.html"
    pdf = re.search(r'<a href="([^"]+)">PDF 文本</a>', page(minimal_site, path)).group(1)
    printed = resolve(minimal_site, path, pdf)
    assert printed == minimal_site / "standards/xy-t-003-2024/xy-t-003-2024.pdf"
    assert printed.read_bytes().startswith(b"%PDF")


def test_english_title_and_scope_are_given_for_visitors(minimal_site: Path) -> None:
    html = page(minimal_site, "standards/xy-t-003-2024/index.html")
    assert '<p class="xy-std-en" lang="en">Trust-based property management — Disclosure</p>' in html
    assert "Requirements for disclosing entries and vouchers." in html


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One for the module: Playwright's sync API runs one session in a thread."""
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def printed(minimal_site: Path, browser: Browser) -> Iterator[Page]:
    with serve(minimal_site) as url:
        tab = browser.new_page()
        tab.goto(url + "standards/xy-t-003-2024/")
        tab.emulate_media(media="print")
        yield tab


@pytest.mark.browser
def test_print_layout_keeps_only_the_standard(printed: Page) -> None:
    assert printed.locator('link[href$="assets/xinyi/print.css"]').count() == 1
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not printed.locator(chrome).first.is_visible(), chrome
    assert printed.locator("h1").is_visible()
    assert printed.locator("table thead").first.evaluate(
        "e => getComputedStyle(e).display") == "table-header-group"
    assert printed.locator(".xy-print-only").is_visible()


@pytest.mark.browser
def test_printed_standard_is_an_a4_document(printed: Page, tmp_path: Path) -> None:
    pdf = tmp_path / "standard.pdf"
    printed.pdf(path=str(pdf), prefer_css_page_size=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert boxes and all(abs(float(w) - 595) < 1 and abs(float(h) - 842) < 1 for w, h in boxes)


def test_sample_catalogue_holds_the_38_standards(sample_site: Path) -> None:
    html = page(sample_site, "standards/index.html")
    assert '<strong data-standards="count">38</strong> 项标准' in html
    assert "示例数据" in html
    for row in csv.DictReader((REPO / "datasets/standards/standards.csv").open(encoding="utf-8")):
        assert f">{row['code']}</a>" in html


# The sample notice of the standards speaks of standards, not of accounts.

def test_standards_pages_say_their_texts_are_samples_not_accounts(sample_site: Path) -> None:
    for path in ("standards/index.html", "standards/xy-t-002-2024/index.html",
                 "en/standards/index.html", "en/standards/xy-t-002-2024/index.html"):
        notice = page(sample_site, path).split('class="admonition warning xy-sample"', 1)[1]
        notice = notice.split("</div>", 1)[0]
        assert "金额" not in notice and "凭证" not in notice and "voucher" not in notice, path
        assert ("本标准库中的标准文本为依据公开报道整理的示例，不是正式发布的标准文本。" in notice
                or "The texts in this standards library are samples compiled from public "
                   "reports; they are not the officially published texts of the standards."
                in notice), path


def test_english_catalogue_reads_in_english(sample_site: Path) -> None:
    html = page(sample_site, "en/standards/index.html")
    assert '<h1 data-pagefind-weight="10">Community trust governance standards</h1>' in html
    lead = html.split('<p class="xy-lead">', 1)[1].split("</p>", 1)[0]
    assert lead.startswith("This catalogue lists the standards of community trust governance")
    head = html.split("<h1", 1)[1].split("<table", 1)[0]  # heading, notice, intro, filter
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r'<(\w+)[^>]* lang="zh".*?</\1>', "", head))


# The catalogue's filter, in a phone's width, for every category in both languages.

FILTER = "form.xy-table-filter"
VISIBLE_ROWS = ("() => [...document.querySelectorAll('#standards-catalogue tbody tr[data-status]')]"
                ".filter(r => r.offsetParent !== null).map(r => r.dataset.category)")
VISIBLE_GROUPS = ("() => [...document.querySelectorAll('#standards-catalogue tbody')]"
                  ".filter(b => b.offsetParent !== null).length")


@pytest.fixture(scope="module")
def phone(sample_site: Path, browser: Browser) -> Iterator[tuple[str, Page]]:
    with serve(sample_site) as url:
        yield url, browser.new_page(viewport={"width": 375, "height": 800})


def sample_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in csv.DictReader((REPO / "datasets/standards/standards.csv").open(encoding="utf-8")):
        counts[row["category"]] = counts.get(row["category"], 0) + 1
    return counts


@pytest.mark.browser
@pytest.mark.parametrize(("prefix", "counter"), [("", "显示 {n} / 38 项标准"),
                                                ("en/", "Showing {n} of 38 standards")])
def test_filtering_by_each_category_shows_just_its_standards(
        phone: tuple[str, Page], prefix: str, counter: str) -> None:
    url, tab = phone
    tab.goto(url + prefix + "standards/")
    form = tab.locator(FILTER)
    assert form.is_visible()
    assert form.locator(".xy-filter-count").text_content() == counter.format(n=38)
    counts = sample_counts()
    options = form.locator('select[name="category"] option').evaluate_all(
        "os => os.map(o => o.value).filter(v => v)")
    assert sorted(options) == sorted(counts)
    for category in options:
        form.locator('select[name="category"]').select_option(category)
        shown = tab.evaluate(VISIBLE_ROWS)
        assert shown == [category] * counts[category], category
        assert tab.evaluate(VISIBLE_GROUPS) == 1, category
        assert form.locator(".xy-filter-count").text_content() == counter.format(
            n=counts[category])
    form.locator('select[name="category"]').select_option("")
    assert len(tab.evaluate(VISIBLE_ROWS)) == 38


@pytest.mark.browser
def test_status_and_words_narrow_every_category(phone: tuple[str, Page]) -> None:
    url, tab = phone
    tab.goto(url + "standards/")
    form = tab.locator(FILTER)
    rows = list(csv.DictReader((REPO / "datasets/standards/standards.csv").open(encoding="utf-8")))
    form.locator('select[name="status"]').select_option("superseded")
    superseded = [r["category"] for r in rows if r["status"] == "superseded"]
    assert sorted(tab.evaluate(VISIBLE_ROWS)) == sorted(superseded)
    assert tab.evaluate(VISIBLE_GROUPS) == len(set(superseded))
    form.locator('select[name="status"]').select_option("")
    # A code typed with a hyphen finds the code written with an em dash; a keyword
    # finds the standards it names.
    form.locator('input[name="q"]').fill("xy/t 002-2024")
    assert tab.evaluate(VISIBLE_ROWS) == ["trust-property"]
    assert form.locator(".xy-filter-count").text_content() == "显示 1 / 38 项标准"
    form.locator('input[name="q"]').fill("五步法")
    named = [r["category"] for r in rows if "五步法" in r["keywords"] or "五步法" in r["title_zh"]]
    assert named and sorted(tab.evaluate(VISIBLE_ROWS)) == sorted(named)


@pytest.mark.browser
def test_without_javascript_the_whole_catalogue_is_listed(sample_site: Path,
                                                          browser: Browser) -> None:
    with serve(sample_site) as url:
        tab = browser.new_page(java_script_enabled=False, viewport={"width": 375, "height": 800})
        tab.goto(url + "standards/")
        assert not tab.locator(FILTER).is_visible()
        assert len(tab.evaluate(VISIBLE_ROWS)) == 38
