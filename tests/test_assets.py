"""What a phone downloads: one asset folder for both languages, none of the theme's files
the portal does not use, every script deferred and loaded only by pages that use it, and
little enough in the way of the first paint that it comes fast on a slow network."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from .browser import chromium, serve

KB = 1024
# Stylesheets and scripts a page waits for before it is drawn, gzipped as a web host
# sends them: today the theme's stylesheet (23 KB) and the portal's (7 KB).
RENDER_BLOCKING_BUDGET = 36 * KB
PAGES = ["index.html", "communities/demo/", "communities/demo/ledger/2021-01/",
         "standards/xy-t-002-2024/", "search/", "foundation/projects/F-01/"]
_REF = re.compile(r'<(?:link|script)\b[^>]*?\s(?:href|src)="([^"#?]+)"[^>]*>')


def html_of(site: Path, page: str) -> str:
    path = site / page / "index.html" if page.endswith("/") else site / page
    return path.read_text(encoding="utf-8")


def local_references(site: Path) -> dict[str, set[str]]:
    """Each page's stylesheets, scripts and icons that are in the site, as site paths."""
    found: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        base = "http://site/" + rel
        refs = {urlparse(urljoin(base, r)).path.lstrip("/") for r in _REF.findall(
            page.read_text(encoding="utf-8")) if not urlparse(r).scheme}
        found[rel] = {r for r in refs if r.startswith(("assets/", "en/assets/"))}
    return found


def test_the_english_site_uses_the_same_asset_files(minimal_site: Path) -> None:
    assert (minimal_site / "assets" / "xinyi" / "portal.css").is_file()
    assert not (minimal_site / "en" / "assets").exists()
    english = {p: r for p, r in local_references(minimal_site).items() if p.startswith("en/")}
    assert len(english) > 20
    named = set().union(*english.values())
    assert "assets/xinyi/portal.css" in named and "assets/xinyi/portal.js" in named
    missing = sorted(f"{p}: {r}" for p, refs in english.items() for r in refs
                     if not (minimal_site / r).is_file())
    assert missing == []


def test_every_asset_a_chinese_page_names_is_in_the_site(minimal_site: Path) -> None:
    chinese = {p: r for p, r in local_references(minimal_site).items() if not p.startswith("en/")}
    missing = sorted(f"{p}: {r}" for p, refs in chinese.items() for r in refs
                     if not (minimal_site / r).is_file())
    assert missing == []


def test_the_themes_own_search_and_source_maps_are_not_shipped(minimal_site: Path) -> None:
    shipped = sorted(p.relative_to(minimal_site).as_posix()
                     for p in minimal_site.rglob("*") if p.is_file())
    assert [p for p in shipped if "/lunr/" in p or "/workers/" in p or p.endswith(".map")] == []
    assert [p for p in shipped if "palette" in p] == []
    bundle = next((minimal_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert b"sourceMappingURL" not in bundle.read_bytes()


@pytest.mark.parametrize("page", PAGES)
def test_what_a_page_waits_for_before_it_is_drawn_stays_small(minimal_site: Path,
                                                             page: str) -> None:
    html = html_of(minimal_site, page)
    head = html[:html.index("</head>")]
    blocking = [m for m in re.findall(r'<link rel="stylesheet" href="([^"]+)"[^>]*>', head)]
    assert blocking, "the page has its stylesheets"
    base = "http://site/" + (page + "index.html" if page.endswith("/") else page)
    size = sum(len(gzip.compress(
        (minimal_site / urlparse(urljoin(base, href)).path.lstrip("/")).read_bytes()))
        for href in blocking)
    size += sum(len(s.encode()) for s in re.findall(r"<style>(.*?)</style>", head, re.S))
    assert size <= RENDER_BLOCKING_BUDGET, f"{page}: {size / KB:.1f} KB"
    # the theme's and the portal's scripts; a page's own (the search page's, in its
    # article) may run at once, to keep the space of what it shows from the start
    outside = html[:html.index("<article")] + html[html.rindex("</article>"):]
    scripts = re.findall(r"<script\b[^>]*\ssrc=[^>]*>", outside)
    assert scripts and all(" defer" in s or " async" in s for s in scripts), scripts


def scripts_of(site: Path, page: str) -> set[str]:
    return {Path(s).name for s in re.findall(r'<script src="([^"]+)"', html_of(site, page))}


def test_a_page_loads_only_the_portal_scripts_it_uses(minimal_site: Path) -> None:
    home = scripts_of(minimal_site, "index.html")
    assert "portal.js" in home
    assert not home & {"ledger.js", "vouchers.js", "fee.js"}
    assert {"ledger.js", "vouchers.js"} <= scripts_of(minimal_site,
                                                      "communities/demo/ledger/2021-01/")
    assert "ledger.js" not in scripts_of(minimal_site, "standards/xy-t-002-2024/")


def test_every_label_names_a_control_on_its_page(minimal_site: Path) -> None:
    wrong = []
    for page in sorted(minimal_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        wrong += [f"{page.relative_to(minimal_site)}: {f}"
                  for f in re.findall(r'<label\b[^>]*\sfor="([^"]+)"', html) if f not in ids]
    assert wrong == []


@pytest.mark.browser
def test_deferred_scripts_still_run_and_nothing_is_missing(minimal_site: Path) -> None:
    """The month's search box (ledger.js) shows; no request of any page fails."""
    failed: list[str] = []
    with serve(minimal_site) as url, chromium() as browser:
        tab = browser.new_page(viewport={"width": 375, "height": 740})
        tab.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        tab.on("requestfailed", lambda r: failed.append(r.url))
        tab.goto(url + "communities/demo/ledger/2021-01/", wait_until="networkidle")
        assert tab.locator(".xy-filter").is_visible()
        for page in ["en/", "en/communities/demo/", "en/standards/xy-t-002-2024/", "en/search/",
                     "index.html"]:
            tab.goto(url + page, wait_until="networkidle")
    assert failed == []
