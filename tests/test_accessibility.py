"""Accessibility of the built minimal site: axe-core (tests/vendor/axe.min.js, never part
of the site) runs in headless Chromium on a 375 px phone screen and on a desktop one, on
every kind of page in both languages, and no violation of any impact may remain."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route

from .browser import chromium, serve
from .conftest import TESTS

pytestmark = pytest.mark.browser

AXE = TESTS / "vendor" / "axe.min.js"
PAGES = [
    "index.html",
    "communities/",
    "communities/demo/",
    "communities/demo/ledger/",
    "communities/demo/ledger/2021-01/",
    "communities/demo/ledger/2021-02/",  # a corrected entry, struck out
    "communities/demo/ledger/all/",
    "compare/",
    "foundation/",
    "foundation/projects/F-01/",
    "protection-fund/",
    "standards/",
    "standards/xy-t-002-2024/",
    "guide/read-accounts/",
    "whatsnew/",
    "data/",
    "search/",
    "maintainers/publishing/",
    "maintainers/data-dictionary/",
    "404.html",
    "en/",
    "en/communities/demo/",
    "en/communities/demo/ledger/",
    "en/foundation/",
    "en/standards/xy-t-002-2024/",
    "en/search/",
]
VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture(scope="module")
def site(minimal_site: Path) -> Iterator[tuple[Browser, str]]:
    with serve(minimal_site) as url, chromium() as browser:
        yield browser, url


def axe(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}")
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violation(
        site: tuple[Browser, str], path: str, viewport: str) -> None:
    browser, url = site
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    try:
        page.goto(url + path, wait_until="networkidle")
        violations = axe(page)
    finally:
        page.close()
    assert not violations, f"{path} ({viewport}):\n{describe(violations)}"


def thirty_times(route: Route) -> None:
    """The fixture's ledger 30 times over, so that the table has pages and a "…"."""
    response = route.fetch()
    header, *rows = response.json()
    at = header.index("entry_id")
    many = [[f"{v}-{i:02d}" if n == at else v for n, v in enumerate(row)]
            for i in range(30) for row in rows]
    route.fulfill(response=response, json=[header, *many])


def test_ledger_tools_and_lightbox_have_no_accessibility_violation(
        site: tuple[Browser, str]) -> None:
    browser, url = site
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    try:
        page.route("**/data/communities/demo/ledger.json", thirty_times)
        page.goto(url + "communities/demo/ledger/all/")
        page.click(".xy-load-button")
        page.wait_for_selector("table.xy-ledger tbody tr")
        assert page.locator(".datatable-pagination .datatable-ellipsis").count() == 1
        found = {"all entries, loaded, with pages": axe(page)}
        page.goto(url + "communities/demo/ledger/2021-01/")
        page.click("details.xy-ledger-more summary")
        found["month, filters open"] = axe(page)
        page.click("#D-003 a.xy-voucher")
        page.wait_for_selector(".glightbox-container .gslide-image img")
        page.wait_for_timeout(500)  # the opening effect
        found["voucher lightbox"] = axe(page)
    finally:
        page.close()
    assert not any(found.values()), "\n".join(
        f"{state}:\n{describe(v)}" for state, v in found.items() if v)
