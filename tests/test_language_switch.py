"""Switching languages in a phone browser. Its own module: a module-scoped browser of
another module must not be open at the same time (one Playwright per thread)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser import chromium, serve


@pytest.mark.browser
def test_visitor_switches_a_page_to_english_on_a_phone(minimal_site: Path) -> None:
    with serve(minimal_site) as url, chromium() as browser:
        tab = browser.new_page(viewport={"width": 375, "height": 740})
        tab.goto(url + "communities/demo/")
        tab.locator("a.xy-lang").click()
        tab.wait_for_url("**/en/communities/demo/")
        assert tab.evaluate("document.documentElement.lang") == "en"
        assert tab.locator("h2#findings").inner_text().strip() == "Check results"
        tab.locator("a.xy-lang").click()
        tab.wait_for_url(url + "communities/demo/")
        assert tab.locator("h2#findings").inner_text().strip() == "核查结果"
