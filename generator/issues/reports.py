"""Issues of one area of what owners dispute. The community foundation's progress and final reports (慈善法 art. 79).

Declared here with everything said about them: the types (errors, then findings), their
Chinese messages for `portal validate` (ZH, ZH_VARIANTS, each taking the values of its
English template), and the sentence residents read for each finding and variant
(RESIDENT). issues/__init__.py, zh.py and residents.py gather every area's.

A report naming a project the foundation does not have is projects.PROJECT_UNKNOWN, the
error donations and disbursements already raise; a report's document is a DOCUMENT."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..formats import day_label
from .issue import IssueType

REPORT_BEFORE_START = IssueType(
    "report-before-start", "error", "报告的公开日期早于项目开始",
    "A report is dated before its project started",
    "published 填报告实际向社会公开的日期（YYYY-MM-DD），不能早于 projects.csv 中该项目的 "
    "start_date；如果是项目的开始日期写错了，改正 projects.csv 的 start_date。",
    "{published} is before project {project} started on {start}")
REPORT_FINAL_DUPLICATE = IssueType(
    "report-final-duplicate", "error", "同一项目有两份结项报告",
    "A project has two final reports",
    "每个项目只有一份结项报告：把不是结项报告的那一行的 kind 改为 progress（进展报告）。",
    'project {project} already has a final report on row {other} ("{first}"); a project has '
    "one final report, the others are progress reports")

# Findings: published on the project's page and the foundation's.
FOUNDATION_PROGRESS_REPORT_MISSING = IssueType(
    "foundation-progress-report-missing", "finding", "长期项目没有每三个月公开进展",
    "A long project went three months without a progress report",
    "该季度确已公开进展报告的，在 reports.csv 中补登一行（kind 填 progress，published 填实际"
    "公开的日期）；没有公开的，请尽快公开项目的最新进展，并说明没有按时公开的原因。",
    "{project} ({title}) runs longer than six months, but {missing} of its {windows} "
    "three-month periods since its start passed without a report, the first from "
    "{first_from} to {first_to}",
    basis=("charity-79",))
FOUNDATION_FINAL_REPORT_LATE = IssueType(
    "foundation-final-report-late", "finding", "结项报告没有在项目结束后三个月内公开",
    "The final report came more than three months after the end",
    "结项报告须在项目结束后三个月内公开。published 写的是实际公开的日期，不能为了显得按时而改动；"
    "请向居民说明迟延的原因。",
    "{project} ({title}) ended on {end}; its final report was due by {due} and was "
    "published on {published}",
    basis=("charity-79",))

ERRORS: tuple[IssueType, ...] = (REPORT_BEFORE_START, REPORT_FINAL_DUPLICATE)
FINDINGS: tuple[IssueType, ...] = (FOUNDATION_PROGRESS_REPORT_MISSING,
                                   FOUNDATION_FINAL_REPORT_LATE)
ZH: dict[str, str] = {
    "report-before-start": "公开日期 {published} 早于项目 {project} 的开始日期 {start}",
    "report-final-duplicate": ("项目 {project} 已有结项报告（第 {other} 条数据，“{first}”）；"
                               "每个项目只有一份结项报告，其余的是进展报告"),
    "foundation-progress-report-missing": ("{project}（{title}）实施期超过六个月，但 {windows} 个"
                                           "季度中有 {missing} 个没有公开进展报告，第一个是 "
                                           "{first_from} 至 {first_to}"),
    "foundation-final-report-late": ("{project}（{title}）于 {end} 结束，结项报告应在 {due} 前"
                                     "公开，实际于 {published} 公开"),
}
ZH_VARIANTS: dict[tuple[str, str], str] = {}


def span(start: date, last: date, lang: str) -> str:
    """From one day to another as a sentence says it, the year once when they share it:
    2022 年 4 月 1 日至 6 月 30 日, from 1 April to 30 June 2022."""
    first, end = day_label(start, lang), day_label(last, lang)
    if lang == "en":
        if start.year == last.year:
            first = first.rsplit(" ", 1)[0]
        return f"from {first} to {end}"
    if start.year == last.year:
        end = end.split(" 年 ", 1)[1]
    return f"{first}至 {end}"


def _progress(v: dict[str, Any], lang: str) -> str:
    when = span(v["first_from"], v["first_to"], lang)
    if lang == "en":
        gap = (f"the quarter {when} passed" if v["missing"] == 1 else
               f"{v['missing']} quarters, the first {when}, passed")
        return (f"“{v['title']}” ran longer than six months and must report at least every "
                f"three months, but {gap} without a progress report.")
    gap = when if v["missing"] == 1 else f"{when}等 {v['missing']} 个季度"
    return (f"“{v['title']}”项目实施超过六个月，应至少每三个月公开一次进展，但 {gap}没有公开"
            "进展报告。")


def _final(v: dict[str, Any], lang: str) -> str:
    end, due, published = (day_label(v[k], lang) for k in ("end", "due", "published"))
    if lang == "en":
        return (f"The project “{v['title']}” ended on {end}; its final report was due by {due} "
                f"but was published only on {published}.")
    return (f"“{v['title']}”项目于 {end}结束，结项报告应在 {due}前公开，实际于 {published}"
            "才公开。")


RESIDENT: dict[tuple[str, str], Any] = {  # (code, variant) -> (values, lang) -> sentence
    ("foundation-progress-report-missing", ""): _progress,
    ("foundation-final-report-late", ""): _final,
}
