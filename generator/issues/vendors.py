"""Issues of one area of what owners dispute. Who the common fund pays: one vendor's share of a category over years, purchases split under the amount that needs a resolution, and payments to the trustee's related parties.

Declared here with everything said about them: the types (errors, then findings), their
Chinese messages for `portal validate` (ZH, ZH_VARIANTS, each taking the values of its
English template), and the sentence residents read for each finding and variant
(RESIDENT). issues/__init__.py, zh.py and residents.py gather every area's."""

from __future__ import annotations

from typing import Any

from ..formats import money, month_label, pct
from .issue import IssueType

# ---- Errors: the register of declared payees (parties.csv) ------------------------------
PARTY_RESOLUTION_MISSING = IssueType(
    "party-resolution-missing", "error", "经决议选定的单位没有写决议编号",
    "A contracted party names no resolution",
    "relation 写 contracted 的单位，须在 resolution 列填写选定它的业主大会决议编号（resolutions.csv "
    "中已公开的决议）；没有决议选定的单位不要写 contracted。",
    'party "{party}" is declared contracted but names no resolution; write the id of the '
    "owners' resolution that chose it in the resolution column")
PARTY_DATES_REVERSED = IssueType(
    "party-dates-reversed", "error", "终止日期早于起始日期", "A party's relation ends before it began",
    "核对 since（关系开始的日期）和 until（关系结束的日期）：until 不能早于 since；关系尚未结束的，"
    "until 留空。",
    'party "{party}": until {until} is before since {since}')
PARTY_DUPLICATE = IssueType(
    "party-duplicate", "error", "同一单位登记了两次", "A party is declared twice",
    "每个单位只登记一行：删除重复的一行，名称按账目 counterparty 列的写法填写（全角半角、空格、大小写"
    "不同的写法算同一单位）。",
    '"{party}" is the same party as "{other}" on row {other_row}, written with other spaces, '
    "width or case; declare each party once, as the ledger writes it")

# ---- Findings: published on the community's page -----------------------------------------
VENDOR_CONCENTRATION = IssueType(
    "vendor-concentration", "finding", "一家单位多年占一类支出的大部分，没有业主大会决议选定",
    "One vendor takes most of a category for years without a resolution",
    "由业主大会决议选定该单位（并在 parties.csv 登记为 contracted，填写决议编号），或者公开比价、"
    "招标的情况，说明为什么一直由它承接。",
    "from {first} to {last} ({years} years) '{vendor}' was paid more than half of each year's "
    "'{category}' spending (at least {share:.1%}; {total:,.2f} yuan in all), and no owners' "
    "resolution declared in parties.csv chose it",
    basis=("trust-25",))
PURCHASES_SPLIT = IssueType(
    "purchases-split", "finding", "同月向同一单位分笔付款，每笔都低于须经决议的金额",
    "Payments split under the amount that needs a resolution",
    "说明这几笔付款是否为同一项采购；是的，应提请业主大会决议（或补作决议），今后不要拆分付款。",
    "in {month} '{vendor}' was paid {count} times ({entries}), each under the {limit:,.2f} "
    "yuan that needs an owners' resolution and above half of it, {total:,.2f} yuan in all: "
    "one purchase may have been split to avoid the owners' vote",
    basis=("community-terms", "civil-278"))
RELATED_PARTY_PAID = IssueType(
    "related-party-paid", "finding", "向受托人的关联方付款", "Payments to a related party of the trustee",
    "关联交易须经业主大会同意且价格公平（《信托法》第二十八条）：提请业主大会决议，在 parties.csv 的 "
    "resolution 列填写该决议编号，并公开比价情况。",
    "in {year} '{party}', a related party of the trustee (\"{note}\"), received {total:,.2f} "
    "yuan in {count} payment(s), and no owners' resolution agreed to it",
    (("approved", "in {year} '{party}', a related party of the trustee (\"{note}\"), received "
                  "{total:,.2f} yuan in {count} payment(s), as resolution {approved} agreed; "
                  "shown so that owners can check the price"),),
    basis=("trust-28", "trust-25"))

ERRORS: tuple[IssueType, ...] = (PARTY_RESOLUTION_MISSING, PARTY_DATES_REVERSED,
                                  PARTY_DUPLICATE)
FINDINGS: tuple[IssueType, ...] = (VENDOR_CONCENTRATION, PURCHASES_SPLIT, RELATED_PARTY_PAID)

ZH: dict[str, str] = {
    "party-resolution-missing": ("“{party}”登记为 contracted（经业主大会决议选定），但没有写决议；"
                                 "请在 resolution 列填写选定它的决议编号"),
    "party-dates-reversed": "“{party}”的终止日期 {until} 早于起始日期 {since}",
    "party-duplicate": ("“{party}”与第 {other_row} 行的“{other}”是同一单位（只是空格、全角半角或"
                        "大小写不同）；每个单位只登记一行，按账目中的写法填写"),
    "vendor-concentration": ("{first}—{last} 年（{years} 年），“{vendor}”每年都得到“{category}”"
                             "支出的一半以上（最低 {share:.1%}，共 {total:,.2f} 元），parties.csv "
                             "中没有选定它的业主大会决议"),
    "purchases-split": ("{month} 向“{vendor}”付款 {count} 笔（{entries}），每笔都低于须经业主大会"
                        "决议的 {limit:,.2f} 元、高于它的一半，合计 {total:,.2f} 元：可能是把一项"
                        "采购拆成几笔，避开业主表决"),
    "related-party-paid": ("{year} 年向受托人的关联方“{party}”（“{note}”）付款 {count} 笔，"
                           "共 {total:,.2f} 元，没有业主大会同意的决议"),
}
ZH_VARIANTS: dict[tuple[str, str], str] = {
    ("related-party-paid", "approved"): ("{year} 年向受托人的关联方“{party}”（“{note}”）付款 "
                                         "{count} 笔，共 {total:,.2f} 元，经决议 {approved} 同意；"
                                         "列出供业主核对价格"),
}


def _share(value: Any) -> str:
    return pct(float(value))


def _concentration(v: dict[str, Any], lang: str) -> str:
    if lang == "en":
        return (f"From {v['first']} to {v['last']}, more than half of each year's spending on "
                f"{v['category']} went to “{v['vendor']}” (at least {_share(v['share'])}), and "
                "no owners' resolution chose this firm.")
    return (f"{v['first']}—{v['last']} 年，“{v['category']}”支出每年都有一半以上付给了{v['vendor']}（最低 "
            f"{_share(v['share'])}），而业主大会没有决议选定这家单位。")


def _split(v: dict[str, Any], lang: str) -> str:
    month, limit, total = month_label(v["month"], lang), money(v["limit"]), money(v["total"])
    if lang == "en":
        return (f"In {month} “{v['vendor']}” was paid {v['count']} times, each under the "
                f"{limit} yuan that needs an owners' resolution, {total} yuan in all.")
    return (f"{month}向{v['vendor']}付款 {v['count']} 笔，每笔都不到须经业主大会决议的 {limit} "
            f"元，合计 {total} 元。")


def _payments(count: int) -> str:
    return "1 payment" if count == 1 else f"{count} payments"


def _related(v: dict[str, Any], lang: str) -> str:
    if lang == "en":
        return (f"In {v['year']} “{v['party']}”, a related party of the trustee, received "
                f"{money(v['total'])} yuan in {_payments(v['count'])}, without an owners' "
                "resolution agreeing to it.")
    return (f"{v['year']} 年向受托人的关联方{v['party']}付款 {v['count']} 笔，共 "
            f"{money(v['total'])} 元，没有业主大会同意与其交易的决议。")


def _related_approved(v: dict[str, Any], lang: str) -> str:
    if lang == "en":
        return (f"In {v['year']} “{v['party']}”, a related party of the trustee, received "
                f"{money(v['total'])} yuan in {_payments(v['count'])}; the owners agreed to "
                "it by resolution, and may check that the price was fair.")
    return (f"{v['year']} 年向受托人的关联方{v['party']}付款 {v['count']} 笔，共 "
            f"{money(v['total'])} 元；业主大会已决议同意与其交易，价格是否公道请业主核对。")


RESIDENT: dict[tuple[str, str], Any] = {  # (code, variant) -> (values, lang) -> sentence
    ("vendor-concentration", ""): _concentration,
    ("purchases-split", ""): _split,
    ("related-party-paid", ""): _related,
    ("related-party-paid", "approved"): _related_approved,
}
