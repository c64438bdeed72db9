"""The ledger on a 375 px phone screen, in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .browser import chromium, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def phone(minimal_site: Path) -> Iterator[tuple[Page, str]]:
    with serve(minimal_site) as url, chromium() as browser:
        yield browser.new_page(viewport={"width": 375, "height": 740}), url


def test_month_ledger_can_be_filtered_by_a_word(phone: tuple[Page, str]) -> None:
    page, url = phone
    page.goto(url + "communities/demo/ledger/2021-01/")
    rows = page.locator("table.xy-ledger tbody tr")
    assert rows.count() == 4
    page.fill("#xy-filter-input", "保洁")
    visible = [rows.nth(i) for i in range(rows.count()) if rows.nth(i).is_visible()]
    assert [r.get_attribute("id") for r in visible] == ["D-003"]
    assert page.inner_text(".xy-filter-count") == "找到 1 条"


def test_ledger_rows_become_cards_without_sideways_scrolling(phone: tuple[Page, str]) -> None:
    page, url = phone
    page.goto(url + "communities/demo/ledger/2021-01/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    amount = page.locator('#D-003 td:nth-child(6)')
    assert amount.is_visible() and amount.inner_text() == "−3,000.00"


def test_foundation_projects_can_be_filtered_by_status(phone: tuple[Page, str]) -> None:
    page, url = phone
    page.goto(url + "foundation/")
    page.select_option('form[data-filter-table="foundation-projects"] select[name="status"]',
                       "ongoing")
    rows = page.locator("#foundation-projects tbody tr")
    visible = [rows.nth(i).inner_text() for i in range(rows.count()) if rows.nth(i).is_visible()]
    assert len(visible) == 1 and "儿童友好空间" in visible[0]
    assert page.inner_text('form[data-filter-table="foundation-projects"] .xy-filter-count') \
        == "显示 1 / 2 个项目"
