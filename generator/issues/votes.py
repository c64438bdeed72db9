"""Issues of one area of what owners dispute. Owners' votes against the thresholds of 民法典 art. 278, counted by heads and by floor area.

Declared here with everything said about them: the types (errors, then findings), their
Chinese messages for `portal validate` (ZH, ZH_VARIANTS, each taking the values of its
English template), and the sentence residents read for each finding and variant
(RESIDENT). issues/__init__.py, zh.py and residents.py gather every area's."""

from __future__ import annotations

import re
from typing import Any

from ..formats import day_label
from .issue import IssueType

# What is written in the four area columns of resolutions.csv, as the fixes name them.
_AREA_COLUMNS = ("area_eligible（专有部分总面积）、area_for（同意面积）、area_against（反对面积）、"
                 "area_abstaining（弃权面积）")

RESOLUTION_AREA_INCOMPLETE = IssueType(
    "resolution-area-incomplete", "error", "表决面积只填了一部分",
    "A resolution's floor areas are filled in part",
    f"四列面积 {_AREA_COLUMNS}要么全部填写，要么全部留空：有按面积计票的结果，就把空着的列补上"
    "（单位平方米，如 86405.20；没有业主投反对票或弃权的，对应的面积写 0）；没有，就把四列都清空，"
    "网站会显示这项决议“面积未记录”。",
    "{missing} is empty while this row gives {filled}; write all four floor areas (area_eligible, "
    "area_for, area_against, area_abstaining, in m², 0 where no owner voted so) or leave all "
    "four empty")
RESOLUTION_AREA_EXCEEDS_ELIGIBLE = IssueType(
    "resolution-area-exceeds-eligible", "error", "参与表决的面积超过专有部分总面积",
    "More floor area voted than is eligible",
    "核对四列面积：同意、反对、弃权面积之和（参与表决的面积）不能超过 area_eligible（有表决权的业主"
    "专有部分面积之和）。把计票结果上的数字照抄过来，单位都是平方米。",
    "{area_for:,} m² for + {area_against:,} m² against + {area_abstaining:,} m² abstaining = "
    "{cast:,} m², more than the eligible area of {eligible:,} m²")
RESOLUTION_AREA_INVALID = IssueType(
    "resolution-area-invalid", "error", "表决面积的写法不对", "A floor area is not written as it must be",
    "面积以平方米为单位，最多两位小数（如 86405.20）；area_eligible 写有表决权的业主专有部分面积之和，"
    "必须大于 0。",
    '"{value}" has more than 2 decimals; write square metres to the hundredth, e.g. 86405.20',
    (("zero", "the eligible area is 0; write the floor area of the units of the owners "
              "entitled to vote, e.g. 147800.00"),))

ERRORS: tuple[IssueType, ...] = (RESOLUTION_AREA_INCOMPLETE, RESOLUTION_AREA_EXCEEDS_ELIGIBLE,
                                 RESOLUTION_AREA_INVALID)

# The shares a threshold names (`needed`), as the messages write them, language-neutral.
AT_LEAST_TWO_THIRDS, AT_LEAST_THREE_QUARTERS, MORE_THAN_HALF = "≥ 2/3", "≥ 3/4", "> 1/2"

_SAID = 'resolution "{resolution}" ({date}, {title}): '
_CHALLENGE = "; owners may ask a court to set it aside until {deadline}"
_TOOK_PART = "under the {needed} Civil Code art. 278 requires"
_CONSENT = "short of the {needed} Civil Code art. 278 requires for a {kind} matter"
RESOLUTION_BELOW_THRESHOLD = IssueType(
    "resolution-below-threshold", "finding", "决议未达到法定表决比例",
    "A resolution fell short of the legal majority",
    "先核对计票记录（人数和面积）：记错了，在 resolutions.csv 另加一行更正记录（corrects 填原决议编号），"
    "写上正确的数字。记录无误的，这项决定没有达到《民法典》第二百七十八条要求的比例：在公示中向业主说明，"
    "需要时重新表决；业主可在期限内请求人民法院撤销。",
    _SAID + "the owners taking part were {owners_share:.1%} of all owners, " + _TOOK_PART
    + " (by floor area {area_share:.1%})" + _CHALLENGE,
    (("area", _SAID + "the floor area taking part was {area_share:.1%} of the eligible area, "
      + _TOOK_PART + " (by owners {owners_share:.1%})" + _CHALLENGE),
     ("both", _SAID + "the owners taking part were {owners_share:.1%} of all owners and their "
      "floor area {area_share:.1%} of the eligible area, " + _TOOK_PART + _CHALLENGE),
     ("consent", _SAID + "the owners in favour were {owners_share:.1%} of those taking part, "
      + _CONSENT + " (by floor area {area_share:.1%})" + _CHALLENGE),
     ("consent-area", _SAID + "the floor area in favour was {area_share:.1%} of the area "
      "taking part, " + _CONSENT + " (by owners {owners_share:.1%})" + _CHALLENGE),
     ("consent-both", _SAID + "the owners in favour were {owners_share:.1%} of those taking "
      "part and their floor area {area_share:.1%} of the area taking part, " + _CONSENT
      + _CHALLENGE)),
    basis=("civil-278",))

FINDINGS: tuple[IssueType, ...] = (RESOLUTION_BELOW_THRESHOLD,)

_ZH_SAID = "决议“{resolution}”（{date}，{title}）："
_ZH_CHALLENGE = "；业主可在 {deadline} 前请求人民法院撤销"
_ZH_TOOK_PART = "未达到《民法典》第二百七十八条要求的 {needed}"
_ZH_CONSENT = "未达到《民法典》第二百七十八条对 {kind} 事项要求的 {needed}"
ZH: dict[str, str] = {
    "resolution-area-incomplete": ("{missing} 为空，但已填写 {filled}；四列面积（area_eligible、area_for、"
                                   "area_against、area_abstaining，单位平方米，没有人投的写 0）"
                                   "要么全部填写，要么全部留空"),
    "resolution-area-exceeds-eligible": ("同意 {area_for:,} ㎡ + 反对 {area_against:,} ㎡ + 弃权 "
                                         "{area_abstaining:,} ㎡ = {cast:,} ㎡，超过专有部分总面积 "
                                         "{eligible:,} ㎡"),
    "resolution-area-invalid": "“{value}”超过两位小数；面积写到平方米的两位小数，如 86405.20",
    "resolution-below-threshold": (_ZH_SAID + "参与表决的业主占全体业主人数的 {owners_share:.1%}，"
                                   + _ZH_TOOK_PART + "（按面积为 {area_share:.1%}）" + _ZH_CHALLENGE),
}
ZH_VARIANTS: dict[tuple[str, str], str] = {
    ("resolution-area-invalid", "zero"): ("专有部分总面积为 0；请写有表决权的业主专有部分面积之和，"
                                          "如 147800.00"),
    ("resolution-below-threshold", "area"): (_ZH_SAID + "参与表决的面积占专有部分总面积的 "
                                             "{area_share:.1%}，" + _ZH_TOOK_PART
                                             + "（按人数为 {owners_share:.1%}）" + _ZH_CHALLENGE),
    ("resolution-below-threshold", "both"): (_ZH_SAID + "参与表决的业主占全体业主人数的 "
                                             "{owners_share:.1%}，其面积占专有部分总面积的 "
                                             "{area_share:.1%}，" + _ZH_TOOK_PART + _ZH_CHALLENGE),
    ("resolution-below-threshold", "consent"): (_ZH_SAID + "同意的业主占参与表决人数的 "
                                                "{owners_share:.1%}，" + _ZH_CONSENT
                                                + "（按面积为 {area_share:.1%}）" + _ZH_CHALLENGE),
    ("resolution-below-threshold", "consent-area"): (_ZH_SAID + "同意的面积占参与表决面积的 "
                                                     "{area_share:.1%}，" + _ZH_CONSENT
                                                     + "（按人数为 {owners_share:.1%}）"
                                                     + _ZH_CHALLENGE),
    ("resolution-below-threshold", "consent-both"): (_ZH_SAID + "同意的业主占参与表决人数的 "
                                                     "{owners_share:.1%}，其面积占参与表决面积的 "
                                                     "{area_share:.1%}，" + _ZH_CONSENT
                                                     + _ZH_CHALLENGE),
}

# ---- What residents read -------------------------------------------------------------

# A threshold in words (the `needed` value): Chinese, English.
_NEEDED = {AT_LEAST_TWO_THIRDS: ("三分之二", "the two thirds"),
           AT_LEAST_THREE_QUARTERS: ("四分之三", "the three quarters"),
           MORE_THAN_HALF: ("半数", "the majority of more than half")}
_TITLE_LENGTH = 20  # characters of a long title a sentence keeps


def short_title(title: str) -> str:
    """A resolution's title as a Chinese sentence quotes it: its first clause, at most 20
    characters, with …… where it was cut."""
    clause = re.split("[，；：。,;:]", title, maxsplit=1)[0].strip()
    cut = clause[:_TITLE_LENGTH]
    return cut if cut == title else cut + "……"


def _share(value: Any) -> str:
    return f"{value:.1%}"


def _zh(v: dict[str, Any], variant: str) -> str:
    needed = _NEEDED[v["needed"]][0]
    owners, area = _share(v["owners_share"]), _share(v["area_share"])
    if variant.startswith("consent"):
        what = {"consent": f"同意的业主只占参与表决人数的 {owners}",
                "consent-area": f"同意的业主专有部分面积只占参与表决面积的 {area}",
                "consent-both": f"同意的业主只占参与表决人数的 {owners}、参与表决面积的 {area}"}
        reached = "没有超过" if v["needed"] == MORE_THAN_HALF else "没有达到"
    else:
        what = {"": f"参与表决的业主只占业主总人数的 {owners}",
                "area": f"参与表决的业主专有部分面积只占总面积的 {area}",
                "both": f"参与表决的业主只占业主总人数的 {owners}、专有部分总面积的 {area}"}
        reached = "没有达到"
    return (f"{day_label(v['date'])}“{short_title(v['title'])}”的表决中，{what[variant]}，"
            f"{reached}《民法典》要求的{needed}；业主可在 {day_label(v['deadline'])}前请求人民"
            "法院撤销这一决定。")


def _en(v: dict[str, Any], variant: str) -> str:
    needed = _NEEDED[v["needed"]][1]
    owners, area = _share(v["owners_share"]), _share(v["area_share"])
    what = {"": f"the owners taking part were only {owners} of all owners",
            "area": f"the owners taking part held only {area} of the floor area",
            "both": f"the owners taking part were only {owners} of all owners, holding {area} "
                    "of the floor area",
            "consent": f"the owners in favour were only {owners} of those taking part",
            "consent-area": f"the owners in favour held only {area} of the floor area taking "
                            "part",
            "consent-both": f"the owners in favour were only {owners} of those taking part, "
                            f"holding {area} of the floor area taking part"}
    # The title whole: an English reader finds it as published, not cut mid-phrase.
    return (f"In the vote of {day_label(v['date'], 'en')} on “{v['title']}”, "
            f"{what[variant]}, short of {needed} the Civil Code requires; owners may ask a "
            f"court to set the decision aside until {day_label(v['deadline'], 'en')}.")


def _sentence(variant: str) -> Any:
    def make(values: dict[str, Any], lang: str) -> str:
        return _en(values, variant) if lang == "en" else _zh(values, variant)
    return make


_VARIANTS = ("", "area", "both", "consent", "consent-area", "consent-both")
RESIDENT: dict[tuple[str, str], Any] = {  # (code, variant) -> (values, lang) -> sentence
    (RESOLUTION_BELOW_THRESHOLD.code, v): _sentence(v) for v in _VARIANTS}
