"""``portal template``: a workbook for each table, for the clerks who fill it in Excel or
WPS and bring it back with ``portal import``: the column's Chinese title over its name, a
note on each column, drop-downs for what has a list (direction, category by its Chinese
name, the table's codes, a community's budget lines), dates and amounts formatted, and an
example on a sheet of its own, so that nothing of it is imported by mistake.

The same table gives the same bytes: the workbook's dates and its zip entries' times are
fixed, as the site's files must be."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from .. import schemas
from ..records import Category

FIXED = datetime(2024, 1, 1)  # the workbook's created and modified dates: not the build's
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
FILL, GUIDE, EXAMPLE, CHART = "填写", "说明", "示例", "科目表"
ROWS = 2000  # rows the drop-downs and formats cover
CHOICES = {"direction": ("收入", "支出")}  # as clerks write them; portal import reads both
FORMATS = {"date": "yyyy-mm-dd", "number": "#,##0.00"}


def workbook(table: str, categories: Sequence[Category], lines: Sequence[str] = ()) -> bytes:
    """The table's workbook; ``lines``: a community's budget lines, for the drop-down."""
    from openpyxl import Workbook  # only the template and the site's downloads need it

    book = Workbook()
    fill = book.active
    fill.title = FILL
    fields = schemas.descriptor(table)["fields"]
    _header(fill, fields)
    _choices(book, fill, fields, categories, lines)
    _guide(book.create_sheet(GUIDE), fields)
    sample = book.create_sheet(EXAMPLE)
    _header(sample, fields)
    sample.append([EXAMPLES.get(table, {}).get(f["name"], "") for f in fields])
    book.properties.created = book.properties.modified = FIXED
    book.properties.creator = "xinyi-portal"
    out = io.BytesIO()
    book.save(out)
    return _fixed_times(out.getvalue())


def _header(sheet: Any, fields: Sequence[Mapping[str, Any]]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append([f["title"] for f in fields])
    sheet.append([f["name"] for f in fields])
    for i, f in enumerate(fields, start=1):
        cell = sheet.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.comment = Comment(_note(f), "xinyi-portal", width=320, height=160)
        sheet.cell(row=2, column=i).font = Font(color="777777", size=9)
        sheet.column_dimensions[get_column_letter(i)].width = max(12, len(f["title"]) * 2 + 4)
    sheet.freeze_panes = "A3"


def _note(field: Mapping[str, Any]) -> str:
    required = "必填" if field.get("constraints", {}).get("required") else "可不填"
    return (f"{field['title']}（{field['name']}，{required}）\n{field['description']}\n\n"
            f"{field['x-description-en']}")


def _choices(book: Any, sheet: Any, fields: Sequence[Mapping[str, Any]],
             categories: Sequence[Category], lines: Sequence[str]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    chart = book.create_sheet(CHART)
    chart.append(["科目名称", "代码", "收支"])
    for c in categories:
        chart.append([c.name_zh, c.code, "收入" if c.direction == "income" else "支出"])
    for i, f in enumerate(fields, start=1):
        column = get_column_letter(i)
        cells = f"{column}3:{column}{ROWS}"
        listed = _listed(f, categories, lines)
        if listed is not None:
            rule = DataValidation(type="list", formula1=listed, allow_blank=True)
            rule.error, rule.errorTitle = "请从下拉列表中选择", f["title"]
            sheet.add_data_validation(rule)
            rule.add(cells)
        if f["type"] in FORMATS:  # the column's style: a new cell takes it
            sheet.column_dimensions[column].number_format = FORMATS[f["type"]]


def _listed(field: Mapping[str, Any], categories: Sequence[Category],
            lines: Sequence[str]) -> str | None:
    """A drop-down's source: a list of words, or the chart sheet's names."""
    name = field["name"]
    if name == "category" and categories:
        return f"={CHART}!$A$2:$A${len(categories) + 1}"
    if name in CHOICES:
        return '"' + ",".join(CHOICES[name]) + '"'
    if name == "budget_line" and lines:
        return '"' + ",".join(lines) + '"'
    enum = field.get("constraints", {}).get("enum")
    return '"' + ",".join(enum) + '"' if enum else None


def _guide(sheet: Any, fields: Sequence[Mapping[str, Any]]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(["列名", "中文名", "说明", "English", "约束"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for doc in fields:
        sheet.append([doc["name"], doc["title"], doc["description"], doc["x-description-en"],
                      schemas.describe_constraints(doc.get("constraints", {}))])
    for column, width in zip("ABCDE", (16, 16, 60, 60, 24), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([])
    sheet.append(["填好“填写”表后运行：portal import 本文件 --into datasets/…/表名.csv --append"])


def _fixed_times(data: bytes) -> bytes:
    """The workbook's zip again, every entry dated the same, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl dates a save itself
                data = MODIFIED.sub(rb"\g<1>" + FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                                    + rb"\g<2>", data)
            target.writestr(fixed, data)
    return out.getvalue()


# One example row a table, on the 示例 sheet: figures in the sample data's style, marked
# as examples where a name would read as real.
EXAMPLES: dict[str, dict[str, str]] = {
    "ledger": {"entry_id": "FHY-2023-03-007", "date": "2023-03-08", "direction": "支出",
               "category": "电梯维保", "amount": "3313.00",
               "counterparty": "通力达电梯维保有限公司（示例）",
               "description": "2023年3月电梯维保费（按合同）",
               "voucher": "vouchers/FHY-2023-03-007.png", "budget_line": "E06"},
    "budget": {"year": "2023", "line_id": "E06", "direction": "支出", "category": "电梯维保",
               "item": "电梯维保合同", "amount": "39600.00"},
    "resolutions": {"resolution_id": "FHY-R-2023-01", "date": "2023-05-14",
                    "title": "续签电梯维保合同（示例）", "kind": "contract", "votes_for": "301",
                    "votes_against": "22", "abstentions": "40", "eligible": "439",
                    "document": "documents/FHY-R-2023-01.pdf"},
    "collection": {"year": "2023", "households_billed": "439", "households_paid": "436",
                   "amount_billed": "521532.00", "amount_collected": "517980.40"},
    "statements": {"month": "2023-03", "closing_balance": "192345.67",
                   "document": "documents/statement-2023-03.pdf"},
    "terms": {"term_id": "FHY-T-2024-01", "term": "remuneration_rate", "value": "0.14",
              "effective": "2024-01-01", "resolution": "FHY-R-2023-04",
              "note": "业主大会决议调整（示例）"},
    "assets": {"asset_id": "FHY-A-02", "kind": "lift-ad",
               "name": "1—6 号楼电梯轿厢广告位（12 部）（示例）", "category": "广告收益",
               "counterparty": "社区广告发布有限公司（示例）", "monthly_amount": "1550.00",
               "paid_every": "3", "start": "2020-01-01", "end": "",
               "contract": "documents/FHY-A-02.pdf", "resolution": "FHY-R-2019-04"},
    "questions": {"question_id": "FHY-Q-2023-01", "received": "2023-03-02", "about": "entry",
                  "subject": "FHY-2022-11-015",
                  "question": "绿化补种的苗木数量与验收单是否一致？（示例）",
                  "answer": "已核对验收单，数量一致，验收单已补充公开。（示例）",
                  "answered": "2023-03-10"},
    "parties": {"party": "社区便民超市（示例）", "relation": "related", "resolution": "",
                "since": "2020-01-01", "until": "", "note": "受托人的股东开办的超市（示例）"},
    "reports": {"report_id": "WHCF-2023-01-Q2", "project_id": "WHCF-2023-01", "kind": "progress",
                "published": "2023-07-05", "title": "2023 年第二季度进展（示例）",
                "document": "documents/WHCF-2023-01-Q2.pdf"},
    "donations": {"donation_id": "D-2023-0001", "date": "2023-03-02",
                  "donor": "辖区共建单位（示例）", "donor_type": "organisation",
                  "amount": "5000.00", "project_id": "WHCF-2023-01", "channel": "bank"},
    "disbursements": {"disbursement_id": "P-2023-0001", "date": "2023-03-20",
                      "project_id": "WHCF-2023-01", "amount": "1800.00",
                      "payee": "社区便民服务站（示例）", "purpose": "居家生活服务站物资",
                      "voucher": "vouchers/P-2023-0001.png"},
    "steps": {"project_id": "BZ-2023-01", "step": "solicit", "date": "2023-02-18",
              "summary": "入户和线上征集居民意见 126 份（示例）", "participants": "126"},
}
TABLES = ("ledger", "budget", "resolutions", "collection", "statements", "terms", "assets",
          "questions", "parties", "donations", "disbursements", "reports", "steps")
