"""The report clerks read by default: Chinese, each kind of problem once per file and
column with the lines it affects, lines as an editor counts them, nothing capped; and
the same report in English with --lang en."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from generator.issues import TYPES
from generator.issues.zh import MESSAGES, VARIANTS

from .conftest import compose, run

LEDGER = Path("datasets/communities/demo/ledger.csv")
ROW = "X-{n:04d},2021-02-{day:02d},expense,repiar,10.00,维修工程队,维修,vouchers/D-006.png,,\n"


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTAL_LANG")  # as a clerk runs it: Chinese by default


def fields(template: str) -> set[tuple[str, str, str | None]]:
    return {(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(template)
            if name is not None}


def test_every_message_has_a_chinese_template_taking_the_same_values() -> None:
    assert set(MESSAGES) == set(TYPES)
    assert set(VARIANTS) == {(t.code, v) for t in TYPES.values() for v, _ in t.variants}
    for kind in TYPES.values():
        assert fields(MESSAGES[kind.code]) == fields(kind.message), kind.code
        for variant, template in kind.variants:
            assert fields(VARIANTS[(kind.code, variant)]) == fields(template), (kind.code, variant)


def test_a_problem_on_many_rows_is_said_once_with_its_lines(workdir: Path,
                                                             chinese: None) -> None:
    compose(workdir)
    with LEDGER.open("a", encoding="utf-8") as ledger:
        ledger.writelines(ROW.format(n=n, day=1 + n % 27) for n in range(1, 1501))
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"错误：{LEDGER}，category 列，第 10–1,509 行，共 1,500 行：科目代码不在科目表中"
        "（1,500 处）[category-unknown]",
        "    第 10 行：“repiar”不在科目表中；是否应为“repair”（维修养护）？",
        "    第 11 行：“repiar”不在科目表中；是否应为“repair”（维修养护）？",
        "    第 12 行：“repiar”不在科目表中；是否应为“repair”（维修养护）？",
        "    另有 1,497 处同样的问题",
        "    修改方法：改用 datasets/codelists/categories.csv 中的代码，或先在科目表中新增该科目。",
        "未通过：1,500 个错误，0 项发现"]


def test_every_row_past_a_thousand_is_still_reported(workdir: Path, chinese: None) -> None:
    """Frictionless stops at 1,000 errors unless told; the report says every one."""
    compose(workdir)
    with LEDGER.open("a", encoding="utf-8") as ledger:
        ledger.writelines(ROW.format(n=n, day=1 + n % 27).replace("10.00", "十元")
                          for n in range(1, 1201))
    result = run("validate", "--datasets", "datasets")
    heading = next(line for line in result.output.splitlines() if "amount 列" in line)
    assert heading.startswith(f"错误：{LEDGER}，amount 列，第 10–1,209 行，共 1,200 行：")


def test_a_single_problem_names_the_editor_line_and_the_data_row(workdir: Path,
                                                                 chinese: None) -> None:
    """A quoted cell over two lines puts the third data row on line 5."""
    compose(workdir)
    text = LEDGER.read_text(encoding="utf-8")
    text = text.replace(",2021年1月停车收益,", ',"2021年1月停车收益\n（补记）",', 1)
    text = text.replace("D-003,2021-01-20,expense,cleaning,", "D-003,2021-01-20,expense,保洁,", 1)
    LEDGER.write_text(text, encoding="utf-8")
    result = run("validate", "--datasets", "datasets")
    assert result.output.splitlines() == [
        f"错误：{LEDGER} 第 5 行（第 3 条数据），category 列：“保洁”是科目“cleaning”（保洁）的"
        "名称：请写它的代码“cleaning” [category-unknown]",
        "    科目代码不在科目表中。修改方法：改用 datasets/codelists/categories.csv 中的代码，"
        "或先在科目表中新增该科目。",
        "未通过：1 个错误，0 项发现"]
    english = run("validate", "--datasets", "datasets", "--lang", "en")
    assert english.output.splitlines()[0] == (
        f'error: {LEDGER}:3: category: "保洁" is the name of category "cleaning" (保洁): write '
        'its code, "cleaning" [category-unknown]')


def test_a_valid_build_lists_its_findings_in_chinese(workdir: Path, chinese: None) -> None:
    compose(workdir)
    text = LEDGER.read_text(encoding="utf-8").replace("remuneration,1455.00,", "remuneration,"
                                                      "1555.00,")
    LEDGER.write_text(text, encoding="utf-8")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        f"发现：{LEDGER}，amount 列：2021 年受托人提取 3,205.00 元，超过当年收入的 15%"
        "（3,105.00 元）100.00 元 [remuneration-over-rate]",
        "    受托人酬金超过约定比例。修改方法：核对酬金的计提；多提部分应退回共有资金并说明。"]
    assert result.output.splitlines()[-2:] == ["通过：0 个错误，2 项发现",
                                               "built the portal into 'site'"]
