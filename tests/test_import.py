"""``portal import``: the sheets clerks keep, made here as Excel and WPS make them (openpyxl
workbooks, CSV in GBK, UTF-16 and UTF-8 with a byte-order mark, commas, semicolons or
tabs), imported in one command and validated as any other change."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from .conftest import compose, run
from .test_validation_rules import reported

LEDGER = Path("datasets/communities/demo/ledger.csv")
BUDGET = Path("datasets/communities/demo/budget.csv")
TITLE = "示范小区2021年3月收支明细"
JOURNAL = ["日期", "凭证号", "摘要", "对方单位", "科目", "收入", "支出", "余额"]
MARCH = [
    ["2021年3月5日", "0301", "2021年3月物业服务费", "业主（按月汇总）", "物业服务费", "9,650.00",
     "", "10,965.00"],
    ["2021年3月8日", "0302", "2021年3月停车收益", "停车管理公司", "停车收益", "1,200.00", "",
     "12,165.00"],
    ["2021年3月20日", "0303", "3月保洁服务费", "洁美保洁公司", "保洁", "", "3,000.00", "9,165.00"],
    ["本月合计", "", "", "", "", "10,850.00", "3,000.00", ""],
]
ADDED = [
    "DEMO-2021-03-001,2021-03-05,income,fee,9650.00,业主（按月汇总）,2021年3月物业服务费,,,",
    "DEMO-2021-03-002,2021-03-08,income,parking,1200.00,停车管理公司,2021年3月停车收益,,,",
    "DEMO-2021-03-003,2021-03-20,expense,cleaning,3000.00,洁美保洁公司,3月保洁服务费,"
    "vouchers/0303.png,,",
]


@pytest.fixture
def datasets(workdir: Path) -> Path:
    """The minimal datasets, with the scan of March's only expense named by its number."""
    found = compose(workdir)
    vouchers = found / "communities/demo/vouchers"
    (vouchers / "0303.png").write_bytes((vouchers / "D-003.png").read_bytes())
    return found


def office_csv(path: Path, rows: list[list[str]], encoding: str = "gbk",
               separator: str = ",") -> Path:
    """A CSV as Excel or WPS on Chinese Windows saves it: CRLF, cells quoted when needed."""
    def cell(value: str) -> str:
        return f'"{value}"' if separator in value or '"' in value else value
    text = "".join(separator.join(cell(c) for c in row) + "\r\n" for row in rows)
    path.write_bytes(text.encode(encoding))
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_gbk_cash_journal_with_a_title_row_imports_in_one_command(datasets: Path) -> None:
    sheet = office_csv(Path("march.csv"), [[TITLE], JOURNAL, *MARCH])
    result = run("import", str(sheet), "--into", str(LEDGER), "--append")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:4] == [
        f"第 1 行是标题，不导入（{TITLE}）",
        "表头在第 2 行；编码 gb18030，分隔符 ,",
        "列的对应：日期 → date；凭证号 → voucher（vouchers/ 中同名的文件）；摘要 → description；"
        "对方单位 → counterparty；科目 → category；收入 → amount（收入）；支出 → amount（支出）；"
        "余额 → 不导入（余额由门户计算）",
        "跳过合计行：第 6 行"]
    assert "科目：保洁 → cleaning（1 行）" in lines
    assert ("凭证号 0301、0302：vouchers/ 中没有同名的扫描件，这些行的 voucher 留空（支出必须"
            "补上凭证）") in lines
    assert f"将写入 {LEDGER}：新增 3 行，保留原有 8 行" in lines
    assert "  2021-03：收入 2 笔 10,850.00 元；支出 1 笔 3,000.00 元" in lines
    assert lines[-1] == "valid: 0 error(s), 0 finding(s)"
    assert LEDGER.read_text(encoding="utf-8").splitlines()[-3:] == ADDED


def test_a_workbook_with_date_cells_imports_even_under_a_csv_name(datasets: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.append(["序号", "日期", "科目", "摘要", "对方单位", "金额（元）", "收支"])
    sheet.append([1, datetime(2021, 3, 5), "fee", "2021年3月物业服务费", "业主（按月汇总）", 9650,
                  "收入"])
    sheet.append([2, datetime(2021, 3, 8), "停车收益", "2021年3月停车收益", "停车管理公司", 1200.5,
                  "收"])
    book.save("march.csv")  # saved as a workbook, named as a CSV
    result = run("import", "march.csv", "--into", str(LEDGER), "--append", "--prefix", "D")
    assert result.exit_code == 0, result.output
    assert "表头在第 2 行；编码 xlsx，分隔符 ," in result.output
    assert LEDGER.read_text(encoding="utf-8").splitlines()[-2:] == [
        "1,2021-03-05,income,fee,9650.00,业主（按月汇总）,2021年3月物业服务费,,,",
        "2,2021-03-08,income,parking,1200.50,停车管理公司,2021年3月停车收益,,,"]


@pytest.mark.parametrize(("encoding", "separator", "shown"), [
    ("utf-16", "\t", "编码 utf-16，分隔符 制表符"),
    ("utf-8-sig", ";", "编码 utf-8-sig，分隔符 ;"),
    ("utf-8", ",", "编码 utf-8，分隔符 ,"),
])
def test_every_encoding_and_separator_offices_save_is_read(datasets: Path, encoding: str,
                                                           separator: str, shown: str) -> None:
    sheet = office_csv(Path("march.csv"), [JOURNAL, *MARCH], encoding, separator)
    result = run("import", str(sheet), "--into", str(LEDGER), "--append", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"表头在第 1 行；{shown}" in result.output
    assert "  2021-03：收入 2 笔 10,850.00 元；支出 1 笔 3,000.00 元" in result.output


def test_a_category_not_in_the_chart_is_refused_with_a_suggestion(datasets: Path) -> None:
    before = digest(LEDGER)
    rows = [JOURNAL, [*MARCH[2][:4], "保洁费", *MARCH[2][5:]]]
    result = run("import", str(office_csv(Path("m.csv"), rows)), "--into", str(LEDGER),
                 "--append")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: m.csv 第 2 行（category）：“保洁费”不是科目表中的科目代码或名称，是不是："
        "保洁（cleaning）。请改写，或先在 codelists/categories.csv 中新增该科目")
    assert digest(LEDGER) == before


def test_a_ledger_with_rows_is_extended_or_a_month_replaced_only_when_told(
        datasets: Path) -> None:
    before = digest(LEDGER)
    sheet = str(office_csv(Path("m.csv"), [JOURNAL, *MARCH]))
    refused = run("import", sheet, "--into", str(LEDGER))
    assert refused.exit_code == 1 and digest(LEDGER) == before
    assert refused.output.strip() == (
        f"Error: {LEDGER} 已有 8 行（2021-01 至 2021-02）。要在后面加上这 3 行，请加 --append "
        "再运行一次；要替换 2021-03 这个月，请加 --replace-month 2021-03（只能替换尚未公开的月份）")
    assert run("import", sheet, "--into", str(LEDGER), "--append").exit_code == 0
    again = run("import", sheet, "--into", str(LEDGER), "--append")
    assert again.exit_code == 1 and "已有这些月份的条目：2021-03" in again.output
    replaced = run("import", sheet, "--into", str(LEDGER), "--replace-month", "2021-03")
    assert replaced.exit_code == 0, replaced.output
    assert f"将写入 {LEDGER}：替换 3 行，新增 3 行，保留原有 8 行" in replaced.output
    assert LEDGER.read_text(encoding="utf-8").splitlines()[-3:] == ADDED


def test_a_dry_run_writes_nothing(datasets: Path) -> None:
    before = digest(LEDGER)
    sheet = str(office_csv(Path("m.csv"), [JOURNAL, *MARCH]))
    result = run("import", sheet, "--into", str(LEDGER), "--append", "--dry-run")
    assert result.exit_code == 0 and result.output.endswith("（--dry-run：没有写入）\n")
    assert digest(LEDGER) == before


@pytest.mark.parametrize(("cell", "said"), [
    ("1 000,00", "“1 000,00”不是大于 0、最多两位小数的金额"),  # a decimal comma: never guessed
    ("12.345", "“12.345”不是大于 0、最多两位小数的金额"),
    ("-30.00", "“-30.00”不是大于 0、最多两位小数的金额"),
])
def test_an_amount_that_is_not_plainly_one_is_refused(datasets: Path, cell: str,
                                                      said: str) -> None:
    rows = [JOURNAL, [*MARCH[2][:6], cell, ""]]
    result = run("import", str(office_csv(Path("m.csv"), rows)), "--into", str(LEDGER),
                 "--append")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: m.csv 第 2 行（amount）：{said}"


def test_one_row_with_income_and_expense_is_refused(datasets: Path) -> None:
    rows = [JOURNAL, [*MARCH[2][:5], "10.00", "3,000.00", ""]]
    result = run("import", str(office_csv(Path("m.csv"), rows)), "--into", str(LEDGER),
                 "--append")
    assert result.exit_code == 1
    assert "收入和支出两列都有金额：一行只记一笔，请拆成两行" in result.output


def test_a_date_without_a_year_is_refused(datasets: Path) -> None:
    rows = [JOURNAL, ["3月5日", *MARCH[0][1:]]]
    result = run("import", str(office_csv(Path("m.csv"), rows)), "--into", str(LEDGER),
                 "--append")
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: m.csv 第 2 行（date）：“3月5日”不是能认出的日期；"
                                     "请写成 2023-03-05、2023/3/5 或 2023年3月5日（要有年份）")


def test_an_old_binary_workbook_is_refused_with_what_to_do(datasets: Path) -> None:
    Path("m.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    result = run("import", "m.xls", "--into", str(LEDGER), "--append")
    assert result.exit_code == 1
    assert "旧版 Excel 工作簿（.xls）：请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）" \
        in result.output


def test_a_sheet_without_a_header_it_knows_is_refused(datasets: Path) -> None:
    rows = [["甲", "乙", "丙"], ["1", "2", "3"]]
    result = run("import", str(office_csv(Path("m.csv"), rows)), "--into", str(LEDGER),
                 "--append")
    assert result.exit_code == 1
    assert "前 20 行里找不到表头" in result.output


def test_two_columns_for_one_field_are_refused(datasets: Path) -> None:
    rows = [["日期", "记账日期", "科目", "金额"], ["2021-03-05", "2021-03-05", "fee", "1.00"]]
    result = run("import", str(office_csv(Path("m.csv"), rows)), "--into", str(LEDGER),
                 "--append")
    assert result.exit_code == 1
    assert "“日期”和“记账日期”都对应 date，请删去其中一列或改名" in result.output


def test_a_budget_sheet_with_chinese_headers_and_names_imports(datasets: Path) -> None:
    rows = [["2022年度共有资金收支预算"],
            ["年度", "预算行编号", "收支方向", "科目", "预算项目", "预算金额（元）"],
            ["2022", "I01", "收入", "物业服务费", "物业服务费", "120,000.00"],
            ["2022", "E01", "支出", "保洁", "保洁服务", "36,000"]]
    result = run("import", str(office_csv(Path("b.csv"), rows)), "--into", str(BUDGET),
                 "--append")
    assert result.exit_code == 0, result.output
    assert BUDGET.read_text(encoding="utf-8").splitlines()[-2:] == [
        "2022,I01,income,fee,物业服务费,120000.00,,,",
        "2022,E01,expense,cleaning,保洁服务,36000.00,,,"]


def test_a_sheet_without_a_required_column_is_refused(datasets: Path) -> None:
    donations = Path("datasets/foundation/donations.csv")
    before = digest(donations)
    rows = [["捐赠编号", "日期", "金额"], ["G-101", "2021-04-02", "2000"]]
    result = run("import", str(office_csv(Path("d.csv"), rows)), "--into", str(donations),
                 "--append")
    assert result.exit_code == 1 and digest(donations) == before
    assert result.output.strip() == ("Error: d.csv 缺少这些列：捐赠方（donor）、捐赠方类型"
                                     "（donor_type）、捐赠渠道（channel）。请在表头加上")


def test_a_table_outside_a_package_is_refused(datasets: Path) -> None:
    sheet = str(office_csv(Path("m.csv"), [JOURNAL, *MARCH]))
    result = run("import", sheet, "--into", "ledger.csv")
    assert result.exit_code == 1 and "不在数据目录 datasets 中" in result.output
    elsewhere = Path("other/communities/demo")
    elsewhere.mkdir(parents=True)
    (elsewhere / "datapackage.json").write_text("{}", encoding="utf-8")
    result = run("import", sheet, "--into", str(elsewhere / "ledger.csv"))
    assert result.exit_code == 1 and not (elsewhere / "ledger.csv").exists()


def test_a_table_reached_through_a_link_is_refused(datasets: Path) -> None:
    outside = Path("outside.csv")
    outside.write_text("keep\n", encoding="utf-8")
    LEDGER.unlink()
    LEDGER.symlink_to(outside.resolve())
    sheet = str(office_csv(Path("m.csv"), [JOURNAL, *MARCH]))
    result = run("import", sheet, "--into", str(LEDGER), "--append")
    assert result.exit_code == 1 and outside.read_text(encoding="utf-8") == "keep\n"


def test_imported_rows_go_through_validation(datasets: Path) -> None:
    """An expense without its scan imports, and validation then asks for the voucher."""
    (datasets / "communities/demo/vouchers/0303.png").unlink()
    sheet = str(office_csv(Path("m.csv"), [JOURNAL, *MARCH]))
    result = run("import", sheet, "--into", str(LEDGER), "--append")
    assert result.exit_code == 1
    assert reported(result.output, "error") == [
        f"{LEDGER}:11: voucher: an expense needs a voucher [ledger-voucher-missing]"]


def test_appending_keeps_the_tables_bytes_and_adds_lines_in_its_line_ends(
        datasets: Path) -> None:
    before = LEDGER.read_bytes().replace(b"\n", b"\r\n")  # as Excel on Windows saved it
    LEDGER.write_bytes(before)
    sheet = str(office_csv(Path("m.csv"), [JOURNAL, *MARCH]))
    assert run("import", sheet, "--into", str(LEDGER), "--append").exit_code == 0
    after = LEDGER.read_bytes()
    assert after.startswith(before)  # the published rows, byte for byte: the diff is the months
    assert after[len(before):].decode("utf-8") == "".join(f"{line}\r\n" for line in ADDED)


def test_codes_written_as_their_labels_are_read_as_codes(datasets: Path) -> None:
    """A donation's channel and donor type as the foundation's office writes them."""
    donations = Path("datasets/foundation/donations.csv")
    rows = [["捐赠编号", "日期", "捐赠方", "捐赠方类型", "公开姓名同意", "金额", "定向项目",
             "捐赠渠道"],
            ["G-101", "2021/4/2", "示范企业", "organisation", "", "￥2,000", "F-01", "银行转账"]]
    result = run("import", str(office_csv(Path("d.csv"), rows)), "--into", str(donations),
                 "--append")
    assert result.exit_code == 0, result.output
    assert donations.read_text(encoding="utf-8").splitlines()[-1] == \
        "G-101,2021-04-02,示范企业,organisation,,2000.00,F-01,bank"
