"""No broken internal link or anchor anywhere in the built site, in both languages: every
href and src leads to a published file, every #fragment to an id on its page, and nothing
but a few known text links leaves the site. Links that JavaScript builds at runtime are
out of scope. Parsed with the standard library's html.parser, no browser."""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

# The attributes that load or lead to an address; srcset holds a list of them.
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",),
    "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
    "form": ("action",), "video": ("src", "poster"), "audio": ("src",), "embed": ("src",),
    "object": ("data",), "track": ("src",), "use": ("href", "xlink:href"),
}
LEADS_AWAY = {"a", "area"}  # the only tags that may name another site: a reader follows them
# Links to other sites a reader may follow (never loaded by a page): Material's footer.
KNOWN_EXTERNAL = {"https://squidfunk.github.io/mkdocs-material/"}
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM = "http://www.w3.org/2005/Atom"
FILE_COLUMNS = ("voucher", "document", "report", "pdf")  # paths relative to the package folder


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, address)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for name in URL_ATTRIBUTES.get(tag, ()):
            if name in values:
                urls = ([c.split()[0] for c in values[name].split(",") if c.strip()]
                        if name == "srcset" else [values[name].strip()])
                self.page.links += [(tag, url) for url in urls]


@dataclass
class Site:
    root: Path
    files: set[str]  # every published file, relative to the root
    pages: dict[str, Page]  # every HTML file, parsed


def crawl(root: Path) -> Site:
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    pages: dict[str, Page] = {}
    for rel in sorted(f for f in files if f.endswith(".html")):
        parser = _PageParser()
        parser.feed((root / rel).read_text(encoding="utf-8"))
        pages[rel] = parser.page
    return Site(root, files, pages)


def resolve(site: Site, source: str, url: str) -> tuple[str | None, str]:
    """The published file an internal address on ``source`` leads to (None: none does, or
    it climbs out of the site), and its fragment. A directory address means its index.html;
    a root-relative one is read from the site's root, as the browser clamps '/..' there."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        return source, unquote(parts.fragment)
    if path.startswith("/"):
        joined = posixpath.normpath(path).lstrip("/")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if joined == ".." or joined.startswith("../"):
        return None, ""
    joined = "" if joined == "." else joined
    index = posixpath.join(joined, "index.html")
    if path.endswith("/") or joined == "":
        return (index if index in site.files else None), unquote(parts.fragment)
    found = joined if joined in site.files else index if index in site.files else None
    return found, unquote(parts.fragment)


def link_problem(site: Site, source: str, url: str) -> str | None:
    """Why an internal address is broken, or None when it leads to its file and anchor."""
    target, fragment = resolve(site, source, url)
    if target is None:
        return "no such file"
    if fragment and target in site.pages and fragment not in site.pages[target].ids:
        return f"no id {fragment!r} on {target}"
    return None


def internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def broken_links(site: Site) -> list[str]:
    broken = []
    for source, page in site.pages.items():
        for _, url in page.links:
            if internal(url) and (problem := link_problem(site, source, url)):
                broken.append(f"{source} → {url} ({problem})")
    return broken


def misplaced_links(site: Site) -> list[str]:
    """Addresses that are not broken files but must not be there at all."""
    problems = []
    for source, page in site.pages.items():
        for tag, url in page.links:
            parts = urlsplit(url)
            if parts.scheme.lower() == "javascript":
                problems.append(f"{source} → {url} (javascript: address)")
            elif parts.netloc and not parts.scheme:
                problems.append(f"{source} → {url} (protocol-relative: another host)")
            elif parts.scheme in ("http", "https") and tag not in LEADS_AWAY:
                problems.append(f"{source} → {url} (<{tag}> loads from another host)")
            elif url.startswith("/") and posixpath.basename(source) != "404.html":
                # Only mkdocs' 404 pages are addressed from the root: the rest of the site
                # must work under any path, e.g. a GitHub Pages project site.
                problems.append(f"{source} → {url} (root-relative)")
    return problems


def external_links(site: Site) -> dict[str, str]:
    """Each link to another site with the first page that has it."""
    found: dict[str, str] = {}
    for source, page in site.pages.items():
        for _, url in page.links:
            if urlsplit(url).scheme in ("http", "https"):
                found.setdefault(url, source)
    return found


@pytest.fixture(scope="module", params=["minimal_site", "sample_site"])
def site(request: pytest.FixtureRequest) -> Site:
    return crawl(request.getfixturevalue(request.param))


def test_every_internal_link_leads_to_a_file_and_anchor(site: Site) -> None:
    broken = broken_links(site)
    assert broken == [], f"{len(broken)} broken link(s):\n" + "\n".join(broken)


def test_the_crawl_covers_both_languages_and_the_anchors(site: Site) -> None:
    # a guard against a vacuous pass: both sites, and entry, clause and heading anchors
    assert any(p.startswith("en/") for p in site.pages) and "index.html" in site.pages
    fragments = {urlsplit(url).fragment for page in site.pages.values() for _, url in page.links}
    assert {"findings", "c1"} <= fragments  # a heading and a standard's first clause
    assert any(re.fullmatch(r"[A-Z]+(-\d+)+", f) for f in fragments)  # a ledger entry


def test_no_javascript_address_and_nothing_loaded_from_elsewhere(site: Site) -> None:
    problems = misplaced_links(site)
    assert problems == [], "\n".join(problems)


def test_links_to_other_sites_are_only_the_known_ones(site: Site) -> None:
    found = external_links(site)
    unknown = {url: page for url, page in found.items() if url not in KNOWN_EXTERNAL}
    assert unknown == {}, "\n".join(f"{page} → {url}" for url, page in unknown.items())


def test_sitemap_entries_are_published_pages(site: Site) -> None:
    # mkdocs lists pages only when it knows the site's address (the shortest entry, the
    # home page); each entry must then be a page below it.
    for sitemap in ("sitemap.xml", "en/sitemap.xml"):
        root = ET.parse(site.root / sitemap).getroot()
        locs = [e.text or "" for e in root.iter(f"{{{SITEMAP}}}loc")]
        home = min(locs, key=len, default="")
        missing = [loc for loc in locs if not loc.startswith(home)
                   or resolve(site, sitemap, "./" + loc[len(home):])[0] is None]
        assert missing == [], f"{sitemap}: " + ", ".join(missing)


def test_feed_links_lead_to_entries_on_the_whatsnew_page(site: Site) -> None:
    feed = ET.parse(site.root / "whatsnew" / "feed.xml").getroot()
    hrefs = [e.get("href", "") for e in feed.iter(f"{{{ATOM}}}link")]
    assert hrefs, "the feed links to its page"
    broken = [f"whatsnew/feed.xml → {h} ({problem})" for h in hrefs if internal(h)
              and (problem := link_problem(site, "whatsnew/feed.xml", h))]
    assert broken == [], "\n".join(broken)


def package_folders(site: Site) -> list[str]:
    """Each open-data package's folder under data/, e.g. data/communities/demo."""
    return sorted(posixpath.dirname(f) for f in site.files
                  if f.startswith("data/") and f.endswith("/datapackage.json"))


def test_open_data_descriptors_and_checksums_name_published_files(site: Site) -> None:
    missing = []
    for folder in package_folders(site):
        descriptor = json.loads((site.root / folder / "datapackage.json").read_bytes())
        missing += [f"{folder}/datapackage.json → {r['path']}" for r in descriptor["resources"]
                    if posixpath.join(folder, r["path"]) not in site.files]
    sums = (site.root / "data" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    missing += [f"data/SHA256SUMS → {line.split()[1]}" for line in sums
                if f"data/{line.split()[1]}" not in site.files]
    assert missing == [], "\n".join(missing)


def file_columns(site: Site, columns: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(package folder on the site, table, path) for every file a table's row names."""
    found = []
    for folder in package_folders(site):
        package = folder.removeprefix("data/")
        for table in sorted(f for f in site.files if posixpath.dirname(f) == folder
                            and f.endswith(".json") and not f.endswith("datapackage.json")):
            header, *rows = json.loads((site.root / table).read_bytes())
            for values in rows:
                row = dict(zip(header, values, strict=True))
                found += [(package, table, row[c]) for c in columns if row.get(c)]
    return found


def test_open_data_file_columns_lead_to_the_published_files(site: Site) -> None:
    # The data page says: voucher, document, report and pdf paths are relative to the
    # package's folder on the site, e.g. communities/<id>/vouchers/….
    rows = file_columns(site, FILE_COLUMNS)
    assert any(table.endswith("/ledger.json") for _, table, _ in rows)
    missing = [f"{table} → {path}" for package, table, path in rows
               if posixpath.join(package, path) not in site.files]
    assert missing == [], "\n".join(missing)


def test_standard_body_column_leads_to_the_published_text(site: Site) -> None:
    rows = file_columns(site, ("body",))
    assert rows
    assert [p for package, _, p in rows if posixpath.join(package, p) not in site.files] == []


def test_the_checks_see_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="../b/">b</a><a href="#gone">g</a><a href="./#here">h</a>'
        '<img src="../missing.png"><a href="../../up.html">u</a><a href="//en/">e</a>'
        '<a href="javascript:void(0)">j</a><script src="https://cdn.invalid/x.js"></script>'
        '<a href="mailto:x@example.org">m</a><a href="/a/">r</a>', encoding="utf-8")
    site = crawl(tmp_path)
    assert broken_links(site) == [
        "a/index.html → ../b/ (no such file)",
        "a/index.html → #gone (no id 'gone' on a/index.html)",
        "a/index.html → ../missing.png (no such file)",
        "a/index.html → ../../up.html (no such file)"]
    assert misplaced_links(site) == [
        "a/index.html → //en/ (protocol-relative: another host)",
        "a/index.html → javascript:void(0) (javascript: address)",
        "a/index.html → https://cdn.invalid/x.js (<script> loads from another host)",
        "a/index.html → /a/ (root-relative)"]
