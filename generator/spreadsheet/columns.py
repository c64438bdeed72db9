"""Which column of an office sheet is which column of a table, and each cell as the table
writes it. A header is recognised by the column's name, its Chinese and English titles in
the schema, or a word clerks use for it (SYNONYMS); the header row is the row that names
most columns, under any title rows. One parser per kind of cell: dates as Excel and WPS
write them, amounts with currency signs, units and thousands separators."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from .. import schemas, vocabulary

# A cash journal's own columns, beside the table's: income and expense each in a column
# of its own, and a running balance the portal computes itself.
INCOME, EXPENSE, BALANCE, VOUCHER_NO = "收入列", "支出列", "余额列", "凭证号列"
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "ledger": {
        "entry_id": ("编号", "条目编号", "序号", "id"),
        "date": ("日期", "记账日期", "发生日期", "交易日期", "业务日期"),
        "direction": ("收支", "收支方向", "方向", "收/支"),
        "category": ("科目", "科目代码", "科目名称", "会计科目", "类别", "费用类别", "项目类别"),
        "amount": ("金额", "发生额", "金额元"),
        "counterparty": ("对方单位", "对方", "对方户名", "往来单位", "收款单位", "付款单位",
                         "收付款单位", "收款方", "付款方", "单位"),
        "description": ("摘要", "说明", "用途", "事由", "内容", "备注"),
        "budget_line": ("预算行", "预算编号"),
        INCOME: ("收入", "收入金额", "借方", "借方金额", "收入元"),
        EXPENSE: ("支出", "支出金额", "贷方", "贷方金额", "支出元"),
        BALANCE: ("余额", "结余", "账面余额", "余额元"),
        VOUCHER_NO: ("凭证号", "凭证编号", "凭证字号", "单据号"),
    },
}
TOTAL = re.compile(r"^(本月|本年|本期|本页|全年|累计)?(合计|小计|总计|累计)")
DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"), re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, as its serial numbers count
CURRENCY = re.compile(r"^(?:人民币|rmb|cny|¥|￥)|(?:元|rmb|cny)$", re.I)


def key(text: str) -> str:
    """A header as compared: NFKC, no spaces or line breaks, no unit in brackets, lower."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[(（\[【][^)）\]】]*[)）\]】]", "", text)
    return re.sub(r"[\s:：*]", "", text).lower()


@dataclass(frozen=True)
class Vocabulary:
    """Each recognised header of a table, with the column it names."""

    table: str
    names: dict[str, str]

    @classmethod
    def of(cls, table: str) -> Vocabulary:
        names: dict[str, str] = {}
        for f in schemas.descriptor(table)["fields"]:
            for word in (f["name"], f["title"], f["x-title-en"]):
                names.setdefault(key(word), f["name"])
        for column, words in SYNONYMS.get(table, {}).items():
            for word in words:
                names.setdefault(key(word), column)
        return cls(table, names)

    def column(self, header: str) -> str | None:
        return self.names.get(key(header)) if header.strip() else None

    def score(self, row: tuple[str, ...]) -> int:
        return len({c for c in map(self.column, row) if c})


def header_row(rows: tuple[tuple[str, ...], ...], vocabulary: Vocabulary,
               scan: int = 20) -> int | None:
    """The index of the row naming most columns (at least two) among the first ``scan``."""
    scored = [(vocabulary.score(row), -i) for i, row in enumerate(rows[:scan])]
    best = max(scored, default=(0, 0))
    return -best[1] if best[0] >= 2 else None


def is_total(row: tuple[str, ...]) -> bool:
    return any(TOTAL.match(key(cell)) for cell in row if cell)


def parse_date(text: str) -> date | None:
    """2023-03-05, 2023/3/5, 2023.3.5, 2023年3月5日, 20230305 or an Excel serial number."""
    text = unicodedata.normalize("NFKC", text).strip()
    for form in DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    if re.fullmatch(r"\d{5}(\.0+)?", text) and 20000 <= float(text) <= 80000:
        return EXCEL_EPOCH + timedelta(days=int(float(text)))
    return None


def parse_amount(text: str) -> Decimal | None:
    """1,234.50, ¥1 234.5, 1234.50元, （1,234.50）→ a figure; None when it is none."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = CURRENCY.sub("", text.replace(" ", "").replace("\u00a0", "")).strip()
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()")
    if "," in text and not re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        return None  # 1,00 or 1.000,00: a decimal comma, or a typo; never a guess
    text = text.replace(",", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    try:
        figure = Decimal(text)
    except InvalidOperation:
        return None
    return -figure if negative else figure


def coded(codes: Sequence[str], value: str) -> str:
    """A code of a list as written, or by its Chinese or English label (银行转账 for bank,
    民意征集 for solicit): the vocabulary whose codes are the list's labels them."""
    for labels, listed in vocabulary.KINDS.values():
        if set(listed) == set(codes):
            words = {key(w): code for code, label in labels.items()
                     for w in (code, label.zh, label.en)}
            return words.get(key(value), value)
    return value


def money(figure: Decimal) -> str:
    return f"{figure:.2f}"
