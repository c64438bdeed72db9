"""Long lists a page at a time: a foundation project's donations and disbursements, the
protection fund's projects, a month of a large ledger.

A resident's phone on a slow network should get each page in under 100 KB compressed,
and every row must stay reachable without JavaScript: a list longer than its page size is
cut into static pages with numbered links (the first page at the list's usual address,
with the whole list's count and sum), and a list that fits is shown exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# 500 donations are about 65 KB of HTML and 8 KB gzip; a phone scrolls through them in a
# few minutes. A month keeps up to 1,000 entries on one page (about 25 KB gzip), so every
# month of an ordinary estate prints from its own page as the notice-board statement.
PAGE_ROWS = 500
MONTH_ROWS = 1000
NEAR = 2  # page links shown either side of the current page


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a list: its rows and the links to the list's other pages."""

    number: int  # 1 for the first page
    rows: Sequence[T]
    start: int  # the position of the first row in the whole list, from 1
    total: int  # rows in the whole list
    addresses: tuple[str, ...]  # every page's address, the first page's first
    spans: tuple[tuple[str, str], ...]  # each page's first and last row, as labelled

    @property
    def paged(self) -> bool:
        return len(self.addresses) > 1

    @property
    def end(self) -> int:
        return self.start + len(self.rows) - 1

    @property
    def count(self) -> int:
        return len(self.addresses)

    def shown(self) -> list[int | None]:
        """The page numbers the page links name, None for a gap: the first, the last and
        those near this one (1 … 4 5 6 … 70)."""
        keep = {1, self.count} | set(range(self.number - NEAR, self.number + NEAR + 1))
        out: list[int | None] = []
        for n in range(1, self.count + 1):
            if n in keep:
                out.append(n)
            elif out and out[-1] is not None:
                out.append(None)
        return out


def pages(rows: Sequence[T], size: int, address: Callable[[int], str],
          label: Callable[[T], str]) -> list[Pager[T]]:
    """The pages of a list of ``size`` rows each (one page when it fits); ``address`` gives
    a page's address by its number, ``label`` names a row in the pages' index (a date)."""
    chunks = [rows[i:i + size] for i in range(0, len(rows), size)] or [rows]
    addresses = tuple(address(n) for n in range(1, len(chunks) + 1))
    spans = tuple((label(c[0]), label(c[-1])) if c else ("", "") for c in chunks)
    return [Pager(n, chunk, (n - 1) * size + 1, len(rows), addresses, spans)
            for n, chunk in enumerate(chunks, 1)]
