"""The portal on a 375 px phone, in large text and on paper: nothing hides off to the side,
every link and control in a table, list, menu or the header is finger-sized, money never
breaks inside a number, and a printed table keeps its total (合计) with its rows."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Page

from .browser import chromium, serve
from .test_site import page as read_page

pytestmark = pytest.mark.browser

MONTH = "communities/lantian/ledger/2023-01/"
PAGES = {
    "home": "", "communities": "communities/", "community": "communities/lantian/",
    "ledger index": "communities/lantian/ledger/", "month": MONTH,
    "all entries": "communities/lantian/ledger/all/", "compare": "compare/",
    "foundation": "foundation/", "foundation project": "foundation/projects/WHCF-2021-01/",
    "protection fund": "protection-fund/",
    "protection project": "protection-fund/projects/BZ-2021-01/",
    "standards": "standards/", "standard": "standards/xy-t-001-2024/", "data": "data/",
    "data dictionary": "maintainers/data-dictionary/", "what's new": "whatsnew/",
    "English community": "en/communities/lantian/",
    "English ledger index": "en/communities/lantian/ledger/",
    "English foundation": "en/foundation/",
}

# What a resident can see that does not fit or is too small to tap, on the page as shown.
PROBE = """() => {
  const vw = document.documentElement.clientWidth;
  const shown = e => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden"; };
  const wide = [...document.querySelectorAll("table")].filter(shown).filter(t => {
    const r = t.getBoundingClientRect(); return r.left < -0.5 || r.right > vw + 0.5;
  }).map(t => `table.${t.className} ${Math.round(t.getBoundingClientRect().width)}px`);
  /* A link inside a sentence is text (WCAG 2.5.8's inline exception): its paragraph or
     list item says more than the link does. */
  const running = e => { const block = e.closest("p, dd, li");
    return block && block.textContent.trim().length - e.textContent.trim().length >= 8; };
  const targets = "table a, table button, li a, nav a, header a, header button, header input, " +
    ".md-content button, .md-content select, .md-content input, summary";
  const small = [...document.querySelectorAll(targets)].filter(shown).filter(e =>
    !e.closest(".md-sidebar, .md-footer, .xy-sr-only") &&
    !(e.tagName === "A" && !e.closest("table") && running(e))
  ).filter(e => { const r = e.getBoundingClientRect(); return r.width < 43.5 || r.height < 43.5; })
   .map(e => { const r = e.getBoundingClientRect();
     const text = e.textContent.trim().slice(0, 16);
     return `${e.tagName.toLowerCase()} "${text}" ${Math.round(r.width)}x${Math.round(r.height)}`;
   });
  return {width: document.documentElement.scrollWidth, wide, small};
}"""


@pytest.fixture(scope="module")
def phone(sample_site: Path) -> Iterator[tuple[Page, str]]:
    with serve(sample_site) as url, chromium() as browser:
        yield browser.new_page(viewport={"width": 375, "height": 800}), url


@pytest.fixture(scope="module")
def problems(phone: tuple[Page, str]) -> dict[bool, list[str]]:
    """Every page kind, as it opens and then in large text: what does not fit."""
    page, url = phone
    found: dict[bool, list[str]] = {False: [], True: []}
    for kind, path in PAGES.items():
        page.goto(url + path)
        for large in (False, True):
            page.evaluate("on => document.documentElement.classList.toggle('xy-large', on)", large)
            seen = page.evaluate(PROBE)
            if seen["width"] > 375:
                found[large].append(f"{kind}: the page is {seen['width']} px wide")
            found[large] += [f"{kind}: {what} is wider than the screen" for what in seen["wide"]]
            found[large] += [f"{kind}: {what} is smaller than 44×44" for what in seen["small"]]
    page.evaluate("document.documentElement.classList.remove('xy-large')")
    return found


def test_every_page_kind_fits_a_phone_with_finger_sized_targets(
        problems: dict[bool, list[str]]) -> None:
    assert problems[False] == []


def test_large_text_fits_a_phone_too(problems: dict[bool, list[str]]) -> None:
    assert problems[True] == []


def test_wide_table_becomes_cards_showing_the_remuneration_verdict(phone: tuple[Page, str]) -> None:
    page, url = phone
    page.goto(url + "communities/lantian/")
    verdict = page.locator("table.xy-stack td[data-label='结论']").first
    box = verdict.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
    label = verdict.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"结论"'


def test_header_stays_on_top_and_its_toggle_is_readable(phone: tuple[Page, str]) -> None:
    page, url = phone
    page.goto(url + "communities/lantian/")
    toggle = page.locator(".xy-large-toggle")
    glyph = toggle.locator("span[aria-hidden='true']")
    assert glyph.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    toggle.click()
    page.mouse.wheel(0, 3000)
    page.wait_for_function("scrollY >= 2900")
    header = page.locator(".md-header").bounding_box()
    assert header and header["y"] == 0 and header["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    toggle.click()


def test_money_stays_on_one_line(phone: tuple[Page, str]) -> None:
    page, url = phone
    for path in ("communities/lantian/", "communities/lantian/ledger/", "foundation/"):
        page.goto(url + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        broken = page.evaluate("""() => [...document.querySelectorAll('td.xy-num')]
          .filter(e => e.offsetParent && /\\d,\\d/.test(e.textContent))
          .filter(e => !e.querySelector('small, br'))
          .filter(e => { const r = document.createRange(); r.selectNodeContents(e);
                         return r.getClientRects().length > 1 &&
                           new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1; })
          .map(e => e.textContent.trim())""")
        assert broken == [], path


def printed(page: Page) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    # The PDF's Chinese comes out partly as Kangxi radicals (⽀ for 支): NFKC folds them.
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]


def test_printed_category_total_stays_with_its_rows(phone: tuple[Page, str]) -> None:
    page, url = phone
    page.goto(url + MONTH)
    for rows in (0, 40):  # the month as it is; then with forty more categories to print
        page.evaluate("""n => {
          const body = document.querySelectorAll('table.xy-by-category tbody')[1];
          for (let i = 0; i < n; i++) { const row = body.rows[0].cloneNode(true);
            row.cells[0].textContent = '附加科目' + (i + 1); body.prepend(row); } }""", rows)
        pages = printed(page)
        last = [t for t in pages if "支出科目" in t][-1]
        total = last[last.rindex("支出科目"):]
        assert "合计" in total
        assert sum(line.count(",") + line.count(".") > 0 for line in total.splitlines()) >= 4


def test_notice_without_site_address_names_the_community_page(sample_site: Path) -> None:
    html = read_page(sample_site, MONTH + "index.html")
    assert "网站地址未配置" not in html
    assert 'class="xy-qr"' not in html
    assert '<code data-notice="path">/communities/lantian/</code>' in html


def test_months_of_the_first_publication_read_plainly(sample_site: Path) -> None:
    html = read_page(sample_site, "communities/lantian/index.html")
    assert "随本小区首次公开一并发布" in html
    assert "随首次公开导入" not in html
    english = read_page(sample_site, "en/communities/lantian/index.html")
    assert "Published together with the community&#39;s first publication" in english
