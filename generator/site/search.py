"""Search index: Pagefind over a copy of the site in which every CJK character is its
own word.

Browsers split a query with ICU (风华苑 becomes 风 / 华 / 苑) while the indexer
segments pages with a different dictionary (风华苑 stays whole), so whole-word
matching misses words in both directions. Indexing characters instead, and having
the search page send a query as an exact phrase of characters (see portal.js),
finds any word wherever it stands, inside longer compounds too. The copy is only
read by the indexer; the published pages are not changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import cbor2

from ..cache import Cache
from ..errors import SearchIndexError
from . import search_words

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_BOUNDARY = re.compile(rf"(?<=[{CJK}])(?=\S)|(?<=\S)(?=[{CJK}])")
_TAG = re.compile(r"(<[^>]*>)")
_RAW_TEXT = re.compile(r"<(script|style)\b", re.I)
_LANG_ZH = re.compile(r'<html[^>]*\slang="zh')
SEPARATOR = "\u200b"  # zero-width space: a word boundary that excerpts do not show


def separate_characters(html: str) -> str:
    """Put a word boundary around every CJK character in the text of an HTML page.

    Chinese pages get an invisible zero-width space, which the Chinese segmenter takes as
    a boundary; the indexer of other languages (the English site) only splits at spaces,
    so there a plain space is used and excerpts show spaced characters."""
    separator = SEPARATOR if _LANG_ZH.search(html[:2000]) else " "
    parts = _TAG.split(html)
    raw = False
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            raw = bool(_RAW_TEXT.match(part)) or (raw and not part.lower().startswith("</"))
        elif not raw and part:
            parts[i] = _BOUNDARY.sub(separator, part)
    return "".join(parts)


KIND = "search-page"
NO_CACHE = Cache()


def index_search(site: Path, unindexed: Collection[str] = (),
                 elsewhere: Mapping[str, Path] | None = None, cache: Cache = NO_CACHE,
                 known: Mapping[str, str] | None = None) -> None:
    """``unindexed``: pages (paths in the site) known to be kept out of the index, not
    read at all: a city's month pages are most of its bytes. ``elsewhere``: pages of the
    site that are read from another file (those kept from the previous site, units.py),
    ``known`` their SHA-256. ``cache`` keeps each page's copy under its SHA-256."""
    elsewhere, known = elsewhere or {}, known or {}
    search_words.publish(site)  # first: a bad list stops the build before the index
    used: list[str] = []
    # The copy goes beside the site: in a build, into its scratch folder, so that a killed
    # build leaves no copy of the whole site in the system's temporary folder.
    with tempfile.TemporaryDirectory(prefix="xinyi-search-", dir=site.parent) as scratch:
        copy = Path(scratch)
        for page in sorted({*_pages(site), *elsewhere}):
            if page in unindexed:
                continue
            text = _prepared(elsewhere.get(page, site / page), known.get(page), cache, used)
            if text is None:
                continue  # kept out of the index (search_exclude)
            target = copy / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(with_community(page, text), encoding="utf-8")
        _run_pagefind(copy, site / "pagefind")
    canonical_filters(site / "pagefind")
    cache.keep(KIND, used)


def _prepared(source: Path, sha: str | None, cache: Cache, used: list[str]) -> str | None:
    """A page as the indexer reads it (None: not indexed); kept pages' from the cache
    without reading them, as the same bytes always give the same copy."""
    key = cache.key(KIND, sha) if sha and cache.root else None
    if key and (found := cache.get(KIND, key)) is not None:
        used.append(key)
        return str(found)
    raw = source.read_bytes()
    indexed = _indexed_part(raw.decode("utf-8"))
    if indexed is None:
        return None  # not kept: a city has tens of thousands (redirects, excluded pages)
    text = separate_characters(indexed)
    if cache.root:
        key = key or cache.key(KIND, hashlib.sha256(raw).hexdigest())
        cache.put(KIND, key, text)
        used.append(key)
    return text


def _pages(site: Path) -> list[str]:
    """Every HTML file's path in the site (os.walk: a city's site has 35,000)."""
    found = []
    for folder, _, files in os.walk(site):
        base = os.path.relpath(folder, site).replace(os.sep, "/")
        found += [name if base == "." else f"{base}/{name}" for name in files
                  if name.endswith(".html")]
    return found


_BODY = "<div data-pagefind-body>"
# Charts and tables of figures, which Pagefind is told to ignore (data-pagefind-ignore), are
# cut from the copy: they are most of a community page's text, and a city has hundreds.
# Neither nests in the templates (class xy-figures; _partials/chart.html).
_FIGURES = re.compile(r'<figure class="xy-chart"[^>]*data-pagefind-ignore>.*?</figure>'
                      r'|<table class="[^"]*\bxy-figures\b[^"]*" data-pagefind-ignore>.*?</table>',
                      re.S)
_HTML_TAG = re.compile(r"<html[^>]*>")


def _indexed_part(html: str) -> str | None:
    """The page as Pagefind needs it: its language and the part marked for indexing. The
    theme around it (a dozen kilobytes a page) is left out of the copy, which at city
    scale (tens of thousands of pages) halves the time the copy and the indexer take."""
    start = html.find(_BODY)
    tag = _HTML_TAG.search(html)
    if start < 0 or tag is None:
        return None
    end = html.find("</article>", start)  # the theme's footer and scripts follow
    body = _FIGURES.sub("", html[start:end if end > 0 else len(html)])
    return f"<!doctype html>{tag.group()}<head><meta charset=\"utf-8\"></head><body>" \
           + _TABLE.sub(_words_only, body) + "</body></html>"


# Other tables (budgets, resolutions, projects) are read for their words, but a cell of
# figures alone (an amount, a date, a count, a rate) is left out: a resident searches
# words, and an excerpt made of a row of figures says nothing.
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_CELL = re.compile(r"<t([dh])\b[^>]*>(.*?)</t\1>", re.S)
_WORDLESS = re.compile(rf"[^{CJK}A-Za-z]*")


def _words_only(table: re.Match[str]) -> str:
    return _CELL.sub(lambda cell: "" if _WORDLESS.fullmatch(_TAG.sub("", cell[2])) else
                     cell[0], table[0])


_COMMUNITY_PAGE = re.compile(r"(?:en/)?communities/([a-z0-9-]+)/")


def with_community(page: str, text: str) -> str:
    """A community's pages carry its id as a hidden filter, with which the search page
    lists the pages of the community a resident searched from first (search.js)."""
    found = _COMMUNITY_PAGE.match(page)
    if found is None:
        return text
    return text.replace(_BODY, f'{_BODY}<span data-pagefind-filter="community:{found[1]}">'
                        "</span>", 1)


def _run_pagefind(source: Path, output: Path) -> None:
    # The extended build is the one that reads CJK text; heading permalinks are not content.
    command = [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path",
               str(output), "--exclude-selectors", ".headerlink", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (output / "pagefind.js").is_file():
        raise SearchIndexError(result.stderr.strip() or result.stdout.strip() or "no index")


# Pagefind writes each filter's values in a different order on every run (a hash map), so
# the filter files, and the files naming them by hash, would differ between two builds of
# the same data. They are rewritten here in sorted order, named as Pagefind names files:
# the SHA-1 of the CBOR payload, each byte in hex without padding, truncated.
_SIGNATURE = b"pagefind_dcd"


def _hash(payload: bytes, length: int) -> str:
    return "".join(f"{b:x}" for b in hashlib.sha1(payload).digest())[:length]  # noqa: S324


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    return cbor2.loads(data[len(_SIGNATURE):])


def _write(folder: Path, prefix: str, suffix: str, value: Any, length: int) -> str:
    payload = cbor2.dumps(value)
    name = f"{prefix}_{_hash(payload, length)}"
    (folder / f"{name}{suffix}").write_bytes(
        gzip.compress(_SIGNATURE + payload, compresslevel=9, mtime=0))
    return name


def canonical_filters(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[-3]  # [[filter name, file hash], ...]
        for item in filters:
            old = bundle / "filter" / f"{item[1]}.pf_filter"
            name, values = _read(old)
            old.unlink()
            item[1] = _write(bundle / "filter", lang, ".pf_filter",
                             [name, sorted(values, key=lambda v: v[0])], 7)
        filters.sort(key=lambda item: item[0])  # with two filters, in a hash map's order
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{lang}", ".pf_meta", meta, 10).split(".", 1)[1]
    entry["languages"] = dict(sorted(entry["languages"].items()))  # a hash map's order too
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
