"""The invented district: neighbourhoods (社区), estates (小区, one package each) and the
names of everyone who appears in the accounts. Every organisation name ends in （演示）
so that no line can be mistaken for a real company's accounts."""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import product

from .files import rng

DISTRICT = "演示区"
DEMO = "（演示）"
SYNTHETIC = "合成演示数据"

# (hanzi, pinyin): compound names such as 锦华花园 are two of these and a suffix.
SYLLABLES = (
    ("锦", "Jin"), ("华", "Hua"), ("翠", "Cui"), ("金", "Jin"), ("银", "Yin"), ("桂", "Gui"),
    ("兰", "Lan"), ("溪", "Xi"), ("江", "Jiang"), ("蓉", "Rong"), ("青", "Qing"), ("瑞", "Rui"),
    ("嘉", "Jia"), ("和", "He"), ("福", "Fu"), ("泰", "Tai"), ("康", "Kang"), ("景", "Jing"),
    ("怡", "Yi"), ("丽", "Li"), ("清", "Qing"), ("安", "An"), ("祥", "Xiang"), ("雅", "Ya"),
    ("悦", "Yue"), ("书", "Shu"), ("馨", "Xin"), ("柏", "Bai"), ("枫", "Feng"), ("荷", "He"),
)
ESTATE_SUFFIXES = ("苑", "园", "花园", "小区", "家园", "庭", "府", "雅居")
ROADS = ("路", "街", "大道", "巷")


Compound = tuple[tuple[str, str], tuple[str, str]]  # two (hanzi, pinyin) syllables


@dataclass(frozen=True)
class Neighbourhood:
    """A 社区 in codelists/communities.csv; estates name it as their neighborhood."""

    id: str
    name_zh: str
    name_en: str
    subdistrict: str


@dataclass(frozen=True)
class Estate:
    """One 小区 with its own trust-fund package."""

    index: int
    id: str  # package id, c001
    prefix: str  # of its entry ids, C001
    title: str
    area: Neighbourhood


@dataclass(frozen=True)
class District:
    seed: int
    years: tuple[int, ...]
    neighbourhoods: tuple[Neighbourhood, ...]
    estates: tuple[Estate, ...]


def pairs(r: random.Random) -> list[Compound]:
    """Every two-syllable compound in a seeded order: unique names without retries."""
    found = [(a, b) for a, b in product(SYLLABLES, SYLLABLES) if a[0] != b[0]]
    r.shuffle(found)
    return found


def district(seed: int, communities: int, years: tuple[int, ...]) -> District:
    r = rng(seed, "names")
    compounds = pairs(r)
    count = -(-communities // 8)  # about eight estates in each neighbourhood
    width = max(2, len(str(count)))
    # Four neighbourhoods to a 街道, named from the other end of the same list.
    areas = tuple(_neighbourhood(i, compounds[i], compounds[-1 - i // 4], width)
                  for i in range(count))
    width = max(3, len(str(communities)))
    titles = estate_titles(r, communities)
    estates = tuple(Estate(i, f"c{i + 1:0{width}d}", f"C{i + 1:0{width}d}", titles[i],
                           areas[i * count // communities]) for i in range(communities))
    return District(seed, years, areas, estates)


def _neighbourhood(i: int, compound: Compound, street: Compound, width: int) -> Neighbourhood:
    (a, pa), (b, pb) = compound
    return Neighbourhood(f"n{i + 1:0{width}d}", f"{a}{b}社区", f"{pa}{pb.lower()} Community",
                         f"{street[0][0]}{street[1][0]}街道")


def estate_titles(r: random.Random, communities: int) -> list[str]:
    """Unique titles; past the ~7,000 compounds a phase number (二期) keeps them apart."""
    names = [f"{a}{b}{suffix}" for (a, _), (b, _) in pairs(r) for suffix in ESTATE_SUFFIXES]
    r.shuffle(names)
    return [names[i % len(names)] + ("" if i < len(names) else f"{i // len(names) + 1}期")
            for i in range(communities)]


def company(r: random.Random, kind: str) -> str:
    """An invented organisation, e.g. 瑞和保洁服务有限公司（演示）."""
    (a, _), (b, _) = r.choice(COMPOUNDS)
    return f"{a}{b}{kind}{DEMO}"


COMPOUNDS = pairs(random.Random("compounds"))

VENDOR_KINDS = {
    "cleaning": "保洁服务有限公司", "security": "保安服务有限公司",
    "greening": "园林绿化有限公司", "elevator": "电梯工程有限公司",
    "repair": "房屋维修有限公司", "office": "文印服务部", "community": "文化活动策划有限公司",
    "insurance": "财产保险股份有限公司", "audit": "会计师事务所", "advertising": "传媒广告有限公司",
    "rent": "便民服务有限公司", "parking": "停车管理有限公司", "utilities": "公用事业服务中心",
    "other-income": "再生资源回收站", "other-expense": "商业银行营业部", "tax": "税务代理有限公司",
}
# Counterparties that are not one company: owners' fees are always one monthly total.
FIXED_PARTIES = {"fee": "业主（按月汇总）", "interest": "共有资金开户银行",
                 "staff": "物业服务中心员工（工资按月汇总）"}

REPAIR_JOBS = (
    "楼道照明灯具更换", "单元门禁锁维修", "雨污管道疏通", "消防栓及灭火器维护更换",
    "屋面局部防水修补", "小区道路破损修补", "监控摄像头更换", "单元门闭门器更换",
    "二次供水水泵检修", "外墙空鼓局部修缮", "健身器材维修", "车行道闸维修",
)
JOBS = {
    "repair": REPAIR_JOBS,
    "greening": ("草坪修剪", "乔木修枝", "补种花草", "绿化病虫害防治"),
    "elevator": ("电梯月度维保", "电梯配件更换", "电梯年检"),
    "office": ("办公用品及打印耗材", "公示栏账目公示打印", "门禁卡制作", "业主大会表决票印制"),
    "community": ("邻里节活动物资", "重阳节敬老活动", "儿童暑期活动", "业主开放日"),
    "insurance": ("公众责任保险保费",),
    "audit": ("共有资金专项审计", "常年法律顾问费"),
    "tax": ("公共收益增值税及附加",),
    "other-expense": ("银行账户管理费", "转账手续费"),
    "other-income": ("公共区域废旧物资回收收入", "电动车充电桩电费分成"),
}
# Monthly entries: (category, text after "YYYY年M月").
MONTHLY_TEXT = {
    "fee": "物业服务费（按月汇总）", "parking": "公共停车位收益", "advertising": "电梯广告收益",
    "rent": "公共用房租金", "interest": "共有资金账户利息", "staff": "物业服务中心人员工资及社保",
    "cleaning": "保洁服务费", "security": "秩序维护服务费", "utilities": "公共区域水电费",
    "remuneration": "受托人酬金（当月收入的14%）",
}
BUDGET_ITEMS = {
    "fee": "物业服务费收入", "parking": "公共停车位收益", "advertising": "广告收益",
    "rent": "公共用房租金", "interest": "账户利息", "other-income": "其他收入",
    "staff": "人员工资及社保", "cleaning": "保洁服务外包", "security": "秩序维护",
    "utilities": "公共区域水电费", "remuneration": "受托人酬金", "repair": "共用部位及设施维修",
    "greening": "绿化养护", "elevator": "电梯维保", "office": "办公及公示费用",
    "community": "社区邻里活动", "insurance": "公众责任保险", "audit": "审计与法律顾问",
    "tax": "增值税及附加", "other-expense": "银行手续费等",
}
