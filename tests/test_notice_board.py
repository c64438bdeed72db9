"""The monthly statement for the building notice board (公示表): the month page, printed,
with its QR code; the statements' former addresses lead there."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page

from .browser import chromium, serve
from .conftest import MINIMAL, compose, run
from .test_site import cell, page, resolve

SITE_URL = "https://portal.example.cn/"


def month_rows(month: str) -> tuple[list[dict[str, str]], set[str]]:
    with (MINIMAL / "communities/demo/ledger.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    corrected = {r["corrects"] for r in rows if r["corrects"]}
    return [r for r in rows if r["date"].startswith(month)], corrected


STATEMENT = "communities/demo/ledger/2021-02/index.html"


def test_statement_gives_the_month_by_category_and_balance(minimal_site: Path) -> None:
    html = page(minimal_site, STATEMENT)
    rows, corrected = month_rows("2021-02")
    live = [r for r in rows if r["entry_id"] not in corrected]
    for direction in ("income", "expense"):
        by_category: dict[str, Decimal] = {}
        for r in (r for r in live if r["direction"] == direction):
            by_category[r["category"]] = by_category.get(r["category"], Decimal(0)) + \
                Decimal(r["amount"])
        total = f"{sum(by_category.values()):,.2f}"
        assert cell(html, f"data-month-{direction}") == total
        assert cell(html, f"data-month-{direction}-total") == total  # the table's 合计
        for code, total in by_category.items():
            assert cell(html, f'data-month-{direction}-category="{code}"') == f"{total:,.2f}"
    assert cell(html, "data-month-opening") == "7,350.00"  # January's closing balance
    assert cell(html, "data-month-closing") == "14,715.00"
    for r in rows:
        assert f'<tr id="{r["entry_id"]}"' in html
    assert "已更正，以 <a href=\"../2021-02/#D-007\">D-007</a> 为准" in html
    assert len(cell(html, 'data-notice="version"')) == 12


def test_statement_without_site_address_names_the_community_page(minimal_site: Path) -> None:
    html = page(minimal_site, "communities/demo/ledger/2021-01/index.html")
    assert "网站地址未配置" not in html  # no setting's name on the notice board
    assert 'class="xy-qr"' not in html
    assert '<code data-notice="path">/communities/demo/</code>' in html


def test_former_statement_addresses_lead_to_the_month_page(minimal_site: Path) -> None:
    for month in ("2021-01", "2021-02"):
        path = f"communities/demo/notice/{month}/index.html"
        html = page(minimal_site, path)
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)
        assert resolve(minimal_site, path, target) == (
            minimal_site / f"communities/demo/ledger/{month}/index.html")
        assert f'<a href="{target}">' in html


@pytest.fixture(scope="module")
def site_with_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    import os
    import shutil

    from .conftest import REPO

    project = tmp_path_factory.mktemp("addressed")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "content", project / "content")
    (project / "generator").symlink_to(REPO / "generator")
    cwd = Path.cwd()
    os.chdir(project)
    os.environ["PORTAL_SITE_URL"] = SITE_URL
    try:
        compose(project)
        result = run("build", "--datasets", "datasets", "--out", "site")
        assert result.exit_code == 0, result.output
    finally:
        del os.environ["PORTAL_SITE_URL"]
        os.chdir(cwd)
    yield project / "site"


@pytest.fixture(scope="module")
def statement(site_with_address: Path) -> Iterator[Page]:
    with serve(site_with_address) as url, chromium() as browser:
        tab = browser.new_page(viewport={"width": 375, "height": 740})
        tab.goto(url + "communities/demo/ledger/2021-02/")
        yield tab


@pytest.mark.browser
def test_qr_code_leads_to_the_community_page(statement: Page, tmp_path: Path) -> None:
    shot = tmp_path / "qr.png"
    browser = statement.context.browser
    assert browser is not None
    # The code is printed (28 mm), not shown on screens: read it as a printer's dots would.
    paper = browser.new_page(viewport={"width": 375, "height": 740}, device_scale_factor=4)
    try:
        paper.emulate_media(media="print")
        paper.goto(statement.url)
        paper.locator(".xy-qr svg").screenshot(path=str(shot))
    finally:
        paper.close()
    decoded = zxingcpp.read_barcodes(Image.open(shot))
    assert [d.text for d in decoded] == [SITE_URL + "communities/demo/"]


@pytest.mark.browser
def test_statement_prints_as_clean_a4_pages(statement: Page, tmp_path: Path) -> None:
    assert not statement.locator(".xy-qr svg").is_visible()  # on paper only
    assert statement.locator("a.xy-voucher").first.is_visible()
    statement.emulate_media(media="print")
    try:
        assert not statement.locator(".md-header").is_visible()
        assert not statement.locator("button.xy-print").is_visible()
        assert not statement.locator(".xy-pager").is_visible()
        assert not statement.locator("a.xy-voucher").first.is_visible()  # no voucher column
        assert statement.locator(".xy-qr svg").is_visible()
        assert statement.locator(".xy-notice-title").inner_text() == "共有资金收支公示表"
        assert statement.locator("#D-006").is_visible()
        assert statement.get_by_text("核查结果").is_visible()
        pdf = tmp_path / "notice.pdf"
        statement.pdf(path=str(pdf), prefer_css_page_size=True)
        assert b"/MediaBox [0 0 594.95996 841.91998]" in pdf.read_bytes()
    finally:
        statement.emulate_media(media="screen")


@pytest.mark.browser
def test_print_button_appears_with_javascript(statement: Page) -> None:
    assert statement.locator("button.xy-print").is_visible()
