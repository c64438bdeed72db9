"""Checks shared by every kind of package."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from ..issues import Issue
from .files import ALLOWED, check_file


def amount(path: str, row: int, field: str, value: Decimal, prefix: str = "",
           positive: bool = True) -> Iterator[Issue]:
    """At most two decimals and, where it must be, greater than zero.

    ``prefix`` keeps the ledger's own codes (ledger-amount-precision)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        yield Issue(f"{prefix}amount-precision", f'"{value}" has more than 2 decimals',
                    path, row, field)
    if positive and value == 0:
        yield Issue(f"{prefix}amount-zero", "the amount is 0; it must be greater than 0",
                    path, row, field)


def attached_file(package_dir: Path, value: str, folder: str, code_prefix: str, path: str,
                  row: int, field: str, allowed: dict[str, str] = ALLOWED,
                  seen: dict[str, tuple[str, str] | None] | None = None) -> Iterator[Issue]:
    """A voucher or document named in a row: present, safe and of an allowed type.
    ``seen`` keeps each path's verdict for one check: many rows may name one file (a
    month's voucher book), which is then read once."""
    if not value:
        return
    if seen is None:
        problem = check_file(package_dir, value, folder, allowed)
    elif value in seen:
        problem = seen[value]
    else:
        problem = seen[value] = check_file(package_dir, value, folder, allowed)
    if problem:
        kind, message = problem
        yield Issue(f"{code_prefix}-{kind}", message, path, row, field)
