"""Public income: every month a registered asset's contract expects income, the ledger books it
(民法典 arts. 282–283)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
