"""Issues of one area of what owners dispute. Public income from the common parts (民法典 arts. 282–283): the register of revenue assets and their contracts against the income the ledger books.

Declared here with everything said about them: the types (errors, then findings), their
Chinese messages for `portal validate` (ZH, ZH_VARIANTS, each taking the values of its
English template), and the sentence residents read for each finding and variant
(RESIDENT). issues/__init__.py, zh.py and residents.py gather every area's."""

from __future__ import annotations

from typing import Any

from ..formats import MONTHS_EN, money
from .issue import IssueType

# Income from the common parts is the owners' (art. 282), and its provider discloses it (943).
_BASIS = ("civil-282", "civil-943")

ASSET_DATES_REVERSED = IssueType(
    "asset-dates-reversed", "error", "合同终止日期早于起始日期", "A contract ends before it starts",
    "在 assets.csv 该行核对两个日期：start 写合同开始的日期，end 写合同终止的日期（YYYY-MM-DD，"
    "如 2023-12-31），end 不能早于 start；合同仍在履行的，end 留空。",
    'asset "{asset}" ends on {end}, before it starts on {start}')

ERRORS: tuple[IssueType, ...] = (ASSET_DATES_REVERSED,)

PUBLIC_INCOME_MISSING = IssueType(
    "public-income-missing", "finding", "公共收益未入账", "Public income is not in the accounts",
    "核对该合同的收款：已收到的钱按 assets.csv 中登记的收入科目（category）和合同相对方（counterparty，"
    "写法一致）记入 ledger.csv；确实没有收到的，向合同相对方催收，并在公示中说明原因；合同已经终止的，"
    "在 assets.csv 该行的 end 填写终止日期。",
    'in {year} "{asset}" ({counterparty}) was due {expected:,.2f} yuan under its contract over '
    "{months} month(s), and the ledger books nothing from it in its category",
    (("variable", 'in {year} "{asset}" ({counterparty}) has no income in the ledger in {months} '
                  "of the {covered} month(s) it ran: {gaps}"),),
    basis=_BASIS)
PUBLIC_INCOME_SHORT = IssueType(
    "public-income-short", "finding", "公共收益少于合同", "Public income is below its contract",
    "核对合同金额与入账金额：漏记的收款补记入 ledger.csv（科目和合同相对方与 assets.csv 一致）；少收的，"
    "向合同相对方催收差额，并在公示中说明原因；合同金额已经变更的，在原行的 end 填写终止日期，另起一行"
    "登记新的合同金额。",
    'by the end of {year} "{asset}" ({counterparty}) is {short:,.2f} yuan behind its contract: '
    "{expected:,.2f} yuan fell due that year and {booked:,.2f} yuan is booked",
    basis=_BASIS)

FINDINGS: tuple[IssueType, ...] = (PUBLIC_INCOME_MISSING, PUBLIC_INCOME_SHORT)

ZH: dict[str, str] = {
    "asset-dates-reversed": "资产“{asset}”的终止日期 {end} 早于起始日期 {start}",
    "public-income-missing": ("{year} 年“{asset}”（{counterparty}）按合同应收 {expected:,.2f} 元"
                              "（{months} 个月），账目中该科目下没有这个单位的一笔收入"),
    "public-income-short": ("截至 {year} 年末，“{asset}”（{counterparty}）比合同累计少入账 "
                            "{short:,.2f} 元：当年应收 {expected:,.2f} 元，入账 {booked:,.2f} 元"),
}
ZH_VARIANTS: dict[tuple[str, str], str] = {
    ("public-income-missing", "variable"): ("{year} 年“{asset}”（{counterparty}）在合同期内的 "
                                            "{covered} 个月中有 {months} 个月账目中没有收入："
                                            "{gaps}"),
}


# ---- what residents read ---------------------------------------------------------------

Values = dict[str, Any]


# What an English sentence calls each kind of asset (its label is a heading: "Parking").
_KIND_EN = {"parking": "parking spaces ", "lift-ad": "lift advertising ",
            "screen-ad": "advertising screen ", "board-ad": "notice board advertising ",
            "room": "rented room ", "site": "site ", "telecom": "telecom mast "}


def _what(v: Values, lang: str) -> str:
    """The asset as a sentence names it: its name and who pays; in English with its kind,
    the name kept as published inside quotation marks."""
    if lang != "en":
        return f"{v['asset']}（{v['counterparty']}）"
    kind = _KIND_EN.get(str(v.get("kind", "")), "")
    return f"the {kind}“{v['asset']}” (paid by “{v['counterparty']}”)"


def _missing(v: Values, lang: str) -> str:
    if lang == "en":
        return (f"In {v['year']} {_what(v, lang)} should have brought in {money(v['expected'])} "
                "yuan under its contract; none of it is in the accounts.")
    return f"{v['year']} 年，{_what(v, lang)}按合同应收 {money(v['expected'])} 元，账上没有一笔入账。"


def _months(gaps: str, lang: str) -> str:
    """The months without income ("2022-03, 2022-05") as a sentence lists them."""
    months = [int(m[5:]) for m in gaps.split(", ") if len(m) == 7]
    if lang != "en":
        return "、".join(f"{m} 月" for m in months)
    names = [MONTHS_EN[m] for m in months]
    return names[0] if len(names) < 2 else ", ".join(names[:-1]) + " and " + names[-1]


def _variable(v: Values, lang: str) -> str:
    gaps = _months(str(v["gaps"]), lang)
    if lang == "en":
        return (f"In {v['year']} no income from {_what(v, lang)} is in the accounts for "
                f"{v['months']} of the {v['covered']} months it ran: {gaps}.")
    return f"{v['year']} 年有 {v['months']} 个月没有{_what(v, lang)}的收益入账：{gaps}。"


def _short(v: Values, lang: str) -> str:
    if lang == "en":
        return (f"In {v['year']} {_what(v, lang)} should have brought in {money(v['expected'])} "
                f"yuan under its contract and {money(v['booked'])} yuan is in the accounts; since "
                f"the contract began, {money(v['short'])} yuan is missing.")
    return (f"{v['year']} 年，{_what(v, lang)}按合同应收 {money(v['expected'])} 元，实际入账 "
            f"{money(v['booked'])} 元；自合同开始累计少收 {money(v['short'])} 元。")


RESIDENT: dict[tuple[str, str], Any] = {  # (code, variant) -> (values, lang) -> sentence
    ("public-income-missing", ""): _missing,
    ("public-income-missing", "variable"): _variable,
    ("public-income-short", ""): _short,
}
