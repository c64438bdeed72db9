"""A standard's text cannot reach the page it is shown on: the sanitiser keeps no id, class,
style or other attribute of its own, and the portal's anchors (clause ids, heading ids)
are made after sanitising, headings' ids under a prefix no element of the theme or of the
portal's scripts has. Checked in Chromium with headings named like those elements."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import standard_text

from .browser import chromium, serve
from .conftest import REPO, build_into, compose

# Ids the page's scripts look for: the interface dictionary, the theme's search and
# drawer, the lightbox's frame, the community page's sections.
NAMES = ("xy-text", "__search", "__drawer", "glightbox-body", "findings", "xy-search-form")


def test_only_the_portals_anchors_carry_ids_and_classes() -> None:
    text = "\n\n".join([f"## {name}" for name in NAMES] + [
        "## 4 要求", "4.1 受托人应当公开每一笔收支。", "## 附录 A 示例",
        '<p id="xy-text" class="xy-voucher">正文</p>'])
    rendered = standard_text.render(text)
    ids = re.findall(r'\sid="([^"]*)"', rendered.html)
    assert ids == [f"s-{name.lower()}" for name in NAMES] + ["c4", "c4.1", "appendix-a"]
    assert set(re.findall(r'\sclass="([^"]*)"', rendered.html)) == {"xy-clause", "xy-clause-no"}
    assert rendered.removed == ("<p class>", "<p id>")


@pytest.mark.browser
def test_headings_named_like_the_pages_elements_break_none_of_its_scripts(
        tmp_path: Path) -> None:
    datasets = compose(tmp_path)
    body = datasets / "standards/texts/xy-t-003-2024.md"
    body.write_text(body.read_text(encoding="utf-8") + "".join(
        f"\n## {name}\n\n说明。\n" for name in NAMES), encoding="utf-8")
    result = build_into(REPO, datasets, tmp_path / "site")
    assert result.exit_code == 0, result.output
    with serve(tmp_path / "site") as url, chromium() as browser:
        tab = browser.new_page(viewport={"width": 375, "height": 800})
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(url + "en/standards/xy-t-003-2024/")
        for name in NAMES:  # each heading is there, under its own id
            assert tab.locator(f'[id="s-{name}"]').count() == 1
            assert tab.locator(f'[id="{name}"]').count() <= 1
        # the English dictionary is still the script's, not a heading's text
        assert tab.evaluate('window.xinyiT("关闭")') == "Close"
        tab.goto(url + "communities/demo/ledger/2021-01/")
        tab.locator("a.xy-voucher").first.click()  # the lightbox still opens its own frame
        tab.wait_for_selector(".glightbox-container", state="visible")
        assert errors == []
