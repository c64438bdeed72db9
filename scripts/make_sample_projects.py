#!/usr/bin/env python3
"""Write the sample project packages under datasets/ (示例数据).

- datasets/codelists/project-categories.csv and communities.csv: the code lists that
  projects refer to;
- datasets/foundation/: the district community foundation (社区基金会): projects,
  donations, disbursements, PNG vouchers and PDF reports;
- datasets/protection-fund/: the community protection fund (社区保障资金) projects and
  the five steps each reached (民意征集 → 议事会决议 → 项目发包 → 项目实施 → 民主评议).

The projects are modelled on published reports about community trust governance in
Chengdu; every amount, organisation marked （示例）, date and line of detail is invented.
All randomness comes from fixed seeds and nothing reads the clock, so two runs give
byte-identical files. Vouchers and documents are drawn with the helpers of
make_sample_data.py.

Usage: python scripts/make_sample_projects.py [--check]   (--check: only verify)
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_sample_data as msd  # noqa: E402
from make_sample_data import (  # noqa: E402
    AMOUNT,
    LAST_DATE,
    SEED,
    draw_document,
    money,
    read_csv,
    write_csv,
    yuan,
)

ROOT = msd.ROOT
DATASETS = ROOT / "datasets"
SCHEMAS = ROOT / "generator" / "schemas"
CODELISTS = DATASETS / "codelists"
FOUNDATION = DATASETS / "foundation"
PROTECTION = DATASETS / "protection-fund"
STUCK_DAYS = 90  # an ongoing protection project with no step for longer looks stuck

# ---------------------------------------------------------------------------
# Code lists
# ---------------------------------------------------------------------------

PROJECT_CATEGORIES = [  # code, name_zh, name_en
    ("elderly", "为老服务", "Elderly care"),
    ("children", "儿童友好", "Child-friendly"),
    ("placemaking", "社区营造", "Community building"),
    ("safety", "应急安全", "Emergency and safety"),
    ("disability", "助残", "Disability support"),
    ("culture", "文化", "Culture"),
    ("environment", "环境美化", "Environment"),
    ("facilities", "设施改造", "Facilities"),
    ("insurance", "普惠保险", "Inclusive insurance"),
]

# Neighbourhoods (社区) that projects name. Subdistricts that could not be checked are
# written 示例街道. The residential communities with a trust-fund package (风华苑 and the
# others) are not listed: projects refer to them by their package id, and the portal links
# a package to its 社区 through the package's community.neighborhood (e.g. 桐梓林社区).
COMMUNITIES = [  # id, name_zh, name_en, district, subdistrict
    ("jifu", "吉福社区", "Jifu Community", "武侯区", "晋阳街道"),
    ("tongzilin", "桐梓林社区", "Tongzilin Community", "武侯区", "示例街道"),
    ("sanhe", "三河社区", "Sanhe Community", "武侯区", "华兴街道"),
    ("wanjia", "万家社区", "Wanjia Community", "双流区", "九江街道"),
    ("yulin-donglu", "玉林东路社区", "Yulin Donglu Community", "武侯区", "玉林街道"),
    ("huangmenjie", "黄门街社区", "Huangmenjie Community", "武侯区", "示例街道"),
    ("jincheng", "锦城社区", "Jincheng Community", "武侯区", "示例街道"),
    ("sample-1", "示例社区一（示例）", "Sample Community 1 (sample)", "武侯区", "示例街道"),
    ("sample-2", "示例社区二（示例）", "Sample Community 2 (sample)", "武侯区", "示例街道"),
    ("sample-3", "示例社区三（示例）", "Sample Community 3 (sample)", "武侯区", "示例街道"),
]
# package id -> the 社区 its datapackage.json names as community.neighborhood
PACKAGE_NEIGHBOURHOODS = {"fenghuayuan": "桐梓林社区", "shuian-huayuan": "三河社区",
                          "jinhe-lvzhou": "万家社区"}

# ---------------------------------------------------------------------------
# The foundation
# ---------------------------------------------------------------------------

ORGANISATION = "武侯社区基金会"
FOUNDATION_TITLE = "武侯社区基金会（示例）"
FOUNDATION_DESCRIPTION = (
    "武侯社区基金会的示例数据（示例数据，非真实账目）：公益项目、捐赠和项目拨付。"
    "项目参照公开报道中的做法编制，项目名称以外的金额、日期、捐赠方、执行机构与明细均为虚构；"
    "名称带“（示例）”的机构均为虚构。")
FOUNDATION_CONTEXT = (
    "据人民网报道，武侯社区基金会自2018年成立以来，累计募集资金1600余万元，"
    "公益支出1500余万元，开展公益项目100多个，受益居民达到82万余人次。"
    "以下示例数据是为演示而虚构的一小部分项目、捐赠和拨付，其合计金额与上述公开数字并不相等。")

INSURER = "安信财产保险股份有限公司成都分公司（示例）"
RISK_CENTRE = "武侯社区风险治理服务中心（示例）"
HOME_CARE = "锦颐居家养老服务中心（示例）"


@dataclass
class Project:
    id: str
    title: str
    category: str
    communities: list[str]
    partner: str
    start: str
    end: str
    status: str
    budget: int  # yuan
    beneficiaries: int
    summary: str
    report: bool = False
    spend: tuple[float, float] = (0.95, 0.995)  # share of the budget paid out
    # (fraction of the project period, purpose[, payee]); the partner is the payee
    # unless another is named
    tranches: tuple[tuple[Any, ...], ...] = ()

    @property
    def report_path(self) -> str:
        return f"documents/{self.id}-report.pdf" if self.report else ""


PROJECTS = [
    Project(
        "WHCF-2019-01", "共享奶奶·老少互助", "elderly", ["jifu"], "吉福邻里互助服务社（示例）",
        "2019-03-01", "2020-12-31", "completed", 80000, 6400,
        "社区退休长者组成“共享奶奶”志愿服务队，在放学后和寒暑假为双职工家庭照看孩子、辅导作业，"
        "孩子们则教长者使用智能手机；项目由社区基金会资助起步，此后成为吉福社区的常设互助服务。",
        report=True, tranches=(
            (0.0, "首期资助款：志愿者招募培训、四点半课堂场地布置"),
            (0.3, "第二期资助款：放学后看护与暑期托管活动"),
            (0.65, "第三期资助款：长者智能手机课堂与亲子共读活动"),
            (1.0, "结项尾款（结项评估后按实际支出拨付）"))),
    Project(
        "WHCF-2019-02", "社区应急安全演练", "safety", ["tongzilin", "fenghuayuan"],
        "蓉城应急救援志愿服务中心（示例）", "2019-10-08", "2020-09-30", "completed", 45000, 3800,
        "在桐梓林社区和风华苑小区开展消防疏散、燃气泄漏处置和应急救护演练，"
        "培训楼栋应急志愿者，编制院落应急联络表。",
        report=True, tranches=(
            (0.0, "首期资助款：应急志愿者培训"),
            (0.5, "第二期资助款：院落消防疏散与应急救护演练"),
            (1.0, "结项尾款（结项评估后按实际支出拨付）"))),
    Project(
        "WHCF-2020-01", "社区普惠保险（首期）", "insurance", ["jifu", "tongzilin", "sanhe"],
        RISK_CENTRE, "2020-06-01", "2021-05-31", "completed", 150000, 21000,
        "为辖区居民统一投保低保费、广覆盖的社区普惠保险（意外伤害、家庭财产和公共责任），"
        "并把理赔案例用于居民风险教育和院落隐患排查，探索社区风险治理。",
        report=True, spend=(0.97, 0.995), tranches=(
            (0.0, "普惠保险保费（第一批参保居民）", INSURER),
            (0.05, "首期资助款：参保宣传与入户登记"),
            (0.45, "普惠保险保费（第二批参保居民）", INSURER),
            (1.0, "结项尾款：理赔案例整理与风险教育活动"))),
    Project(
        "WHCF-2020-02", "信义托·居家生活服务站（一期）", "elderly", ["sanhe", "shuian-huayuan"],
        HOME_CARE, "2020-09-01", "2022-08-31", "completed", 180000, 15600,
        "在三河社区水岸花园设立居家生活服务站，为高龄、独居长者提供助餐、助洁、代购和上门探访，"
        "服务收费与资助资金分账公示，由居民代表监督。",
        report=True, tranches=(
            (0.0, "首期资助款：服务站场地改造与设备购置"),
            (0.25, "第二期资助款：助餐助洁服务"),
            (0.5, "第三期资助款：上门探访与代购服务"),
            (0.75, "第四期资助款：助餐助洁服务"),
            (1.0, "结项尾款（结项审计后按实际支出拨付）"))),
    Project(
        "WHCF-2021-01", "“一米高度看世界”儿童友好社区行动", "children", ["jincheng"],
        "童心社会工作服务中心（示例）", "2021-03-01", "2021-12-31", "completed", 60000, 4200,
        "邀请孩子以一米高度走街串巷，找出社区里对儿童不友好的角落，提出改造建议并参与儿童议事会；"
        "部分建议被纳入次年的社区微更新。",
        report=True, tranches=(
            (0.0, "首期资助款：儿童社区观察营"),
            (0.5, "第二期资助款：儿童议事会与改造方案展览"),
            (1.0, "结项尾款（结项评估后按实际支出拨付）"))),
    Project(
        "WHCF-2021-02", "社区专项基金·居民议事", "placemaking", ["huangmenjie"],
        "邻里议事促进中心（示例）", "2021-05-01", "2022-04-30", "completed", 40000, 2600,
        "在黄门街社区设立社区专项基金，组织居民围绕资金用途开展议事协商，"
        "形成院落公约和小额项目清单。",
        report=False,  # deliberate finding: completed without a report
        tranches=(
            (0.0, "首期资助款：议事员培训与议事会组织"),
            (0.55, "第二期资助款：院落小额项目协商"),
            (1.0, "结项尾款"))),
    Project(
        "WHCF-2021-03", "助残·康复到家", "disability", ["yulin-donglu", "lantian"],
        "安康助残服务社（示例）", "2021-07-01", "2022-06-30", "completed", 70000, 1900,
        "为居家的残障人士提供上门康复训练、辅具适配和家属照护培训，"
        "并组织志愿者陪同出行。",
        report=True, tranches=(
            (0.0, "首期资助款：康复师上门服务"),
            (0.3, "第二期资助款：辅具适配"),
            (0.6, "第三期资助款：家属照护培训"),
            (0.85, "第四期资助款：志愿者陪同出行"),
            (1.0, "结项尾款（结项评估后按实际支出拨付）"))),
    Project(
        "WHCF-2021-04", "社区共享书屋", "culture", ["yulin-donglu"], "悦读社区文化中心（示例）",
        "2021-09-01", "2022-08-31", "cancelled", 25000, 0,
        "原计划利用闲置用房建设共享书屋；因选址用房产权问题无法落实，经理事会决定取消，未拨付资金。"),
    Project(
        "WHCF-2022-01", "长者生日会", "culture", ["wanjia", "jinhe-lvzhou"],
        "九江邻里文化服务社（示例）", "2022-01-01", "2022-12-31", "completed", 36000, 2400,
        "每季度为万家社区和金河绿洲小区的长者集体过生日，由青少年志愿者表演节目、"
        "邻里共同准备长寿面，拉近新老居民关系。",
        report=True, tranches=(
            (0.05, "第一季度长者生日会"),
            (0.3, "第二季度长者生日会"),
            (0.65, "第三季度长者生日会"),
            (0.95, "第四季度长者生日会及结项"))),
    Project(
        "WHCF-2022-02", "小桔灯义卖·邻里互助", "culture", ["jinhe-lvzhou"],
        "小桔灯青少年公益服务社（示例）", "2022-05-01", "2023-01-31", "completed", 24000, 3100,
        "小区孩子亲手制作小桔灯并在中秋、元旦举办义卖，所得用于慰问困难家庭；"
        "基金会资助材料、活动组织和慰问物资。",
        report=True, tranches=(
            (0.1, "首期资助款：小桔灯制作材料与中秋义卖"),
            (0.95, "结项尾款：元旦义卖与困难家庭慰问物资"))),
    Project(
        "WHCF-2022-03", "社区普惠保险与风险治理（二期）", "insurance",
        ["jifu", "sanhe", "wanjia", "yulin-donglu"], RISK_CENTRE,
        "2022-07-01", "2024-06-30", "completed", 240000, 52000,
        "扩大社区普惠保险覆盖面，增加电动自行车火灾和高空坠物责任保障；"
        "组织居民开展院落风险排查，对照理赔数据推动整改。",
        report=True, spend=(0.97, 0.995), tranches=(
            (0.0, "普惠保险保费（2022—2023年度）", INSURER),
            (0.1, "首期资助款：院落风险排查"),
            (0.35, "第二期资助款：风险教育与理赔服务"),
            (0.5, "普惠保险保费（2023—2024年度）", INSURER),
            (0.7, "第三期资助款：院落隐患整改协商"),
            (0.85, "第四期资助款：风险地图编制"),
            (1.0, "结项尾款（结项审计后按实际支出拨付）"))),
    Project(
        "WHCF-2023-01", "信义托·居家生活服务站（二期）", "elderly",
        ["sanhe", "tongzilin", "fenghuayuan"], HOME_CARE,
        "2023-03-01", "2025-12-31", "ongoing", 200000, 18000,
        "在一期基础上把居家生活服务站扩展到桐梓林社区风华苑，增加适老化居家评估和夜间紧急呼叫；"
        "计划于2025年底结项，结项审计尚未完成。",
        spend=(0.72, 0.78), tranches=(
            (0.0, "首期资助款：风华苑服务点开办"),
            (0.2, "第二期资助款：助餐助洁服务"),
            (0.4, "第三期资助款：适老化居家评估"),
            (0.6, "第四期资助款：夜间紧急呼叫服务"),
            (0.8, "第五期资助款：助餐助洁服务"),
            (0.95, "第六期资助款：上门探访服务"))),
    Project(
        "WHCF-2023-02", "院落微更新·花园共建", "environment", ["shuian-huayuan", "sample-1"],
        "青绿社区营造中心（示例）", "2023-04-01", "2023-11-30", "completed", 50000, 2800,
        "居民认领闲置花台和边角地，与设计师一起把它们改成共建花园，建立认养和轮值养护制度。",
        report=True, tranches=(
            (0.0, "首期资助款：共建花园设计工作坊"),
            (0.5, "第二期资助款：苗木与材料"),
            (1.0, "结项尾款（结项评估后按实际支出拨付）"))),
    Project(
        "WHCF-2024-01", "社区普惠保险（三期）", "insurance",
        ["jifu", "tongzilin", "sanhe", "wanjia", "jinhe-lvzhou"], RISK_CENTRE,
        "2024-07-01", "2027-06-30", "ongoing", 260000, 38000,
        "三期把金河绿洲小区纳入普惠保险，并以理赔数据为依据，与小区议事会共同确定风险整改事项。",
        spend=(0.6, 0.64), tranches=(
            (0.0, "普惠保险保费（2024—2025年度）", INSURER),
            (0.1, "首期资助款：参保登记与风险排查"),
            (0.33, "普惠保险保费（2025—2026年度）", INSURER),
            (0.5, "第二期资助款：风险教育与理赔服务"),
            (0.67, "普惠保险保费（2026—2027年度）", INSURER),
            (0.75, "第三期资助款：院落隐患整改协商"))),
    Project(
        "WHCF-2025-01", "儿童友好·四点半课堂", "children", ["jincheng", "sample-2"],
        "童心社会工作服务中心（示例）", "2025-03-01", "2027-02-28", "ongoing", 80000, 3600,
        "在社区活动室开设放学后的四点半课堂，由志愿者和社工陪伴孩子完成作业、开展阅读和自然探索。",
        spend=(0.5, 0.55), tranches=(
            (0.0, "首期资助款：课堂开办与志愿者培训"),
            (0.3, "第二期资助款：2025年秋季学期课堂"),
            (0.55, "第三期资助款：2026年春季学期课堂"),
            (0.8, "第四期资助款：2026年秋季学期课堂"))),
    Project(
        "WHCF-2026-01", "社区应急志愿者能力提升", "safety", ["sample-3", "huangmenjie"],
        "蓉城应急救援志愿服务中心（示例）", "2027-01-01", "2027-12-31", "planned", 60000, 0,
        "计划培训楼栋应急志愿者、配置院落应急物资点，并每半年开展一次联合演练；已收到定向捐赠，尚未启动。"),
]

# (date, donor, amount in yuan, restricted to project or "", channel[, consent to be named])
DONATIONS = [
    ("2018-06-28", "蜀信实业有限公司（示例）", 150000, "", "bank"),
    ("2018-07-16", "锦城置业发展有限公司（示例）", 50000, "", "bank"),
    ("2018-09-20", "匿名", 5000, "", "bank"),
    ("2018-12-12", "个人捐赠", 3860.20, "", "online"),
    ("2019-02-20", "锦悦商贸有限公司（示例）", 30000, "WHCF-2019-01", "bank"),
    ("2019-05-08", "社区爱心商家联盟（示例）", 12000, "", "onsite"),
    ("2019-09-09", "个人捐赠", 15320.66, "", "online"),
    ("2019-10-15", "天府安防科技有限公司（示例）", 20000, "WHCF-2019-02", "bank"),
    ("2019-12-20", "蓉欣科技有限公司（示例）", 12600, "", "payroll"),
    ("2020-01-10", "蜀信实业有限公司（示例）", 80000, "", "bank"),
    ("2020-05-18", "和泰投资集团有限公司（示例）", 80000, "WHCF-2020-01", "bank"),
    ("2020-08-10", "锦城置业发展有限公司（示例）", 100000, "WHCF-2020-02", "bank"),
    ("2020-09-09", "个人捐赠", 26488.30, "", "online"),
    ("2020-11-26", "匿名", 10000, "", "bank"),
    ("2020-12-18", "蓉欣科技有限公司（示例）", 13800, "", "payroll"),
    ("2021-02-25", "童乐文具有限公司（示例）", 30000, "WHCF-2021-01", "bank"),
    ("2021-03-20", "个人捐赠", 8650.40, "WHCF-2021-01", "online"),
    ("2021-04-12", "和泰投资集团有限公司（示例）", 60000, "", "bank"),
    ("2021-09-09", "个人捐赠", 31240.18, "", "online"),
    ("2021-10-25", "社区爱心商家联盟（示例）", 15000, "WHCF-2021-03", "onsite"),
    ("2021-12-17", "蓉欣科技有限公司（示例）", 14400, "", "payroll"),
    # people who gave in their own name: shown as 张** unless they agreed in writing
    ("2021-12-20", "张建国（示例）", 2000, "WHCF-2021-01", "onsite"),
    ("2021-12-28", "李秀英（示例）", 3000, "WHCF-2021-01", "bank", "同意书 WHCF-C-2021-01"),
    ("2022-01-14", "锦城置业发展有限公司（示例）", 80000, "", "bank"),
    # the trustee of 金河绿洲 gives 30% of its remuneration to the community micro-fund
    ("2022-03-15", "九和物业服务有限公司（示例）", 9000, "WHCF-2022-01", "bank"),
    ("2022-06-20", "和泰投资集团有限公司（示例）", 120000, "WHCF-2022-03", "bank"),
    ("2022-09-09", "个人捐赠", 28760.90, "", "online"),
    ("2022-09-10", "个人捐赠", 3268.50, "WHCF-2022-02", "onsite"),  # 中秋小桔灯义卖
    ("2022-12-16", "蓉欣科技有限公司（示例）", 15000, "", "payroll"),
    ("2022-12-28", "匿名", 20000, "", "bank"),
    ("2023-02-16", "颐和健康管理有限公司（示例）", 80000, "WHCF-2023-01", "bank"),
    ("2023-03-10", "九和物业服务有限公司（示例）", 9600, "", "bank"),
    ("2023-07-12", "和泰投资集团有限公司（示例）", 60000, "WHCF-2022-03", "bank"),
    ("2023-09-09", "个人捐赠", 35112.45, "", "online"),
    ("2023-11-08", "蜀信实业有限公司（示例）", 60000, "", "bank"),
    ("2023-12-15", "蓉欣科技有限公司（示例）", 15600, "", "payroll"),
    ("2024-01-22", "锦城置业发展有限公司（示例）", 50000, "", "bank"),
    ("2024-06-14", "和泰投资集团有限公司（示例）", 100000, "WHCF-2024-01", "bank"),
    ("2024-09-09", "个人捐赠", 40218.70, "", "online"),
    ("2024-11-05", "匿名", 6420.30, "", "other"),  # 社区义集募捐箱
    ("2024-12-13", "蓉欣科技有限公司（示例）", 16200, "", "payroll"),
    ("2025-02-20", "童乐文具有限公司（示例）", 40000, "WHCF-2025-01", "bank"),
    ("2025-05-16", "蜀信实业有限公司（示例）", 50000, "", "bank"),
    ("2025-09-09", "个人捐赠", 38650.25, "", "online"),
    ("2025-12-05", "天府安防科技有限公司（示例）", 20000, "WHCF-2026-01", "bank"),
    ("2025-12-19", "蓉欣科技有限公司（示例）", 16800, "", "payroll"),
]

# ---------------------------------------------------------------------------
# The protection fund and its five steps
# ---------------------------------------------------------------------------

STEPS = ["solicit", "resolve", "contract", "implement", "evaluate"]
STEP_NAMES = {"solicit": "民意征集", "resolve": "议事会决议", "contract": "项目发包",
              "implement": "项目实施", "evaluate": "民主评议"}
PROTECTION_TITLE = "社区保障资金项目（示例）"
PROTECTION_DESCRIPTION = (
    "社区保障资金项目的示例数据（示例数据，非真实账目）。社区保障资金用于居民需要的小微项目，"
    "每个项目按五个步骤推进并公开：民意征集（收集居民意见、确定需求）→ 议事会决议"
    "（社区居民议事会表决项目和预算）→ 项目发包（比选确定承接方并签订合同）→ 项目实施"
    "（施工或服务，居民代表监督）→ 民主评议（居民评议项目效果和满意度）。"
    "项目参照公开报道中的做法编制，金额、日期、承接方与明细均为虚构；名称带“（示例）”的机构均为虚构。")


@dataclass
class Step:
    step: str
    date: str
    summary: str
    participants: int
    votes_for: int | None = None
    votes_against: int | None = None
    satisfaction: float | None = None
    document: bool = True


@dataclass
class Works:
    id: str
    community: str
    year: int
    title: str
    category: str
    budgeted: float
    spent: float
    contractor: str
    status: str
    steps: list[Step]


def S(step: str, day: str, summary: str, people: int,
      votes: tuple[int, int | None] | None = None,
      satisfaction: float | None = None, document: bool = True) -> Step:
    for_, against = votes if votes else (None, None)
    return Step(step, day, summary, people, for_, against, satisfaction, document)


PROTECTION_PROJECTS = [
    Works("BZ-2021-01", "tongzilin", 2021, "楼道照明改造（感应灯更换）", "facilities",
          36000, 34280, "明亮照明工程有限公司（示例）", "completed", [
              S("solicit", "2021-03-14", "入户走访和线上问卷征集意见，"
                "楼道照明不足是反映最多的问题（收到意见63条）。", 186),
              S("resolve", "2021-04-08", "社区居民议事会表决通过楼道感应灯更换项目及预算。", 25,
                (22, 1)),
              S("contract", "2021-04-29", "三家单位比选，居民代表参与评审，"
                "确定承接方并签订合同。", 9),
              S("implement", "2021-05-17", "分楼栋施工，6名居民监督员全程跟进。", 6,
                document=False),
              S("evaluate", "2021-07-02", "居民评议：照明明显改善，个别楼层感应灵敏度已调整。", 142,
                satisfaction=0.94)]),
    Works("BZ-2021-02", "sanhe", 2021, "雨污管网疏通", "facilities",
          52000, 49870.50, "清源环境服务有限公司（示例）", "completed", [
              S("solicit", "2021-05-09", "坝坝会上居民反映雨季院落积水和污水返溢，共收集意见41条。",
                94),
              S("resolve", "2021-05-27", "议事会表决通过雨污管网疏通项目及预算。", 23, (21, 0)),
              S("contract", "2021-06-15", "公开比选确定承接方，合同在社区公示栏公示。", 7),
              S("implement", "2021-07-05", "完成主管网疏通和三处破损井盖更换。", 8),
              S("evaluate", "2021-09-18", "汛期后回访评议，积水点基本消除。", 118,
                satisfaction=0.90)]),
    Works("BZ-2022-01", "jinhe-lvzhou", 2022, "星火会客厅（闲置底楼空间改造）", "placemaking",
          68000, 66412, "匠心社区营建工作室（示例）", "completed", [
              S("solicit", "2022-04-16", "坝坝会上展示约40平方米闲置底楼空间的"
                "9套改造设计方案，居民现场投票并提出近50条建议；得票最多的方案获61票。",
                126, (61, None)),
              S("resolve", "2022-05-10", "议事会采纳得票最多的方案并吸收居民建议，"
                "表决通过预算。", 27, (25, 0)),
              S("contract", "2022-06-02", "比选确定施工单位，居民代表参与评审。", 9),
              S("implement", "2022-06-20", "施工改造，居民志愿者参与墙绘和家具布置。", 35),
              S("evaluate", "2022-09-24", "星火会客厅开放三个月后评议，"
                "成为邻里议事和活动的固定场所。", 156, satisfaction=0.96)]),
    Works("BZ-2022-02", "fenghuayuan", 2022, "楼栋适老化扶手安装", "elderly",
          42000, 40650, "安居建筑修缮有限公司（示例）", "completed", [
              S("solicit", "2022-03-06", "走访高龄和独居长者，征集需要安装扶手的楼栋和位置。", 88),
              S("resolve", "2022-03-30", "议事会表决通过在8个单元楼道安装适老化扶手。", 21,
                (20, 1)),
              S("contract", "2022-04-21", "比选确定承接方并签订合同。", 7),
              S("implement", "2022-05-09", "分单元安装扶手，长者代表现场试用后验收。", 12),
              S("evaluate", "2022-07-15", "长者及家属评议，上下楼更安全。", 97,
                satisfaction=0.91)]),
    Works("BZ-2022-03", "yulin-donglu", 2022, "消防通道整治与标线施划", "safety",
          30000, 32400, "蓉安消防设施工程有限公司（示例）", "completed", [
              S("solicit", "2022-06-12", "居民反映消防通道被占用、标线模糊，收集意见37条。", 76),
              S("resolve", "2022-07-05", "议事会表决通过整治方案及预算。", 19, (17, 2)),
              S("contract", "2022-07-26", "比选确定承接方并签订合同。", 7),
              S("implement", "2022-08-15", "清理占道杂物、重新施划标线；施工中发现两处路面破损，"
                "经议事会同意一并修补，实际支出超出预算。", 10),
              S("evaluate", "2022-10-20", "居民评议，消防通道保持畅通；超支原因已在评议会上说明。",
                84, satisfaction=0.88)]),
    Works("BZ-2023-01", "shuian-huayuan", 2023, "儿童游乐区改造", "children",
          58000, 56920, "童趣游乐设施有限公司（示例）", "completed", [
              S("solicit", "2023-03-19", "家长和孩子共同提出游乐区改造需求，收集意见52条。", 132),
              S("resolve", "2023-04-11", "议事会表决通过改造方案及预算。", 25, (19, 4)),
              S("contract", "2023-05-04", "比选确定承接方并签订合同。", 9),
              S("implement", "2023-05-22", "更换游乐设施并铺设塑胶地面。", 8),
              S("evaluate", "2023-08-26", "评议中不少居民认为遮阳不足、低层住户受噪音影响，"
                "满意率仅55%；议事会已决定补充遮阳棚并调整开放时间。", 148,
                satisfaction=0.55)]),
    Works("BZ-2023-02", "huangmenjie", 2023, "院落绿化提升", "environment",
          26000, 25310, "青禾园林绿化有限公司（示例）", "completed", [
              S("solicit", "2023-02-26", "居民认领院落绿化点位，收集意见29条。", 58),
              S("resolve", "2023-03-21", "议事会表决通过绿化提升方案及预算。", 17, (16, 0)),
              S("contract", "2023-04-06", "比选确定承接方并签订合同。", 7),
              S("implement", "2023-04-17", "补植苗木并设置认养牌，居民志愿者参与种植。", 26,
                document=False),
              S("evaluate", "2023-06-30", "评议认为院落环境明显改善。", 73, satisfaction=0.89)]),
    Works("BZ-2023-03", "jifu", 2023, "老年活动室改造", "elderly",
          45000, 44180, "匠心社区营建工作室（示例）", "completed", [
              S("solicit", "2023-06-04", "长者座谈会征集活动室改造需求。", 64),
              S("resolve", "2023-06-27", "议事会表决通过改造方案及预算。", 23, (22, 0)),
              S("contract", "2023-07-18", "比选确定承接方并签订合同。", 7),
              S("implement", "2023-08-07", "更换地面防滑材料、增设无障碍卫生间扶手和照明。", 9),
              S("evaluate", "2023-10-23", "重阳节当天长者评议活动室使用情况。", 91,
                satisfaction=0.93)]),
    Works("BZ-2024-01", "jincheng", 2024, "社区文化墙与宣传栏更新", "culture",
          18000, 17650, "锦绘文化传播有限公司（示例）", "completed", [
              S("solicit", "2024-03-10", "征集文化墙主题，居民投票选出“邻里故事”主题。", 112,
                (68, None)),
              S("resolve", "2024-04-02", "议事会表决通过文化墙方案及预算。", 21, (20, 0)),
              S("contract", "2024-04-18", "比选确定承接方并签订合同。", 7),
              S("implement", "2024-05-06", "绘制文化墙、更新宣传栏，孩子们参与绘画。", 30),
              S("evaluate", "2024-06-28", "居民评议文化墙和宣传栏效果。", 86, satisfaction=0.90)]),
    Works("BZ-2024-02", "tongzilin", 2024, "老旧楼栋加装电梯前期勘察", "facilities",
          20000, 0, "", "cancelled", [
              S("solicit", "2024-04-14", "征集加装电梯意愿，低层住户与高层住户意见分歧较大。", 143),
              S("resolve", "2024-05-09", "议事会表决未通过，项目取消，待楼栋内部协商一致后再议。",
                24, (9, 14))]),
    Works("BZ-2025-01", "wanjia", 2025, "无障碍坡道建设", "disability",
          24000, 7200, "安居建筑修缮有限公司（示例）", "ongoing", [
              S("solicit", "2025-11-16", "走访残障人士和轮椅使用者，确定三处坡道位置。", 47),
              S("resolve", "2025-12-14", "议事会表决通过坡道建设项目及预算。", 21, (21, 0)),
              S("contract", "2026-03-12", "比选确定承接方并签订合同，预付30%。", 7),
              S("implement", "2026-09-28", "开工建设，轮椅使用者代表参与过程监督。", 6,
                document=False)]),
    Works("BZ-2025-02", "lantian", 2025, "非机动车集中充电棚", "safety",
          48000, 0, "蓉安电气安装工程有限公司（示例）", "ongoing", [
              S("solicit", "2025-10-12", "居民反映电动自行车入户充电隐患，收集意见58条。", 103),
              S("resolve", "2025-11-16", "议事会表决通过充电棚建设项目及预算。", 19, (15, 3)),
              S("contract", "2026-01-20", "比选确定承接方并签订合同。", 7)]),
    Works("BZ-2026-01", "sample-3", 2026, "小区健身器材更新", "facilities",
          15000, 0, "", "planned", [
              S("solicit", "2026-10-25", "问卷征集健身器材更新意见，待议事会决议。", 69,
                document=False)]),
]

# The deliberate findings (their ids); the self-check expects exactly these
EXPECTED = {
    "protection overspent": {"BZ-2022-03"},
    "protection low satisfaction": {"BZ-2023-01"},
    "foundation ongoing past end date": {"WHCF-2023-01"},
    "protection stuck": {"BZ-2025-02"},
    "foundation completed without report": {"WHCF-2021-02"},
}

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def cents(value: float) -> int:
    return int(round(value * 100))


def weekday(d: date, low: date, high: date) -> date:
    """Move a weekend date to the nearest weekday within [low, high]."""
    for step in (-1, 1, -2, 2):
        if d.weekday() < 5:
            break
        candidate = d + timedelta(days=step)
        if low <= candidate <= high and candidate.weekday() < 5:
            d = candidate
    return d


def schema_columns(name: str) -> list[str]:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return [f["name"] for f in schema["fields"]]


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def fresh(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)  # start clean so no stale voucher survives a rerun
    folder.mkdir(parents=True)


def wrapped(text: str, width: int = 667, size: int = 22) -> list[str]:
    """Break a long line for draw_document, which writes its lines unwrapped."""
    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    return msd.wrap(draw, text, msd.font(size), width)


def draw_payment_voucher(rows: list[tuple[str, str]], path: Path) -> None:
    """A 付款凭证 in the layout of make_sample_data.draw_voucher, with our own rows.

    draw_voucher takes its rows from a ledger entry's chart-of-accounts category, which
    the foundation does not have; its row builder is swapped for the duration of the call.
    """
    original = msd.voucher_rows
    msd.voucher_rows = lambda cfg, e: rows
    try:
        msd.draw_voucher({"title": ORGANISATION},
                         SimpleNamespace(direction="expense"), path)  # type: ignore[arg-type]
    finally:
        msd.voucher_rows = original


# ---------------------------------------------------------------------------
# Foundation: disbursements
# ---------------------------------------------------------------------------


@dataclass
class Payment:
    date: date
    project: Project
    cents: int
    payee: str
    purpose: str
    id: str = ""

    @property
    def voucher(self) -> str:
        return f"vouchers/{self.id}.png"


def tranche_shares(rng: random.Random, n: int, completed: bool) -> list[float]:
    if n == 1:
        return [1.0]
    shares = [rng.uniform(0.85, 1.15) for _ in range(n)]
    shares[0] *= 1.4  # the first payment starts the project
    if completed:
        shares[-1] *= 0.45  # the last one settles the accounts after the final review
    return shares


def project_payments(p: Project) -> list[Payment]:
    if not p.tranches:
        return []
    rng = random.Random(f"{SEED}/foundation/{p.id}")
    start, end = date.fromisoformat(p.start), date.fromisoformat(p.end)
    high = min(end, LAST_DATE - timedelta(days=14))
    total = cents(p.budget * rng.uniform(*p.spend))
    shares = tranche_shares(rng, len(p.tranches), p.status == "completed")
    scale = sum(shares)
    payments: list[Payment] = []
    for i, (fraction, purpose, *payee) in enumerate(p.tranches):
        offset = round((end - start).days * fraction) + rng.randint(-6, 6)
        day = min(max(start + timedelta(days=offset), start + timedelta(days=3)), high)
        if i == len(p.tranches) - 1 and p.status == "completed":
            value = total - sum(x.cents for x in payments)  # settles the actual costs
        else:
            value = round(total * shares[i] / scale / 10000) * 10000  # whole hundreds
        payments.append(Payment(weekday(day, start, high), p, value,
                                payee[0] if payee else p.partner, purpose))
    return payments


def build_payments() -> list[Payment]:
    payments = [x for p in PROJECTS for x in project_payments(p)]
    order = {p.id: i for i, p in enumerate(PROJECTS)}
    payments.sort(key=lambda x: (x.date, order[x.project.id]))
    per_year: dict[int, int] = defaultdict(int)
    for x in payments:
        per_year[x.date.year] += 1
        x.id = f"WHCF-D-{x.date.year}-{per_year[x.date.year]:02d}"
    return payments


def donation_rows() -> list[list[str]]:
    rows: list[list[str]] = []
    per_year: dict[int, int] = defaultdict(int)
    for day, donor, value, project, channel, *consent in sorted(DONATIONS, key=lambda d: d[0]):
        year = int(day[:4])
        per_year[year] += 1
        kind = "organisation" if donor.endswith("公司（示例）") or "联盟" in donor else "individual"
        rows.append([f"WHCF-G-{year}-{per_year[year]:02d}", day, donor, kind, "".join(consent),
                     money(cents(value)), project, channel])
    return rows


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def write_codelists() -> None:
    write_csv(CODELISTS / "project-categories.csv", schema_columns("project-categories"),
              [list(c) for c in PROJECT_CATEGORIES])
    write_csv(CODELISTS / "communities.csv", schema_columns("communities"),
              [list(c) for c in COMMUNITIES])


def write_foundation() -> None:
    # The register of progress and final reports was written by hand: a rerun keeps it.
    reports = FOUNDATION / "reports.csv"
    kept = reports.read_bytes() if reports.is_file() else None
    fresh(FOUNDATION)
    (FOUNDATION / "vouchers").mkdir()
    (FOUNDATION / "documents").mkdir()
    if kept is not None:
        reports.write_bytes(kept)
    write_json(FOUNDATION / "datapackage.json", {
        "name": "foundation", "title": FOUNDATION_TITLE, "description": FOUNDATION_DESCRIPTION,
        "sample": True, "organisation": ORGANISATION, "founded": 2018,
        "context": FOUNDATION_CONTEXT,
        "resources": [{"name": n, "path": f"{n}.csv"}
                      for n in ("projects", "donations", "disbursements",
                                *(("reports",) if kept is not None else ()))]})
    payments = build_payments()
    write_csv(FOUNDATION / "projects.csv", schema_columns("foundation-projects"), [
        [p.id, p.title, p.category, ";".join(p.communities), p.partner, p.start, p.end,
         p.status, money(cents(p.budget)), p.beneficiaries, p.summary, p.report_path]
        for p in PROJECTS])
    write_csv(FOUNDATION / "donations.csv", schema_columns("donations"), donation_rows())
    write_csv(FOUNDATION / "disbursements.csv", schema_columns("disbursements"), [
        [x.id, x.date.isoformat(), x.project.id, money(x.cents), x.payee, x.purpose, x.voucher]
        for x in payments])
    for x in payments:
        draw_payment_voucher([("编号", x.id), ("日期", x.date.isoformat()),
                              ("项目", f"{x.project.id} {x.project.title}"),
                              ("金额", f"¥ {yuan(x.cents)}"), ("收款", x.payee),
                              ("用途", x.purpose)], FOUNDATION / x.voucher)
    paid: dict[str, int] = defaultdict(int)
    for x in payments:
        paid[x.project.id] += x.cents
    names = {c[0]: c[1] for c in COMMUNITIES}
    for p in PROJECTS:
        if p.report:
            write_report(p, paid[p.id], names)


def write_report(p: Project, paid: int, names: dict[str, str]) -> None:
    where = "、".join(names.get(c, c) for c in p.communities)
    category = {c[0]: c[1] for c in PROJECT_CATEGORIES}[p.category]
    lines = [f"项目编号：{p.id}", f"项目类别：{category}", f"执行机构：{p.partner}",
             f"项目周期：{p.start} 至 {p.end}", f"资助金额：¥ {yuan(cents(p.budget))}",
             f"实际拨付：¥ {yuan(paid)}", f"受益人次：{p.beneficiaries}"]
    lines += wrapped(f"受益社区：{where}") + [""] + wrapped(f"项目成效：{p.summary}")
    draw_document(FOUNDATION / p.report_path, f"{ORGANISATION} · 项目结项报告", p.title, lines)


def step_document(w: Works, s: Step) -> str:
    return f"documents/{w.id}-{s.step}.pdf" if s.document else ""


def optional(value: Any, fmt: str = "{}") -> str:
    return "" if value is None else fmt.format(value)


def write_protection() -> None:
    fresh(PROTECTION)
    (PROTECTION / "documents").mkdir()
    write_json(PROTECTION / "datapackage.json", {
        "name": "protection-fund", "title": PROTECTION_TITLE,
        "description": PROTECTION_DESCRIPTION, "sample": True,
        "resources": [{"name": n, "path": f"{n}.csv"} for n in ("projects", "steps")]})
    write_csv(PROTECTION / "projects.csv", schema_columns("protection-projects"), [
        [w.id, w.community, w.year, w.title, w.category, money(cents(w.budgeted)),
         money(cents(w.spent)), w.contractor, w.status] for w in PROTECTION_PROJECTS])
    write_csv(PROTECTION / "steps.csv", schema_columns("steps"), [
        [w.id, s.step, s.date, s.summary, s.participants, optional(s.votes_for),
         optional(s.votes_against), optional(s.satisfaction, "{:.2f}"), step_document(w, s)]
        for w in PROTECTION_PROJECTS for s in w.steps])
    names = {c[0]: c[1] for c in COMMUNITIES} | {
        "fenghuayuan": "风华苑", "shuian-huayuan": "水岸花园", "jinhe-lvzhou": "金河绿洲",
        "lantian": "蓝天小区"}
    for w in PROTECTION_PROJECTS:
        for s in w.steps:
            if s.document:
                write_step_document(w, s, names[w.community])


def write_step_document(w: Works, s: Step, place: str) -> None:
    lines = [f"项目编号：{w.id}", f"社区：{place}", f"资金年度：{w.year}",
             f"步骤：{STEP_NAMES[s.step]}", f"日期：{s.date}", f"参与人数：{s.participants}"]
    if s.step == "solicit" and s.votes_for is not None:
        lines.append(f"得票最多的方案：{s.votes_for} 票")
    elif s.votes_for is not None:
        lines.append(f"同意 {s.votes_for} 票" + (f"，反对 {s.votes_against} 票"
                                                if s.votes_against is not None else ""))
    if s.step == "resolve":
        lines.append(f"预算金额：¥ {yuan(cents(w.budgeted))}")
    if s.step == "contract":
        lines.append(f"承接方：{w.contractor}")
    if s.satisfaction is not None:
        lines.append(f"满意率：{round(s.satisfaction * 100)}%")
    lines += [""] + wrapped(f"经过：{s.summary}")
    draw_document(PROTECTION / step_document(w, s), f"社区保障资金 · {STEP_NAMES[s.step]}",
                  w.title, lines)


# ---------------------------------------------------------------------------
# Self-check: re-reads the written files, the way the portal's validator would
# ---------------------------------------------------------------------------


def amount(text: str, where: str, problems: list[str]) -> int:
    if not AMOUNT.match(text):
        problems.append(f"{where}: amount {text!r} is not written with 2 decimals")
        return 0
    whole, frac = text.split(".")
    return int(whole) * 100 + int(frac)


def table(folder: Path, name: str, schema: str, problems: list[str]) -> list[dict]:
    return read_csv(folder / f"{name}.csv", schema_columns(schema), problems)


def check_file(folder: Path, value: str, where: str, problems: list[str]) -> None:
    path = folder / value
    magic = b"%PDF-" if value.endswith(".pdf") else b"\x89PNG\r\n\x1a\n"
    if not path.is_file() or not path.read_bytes().startswith(magic):
        problems.append(f"{where}: file {value} missing or not of its type")


def check_structure(problems: list[str]) -> None:
    """Descriptors against their JSON Schema, tables against the Table Schemas."""
    try:
        import jsonschema
        from frictionless import Resource, Schema
    except ImportError:  # pragma: no cover - the project's venv has both
        problems.append("jsonschema/frictionless not installed: structure not checked")
        return
    for folder, kind in ((FOUNDATION, "foundation-package"), (PROTECTION, "protection-package")):
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        schema = json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8"))
        for error in jsonschema.Draft202012Validator(schema).iter_errors(descriptor):
            problems.append(f"{folder.name}/datapackage.json: {error.message}")
        if descriptor["name"] != folder.name:
            problems.append(f"{folder.name}: descriptor name differs from the folder")
    for path, schema_name in (
            (CODELISTS / "project-categories.csv", "project-categories"),
            (CODELISTS / "communities.csv", "communities"),
            (FOUNDATION / "projects.csv", "foundation-projects"),
            (FOUNDATION / "donations.csv", "donations"),
            (FOUNDATION / "disbursements.csv", "disbursements"),
            (PROTECTION / "projects.csv", "protection-projects"),
            (PROTECTION / "steps.csv", "steps")):
        schema = json.loads((SCHEMAS / f"{schema_name}.json").read_text(encoding="utf-8"))
        rows = [r for r in read_csv(path, schema_columns(schema_name), problems)]
        data = [schema_columns(schema_name)] + [list(r.values()) for r in rows]
        report = Resource(data=data, schema=Schema.from_descriptor(schema)).validate()
        for task in report.tasks:
            for error in task.errors:
                problems.append(f"{path.relative_to(ROOT)}: {error.message}")


@dataclass
class Loaded:
    categories: set[str]
    communities: set[str]
    projects: list[dict]
    donations: list[dict]
    disbursements: list[dict]
    works: list[dict]
    steps: list[dict]


def load(problems: list[str]) -> Loaded:
    categories = {r["code"] for r in read_csv(
        CODELISTS / "project-categories.csv", schema_columns("project-categories"), problems)}
    codes = read_csv(CODELISTS / "communities.csv", schema_columns("communities"), problems)
    packages = {p.name for p in (DATASETS / "communities").iterdir() if p.is_dir()}
    if packages & {r["id"] for r in codes}:
        problems.append("communities.csv lists trust-fund package ids")
    names = {r["name_zh"] for r in codes}
    for package, neighbourhood in PACKAGE_NEIGHBOURHOODS.items():
        descriptor = json.loads((DATASETS / "communities" / package / "datapackage.json")
                                .read_text(encoding="utf-8"))
        found = descriptor["community"]["neighborhood"]
        if found != neighbourhood or found not in names:
            problems.append(f"{package}: neighborhood {found!r} does not link to the code list")
    return Loaded(categories, {r["id"] for r in codes} | packages,
                  table(FOUNDATION, "projects", "foundation-projects", problems),
                  table(FOUNDATION, "donations", "donations", problems),
                  table(FOUNDATION, "disbursements", "disbursements", problems),
                  table(PROTECTION, "projects", "protection-projects", problems),
                  table(PROTECTION, "steps", "steps", problems))


def unique(rows: list[dict], key: str, where: str, problems: list[str]) -> None:
    ids = [r[key] for r in rows]
    if len(ids) != len(set(ids)):
        problems.append(f"{where}: duplicate {key}")


def check_foundation_projects(d: Loaded, problems: list[str]) -> None:
    unique(d.projects, "project_id", "foundation projects", problems)
    for p in d.projects:
        where = f"foundation {p['project_id']}"
        if p["category"] not in d.categories:
            problems.append(f"{where}: unknown category {p['category']}")
        for c in p["communities"].split(";"):
            if c not in d.communities:
                problems.append(f"{where}: unknown community {c}")
        if p["end_date"] < p["start_date"]:
            problems.append(f"{where}: ends before it starts")
        amount(p["budget"], where, problems)
        if p["report"]:
            check_file(FOUNDATION, p["report"], where, problems)
        if p["status"] == "planned" and p["start_date"] <= LAST_DATE.isoformat():
            problems.append(f"{where}: planned but already started")


def funds_simulation(d: Loaded, problems: list[str]) -> int:
    """Restricted balance first, then the unrestricted pool; returns the smallest margin."""
    events = [(r["date"], 0, r["donation_id"], r) for r in d.donations]
    events += [(r["date"], 1, r["disbursement_id"], r) for r in d.disbursements]
    restricted: dict[str, int] = defaultdict(int)
    pool, margin = 0, None
    for _, kind, ident, r in sorted(events, key=lambda e: e[:3]):
        value = amount(r["amount"], ident, problems)
        if kind == 0:
            if r["project_id"]:
                restricted[r["project_id"]] += value
            else:
                pool += value
            continue
        own = min(restricted[r["project_id"]], value)
        restricted[r["project_id"]] -= own
        available = pool + own
        margin = available - value if margin is None else min(margin, available - value)
        if value - own > pool:  # reported once; the payment is then left out
            problems.append(f"{ident}: {money(value)} exceeds the funds available")
            restricted[r["project_id"]] += own
            continue
        pool -= value - own
    return margin or 0


def check_donations(d: Loaded, problems: list[str]) -> None:
    status = {p["project_id"]: p["status"] for p in d.projects}
    unique(d.donations, "donation_id", "donations", problems)
    for r in d.donations:
        if r["project_id"] and status.get(r["project_id"]) in (None, "cancelled"):
            problems.append(f"{r['donation_id']}: unknown or cancelled project")
        if not ("2018-01-01" <= r["date"] <= LAST_DATE.isoformat()):
            problems.append(f"{r['donation_id']}: date out of range")
        if not (r["donor"] in ("个人捐赠", "匿名") or r["donor"].endswith("（示例）")) or (
                r["donor_type"] == "individual" and r["donor"].endswith("公司（示例）")):
            problems.append(f"{r['donation_id']}: donor {r['donor']!r}")


def check_disbursements(d: Loaded, problems: list[str]) -> None:
    projects = {p["project_id"]: p for p in d.projects}
    unique(d.disbursements, "disbursement_id", "disbursements", problems)
    paid: dict[str, int] = defaultdict(int)
    for r in d.disbursements:
        where, p = r["disbursement_id"], projects.get(r["project_id"])
        if p is None:
            problems.append(f"{where}: unknown project {r['project_id']}")
            continue
        if not p["start_date"] <= r["date"] <= LAST_DATE.isoformat():
            problems.append(f"{where}: dated outside {p['start_date']}..{LAST_DATE}")
        if p["status"] in ("planned", "cancelled"):
            problems.append(f"{where}: paid to a {p['status']} project")
        if r["voucher"] != f"vouchers/{where}.png":
            problems.append(f"{where}: voucher not named after the disbursement")
        check_file(FOUNDATION, r["voucher"], where, problems)
        paid[r["project_id"]] += amount(r["amount"], where, problems)
    for pid, total in paid.items():
        if total > amount(projects[pid]["budget"], pid, problems):
            problems.append(f"{pid}: disbursed {money(total)} > budget")


def check_steps(d: Loaded, problems: list[str]) -> None:
    works = {w["project_id"]: w for w in d.works}
    unique(d.works, "project_id", "protection projects", problems)
    by_project: dict[str, list[dict]] = defaultdict(list)
    for s in d.steps:
        by_project[s["project_id"]].append(s)
        if s["project_id"] not in works:
            problems.append(f"steps: unknown project {s['project_id']}")
    for pid, w in works.items():
        if w["category"] not in d.categories or w["community"] not in d.communities:
            problems.append(f"{pid}: unknown category or community")
        amount(w["amount_budgeted"], pid, problems)
        amount(w["amount_spent"], pid, problems)
        check_project_steps(w, by_project[pid], problems)


def check_project_steps(w: dict, rows: list[dict], problems: list[str]) -> None:
    pid = w["project_id"]
    if [s["step"] for s in rows] != STEPS[:len(rows)] or not rows:
        problems.append(f"{pid}: steps {[s['step'] for s in rows]} out of order")
    dates = [s["date"] for s in rows]
    if dates != sorted(set(dates)):
        problems.append(f"{pid}: step dates not strictly increasing")
    if rows and rows[-1]["date"] > LAST_DATE.isoformat():
        problems.append(f"{pid}: step after {LAST_DATE}")
    if w["status"] == "completed" and len(rows) != len(STEPS):
        problems.append(f"{pid}: completed without all five steps")
    if bool(w["contractor"]) != ("contract" in [s["step"] for s in rows]):
        problems.append(f"{pid}: contractor set before contracting (or missing after)")
    for s in rows:
        check_step(pid, s, problems)


def check_step(pid: str, s: dict, problems: list[str]) -> None:
    where = f"{pid} {s['step']}"
    if s["satisfaction"] and s["step"] != "evaluate":
        problems.append(f"{where}: satisfaction outside an evaluation")
    if s["step"] == "evaluate" and not s["satisfaction"]:
        problems.append(f"{where}: evaluation without satisfaction")
    votes = int(s["votes_for"] or 0) + int(s["votes_against"] or 0)
    if votes > int(s["participants"]):
        problems.append(f"{where}: more votes than participants")
    if s["document"]:
        if s["document"] != f"documents/{pid}-{s['step']}.pdf":
            problems.append(f"{where}: document not named after the project and step")
        check_file(PROTECTION, s["document"], where, problems)


def findings(d: Loaded) -> dict[str, set[str]]:
    steps: dict[str, list[dict]] = defaultdict(list)
    for s in d.steps:
        steps[s["project_id"]].append(s)
    cutoff = (LAST_DATE - timedelta(days=STUCK_DAYS)).isoformat()
    today = LAST_DATE.isoformat()
    return {
        "protection overspent": {
            w["project_id"] for w in d.works
            if amount(w["amount_spent"], "", []) > amount(w["amount_budgeted"], "", [])},
        "protection low satisfaction": {
            s["project_id"] for s in d.steps
            if s["step"] == "evaluate" and float(s["satisfaction"]) < 0.6},
        "foundation ongoing past end date": {
            p["project_id"] for p in d.projects
            if p["status"] == "ongoing" and p["end_date"] < today},
        "protection stuck": {
            w["project_id"] for w in d.works
            if w["status"] == "ongoing" and steps[w["project_id"]][-1]["date"] < cutoff},
        "foundation completed without report": {
            p["project_id"] for p in d.projects if p["status"] == "completed" and not p["report"]},
    }


def self_check() -> tuple[list[str], int]:
    problems: list[str] = []
    check_structure(problems)
    d = load(problems)
    check_foundation_projects(d, problems)
    check_donations(d, problems)
    check_disbursements(d, problems)
    margin = funds_simulation(d, problems)
    check_steps(d, problems)
    found = findings(d)
    for name, expected in EXPECTED.items():
        if found[name] != expected:
            problems.append(f"finding {name}: {sorted(found[name])} != {sorted(expected)}")
    return problems, margin


def summary(margin: int) -> list[str]:
    d = load([])
    raised: dict[str, int] = defaultdict(int)
    spent: dict[str, int] = defaultdict(int)
    for r in d.donations:
        raised[r["date"][:4]] += amount(r["amount"], "", [])
    for r in d.disbursements:
        spent[r["date"][:4]] += amount(r["amount"], "", [])
    restricted = sum(amount(r["amount"], "", []) for r in d.donations if r["project_id"])
    statuses: dict[str, int] = defaultdict(int)
    for p in d.projects:
        statuses[p["status"]] += 1
    lines = [f"foundation: {len(d.projects)} projects {dict(sorted(statuses.items()))}, "
             f"{len(d.donations)} donations, {len(d.disbursements)} disbursements",
             f"  donations {yuan(sum(raised.values()))} (restricted {yuan(restricted)}), "
             f"disbursed {yuan(sum(spent.values()))}, smallest margin {yuan(margin)}"]
    for year in sorted(raised.keys() | spent.keys()):
        lines.append(f"  {year}: raised {yuan(raised[year])}  spent {yuan(spent[year])}")
    steps = len(d.steps)
    lines.append(f"protection-fund: {len(d.works)} projects, {steps} steps")
    files = [p for folder in (FOUNDATION, PROTECTION) for p in folder.rglob("*") if p.is_file()]
    lines.append(f"files: {len(files)}, {sum(p.stat().st_size for p in files):,} bytes")
    for name, ids in EXPECTED.items():
        lines.append(f"finding {name}: {', '.join(sorted(ids))}")
    return lines


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        write_codelists()
        write_foundation()
        write_protection()
    problems, margin = self_check()
    for line in summary(margin):
        print(line)
    for p in problems:
        print("PROBLEM:", p)
    print("self-check:", "FAILED" if problems else "ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
