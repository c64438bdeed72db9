"""What every page of one language is written with: the Jinja environment, the language,
the site map, the vocabulary and the formats, and the lists the pages and files go into.

Generated pages are HTML made by Jinja with autoescaping, so every dataset value is text.
They are handed to mkdocs with ``generated: true`` in their front matter, and the portal's
mkdocs hook skips Markdown for them: data is never read as Markdown, and a long ledger
costs milliseconds instead of a Markdown table parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import escape

from .. import derivatives, domain, i18n, urls
from ..formats import money, month_label, month_short, pct, size
from ..issues import TYPES, residents
from ..model import Portal
from ..vocabulary import label
from . import tables


@dataclass(frozen=True)
class RenderedPage:
    address: str  # its address, e.g. communities/fenghuayuan/; a file's path (file=True)
    title: str
    html: str
    search: bool = True  # False: kept out of the search index (the search page, months)
    file: bool = False  # True: a data file written as is (e.g. JSON), not a page
    translated: bool = False  # the page exists in both languages (language switch)
    template: str = ""  # the Jinja template it came from: pages of one template share a shell
    version: str = ""  # a community's data version, shown instead of the site's (model)

    @property
    def path(self) -> str:
        """Inside the docs folder mkdocs reads: communities/fenghuayuan/index.md."""
        return self.address if self.file else urls.source(self.address)

    def source(self) -> str:
        if self.file:
            return self.html
        # Titles are HTML in mkdocs' themes: escape them here so that data stays text.
        meta: dict[str, object] = {"title": str(escape(self.title)), "generated": True,
                                   "toc": toc_of(self.html)}
        if not self.search:
            meta["search_exclude"] = True
        if self.translated:
            meta["translated"] = True
        if self.version:
            meta["data_version"] = self.version
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
        return f"---\n{front}---\n{self.html}"


@dataclass(frozen=True)
class Asset:
    """A file from a package put into the site: a standard's text as it is, a voucher or
    document (``kind``) as the safe derivative derivatives.py makes of it (``phone``: the
    copy a phone shows); or, with ``data``, bytes the render stage made (open data)."""

    source: Path | None  # None with data
    target: str  # its path in the site
    data: bytes | None = None  # written as is instead of copying source
    kind: str = ""  # jpeg, png, webp or pdf: published as a derivative, never as received
    phone: bool = False


Part = tuple[list[RenderedPage], list[Asset]]

HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def toc_of(html: str) -> list[list[object]]:
    """[level, id, title] of every h2 and h3 with an id, for the page's table of contents."""
    return [[int(level), anchor, re.sub(r"<[^>]+>", "", title).strip()]
            for level, anchor, title in HEADING.findall(html)]


@lru_cache(maxsize=4)
def environment(lang: str = "zh", strict: bool = False) -> Environment:
    """One environment per language, made once: compiling the templates takes about 0.4 s,
    and the communities' pages are rendered in many parts."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # tojson keeps Chinese text as UTF-8: \u escapes are three times the bytes, on every
    # English page and every all-entries page. It still escapes < > & ' (htmlsafe).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters.update(
        money=money, pct=pct, size=size,
        month_label=lambda month: month_label(month, lang),
        month_short=lambda month: month_short(month, lang),
        label=lambda code, kind: label(code, kind, lang),
        resident=lambda issue, categories=None: residents.sentence(issue, lang, categories))
    env.globals.update(issue_types=TYPES, lang=lang, _=i18n.translator(lang, strict),
                       name=i18n.name(lang), js_text=i18n.js_text(lang), urls=urls,
                       overrun=domain.overrun, stuck_days=domain.STUCK_DAYS)
    return env


def compile_templates(strict: bool = False) -> None:
    """Compile every template of both languages in this process, so that forked workers
    inherit them instead of compiling them again each."""
    for lang in urls.LANGUAGES:
        env = environment(lang, strict)
        for name in env.list_templates():
            env.get_template(name)


@dataclass
class Writer:
    """Writes the pages of one language into ``pages`` and the files they link into
    ``assets``."""

    portal: Portal
    lang: str = "zh"
    strict: bool = False
    pages: list[RenderedPage] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.env = environment(self.lang, self.strict)
        self.tr = i18n.translator(self.lang)
        self.name = i18n.name(self.lang)

    @property
    def english(self) -> bool:
        return self.lang == "en"

    def page(self, address: str, template: str, title: str, context: dict[str, Any],
             search: bool = True, version: str = "") -> None:
        """A page at ``address``; its template links with link() (within its language's
        site) and asset() (the packages' files and Chinese-only pages)."""
        if self.english and not urls.has_english(address):
            return
        html = tables.fit(self.env.get_template(template).render(
            portal=self.portal, cat=self.portal.categories, title=title,
            link=partial(urls.relative, address),
            asset=partial(urls.relative, urls.in_language(address, self.lang)), **context))
        self.pages.append(RenderedPage(address, title, html, search=search,
                                       translated=urls.has_english(address), template=template,
                                       version=version))

    def file(self, address: str, text: str) -> None:
        """A file made for this language's site (the titles index, the feed)."""
        self.pages.append(RenderedPage(address, "", text, file=True))

    def copy(self, source: Path, address: str) -> None:
        """A package's file at the path its (percent-encoded) address leads to: a standard's
        text as it is; a photo or PDF as its derivative, and a photo's phone copy beside."""
        kind = derivatives.KINDS.get(source.suffix.lower(), "")
        self.assets.append(Asset(source, urls.file_path(address), kind=kind))
        if kind in derivatives.FORMATS:
            self.assets.append(Asset(source, urls.file_path(urls.phone_copy(address)),
                                     kind=kind, phone=True))

    def write(self, address: str, data: bytes) -> None:
        """Bytes made here (open data, redirects), written into the site as they are."""
        self.assets.append(Asset(None, address, data))
