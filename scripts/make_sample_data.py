#!/usr/bin/env python3
"""Write the sample open-data packages under datasets/ (示例数据).

The four communities are modelled on published reports about trust-based property
management (信托制物业) in Chengdu; every amount, contractor and line of detail is
invented. All randomness comes from fixed seeds and nothing reads the clock, so two
runs give byte-identical files, images and PDFs included.

Usage: python scripts/make_sample_data.py [--check]   (--check: only verify)
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import random
import re
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
SEED = "xinyi-portal-sample-v1"
LAST_DATE = date(2026, 11, 23)  # no ledger entry may be later than this
FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_FACE_SC = 2  # index of the Simplified Chinese face inside the Noto CJK .ttc files

# ---------------------------------------------------------------------------
# Chart of accounts
# ---------------------------------------------------------------------------

CATEGORIES = [  # code, name_zh, name_en, direction, parent
    ("fee", "物业服务费", "Property service fees", "income", ""),
    ("public-revenue", "公共收益", "Public revenue", "income", ""),
    ("parking", "停车收益", "Parking revenue", "income", "public-revenue"),
    ("advertising", "广告收益", "Advertising revenue", "income", "public-revenue"),
    ("rent", "场地租金", "Rent of common spaces", "income", "public-revenue"),
    ("interest", "利息收入", "Bank interest", "income", ""),
    ("donation-in", "捐赠收入", "Donations received", "income", ""),
    ("other-income", "其他收入", "Other income", "income", ""),
    ("staff", "人员费用", "Staff costs", "expense", ""),
    ("cleaning", "保洁", "Cleaning", "expense", ""),
    ("greening", "绿化养护", "Landscaping", "expense", ""),
    ("security", "秩序维护", "Security", "expense", ""),
    ("repair", "维修养护", "Repairs and maintenance", "expense", ""),
    ("elevator", "电梯维保", "Lift maintenance", "expense", ""),
    ("utilities", "公共水电", "Common utilities", "expense", ""),
    ("insurance", "公众责任保险", "Public liability insurance", "expense", ""),
    ("office", "办公费用", "Office costs", "expense", ""),
    ("audit", "审计与法律顾问", "Audit and legal advice", "expense", ""),
    ("community", "社区活动", "Community activities", "expense", ""),
    ("remuneration", "受托人酬金", "Trustee's remuneration", "expense", ""),
    ("tax", "税费", "Taxes and fees", "expense", ""),
    ("other-expense", "其他支出", "Other expenses", "expense", ""),
]
CATEGORY = {c[0]: c for c in CATEGORIES}
CATEGORY_ORDER = {c[0]: i for i, c in enumerate(CATEGORIES)}

# Share of the year's planned net income (income less remuneration) that each
# expense category takes; the rest (about 7%) is the surplus that keeps the fund
# growing slowly, as in the published reports.
EXPENSE_SHARES = {
    "staff": 0.30, "cleaning": 0.12, "greening": 0.05, "security": 0.14, "repair": 0.08,
    "elevator": 0.07, "utilities": 0.08, "insurance": 0.012, "office": 0.015,
    "audit": 0.015, "community": 0.015, "other-expense": 0.002,
}
TAX_RATE = 0.06  # VAT and surcharges on the public revenue (parking, advertising, rent)

BUDGET_ITEMS = {
    "fee": "物业服务费收入", "parking": "公共停车位收益", "advertising": "电梯及公示栏广告收益",
    "rent": "公共用房及场地租金", "interest": "共有资金账户利息",
    "staff": "物业服务中心人员工资及社保",
    "cleaning": "保洁服务外包", "greening": "绿化养护外包", "security": "秩序维护（门岗、巡逻）",
    "repair": "共用部位及设施维修", "elevator": "电梯维保合同", "utilities": "公共区域水电费",
    "insurance": "公众责任保险", "office": "办公及公示费用", "audit": "年度审计与常年法律顾问",
    "community": "社区邻里活动", "remuneration": "受托人酬金", "tax": "增值税及附加",
    "other-expense": "银行手续费等其他支出",
}

# Invented contractors; "（示例）" marks every invented organisation name.
VENDORS = {
    "cleaning": ["洁美保洁服务有限公司（示例）", "清源环境服务有限公司（示例）"],
    "greening": ["青禾园林绿化有限公司（示例）", "锦绿园艺工程有限公司（示例）"],
    "security": ["安和保安服务有限公司（示例）", "蓉安秩序服务有限公司（示例）"],
    "elevator": ["升达电梯工程有限公司（示例）", "通力达电梯维保有限公司（示例）"],
    "repair": ["匠心房屋维修有限公司（示例）", "便民水电维修部（示例）",
               "安居建筑修缮有限公司（示例）", "明亮照明工程有限公司（示例）"],
    "office": ["文印服务部（示例）", "办公用品商行（示例）"],
    "community": ["邻里文化活动策划有限公司（示例）", "社区便民超市（示例）"],
    "insurance": ["安信财产保险股份有限公司成都分公司（示例）"],
    "advertising": ["楼宇传媒广告有限公司（示例）", "社区广告发布有限公司（示例）"],
    "rent": ["社区便民服务站（示例）", "快递驿站运营有限公司（示例）"],
}
UTILITIES = [("国网成都供电公司", "公共区域照明及电梯、水泵用电", 0.72),
             ("成都市自来水有限责任公司", "公共区域绿化、保洁用水", 0.28)]
REPAIR_JOBS = [
    "楼道照明灯具更换", "单元门禁锁维修", "雨污管道疏通", "消防栓及灭火器维护更换",
    "屋面局部防水修补", "小区道路破损修补", "监控摄像头更换", "单元门闭门器更换",
    "二次供水水泵检修", "外墙空鼓局部修缮", "健身器材维修", "车行道闸维修",
    "信报箱更换", "楼道墙面修补粉刷", "化粪池清掏", "电动车充电桩线路检修",
]
OFFICE_JOBS = ["办公用品及打印耗材", "公示栏账目公示打印", "门禁卡制作", "业主大会表决票印制",
               "宽带及电话费", "消防安全宣传资料印制"]
ACTIVITIES = {1: "春节邻里团年活动", 3: "学雷锋志愿服务活动物资", 6: "端午节邻里包粽子活动",
              9: "中秋节邻里活动", 10: "重阳节敬老活动", 12: "年度业主开放日"}
OTHER_INCOME = [("废品回收站（示例）", "公共区域废旧物资回收收入"),
                ("充电设施运营有限公司（示例）", "电动车充电桩电费分成")]
STAFF_WAGES = "物业服务中心员工（工资按月汇总）"
STAFF_SOCIAL = "社会保险经办机构（单位缴费部分按月汇总）"
OWNERS = "业主（按月汇总）"
BANK = "共有资金开户银行"

# ---------------------------------------------------------------------------
# The four communities. Published facts are noted; everything else is invented.
# ---------------------------------------------------------------------------

SAMPLE_NOTE = "（示例数据，非真实账目）"

FENGHUAYUAN = {
    "id": "fenghuayuan", "prefix": "FHY", "title": "风华苑",
    "description": "风华苑小区共有资金示例账目" + SAMPLE_NOTE
                   + "，参照该小区信托制物业的公开报道编制，金额与明细均为虚构。",
    "community": {
        "district": "武侯区", "subdistrict": "示例街道", "neighborhood": "桐梓林社区",
        "address": "武侯区新光路7号", "households": 439, "floor_area_m2": 39510.0,
        "built_year": 2001, "trust_since": "2020-01-01",
        "trustee": "蜀和物业服务有限公司（示例）",
        "supervisors": [
            {"role": "社区党委", "name": "桐梓林社区党委"},
            {"role": "居民委员会", "name": "桐梓林社区居民委员会"},
            {"role": "律师", "name": "信衡律师事务所（示例）"},
            {"role": "会计师", "name": "明鉴会计师事务所（示例）"}],
        "remuneration_rate": 0.15, "fee_standard": 1.1,
        "opening_balance": {"date": "2020-01-01", "amount": 52000.0},
        # The sample covers the months up to "until"; the rule ends with it.
        "disclosure": {"frequency": "monthly", "due_day": 10, "until": "2022-12"},
    },
    "ledger": ((2020, 1), (2022, 12)),
    "remuneration_base": "income",
    # Published: 73% paid in 2019 (before the trust), 437 of 439 in 2021; fee 0.8 -> 1.1
    # from 2021 after the December 2020 vote.
    "fee_by_year": {2019: 0.8, 2020: 0.8, 2021: 1.1, 2022: 1.1},
    "paid_by_year": {2019: 320, 2020: 395, 2021: 437, 2022: 437},
    "public": {"parking": 9000, "advertising": 1500, "rent": 2200},
    "interest": (180, 420), "insurance_month": 3, "statements": True,
    "donations": [((2021, 1), "辖区共建单位（示例）", "春节邻里团年活动捐赠", 3000),
                  ((2022, 9), "辖区共建单位（示例）", "中秋节邻里活动捐赠", 2000)],
    # Deliberate finding (c): a repair booked with transposed digits, corrected in July.
    "extra": [
        {"month": (2021, 6), "day": 17, "category": "repair", "yuan": 8650.00,
         "vendor": "安居建筑修缮有限公司（示例）", "key": "wrong-amount",
         "text": "更换2栋单元门禁系统主板"},
        {"month": (2021, 7), "day": 6, "category": "repair", "yuan": 6850.00,
         "vendor": "安居建筑修缮有限公司（示例）", "corrects_key": "wrong-amount",
         "text": "更正：{ref} 金额误录为8650.00元，应为6850.00元（更换2栋单元门禁系统主板）"},
    ],
    "resolutions": [
        ("FHY-R-2019-01", "2019-11-24", "临时业主大会：同意采用信托制物业服务模式并选聘受托人",
         "trustee", 341, 27, 19, True),
        ("FHY-R-2019-02", "2019-12-22", "2020年度共有资金收支预算", "budget", 322, 18, 31, True),
        ("FHY-R-2020-01", "2020-12-20",
         "物业服务费标准由0.8元/㎡·月调整为1.1元/㎡·月（上调0.3元，约37%）",
         "fee", 308, 64, 27, True),
        ("FHY-R-2020-02", "2020-12-20", "2021年度共有资金收支预算", "budget", 331, 22, 46, True),
        ("FHY-R-2021-01", "2021-05-16", "续签电梯维保合同（2021—2023年）", "contract",
         296, 19, 38, False),
        ("FHY-R-2021-02", "2021-12-19", "2022年度共有资金收支预算", "budget", 345, 15, 41, True),
        ("FHY-R-2022-01", "2022-12-18", "2023年度共有资金收支预算", "budget", 352, 12, 38, True),
        # Published changes, each in the open (README: published entries): a recount
        # corrects a vote's record, a resolution adjusts a budget line, another sets a new
        # remuneration rate from the next year.
        ("FHY-R-2021-01-C1", "2021-06-06",
         "续签电梯维保合同（2021—2023年）：复核计票后更正表决结果",
         "contract", 297, 18, 38, False, "FHY-R-2021-01"),
        ("FHY-R-2022-02", "2022-09-18", "追加2022年度共用部位及设施维修预算2,700元", "budget",
         318, 21, 44, True),
        ("FHY-R-2022-03", "2022-12-18", "自2023年1月1日起受托人酬金比例由15%调整为14%",
         "contract", 339, 17, 46, True),
    ],
    "budget_adjustments": [(2022, "E05-A1", "E05", 5000000, "FHY-R-2022-02",
                            "共用部位及设施维修（追加后）")],
    "terms": [("FHY-T-2023-01", "remuneration_rate", "0.14", "2023-01-01", "FHY-R-2022-03",
               "业主大会决议调整，2023年度起适用")],
    "statement_revisions": [("2022-12", "2023-01-16", "银行补发加盖业务章的对账单")],
}

SHUIAN_HUAYUAN = {
    "id": "shuian-huayuan", "prefix": "SAHY", "title": "水岸花园",
    "description": "水岸花园（安置小区）共有资金示例账目" + SAMPLE_NOTE
                   + "，参照公开报道中的信托制物业情况编制，金额与明细均为虚构。",
    "community": {
        "district": "武侯区", "subdistrict": "华兴街道", "neighborhood": "三河社区",
        "address": "武侯区华兴街道三河社区", "households": 2300, "floor_area_m2": 161000.0,
        "built_year": 2013, "trust_since": "2021-01-01",
        "trustee": "锦安物业服务有限公司（示例）",
        "supervisors": [
            {"role": "社区党委", "name": "三河社区党委"},
            {"role": "居民委员会", "name": "三河社区居民委员会"},
            {"role": "律师", "name": "正衡律师事务所（示例）"},
            {"role": "会计师", "name": "公信会计师事务所（示例）"}],
        "remuneration_rate": 0.1, "fee_standard": 0.6,
        "opening_balance": {"date": "2021-01-01", "amount": 86000.0},
        # The sample covers the months up to "until"; the rule ends with it.
        "disclosure": {"frequency": "monthly", "due_day": 10, "until": "2022-12"},
    },
    "ledger": ((2021, 1), (2022, 12)),
    "remuneration_base": "income",
    # Published: under 40% paid before the trust (2020: 38%), 98% in 2022.
    "fee_by_year": {2020: 0.6, 2021: 0.6, 2022: 0.6},
    "paid_by_year": {2020: 874, 2021: 1748, 2022: 2254},
    "public": {"parking": 21000, "advertising": 3600, "rent": 4800},
    "interest": (450, 1100), "insurance_month": 4, "statements": True,
    # Deliberate finding (b): the bank shows 1,200.00 more than the ledger this month.
    "statement_offsets": {"2022-09": 120000},
    "donations": [((2022, 1), "辖区共建单位（示例）", "春节慰问及邻里活动捐赠", 5000)],
    "extra": [],
    "resolutions": [
        ("SAHY-R-2020-01", "2020-11-29", "业主大会：同意采用信托制物业服务模式并选聘受托人",
         "trustee", 1392, 211, 164, True),
        ("SAHY-R-2020-02", "2020-12-27", "2021年度共有资金收支预算", "budget",
         1356, 175, 203, True),
        ("SAHY-R-2021-01", "2021-06-20", "秩序维护服务外包合同（门岗及夜间巡逻）", "contract",
         1288, 194, 236, True),
        ("SAHY-R-2021-02", "2021-12-26", "2022年度共有资金收支预算", "budget",
         1530, 142, 198, True),
        ("SAHY-R-2022-01", "2022-09-25", "增设电动自行车集中充电棚", "other",
         1602, 131, 177, False),
        ("SAHY-R-2022-02", "2022-12-25", "2023年度共有资金收支预算", "budget",
         1588, 120, 190, True),
    ],
}

JINHE_LVZHOU = {
    "id": "jinhe-lvzhou", "prefix": "JHLZ", "title": "金河绿洲",
    "description": "金河绿洲（安置小区）共有资金示例账目" + SAMPLE_NOTE
                   + "，参照公开报道编制，金额与明细均为虚构；受托人酬金为物业服务费的15%，"
                   "受托人将其酬金的30%捐赠给社区微基金，该捐赠不经共有资金账户。",
    "community": {
        "district": "双流区", "subdistrict": "九江街道", "neighborhood": "万家社区",
        "address": "双流区九江街道万家社区", "households": 1680, "floor_area_m2": 147800.0,
        "built_year": 2018, "trust_since": "2021-11-01",
        "trustee": "九和物业服务有限公司（示例）",
        "supervisors": [
            {"role": "社区党委", "name": "万家社区党委"},
            {"role": "居民委员会", "name": "万家社区居民委员会"},
            {"role": "律师", "name": "锦江律信律师事务所（示例）"},
            {"role": "会计师", "name": "衡信会计师事务所（示例）"}],
        "remuneration_rate": 0.15, "fee_standard": 0.9,
        "opening_balance": {"date": "2021-11-01", "amount": 30000.0},
        # The sample covers the months up to "until"; the rule ends with it.
        "disclosure": {"frequency": "monthly", "due_day": 10, "until": "2023-12"},
    },
    "ledger": ((2021, 11), (2023, 12)),
    # Published: 15% of the property fees (not of all income).
    "remuneration_base": "fee",
    "fee_by_year": {2020: 0.9, 2021: 0.9, 2022: 0.9, 2023: 0.9},
    "paid_by_year": {2020: 874, 2021: 974, 2022: 1529, 2023: 1596},
    "public": {"parking": 26000, "advertising": 4200, "rent": 5200},
    "interest": (300, 900), "insurance_month": 11, "statements": False,
    "donations": [((2022, 6), "辖区共建企业（示例）", "儿童游乐设施更新捐赠", 8000)],
    "extra": [],
    "resolutions": [
        ("JHLZ-R-2021-01", "2021-09-26",
         "通过公开招标选聘信托制物业受托人（受托人承诺将其酬金的30%捐赠社区微基金）",
         "trustee", 1105, 96, 121, True),
        ("JHLZ-R-2021-02", "2021-10-24", "2021年11—12月共有资金收支预算", "budget",
         1068, 87, 142, True),
        ("JHLZ-R-2021-03", "2021-12-19", "2022年度共有资金收支预算", "budget",
         1121, 90, 133, True),
        ("JHLZ-R-2022-01", "2022-04-17",
         "受托人酬金30%捐赠社区微基金的公示与监督办法（捐赠不经共有资金账户）",
         "other", 1187, 54, 101, True),
        ("JHLZ-R-2022-02", "2022-12-18", "2023年度共有资金收支预算", "budget",
         1203, 71, 118, True),
        ("JHLZ-R-2023-01", "2023-06-18", "地下车库照明节能改造合同", "contract",
         1096, 102, 157, False),
    ],
}

LANTIAN = {
    "id": "lantian", "prefix": "LT", "title": "蓝天小区",
    "description": "蓝天小区共有资金示例账目" + SAMPLE_NOTE
                   + "，参照公开报道中较早实行信托制物业的老旧小区编制，"
                     "街道、社区、地址、金额与明细均为虚构。",
    "community": {
        "district": "武侯区", "subdistrict": "示例街道", "neighborhood": "示例社区",
        "address": "武侯区（示例地址）", "households": 302, "floor_area_m2": 22800.0,
        "built_year": 1998, "trust_since": "2020-07-01",
        "trustee": "蓝信物业服务有限公司（示例）",
        "supervisors": [
            {"role": "社区党委", "name": "示例社区党委"},
            {"role": "居民委员会", "name": "示例社区居民委员会"},
            {"role": "律师", "name": "守正律师事务所（示例）"},
            {"role": "会计师", "name": "诚明会计师事务所（示例）"}],
        "remuneration_rate": 0.12, "fee_standard": 0.9,
        # The published sample ledger starts in 2022; earlier years are carried forward.
        "opening_balance": {"date": "2022-01-01", "amount": 68000.0},
        # Deliberate finding (d): the sample stops in 2023-12, so 2024-01 to 2024-03,
        # which the rule still covers, are overdue (逾期未公开).
        "disclosure": {"frequency": "monthly", "due_day": 10, "until": "2024-03"},
    },
    "ledger": ((2022, 1), (2023, 12)),
    "remuneration_base": "income",
    "fee_by_year": {2019: 0.9, 2020: 0.9, 2021: 0.9, 2022: 0.9, 2023: 0.9},
    "paid_by_year": {2019: 184, 2020: 211, 2021: 278, 2022: 290, 2023: 293},
    "public": {"parking": 4200, "advertising": 600, "rent": 1200},
    "interest": (120, 300), "insurance_month": 5, "statements": False,
    "share_overrides": {"repair": 0.10},  # an older estate spends more on repairs
    # Deliberate finding (a): the 2023 repair budget is overrun by about 35%.
    "budget_factors": {(2023, "repair"): 1 / 1.35},
    "donations": [((2023, 1), "辖区共建单位（示例）", "春节敬老慰问活动捐赠", 2000)],
    "extra": [
        {"month": (2023, 8), "day": 25, "category": "repair", "yuan": 9860.00,
         "vendor": "安居建筑修缮有限公司（示例）",
         "text": "电梯井道渗水防水维修（经业主表决同意的预算外紧急维修）"},
    ],
    "resolutions": [
        ("LT-R-2020-01", "2020-06-14", "业主大会：同意采用信托制物业服务模式并选聘受托人",
         "trustee", 221, 18, 14, True),
        ("LT-R-2021-01", "2021-12-19", "2022年度共有资金收支预算", "budget", 208, 16, 21, True),
        ("LT-R-2022-01", "2022-12-18", "2023年度共有资金收支预算", "budget", 212, 11, 19, True),
        ("LT-R-2023-01", "2023-08-13", "电梯井道渗水防水紧急维修（预算外支出）", "contract",
         198, 31, 22, True),
        ("LT-R-2023-02", "2023-12-17", "2024年度共有资金收支预算", "budget", 215, 14, 18, False),
    ],
}

COMMUNITIES: list[dict[str, Any]] = [FENGHUAYUAN, SHUIAN_HUAYUAN, JINHE_LVZHOU, LANTIAN]

# ---------------------------------------------------------------------------
# Small helpers. Money is kept in integer cents so sums are exact.
# ---------------------------------------------------------------------------


def money(cents: int) -> str:
    """Write cents as a plain amount with exactly two decimals, e.g. 43210.50."""
    return f"{cents // 100}.{cents % 100:02d}"


def yuan(cents: int) -> str:
    """Amount for people to read: thousands separators, e.g. 43,210.50."""
    return f"{cents // 100:,}.{cents % 100:02d}"


def to_cents(value: float) -> int:
    return int(round(value * 100))


def vary(rng: random.Random, cents: float, spread: float) -> int:
    """A month-to-month wobble of +-spread around a planned amount."""
    return to_cents(cents / 100 * rng.uniform(1 - spread, 1 + spread))


def split_cents(total: int, weights: list[float]) -> list[int]:
    """Split total into parts proportional to weights; the parts add up exactly."""
    scale = sum(weights)
    parts = [int(total * w / scale) for w in weights[:-1]]
    return parts + [total - sum(parts)]


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def ledger_months(cfg: dict) -> list[tuple[int, int]]:
    (y, m), end = cfg["ledger"]
    months = []
    while (y, m) <= end:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def month_key(d: date) -> str:
    return f"{d.year}-{d.month:02d}"


def rng_for(cfg: dict, purpose: str) -> random.Random:
    # One independent stream per community and purpose, so that changing one part
    # of the data does not reshuffle everything else.
    return random.Random(f"{SEED}/{cfg['id']}/{purpose}")


# ---------------------------------------------------------------------------
# Ledger generation
# ---------------------------------------------------------------------------


@dataclass
class Entry:
    date: date
    direction: str
    category: str
    cents: int
    counterparty: str
    description: str
    has_voucher: bool = True
    entry_id: str = ""
    budget_line: str = ""
    corrects: str = ""
    key: str = ""  # internal handle used to resolve a later correction
    corrects_key: str = ""

    @property
    def voucher(self) -> str:
        return f"vouchers/{self.entry_id}.png" if self.has_voucher else ""


@dataclass
class Build:
    """Everything worked out for one community while its ledger is generated."""
    cfg: dict
    rng: random.Random
    # year -> (households billed, households paid, cents billed, cents collected)
    collection: dict[int, tuple[int, int, int, int]]
    fee_by_month: dict[tuple[int, int], int] = field(default_factory=dict)
    targets: dict[int, dict[str, int]] = field(default_factory=dict)
    vendors: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)


def collection_table(cfg: dict) -> dict[int, tuple[int, int, int, int]]:
    """Fees billed and collected per year; households pay in full or not at all,
    except a few partial payments, hence the small shortfall factor."""
    rng, area, hh = rng_for(cfg, "collection"), cfg["community"]["floor_area_m2"], \
        cfg["community"]["households"]
    table = {}
    for year, paid in sorted(cfg["paid_by_year"].items()):
        billed = to_cents(cfg["fee_by_year"][year] * area * 12)
        collected = to_cents(billed / 100 * paid / hh * rng.uniform(0.985, 0.998))
        table[year] = (hh, paid, billed, collected)
    return table


def plan_fees(b: Build) -> None:
    """Spread each year's collected fees over the ledger months of that year.
    January is heavier because many owners pay the whole year up front."""
    by_year: dict[int, list[int]] = defaultdict(list)
    for y, m in ledger_months(b.cfg):
        by_year[y].append(m)
    for year, months in by_year.items():
        total = b.collection[year][3] * len(months) // 12
        weights = [(1.6 if m == 1 else 1.0) * b.rng.uniform(0.85, 1.15) for m in months]
        for m, cents in zip(months, split_cents(total, weights), strict=True):
            b.fee_by_month[(year, m)] = cents


def plan_targets(b: Build) -> None:
    """Yearly spending targets: a share of the planned income net of remuneration."""
    public = 12 * 100 * sum(b.cfg["public"].values())
    rate = b.cfg["community"]["remuneration_rate"]
    shares = {**EXPENSE_SHARES, **b.cfg.get("share_overrides", {})}
    for year in sorted({y for y, _ in ledger_months(b.cfg)}):
        fee = b.collection[year][3]
        base = fee if b.cfg["remuneration_base"] == "fee" else fee + public
        net = fee + public - base * rate
        b.targets[year] = {cat: int(net * share) for cat, share in shares.items()}


def choose_vendors(b: Build) -> None:
    # Each community keeps its contractors for the whole period.
    for cat, names in VENDORS.items():
        b.vendors[cat] = b.rng.choice(names)


def add(out: list[Entry], d: date, cat: str, cents: int, party: str, text: str,
        voucher: bool = True) -> None:
    out.append(Entry(d, CATEGORY[cat][3], cat, cents, party, text, voucher))


def income_entries(b: Build, y: int, m: int) -> list[Entry]:
    rng, cfg = b.rng, b.cfg
    out: list[Entry] = []
    label = f"{y}年{m}月"
    add(out, date(y, m, rng.randint(25, 28)), "fee", b.fee_by_month[(y, m)], OWNERS,
        f"{label}物业服务费收入（业主缴费按月汇总）")
    add(out, date(y, m, rng.randint(3, 8)), "parking", vary(rng, cfg["public"]["parking"] * 100,
        0.1), "业主及访客车辆（按月汇总）", f"{label}公共停车位停车费收入")
    add(out, date(y, m, rng.randint(8, 12)), "advertising",
        vary(rng, cfg["public"]["advertising"] * 100, 0.15), b.vendors["advertising"],
        f"{label}电梯轿厢及公示栏广告位收益")
    # Rent follows a contract: fixed within a year, 3% more each year.
    rent = to_cents(cfg["public"]["rent"] * 1.03 ** (y - cfg["ledger"][0][0]))
    add(out, date(y, m, 5), "rent", rent, b.vendors["rent"], f"{label}公共用房租金")
    if m % 3 == 0:  # banks settle interest on the 21st of the last month of a quarter
        add(out, date(y, m, 21), "interest", rng.randint(*cfg["interest"]) * 100
            + rng.randint(0, 99), BANK, f"{y}年第{m // 3}季度活期存款利息", voucher=False)
    if rng.random() < 0.25:
        party, text = rng.choice(OTHER_INCOME)
        add(out, date(y, m, rng.randint(10, 24)), "other-income",
            rng.randint(150, 1200) * 100, party, f"{label}{text}")
    for (dy, dm), party, text, amount in cfg["donations"]:
        if (dy, dm) == (y, m):
            add(out, date(y, m, 12), "donation-in", amount * 100, party, text)
    return out


def monthly(b: Build, y: int, cat: str) -> int:
    return b.targets[y][cat] // 12


GREENING_SEASON = [0.8, 0.8, 1.1, 1.2, 1.2, 1.2, 1.1, 1.1, 1.0, 0.9, 0.8, 0.8]
POWER_SEASON = [1.1, 1.05, 0.95, 0.9, 0.95, 1.05, 1.2, 1.2, 1.0, 0.9, 0.85, 0.85]


def contract_entries(b: Build, y: int, m: int) -> list[Entry]:
    """Wages and the monthly service contracts: steady amounts on fixed days."""
    rng, label = b.rng, f"{y}年{m}月"
    out: list[Entry] = []
    wages = vary(rng, monthly(b, y, "staff") * 0.78, 0.02)
    add(out, date(y, m, 10), "staff", wages, STAFF_WAGES, f"{label}物业服务中心员工工资")
    add(out, date(y, m, 15), "staff", int(monthly(b, y, "staff") * 0.22), STAFF_SOCIAL,
        f"{label}员工社会保险（单位缴纳部分）")
    for cat, text, day in (("cleaning", "保洁服务费", 6), ("security", "秩序维护服务费", 6),
                           ("elevator", "电梯维保费", 8)):
        add(out, date(y, m, day), cat, monthly(b, y, cat) // 100 * 100, b.vendors[cat],
            f"{label}{text}（按合同）")
    greening = to_cents(monthly(b, y, "greening") / 100 * GREENING_SEASON[m - 1])
    add(out, date(y, m, 7), "greening", greening, b.vendors["greening"], f"{label}绿化养护费")
    power = monthly(b, y, "utilities") * POWER_SEASON[m - 1]
    for (party, text, share), day in zip(UTILITIES, (18, 20), strict=True):
        add(out, date(y, m, day), "utilities", vary(rng, power * share, 0.06), party,
            f"{label}{text}")
    return out


def occasional_entries(b: Build, y: int, m: int) -> list[Entry]:
    """Repairs, office costs, activities and the yearly bills."""
    rng, t = b.rng, b.targets[y]
    out: list[Entry] = []
    jobs = rng.sample(REPAIR_JOBS, rng.randint(1, 3))
    total = vary(rng, monthly(b, y, "repair"), 0.3)
    weights = [rng.uniform(0.5, 1.5) for _ in jobs]
    for job, cents in zip(jobs, split_cents(total, weights), strict=True):
        add(out, date(y, m, rng.randint(3, 27)), "repair", cents,
            rng.choice(VENDORS["repair"]), job)
    if rng.random() < 0.7:
        add(out, date(y, m, rng.randint(3, 27)), "office",
            vary(rng, monthly(b, y, "office") / 0.7, 0.3), rng.choice(VENDORS["office"]),
            rng.choice(OFFICE_JOBS))
    if m in ACTIVITIES:
        add(out, date(y, m, rng.randint(5, 25)), "community",
            vary(rng, t["community"] / len(ACTIVITIES), 0.15), b.vendors["community"],
            ACTIVITIES[m])
    out.extend(yearly_entries(b, y, m))
    return out


def yearly_entries(b: Build, y: int, m: int) -> list[Entry]:
    cfg, t = b.cfg, b.targets[y]
    out: list[Entry] = []
    lawyer, accountant = (s["name"] for s in cfg["community"]["supervisors"][2:4])
    if m == cfg["insurance_month"]:
        add(out, date(y, m, 9), "insurance", t["insurance"] // 100 * 100, b.vendors["insurance"],
            f"{y}—{y + 1}年度公众责任保险保费")
    if m == 1:
        add(out, date(y, m, 14), "audit", int(t["audit"] * 0.4) // 100 * 100, lawyer,
            f"{y}年度常年法律顾问费")
    if m == 4:
        before_trust = date(y - 1, 12, 31) < date.fromisoformat(cfg["community"]["trust_since"])
        text = ("信托制实施前账目移交审计费" if before_trust
                else f"{y - 1}年度共有资金收支专项审计费")
        add(out, date(y, m, 22), "audit", int(t["audit"] * 0.6) // 100 * 100, accountant, text)
    if m % 3 == 0:
        add(out, date(y, m, 21), "other-expense", vary(b.rng, t["other-expense"] / 4, 0.2),
            BANK, f"{y}年第{m // 3}季度银行账户管理费及转账手续费")
    return out


TAX_OFFICES = {"武侯区": "国家税务总局成都市武侯区税务局",
               "双流区": "国家税务总局成都市双流区税务局"}


def tax_entry(b: Build, y: int, m: int, income: list[Entry]) -> Entry:
    # VAT and surcharges are declared on the month's public revenue.
    public = sum(e.cents for e in income if e.category in ("parking", "advertising", "rent"))
    office = TAX_OFFICES[b.cfg["community"]["district"]]
    return Entry(date(y, m, 15), "expense", "tax", int(public * TAX_RATE), office,
                 f"{y}年{m}月增值税及附加（公共收益部分）")



def remuneration_entry(b: Build, y: int, m: int, income: list[Entry]) -> Entry:
    """The trustee's share of the month's income (or of the fees only, where the
    trust deed says so), truncated to the cent so a year's total never exceeds the
    agreed rate applied to the year's income."""
    cfg = b.cfg
    base = [e for e in income if cfg["remuneration_base"] == "income" or e.category == "fee"]
    pct = round(cfg["community"]["remuneration_rate"] * 100)
    cents = sum(e.cents for e in base) * pct // 100
    what = "物业服务费收入" if cfg["remuneration_base"] == "fee" else "共有资金收入"
    return Entry(date(y, m, last_day(y, m)), "expense", "remuneration", cents,
                 cfg["community"]["trustee"], f"{y}年{m}月受托人酬金（按当月{what}的{pct}%计提）")


def extra_entries(b: Build, y: int, m: int) -> list[Entry]:
    """One-off entries that carry the deliberate sample findings."""
    out = []
    for x in b.cfg["extra"]:
        if x["month"] == (y, m):
            e = Entry(date(y, m, x["day"]), "expense", x["category"], to_cents(x["yuan"]),
                      x["vendor"], x["text"])
            e.key, e.corrects_key = x.get("key", ""), x.get("corrects_key", "")
            out.append(e)
    return out


def month_entries(b: Build, y: int, m: int) -> list[Entry]:
    income = income_entries(b, y, m)
    expense = contract_entries(b, y, m) + occasional_entries(b, y, m) + extra_entries(b, y, m)
    expense.append(tax_entry(b, y, m, income))
    expense.append(remuneration_entry(b, y, m, income))
    return income + expense


def assign_ids(b: Build, y: int, m: int, entries: list[Entry]) -> list[Entry]:
    """Number the month's entries in date order; the sort is stable, so entries of
    the same day keep the order in which they were generated."""
    ordered = sorted(entries, key=lambda e: e.date)
    keyed = {e.key: e for e in b.entries if e.key}
    for seq, e in enumerate(ordered, start=1):
        e.entry_id = f"{b.cfg['prefix']}-{y}-{m:02d}-{seq:03d}"
        if e.corrects_key:
            e.corrects = keyed[e.corrects_key].entry_id
            e.description = e.description.format(ref=e.corrects)
    return ordered


def build_ledger(cfg: dict) -> Build:
    b = Build(cfg, rng_for(cfg, "ledger"), collection_table(cfg))
    choose_vendors(b)
    plan_fees(b)
    plan_targets(b)
    for y, m in ledger_months(cfg):
        b.entries.extend(assign_ids(b, y, m, month_entries(b, y, m)))
    return b


def counted(entries: list[Entry]) -> list[Entry]:
    """Entries that count: one replaced by a correction no longer does."""
    replaced = {e.corrects for e in entries if e.corrects}
    return [e for e in entries if e.entry_id not in replaced]


def month_end_balances(cfg: dict, entries: list[Entry]) -> dict[str, int]:
    balance = to_cents(cfg["community"]["opening_balance"]["amount"])
    by_month: dict[str, int] = defaultdict(int)
    for e in counted(entries):
        by_month[month_key(e.date)] += e.cents if e.direction == "income" else -e.cents
    result = {}
    for y, m in ledger_months(cfg):
        balance += by_month[f"{y}-{m:02d}"]
        result[f"{y}-{m:02d}"] = balance
    return result


# ---------------------------------------------------------------------------
# Budget, resolutions, collection, statements
# ---------------------------------------------------------------------------

UNBUDGETED = {"donation-in", "other-income"}  # windfalls are not planned for


def round_budget(cents: float) -> int:
    """Budgets are round figures: whole tens of yuan, whole hundreds above 10,000."""
    step = 10_000 if cents >= 1_000_000 else 1_000
    return max(step, int(round(cents / step)) * step)


def budget_rows(b: Build) -> list[dict]:
    """One line per category used in the year, set close to what was then spent
    (within a few per cent), except where the sample deliberately overruns."""
    rng = rng_for(b.cfg, "budget")
    actual: dict[tuple[int, str], int] = defaultdict(int)
    for e in counted(b.entries):
        actual[(e.date.year, e.category)] += e.cents
    rows: list[dict] = []
    for year in sorted({y for y, _ in actual}):
        used = sorted((c for y, c in actual if y == year and c not in UNBUDGETED),
                      key=lambda c: (CATEGORY[c][3] == "expense", CATEGORY_ORDER[c]))
        counters = {"income": 0, "expense": 0}
        for cat in used:
            direction = CATEGORY[cat][3]
            counters[direction] += 1
            cents = line_amount(b, rng, (year, cat), actual[(year, cat)], rows)
            line_id = f"{direction[0].upper()}{counters[direction]:02d}"
            rows.append({"year": year, "line_id": line_id, "direction": direction,
                         "category": cat, "item": BUDGET_ITEMS[cat], "cents": cents,
                         "note": budget_note(b.cfg, year, cat)})
    return rows


def line_amount(b: Build, rng: random.Random, key: tuple[int, str], actual: int,
                rows: list[dict]) -> int:
    """A budget line near the actual figure; the remuneration line is the agreed
    rate applied to the budgeted income (income lines come first in rows)."""
    year, cat = key
    if cat == "remuneration":
        base = sum(r["cents"] for r in rows if r["year"] == year and r["direction"] == "income"
                   and (b.cfg["remuneration_base"] == "income" or r["category"] == "fee"))
        return round_budget(base * b.cfg["community"]["remuneration_rate"])
    factor = b.cfg.get("budget_factors", {}).get(key) or rng.uniform(0.95, 1.05)
    return round_budget(actual * factor)


def budget_note(cfg: dict, year: int, cat: str) -> str:
    first_year, first_month = cfg["ledger"][0]
    if year == first_year and first_month > 1:
        return f"{year}年{first_month}—12月，共{13 - first_month}个月（信托制实施首年）"
    if cat == "remuneration":
        base = "物业服务费" if cfg["remuneration_base"] == "fee" else "预算收入"
        return f"按{base}的{round(cfg['community']['remuneration_rate'] * 100)}%测算"
    return ""


def link_budget_lines(b: Build, rows: list[dict]) -> None:
    lines = {(r["year"], r["category"]): r["line_id"] for r in rows}
    for e in b.entries:
        e.budget_line = lines.get((e.date.year, e.category), "")


def resolution_rows(cfg: dict) -> list[dict]:
    eligible = cfg["community"]["households"]  # one vote per household in these samples
    rows = []
    for rid, day, title, kind, yes, no, abstain, has_doc, *corrects in cfg["resolutions"]:
        rows.append({"resolution_id": rid, "date": day, "title": title, "kind": kind,
                     "votes_for": yes, "votes_against": no, "abstentions": abstain,
                     "eligible": eligible, "document": f"documents/{rid}.pdf" if has_doc else "",
                     "corrects": corrects[0] if corrects else ""})
    return rows


def statement_rows(b: Build) -> list[dict]:
    """The bank's month-end balances for the last 12 ledger months."""
    if not b.cfg["statements"]:
        return []
    balances = month_end_balances(b.cfg, b.entries)
    offsets = b.cfg.get("statement_offsets", {})
    rows = [{"month": month, "cents": balances[month] + offsets.get(month, 0),
             "document": f"documents/statement-{month}.pdf", "revised": "", "note": ""}
            for month in list(balances)[-12:]]
    for month, revised, note in b.cfg.get("statement_revisions", []):  # the bank reissued it
        first = next(s for s in rows if s["month"] == month)
        rows.append({**first, "document": f"documents/statement-{month}-r1.pdf",
                     "revised": revised, "note": note})
    return rows


# ---------------------------------------------------------------------------
# Writing tables
# ---------------------------------------------------------------------------

LEDGER_COLUMNS = ["entry_id", "date", "direction", "category", "amount", "counterparty",
                  "description", "voucher", "budget_line", "corrects"]
BUDGET_COLUMNS = ["year", "line_id", "direction", "category", "item", "amount", "note"]
RESOLUTION_COLUMNS = ["resolution_id", "date", "title", "kind", "votes_for", "votes_against",
                      "abstentions", "eligible", "document"]
COLLECTION_COLUMNS = ["year", "households_billed", "households_paid", "amount_billed",
                      "amount_collected"]
STATEMENT_COLUMNS = ["month", "closing_balance", "document"]
# Columns added to the tables later (the schemas' "x-optional"): written only by the
# communities that use them, so that the others show a package written before them.
LATER = {"budget": ["adjusts", "resolution"], "resolutions": ["corrects"],
         "statements": ["revised", "note"]}
TERM_COLUMNS = ["term_id", "term", "value", "effective", "resolution", "note"]


def columns_of(cfg: dict, table: str, columns: list[str]) -> list[str]:
    used = {"budget": "budget_adjustments", "statements": "statement_revisions"}.get(table)
    if table == "resolutions":
        later = any(len(r) > 8 for r in cfg["resolutions"])
    else:
        later = bool(cfg.get(used or "", []))
    return columns + LATER[table] if later else columns


def write_csv(path: Path, columns: list[str], rows: list[list]) -> None:
    # UTF-8 without BOM and LF line endings, as the portal's schemas expect.
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else str(v) for v in row] for row in rows])


def write_categories() -> None:
    write_csv(DATASETS / "codelists" / "categories.csv",
              ["code", "name_zh", "name_en", "direction", "parent"], [list(c) for c in CATEGORIES])


def write_tables(b: Build, folder: Path, budget: list[dict], statements: list[dict]) -> None:
    write_csv(folder / "ledger.csv", LEDGER_COLUMNS, [
        [e.entry_id, e.date.isoformat(), e.direction, e.category, money(e.cents),
         e.counterparty, e.description, e.voucher, e.budget_line, e.corrects]
        for e in b.entries])
    columns = columns_of(b.cfg, "budget", BUDGET_COLUMNS)
    write_csv(folder / "budget.csv", columns, [
        [r["year"], r["line_id"], r["direction"], r["category"], r["item"], money(r["cents"]),
         r["note"], r.get("adjusts", ""), r.get("resolution", "")][:len(columns)]
        for r in budget + adjustment_rows(b.cfg, budget)])
    columns = columns_of(b.cfg, "resolutions", RESOLUTION_COLUMNS)
    write_csv(folder / "resolutions.csv", columns,
              [[r[c] for c in columns] for r in resolution_rows(b.cfg)])
    if b.cfg.get("terms"):
        write_csv(folder / "terms.csv", TERM_COLUMNS, [list(t) for t in b.cfg["terms"]])
    write_csv(folder / "collection.csv", COLLECTION_COLUMNS, [
        [year, hh, paid, money(billed), money(collected)]
        for year, (hh, paid, billed, collected) in sorted(b.collection.items())])
    if statements:
        columns = columns_of(b.cfg, "statements", STATEMENT_COLUMNS)
        write_csv(folder / "statements.csv", columns, [
            [s["month"], money(s["cents"]), s["document"], s["revised"], s["note"]][:len(columns)]
            for s in statements])


def adjustment_rows(cfg: dict, budget: list[dict]) -> list[dict]:
    """Budget lines adjusted by a resolution: each a line of its own naming the line."""
    rows = []
    for year, line_id, adjusts, cents, resolution, item in cfg.get("budget_adjustments", []):
        original = next(r for r in budget if (r["year"], r["line_id"]) == (year, adjusts))
        rows.append({**original, "line_id": line_id, "item": item, "cents": cents, "note": "",
                     "adjusts": adjusts, "resolution": resolution})
    return rows


def write_descriptor(cfg: dict, folder: Path, has_statements: bool) -> None:
    names = ["ledger", "budget", "resolutions", "collection"]
    names += ["statements"] if has_statements else []
    names += ["terms"] if cfg.get("terms") else []
    descriptor = {
        "name": cfg["id"], "title": cfg["title"], "description": cfg["description"],
        "sample": True, "community": cfg["community"],
        "resources": [{"name": n, "path": f"{n}.csv"} for n in names],
    }
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------
# Vouchers (PNG) and documents (PDF)
# ---------------------------------------------------------------------------

VOUCHER_SIZE = (360, 220)
GREYS = [0, 85, 170, 255]  # a 4-grey palette (2 bits a pixel) keeps each PNG near 3 KB
GREY_LUT = [min(3, round(v / 85)) for v in range(256)]


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc"
    return ImageFont.truetype(str(FONT_DIR / name), size, index=FONT_FACE_SC)


def fit(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    """Shorten text with an ellipsis until it fits the width in pixels."""
    if draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(text + "…", font=face) > width:
        text = text[:-1]
    return text + "…"


def to_palette(image: Image.Image) -> Image.Image:
    """Store a grey image as a 4-colour palette image (PNG with 2 bits a pixel)."""
    out = image.point(GREY_LUT).convert("P")
    out.putpalette([g for grey in GREYS for g in (grey, grey, grey)])
    return out


def voucher_rows(cfg: dict, e: Entry) -> list[tuple[str, str]]:
    _, name_zh, name_en = CATEGORY[e.category][:3]
    return [("编号", e.entry_id), ("日期", e.date.isoformat()),
            ("科目", f"{name_zh} {name_en}"), ("金额", f"¥ {yuan(e.cents)}"),
            ("对方", e.counterparty), ("摘要", e.description)]


def draw_voucher(cfg: dict, e: Entry, path: Path) -> None:
    image = Image.new("L", VOUCHER_SIZE, 255)
    draw = ImageDraw.Draw(image)
    draw.fontmode = "1"  # hinted, unsmoothed glyphs: crisp at 14 px and half the PNG size
    width, height = VOUCHER_SIZE
    draw.rectangle([3, 3, width - 4, height - 4], outline=0, width=2)
    draw.text((14, 9), "示例凭证 SAMPLE", font=font(18, bold=True), fill=0)
    kind = "收款凭证" if e.direction == "income" else "付款凭证"
    draw.text((width - 14, 10), cfg["title"], font=font(14, bold=True), fill=0, anchor="ra")
    draw.text((width - 14, 28), kind, font=font(12), fill=85, anchor="ra")
    draw.line([12, 47, width - 12, 47], fill=85)
    for i, (label, value) in enumerate(voucher_rows(cfg, e)):
        y = 54 + i * 26
        face = font(14, bold=label == "金额")
        draw.text((16, y), label, font=font(14), fill=85)
        draw.text((60, y), fit(draw, value, face, width - 76), font=face, fill=0)
    to_palette(image).save(path, "PNG", optimize=True)


PAGE_SIZE = (827, 1169)  # A4 at 100 dpi; 1-bit pages compress to a few KB in a PDF


def wrap(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont,
         width: int) -> list[str]:
    """Break Chinese text into lines character by character."""
    lines, line = [], ""
    for char in text:
        if draw.textlength(line + char, font=face) > width:
            lines.append(line)
            line = ""
        line += char
    return lines + [line]


def draw_document(path: Path, heading: str, title: str, lines: list[str]) -> None:
    page = Image.new("L", PAGE_SIZE, 255)
    draw = ImageDraw.Draw(page)
    draw.fontmode = "1"  # the page ends up 1-bit anyway; hinted glyphs survive that best
    draw.rectangle([40, 40, PAGE_SIZE[0] - 41, PAGE_SIZE[1] - 41], outline=0, width=3)
    draw.text((80, 80), "示例 SAMPLE", font=font(48, bold=True), fill=0)
    draw.text((80, 150), "本文件为演示用示例数据，不是真实文件。Sample document for demonstration "
              "only.", font=font(16), fill=0)
    draw.text((80, 210), heading, font=font(22), fill=0)
    y = 250
    for line in wrap(draw, title, font(28, bold=True), PAGE_SIZE[0] - 160):
        draw.text((80, y), line, font=font(28, bold=True), fill=0)
        y += 44
    draw.line([80, y + 10, PAGE_SIZE[0] - 80, y + 10], fill=0, width=2)
    for i, line in enumerate(lines):
        draw.text((80, y + 40 + i * 40), line, font=font(22), fill=0)
    page = page.point(lambda v: 0 if v < 128 else 255).convert("1")
    # creationDate/modDate None: Pillow then writes no dates, so reruns are identical.
    page.save(path, "PDF", resolution=100, title=f"示例 SAMPLE {title}",
              creationDate=None, modDate=None)


KIND_NAMES = {"budget": "预算", "fee": "收费标准", "contract": "合同", "trustee": "受托人",
              "rules": "议事规则", "common-use": "共有部分经营", "other": "其他"}


def write_resolution_documents(cfg: dict, folder: Path) -> None:
    for r in resolution_rows(cfg):
        if not r["document"]:
            continue
        heading = f"{cfg['title']} · 业主大会表决结果公告"
        draw_document(folder / r["document"], heading, r["title"], [
            f"决议编号：{r['resolution_id']}", f"表决日期：{r['date']}",
            f"事项类型：{KIND_NAMES[r['kind']]}",
            f"同意 {r['votes_for']} 票，反对 {r['votes_against']} 票，弃权 {r['abstentions']} 票",
            f"有表决权总票数：{r['eligible']} 票（一户一票）",
            "监督单位：" + "、".join(s["name"] for s in cfg["community"]["supervisors"][:2])])


def write_statement_documents(cfg: dict, folder: Path, statements: list[dict]) -> None:
    for s in statements:
        year, month = s["month"].split("-")
        reissued = [f"补发日期：{s['revised']}（{s['note']}）"] if s["revised"] else []
        draw_document(folder / s["document"], f"{cfg['title']} · 共有资金账户",
                      f"银行对账单 {year}年{int(month)}月" + ("（补发）" if reissued else ""), [
                          f"户名：{cfg['title']}业主共有资金账户（示例）",
                          f"开户银行：{BANK}（示例，不显示账号）",
                          f"对账月份：{s['month']}",
                          f"月末余额：¥ {yuan(s['cents'])}", *reissued])


def write_vouchers(b: Build, folder: Path) -> None:
    (folder / "vouchers").mkdir(parents=True, exist_ok=True)
    for e in b.entries:
        if e.has_voucher:
            draw_voucher(b.cfg, e, folder / e.voucher)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def write_community(cfg: dict) -> None:
    folder = DATASETS / "communities" / cfg["id"]
    hand = hand_written(cfg, folder)
    if folder.exists():
        shutil.rmtree(folder)  # start clean so no stale voucher survives a rerun
    (folder / "documents").mkdir(parents=True)
    b = build_ledger(cfg)
    budget = budget_rows(b)
    link_budget_lines(b, budget)
    statements = statement_rows(b)
    write_tables(b, folder, budget, statements)
    write_descriptor(cfg, folder, bool(statements))
    write_vouchers(b, folder)
    write_resolution_documents(cfg, folder)
    write_statement_documents(cfg, folder, statements)
    restore(folder, hand)


# ---------------------------------------------------------------------------
# The registers (assets, questions, parties) and the votes and terms written with them
# were written by hand, not generated: a rerun keeps them as they are.
# ---------------------------------------------------------------------------

REGISTERS = ("assets", "questions", "parties")


def hand_written(cfg: dict, folder: Path) -> dict[str, bytes]:
    """The files, and the rows of resolutions.csv and terms.csv, that the configuration
    does not generate, by file name (rows as CSV text without a header)."""
    kept: dict[str, bytes] = {}
    if not folder.is_dir():
        return kept
    generated = {"resolutions.csv": {r[0] for r in cfg["resolutions"]},
                 "terms.csv": {t[0] for t in cfg.get("terms", [])}}
    for name, ids in generated.items():
        if (folder / name).is_file():
            rows = list(csv.reader((folder / name).read_text(encoding="utf-8").splitlines()))
            out = io.StringIO()  # quoted as write_csv quotes: the csv module's minimal quoting
            csv.writer(out, lineterminator="\n").writerows(r for r in rows[1:] if r[0] not in ids)
            kept[name] = out.getvalue().encode("utf-8")
            kept["header:" + name] = ",".join(rows[0]).encode("utf-8")
    for register in REGISTERS:
        path = folder / f"{register}.csv"
        if path.is_file():
            kept[path.name] = path.read_bytes()
            for row in csv.DictReader(path.read_text(encoding="utf-8").splitlines()):
                if row.get("contract"):
                    kept[row["contract"]] = (folder / row["contract"]).read_bytes()
    return kept


def restore(folder: Path, kept: dict[str, bytes]) -> None:
    """Put the hand-written rows and files back, and list the registers as resources."""
    for name in ("resolutions.csv", "terms.csv"):
        if not kept.get(name):
            continue
        header = kept["header:" + name].decode("utf-8")
        text = (folder / name).read_text(encoding="utf-8") if (folder / name).is_file() \
            else header + "\n"
        lines = text.splitlines()
        width = len(header.split(",")) - len(lines[0].split(","))
        lines = [header, *(line + "," * width for line in lines[1:])]
        (folder / name).write_text("\n".join(lines) + "\n" + kept[name].decode("utf-8"),
                                   encoding="utf-8")
    for name, data in kept.items():
        if not name.startswith("header:") and name not in ("resolutions.csv", "terms.csv"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    listed = [r["name"] for r in descriptor["resources"]]
    extra = [n for n in ("terms", *REGISTERS)
             if n not in listed and (folder / f"{n}.csv").is_file()]
    descriptor["resources"] += [{"name": n, "path": f"{n}.csv"} for n in extra]
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        write_categories()
        for cfg in COMMUNITIES:
            write_community(cfg)
    problems = self_check()
    for line in summary():
        print(line)
    for p in problems:
        print("PROBLEM:", p)
    print("self-check:", "FAILED" if problems else "ok")
    return 1 if problems else 0


# ---------------------------------------------------------------------------
# Self-check: re-reads the written files, the way the portal's validator would
# ---------------------------------------------------------------------------

AMOUNT = re.compile(r"^\d+\.\d{2}$")
UNSAFE_START = ("=", "+", "-", "@")
LONG_NUMBER = re.compile(r"\d{11,}")  # phone, ID card or bank card numbers
BUDGET_TOLERANCE = 0.10
EXPECTED_OVERRUNS = {("lantian", 2023, "repair")}
EXPECTED_MISMATCHES = {("shuian-huayuan", "2022-09")}


def read_csv(path: Path, columns: list[str], problems: list[str]) -> list[dict]:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw:
        problems.append(f"{path}: BOM or CR line ending")
    rows = list(csv.reader(raw.decode("utf-8").splitlines()))
    if rows[0] != columns:
        problems.append(f"{path}: header {rows[0]} != {columns}")
    for row in rows[1:]:
        for cell in row:
            if cell.startswith(UNSAFE_START) or LONG_NUMBER.search(cell):
                problems.append(f"{path}: unsafe text {cell!r}")
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def cents_of(text: str, where: str, problems: list[str]) -> int:
    if not AMOUNT.match(text):
        problems.append(f"{where}: amount {text!r} is not written with 2 decimals")
        return 0
    whole, frac = text.split(".")
    return int(whole) * 100 + int(frac)


@dataclass
class Loaded:
    id: str
    folder: Path
    descriptor: dict
    ledger: list[dict]
    budget: list[dict]
    resolutions: list[dict]
    collection: list[dict]
    statements: list[dict]


def load_community(folder: Path, problems: list[str]) -> Loaded:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    if list(descriptor) != ["name", "title", "description", "sample", "community", "resources"]:
        problems.append(f"{folder}: datapackage keys out of order")
    listed = [r["name"] for r in descriptor["resources"]]
    has_statements = (folder / "statements.csv").exists()
    cfg = next(c for c in COMMUNITIES if c["id"] == folder.name)
    generated = [n for n in listed if n not in ("terms", *REGISTERS)]
    if generated != ["ledger", "budget", "resolutions", "collection"] + (
            ["statements"] if has_statements else []):
        problems.append(f"{folder}: resources {listed}")

    def read(name: str, columns: list[str]) -> list[dict]:
        if name in LATER:
            columns = columns_of(cfg, name, columns)
        if name == "resolutions":  # widened for the hand-written votes by floor area
            header = (folder / "resolutions.csv").read_text(encoding="utf-8").split("\n", 1)[0]
            columns = header.split(",") if header.startswith(",".join(columns)) else columns
        return read_csv(folder / f"{name}.csv", columns, problems)

    return Loaded(folder.name, folder, descriptor, read("ledger", LEDGER_COLUMNS),
                  read("budget", BUDGET_COLUMNS), read("resolutions", RESOLUTION_COLUMNS),
                  read("collection", COLLECTION_COLUMNS),
                  read("statements", STATEMENT_COLUMNS) if has_statements else [])


def check_ledger_rows(c: Loaded, problems: list[str]) -> None:
    opening = date.fromisoformat(c.descriptor["community"]["opening_balance"]["date"])
    budget = {(r["year"], r["line_id"]): r["category"] for r in c.budget}
    ids = [r["entry_id"] for r in c.ledger]
    if len(set(ids)) != len(ids):
        problems.append(f"{c.id}: duplicate entry ids")
    for r in c.ledger:
        where, d = f"{c.id} {r['entry_id']}", date.fromisoformat(r["date"])
        code = CATEGORY.get(r["category"])
        if code is None or code[3] != r["direction"]:
            problems.append(f"{where}: category/direction {r['category']}/{r['direction']}")
        if cents_of(r["amount"], where, problems) <= 0 or not opening <= d <= LAST_DATE:
            problems.append(f"{where}: amount not positive or date out of range")
        if r["direction"] == "expense" and not r["voucher"]:
            problems.append(f"{where}: expense without voucher")
        if r["voucher"] and not (c.folder / r["voucher"]).is_file():
            problems.append(f"{where}: voucher file missing")
        if r["budget_line"] and budget.get((str(d.year), r["budget_line"])) != r["category"]:
            problems.append(f"{where}: budget line {r['budget_line']} not of {d.year}/category")
        if r["corrects"] and (r["corrects"] not in ids
                              or not r["description"].startswith("更正：")):
            problems.append(f"{where}: bad correction")


def counted_rows(c: Loaded) -> list[dict]:
    replaced = {r["corrects"] for r in c.ledger if r["corrects"]}
    return [r for r in c.ledger if r["entry_id"] not in replaced]


def signed(r: dict) -> int:
    value = cents_of(r["amount"], r["entry_id"], [])
    return value if r["direction"] == "income" else -value


def check_months(c: Loaded, problems: list[str]) -> None:
    """Consecutive months, 12-25 entries each, one remuneration each, positive balance."""
    months = sorted({r["date"][:7] for r in c.ledger})
    expected = [f"{y}-{m:02d}" for y, m in ledger_months({"ledger": (
        tuple(map(int, months[0].split("-"))), tuple(map(int, months[-1].split("-"))))})]
    if months != expected or len(months) < 24:
        problems.append(f"{c.id}: months not consecutive or fewer than 24")
    balance = to_cents(c.descriptor["community"]["opening_balance"]["amount"])
    live = counted_rows(c)
    for month in months:
        rows = [r for r in c.ledger if r["date"][:7] == month]
        if not 12 <= len(rows) <= 25:
            problems.append(f"{c.id} {month}: {len(rows)} entries")
        if sum(r["category"] == "remuneration" for r in rows) != 1:
            problems.append(f"{c.id} {month}: not exactly one remuneration entry")
        balance += sum(signed(r) for r in live if r["date"][:7] == month)
        if balance <= 0:
            problems.append(f"{c.id} {month}: balance {money(balance)} not positive")


def check_remuneration(c: Loaded, problems: list[str]) -> None:
    rate = c.descriptor["community"]["remuneration_rate"]
    pct = round(rate * 100)
    years = sorted({r["date"][:4] for r in c.ledger})
    for year in years:
        rows = [r for r in counted_rows(c) if r["date"].startswith(year)]
        income = sum(signed(r) for r in rows if r["direction"] == "income")
        taken = -sum(signed(r) for r in rows if r["category"] == "remuneration")
        if taken * 100 > income * pct:
            problems.append(f"{c.id} {year}: remuneration {money(taken)} > {rate} x income")


def budget_overruns(c: Loaded, problems: list[str]) -> set[tuple[str, int, str]]:
    """Expense categories outside +-10% of their budget line; returns the overruns."""
    spent: dict[tuple[int, str], int] = defaultdict(int)
    for r in counted_rows(c):
        if r["direction"] == "expense":
            spent[(int(r["date"][:4]), r["category"])] -= signed(r)
    planned = {(int(r["year"]), r["category"]): cents_of(r["amount"], c.id, problems)
               for r in c.budget}
    overruns = set()
    for key, actual in sorted(spent.items()):
        plan = planned.get(key)
        if plan is None:
            problems.append(f"{c.id} {key}: expense category without a budget line")
        elif actual > plan * (1 + BUDGET_TOLERANCE):
            overruns.add((c.id, *key))
        elif actual < plan * (1 - BUDGET_TOLERANCE):
            problems.append(f"{c.id} {key}: spent {money(actual)} far under {money(plan)}")
    return overruns


def statement_mismatches(c: Loaded) -> set[tuple[str, str]]:
    balance = to_cents(c.descriptor["community"]["opening_balance"]["amount"])
    by_month: dict[str, int] = defaultdict(int)
    for r in counted_rows(c):
        by_month[r["date"][:7]] += signed(r)
    closing = {}
    for month in sorted(by_month):
        balance += by_month[month]
        closing[month] = balance
    return {(c.id, s["month"]) for s in c.statements
            if cents_of(s["closing_balance"], c.id, []) != closing.get(s["month"])}


def check_other_tables(c: Loaded, problems: list[str]) -> None:
    for r in c.resolutions:
        cast = int(r["votes_for"]) + int(r["votes_against"]) + int(r["abstentions"])
        if cast > int(r["eligible"]) or r["kind"] not in KIND_NAMES:
            problems.append(f"{c.id} {r['resolution_id']}: votes or kind")
    for r in c.collection:
        if int(r["households_paid"]) > int(r["households_billed"]):
            problems.append(f"{c.id} {r['year']}: paid > billed")
        cents_of(r["amount_billed"], c.id, problems)
        cents_of(r["amount_collected"], c.id, problems)
    for path in [r["document"] for r in c.resolutions + c.statements if r["document"]]:
        if not (c.folder / path).is_file():
            problems.append(f"{c.id}: document {path} missing")


def self_check() -> list[str]:
    problems: list[str] = []
    rows = read_csv(DATASETS / "codelists" / "categories.csv",
                    ["code", "name_zh", "name_en", "direction", "parent"], problems)
    if [tuple(r.values()) for r in rows] != CATEGORIES:
        problems.append("categories.csv differs from the chart of accounts")
    overruns, mismatches = set(), set()
    for cfg in COMMUNITIES:
        c = load_community(DATASETS / "communities" / cfg["id"], problems)
        check_ledger_rows(c, problems)
        check_months(c, problems)
        check_remuneration(c, problems)
        check_other_tables(c, problems)
        overruns |= budget_overruns(c, problems)
        mismatches |= statement_mismatches(c)
    if overruns != EXPECTED_OVERRUNS:
        problems.append(f"budget overruns {sorted(overruns)} != {sorted(EXPECTED_OVERRUNS)}")
    if mismatches != EXPECTED_MISMATCHES:
        problems.append(f"statement mismatches {sorted(mismatches)}")
    return problems


def summary() -> list[str]:
    """Per community: months, entries, yearly income and expense (counted entries)."""
    lines = []
    for cfg in COMMUNITIES:
        c = load_community(DATASETS / "communities" / cfg["id"], [])
        months = sorted({r["date"][:7] for r in c.ledger})
        lines.append(f"{c.id}: {months[0]}..{months[-1]}, {len(c.ledger)} entries")
        for year in sorted({m[:4] for m in months}):
            rows = [r for r in counted_rows(c) if r["date"].startswith(year)]
            inc = sum(signed(r) for r in rows if r["direction"] == "income")
            exp = -sum(signed(r) for r in rows if r["direction"] == "expense")
            lines.append(f"  {year}: income {yuan(inc)}  expense {yuan(exp)}")
    files = [p for p in DATASETS.rglob("*") if p.is_file()]
    lines.append(f"datasets/: {len(files)} files, {sum(p.stat().st_size for p in files):,} bytes")
    return lines


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
