"""Inputs that are unusual but unambiguous are accepted (README, "Accepted as is"); a file
over the size limit is refused with its size, before it is read; public service numbers
declared by a package pass the personal-data check."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator import schemas
from generator.personal import id_card_valid, luhn_valid, mask
from generator.validate.text import personal_numbers

from .conftest import compose, run
from .test_validation_rules import reported

LEDGER = "communities/demo/ledger.csv"


def rewrite(datasets: Path, rel: str, change: object) -> None:
    path = datasets / rel
    path.write_bytes(change(path.read_bytes()))  # type: ignore[operator]


def valid(datasets: Path) -> None:
    result = run("validate", "--datasets", str(datasets.name))
    assert result.exit_code == 0, result.output
    assert "valid: 0 error(s)" in result.output


def test_excel_byte_order_mark_is_accepted(workdir: Path) -> None:
    datasets = compose(workdir)
    for rel in (LEDGER, "foundation/donations.csv", "codelists/categories.csv"):
        rewrite(datasets, rel, lambda b: b"\xef\xbb\xbf" + b)
    valid(datasets)


def test_windows_and_mixed_line_endings_are_accepted(workdir: Path) -> None:
    datasets = compose(workdir)
    rewrite(datasets, LEDGER, lambda b: b.replace(b"\n", b"\r\n"))
    lines = (datasets / "foundation/donations.csv").read_bytes().split(b"\n")
    mixed = b"".join(line + (b"\r\n" if i % 2 else b"\n") for i, line in enumerate(lines[:-1]))
    (datasets / "foundation/donations.csv").write_bytes(mixed)
    valid(datasets)


def test_a_table_with_only_its_header_is_an_empty_table(workdir: Path) -> None:
    datasets = compose(workdir)
    rewrite(datasets, "communities/demo/resolutions.csv", lambda b: b.split(b"\n")[0] + b"\n")
    valid(datasets)
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    page = (workdir / "site/communities/demo/index.html").read_text("utf-8")
    assert "尚未公开决议。" in page


def test_a_quoted_cell_may_hold_commas_quotes_and_line_breaks(workdir: Path) -> None:
    datasets = compose(workdir)
    rewrite(datasets, LEDGER, lambda b: b.replace(
        "2021年1月停车收益".encode(), '"停车收益，含""月卡""\n共 12 张"'.encode()))
    valid(datasets)


def test_file_over_the_size_limit_is_refused_with_its_size(workdir: Path) -> None:
    datasets = compose(workdir)
    rewrite(datasets, LEDGER, lambda b: b + b"x" * 200_000)  # e.g. a pasted export
    size = (datasets / LEDGER).stat().st_size
    result = run("validate", "--datasets", "datasets", "--max-file-bytes", "100000")
    assert result.exit_code == 1
    assert reported(result.output, "error") == [
        f"datasets/{LEDGER}: the file is {size:,} bytes, over the limit of 100,000 "
        "(--max-file-bytes) [file-too-large]"]


def test_huge_descriptor_is_refused_before_it_is_parsed(workdir: Path) -> None:
    datasets = compose(workdir)
    (datasets / "standards/datapackage.json").write_bytes(b"[" * 2_000_000)
    result = run("validate", "--datasets", "datasets", "--max-file-bytes", "1000000")
    assert result.exit_code == 1
    assert ("datasets/standards/datapackage.json: the file is 2,000,000 bytes, over the limit "
            "of 1,000,000 (--max-file-bytes) [file-too-large]") in reported(result.output,
                                                                           "error")


def test_declared_public_service_number_is_allowed(workdir: Path) -> None:
    datasets = compose(workdir)
    rewrite(datasets, LEDGER, lambda b: b.replace(
        "2021年1月停车收益".encode(), "停车收益（物业服务热线 138-0013-8000）".encode()))
    refused = run("validate", "--datasets", "datasets")
    assert reported(refused.output, "error") == [
        f"datasets/{LEDGER}:2: description: 138********00 looks like a mobile phone number; "
        "personal data may not be published: remove it (a public service number may be "
        "listed in the package's public_numbers) [personal-mobile-number]"]
    rewrite(datasets, "communities/demo/datapackage.json", lambda b: b.replace(
        b'"resources"', '"public_numbers": [{"number": "13800138000", "label": "物业服务热线"}],\n'
        '  "resources"'.encode()))
    valid(datasets)


@pytest.mark.parametrize("text, code", [
    ("身份证 11010519491231002X", "personal-id-number"),
    ("身份证 １１０１０５１９４９１２３１００２Ｘ", "personal-id-number"),  # full-width
    ("电话 +86 139 1234 5678", "personal-mobile-number"),
    ("卡号 6222-0212-3456-7890-128", "personal-bank-card"),
    # what a careless clerk or a dodger writes: invisible characters between the digits
    ("电话 138\u200b0013\u20608000", "personal-mobile-number"),
    ("电话 138\u00ad0013\u00ad8000", "personal-mobile-number"),
    ("电话 138\x000013\x008000", "personal-mobile-number"),
    ("电话 138.0013.8000", "personal-mobile-number"),
    ("电话 138/0013/8000", "personal-mobile-number"),
    ("电话 138\u00a00013\u30008000", "personal-mobile-number"),
    ("电话 138–0013–8000", "personal-mobile-number"),
    ("电话 0086 138 0013 8000", "personal-mobile-number"),
    ("电话 (+86) 138 0013 8000", "personal-mobile-number"),
    ("电话 1 3 8 0 0 1 3 8 0 0 0", "personal-mobile-number"),
    ("电话 𝟏𝟑𝟖𝟎𝟎𝟏𝟑𝟖𝟎𝟎𝟎", "personal-mobile-number"),
    ("电话 ①③⑧⓪⓪①③⑧⓪⓪⓪", "personal-mobile-number"),
    ("电话 一三八〇〇一三八〇〇〇", "personal-mobile-number"),
    ("电话 幺三八零零幺三八零零零", "personal-mobile-number"),
    ("电话 壹叁捌零零壹叁捌零零零", "personal-mobile-number"),
    ("旧身份证 110105491231002", "personal-id-number"),
    ("身份证 110 105 1949 1231 002X", "personal-id-number"),
    ("13800138000", "personal-mobile-number"),  # an amount column
])
def test_personal_numbers_are_found_however_they_are_written(text: str, code: str) -> None:
    assert [kind.code for kind, _ in personal_numbers(text)] == [code]


@pytest.mark.parametrize("text", [
    "合同 2021-0520 号", "028-85551234", "1380013800", "11010519491231002Y 有误",
    "11010519491231003X", "6222021234567890129", "2021-01-10 至 2021-12-31", "金额 1234567.89",
    "2021-06-01 - 2021-06-30", "C001-2025-03-017", "2021.06.01 13:45:00", "13、20、31、45、50、6",
    "第一条至第十一条", "一二三四五六七八九十", "D-2021-01-0001",
])
def test_ordinary_numbers_are_not_personal(text: str) -> None:
    assert list(personal_numbers(text)) == []


def test_checksums_and_masks_follow_the_standards() -> None:
    assert id_card_valid("11010519491231002X") and not id_card_valid("110105194912310021")
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")
    assert mask("13800138000") == "138******00"


DATE_COLUMNS = [(f"{folder}/{name}.csv", table, field["name"])
                for folder, name, table in (
                    ("communities/demo", "ledger", "ledger"),
                    ("communities/demo", "resolutions", "resolutions"),
                    ("foundation", "projects", "foundation-projects"),
                    ("foundation", "donations", "donations"),
                    ("foundation", "disbursements", "disbursements"),
                    ("protection-fund", "steps", "steps"),
                    ("standards", "standards", "standards"))
                for field in schemas.descriptor(table)["fields"] if field["type"] == "date"]


@pytest.mark.parametrize(("path", "table", "column"), DATE_COLUMNS,
                         ids=[f"{t}.{c}" for _, t, c in DATE_COLUMNS])
def test_a_date_as_excel_writes_it_is_reported_with_the_date_to_write(
        path: str, table: str, column: str, workdir: Path) -> None:
    datasets = compose(workdir)
    with (datasets / path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = rows[0].index(column)
    rows[1][at] = "2020-3-5"  # 2020-03-05 as Excel writes it
    with (datasets / path).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert reported(result.output, "error") == [
        f'datasets/{path}:1: {column}: "2020-3-5" is not a date written as YYYY-MM-DD; '
        "write 2020-03-05 [schema-type-error]"]
