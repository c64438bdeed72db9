"""Each community's published files kept from the previous site while nothing they are made
from has changed: a rebuild after one community adds a month renders that community and
the site-wide pages, not the city.

A community's output key (cache.py) is the SHA-256 of everything its pages and downloads
are made from: its own files; the files every community page reads (code lists,
foundation, protection fund, standards); what git says it published; the build date; the
site's address; the generator's code and the libraries that write pages; mkdocs.yml and
the hand-written pages. Other communities' files are not in it: a community's pages show
its own data version (model.community_versions).

After a build, each community's files in the new site (its pages, vouchers and open data)
are recorded under its key with their SHA-256, from the manifest. A later build with the
same key takes them from the previous site, if that site's manifest gives them the same
SHA-256 and they still have their size; anything else is rendered again. standby.py puts
them into the new site, as hard links: files are never written in place, so a link cannot
change the published site. tests/test_reuse.py rebuilds after a series of changes and requires
the bytes of a clean build every time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from . import manifest, records, urls
from .cache import Cache
from .config import BuildConfig
from .issues import display_path
from .load import Datasets, files_by_community
from .model import CommunityView
from .render import RenderedPage, opendata

KIND = "site-community"
# The libraries whose output is in a community's files.
LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "pymdown-extensions",
             "markdown", "segno", "nh3", "pyyaml")


@dataclass(frozen=True)
class Kept:
    """A community's files in a built site."""

    files: dict[str, tuple[str, int]]  # path in the site -> (SHA-256, size)
    pages: tuple[tuple[str, str, bool], ...]  # (language, docs path, in the search index)
    package: opendata.Package  # its open data, without the bytes
    view: CommunityView  # what the pages about all communities read (CommunityView.light)


@dataclass(frozen=True)
class Reuse:
    """What this build takes from the previous site; empty without a cache."""

    cache: Cache = field(default_factory=Cache)
    previous: Path = Path()
    keys: dict[str, str] = field(default_factory=dict)  # community id -> output key
    kept: dict[str, Kept] = field(default_factory=dict)
    folders: dict[str, Path] = field(default_factory=dict)  # community id -> its folder

    def packages(self) -> dict[str, opendata.Package]:
        return {i: k.package for i, k in self.kept.items()}

    def views(self) -> dict[str, CommunityView]:
        found = self.records()
        return {i: replace(k.view, c=found[i]) for i, k in self.kept.items()}

    def records(self) -> dict[str, records.Community]:
        """The kept communities' records for validation to pass on, instead of making them
        again from their tables; with the folder they are read from in this build."""
        return {i: replace(k.view.c, path=self.folders[i]) for i, k in self.kept.items()}

    def hashes(self) -> dict[str, str]:
        return {p: sha for k in self.kept.values() for p, (sha, _) in k.files.items()}

    def indexed(self) -> dict[str, Path]:
        """The kept pages in the search index, in the previous site, for the indexer."""
        return {path: self.previous / path for k in self.kept.values()
                for (lang, p, indexed) in k.pages if indexed
                for path in (_in_site(lang, p),)}

    def urls(self, lang: str) -> set[str]:
        """The kept pages' addresses, relative to the language's site, for the sitemap."""
        return {urls.address(p) for k in self.kept.values() for (lg, p, _) in k.pages
                if lg == lang}

    def record(self, site_hashes: Mapping[str, str], site: Path,
               pages: Mapping[str, Iterable[RenderedPage]], downloads: opendata.OpenData,
               views: Iterable[CommunityView]) -> None:
        """Keep the files of the communities this build rendered, for the next build."""
        if self.cache.root is None:
            return
        light = {v.c.id: v for v in views}
        owned = _owners(site_hashes, set(self.keys) - set(self.kept))
        made = {p.package.name: p for p in downloads.packages
                if p.package.kind == opendata.COMMUNITY}
        listed = [(lang, p) for lang, found in pages.items() for p in found if not p.file]
        for i, paths in owned.items():
            if i not in made:
                continue
            files = {p: (site_hashes[p], (site / p).stat().st_size) for p in sorted(paths)}
            mine = tuple((lang, p.path, p.search) for lang, p in listed
                         if p.path.startswith(urls.community(i)))
            self.cache.put(KIND, self.keys[i], Kept(files, mine, made[i].without_bytes(),
                                                    light[i].light()))
        self.cache.keep(KIND, self.keys.values())


def _in_site(lang: str, docs_path: str) -> str:
    return urls.page_file(urls.address(docs_path), lang)


def _owners(site_hashes: Iterable[str], ids: Collection[str]) -> dict[str, list[str]]:
    owned: dict[str, list[str]] = {i: [] for i in ids}
    for path in site_hashes:
        if (i := urls.community_of(path)) in owned:
            owned[i].append(path)
    return owned


def plan(config: BuildConfig, datasets: Datasets) -> Reuse:
    """The communities whose files the previous site can give this build. Made from what
    load read (files' hashes, the publication record), before validation, so that
    validation and the model need not make these communities' records again."""
    cache = Cache(config.cache)
    if cache.root is None:
        return Reuse()
    keys = output_keys(cache, config, datasets)
    recorded = manifest.read(config.out)
    # no previous site, or not one this program built: nothing kept
    published = recorded.site if recorded else {}
    kept = {}
    for i, key in keys.items():
        found = cache.get(KIND, key)
        if isinstance(found, Kept) and _intact(config.out, found, published):
            kept[i] = found
    return Reuse(cache, config.out, keys, kept, {p.id: p.path for p in datasets.communities})


def _intact(site: Path, kept: Kept, published: Mapping[str, str]) -> bool:
    """The previous site's manifest gives each file the recorded SHA-256, and the file is
    there with its size (a file damaged by hand after the build: see portal verify)."""
    for path, (sha, size) in kept.files.items():
        if published.get(path) != sha:
            return False
        try:
            if (site / path).stat().st_size != size:
                return False
        except OSError:
            return False
    return True


def output_keys(cache: Cache, config: BuildConfig, datasets: Datasets) -> dict[str, str]:
    own, shared = files_by_community(datasets.file_hashes, datasets.root,
                                     {p.id: p.path for p in datasets.communities})
    settings = [config.today.isoformat(), config.site_url, _project(config),
                _digest(f"{p} {h}" for p, h in shared.items()),
                *(f"{n}=={metadata.version(n)}" for n in LIBRARIES)]
    r, shown = datasets.published, {p.id: display_path(p.path) for p in datasets.communities}
    return {i: cache.key(KIND, i, shown[i], *settings,
                         repr((r.tracked, r.entries.get(i), r.vouchers.get(i),
                               r.statements.get(i))),
                         *(f"{p} {h}" for p, h in files.items()))
            for i, files in own.items()}


def _project(config: BuildConfig) -> str:
    """mkdocs.yml and the hand-written pages: the theme's navigation and settings."""
    files = [config.mkdocs_file, *sorted(p for p in config.content.rglob("*") if p.is_file())] \
        if config.content.is_dir() else [config.mkdocs_file]
    return _digest(f"{p.relative_to(config.project).as_posix()} "
                   f"{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in files if p.is_file())


def _digest(lines: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()
