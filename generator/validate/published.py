"""Published rows and files never change: a mistake is corrected by a new row.

The git history says what each row of each table was when it was first published, and
what the descriptor said of the terms that decide findings. A row that now differs, or is
gone, is a silent edit; so is a voucher or document replaced or removed. The ledger's
entries have their own words (check_entries); every other table is checked alike
(check_tables), each message saying how that table is amended (issues.packages.AMEND).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

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
from ..issues.packages import (
    AMEND,
    PUBLISHED_PACKAGE_REMOVED,
    PUBLISHED_ROW_CHANGED,
    PUBLISHED_ROW_DELETED,
)
from ..load import Package, Table
from ..personal import masked
from ..published import PublishedRow, Record, blob_id, how_to_amend, keyed, shown_key
from ..records import Community, Entry
from ..terms import PROFILE, PROFILE_COLUMNS, profile_rows


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
    published = record.under("ledger", (*c.former, c.id))
    gone = _months_gone(published, current)
    yield from _gone(where, gone)
    for entry_id, first in published.items():
        when = f"published on {first.date[:10]} (commit {first.commit[:7]})"
        entry = current.get(entry_id)
        if entry is None:
            if (first.get("date") or "")[:7] not in gone:
                yield LEDGER_ENTRY_DELETED(where, None, "entry_id", entry=entry_id, when=when,
                                           published=_as_published(first))
            continue
        changes = [c for c in _changes(first, entry) if (entry_id, c[0]) not in hidden]
        if changes:
            said = "; ".join(f'{name} was "{old}", now "{new}"' for name, old, new in changes)
            yield LEDGER_ENTRY_CHANGED(where, entry.row, changes[0][0], entry=entry_id,
                                       when=when, changes=said)


def _months_gone(published: Mapping[str, PublishedRow], current: Mapping[str, Entry]
                 ) -> dict[str, list[tuple[str, PublishedRow]]]:
    """Months of more than one published entry of which none is left: one problem each
    (a ledger overwritten with one month loses every other month), not one per entry."""
    by: dict[str, list[tuple[str, PublishedRow]]] = {}
    for entry_id, first in published.items():
        by.setdefault((first.get("date") or "")[:7], []).append((entry_id, first))
    return {month: sorted(rows) for month, rows in by.items()
            if month and len(rows) > 1 and not any(e in current for e, _ in rows)}


def _gone(where: Where, gone: Mapping[str, list[tuple[str, PublishedRow]]]) -> Iterator[Issue]:
    for month, rows in sorted(gone.items()):
        first = min((row for _, row in rows), key=lambda r: r.date)
        latest = max((row for _, row in rows), key=lambda r: r.date)  # holds them all
        yield LEDGER_ENTRY_DELETED(where, None, "entry_id", variant="month", n=len(rows),
                                   month=month, first=rows[0][0], last=rows[-1][0],
                                   when=f"published on {first.date[:10]}",
                                   commit=latest.commit[:7])


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


@raises(PUBLISHED_ROW_CHANGED, PUBLISHED_ROW_DELETED)
def check_tables(package: Package, record: Record, names: Sequence[str]) -> Iterator[Issue]:
    """Each recorded table of a package but its ledger, and its descriptor's terms, as
    first published under any of its ``names`` (former ones first)."""
    for table in package.tables.values():
        if table.schema != "ledger":
            current = dict(_keyed_rows(table))
            yield from _compare(table.where, table.schema, table.header, current,
                                record.under(table.schema, names))
    if package.kind.name == "community":
        profile: dict[str, tuple[int | None, tuple[str, ...]]] = {
            key: (None, values) for key, values in profile_rows(package.descriptor)}
        yield from _compare(package.where, PROFILE, PROFILE_COLUMNS, profile,
                            record.under(PROFILE, names))


def _keyed_rows(table: Table) -> Iterator[tuple[str, tuple[int, tuple[str, ...]]]]:
    for number, key, values in keyed(table.schema, table.header, table.rows):
        yield key, (number, values)


def _compare(where: Where, table: str, header: tuple[str, ...],
             current: Mapping[str, tuple[int | None, tuple[str, ...]]],
             recorded: Mapping[str, PublishedRow]) -> Iterator[Issue]:
    profile: dict[str, Any] = {"variant": "profile"} if table == PROFILE else {}
    for key, first in sorted(recorded.items()):
        said: dict[str, Any] = {
            "table": table, "key": masked(shown_key(key)), "date": first.date[:10],
            "commit": first.commit[:7], "how": masked(how_to_amend(AMEND[table], key))}
        if key not in current:
            yield PUBLISHED_ROW_DELETED(where, None, key if profile else None,
                                        published=_as_published(first),
                                        old=masked(first.values[-1]), **said, **profile)
            continue
        row, values = current[key]
        now = dict(zip(header, values, strict=True))
        changes = [(name, masked(old), masked(now[name])) for name, old in first.cells
                   if name in now and not same_published(name, old, now[name], table)]
        if not changes:
            continue
        said_changes = "; ".join(f'{name} was "{old}", now "{new}"' for name, old, new in changes)
        yield PUBLISHED_ROW_CHANGED(where, row, key if profile else changes[0][0],
                                    changes=said_changes, old=changes[0][1], new=changes[0][2],
                                    **said, **profile)
