"""The registers that explain the money (revenue assets, owners' questions, declared
payees, the foundation's reports) are published like every table: a published row never
changes silently, an answer is filled in once, a community's first deadline or approval
limit may cover months already published, and clerks fill each register in a workbook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markupsafe import escape
from openpyxl import load_workbook

from generator.issues import TYPES
from generator.issues.areas import AREAS
from generator.law import SOURCES

from .conftest import compose, run
from .test_published import commit, git
from .test_validation_rules import reported

DEMO = Path("datasets/communities/demo")
QUESTIONS = ("question_id,received,about,subject,question,answer,answered,note\n"
             "Q-01,2021-02-20,entry,D-003,1月保洁费是否按合同支付？,,,\n")
TERMS = ("term_id,term,value,effective,resolution,note\n"
         "T-01,answer_days,15,2021-01-01,R-2020-01,\n")


@pytest.fixture(autouse=True)
def as_of(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1614556800")  # 2021-03-01: Q-01 not yet due


def _list(datasets: Path, *tables: str) -> None:
    descriptor = datasets / "communities/demo/datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"] += [{"name": t, "path": f"{t}.csv"} for t in tables]
    descriptor.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture
def asked(workdir: Path) -> Path:
    """The minimal datasets with one open question, committed: it is public."""
    datasets = compose(workdir)
    (datasets / "communities/demo/questions.csv").write_text(QUESTIONS, encoding="utf-8")
    (datasets / "communities/demo/terms.csv").write_text(TERMS, encoding="utf-8")
    _list(datasets, "terms", "questions")
    git(workdir, "init", "-q", "-b", "main")
    commit(workdir, "2021-02-21T10:00:00+08:00")
    return workdir / DEMO / "questions.csv"


def test_an_answer_is_filled_in_once_after_the_question_was_published(asked: Path) -> None:
    asked.write_text(QUESTIONS.replace(",,,\n", ",已按合同支付，凭证已公开。,2021-02-26,\n"),
                     encoding="utf-8")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 0, result.output


def test_a_published_answer_is_never_rewritten(asked: Path, workdir: Path) -> None:
    asked.write_text(QUESTIONS.replace(",,,\n", ",已按合同支付。,2021-02-26,\n"),
                     encoding="utf-8")
    commit(workdir, "2021-02-27T10:00:00+08:00")
    asked.write_text(QUESTIONS.replace(",,,\n", ",没有这回事。,2021-02-26,\n"), encoding="utf-8")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    assert any("[published-row-changed]" in line and 'answer was "已按合同支付。"' in line
               for line in reported(result.output, "error")), result.output


def test_a_published_question_is_never_reworded(asked: Path) -> None:
    asked.write_text(QUESTIONS.replace("是否按合同支付？", "是否支付？"), encoding="utf-8")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    assert any("[published-row-changed]" in line and "question" in line
               for line in reported(result.output, "error")), result.output


def test_a_first_approval_limit_may_cover_months_already_published(asked: Path) -> None:
    terms = asked.parent / "terms.csv"
    terms.write_text(TERMS + "T-02,approval_limit,5000,2021-01-01,R-2020-01,\n",
                     encoding="utf-8")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 0, result.output


def test_a_later_approval_limit_never_reaches_back_into_published_months(
        asked: Path, workdir: Path) -> None:
    terms = asked.parent / "terms.csv"
    terms.write_text(TERMS + "T-02,approval_limit,5000,2021-01-01,R-2020-01,\n",
                     encoding="utf-8")
    commit(workdir, "2021-02-22T10:00:00+08:00")
    terms.write_text(terms.read_text(encoding="utf-8")
                     + "T-03,approval_limit,50000,2021-02-01,R-2020-01,\n", encoding="utf-8")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    assert any('term "T-03" takes effect on 2021-02-01, but the accounts of 2021-02' in line
               for line in reported(result.output, "error")), result.output


@pytest.mark.parametrize("table,folder", [("assets", "communities/demo"),
                                          ("questions", "communities/demo"),
                                          ("parties", "communities/demo"),
                                          ("reports", "foundation")])
def test_each_register_has_a_workbook_that_imports_back(table: str, folder: str,
                                                        workdir: Path) -> None:
    compose(workdir)
    assert run("template", "--table", table, "--out", f"{table}.xlsx").exit_code == 0
    book = load_workbook(f"{table}.xlsx")
    example = [c.value for c in book["示例"][3]]
    sheet = book["填写"]
    for column, value in enumerate(example, start=1):
        sheet.cell(row=3, column=column, value=value)
    book.save(f"{table}.xlsx")
    target = workdir / "datasets" / folder / f"{table}.csv"
    result = run("import", f"{table}.xlsx", "--into", str(target))
    assert result.exit_code == 0, result.output
    written = target.read_text(encoding="utf-8").splitlines()
    assert len(written) == 2 and written[1].split(",")[0] == str(example[0])
    if table == "assets":  # the category picked by its Chinese name is written as its code
        assert ",advertising," in written[1]


def test_every_finding_of_the_disputes_names_its_legal_source_on_the_data_dictionary(
        workdir: Path) -> None:
    compose(workdir)
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    page = (workdir / "site/maintainers/data-dictionary/index.html").read_text("utf-8")
    findings = [t for area in AREAS for t in area.FINDINGS]
    assert findings
    for kind in findings:
        assert kind.basis and set(kind.basis) <= set(SOURCES), kind.code
        row = page[page.index(f'id="basis-{kind.code}"'):]
        row = row[:row.index("</tr>")]
        for key in kind.basis:
            for text in (SOURCES[key].zh.split("：")[0], SOURCES[key].en.split(":")[0]):
                assert str(escape(text)) in row, (kind.code, text)
    assert TYPES["resolution-below-threshold"].basis == ("civil-278",)
