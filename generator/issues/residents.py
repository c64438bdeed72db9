"""What a finding means to a resident, in the page's language: one plain sentence with
its figure, without codes or maintainers' instructions (those are for `portal validate`).

Each finding type (and each variant of its message) has its sentence here, made from the
values its check found (``Issue.values``); tests/test_resident_page.py fails when a type
declared a finding has none. A category is named in the page's language when the page
gives the chart of accounts; a project by its title, not its number."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ..formats import day_label, money, month_label
from .areas import AREAS
from .issue import Issue, visible

Values = dict[str, Any]
Sentence = Callable[[Values, str], str]  # (values, lang) -> the sentence


def sentence(issue: Issue, lang: str, categories: Mapping[str, Any] | None = None) -> str:
    """The finding as a resident reads it; with the chart of accounts a category is named
    in the page's language (the Jinja filter: ``{{ f | resident(cat) }}``)."""
    make = SENTENCES.get((issue.code, issue.variant))
    if make is None:
        return issue.message  # a type without a resident's sentence: the test catches it
    values = {k: visible(v) if isinstance(v, str) else v for k, v in issue.values}
    if "category" in values:
        values["category"] = _category(str(values["category"]), lang, categories or {})
    return make(values, lang)


def _category(code: str, lang: str, categories: Mapping[str, Any]) -> str:
    found = categories.get(code)
    if found is None:
        return code  # a code the chart does not know is shown as written
    return str(found.name_en if lang == "en" else found.name_zh)


def _day(day: date, lang: str) -> str:
    return day_label(day, lang)


def _pct(share: Decimal | float) -> str:
    return f"{share:.0%}"


def _remuneration(v: Values, lang: str) -> str:
    if lang == "en":
        return (f"In {v['year']} the trustee took {money(v['taken'])} yuan as remuneration: "
                f"{money(v['over'])} yuan more than the {money(v['allowed'])} yuan the agreed "
                f"rate of {_pct(v['rate'])} of the year's income allows.")
    return (f"{v['year']} 年受托人提取酬金 {money(v['taken'])} 元，按约定的收入 {_pct(v['rate'])} "
            f"只能提取 {money(v['allowed'])} 元，多提了 {money(v['over'])} 元。")


def _remuneration_terms(v: Values, lang: str) -> str:
    if lang == "en":
        return (f"In {v['year']} the trustee took {money(v['taken'])} yuan as remuneration: "
                f"{money(v['over'])} yuan more than the {money(v['allowed'])} yuan the terms "
                "agreed for that year allow.")
    return (f"{v['year']} 年受托人提取酬金 {money(v['taken'])} 元，按当年的约定只能提取 "
            f"{money(v['allowed'])} 元，多提了 {money(v['over'])} 元。")


def _budget(v: Values, lang: str) -> str:
    actual, budget = v["actual"], v["budget"]
    if not budget:
        if lang == "en":
            return (f"In {v['year']}, {money(actual)} yuan went on {v['category']}, "
                    "for which the budget had nothing.")
        return f"{v['year']} 年“{v['category']}”支出 {money(actual)} 元，但预算中没有这一项。"
    over = _pct(actual / budget - 1)
    if lang == "en":
        return (f"In {v['year']}, {money(actual)} yuan went on {v['category']}: {over} "
                f"over its budget of {money(budget)} yuan.")
    return (f"{v['year']} 年“{v['category']}”支出 {money(actual)} 元，"
            f"超出预算 {money(budget)} 元的 {over}。")


def _mismatch(v: Values, lang: str) -> str:
    month, gap = month_label(v["month"], lang), money(abs(v["difference"]))
    if lang == "en":
        return (f"At the end of {month} the accounts show {money(v['computed'])} yuan but the "
                f"bank statement shows {money(v['stated'])} yuan: {gap} yuan apart.")
    return (f"{month}末，账上的余额是 {money(v['computed'])} 元，银行对账单上是 "
            f"{money(v['stated'])} 元，相差 {gap} 元。")


def _negative(v: Values, lang: str) -> str:
    month = month_label(v["month"], lang)
    if lang == "en":
        return (f"At the end of {month} the common fund stood at {money(v['balance'])} yuan: "
                "more was spent than it held.")
    return f"{month}末，共有资金余额为 {money(v['balance'])} 元：花出去的钱比账上的钱多。"


def _overdue(v: Values, lang: str) -> str:
    month, due = month_label(v["month"], lang), _day(v["due"], lang)
    if lang == "en":
        return f"{month}'s accounts were due by {due} and are not published."
    return f"{month}的账目应在 {due}前公开，至今没有公开。"


def _overspent(v: Values, lang: str) -> str:
    if lang == "en":
        return (f"The project “{v['title']}” spent {money(v['spent'])} yuan: "
                f"{money(v['over'])} yuan over its budget of {money(v['budget'])} yuan.")
    return (f"“{v['title']}”项目支出 {money(v['spent'])} 元，超出预算 {money(v['budget'])} 元，"
            f"多花了 {money(v['over'])} 元。")


def _unevaluated(v: Values, lang: str) -> str:
    if lang == "en":
        return (f"The project “{v['title']}” is finished, but residents have not yet been asked "
                "what they think of it.")
    return f"“{v['title']}”项目已经完成，但还没有请居民评议。"


def _unsatisfied(v: Values, lang: str) -> str:
    share, limit = _pct(v["share"]), _pct(v["limit"])
    if lang == "en":
        return (f"Only {share} of the residents asked were satisfied with the project "
                f"“{v['title']}”, under {limit}.")
    return f"“{v['title']}”项目评议时只有 {share} 的居民表示满意，低于 {limit}。"


def _unreported(v: Values, lang: str) -> str:
    if lang == "en":
        return f"The project “{v['title']}” is finished, but its final report is not published."
    return f"“{v['title']}”项目已经完成，但还没有公开结项报告。"


def _late(v: Values, lang: str) -> str:
    end = _day(v["end"], lang)
    if lang == "en":
        return f"The project “{v['title']}” was to end on {end} and is still under way."
    return f"“{v['title']}”项目原计划 {end}结束，现在仍在实施。"


# (code, variant) -> its sentence; variant "" is the type's main message.
SENTENCES: dict[tuple[str, str], Sentence] = {
    ("remuneration-over-rate", ""): _remuneration,
    ("remuneration-over-rate", "terms"): _remuneration_terms,
    ("budget-overrun", ""): _budget,
    ("balance-mismatch", ""): _mismatch,
    ("balance-negative", ""): _negative,
    ("disclosure-overdue", ""): _overdue,
    ("protection-overspent", ""): _overspent,
    ("protection-completed-without-evaluation", ""): _unevaluated,
    ("protection-low-satisfaction", ""): _unsatisfied,
    ("foundation-completed-without-report", ""): _unreported,
    ("foundation-past-end-date", ""): _late,
}

# Each area of the owners' disputes declares its sentences with its issue types.
for _area in AREAS:
    SENTENCES.update(_area.RESIDENT)
