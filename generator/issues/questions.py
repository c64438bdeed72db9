"""Issues of one area of what owners dispute. Owners' questions (质询) and their answers, within the deadline the community declared.

Declared here with everything said about them: the types (errors, then findings), their
Chinese messages for `portal validate` (ZH, ZH_VARIANTS, each taking the values of its
English template), and the sentence residents read for each finding and variant
(RESIDENT). issues/__init__.py, zh.py and residents.py gather every area's."""

from __future__ import annotations

from typing import Any

from ..formats import day_label, money
from .issue import IssueType

# The trustee answers owners' questions on the accounts promptly (收费管理办法 art. 12), it
# discloses the accounts to them (民法典 art. 943), and the owners set the days (their terms).
_BASIS = ("fees-12", "civil-943", "community-terms")

_SUBJECTS = "entry_id, year/line_id like 2023/E02, resolution_id, asset_id or project_id"

QUESTION_SUBJECT_UNKNOWN = IssueType(
    "question-subject-unknown", "error", "质询对象不存在", "The question's subject does not exist",
    "在 questions.csv 该行的 subject 列写所质询对象的编号，与 about 列一致：about 为 entry 写 ledger.csv "
    "的 entry_id；budget 写“年度/预算行”，如 2023/E02；resolution 写 resolutions.csv 的 "
    "resolution_id；asset 写 assets.csv 的 asset_id；project 写社区基金会或保障资金的 project_id；"
    "other 留空。",
    'question "{question}" is about entry "{subject}", which is not in ledger.csv: write the '
    "entry_id of the entry as ledger.csv gives it",
    (("budget", 'question "{question}" is about budget line "{subject}", which is not a line of '
                "budget.csv: write the year and the line_id as budget.csv gives them, joined "
                "by a slash, like 2023/E02"),
     ("resolution", 'question "{question}" is about resolution "{subject}", which is not in '
                    "resolutions.csv: write its resolution_id as resolutions.csv gives it"),
     ("asset", 'question "{question}" is about asset "{subject}", which is not in assets.csv: '
               "write its asset_id as assets.csv gives it, or register the asset there first"),
     ("project", 'question "{question}" is about project "{subject}", which is not a project '
                 "of the community foundation or of the protection fund: write the project_id "
                 "as their projects.csv gives it"),
     ("other", 'question "{question}" is about other matters (about is other) but subject is '
               '"{subject}": leave subject empty, or set about to what it names (entry, '
               "budget, resolution, asset or project)"),
     ("empty", 'question "{question}" is about {about} but subject is empty: write the id of '
               f"what it is about ({_SUBJECTS})")))
QUESTION_ANSWER_INVALID = IssueType(
    "question-answer-invalid", "error", "质询的答复或日期不完整",
    "A question's answer or its dates do not fit",
    "答复后在 questions.csv 该行同时填写 answer（答复要点）和 answered（答复日期，YYYY-MM-DD）；尚未答复"
    "的两列都留空。答复日期不能早于收到日期（received），两个日期都不能晚于今天。",
    'question "{question}" has an answered date ({answered}) but no answer: write the answer in '
    "brief in answer, or leave answered empty until it is answered",
    (("undated", 'question "{question}" has an answer but no answered date: write the day it '
                 "was answered in answered (YYYY-MM-DD)"),
     ("before", 'question "{question}" was answered on {answered}, before it was received on '
                "{received}: check both dates"),
     ("future", 'question "{question}": {date} is after today ({today}); check the date')))
QUESTION_IDENTIFIES_ASKER = IssueType(
    "question-identifies-asker", "error", "质询登记写出了质询人",
    "The register says who asked",
    "质询登记公开在网站上，不写质询人的姓名、楼栋、单元和房号（《个人信息保护法》）：把这些删去，"
    "写成“业主”或“有业主”。如果写的是公共部位（例如出租的公共用房），写它的名称或资产编号，"
    "不写房号。",
    'reads like a flat number ("{found}", digits hidden here): the register never says who '
    "asked or where they live (PIPL); write it without the building, unit and room number",
    (("name", 'reads like the name of the owner who asked ("{found}", hidden in part here): the '
              'register never says who asked (PIPL); write "an owner" (业主) without the '
              "name"),))
QUESTION_DEADLINE_UNDECLARED = IssueType(
    "question-deadline-undeclared", "error", "没有约定质询答复期限",
    "No deadline to answer questions is declared",
    "质询的答复期限由业主大会决议确定：在 terms.csv 加一行，term 写 answer_days，value 写约定的天数"
    "（如 15），effective 写生效日期（不晚于最早一项质询的收到日期），resolution 写作出该约定的决议"
    "编号（该决议须登记在 resolutions.csv 中），并在 datapackage.json 的 resources 中列出 terms.csv。",
    'question "{question}" was received on {received}, before any answer_days term is in '
    "effect: add a row to terms.csv with term answer_days, the days the owners agreed as value "
    "(like 15), an effective date no later than {received}, and the resolution that set it",
    (("none", 'questions.csv has {count} question(s), the first received on {received}, but '
              "terms.csv declares no answer_days term: add a row to terms.csv with term "
              "answer_days, the days the owners agreed as value (like 15), an effective date "
              "no later than {received}, and the resolution that set it"),))

ERRORS: tuple[IssueType, ...] = (QUESTION_SUBJECT_UNKNOWN, QUESTION_ANSWER_INVALID,
                                 QUESTION_IDENTIFIES_ASKER, QUESTION_DEADLINE_UNDECLARED)

# A finding, published: its message does not name today's figures (the corpus is stable).
QUESTION_OVERDUE = IssueType(
    "question-overdue", "finding", "质询逾期未答复", "A question is overdue for an answer",
    "尽快书面答复该质询，然后在 questions.csv 该行补填 answer（答复要点）和 answered（答复日期）；"
    "网站会注明逾期多少天后答复。",
    'question "{question}" about {about} "{subject}", received on {received}, was due for an '
    "answer by {due} and has none",
    basis=_BASIS)

FINDINGS: tuple[IssueType, ...] = (QUESTION_OVERDUE,)

ZH: dict[str, str] = {
    "question-subject-unknown": ("质询“{question}”的对象是账目“{subject}”，但 ledger.csv 中没有这条"
                                 "条目：请照 ledger.csv 写它的 entry_id"),
    "question-answer-invalid": ("质询“{question}”填了答复日期（{answered}）却没有答复内容：请在 "
                                "answer 列写答复要点；尚未答复的，answered 留空"),
    "question-identifies-asker": ("像是房号（“{found}”，此处隐去数字）：质询登记不写谁提出、住在"
                                  "哪里（《个人信息保护法》）；请删去楼栋、单元和房号"),
    "question-deadline-undeclared": ("质询“{question}”于 {received} 收到，当时还没有生效的 "
                                     "answer_days 约定：请在 terms.csv 加一行，term 写 answer_days，"
                                     "value 写业主大会约定的天数（如 15），effective 写不晚于 "
                                     "{received} 的生效日期，resolution 写作出约定的决议"),
    "question-overdue": ("质询“{question}”（对象：{about}“{subject}”）于 {received} 收到，应在 "
                         "{due} 前答复，至今没有答复"),
}
ZH_VARIANTS: dict[tuple[str, str], str] = {
    ("question-subject-unknown", "budget"): ("质询“{question}”的对象是预算行“{subject}”，但 "
                                             "budget.csv 中没有这一行：请写年度和 line_id，中间用"
                                             "斜杠，如 2023/E02"),
    ("question-subject-unknown", "resolution"): ("质询“{question}”的对象是决议“{subject}”，但 "
                                                 "resolutions.csv 中没有这项决议：请照 "
                                                 "resolutions.csv 写它的 resolution_id"),
    ("question-subject-unknown", "asset"): ("质询“{question}”的对象是资产“{subject}”，但 "
                                            "assets.csv 中没有这项资产：请照 assets.csv 写它的 "
                                            "asset_id，或先在 assets.csv 中登记该资产"),
    ("question-subject-unknown", "project"): ("质询“{question}”的对象是项目“{subject}”，但它不是"
                                              "社区基金会或保障资金的项目：请照它们的 projects.csv "
                                              "写 project_id"),
    ("question-subject-unknown", "other"): ("质询“{question}”的 about 是 other（其他），subject "
                                            "却写了“{subject}”：请把 subject 留空，或把 about 改成"
                                            "它所指的对象（entry、budget、resolution、asset 或 "
                                            "project）"),
    ("question-subject-unknown", "empty"): ("质询“{question}”的对象是 {about}，但 subject 是空的："
                                            "请写所质询对象的编号（entry_id、如 2023/E02 的“年度/"
                                            "预算行”、resolution_id、asset_id 或 project_id）"),
    ("question-answer-invalid", "undated"): ("质询“{question}”写了答复却没有答复日期：请在 "
                                             "answered 列写答复的日期（YYYY-MM-DD）"),
    ("question-answer-invalid", "before"): ("质询“{question}”的答复日期 {answered} 早于收到日期 "
                                            "{received}：请核对两个日期"),
    ("question-answer-invalid", "future"): "质询“{question}”：{date} 晚于今天（{today}）；请核对日期",
    ("question-identifies-asker", "name"): ("像是质询人的姓名（“{found}”，此处隐去部分）：质询登记"
                                            "不写谁提出（《个人信息保护法》）；请写成“业主”，不写"
                                            "姓名"),
    ("question-deadline-undeclared", "none"): ("questions.csv 有 {count} 项质询，最早的于 "
                                               "{received} 收到，但 terms.csv 中没有 answer_days "
                                               "约定：请在 terms.csv 加一行，term 写 answer_days，"
                                               "value 写业主大会约定的天数（如 15），effective 写"
                                               "不晚于 {received} 的生效日期，resolution 写作出"
                                               "约定的决议"),
}


# ---- what residents read ---------------------------------------------------------------

Values = dict[str, Any]


def _about(v: Values, lang: str) -> str:
    """What the question is about, as residents know it: an entry by its description and
    amount, a budget line by its year and item, the rest by title or name."""
    about, title = v["about"], v["subject_title"]
    if about == "entry" and v.get("amount") is not None:
        if lang == "en":
            return f" about the entry “{title}” ({money(v['amount'])} yuan)"
        return f"关于“{title}”（{money(v['amount'])} 元）的质询"
    if about == "budget":
        year = str(v["subject"]).split("/", 1)[0]
        if lang == "en":
            return f" about the {year} budget line “{title}”"
        return f"关于 {year} 年预算“{title}”的质询"
    if not title:
        return "" if lang == "en" else "一项质询"
    if lang == "en":
        return f" about “{title}”"
    return f"关于“{title}”的质询"


def _overdue(v: Values, lang: str) -> str:
    """Names the due date, not the days since: the sentence stays as it was published."""
    received, due = day_label(v["received"], lang), day_label(v["due"], lang)
    if lang == "en":
        return (f"A question received on {received}{_about(v, lang)} was due for an answer by "
                f"{due} and has not been answered.")
    return f"{received}收到的{_about(v, lang)}，应在 {due}前答复，至今没有答复。"


RESIDENT: dict[tuple[str, str], Any] = {  # (code, variant) -> (values, lang) -> sentence
    ("question-overdue", ""): _overdue,
}
