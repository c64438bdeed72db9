"""Owners' questions: each names an item that exists, says nothing of who asked, and is
answered within the community's declared days."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import date

from ..derivatives import DEFAULT_MAX_BYTES
from ..issues import Issue, raises
from ..records import Category, Community


@raises()
def check(c: Community, categories: Mapping[str, Category], today: date,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    """Errors: the register's rows make sense (run before any finding)."""
    yield from ()


@raises()
def findings(c: Community, categories: Mapping[str, Category], today: date) -> Iterator[Issue]:
    """Run on packages without errors only."""
    yield from ()


@raises()
def check_projects(communities: Sequence[Community], projects: Collection[str]
                   ) -> Iterator[Issue]:
    """A question about a project names a project of the foundation or the protection fund
    (``projects``: their ids); run once every package is read."""
    yield from ()
