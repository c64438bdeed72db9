"""Checks shared by every kind of package: amounts, and the files a row names."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from .. import derivatives
from ..issues import Attachment, Issue, IssueType, Where
from ..issues.cells import AMOUNT_PRECISION, AMOUNT_ZERO
from .files import ALLOWED, Problem, check_file


def amount(where: Where, row: int, field: str, value: Decimal, positive: bool = True,
           precision: IssueType = AMOUNT_PRECISION, zero: IssueType = AMOUNT_ZERO
           ) -> Iterator[Issue]:
    """At most two decimals and, where it must be, greater than zero (a table may have its
    own types for these, as the ledger has)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        yield precision(where, row, field, value=value)
    if positive and value == 0:
        yield zero(where, row, field)


def attached_file(package_dir: Path, value: str, folder: str, types: Attachment, where: Where,
                  row: int, field: str, allowed: dict[str, str] = ALLOWED,
                  seen: dict[str, Problem | None] | None = None,
                  max_bytes: int = derivatives.DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    """A voucher or document named in a row: present, safe and of an allowed type.
    ``seen`` keeps each path's verdict for one check: many rows may name one file (a
    month's voucher book), which is then read once."""
    if not value:
        return
    if seen is None:
        problem = check_file(package_dir, value, folder, allowed, max_bytes)
    elif value in seen:
        problem = seen[value]
    else:
        problem = seen[value] = check_file(package_dir, value, folder, allowed, max_bytes)
    if problem:
        kind, variant, values = problem
        yield getattr(types, kind)(where, row, field, variant=variant, **values)
