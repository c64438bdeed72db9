"""Published entries and vouchers never change: a mistake is corrected by a new entry.

The git history says what each entry was when it was first published. An entry that
now differs, or is gone, is a silent edit; so is a voucher file replaced or removed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

from .. import schemas
from ..domain import same_published
from ..issues import Issue, Where, display_path, raises
from ..issues.accounts import (
    LEDGER_ENTRY_CHANGED,
    LEDGER_ENTRY_DELETED,
    LEDGER_VOUCHER_CHANGED,
    REDACTION_CELL_NOT_REPLACED,
    REDACTION_ENTRY_UNKNOWN,
    WITHDRAWAL_RESOLUTION_UNKNOWN,
)
from ..issues.packages import PUBLISHED_PACKAGE_REMOVED
from ..personal import masked
from ..published import PublishedRow, Record, blob_id
from ..records import Community, Entry


@raises(LEDGER_ENTRY_CHANGED, LEDGER_ENTRY_DELETED, LEDGER_VOUCHER_CHANGED,
        REDACTION_ENTRY_UNKNOWN, REDACTION_CELL_NOT_REPLACED, WITHDRAWAL_RESOLUTION_UNKNOWN)
def check(c: Community, record: Record) -> Iterator[Issue]:
    yield from check_withdrawal(c)
    yield from check_redactions(c)
    yield from check_entries(c, record)
    yield from check_vouchers(c, record)


def check_withdrawal(c: Community) -> Iterator[Issue]:
    """A community leaves by a resolution of its owners, which the package publishes."""
    if c.withdrawn and c.withdrawn.resolution not in {r.resolution_id for r in c.resolutions}:
        yield WITHDRAWAL_RESOLUTION_UNKNOWN(Where(display_path(c.path / "datapackage.json")),
                                            resolution=c.withdrawn.resolution)


def check_redactions(c: Community) -> Iterator[Issue]:
    """A declared redaction names an entry, whose cell was emptied (validate/typed.redact)."""
    entries = {e.entry_id: e for e in c.entries}
    for r in c.redactions:
        entry = entries.get(r.entry)
        if entry is None:
            yield REDACTION_ENTRY_UNKNOWN(Where(display_path(c.path / "datapackage.json")),
                                          entry=masked(r.entry))
        elif getattr(entry, r.field) != r.shown:
            yield REDACTION_CELL_NOT_REPLACED(c.where["ledger"], entry.row, r.field,
                                           field=r.field, entry=r.entry)


def check_entries(c: Community, record: Record) -> Iterator[Issue]:
    current = {e.entry_id: e for e in c.entries}
    hidden = {(r.entry, r.field) for r in c.redactions}
    where = c.where["ledger"]
    for entry_id, first in record.under("ledger", (*c.former, c.id)).items():
        when = f"published on {first.date[:10]} (commit {first.commit[:7]})"
        entry = current.get(entry_id)
        if entry is None:
            yield LEDGER_ENTRY_DELETED(where, None, "entry_id", entry=entry_id, when=when,
                                       published=_as_published(first))
            continue
        changes = [c for c in _changes(first, entry) if (entry_id, c[0]) not in hidden]
        if changes:
            said = "; ".join(f'{name} was "{old}", now "{new}"' for name, old, new in changes)
            yield LEDGER_ENTRY_CHANGED(where, entry.row, changes[0][0], entry=entry_id,
                                       when=when, changes=said)


def _changes(first: PublishedRow, entry: Entry) -> Iterator[tuple[str, str, str]]:
    now = (entry.entry_id, entry.date.isoformat(), entry.direction, entry.category,
           str(entry.amount), entry.counterparty, entry.description, entry.voucher,
           entry.budget_line, entry.corrects)
    for name, new in zip(schemas.columns("ledger"), now, strict=True):
        old = first.get(name)
        if old is None:  # a column the ledger did not have then
            continue
        if not same_published(name, old, new):
            yield name, masked(old), masked(new)


def _as_published(first: PublishedRow) -> str:
    return ", ".join(f"{name}={masked(value)}" for name, value in first.cells if value)


def check_vouchers(c: Community, record: Record) -> Iterator[Issue]:
    rows = {e.voucher: e.row for e in c.entries}
    for inside, first in sorted(record.files_under((*c.former, c.id)).items()):
        file = Path(c.path) / inside
        if file.is_file() and not file.is_symlink() and blob_id(file) == first.blob:
            continue
        what = "has been replaced" if file.is_file() else "has been removed"
        yield LEDGER_VOUCHER_CHANGED(c.where["ledger"], rows.get(inside), "voucher",
                                     voucher=inside, date=first.date[:10],
                                     commit=first.commit[:7], what=what)


@raises(PUBLISHED_PACKAGE_REMOVED)
def check_removed(root: Path, ids: Collection[str], record: Record) -> Iterator[Issue]:
    """A community once published is still in the datasets, under its name."""
    for name, first in sorted(record.packages.items()):
        if first.folder.startswith("communities/") and name not in ids:
            yield PUBLISHED_PACKAGE_REMOVED(Where(display_path(root / first.folder)), name=name,
                                            date=first.date[:10], folder=first.folder,
                                            commit=first.commit[:12])
