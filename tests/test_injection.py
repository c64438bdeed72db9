"""Untrusted text is never markup: a site built from datasets whose every free-text field
holds script, HTML, Markdown, entities and template syntax (tests/injection.py), opened
page by page in headless Chromium in both languages. No payload runs, adds an element or
fetches anything; each field reads, where it is shown, as the very text it holds. The
same goes for what pages load at run time (all entries, search), the notice-board
print-out, the Atom feed and the open-data files."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import pytest
from playwright.sync_api import Dialog, Page, Request, expect

from generator import schemas

from .browser import chromium, serve
from .conftest import REPO, build_into, compose, run
from .injection import (
    FILE_NAME,
    KEYWORD,
    NOTICE,
    PAYLOAD,
    PAYLOADS,
    PRINTED,
    Field,
    Link,
    free_text_columns,
    free_text_properties,
    make_hostile,
)

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
WHEN = "2024-05-01T10:00:00+08:00"  # the publication, and so the build date

# Whatever a payload would add to a page: frames, images, bold text from a decoded
# entity, inline scripts naming the marker, event handlers, attributes broken out of
# their quotes, javascript: and evil.example addresses. None of these is the portal's
# own (it has no <img> but the publishing guide's own picture, of class
# xy-guide-picture, no <b>, frames or inline handlers; SVG charts use x= legitimately).
PROBE = r"""(root) => {
  const found = [];
  const HTML = 'http://www.w3.org/1999/xhtml';
  for (const el of (root ? document.querySelector(root) : document).querySelectorAll('*')) {
    const tag = el.localName;
    if (['iframe', 'frame', 'object', 'embed', 'img', 'b'].includes(tag) &&
        !(tag === 'img' && el.classList.contains('xy-guide-picture'))) found.push(tag);
    if (tag === 'script' && !el.src && el.textContent.includes('__pwned')) found.push('script');
    for (const a of el.attributes) {
      if (a.name.startsWith('on') || /["'=<>]|pwned/.test(a.name) ||
          (el.namespaceURI === HTML && ['x', 'autofocus'].includes(a.name))) {
        found.push(`${tag}[${a.name}]`);
      }
      if (/^\s*javascript:/i.test(a.value) || /evil\.example/.test(a.value) &&
          ['href', 'src', 'srcset', 'action', 'data', 'poster'].includes(a.name)) {
        found.push(`${tag}[${a.name}="${a.value}"]`);
      }
    }
  }
  return found;
}"""

# Fire what an injected handler would wait for, on every element, then pageshow.
TRIGGER = """() => {
  for (const el of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin']) {
      el.dispatchEvent(new Event(type, {bubbles: false}));
    }
  }
  window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
}"""

# The middle of the n-th visible element showing injected text, scrolled into view.
SPOT = """(n) => {
  const all = [...document.querySelectorAll('h1, td, th, dd, li, p')].filter(el =>
    el.textContent.includes('注入') && el.getClientRects().length);
  const el = all[n];
  if (!el) return null;
  el.scrollIntoView({block: 'center'});
  const r = el.getBoundingClientRect();
  return {x: r.left + Math.min(r.width / 2, 20), y: r.top + r.height / 2};
}"""


@dataclass(frozen=True)
class Built:
    site: Path
    fields: list[Field]
    links: list[Link]


@dataclass
class Seen:
    text: str  # document.body.innerText: what a reader sees
    title: str
    found: list[str]  # elements and attributes from a payload
    pwned: bool
    logged: list[str]  # requests off the site, dialogs and script errors of this page


@dataclass
class Browsing:
    url: str
    tab: Page
    page: str = ""  # the page being opened, for the logs
    elsewhere: list[str] = field(default_factory=list)  # requests off the site, dialogs
    errors: list[str] = field(default_factory=list)  # the portal's scripts failing

    def requested(self, request: Request) -> None:
        # Another host, or what a payload names: evil.example, or <img src=x> on this one.
        url = urlparse(request.url)
        if url.netloc not in (urlparse(self.url).netloc, "") or "evil.example" in request.url \
                or url.path.endswith("/x"):
            self.elsewhere.append(f"{self.page}: {request.url}")

    def dialog(self, dialog: Dialog) -> None:
        self.elsewhere.append(f"{self.page}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    def open(self, page: str) -> None:
        self.page = page
        self.tab.goto(self.url + page)

    def check(self) -> Seen:
        """Hover and focus what shows injected text, fire the handlers' events, then look."""
        for n in range(3):
            spot = self.tab.evaluate(SPOT, n)
            if spot:
                self.tab.mouse.move(spot["x"], spot["y"])
        for _ in range(3):
            self.tab.keyboard.press("Tab")
        self.tab.evaluate(TRIGGER)
        logged = [e for e in self.elsewhere + self.errors if e.startswith(f"{self.page}: ")]
        return Seen(self.tab.evaluate("document.body.innerText"), self.tab.title(),
                    self.tab.evaluate(PROBE, None), self.tab.evaluate("window.__pwned === 1"),
                    logged)


def commit(repo: Path) -> None:
    """One publication, so that the what's-new page and the feed list the hostile names."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "maintainer", "GIT_AUTHOR_EMAIL": "m@example.cn",
           "GIT_COMMITTER_NAME": "maintainer", "GIT_COMMITTER_EMAIL": "m@example.cn",
           "GIT_AUTHOR_DATE": WHEN, "GIT_COMMITTER_DATE": WHEN}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "hostile publication"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    scratch = tmp_path_factory.mktemp("hostile")
    made = make_hostile(compose(scratch))
    commit(scratch)
    result = build_into(REPO, scratch / "datasets", scratch / "site")
    assert result.exit_code == 0, result.output
    return Built(scratch / "site", made.fields, made.links)


@pytest.fixture(scope="module")
def browsing(hostile: Built) -> Iterator[Browsing]:
    with serve(hostile.site) as url, chromium() as browser:
        b = Browsing(url, browser.new_page(viewport={"width": 1280, "height": 900}))
        b.tab.on("request", b.requested)
        b.tab.on("dialog", b.dialog)
        b.tab.on("pageerror", lambda error: b.errors.append(f"{b.page}: {error}"))
        # The detectors do see a payload that got through.
        b.tab.set_content('<p>注入</p><b onmouseover="window.__pwned=1">x</b>'
                          '<a href="javascript:void 0">y</a><iframe src="about:blank"></iframe>')
        probe = b.check()
        assert probe.pwned
        assert probe.found == ["b", "b[onmouseover]", 'a[href="javascript:void 0"]', "iframe"]
        yield b


REFRESH = 'http-equiv="refresh"'


def site_pages(site: Path) -> list[str]:
    """Every HTML page of both languages, as the address a reader opens; not the former
    addresses of statements and English months, which lead on at once (the test below)."""
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html")
                  for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts
                  and REFRESH not in p.read_text(encoding="utf-8"))


def test_former_statement_addresses_hold_the_title_as_text(hostile: Built) -> None:
    title = of(hostile.fields, "community-package", "title")[0].value
    files = sorted((hostile.site / "communities/demo/notice").rglob("index.html"))
    files += sorted((hostile.site / "en/communities/demo/ledger").glob("20*/index.html"))
    assert len(files) == 4
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert REFRESH in text and title in html.unescape(text)
        assert "<img" not in text and "__pwned=1</script>" not in text


@pytest.fixture(scope="module")
def seen(hostile: Built, browsing: Browsing) -> dict[str, Seen]:
    pages = site_pages(hostile.site)
    assert len(pages) > 50 and any(p.startswith("en/") for p in pages)
    found = {}
    for page in pages:
        browsing.open(page)
        found[page] = browsing.check()
    return found


# ---- Every page ------------------------------------------------------------------------

def test_every_free_text_field_of_every_package_holds_a_payload(hostile: Built) -> None:
    injected = {(f.schema, f.column) for f in hostile.fields}
    expected = {(t, c) for t in schemas.TABLES for c in free_text_columns(t)}
    expected |= {(p, c) for p in schemas.PACKAGES for c in free_text_properties(p)}
    expected |= {("standards", "body")}  # the Markdown full texts
    assert expected - injected == set()
    assert len(expected) == 63 and len(hostile.fields) == 140


def test_no_payload_runs_on_any_page(seen: dict[str, Seen]) -> None:
    assert [page for page, s in seen.items() if s.pwned] == []


def test_no_page_gains_an_element_or_attribute_from_a_payload(seen: dict[str, Seen]) -> None:
    assert {page: s.found for page, s in seen.items() if s.found} == {}


def test_no_page_fetches_anything_a_payload_names(seen: dict[str, Seen],
                                                  browsing: Browsing) -> None:
    assert browsing.elsewhere == []


def test_hostile_text_breaks_no_script_of_the_portal(seen: dict[str, Seen],
                                                     browsing: Browsing) -> None:
    assert browsing.errors == []


def test_every_field_reads_as_its_own_text_where_it_is_shown(
        hostile: Built, seen: dict[str, Seen]) -> None:
    missing = [f"{f.key} on {page or 'home'}: {text[:60]}"
               for f in hostile.fields for page in f.pages for text in f.texts
               if not page.startswith(PRINTED) and text not in seen[page].text]
    assert missing == []
    shown = [f for f in hostile.fields if f.pages]
    # on no page: budget notes and consent; the registers' notes, a payee declared but never
    # paid, and an answer folded with its question (it reads open under its budget line)
    assert len(shown) == len(hostile.fields) - 11


def test_payloads_show_whole_and_literal_wherever_they_start(seen: dict[str, Seen]) -> None:
    # "{{ 7*7 }}" is never 49, "&lt;b&gt;" never <b>: a payload that starts to show shows
    # whole (chart labels, cut short, are SVG text and not read here).
    start = PAYLOADS[0] + " " + PAYLOADS[1]
    whole = (PAYLOAD, KEYWORD)
    cut = {page: s.text.count(start) - sum(s.text.count(w) for w in whole)
           for page, s in seen.items()}
    assert {page: n for page, n in cut.items() if n} == {}
    assert sum(s.text.count(PAYLOAD) for s in seen.values()) > 300


def test_page_titles_hold_the_payload_as_text(seen: dict[str, Seen]) -> None:
    titled = {page: s.title for page, s in seen.items() if "注入" in s.title}
    assert len(titled) > 30
    assert {page: t for page, t in titled.items() if PAYLOAD not in t} == {}


# ---- What pages load at run time -------------------------------------------------------

def of(fields: list[Field], schema: str, *columns: str) -> list[Field]:
    return [f for f in fields if f.schema == schema and (not columns or f.column in columns)]


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_all_entries_loaded_on_request_read_as_text(
        hostile: Built, browsing: Browsing, lang: str) -> None:
    tab = browsing.tab
    browsing.open(lang + "communities/demo/ledger/all/")
    tab.click(".xy-load-button")
    expect(tab.locator(".xy-all-table tbody tr")).to_have_count(8)
    # Filtering and sorting make the table anew from the same data.
    tab.fill("form.xy-ledger-tools input[name=q]", "onerror")
    tab.select_option("select[name=sort]", "amount-asc")
    expect(tab.locator(".xy-filter-count")).to_contain_text("8")
    seen = browsing.check()
    assert not seen.pwned and seen.found == [] and seen.logged == []
    table = tab.inner_text(".xy-all-table")
    assert [f.key for f in of(hostile.fields, "ledger") if f.value not in table] == []
    voucher = tab.get_attribute('tr[data-entry="D-003"] a.xy-voucher', "href") or ""
    assert unquote(voucher).endswith(FILE_NAME + ".png")
    names = of(hostile.fields, "categories", "name_en" if lang else "name_zh")
    options = tab.eval_on_selector_all("select[name=category] option",
                                       "options => options.map(o => o.textContent)")
    assert sorted(f.value for f in names) == sorted(options[1:])


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_search_results_show_hostile_titles_and_excerpts_as_text(
        hostile: Built, browsing: Browsing, lang: str) -> None:
    tab = browsing.tab
    about = next(f for f in hostile.fields
                 if f.key == "communities/demo/datapackage.json:description")
    word = about.value.split(" ", 1)[0]  # 注入NN号, only in that description
    browsing.open(f"{lang}search/?q={word}")
    expect(tab.locator("#xy-search-results li")).to_have_count(1)
    # The community page's title (spaced characters on the English site) and an excerpt
    # of its text, the payload as text.
    title = of(hostile.fields, "community-package", "title")[0].value
    assert "".join(title.split()) in "".join(tab.inner_text(".xy-result-link").split())
    assert PAYLOADS[0] in tab.inner_text("#xy-search-results li p")
    assert tab.evaluate(PROBE, "#xy-search-results") == []
    # Entries are searched within their community (全部账目查询), not site-wide.
    entry = next(f for f in hostile.fields if f.key.endswith(":D-004:description"))
    browsing.open(f"{lang}search/?q={entry.value.split(' ', 1)[0]}")
    expect(tab.locator("#xy-search-status")).to_contain_text(
        "No page contains" if lang else "没有找到")
    # A page named by the query comes first, from search/titles.json.
    project = next(f for f in hostile.fields if f.key.endswith(":F-01:title"))
    browsing.open(f"{lang}search/?q={project.value.split(' ', 1)[0]}")
    first = tab.locator("#xy-search-results .xy-result-link").first
    expect(first).to_have_text(project.value)
    seen = browsing.check()
    assert not seen.pwned and seen.logged == []
    assert tab.evaluate(PROBE, "#xy-search-results") == []


def test_notice_board_print_out_reads_as_text_on_paper(
        hostile: Built, browsing: Browsing) -> None:
    page = NOTICE["2021-01"]  # the month page, printed
    browsing.tab.emulate_media(media="print")
    try:
        browsing.open(page.removeprefix(PRINTED))
        seen = browsing.check()
    finally:
        browsing.tab.emulate_media(media="screen")
    assert not seen.pwned and seen.found == [] and seen.logged == []
    shown = [f for f in hostile.fields if page in f.pages]
    assert len(shown) == 19
    assert [f.key for f in shown if f.value not in seen.text] == []


# Links to files with hostile names: the portal's own URL of the file, which is there.
LINKS = "links => links.map(a => a.href)"


def test_files_with_hostile_names_are_linked_and_served(
        hostile: Built, browsing: Browsing) -> None:
    assert len(hostile.links) == 6
    for link in hostile.links:
        # A voucher is linked from its Chinese month page; English ones list no entry.
        for lang in ("",) if "/ledger/20" in link.page else ("", "en/"):
            browsing.open(lang + link.page)
            hrefs = {unquote(h) for h in browsing.tab.eval_on_selector_all("a[href]", LINKS)}
            assert browsing.url + link.target in hrefs, link
        response = browsing.tab.request.get(browsing.url + quote(link.target))
        assert response.status == 200, link


def test_voucher_with_a_hostile_name_opens_as_an_image(browsing: Browsing) -> None:
    tab = browsing.tab
    browsing.open("communities/demo/ledger/2021-01/")
    tab.click("#D-003 a.xy-voucher")
    image = tab.locator(".glightbox-container .gslide-image img")
    expect(image).to_be_visible()
    assert tab.evaluate("document.querySelector('.gslide-image img').naturalWidth") > 0
    assert unquote(image.get_attribute("src") or "").endswith(FILE_NAME + "@phone.png")
    seen = browsing.check()
    assert not seen.pwned and seen.found == ["img"] and seen.logged == []  # the voucher itself
    tab.keyboard.press("Escape")


# ---- Files: the feed, the open data, the search titles -----------------------------------

def test_atom_feed_carries_hostile_names_as_escaped_text(hostile: Built) -> None:
    raw = (hostile.site / "whatsnew/feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in raw
    summary = ET.fromstring(raw).find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None and list(summary) == []  # text, no elements
    names = [f.value for f in hostile.fields
             if f.key.endswith(("demo/datapackage.json:title", ":title", ":title_zh"))
             and f.schema in ("community-package", "foundation-projects",
                              "protection-projects", "standards")]
    assert len(names) == 9
    assert [n for n in names if n not in (summary.text or "")] == []


def leaves(value: object) -> Iterator[object]:
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from leaves(item)
    else:
        yield value


def test_open_data_and_runtime_json_keep_every_value_exactly(hostile: Built) -> None:
    def values(path: str) -> set[object]:
        return set(leaves(json.loads((hostile.site / path).read_text(encoding="utf-8"))))

    for f in hostile.fields:
        if f.data:  # a table: data/<package>/<table>.json
            assert f.value in values(f.data), f.key
        elif f.key.endswith(".md"):  # a full text: published as its Markdown file
            slug = Path(f.key).stem
            text = (hostile.site / f"standards/{slug}/{slug}.md").read_text(encoding="utf-8")
            assert text.endswith(f.value)
        else:  # a descriptor property
            assert f.value in values("data/" + f.key.split(":")[0]), f.key
    page = (hostile.site / "communities/demo/ledger/all/index.html").read_text("utf-8")
    meta = re.search(r" data-meta='([^']*)'", page)
    assert meta and "<" not in meta.group(1)  # an attribute's value, escaped
    # What 全部账目查询 shows: the open-data ledger, and the names its page adds.
    entries = values("data/communities/demo/ledger.json") | set(
        leaves(json.loads(html.unescape(meta.group(1)))))
    assert all(f.value in entries for f in of(hostile.fields, "ledger", "categories"))
    titles = values("search/titles.json") | values("en/search/titles.json")
    assert all(f.value in titles for f in of(hostile.fields, "foundation-projects", "title"))


# ---- What validation refuses -------------------------------------------------------------

# Markup in a standard's full text is not escaped but refused: the sanitiser would remove it.
REFUSED = {
    "<script>window.__pwned=1</script>": "<script>",
    '<img src=x onerror="window.__pwned=1">': "<img onerror>",
    "[点我](javascript:window.__pwned=1)": '<a href "javascript:window.__pwned=1">',
    "![x](http://evil.example/x.png)": '<img src "http://evil.example/x.png">',
    "<iframe src=//evil.example>": '<iframe src "//evil.example">',
    # Attributes that would reach the page's own elements and scripts: an id replacing the
    # interface dictionary, the voucher class that opens the lightbox on a click.
    '<p id="xy-text">{}</p>': "<p id>",
    '<a class="xy-voucher" href="https://x.example/a.png">凭证</a>': "<a class>",
    '<span style="position:fixed;inset:0">遮盖</span>': "<span style>",
    '<form action="https://evil.example/"><input name="q"><button>提交</button></form>':
        "<form>",
    '<a name="top" title="x" target="_blank" href="https://x.example/">链接</a>': "<a name>",
    '<details open ontoggle="window.__pwned=1"><summary>展开</summary></details>':
        "<details ontoggle>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>': "<svg>",
}


def test_markup_in_a_standard_text_is_refused_naming_what_would_be_removed(
        workdir: Path) -> None:
    body = compose(workdir) / "standards/texts/xy-t-003-2024.md"
    body.write_text(body.read_text(encoding="utf-8") +
                    "".join(f"\n注入 {p}\n" for p in REFUSED), encoding="utf-8")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].endswith("[standard-body-unsafe-html]")
    assert "datasets/standards/texts/xy-t-003-2024.md" in errors[0]
    assert [r for r in REFUSED.values() if r not in errors[0]] == []
