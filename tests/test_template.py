"""``portal template``: a workbook per table that a clerk fills in Excel or WPS and brings
back with ``portal import``; the site's data dictionary offers one for every table."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from generator.spreadsheet import template

from .conftest import compose, run

LEDGER = Path("datasets/communities/demo/ledger.csv")


def test_a_template_has_titles_notes_drop_downs_and_an_example(workdir: Path) -> None:
    compose(workdir)
    result = run("template", "--table", "ledger", "--out", "ledger.xlsx", "--community", "demo")
    assert result.exit_code == 0, result.output
    book = load_workbook("ledger.xlsx")
    assert book.sheetnames == ["填写", "科目表", "说明", "示例"]
    fill = book["填写"]
    assert [c.value for c in fill[1]][:5] == ["条目编号", "日期", "收支方向", "科目", "金额（元）"]
    assert [c.value for c in fill[2]][:5] == ["entry_id", "date", "direction", "category",
                                              "amount"]
    assert fill["D1"].comment.text.startswith("科目（category，必填）\n")
    rules = {str(v.sqref): v.formula1 for v in fill.data_validations.dataValidation}
    assert rules == {"C3:C2000": '"收入,支出"', "D3:D2000": "=科目表!$A$2:$A$23",
                     "I3:I2000": '"I01,I02,E01,E02,E03"'}  # demo's budget lines
    assert [c.value for c in book["科目表"][11]] == ["保洁", "cleaning", "支出"]  # line 11
    example = [c.value for c in book["示例"][3]]
    assert example[:5] == ["FHY-2023-03-007", "2023-03-08", "支出", "电梯维保", "3313.00"]


def test_a_filled_template_imports_and_validates(workdir: Path) -> None:
    compose(workdir)
    assert run("template", "--table", "ledger", "--out", "t.xlsx").exit_code == 0
    book = load_workbook("t.xlsx")
    fill = book["填写"]
    fill.append(["", datetime(2021, 3, 5), "收入", "物业服务费", 9650, "业主（按月汇总）",
                 "2021年3月物业服务费", "", "I01", ""])
    fill.append(["", datetime(2021, 3, 20), "支出", "保洁", 3000, "洁美保洁公司", "3月保洁服务费",
                 "vouchers/D-003.png", "E01", ""])
    book.save("t.xlsx")
    result = run("import", "t.xlsx", "--into", str(LEDGER), "--append")
    assert result.exit_code == 0, result.output
    assert "第 2 行是第二行表头（列名），不导入" in result.output
    assert LEDGER.read_text(encoding="utf-8").splitlines()[-2:] == [
        "DEMO-2021-03-001,2021-03-05,income,fee,9650.00,业主（按月汇总）,2021年3月物业服务费,,I01,",
        "DEMO-2021-03-002,2021-03-20,expense,cleaning,3000.00,洁美保洁公司,3月保洁服务费,"
        "vouchers/D-003.png,E01,"]


def test_the_same_table_gives_the_same_workbook_bytes() -> None:
    chart = ()
    assert template.workbook("budget", chart) == template.workbook("budget", chart)


def test_an_existing_file_is_not_replaced(workdir: Path) -> None:
    compose(workdir)
    Path("t.xlsx").write_bytes(b"keep")
    result = run("template", "--table", "ledger", "--out", "t.xlsx")
    assert result.exit_code == 2 and Path("t.xlsx").read_bytes() == b"keep"


def test_the_data_dictionary_offers_a_template_for_every_table(workdir: Path) -> None:
    compose(workdir)
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    page = (workdir / "site/maintainers/data-dictionary/index.html").read_text("utf-8")
    for table in template.TABLES:
        assert f'href="../../maintainers/templates/{table}.xlsx" download>{table}.xlsx</a>' \
            in page
        book = load_workbook(workdir / f"site/maintainers/templates/{table}.xlsx")
        assert book.sheetnames[0] == "填写" and book["填写"]["A2"].value


def test_a_link_in_place_of_the_workbook_is_not_followed(workdir: Path) -> None:
    compose(workdir)
    Path("t.xlsx").symlink_to(workdir / "elsewhere.xlsx")  # dangling: it points nowhere yet
    result = run("template", "--table", "ledger", "--out", "t.xlsx")
    assert result.exit_code == 2 and not (workdir / "elsewhere.xlsx").exists()
