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

LEDGER_EN = "en/communities/demo/ledger/index.html"


def test_every_translated_page_links_to_its_counterpart(minimal_site: Path) -> None:
    english = sorted((minimal_site / "en").rglob("index.html"))
    assert len(english) > 20
    for path in english:
        rel = path.relative_to(minimal_site).as_posix()
        if rel == "en/index.html" or "/assets/" in rel:
            continue
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a former address (a month), tested below
        href = re.search(r'<a class="xy-lang" href="([^"]+)" lang="zh"', html).group(1)
        chinese = resolve(minimal_site, rel, href)
        assert chinese.is_file(), (rel, href)
        back = re.search(r'<a class="xy-lang" href="([^"]+)" lang="en"',
                         chinese.read_text(encoding="utf-8")).group(1)
        assert resolve(minimal_site, chinese.relative_to(minimal_site).as_posix(), back) == path


def test_category_names_and_standard_titles_are_in_english(minimal_site: Path) -> None:
    with (MINIMAL / "codelists/categories.csv").open(encoding="utf-8", newline="") as handle:
        names = {r["code"]: r["name_en"] for r in csv.DictReader(handle)}
    ledger = html.unescape(page(minimal_site, LEDGER_EN))
    assert names["cleaning"] in ledger and names["remuneration"] in ledger
    standard = page(minimal_site, "en/standards/xy-t-003-2024/index.html")
    assert "<title>XY/T 003—2024 Trust-based property management — Disclosure" in standard
    assert '<html lang="en"' in standard


def test_english_ledger_page_gives_each_month_by_category_and_leads_to_the_entries(
        minimal_site: Path) -> None:
    english = page(minimal_site, LEDGER_EN)
    rows, corrected = month_rows("")
    months = sorted({r["date"][:7] for r in rows})
    assert not any(f'id="{r["entry_id"]}"' in english for r in rows)  # listed once, in Chinese
    for month in months:  # each month's row leads to its Chinese page, where the entries are
        href = re.search(rf'<tr id="m{month}"><th scope="row"[^>]*><a href="([^"]+)" '
                         r'hreflang="zh">', english).group(1)
        chinese_path = resolve(minimal_site, LEDGER_EN, href).relative_to(minimal_site)
        assert chinese_path.as_posix() == f"communities/demo/ledger/{month}/index.html"
        chinese = page(minimal_site, chinese_path.as_posix())
        assert all(f'id="{r["entry_id"]}"' in chinese for r in rows if r["date"][:7] == month)
    for year in sorted({m[:4] for m in months}):  # the year by category and month
        table = english.split(f'<h3 id="c{year}">')[1].split("</table>")[0]
        in_year = [m for m in months if m.startswith(year)]
        cells: dict[tuple[str, str], dict[str, Decimal]] = {}
        for r in rows:
            if r["date"][:4] == year and r["entry_id"] not in corrected:
                by_month = cells.setdefault((r["direction"], r["category"]), {})
                m = r["date"][:7]
                by_month[m] = by_month.get(m, Decimal(0)) + Decimal(r["amount"])
        shown = {}
        for key, body in re.findall(r'<tr data-category="([^"]+)"><th scope="row"[^>]*>[^<]+</th>'
                                    r'(.*?)</tr>', table):
            shown[tuple(key.split(":"))] = re.findall(r'<td class="xy-num"[^>]*>([^<]+)</td>',
                                                        body)
        assert shown == {key: [f"{by_month[m]:,.2f}" if m in by_month else "—"
                               for m in in_year] + [f"{sum(by_month.values()):,.2f}"]
                         for key, by_month in cells.items()}


def test_former_english_month_addresses_lead_to_the_month_on_the_ledger_page(
        minimal_site: Path) -> None:
    old = "en/communities/demo/ledger/2021-01/index.html"
    redirect = page(minimal_site, old)
    assert '<meta http-equiv="refresh" content="0; url=../#m2021-01">' in redirect
    assert resolve(minimal_site, old, "../#m2021-01") == minimal_site / LEDGER_EN
    assert '<tr id="m2021-01">' in page(minimal_site, LEDGER_EN)
    # The Chinese month page's English link is that address.
    chinese = page(minimal_site, "communities/demo/ledger/2021-01/index.html")
    href = re.search(r'<a class="xy-lang" href="([^"]+)" lang="en"', chinese).group(1)
    assert resolve(minimal_site, "communities/demo/ledger/2021-01/index.html", href) == \
        minimal_site / old


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

