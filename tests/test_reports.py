"""The foundation's reports (慈善法 art. 79): a project longer than six months makes its
progress public at least every three months, and in full within three months of its end.
The rule's edges, what the pages say, and that English pages say it in English."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.issues import Issue, Report, Where
from generator.issues import reports as declared
from generator.model.projects import foundation_view
from generator.records import Foundation, FoundationProject
from generator.records import Report as ProjectReport
from generator.validate import reports

from .conftest import TESTS, compose, run

PASSING = TESTS / "passing" / "foundation-reports"
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e]")
TODAY = date(2026, 12, 4)


def project(start: str, end: str, status: str = "completed", report: str = "doc.pdf",
            pid: str = "F-01") -> FoundationProject:
    return FoundationProject(1, pid, "共享奶奶互助", "elderly", ("demo",), "示范社工中心",
                             date.fromisoformat(start), date.fromisoformat(end), status,
                             Decimal("1000.00"), 10, "", report)


def filed(*published: str, kind: str = "progress", pid: str = "F-01") -> list[ProjectReport]:
    return [ProjectReport(n, f"R-{n}", pid, kind, date.fromisoformat(day), f"报告 {n}", "")
            for n, day in enumerate(published, start=1)]


def foundation(p: FoundationProject, rows: list[ProjectReport],
               register: bool = True) -> Foundation:
    where = {"projects": Where("projects.csv", "foundation", "projects")}
    if register:
        where["reports"] = Where("reports.csv", "foundation", "reports")
    return Foundation("基金会", True, "", "基金会", 2018, "", Path("."), (p,), (), (), where,
                      "foundation", tuple(rows))


def found(p: FoundationProject, rows: list[ProjectReport], today: date = TODAY,
          register: bool = True) -> list[Issue]:
    return list(reports.findings(foundation(p, rows, register), today))


# ---- which projects report every three months --------------------------------------

@pytest.mark.parametrize(("end", "long"), [("2021-06-30", False), ("2021-07-01", False),
                                           ("2021-07-02", True)])
def test_exactly_six_months_is_not_long(end: str, long: bool) -> None:
    p = project("2021-01-01", end)
    assert reports.is_long(p) is long
    assert bool(found(p, [])) is long  # no report at all: only a long project is judged


def test_a_report_on_a_periods_last_day_counts_and_the_next_day_is_the_next_period() -> None:
    p = project("2021-01-01", "2021-12-31")
    assert found(p, filed("2021-03-31", "2021-06-30", "2021-09-30")) == []
    [issue] = found(p, filed("2021-03-31", "2021-07-01", "2021-09-30"))
    assert issue.code == "foundation-progress-report-missing"
    assert dict(issue.values) == {"project": "F-01", "title": "共享奶奶互助", "missing": 1,
                                  "first_from": date(2021, 4, 1),
                                  "first_to": date(2021, 6, 30), "windows": 3}


def test_only_periods_that_are_over_are_judged() -> None:
    p = project("2021-01-01", "2035-12-31", status="ongoing")
    one = filed("2021-03-01")
    assert [len(reports.periods(p, day)) for day in (date(2021, 3, 31), date(2021, 4, 1),
                                                     date(2021, 6, 30))] == [0, 1, 1]
    assert found(p, one, date(2021, 6, 30)) == []  # the second period is not over
    [issue] = found(p, one, date(2021, 7, 1))
    assert dict(issue.values)["missing"] == 1 and dict(issue.values)["windows"] == 2
    # the planned end closes the periods: the last stretch is the final report's
    assert len(reports.periods(project("2021-01-01", "2021-12-31"), TODAY)) == 3


def test_a_final_report_counts_for_the_period_it_is_published_in() -> None:
    p = project("2021-01-01", "2021-12-31")
    rows = filed("2021-03-01", "2021-06-01") + [
        ProjectReport(3, "R-3", "F-01", "final", date(2021, 9, 1), "结项报告", "")]
    assert found(p, rows) == []


@pytest.mark.parametrize(("end", "published", "late"), [
    ("2021-12-31", "2022-03-31", False), ("2021-12-31", "2022-04-01", True),
    ("2021-11-30", "2022-02-28", False), ("2021-11-30", "2022-03-01", True)])
def test_a_final_report_is_due_three_months_after_the_end(end: str, published: str,
                                                          late: bool) -> None:
    p = project("2021-09-01", end)  # not long: only the final report is judged
    issues = found(p, filed(published, kind="final"))
    assert [i.code for i in issues] == (["foundation-final-report-late"] if late else [])
    if late:
        assert dict(issues[0].values)["due"] == reports.final_due(p)


@pytest.mark.parametrize("status", ["cancelled", "planned"])
def test_a_cancelled_or_planned_project_is_not_judged(status: str) -> None:
    p = project("2021-01-01", "2022-12-31", status=status)
    assert found(p, filed("2023-12-31", kind="final")) == []
    assert reports.periods(p, TODAY) == ()


def test_without_a_register_nothing_is_found() -> None:
    p = project("2021-01-01", "2035-12-31", status="ongoing")
    assert found(p, [], register=False) == []


def test_the_residents_sentence_names_one_period_or_counts_them() -> None:
    p = project("2021-01-01", "2021-12-31")
    [one] = found(p, filed("2021-03-01", "2021-09-01"))
    [two] = found(p, filed("2021-03-01"))
    sentence = declared.RESIDENT[("foundation-progress-report-missing", "")]
    assert sentence(dict(one.values), "zh") == (
        "“共享奶奶互助”项目实施超过六个月，应至少每三个月公开一次进展，但 2021 年 4 月 1 日至 "
        "6 月 30 日没有公开进展报告。")
    assert sentence(dict(two.values), "en") == (
        "“共享奶奶互助” ran longer than six months and must report at least every three "
        "months, but 2 quarters, the first from 1 April to 30 June 2021, passed without a "
        "progress report.")
    assert declared.span(date(2021, 12, 1), date(2022, 2, 28), "zh") == (
        "2021 年 12 月 1 日至 2022 年 2 月 28 日")


# ---- what the project's page reads --------------------------------------------------

def test_the_view_gives_each_period_its_reports_and_the_final_reports_due_date() -> None:
    p = project("2021-01-01", "2021-12-31")
    rows = filed("2021-03-31", "2021-09-30", "2021-12-20")
    rows.append(ProjectReport(4, "R-4", "F-01", "final", date(2022, 6, 15), "结项报告", ""))
    f = foundation(p, rows)
    view = foundation_view(f, Report.of(reports.findings(f, TODAY)), {}, TODAY)
    [pv] = view.projects
    r = pv.reporting
    assert r.long and r.judged and r.recorded
    assert [(q.start, q.last, [x.report_id for x in q.reports]) for q in r.quarters] == [
        (date(2021, 1, 1), date(2021, 3, 31), ["R-1"]),
        (date(2021, 4, 1), date(2021, 6, 30), []),
        (date(2021, 7, 1), date(2021, 9, 30), ["R-2"])]
    assert [x.report_id for x in r.others] == ["R-3"]  # the last stretch, after the periods
    assert (r.due, r.final_state, r.covered) == (date(2022, 3, 31), "late", 2)
    assert [i.code for i in pv.findings] == ["foundation-progress-report-missing",
                                             "foundation-final-report-late"]
    assert (view.long, view.gaps, view.late) == (1, 1, 1)


@pytest.mark.parametrize(("status", "report", "today", "state"), [
    ("ongoing", "", date(2022, 3, 31), "due"), ("completed", "doc.pdf", TODAY, "undated"),
    ("completed", "", TODAY, "missing"), ("cancelled", "", TODAY, "none")])
def test_a_final_report_not_in_the_register(status: str, report: str, today: date,
                                            state: str) -> None:
    f = foundation(project("2021-01-01", "2021-12-31", status, report), [])
    [pv] = foundation_view(f, Report.of(()), {}, today).projects
    assert pv.reporting.final_state == state


def test_without_a_register_the_pages_say_reports_are_not_recorded(workdir: Path) -> None:
    compose(workdir)  # the minimal foundation keeps no reports.csv
    result = run("validate", "--datasets", "datasets")
    assert "valid: 0 error(s), 0 finding(s)" in result.output
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    for page in ("foundation/index.html", "foundation/projects/F-02/index.html"):
        html = (workdir / "site" / page).read_text(encoding="utf-8")
        assert "本基金会尚未登记项目进展报告。" in html
        assert "个季度按时公开进展" not in html


def test_the_pages_list_each_period_and_the_final_report_in_both_languages(
        workdir: Path) -> None:
    compose(workdir, PASSING)
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    zh = section(workdir / "site" / "foundation/projects/F-01/index.html")
    assert "2021-04-01 至 2021-06-30" in zh and "2021 年第二季度进展" in zh
    assert "应在 2022-03-31 前公开，2022-03-31 公开" in zh and "⚠" not in zh
    en = section(workdir / "site" / "en/foundation/projects/F-01/index.html")
    assert "2021-04-01 to 2021-06-30" in en and "due by 2022-03-31, published 2022-03-31" in en
    data = ("2021 年第一季度进展", "2021 年第二季度进展", "2021 年第三季度进展",
            "共享奶奶互助结项报告")
    for text in data:
        en = en.replace(text, "")
    assert not CJK.search(en), CJK.findall(en)
    short = section(workdir / "site" / "en/foundation/projects/F-02/index.html")
    assert "need not report every three months" in short
    overview = section(workdir / "site" / "en/foundation/index.html")
    assert "3 of 3 quarters reported on time" in overview
    assert "No quarterly reports needed (six months or less)" in overview


def section(page: Path) -> str:
    """The text of the page's progress-reports section."""
    html = page.read_text(encoding="utf-8")
    start = html.index('<h2 id="reports">')
    text = re.sub(r"<[^>]+>", " ", html[start:html.index("<h2", start + 5)])
    return re.sub(r"\s+", " ", text.replace("&#39;", "'"))
