"""Work kept between builds, around the pipeline (as pelican's caching readers and mkdocs'
dirty pages): each community is a unit, fresh or kept (units.py), decided here once from
the inputs it is made from, and recorded here after the build. No stage knows how.

A unit's inputs are everything its checks and pages read, listed in one place (``inputs``):
its folder (each file's SHA-256, symbolic links as links), the chart of accounts, what git
says it published, the build date and the size limit; and for its pages, also the files
every community page reads (code lists, foundation, protection fund, standards), the
site's address, mkdocs.yml and the hand-written pages, and the libraries that write
pages. Both digests (checks, and checks with pages) also cover the portal's own code
(cache.py). Other communities' files are not among them: a community's pages show its
own data version (model.community_versions).

A unit is checked when its checks are recorded under its checks digest: they are replayed,
not run. It is kept when, moreover, its files in the site are recorded under its pages
digest and the site the build replaces still has them: that site's manifest gives each the
recorded SHA-256 and each has its size. A kept unit's tables are not read, its record and
view are the light ones recorded with its files, and its files are linked into the new
site (standby.py). tests/test_reuse.py rebuilds after a series of changes and requires
the bytes of a clean build every time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from . import manifest, urls
from .cache import Cache
from .config import BuildConfig
from .issues import display_path
from .load import COMMUNITY, Datasets, Package
from .units import Checked, KeptFiles, Output, Unit, kept_files

if TYPE_CHECKING:  # the stages' results, only read here
    from .model import CommunityView
    from .render import RenderedPage
    from .render.opendata import OpenData

CHECKS, PAGES = "validate-community", "site-community"  # the cache's kinds
# The libraries whose output is in a community's files.
LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "pymdown-extensions",
             "markdown", "segno", "nh3", "pyyaml", "pillow", "pypdf")


@dataclass(frozen=True)
class Inputs:
    """The digests of what a community's checks, and its pages, are made from."""

    checks: str
    pages: str


@dataclass(frozen=True)
class Plan:
    """The units of one build, with what is needed to record them afterwards."""

    cache: Cache = field(default_factory=Cache)
    previous: Path = Path()  # the site the build replaces
    inputs: dict[str, Inputs] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)

    def settled(self) -> set[str]:
        """The units with nothing to read: checked and kept."""
        return {i for i, u in self.units.items() if u.checked and u.kept}

    def kept(self) -> KeptFiles:
        return kept_files(self.units, self.previous)


def plan(config: BuildConfig, datasets: Datasets) -> Plan:
    """Each community's unit, from what load read (descriptors, files' hashes, the
    publication record): before validation, so that kept units need not be read."""
    cache = Cache(config.cache)
    if cache.root is None:
        return Plan(cache, config.out)
    _, shared = datasets.provenance.by_community({})
    around = [config.site_url, _project(config), _digest(f"{p} {h}" for p, h in shared.items()),
              *(f"{n}=={metadata.version(n)}" for n in LIBRARIES)]  # what every page reads
    inputs = {p.id: _inputs(cache, config, datasets, p, around) for p in datasets.communities}
    recorded = manifest.read(config.out)
    published = recorded.site if recorded else {}  # no site, or not one this program built
    folders = {p.id: p.path for p in datasets.communities}
    units = {i: _unit(cache, i, key, config.out, published, folders[i])
             for i, key in inputs.items()}
    return Plan(cache, config.out, inputs, units)


def _unit(cache: Cache, i: str, key: Inputs, site: Path, published: Mapping[str, str],
          folder: Path) -> Unit:
    checked = cache.get(CHECKS, key.checks)
    output = cache.get(PAGES, key.pages)
    if not isinstance(output, Output) or not _intact(site, output, published):
        output = None
    else:  # its light record, read from the folder it has in this build
        output = replace(output, view=replace(output.view, c=replace(output.view.c,
                                                                      path=folder)))
    return Unit(i, checked if isinstance(checked, Checked) else None, output)


def _intact(site: Path, kept: Output, published: Mapping[str, str]) -> bool:
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


def _inputs(cache: Cache, config: BuildConfig, datasets: Datasets, package: Package,
            around: list[str]) -> Inputs:
    provenance = datasets.provenance
    record = provenance.published
    site = provenance.site_record  # its page states the record this build extends
    published = repr((record.of(package.id), None if site is None else
                      site[package.id].head if package.id in site else ""))
    checks = cache.key(CHECKS, display_path(package.path), config.today.isoformat(),
                       str(config.max_file_bytes), str(config.max_voucher_bytes),
                       provenance.file_hashes.get("codelists/categories.csv", ""), published,
                       *_listing(datasets.root, package.path, provenance.file_hashes))
    return Inputs(checks, cache.key(PAGES, checks, *around))


def _listing(root: Path, folder: Path, hashes: Mapping[str, str]) -> list[str]:
    """A package folder's files with their SHA-256, symbolic links as links and other
    entries by kind: every change under it changes the listing."""
    listing = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            listing.append(f"{rel} -> {os.readlink(path)}")
        elif path.is_file():
            listing.append(f"{rel} {hashes[rel]}")
        else:
            listing.append(f"{rel} {'folder' if path.is_dir() else 'other'}")
    return listing


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


def record_checks(plan: Plan, checks: Mapping[str, Checked]) -> None:
    """Keep the checks this run made, for the next; the others are deleted."""
    for i, key in plan.inputs.items():
        if plan.units[i].checked is None and i in checks:
            plan.cache.put(CHECKS, key.checks, checks[i])
    plan.cache.keep(CHECKS, (k.checks for k in plan.inputs.values()))


def record_pages(plan: Plan, site_hashes: Mapping[str, str], site: Path,
                 pages: Mapping[str, Iterable[RenderedPage]], downloads: OpenData,
                 views: Iterable[CommunityView]) -> None:
    """Keep the files of the communities this build made, for the next."""
    if plan.cache.root is None:
        return
    light = {v.c.id: v for v in views}
    made = {p.package.name: p for p in downloads.packages
            if p.package.kind == COMMUNITY.descriptor_schema}
    fresh = {i for i, u in plan.units.items() if u.kept is None}
    listed: dict[str, list[tuple[str, str, bool]]] = {i: [] for i in fresh}
    for lang, found in pages.items():
        for p in found:
            if not p.file and (i := urls.community_of(p.address)) in listed:
                listed[i].append((lang, p.address, p.search))
    for i, paths in _owners(site_hashes, fresh).items():
        if i not in made or i not in light:
            continue  # not valid: nothing published
        files = {p: (site_hashes[p], (site / p).stat().st_size) for p in sorted(paths)}
        plan.cache.put(PAGES, plan.inputs[i].pages, Output(files, tuple(listed[i]), made[i],
                                                             light[i].light()))
    plan.cache.keep(PAGES, (k.pages for k in plan.inputs.values()))


def _owners(site_hashes: Iterable[str], ids: Collection[str]) -> dict[str, list[str]]:
    owned: dict[str, list[str]] = {i: [] for i in ids}
    for path in site_hashes:
        if (i := urls.community_of(path)) in owned:
            owned[i].append(path)
    return owned
