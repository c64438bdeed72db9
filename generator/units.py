"""Units of work: each community, fresh or kept (data types only).

After load, each community becomes one unit. A fresh unit goes through every stage; a
kept one is not read, checked, modelled or rendered again: validation replays its
recorded issues, the model takes its light view, rendering lists its files, and the
site-wide stages receive one ``KeptFiles`` value for all the kept units. Whether a unit is
fresh or kept is decided once, from the inputs it is made from, by the wrapper around the
stages (reuse.py); no stage knows how.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import urls
from .issues import Issue

if TYPE_CHECKING:  # the types of a stage's results, named here without importing the stage
    from .model import CommunityView
    from .records import Community
    from .render.opendata import Package


@dataclass(frozen=True)
class Checked:
    """A community's checks: its issues (structure, rules, findings), and whether its
    package is valid, so that it has a typed record."""

    issues: tuple[Issue, ...]
    valid: bool


@dataclass(frozen=True)
class Output:
    """A community's published files in the site a build replaces."""

    files: dict[str, tuple[str, int]]  # address in the site -> (SHA-256, size)
    pages: tuple[tuple[str, str, bool], ...]  # (language, page's address, in the search index)
    package: Package  # its open data, as the open-data page lists it
    view: CommunityView  # what the pages about all communities read of it (light)


@dataclass(frozen=True)
class Unit:
    """One community for one build: ``checked`` when its checks are known, ``kept`` when
    its published files are too. A kept unit is also checked."""

    id: str
    checked: Checked | None = None
    kept: Output | None = None

    def record(self, folder: Path) -> Community:
        """A kept unit's typed record, light (no entries), read from ``folder`` in this
        build; validation passes it on instead of making it from tables it did not read."""
        assert self.kept is not None
        return replace(self.kept.view.c, path=folder)


@dataclass(frozen=True)
class KeptFiles:
    """What the site-wide stages need of the kept units: their files stay where they are,
    in the site the build replaces, and join the new site when it is published."""

    previous: Path = Path()  # the site the build replaces
    files: dict[str, str] = field(default_factory=dict)  # address -> SHA-256
    pages: tuple[tuple[str, str, bool], ...] = ()  # (language, address, in the search index)

    def indexed(self) -> dict[str, Path]:
        """The kept pages in the search index: their file in the site, and where to read it."""
        return {page: self.previous / page for lang, address, indexed in self.pages if indexed
                for page in (urls.page_file(address, lang),)}

    def addresses(self, lang: str) -> set[str]:
        """The kept pages of one language, for the sitemap."""
        return {address for lg, address, _ in self.pages if lg == lang}


def kept_files(units: Mapping[str, Unit], previous: Path) -> KeptFiles:
    outputs = [u.kept for u in units.values() if u.kept is not None]
    return KeptFiles(previous, {a: sha for o in outputs for a, (sha, _) in o.files.items()},
                     tuple(p for o in outputs for p in o.pages))
