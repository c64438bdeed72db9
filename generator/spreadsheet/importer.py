"""``portal import``: an office sheet into a table of a package, in the table's own layout.

The plan is made before anything is written and says what it will do: which rows are
titles and totals, which column became which, which names became which codes, and the
rows and totals per month and direction. Anything it cannot decide is refused with what
to decide instead. A table that already has rows is extended (``append``) or one of its
months replaced (``replace_month``) only when asked; the file is then replaced whole, in
one step, and the datasets are validated as any other change is."""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from .. import load, records, schemas
from ..errors import ImportRefused
from ..issues import Issue, Where
from . import columns as cols
from .read import Sheet

SKIPPED = (cols.BALANCE,)  # read and shown in the plan, never imported: the portal computes it
SHOWN = {cols.INCOME: "amount（收入）", cols.EXPENSE: "amount（支出）",
         cols.BALANCE: "不导入（余额由门户计算）",
         cols.VOUCHER_NO: "voucher（vouchers/ 中同名的文件）"}


@dataclass
class Plan:
    table: str  # the schema
    target: Path
    header: tuple[str, ...]  # the table's columns
    rows: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was read and decided, in order
    kept: list[tuple[str, ...]] = field(default_factory=list)  # the table's rows that stay
    replaced: int = 0
    # The table's bytes, when the new rows only follow them: the file's diff is then the
    # added lines alone, whatever quoting and line ends it was written with.
    base: bytes | None = None

    def summary(self) -> list[str]:
        lines = list(self.notes)
        months: dict[str, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
        for row in self.rows:
            if "amount" in row and "date" in row:
                months[row["date"][:7]][row.get("direction", "")].append(Decimal(row["amount"]))
        verb = f"替换 {self.replaced} 行，" if self.replaced else ""
        lines.append(f"将写入 {self.target}：{verb}新增 {len(self.rows)} 行，"
                     f"保留原有 {len(self.kept)} 行")
        for month, by in sorted(months.items()):
            parts = [f"{'收入' if d == 'income' else '支出' if d == 'expense' else d} "
                     f"{len(v)} 笔 {sum(v, Decimal(0)):,.2f} 元"
                     for d, v in sorted(by.items(), key=lambda kv: kv[0] != "income")]
            lines.append(f"  {month}：" + "；".join(parts))
        return lines


def table_of(target: Path) -> str:
    """The schema of a table, from where it sits: communities/<id>/ledger.csv, …"""
    parts = target.resolve().parts
    for kind in (load.COMMUNITY, load.FOUNDATION, load.PROTECTION, load.STANDARDS):
        folder = "communities" if kind is load.COMMUNITY else kind.name
        if target.suffix == ".csv" and target.stem in kind.resources and (
                (kind is load.COMMUNITY and len(parts) > 2 and parts[-3] == folder)
                or parts[-2] == folder):
            return kind.resources[target.stem]
    raise ImportRefused(f"{target} 不是某个数据包中的表：请写出表的路径，例如 "
                        "datasets/communities/fenghuayuan/ledger.csv")


def plan(sheet: Sheet, target: Path, categories: Sequence[records.Category],
         append: bool = False, replace_month: str | None = None,
         prefix: str | None = None) -> Plan:
    table = table_of(target)
    result = Plan(table, target, schemas.columns(table))
    vocabulary = cols.Vocabulary.of(table)
    at = cols.header_row(sheet.rows, vocabulary)
    if at is None:
        raise ImportRefused(_no_header(sheet, table))
    mapping = _mapping(sheet, at, vocabulary, result)
    data = _data_rows(sheet, at, result, vocabulary)
    if table == "ledger":
        _Ledger(sheet, mapping, categories, result).rows(data)
        _ids(result, target, prefix, replace_month)
    else:
        _required(sheet, table, mapping)
        words = _Words(sheet, categories, result)
        result.rows = [_row(sheet, i, row, mapping, table, words) for i, row in data]
        words.noted()
    _merge(result, append, replace_month)
    return result


def _no_header(sheet: Sheet, table: str) -> str:
    words = "、".join(f["title"] for f in schemas.descriptor(table)["fields"][:6])
    return (f"{sheet.name} 的前 20 行里找不到表头：表头至少要有两列能认出的列名，例如 "
            f"{words}（中文、英文或列名均可）")


def _mapping(sheet: Sheet, at: int, vocabulary: cols.Vocabulary,
             result: Plan) -> dict[str, int]:
    """Each recognised column's position; a column named twice is refused."""
    mapping: dict[str, int] = {}
    shown = []
    for i, header in enumerate(sheet.rows[at]):
        column = vocabulary.column(header)
        if column is None:
            if header:
                shown.append(f"{header} → 不导入（认不出这一列）")
            continue
        if column in mapping:
            other = sheet.rows[at][mapping[column]]
            raise ImportRefused(f"{sheet.name} 第 {sheet.lines[at]} 行：“{other}”和“{header}”"
                                f"都对应 {column}，请删去其中一列或改名")
        mapping[column] = i
        shown.append(f"{header} → {SHOWN.get(column, column)}")
    if at:
        titles = "；".join(" ".join(c for c in row if c) for row in sheet.rows[:at] if any(row))
        span = f"{sheet.lines[0]}" + (f"–{sheet.lines[at - 1]}" if at > 1 else "")
        result.notes.append(f"第 {span} 行是标题，不导入"
                            + (f"（{titles}）" if titles else ""))
    result.notes.append(f"表头在第 {sheet.lines[at]} 行；编码 {sheet.encoding}，分隔符 "
                        f"{'制表符' if sheet.separator == chr(9) else sheet.separator}")
    result.notes.append("列的对应：" + "；".join(shown))
    return mapping


def _required(sheet: Sheet, table: str, mapping: Mapping[str, int]) -> None:
    """Every required column has a column in the sheet: a table is not filled by guessing."""
    missing = [f"{f['title']}（{f['name']}）" for f in schemas.descriptor(table)["fields"]
               if f.get("constraints", {}).get("required") and f["name"] not in mapping]
    if missing:
        raise ImportRefused(f"{sheet.name} 缺少这些列：{'、'.join(missing)}。请在表头加上")


def _data_rows(sheet: Sheet, at: int, result: Plan, vocabulary: cols.Vocabulary
               ) -> list[tuple[int, tuple[str, ...]]]:
    rows, totals = [], []
    for i in range(at + 1, len(sheet.rows)):
        row = sheet.rows[i]
        if not any(row):
            continue
        if i == at + 1 and vocabulary.score(row) >= 2 and \
                all(vocabulary.column(c) for c in row if c):
            result.notes.append(f"第 {sheet.lines[i]} 行是第二行表头（列名），不导入")
            continue  # the template's column names under its Chinese titles
        if cols.is_total(row):
            totals.append(str(sheet.lines[i]))
            continue
        rows.append((i, row))
    if totals:
        result.notes.append(f"跳过合计行：第 {'、'.join(totals)} 行")
    if not rows:
        raise ImportRefused(f"{sheet.name} 在表头下没有数据行")
    return rows


def _cell(row: tuple[str, ...], mapping: Mapping[str, int], column: str) -> str:
    i = mapping.get(column)
    return row[i].strip() if i is not None and i < len(row) else ""


def _row(sheet: Sheet, i: int, row: tuple[str, ...], mapping: Mapping[str, int],
         table: str, words: _Words) -> dict[str, str]:
    """A row of any table: dates and numbers in the one form the table takes, a direction
    and a category by their Chinese names too."""
    fields = {f["name"]: f for f in schemas.descriptor(table)["fields"]}
    kinds = {name: f["type"] for name, f in fields.items()}
    found = {}
    for column in schemas.columns(table):
        value = _cell(row, mapping, column)
        listed = fields[column].get("constraints", {}).get("enum")
        if value and listed and column != "direction":
            value = cols.coded(listed, value)
        elif value and column == "direction":
            value = words.direction(i, value)
        elif value and column == "category" and table in ("budget", "assets"):
            value = words.category(i, value).code
        elif value and kinds[column] == "date":
            value = _date(sheet, i, column, value).isoformat()
        elif value and kinds[column] in ("number", "integer"):
            figure = cols.parse_amount(value)
            if figure is None:
                raise ImportRefused(_where(sheet, i, column) + f"“{value}”不是数字")
            value = str(int(figure)) if kinds[column] == "integer" else (
                cols.money(figure) if figure == figure.quantize(Decimal("0.01"))
                else format(figure, "f"))
        found[column] = value
    return found


def _where(sheet: Sheet, i: int, column: str) -> str:
    return f"{sheet.name} 第 {sheet.lines[i]} 行（{column}）："


def _date(sheet: Sheet, i: int, column: str, value: str) -> date:
    found = cols.parse_date(value)
    if found is None:
        raise ImportRefused(_where(sheet, i, column) + f"“{value}”不是能认出的日期；"
                            "请写成 2023-03-05、2023/3/5 或 2023年3月5日（要有年份）")
    return found


class _Words:
    """Categories by code, Chinese or English name, and directions by their words; each
    name read is noted in the plan with the code it became."""

    def __init__(self, sheet: Sheet, categories: Sequence[records.Category],
                 result: Plan) -> None:
        self.sheet, self.result = sheet, result
        self.by_word: dict[str, records.Category] = {}
        for c in categories:
            for word in (c.code, c.name_zh, c.name_en):
                self.by_word.setdefault(cols.key(word), c)
        self.named: Counter[tuple[str, str]] = Counter()

    def noted(self) -> None:
        for (word, code), n in sorted(self.named.items()):
            if cols.key(word) != cols.key(code):
                self.result.notes.append(f"科目：{word} → {code}（{n} 行）")

    def category(self, i: int, word: str) -> records.Category:
        found = self.by_word.get(cols.key(word))
        if found is None:
            near = difflib.get_close_matches(cols.key(word), list(self.by_word), n=3, cutoff=0.5)
            hint = "，是不是：" + "、".join(f"{self.by_word[w].name_zh}（{self.by_word[w].code}）"
                                         for w in near) if near else ""
            raise ImportRefused(_where(self.sheet, i, "category") + f"“{word}”不是科目表中的"
                                f"科目代码或名称{hint}。请改写，或先在 codelists/categories.csv "
                                "中新增该科目")
        self.named[(word, found.code)] += 1
        return found

    def direction(self, i: int, word: str) -> str:
        for direction, words in (("income", ("income", "收入", "收")),
                                 ("expense", ("expense", "支出", "支"))):
            if cols.key(word) in words:
                return direction
        raise ImportRefused(_where(self.sheet, i, "direction") + f"“{word}”应为 收入 或 支出"
                            "（income 或 expense）")


class _Ledger(_Words):
    """A ledger's rows from a sheet: one amount column and a direction, or a cash
    journal's income and expense columns; categories by code or by name."""

    def __init__(self, sheet: Sheet, mapping: dict[str, int],
                 categories: Sequence[records.Category], result: Plan) -> None:
        super().__init__(sheet, categories, result)
        self.mapping = mapping
        self.unfound: list[str] = []
        missing = [c for c in ("date", "category") if c not in mapping]
        if "amount" not in mapping and not {cols.INCOME, cols.EXPENSE} & mapping.keys():
            missing.append("amount（或“收入”“支出”两列）")
        if missing:
            raise ImportRefused(f"{sheet.name} 缺少这些列：{'、'.join(missing)}。请在表头加上"
                                "（日期、科目、金额，或现金日记账的收入、支出）")

    def rows(self, data: list[tuple[int, tuple[str, ...]]]) -> None:
        for i, row in data:
            self.result.rows.append(self.row(i, row))
        self.noted()
        if self.unfound:
            self.result.notes.append(f"凭证号 {'、'.join(self.unfound)}：vouchers/ 中没有同名的"
                                     "扫描件，这些行的 voucher 留空（支出必须补上凭证）")

    def row(self, i: int, row: tuple[str, ...]) -> dict[str, str]:
        cell = {c: _cell(row, self.mapping, c) for c in self.mapping}
        category = self.category(i, cell["category"])
        direction, amount = self.amount(i, cell, category)
        return {"entry_id": cell.get("entry_id", ""),
                "date": _date(self.sheet, i, "date", cell["date"]).isoformat(),
                "direction": direction, "category": category.code,
                "amount": cols.money(amount), "counterparty": cell.get("counterparty", ""),
                "description": cell.get("description", ""),
                "voucher": cell.get("voucher") or self.voucher(cell.get(cols.VOUCHER_NO, "")),
                "budget_line": cell.get("budget_line", ""), "corrects": ""}

    def amount(self, i: int, cell: Mapping[str, str],
               category: records.Category) -> tuple[str, Decimal]:
        sides = [(d, cell.get(c, "")) for d, c in (("income", cols.INCOME),
                                                   ("expense", cols.EXPENSE))
                 if cell.get(c, "") not in ("", "0", "0.00", "-")]
        if "amount" in self.mapping and not sides:
            sides = [(self.side(i, cell, category), cell["amount"])]
        if len(sides) != 1:
            raise ImportRefused(_where(self.sheet, i, "amount") + (
                "收入和支出两列都有金额：一行只记一笔，请拆成两行" if sides else "没有金额"))
        direction, text = sides[0]
        figure = cols.parse_amount(text)
        if figure is None or figure <= 0 or figure != figure.quantize(Decimal("0.01")):
            raise ImportRefused(_where(self.sheet, i, "amount") + f"“{text}”不是大于 0、"
                                "最多两位小数的金额")
        if direction != category.direction:
            raise ImportRefused(_where(self.sheet, i, "category") + f"科目“{category.name_zh}”"
                                f"是{_side(category.direction)}科目，这一行却是{_side(direction)}")
        return direction, figure

    def side(self, i: int, cell: Mapping[str, str], category: records.Category) -> str:
        word = cell.get("direction", "")
        return self.direction(i, word) if word else category.direction  # the chart says

    def voucher(self, number: str) -> str:
        """vouchers/<凭证号>.<ext> when the scan is there; else empty (validation then asks
        for it on an expense)."""
        if not number:
            return ""
        folder = self.result.target.parent / "vouchers"
        safe = re.sub(r"[^\w.-]", "-", number)
        for ext in (".png", ".jpg", ".jpeg", ".webp", ".pdf"):
            if (folder / f"{safe}{ext}").is_file():
                return f"vouchers/{safe}{ext}"
        self.unfound.append(number)
        return ""


def _side(direction: str) -> str:
    return "收入" if direction == "income" else "支出"


def _ids(result: Plan, target: Path, prefix: str | None, replace_month: str | None) -> None:
    """Entry ids for rows without one: PREFIX-YYYY-MM-NNN, after the month's highest (the
    ids of a month being replaced are free again)."""
    existing = _existing(target)
    ids = [r[0] for r in existing.rows if r[1][:7] != replace_month] if existing else []
    prefix = prefix or _prefix(ids) or target.parent.name.upper()
    used = set(ids) | {r["entry_id"] for r in result.rows if r["entry_id"]}
    counters: Counter[str] = Counter()
    for row in result.rows:
        if row["entry_id"]:
            continue
        month = row["date"][:7]
        while True:
            counters[month] += 1
            candidate = f"{prefix}-{month}-{counters[month]:03d}"
            if candidate not in used:
                break
        row["entry_id"] = candidate
        used.add(candidate)
    result.notes.append(f"条目编号：没有编号的行按 {prefix}-年-月-序号 编号")


def _prefix(ids: Sequence[str]) -> str:
    found = Counter(m.group(1) for i in ids if (m := re.match(r"(.+)-\d{4}-\d{2}-\d+$", i)))
    return found.most_common(1)[0][0] if found else ""


def _existing(target: Path) -> load.Table | None:
    if not target.is_file():
        return None
    issues: list[Issue] = []
    text = load.decode(target.read_bytes(), Where(str(target)), issues)
    if text is None:
        raise ImportRefused(f"{target} 现有内容无法读取（{issues[0].message if issues else ''}）")
    return load.parse_csv(target.stem, table_of(target), target, text, Where(str(target)),
                          issues) if text.strip() else None


def _merge(result: Plan, append: bool, replace_month: str | None) -> None:
    existing = _existing(result.target)
    rows = list(existing.rows) if existing else []
    if existing and existing.header != result.header:
        raise ImportRefused(f"{result.target} 的表头与标准列不同，请先运行 portal validate 修正")
    if not rows:
        return
    months = sorted({r[1][:7] for r in rows}) if result.table == "ledger" else []
    span = f"（{months[0]} 至 {months[-1]}）" if months else ""
    if replace_month:
        if result.table != "ledger":
            raise ImportRefused("--replace-month 只用于账目（ledger.csv）")
        outside = sorted({r["date"][:7] for r in result.rows} - {replace_month})
        if outside:
            raise ImportRefused(f"--replace-month {replace_month}：表格中还有其他月份的行"
                                f"（{'、'.join(outside)}），请只保留这个月")
        result.kept = [r for r in rows if r[1][:7] != replace_month]
        result.replaced = len(rows) - len(result.kept)
        return
    if not append:
        new = sorted({r["date"][:7] for r in result.rows}) if result.table == "ledger" else []
        month = (f"；要替换 {new[0]} 这个月，请加 --replace-month {new[0]}（只能替换尚未公开的"
                 "月份）") if len(new) == 1 else ""
        raise ImportRefused(f"{result.target} 已有 {len(rows):,} 行{span}。要在后面加上这 "
                            f"{len(result.rows)} 行，请加 --append 再运行一次{month}")
    if result.table != "ledger":
        result.kept = rows  # validation names a repeated key, as for any table
        result.base = _appendable(result.target, existing)
        return
    clash = {r["entry_id"] for r in result.rows} & {r[0] for r in rows}
    overlap = sorted({r["date"][:7] for r in result.rows} & set(months))
    if clash or overlap:
        raise ImportRefused(f"{result.target} 已有这些月份的条目：{'、'.join(overlap) or '—'}"
                            f"（编号重复 {len(clash)} 个）。请用 --replace-month 替换整月，"
                            "或从表格中删去已有的行")
    result.kept = rows
    result.base = _appendable(result.target, existing)


def _appendable(target: Path, existing: load.Table | None) -> bytes | None:
    """The table's bytes, if they are plain UTF-8 with every column: then rows are added
    after them as they are."""
    if existing is None:
        return None
    data = target.read_bytes()
    written = data.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8", "replace").split(",")
    if data.startswith(b"\xef\xbb\xbf") or tuple(written) != existing.header:
        return None
    return data if data.endswith(b"\n") else data + (b"\r\n" if b"\r\n" in data else b"\n")


def text(result: Plan) -> bytes:
    """The table as it will be written: its bytes and the new rows after them, or written
    whole (UTF-8 without a byte-order mark, LF line ends) when a month is replaced."""
    out = io.StringIO(newline="")
    end = "\r\n" if result.base and b"\r\n" in result.base else "\n"
    writer = csv.writer(out, lineterminator=end)
    if result.base is None:
        writer.writerow(result.header)
        writer.writerows(result.kept)
    writer.writerows([[row.get(c, "") for c in result.header] for row in result.rows])
    return (result.base or b"") + out.getvalue().encode("utf-8")


def write(result: Plan) -> None:
    """Replace the table whole, in one step: a reader sees the old file or the new one."""
    result.target.parent.mkdir(parents=True, exist_ok=True)
    temporary = result.target.with_name(f".{result.target.name}.import")
    temporary.write_bytes(text(result))
    os.replace(temporary, result.target)
