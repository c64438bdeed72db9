"""适老化: large text and high contrast, switched on once and kept across pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser import chromium, serve

pytestmark = pytest.mark.browser


def test_large_text_is_remembered_across_pages(minimal_site: Path) -> None:
    with serve(minimal_site) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 375, "height": 740})
        page.goto(url + "communities/demo/")
        size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        toggle = page.locator(".xy-large-toggle")
        box = toggle.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44  # a finger-sized target
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
        larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        assert larger >= size * 1.25
        page.goto(url + "communities/demo/ledger/2021-01/")
        assert page.evaluate("document.documentElement.classList.contains('xy-large')")
        assert page.locator(".xy-large-toggle").get_attribute("aria-pressed") == "true"
        colour = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
        assert colour == "rgb(0, 0, 0)"
        page.locator(".xy-large-toggle").click()
        page.reload()
        assert not page.evaluate("document.documentElement.classList.contains('xy-large')")
