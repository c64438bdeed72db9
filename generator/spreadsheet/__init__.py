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
    inside(target, datasets)
    return plan(read(source, sheet), target, categories(datasets), append, replace_month,
                prefix)


def inside(target: Path, datasets: Path) -> None:
    """The table is a table of a package of these datasets, and a file of its own: import
    writes nothing anywhere else (not through a link, not beside the datasets)."""
    folder = target.parent
    try:
        target.resolve().relative_to(datasets.resolve())
    except ValueError:
        raise ImportRefused(f"{target} 不在数据目录 {datasets} 中：请写出该目录下的表，"
                            "或用 --datasets 指定数据目录") from None
    if target.is_symlink() or folder.is_symlink() or not (folder / "datapackage.json").is_file():
        raise ImportRefused(f"{target} 不是数据包中的表：它所在的目录要有 datapackage.json，"
                            "且表和目录都不能是符号链接")


def budget_lines(datasets: Path, community: str) -> tuple[str, ...]:
    """A community's budget lines of its latest year, for a template's drop-down."""
    path = datasets / "communities" / community / "budget.csv"
    issues: list[Issue] = []
    table = load.read_table("budget", "budget", path, community, issues,
                            load.DEFAULT_MAX_FILE_BYTES) if path.is_file() else None
    if table is None or issues:
        raise ImportRefused(f"无法读取 {path}：请先运行 portal validate 修正")
    rows = [dict(zip(table.header, r, strict=False)) for r in table.rows]
    latest = max((r.get("year", "") for r in rows), default="")
    return tuple(r["line_id"] for r in rows if r.get("year") == latest and r.get("line_id"))


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
