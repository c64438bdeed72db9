"""The English site for visiting delegations, under en/: interface, names and titles in
English, links back to the Chinese pages, files shared with the Chinese site, and Chinese
search that still works."""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .browser import chromium, serve
from .conftest import MINIMAL
from .test_notice_board import month_rows
from .test_site import page, resolve


def test_every_translated_page_links_to_its_counterpart(minimal_site: Path) -> None:
    english = sorted((minimal_site / "en").rglob("index.html"))
    assert len(english) > 20
    for path in english:
        rel = path.relative_to(minimal_site).as_posix()
        if rel == "en/index.html" or "/assets/" in rel:
            continue
        html = path.read_text(encoding="utf-8")
        href = re.search(r'<a class="xy-lang" href="([^"]+)" lang="zh"', html).group(1)
        chinese = resolve(minimal_site, rel, href)
        assert chinese.is_file(), (rel, href)
        back = re.search(r'<a class="xy-lang" href="([^"]+)" lang="en"',
                         chinese.read_text(encoding="utf-8")).group(1)
        assert resolve(minimal_site, chinese.relative_to(minimal_site).as_posix(), back) == path


def test_category_names_and_standard_titles_are_in_english(minimal_site: Path) -> None:
    with (MINIMAL / "codelists/categories.csv").open(encoding="utf-8", newline="") as handle:
        names = {r["code"]: r["name_en"] for r in csv.DictReader(handle)}
    month = html.unescape(page(minimal_site, "en/communities/demo/ledger/2021-01/index.html"))
    assert names["cleaning"] in month and names["remuneration"] in month
    standard = page(minimal_site, "en/standards/xy-t-003-2024/index.html")
    assert "<title>XY/T 003—2024 Trust-based property management — Disclosure" in standard
    assert '<html lang="en"' in standard


def test_english_month_page_gives_the_figures_and_leads_to_the_entries_published_once(
        minimal_site: Path) -> None:
    path = "en/communities/demo/ledger/2021-01/index.html"
    english = page(minimal_site, path)
    rows, _ = month_rows("2021-01")
    assert rows
    assert not any(f'id="{r["entry_id"]}"' in english for r in rows)  # listed once, in Chinese
    assert f"This month&#39;s {len(rows)} entries, each with its voucher" in english
    href = re.search(r'<a href="([^"]+)" hreflang="zh" lang="zh">', english).group(1)
    chinese_path = resolve(minimal_site, path, href).relative_to(minimal_site).as_posix()
    assert chinese_path == "communities/demo/ledger/2021-01/index.html"
    chinese = page(minimal_site, chinese_path)
    assert all(f'id="{r["entry_id"]}"' in chinese for r in rows)
    hrefs = re.findall(r'class="xy-voucher[^"]*" href="([^"]+)"', chinese)
    assert hrefs
    for voucher in hrefs:
        target = resolve(minimal_site, chinese_path, voucher)
        assert target.is_file() and "/en/" not in target.as_posix()
    rows, corrected = month_rows("2021-01")
    for direction in ("income", "expense"):  # the month by category, on both pages
        totals: dict[str, Decimal] = {}
        for r in rows:
            if r["direction"] == direction and r["entry_id"] not in corrected:
                totals[r["category"]] = totals.get(r["category"], Decimal(0)) + Decimal(
                    r["amount"])
        expected = sorted((code, f"{total:,.2f}") for code, total in totals.items())
        for html_text in (english, chinese):
            assert sorted(re.findall(
                rf'data-month-{direction}-category="([^"]+)">([^<]+)<', html_text)) == expected


@pytest.fixture(scope="module")
def english_search(sample_site: Path) -> Iterator[Page]:
    with serve(sample_site) as url, chromium() as browser:
        tab = browser.new_page(viewport={"width": 375, "height": 740})
        tab.goto(url + "en/search/")
        yield tab


@pytest.mark.browser
def test_chinese_search_works_on_the_english_site(english_search: Page) -> None:
    found = english_search.evaluate(
        "async (q) => (await window.xinyiSearch(q)).items.map(i => i.url)", "风华苑")
    assert found[0] == "/en/communities/fenghuayuan/"
    clause = english_search.evaluate(
        "async (q) => (await window.xinyiSearch(q)).items.map(i => i.url)", "受托人选聘")
    assert "/en/standards/xy-t-012-2024/" in clause

