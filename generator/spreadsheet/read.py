"""A spreadsheet as the office keeps it, read as rows of text: an Excel workbook (.xlsx,
whatever its file name says), or a CSV in UTF-8 with or without a byte-order mark, UTF-16
or GBK/GB18030, separated by commas, semicolons or tabs. Dates in workbook cells are
written as ISO dates and numbers as their figure; nothing in a file is evaluated (a
formula reads as the value Excel last saved, or as empty)."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from ..errors import ImportRefused

XLSX_MAGIC = b"PK\x03\x04"  # a zip: an xlsx saved under any name
XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary workbook
SEPARATORS = (",", ";", "\t")
MAX_ROWS = 200_000  # a month sheet holds hundreds; more is not a sheet to import


@dataclass(frozen=True)
class Sheet:
    name: str  # the file, and the worksheet of a workbook
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]  # each row's line (CSV) or row number (workbook), as shown to people
    encoding: str  # how it was read: xlsx, utf-8, utf-8-sig, utf-16, gb18030
    separator: str = ","


def read(path: Path, sheet: str | None = None) -> Sheet:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"无法读取 {path}：{exc.strerror or exc}") from exc
    if data.startswith(XLS_MAGIC):
        raise ImportRefused(f"{path.name} 是旧版 Excel 工作簿（.xls）：请在 Excel 或 WPS 中"
                            "“另存为”Excel 工作簿（.xlsx）或 CSV UTF-8，再导入。")
    if data.startswith(XLSX_MAGIC):
        return _workbook(path, data, sheet)
    return _csv(path, data)


def _workbook(path: Path, data: bytes, sheet: str | None) -> Sheet:
    from openpyxl import load_workbook  # only an import needs it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportRefused(f"{path.name} 不是能读取的 Excel 工作簿（{exc}）") from exc
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        raise ImportRefused(f"{path.name} 中没有工作表“{sheet}”；有：{'、'.join(names)}")
    chosen = sheet or names[0]
    rows, lines = [], []
    for number, values in enumerate(book[chosen].iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise ImportRefused(f"{path.name} 超过 {MAX_ROWS:,} 行，不像一张月度账表")
        rows.append(tuple(_cell(v) for v in values))
        lines.append(number)
    book.close()
    return Sheet(f"{path.name}（工作表“{chosen}”）", tuple(rows), tuple(lines), "xlsx")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        figure = Decimal(str(value))  # 1234.5, not 1234.4999999
        return format(figure.normalize(), "f") if figure == figure.to_integral() else str(figure)
    return str(value).strip()


def _csv(path: Path, data: bytes) -> Sheet:
    text, encoding = decode(data, path.name)
    separator = _separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows, lines, start = [], [], 1
    try:
        for row in reader:
            rows.append(tuple(c.strip() for c in row))
            lines.append(start)
            start = reader.line_num + 1
            if len(rows) > MAX_ROWS:
                raise ImportRefused(f"{path.name} 超过 {MAX_ROWS:,} 行，不像一张月度账表")
    except csv.Error as exc:
        raise ImportRefused(f"{path.name} 第 {start} 行：引号没有成对（{exc}）") from exc
    return Sheet(path.name, tuple(rows), tuple(lines), encoding, separator)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and how it was written: a byte-order mark says so; else UTF-8 if it reads
    as such, else GB18030 (which reads every GBK file Excel and WPS save on Chinese
    Windows)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if b"\x00" in data[:4096]:
        raise ImportRefused(f"{name} 不是文本表格（含二进制内容）：请另存为 CSV UTF-8 或 .xlsx")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"{name} 的编码无法识别：请在 Excel 或 WPS 中另存为“CSV UTF-8”") \
            from exc


def _separator(text: str) -> str:
    """The separator that gives the most rows of one width (over the first 50 lines)."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]

    def steady(sep: str) -> int:
        widths = [len(row) for row in csv.reader(lines, delimiter=sep)]
        common = max(set(widths), key=widths.count) if widths else 1
        return widths.count(common) if common > 1 else 0

    return max(SEPARATORS, key=lambda sep: (steady(sep), sep == ","))
