"""The foundation's reports (慈善法 art. 79): a project longer than six months reports its
progress at least every three months, and in full within three months of its end."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..derivatives import DEFAULT_MAX_BYTES
from ..issues import Issue, raises
from ..records import Foundation


@raises()
def check(f: Foundation, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    """Errors: each report names a project of the foundation, and its document is safe."""
    yield from ()


@raises()
def findings(f: Foundation, today: date) -> Iterator[Issue]:
    """Run on a package without errors only."""
    yield from ()
