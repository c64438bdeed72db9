"""The district's foundation and protection fund, one project per three estates.

Foundation: each project is funded by a restricted gift on its first day that covers its
whole budget, so no payment can exceed the funds available; small unrestricted gifts
arrive every month besides. Payments of one month share one voucher file. Protection
fund: every project passes the five steps in order within its year.
"""

from __future__ import annotations

import calendar
import csv
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..domain import INDIVIDUAL, PLACEHOLDER_DONORS
from .community import END_YEAR
from .files import money, resources, rng, split, table, write_json, write_pdf
from .names import SYNTHETIC, District, company

ONGOING_END = date(END_YEAR + 3, 12, 31)  # after the build dates the demo is made for
TOPICS = {"elderly": "长者助餐服务", "children": "四点半课堂", "placemaking": "邻里营造计划",
          "safety": "应急救护培训", "disability": "助残康复服务", "culture": "社区文化节",
          "environment": "垃圾分类宣传", "facilities": "公共空间微更新",
          "insurance": "普惠保险互助"}
WORKS = {"elderly": "适老化扶手安装", "children": "儿童游乐设施更新", "safety": "消防通道整治",
         "facilities": "楼道照明改造", "environment": "院坝绿化提升",
         "disability": "无障碍坡道改造"}
STEP_TEXT = {"solicit": "坝坝会征集居民意见", "resolve": "议事会表决通过实施方案",
             "contract": "公开比选确定承接方", "implement": "承接方进场实施",
             "evaluate": "居民评议项目成效"}
STEP_MONTHS = {"solicit": 3, "resolve": 4, "contract": 5, "implement": 7, "evaluate": 10}


@dataclass(frozen=True)
class Project:
    id: str
    title: str
    category: str
    communities: str  # ids joined by ";"
    partner: str
    start: date
    end: date
    completed: bool
    budget: int  # cents


def categories(root: Path) -> list[tuple[str, str]]:
    """(code, name) from the code list already copied into the demo."""
    with (root / "codelists" / "project-categories.csv").open(encoding="utf-8-sig") as f:
        return [(row["code"], row["name_zh"]) for row in csv.DictReader(f)]


def _months(d: District) -> list[tuple[int, int]]:
    return [(y, m) for y in d.years for m in range(1, 13)]


def _end_of(month: tuple[int, int]) -> date:
    return date(*month, calendar.monthrange(*month)[1])


def _place(d: District, k: int) -> tuple[str, str]:
    """(ids, name) a project serves: three estates, or every fourth time their 社区."""
    estates = d.estates
    chosen = [estates[i % len(estates)] for i in range(3 * k, 3 * k + 3)]
    if k % 4 == 3:
        return chosen[0].area.id, chosen[0].area.name_zh
    ids = list(dict.fromkeys(e.id for e in chosen))
    return ";".join(ids), chosen[0].title


def foundation_project(r: random.Random, d: District, k: int,
                       kinds: list[tuple[str, str]]) -> Project:
    months = _months(d)
    code, name = kinds[k % len(kinds)]
    ids, place = _place(d, k)
    completed = k % 6 != 5
    if completed:
        first = r.randint(0, len(months) - 4)
        end = _end_of(months[first + r.randint(3, min(12, len(months) - first)) - 1])
    else:
        first = r.randint(max(0, len(months) - 12), len(months) - 2)
        end = ONGOING_END
    return Project(f"F-{k + 1:03d}", f"{place}{TOPICS.get(code, name + '项目')}", code, ids,
                   company(r, "社会工作服务中心"), date(*months[first], 1), end, completed,
                   r.randint(200, 2000) * 10000)


def write_foundation(root: Path, d: District) -> None:
    folder = root / "foundation"
    r = rng(d.seed, "foundation")
    kinds = categories(root)
    projects = [foundation_project(r, d, k, kinds) for k in range(-(-len(d.estates) // 3))]
    with table(folder / "projects.csv", "foundation-projects") as out:
        for p in projects:
            report = f"documents/{p.id}-report.pdf" if p.completed else ""
            if report:
                write_pdf(folder / report, f"{p.id} final report - synthetic demo data")
            out.writerow((p.id, p.title, p.category, p.communities, p.partner, p.start, p.end,
                          "completed" if p.completed else "ongoing", money(p.budget),
                          r.randint(50, 3000), f"{p.title}：{SYNTHETIC}，内容与成效均为虚构。",
                          report))
    _donations(folder, r, d, projects)
    _disbursements(folder, r, projects)
    write_json(folder / "datapackage.json", {
        "name": "foundation", "title": f"演示区社区基金会（{SYNTHETIC}）",
        "description": f"{SYNTHETIC}（非真实账目）：由 portal demo 生成的社区基金会项目、"
                       "捐赠和拨付，供演示和性能测试使用，均为虚构。",
        "sample": True, "organisation": "演示区社区基金会（演示）",
        "founded": min(2018, d.years[0]),
        "resources": resources("projects", "donations", "disbursements"),
    })


def _numbered(prefix: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Sort by date and number within the month: G-2024-03-001."""
    seen: Counter[str] = Counter()
    result = []
    for row in sorted(rows, key=lambda row: [str(x) for x in row]):
        month = row[0].strftime("%Y-%m")
        seen[month] += 1
        result.append((f"{prefix}-{month}-{seen[month]:03d}", *row))
    return result


def _donations(folder: Path, r: random.Random, d: District, projects: list[Project]) -> None:
    rows: list[tuple[Any, ...]] = [
        (p.start, company(r, "有限公司"), money(p.budget), p.id, "bank") for p in projects]
    for year, month in _months(d):  # unrestricted gifts, shown as 个人 or 匿名
        rows.append((date(year, month, r.randint(1, 28)), r.choice(("个人捐赠", "匿名")),
                     money(r.randint(50, 2000) * 100), "", r.choice(("online", "onsite"))))
    with table(folder / "donations.csv", "donations") as out:
        for number, when, donor, amount, project, channel in _numbered("G", rows):
            kind = INDIVIDUAL if donor in PLACEHOLDER_DONORS else "organisation"
            out.writerow((number, when, donor, kind, "", amount, project, channel))


def _disbursements(folder: Path, r: random.Random, projects: list[Project]) -> None:
    rows: list[tuple[Any, ...]] = []
    last = date(END_YEAR, 12, 31)
    for p in projects:
        share = r.uniform(0.85, 1.0) if p.completed else r.uniform(0.3, 0.6)
        months = [(y, m) for y in range(p.start.year, END_YEAR + 1) for m in range(1, 13)
                  if p.start <= date(y, m, 1) <= min(p.end, last)]
        paid = sorted(r.choices(months, k=r.randint(2, 4)))
        parts = split(int(p.budget * share), [r.uniform(0.5, 1.5) for _ in paid])
        for n, (month, cents) in enumerate(zip(paid, parts, strict=True), start=1):
            rows.append((date(*month, r.randint(10, 28)), p.id, money(cents), p.partner,
                         f"{p.title}第{n}期经费"))
    with table(folder / "disbursements.csv", "disbursements") as out:
        for number, when, project, amount, payee, purpose in _numbered("FD", rows):
            voucher = f"vouchers/{when:%Y-%m}.pdf"  # one voucher book a month
            if not (folder / voucher).exists():
                write_pdf(folder / voucher, f"Foundation {when:%Y-%m} vouchers - synthetic demo")
            out.writerow((number, when, project, amount, payee, purpose, voucher))


def write_protection(root: Path, d: District) -> None:
    folder = root / "protection-fund"
    r = rng(d.seed, "protection")
    works = [(c, WORKS[c]) for c, _ in categories(root) if c in WORKS]
    kinds = works or [(categories(root)[0][0], "公共设施维修")]
    count = -(-len(d.estates) // 3)
    width = max(3, len(str(count)))
    steps: list[tuple[Any, ...]] = []
    with table(folder / "projects.csv", "protection-projects") as out:
        for k in sorted(range(count), key=lambda k: (d.years[k % len(d.years)], k)):
            year = d.years[k % len(d.years)]
            project = f"B-{year}-{k + 1:0{width}d}"
            done = year < END_YEAR or k % 2 == 0
            budget = r.randint(100, 800) * 10000
            share = r.uniform(0.85, 1.0) if done else r.uniform(0.3, 0.6)
            ids, place = _place(d, k)
            code, work = kinds[k % len(kinds)]
            out.writerow((project, ids.split(";")[0], year, f"{place}{work}", code,
                          money(budget), money(int(budget * share)),
                          company(r, "建筑工程有限公司"), "completed" if done else "ongoing"))
            steps.extend(_steps(r, project, year, done))
    with table(folder / "steps.csv", "steps") as out:
        out.writerows(steps)
    write_json(folder / "datapackage.json", {
        "name": "protection-fund", "title": f"演示区社区保障资金（{SYNTHETIC}）",
        "description": f"{SYNTHETIC}：由 portal demo 生成的社区保障资金项目及其五个步骤，"
                       "供演示和性能测试使用，均为虚构。",
        "sample": True, "resources": resources("projects", "steps"),
    })


def _steps(r: random.Random, project: str, year: int, done: bool) -> list[tuple[Any, ...]]:
    rows = []
    for step, month in STEP_MONTHS.items():
        if step == "evaluate" and not done:
            break
        people = {"solicit": r.randint(30, 200), "resolve": r.randint(9, 21),
                  "contract": r.randint(5, 12), "implement": r.randint(4, 10),
                  "evaluate": r.randint(40, 200)}[step]
        against = r.randint(0, people // 4) if step == "resolve" else None
        votes = (people - against - r.randint(0, 2), against) if against is not None \
            else ("", "")
        satisfaction = f"{r.uniform(0.78, 0.98):.2f}" if step == "evaluate" else ""
        rows.append((project, step, date(year, month, r.randint(5, 25)), STEP_TEXT[step],
                     people, *votes, satisfaction, ""))
    return rows
