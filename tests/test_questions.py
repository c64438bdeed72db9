"""Owners' questions (质询): the trustee answers within the days the owners declared, counted
from the day a question is received under the term in effect that day; a question still
unanswered after its due day is a finding, one answered late is shown as late; every
question is shown under the item it concerns; nothing says who asked."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.build import model as portal_model
from generator.config import BuildConfig
from generator.issues import Issue, Where, residents
from generator.issues.questions import QUESTION_OVERDUE
from generator.load import load, read_tables
from generator.model import questions as model
from generator.records import Community, Question
from generator.render import render
from generator.terms import ANSWER_DAYS, Term
from generator.validate import questions as rule
from generator.validate import typed

from .conftest import REPO, TESTS, build_into, compose

OVERDUE = TESTS / "findings" / "question-overdue"
ANSWERED = TESTS / "passing" / "question-answered"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Community:
    """The minimal community with a register and a 15-day term from 2021-01-01."""
    datasets = compose(tmp_path_factory.mktemp("questions"), OVERDUE)
    found, issues = load(datasets)
    return typed.community(read_tables(found, issues, 10**8).communities[0])


def ask(qid: str = "Q-1", received: date = date(2021, 2, 1), about: str = "entry",
        subject: str = "D-003", answered: date | None = None, row: int = 1,
        text: str = "保洁费是按合同支付的吗？") -> Question:
    return Question(row, qid, received, about, subject, text, "是。" if answered else "",
                    answered, "")


def overdue(c: Community, today: date, *asked: Question) -> list[Issue]:
    return list(rule.findings(replace(c, questions=asked), {}, today))


# ---- The deadline, exactly -----------------------------------------------------------

def test_the_due_day_itself_is_in_time_and_the_next_day_is_overdue(demo: Community) -> None:
    assert overdue(demo, date(2021, 2, 16), ask()) == []  # 1 February + 15 days
    [late] = overdue(demo, date(2021, 2, 17), ask())
    values = dict(late.values)
    assert (late.code, late.row, late.field) == ("question-overdue", 1, "answered")
    assert values["due"] == date(2021, 2, 16) and values["days"] == 1
    assert (values["subject_title"], values["amount"]) == ("1月保洁服务费", Decimal("3000.00"))


def test_the_deadline_is_the_term_in_effect_on_the_day_it_was_received(demo: Community) -> None:
    longer = Term(2, "T-02", ANSWER_DAYS, "30", date(2021, 3, 1), "R-2020-01")
    c = replace(demo, terms=(*demo.terms, longer))
    before, after = ask("Q-1", date(2021, 2, 20)), ask("Q-2", date(2021, 3, 5), row=2)
    found = {dict(f.values)["question"]: dict(f.values)["due"]
             for f in overdue(c, date(2021, 4, 5), before, after)}
    assert found == {"Q-1": date(2021, 3, 7), "Q-2": date(2021, 4, 4)}


def test_an_answer_after_the_deadline_is_no_finding_but_is_shown_late(demo: Community) -> None:
    late = ask(answered=date(2021, 2, 20))
    assert overdue(demo, date(2026, 1, 1), late) == []
    view = model.build(replace(demo, questions=(late,)), (), {}, date(2026, 1, 1))
    [item] = view.answered
    assert (item.days, item.late, view.open) == (19, 4, ())
    [(sentence, values)] = view.entry_notes["D-003"]
    assert "逾期 {late} 天后" in sentence and dict(values)["late"] == "4"


def test_a_question_before_any_declared_days_is_refused(demo: Community) -> None:
    c = replace(demo, questions=(ask(received=date(2020, 12, 30)),))
    [refused] = rule.check(c, {}, date(2026, 1, 1))
    assert (refused.code, refused.field) == ("question-deadline-undeclared", "received")


def test_open_questions_oldest_first_with_their_age_and_finding(demo: Community) -> None:
    asked = (ask("Q-2", date(2021, 2, 10), row=2), ask("Q-1", date(2021, 2, 1)),
             ask("Q-3", date(2021, 2, 5), answered=date(2021, 2, 6), row=3))
    today = date(2021, 2, 20)
    c = replace(demo, questions=asked)
    view = model.build(c, tuple(rule.findings(c, {}, today)), {}, today)
    assert [(q.question_id, q.days, q.late) for q in view.open] == [("Q-1", 19, 4),
                                                                    ("Q-2", 10, 0)]
    assert [q.question_id for q in view.overdue] == ["Q-1"]
    assert [q.question_id for q in view.about("entry", "D-003")] == ["Q-1", "Q-3", "Q-2"]
    assert view.about("budget", "2021/E01") == ()


# ---- What residents read ---------------------------------------------------------------

def finding(**values: object) -> Issue:
    base = {"question": "Q-1", "received": date(2023, 3, 2), "due": date(2023, 3, 17),
            "days": 1, "about": "entry", "subject": "E-1", "subject_title": "2022年11月绿化补种",
            "amount": Decimal("3200")}
    return QUESTION_OVERDUE(Where("questions.csv"), 1, "answered", **{**base, **values})


def test_the_residents_sentence_names_the_due_day_in_both_languages() -> None:
    issue = finding()
    assert residents.sentence(issue, "zh") == (
        "2023 年 3 月 2 日收到的关于“2022年11月绿化补种”（3,200.00 元）的质询，应在 2023 年 3 月 "
        "17 日前答复，至今没有答复。")
    assert residents.sentence(issue, "en") == (
        "A question received on 2 March 2023 about the entry “2022年11月绿化补种” (3,200.00 yuan) "
        "was due for an answer by 17 March 2023 and has not been answered.")
    budget = finding(about="budget", subject="2023/E03", subject_title="绿化养护", amount=None)
    assert "关于 2023 年预算“绿化养护”的质询" in residents.sentence(budget, "zh")
    other = finding(about="other", subject="", subject_title="", amount=None)
    assert residents.sentence(other, "zh").startswith("2023 年 3 月 2 日收到的一项质询，")
    assert residents.sentence(other, "en").startswith("A question received on 2 March 2023 was")


# ---- Nothing says who asked ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "3栋2单元501", "5号楼1单元302室", "3-2-501", "B座1203", "三栋二单元五零一",
    "３栋２单元５０１", "十二栋三单元一二零三", "五百零一室", "3 栋 2 单元 501", "1单元302",
    "3#2-501", "3—2—501", "业主张三反映保洁费偏高", "来信人：王小明", "周阿姨来电询问"])
def test_a_flat_number_or_a_name_is_found_however_written(text: str) -> None:
    found = rule.asker(f"关于保洁费：{text}的意见")
    assert found is not None
    assert not any(c.isdigit() for c in found[1])  # masked: the report reaches public logs


@pytest.mark.parametrize("text", [
    "2号楼电梯维修费为何上涨？", "2022年11月外墙修缮", "FHY-2022-11-016 的凭证", "2021-06-01",
    "3号楼2023年的维修", "1号楼1200元", "共有302户", "会议室空调", "2单元电梯", "业主大会决议",
    "业主委员会", "业主向物业反映", "业主曾经反映", "业主王某反映", "C001-03-017",
    "楼道照明灯具更换1759.42元", "5号楼楼顶通信基站"])
def test_ordinary_questions_are_not_taken_for_who_asked(text: str) -> None:
    assert rule.asker(text) is None


def test_no_sample_question_says_who_asked() -> None:
    for path in (REPO / "datasets" / "communities").glob("*/questions.csv"):
        for row in csv.DictReader(path.open(encoding="utf-8")):
            for field in ("question", "answer", "note"):
                assert rule.asker(row[field]) is None, (path, row["question_id"], field)


# ---- The pages ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The answered register, with one more question left unanswered."""
    scratch = tmp_path_factory.mktemp("questions-site")
    datasets = compose(scratch, ANSWERED)
    with (datasets / "communities/demo/questions.csv").open("a", encoding="utf-8") as f:
        f.write("Q-04,2021-02-02,entry,D-001,1月物业服务费收入为何少于应收？,,,\n")
    result = build_into(REPO, datasets, scratch / "site")
    assert result.exit_code == 0, result.output
    return scratch / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_the_register_on_the_community_page(site: Path) -> None:
    html = page(site, "communities/demo")
    assert '<h2 id="questions">业主质询</h2>' in html
    assert "本小区约定：受托人收到质询后 15 日内答复（2021-01-01 起）。" in html
    assert '<a href="#resolution-R-2020-01">决议 R-2020-01</a>' in html
    assert "有 1 项质询尚未答复" in html and "其中 1 项已超过答复期限。" in html
    assert ("2021 年 2 月 2 日收到的关于“2021年1月物业服务费”（9,800.00 元）的质询，应在 2021 年 "
            "2 月 17 日前答复，至今没有答复。") in html
    assert "逾期 4 天后答复" in html  # due on 18 February, answered on the 22nd
    assert 'href="../../communities/demo/ledger/2021-01/#D-001"' in html
    assert '<a href="#budget-2021">2021 年预算：维修养护</a>' in html


def test_a_question_is_shown_under_its_budget_line_and_nowhere_empty(site: Path) -> None:
    html = page(site, "communities/demo")
    assert html.count('<tr class="xy-questions">') == 1
    assert '<td colspan="6"><small>业主质询：</small>' in html
    assert "维修养护预算12000元够用吗？" in html.split('<tr class="xy-questions">')[1]


def test_notes_under_the_entry_on_its_month_page(site: Path) -> None:
    html = page(site, "communities/demo/ledger/2021-01")
    row = html.split('<tr id="D-003"', 1)[1].split("</tr>", 1)[0]
    assert "业主质询（2021-02-01 收到，2021-02-16 答复）：1月保洁服务费是按合同支付的吗？" in row
    row = html.split('<tr id="D-001"', 1)[1].split("</tr>", 1)[0]
    assert "业主质询（2021-02-02 收到，应在 2021-02-17 前答复，逾期未答复）" in row


def test_the_english_page(site: Path) -> None:
    html = page(site, "en/communities/demo")
    assert '<h2 id="questions">Owners&#39; questions</h2>' in html
    assert ("A question received on 2 February 2021 about the entry “2021年1月物业服务费” "
            "(9,800.00 yuan) was due for an answer by 17 February 2021") in html
    assert "answered 4 days late" in html and "Answered questions (3)" in html


def test_every_sentence_of_the_register_has_its_english(tmp_path: Path) -> None:
    datasets = compose(tmp_path, ANSWERED)
    with (datasets / "communities/demo/questions.csv").open("a", encoding="utf-8") as f:
        f.write("Q-04,2021-02-02,entry,D-001,1月物业服务费收入为何少于应收？,,,\n")
    portal = portal_model(BuildConfig(datasets=datasets, today=date(2026, 1, 1), site_url=""))
    english, _ = render(portal, "en", strict=True)  # strict: a missing translation raises
    [html] = [p.html for p in english if p.path == "communities/demo/index.md"]
    assert "Questions not yet answered: 1; the oldest has waited 1794 days." in html


def test_a_community_without_a_register_says_so(minimal_site: Path) -> None:
    assert "本小区尚未公开业主质询登记。" in page(minimal_site, "communities/demo")


def test_questions_about_a_project_are_gathered_for_its_page(demo: Community) -> None:
    asked = (ask("Q-1", about="project", subject="B-01"),
             ask("Q-2", date(2021, 1, 20), about="project", subject="B-01", row=2),
             ask("Q-3", about="project", subject="F-01", row=3))
    view = model.build(replace(demo, questions=asked), (), {}, date(2021, 2, 3))
    found = model.by_project([SimpleNamespace(c=demo, questions=view)])
    assert {k: [(t, q.question_id) for t, q in v] for k, v in found.items()} == {
        "B-01": [("示范小区", "Q-2"), ("示范小区", "Q-1")], "F-01": [("示范小区", "Q-3")]}
    assert found["B-01"][0][1].community == "demo"
