"""Real-scale lists: a foundation project with thousands of donations, a month of thousands
of entries and a protection fund of a thousand projects come as pages a phone can load
(under 100 KB gzip each), every row reachable through the page links without JavaScript,
the whole list's count and sum on the first page; small lists stay one page."""

from __future__ import annotations

import csv
import gzip
import posixpath
import re
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.scale import COMMUNITY, MONTH, PROJECT, write_scale
from generator import urls

from .conftest import REPO, build_into
from .test_links import Site, _PageParser, broken_links

DONATIONS, ENTRIES, PROJECTS, DISBURSEMENTS = 2600, 2400, 600, 700
PAGE_LINK = re.compile(r'<nav class="xy-pager" aria-label="[^"]*的页码">(.*?)</nav>', re.S)
INDEX_LINK = re.compile(r'<details class="xy-page-index">(.*?)</details>', re.S)
HREF = re.compile(r'href="([^"]+)"')
KB = 1024


@pytest.fixture(scope="module")
def scale(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("scale")
    datasets = work / "datasets"
    write_scale(datasets, donations=DONATIONS, entries=ENTRIES, projects=PROJECTS,
                disbursements=DISBURSEMENTS)
    result = build_into(REPO, datasets, work / "site")
    assert result.exit_code == 0, result.output
    return datasets, work / "site"


def page(site: Path, address: str) -> str:
    return (site / urls.page_file(address)).read_text(encoding="utf-8")


def table_rows(datasets: Path, table: str) -> list[dict[str, str]]:
    with (datasets / table).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def walk(site: Path, first: str) -> dict[str, str]:
    """Every page reached from ``first`` through the page links, by site file."""
    seen: dict[str, str] = {}
    todo = [urls.page_file(first)]
    while todo:
        here = todo.pop()
        if here in seen:
            continue
        html = seen[here] = (site / here).read_text(encoding="utf-8")
        for block in PAGE_LINK.findall(html) + INDEX_LINK.findall(html):
            for href in HREF.findall(block):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(here), href))
                assert (site / target / "index.html").is_file(), f"{here} → {href}"
                todo.append(f"{target}/index.html")
    return seen


def parsed(site: Path, folders: tuple[str, ...]) -> Site:
    """The site's files, with the pages under ``folders`` parsed (test_links.crawl)."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    pages = {}
    for rel in sorted(f for f in files if f.endswith(".html") and f.startswith(folders)):
        parser = _PageParser()
        parser.feed((site / rel).read_text(encoding="utf-8"))
        pages[rel] = parser.page
    return Site(site, files, pages)


def test_every_page_loads_in_under_100_kb_gzip(scale: tuple[Path, Path]) -> None:
    _, site = scale
    sizes = {p.relative_to(site).as_posix(): len(gzip.compress(p.read_bytes(), mtime=0))
             for p in site.rglob("*.html")}
    assert len(sizes) > 20
    assert max(sizes.values()) < 100 * KB, max(sizes.items(), key=lambda s: s[1])
    # before paging, the project's page alone was one page of every donation
    assert len([p for p in sizes if "/donations/" in p and p.startswith("foundation/")]) == 5


def test_every_donation_is_reachable_through_the_page_links(scale: tuple[Path, Path]) -> None:
    datasets, site = scale
    ids = {r["donation_id"] for r in table_rows(datasets, "foundation/donations.csv")
           if r["project_id"] == PROJECT}
    shown: list[str] = []
    for html in walk(site, urls.foundation_project(PROJECT)).values():
        if '<h2 id="money-in">' not in html:
            continue  # a page of disbursements, which the project's page links too
        gifts = html.split('<h2 id="money-in">')[1].split("</table>")[0]
        shown += re.findall(r"<tr><td[^>]*>\d{4}-\d\d-\d\d</td><td[^>]*>([^<]+)</td>", gifts)
    assert len(shown) == len(ids) == DONATIONS + 1
    assert set(shown) == ids


def test_every_disbursement_is_reachable_through_the_page_links(
        scale: tuple[Path, Path]) -> None:
    datasets, site = scale
    ids = {r["disbursement_id"] for r in table_rows(datasets, "foundation/disbursements.csv")
           if r["project_id"] == PROJECT}
    pages = [html for html in walk(site, urls.foundation_disbursements(PROJECT, 2)).values()
             if 'id="money-out"' in html]
    row = re.compile(r'<tr id="([^"]+)"><td[^>]*>\d{4}')
    shown = [i for html in pages for i in row.findall(html.split('id="money-out"')[1])]
    assert sorted(shown) == sorted(ids)
    assert len(pages) == 2  # 702 disbursements: the project's page and one more


def test_the_first_page_totals_the_whole_list(scale: tuple[Path, Path]) -> None:
    datasets, site = scale
    gifts = [r for r in table_rows(datasets, "foundation/donations.csv")
             if r["project_id"] == PROJECT]
    html = page(site, urls.foundation_project(PROJECT))
    raised = re.search(r'data-project="raised"[^>]*>([^<]+)<', html)
    assert raised and Decimal(raised[1].replace(",", "")) == sum(
        Decimal(r["amount"]) for r in gifts)
    assert f"全部 {len(gifts)} 笔合计" in html
    assert f"定向捐赠共 {len(gifts)} 条，分 6 页；本页为第 1–500 条（第 1 页）。" in html
    english = page(site, urls.in_language(urls.foundation_project(PROJECT), "en"))
    assert f"Total of all {len(gifts)}" in english


def test_a_long_month_is_shown_in_parts_and_prints_whole(scale: tuple[Path, Path]) -> None:
    datasets, site = scale
    entries = {r["entry_id"] for r in table_rows(datasets, f"communities/{COMMUNITY}/ledger.csv")
               if r["date"].startswith(MONTH)}
    parts = walk(site, urls.month(COMMUNITY, MONTH))
    shown = [i for html in parts.values() for i in re.findall(r'<tr id="([^"]+)"', html)]
    assert len(parts) == 3 and len(shown) == len(entries) and set(shown) == entries
    notice = page(site, urls.month_notice(COMMUNITY, MONTH))
    assert set(re.findall(r'<tr id="([^"]+)"', notice)) == entries
    assert 'class="md-button md-button--primary xy-print"' in notice  # prints as today
    first = parts[urls.page_file(urls.month(COMMUNITY, MONTH))]
    assert "打印本月完整公示表" in first
    assert f"本月收支明细共 {len(entries)} 条，分 3 页；本页为第 1–1000 条（第 1 页）。" in first
    # the month's totals are on every part
    assert all('data-month-closing>14,715.00<' in html for html in parts.values())


def test_links_between_the_pages_of_long_lists_lead_to_their_rows(
        scale: tuple[Path, Path]) -> None:
    """A correction's link to the entry it corrects finds it on whichever part it is."""
    _, site = scale
    found = parsed(site, (urls.ledger(COMMUNITY), urls.foundation(), urls.protection()))
    assert len(found.pages) > 10
    assert broken_links(found) == []


def test_a_long_project_list_is_paged_without_its_filters(scale: tuple[Path, Path]) -> None:
    datasets, site = scale
    ids = {r["project_id"] for r in table_rows(datasets, "protection-fund/projects.csv")}
    pages = walk(site, urls.protection())
    shown = [i for html in pages.values()
             for i in re.findall(r'href="(?:\.\./)*protection-fund/projects/([^/]+)/"', html)]
    assert len(pages) == 2 and sorted(shown) == sorted(ids)
    first = pages[urls.page_file(urls.protection())]
    assert "xy-table-filter" not in first  # a filter would see one page only
    assert f'data-protection="projects">{len(ids)}<' in first


def test_small_lists_stay_one_page_without_page_links(minimal_site: Path) -> None:
    for address in (urls.foundation_project("F-01"), urls.protection(),
                    urls.month("demo", "2021-02")):
        html = page(minimal_site, address)
        assert "xy-pager\" aria-label" not in html.replace('aria-label="月份"', "")
        assert "xy-page-of" not in html and "xy-page-index" not in html
    assert not list(minimal_site.rglob("donations"))
    assert not (minimal_site / urls.page_file(urls.month_notice("demo", "2021-02"))).exists()
    assert "xy-table-filter" in page(minimal_site, urls.protection())
