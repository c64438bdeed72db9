"""Every English page reads in English: a scan of each page under en/ for Chinese text
that is neither the data the page shows nor a part deliberately left in Chinese.

What counts as data: every string value in the datasets' CSV and JSON files (community and
organisation names, descriptions, counterparties, project titles, file names...) and the
lines of the standards' texts, except the Chinese half of a pair that has an English half
(``name_zh`` beside ``name_en``): a category or a standard title must be shown in English.
What is deliberately Chinese: elements marked ``lang="zh"`` (the standards' official
texts and Chinese titles, the 中文 language switch) and the Pagefind filter key 类型.
Interface text, dates, units, chart axes and what's-new lines must all be English.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from playwright.sync_api import expect

from .browser import chromium, serve
from .conftest import MINIMAL, REPO

CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
RUN = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
SCANNED_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "data-pagefind-filter",
                      "data-pagefind-meta")
ALLOWED = {"类型"}  # the Pagefind filter key, the same in both languages


# What the datasets hold.

def data_strings(datasets: Path) -> set[str]:
    """Every string value of the datasets, every item of a list kept in one cell
    (keywords), every line of the standards' texts, and private donors' names as the site
    masks them (王**)."""
    found: set[str] = set()
    items: set[str] = set()
    for path in sorted(datasets.rglob("*")):
        if path.suffix == ".csv":
            found |= _csv_strings(path, items)
        elif path.suffix == ".json":
            _json_strings(json.loads(path.read_text(encoding="utf-8")), found)
        elif path.suffix == ".md":
            found |= {_unmarked(line) for line in path.read_text(encoding="utf-8").splitlines()}
        if path.is_file():
            found.add(path.name)
    found = (found - neighbourhoods(datasets)) | items
    found |= {s[0] + "**" for s in found if s and CJK.match(s)}  # personal.public_donor
    return {s for s in found if CJK.search(s)}


def neighbourhoods(datasets: Path) -> set[str]:
    """The neighbourhoods' Chinese names: they have English names (codelists/
    communities.csv), shown on English pages even where a community's profile repeats the
    Chinese one."""
    path = datasets / "codelists" / "communities.csv"
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["name_zh"] for row in csv.DictReader(handle) if row.get("name_en")}


def _csv_strings(path: Path, items: set[str]) -> set[str]:
    found: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column, value in row.items():
                translated = column.endswith("_zh") and row.get(column[:-3] + "_en")
                if value and not translated:
                    found.add(value)
                    items |= {part for part in value.split(";") if part and part != value}
    return found


def _json_strings(value: object, found: set[str]) -> None:
    if isinstance(value, str):
        found.add(value)
    elif isinstance(value, list):
        for item in value:
            _json_strings(item, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not (key.endswith("_zh") and value.get(key[:-3] + "_en")):
                _json_strings(item, found)


def _unmarked(line: str) -> str:
    """A line of Markdown as it reads on the page: no heading, list or emphasis marks."""
    return re.sub(r"^\s*(#+|[-*+]|\d+\.|>)\s*|\*\*|__|`", "", line).strip()


class DataIndex:
    """The data strings, found quickly by their first Chinese character."""

    def __init__(self, strings: set[str]) -> None:
        self.exact = strings
        self.by_first: dict[str, list[str]] = defaultdict(list)
        for s in strings:
            self.by_first[CJK.search(s).group()].append(s)  # type: ignore[union-attr]
        self.blob = "\n".join(sorted(strings))

    def residue(self, text: str) -> str:
        """text without the data it holds: whole values, and values cut short with an
        ellipsis."""
        text = text.strip()
        if text in self.exact:
            return ""
        firsts = {m.group() for m in CJK.finditer(text)}
        held = {v for first in firsts for v in self.by_first.get(first, ()) if v in text}
        for value in sorted(held, key=lambda v: (-len(v), v)):  # a value before its parts
            text = text.replace(value, " ")
        return RUN.sub(lambda m: self._cut(m, text), text)

    def _cut(self, match: re.Match[str], text: str) -> str:
        shortened = text[match.end():match.end() + 1] == "…"
        return "" if shortened and f"\n{match.group()}" in f"\n{self.blob}" else match.group()


# What the pages show.

class _PageText(HTMLParser):
    """The text a reader meets on a page: text nodes and the attributes that are read out
    or shown, outside scripts, styles and elements marked as Chinese."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.pieces: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skip = values.get("lang") == "zh" or tag in ("script", "style", "template")
        if not skip and not self._skipping():
            self.pieces += [values[a] or "" for a in SCANNED_ATTRIBUTES if a in values]
            if tag == "meta" and values.get("name") == "description":
                self.pieces.append(values.get("content") or "")
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping() and data.strip():
            self.pieces.append(data)


def page_texts(html: str) -> list[str]:
    parser = _PageText()
    parser.feed(html)
    return parser.pieces


def not_data(html: str, index: DataIndex) -> Iterator[str]:
    """The pieces of a page's text with Chinese that is not data."""
    for piece in page_texts(html):
        if not CJK.search(piece):
            continue
        piece = " ".join(piece.split())
        for filter_key in ALLOWED:
            piece = piece.replace(filter_key, "")
        if RUN.search(index.residue(piece)):
            yield piece


def chinese_left(site: Path, datasets: Path) -> Iterator[str]:
    """'page: text' for each piece of an English page with Chinese that is not data."""
    index = DataIndex(data_strings(datasets))
    for path in sorted((site / "en").rglob("*.html")):
        for piece in not_data(path.read_text(encoding="utf-8"), index):
            yield f"{path.relative_to(site).as_posix()}: {piece}"


def _report(offenders: list[str]) -> str:
    """Each text once, with the pages that show it (the first five)."""
    pages: dict[str, list[str]] = defaultdict(list)
    for offender in offenders:
        page, _, text = offender.partition(": ")
        if page not in pages[text]:
            pages[text].append(page)
    lines = [f"{text}\n    on {len(where)} page(s): {', '.join(where[:5])}"
             for text, where in sorted(pages.items(), key=lambda item: -len(item[1]))]
    return f"{len(offenders)} pieces of Chinese on English pages:\n" + "\n".join(lines)


def test_every_english_page_of_the_minimal_site_is_in_english(minimal_site: Path) -> None:
    offenders = list(chinese_left(minimal_site, MINIMAL))
    assert not offenders, _report(offenders)


def test_every_english_page_of_the_sample_site_is_in_english(sample_site: Path) -> None:
    offenders = list(chinese_left(sample_site, REPO / "datasets"))
    assert not offenders, _report(offenders)


def test_all_entries_loaded_on_the_english_ledger_page_are_in_english(
        minimal_site: Path) -> None:
    with serve(minimal_site) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 375, "height": 740})
        page.goto(url + "en/communities/demo/ledger/all/")
        page.click(".xy-load-button")
        expect(page.locator(".xy-load-status")).to_contain_text("entries")
        html = page.content()
        categories = page.eval_on_selector_all(
            'select[name="category"] option', "options => options.map(o => o.textContent)")
        months = page.eval_on_selector_all(
            'select[name="month"] option', "options => options.map(o => o.textContent)")
        cells = page.eval_on_selector_all(
            ".xy-all-table tbody td:nth-child(3)", "cells => cells.map(c => c.textContent)")
    offenders = [f"en/communities/demo/ledger/all/: {piece}"
                 for piece in not_data(html, DataIndex(data_strings(MINIMAL)))]
    assert not offenders, _report(offenders)
    assert months == ["All months", "February 2021", "January 2021"]
    assert "Cleaning" in categories and "Cleaning" in cells
    assert all(not CJK.search(c) for c in categories + cells)


def test_the_scan_finds_interface_text_left_in_chinese(tmp_path: Path) -> None:
    page = tmp_path / "en" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<p lang="zh">社区信义治理</p><p>蓝天小区 2020 年 1 月</p>'
                    '<p title="查看凭证">x</p><p>蓝天…</p><p>物业费</p>'
                    '<a class="xy-lang" lang="zh">中文</a>', encoding="utf-8")
    datasets = tmp_path / "datasets"
    datasets.mkdir()
    (datasets / "a.csv").write_text("title,name_zh,name_en\n蓝天小区,物业费,Fees\n",
                                    encoding="utf-8")
    assert list(chinese_left(tmp_path, datasets)) == [
        "en/x/index.html: 蓝天小区 2020 年 1 月", "en/x/index.html: 查看凭证",
        "en/x/index.html: 物业费"]  # a category has an English name: it is not data
