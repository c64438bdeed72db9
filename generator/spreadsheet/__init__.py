"""Office spreadsheets in and out: ``portal import`` reads a sheet as the office keeps it
into a table of a package (read.py, columns.py, importer.py)."""

from __future__ import annotations

from pathlib import Path

from .. import load, records
from ..errors import ImportRefused
from ..issues import Issue
from .importer import Plan, plan, write
from .read import read

__all__ = ["Plan", "prepare", "write"]


def prepare(source: Path, target: Path, datasets: Path, sheet: str | None = None,
            append: bool = False, replace_month: str | None = None,
            prefix: str | None = None) -> Plan:
    """What importing ``source`` into ``target`` would write; nothing is written."""
    return plan(read(source, sheet), target, categories(datasets), append, replace_month,
                prefix)


def categories(datasets: Path) -> tuple[records.Category, ...]:
    """The chart of accounts, for categories written by name."""
    issues: list[Issue] = []
    table = load.read_table("categories", "categories", datasets / "codelists" /
                            "categories.csv", load.CODELISTS_KEY, issues,
                            load.DEFAULT_MAX_FILE_BYTES)
    if table is None or issues:
        raise ImportRefused(f"无法读取科目表 {datasets / 'codelists' / 'categories.csv'}："
                            "请先运行 portal validate 修正")
    return records.categories(table)
