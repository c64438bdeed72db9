"""One estate's trust-fund package: the ledger streamed month by month, and the budget,
collection and statements written afterwards from running totals, so that they agree
with the ledger without holding it in memory.

Each month has exactly M entries: ten that recur every month (fees, public revenue,
interest, staff, cleaning, security, utilities and the trustee's remuneration) and M - 10
assorted ones. Remuneration is 14% of the month's income against an agreed rate of at
least 15%; the rest of the spending stays under the income, so the fund grows slowly.
"""

from __future__ import annotations

import calendar
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain import VENDOR_EXEMPT
from .files import RowWriter, money, resources, rng, split, table, write_json, write_pdf
from .names import (
    BUDGET_ITEMS,
    COMPOUNDS,
    DEMO,
    DISTRICT,
    FIXED_PARTIES,
    JOBS,
    MONTHLY_TEXT,
    ROADS,
    SYNTHETIC,
    VENDOR_KINDS,
    District,
    Estate,
    company,
)

END_YEAR = 2025  # every ledger ends in December of this year
FIRMS_CHOSEN = "选聘保洁、秩序维护、绿化、电梯维保、维修等服务单位"
# The categories whose payee is a firm the owners chose (the others are income or exempt).
EXPENSE_FIRMS = ("cleaning", "security", "greening", "elevator", "repair", "office",
                 "community", "insurance", "audit", "other-expense")
FIXED_ENTRIES = 10  # entries every month has, whatever M is
PAY_PERCENT = 14  # of each month's income, paid as the trustee's remuneration
# One estate in EVERY overruns a budget line and one leaves a month unpublished, so the
# findings show up deterministically and stay few.
EVERY, OVERRUN_AT, GAP_AT = 25, 1, 2
GAP_MONTH = (END_YEAR, 6)
OVERRUN_CATEGORY, OVERRUN = "utilities", 1.25

INCOME = ("fee", "parking", "advertising", "rent", "interest", "other-income")
EXPENSE = ("staff", "cleaning", "security", "utilities", "remuneration", "repair", "greening",
           "elevator", "office", "community", "insurance", "audit", "tax", "other-expense")
LINE = {**{c: f"I{i:02d}" for i, c in enumerate(INCOME, 1)},
        **{c: f"E{i:02d}" for i, c in enumerate(EXPENSE, 1)}}
CATEGORIES = {**dict.fromkeys(INCOME, "income"), **dict.fromkeys(EXPENSE, "expense")}
# Shares of the month's spending; the assorted entries share the remaining 0.30.
FIXED_SHARES = {"staff": 0.33, "cleaning": 0.13, "security": 0.15, "utilities": 0.09}
ASSORTED = {"repair": 30, "greening": 12, "elevator": 12, "office": 10, "community": 8,
            "insurance": 3, "audit": 3, "tax": 8, "other-expense": 6, "other-income": 8}


@dataclass(frozen=True)
class Profile:
    """The figures an estate's accounts are made from, drawn once from its seed."""

    households: int
    area_m2: float
    fee_standard: float
    rate: float  # agreed remuneration rate
    opening_cents: int
    built_year: int
    address: str
    trustee: str
    parties: dict[str, str]  # category -> counterparty
    paid: dict[int, float]  # year -> share of households paying

    @property
    def billed_month(self) -> int:
        return int(self.area_m2 * self.fee_standard * 100)


@dataclass
class Totals:
    """Running sums while the ledger streams: all the other tables need. Mutable, as an
    accumulator is; it never leaves this module."""

    balance: int
    rows: int = 0
    by_line: Counter[tuple[int, str]] = field(default_factory=Counter)  # (year, category)
    closing: dict[str, int] = field(default_factory=dict)  # month -> balance at its end


def profile(seed: int, e: Estate, years: tuple[int, ...]) -> Profile:
    r = rng(seed, e.id, "profile")
    households = r.randint(180, 2400)
    (a, _), (b, _) = r.choice(COMPOUNDS)
    return Profile(
        households=households, area_m2=round(households * r.uniform(70, 115), 1),
        fee_standard=r.choice((0.8, 0.9, 1.0, 1.1, 1.2, 1.5, 1.8, 2.0)),
        rate=r.choice((0.15, 0.15, 0.16, 0.18)),
        opening_cents=households * r.randint(3000, 12000),
        built_year=r.randint(1990, years[0] - 1),
        address=f"{DISTRICT}{a}{b}{r.choice(ROADS)}{r.randint(1, 399)}号",
        trustee=company(r, "物业服务有限公司"),
        parties={**FIXED_PARTIES, **{c: company(r, kind) for c, kind in VENDOR_KINDS.items()}},
        paid={y: r.uniform(0.86, 0.99) for y in years},
    )


def write(root: Path, d: District, e: Estate, per_month: int) -> int:
    """Write the package; return its number of ledger rows."""
    folder = root / "communities" / e.id
    p = profile(d.seed, e, d.years)
    totals = Totals(balance=p.opening_cents)
    with table(folder / "ledger.csv", "ledger") as ledger:
        r = rng(d.seed, e.id, "ledger")
        for year in d.years:
            for month in range(1, 13):
                if e.index % EVERY == GAP_AT and (year, month) == GAP_MONTH:
                    continue  # nothing published: the overdue finding
                _month(folder, ledger, r, e, p, year, month, per_month, totals)
    _budget(folder, d, e, p, totals)
    _collection(folder, d, p, totals)
    _statements(folder, e, totals)
    chosen = _resolutions(folder, d, e, p)
    _parties(folder, d, p, chosen)
    write_json(folder / "datapackage.json", descriptor(d, e, p))
    return totals.rows


def _month(folder: Path, ledger: RowWriter, r: random.Random, e: Estate, p: Profile,
           year: int, month: int, per_month: int, totals: Totals) -> None:
    label = f"{year}-{month:02d}"
    voucher = f"vouchers/{label}.pdf"  # the month's voucher book (凭证册)
    width = max(3, len(str(per_month)))
    sums: Counter[str] = Counter()
    rows = []
    for n, (day, _, category, cents, party, text) in enumerate(
            sorted(_entries(r, p, year, month, per_month)), start=1):
        direction = CATEGORIES[category]
        rows.append((f"{e.prefix}-{label}-{n:0{width}d}", f"{label}-{day:02d}", direction,
                     category, money(cents), party, text,
                     voucher if direction == "expense" else "", LINE[category], ""))
        sums[category] += cents
    ledger.writerows(rows)  # one month at a time: at most M rows in memory
    for category, cents in sums.items():
        totals.by_line[(year, category)] += cents
        totals.balance += cents if CATEGORIES[category] == "income" else -cents
    totals.rows += per_month
    totals.closing[label] = totals.balance
    write_pdf(folder / voucher, f"{e.prefix} {label} voucher book - synthetic demo data")


Slot = tuple[int, int, str, int, str, str]  # day, order, category, cents, party, text


def _entries(r: random.Random, p: Profile, year: int, month: int, per_month: int) -> list[Slot]:
    last = calendar.monthrange(year, month)[1]
    assorted = r.choices(tuple(ASSORTED), weights=tuple(ASSORTED.values()),
                         k=per_month - FIXED_ENTRIES)
    income = _income(r, p, year, month, assorted)
    total = sum(cents for *_, cents in income)
    pay = total * PAY_PERCENT // 100
    spend = int((total - pay) * r.uniform(0.86, 0.97))
    spent = _spending(r, spend, assorted)
    slots = [*income, *spent, ("remuneration", pay)]
    days = {"fee": 5, "interest": 21, "staff": 15, "cleaning": 25, "security": 25,
            "remuneration": last}
    result = []
    for order, (category, cents) in enumerate(slots):
        # r.random() rather than randint/choice: this loop runs a million times.
        day = days.get(category) or 1 + int(r.random() * last)
        jobs = JOBS.get(category, ())
        text = (f"{year}年{month}月{MONTHLY_TEXT[category]}" if category in MONTHLY_TEXT
                else jobs[int(r.random() * len(jobs))])
        party = p.trustee if category == "remuneration" else p.parties[category]
        result.append((day, order, category, cents, party, text))
    return result


def _income(r: random.Random, p: Profile, year: int, month: int,
            assorted: list[str]) -> list[tuple[str, int]]:
    fee = int(p.billed_month * p.paid[year] * r.uniform(0.96, 1.0))
    fixed = [("fee", fee), ("parking", p.households * r.randint(600, 1400)),
             ("advertising", r.randint(30000, 200000)), ("rent", r.randint(50000, 300000)),
             ("interest", r.randint(2000, 30000))]
    return fixed + [(c, r.randint(10000, 200000)) for c in assorted if c == "other-income"]


def _spending(r: random.Random, spend: int, assorted: list[str]) -> list[tuple[str, int]]:
    others = [c for c in assorted if c != "other-income"]
    weights = [*FIXED_SHARES.values(),
               *(0.30 / len(others) * r.uniform(0.5, 1.5) for _ in others)]
    return list(zip([*FIXED_SHARES, *others], split(spend, weights), strict=True))


def _budget(folder: Path, d: District, e: Estate, p: Profile, totals: Totals) -> None:
    """Lines for what each year used: income near the actual, spending a little above
    it, so the only overrun is the deliberate one."""
    r = rng(d.seed, e.id, "budget")
    with table(folder / "budget.csv", "budget") as out:
        for year in d.years:
            for category, line in LINE.items():
                actual = totals.by_line[(year, category)]
                if not actual:
                    continue
                factor = r.uniform(0.95, 1.05) if line[0] == "I" else r.uniform(1.0, 1.08)
                if _overrun(e, year, category):
                    factor = 1 / OVERRUN
                # Whole hundreds of yuan, as budgets are written; rounded up when above.
                planned = max(10000, int(actual * factor) // 10000 * 10000
                              + (10000 if factor > 1 else 0))
                note = f"不超过收入的{p.rate:.0%}" if category == "remuneration" else ""
                out.writerow((year, line, CATEGORIES[category], category,
                              BUDGET_ITEMS[category], money(planned), note))


def _overrun(e: Estate, year: int, category: str) -> bool:
    return e.index % EVERY == OVERRUN_AT and year == END_YEAR and category == OVERRUN_CATEGORY


def _collection(folder: Path, d: District, p: Profile, totals: Totals) -> None:
    with table(folder / "collection.csv", "collection") as out:
        for year in d.years:
            out.writerow((year, p.households, round(p.households * p.paid[year]),
                          money(p.billed_month * 12), money(totals.by_line[(year, "fee")])))


def _statements(folder: Path, e: Estate, totals: Totals) -> None:
    """Every month's closing balance, from one statement book a year: a file per month
    would double the files, and creating a file costs more than writing a row."""
    with table(folder / "statements.csv", "statements") as out:
        for month, cents in sorted(totals.closing.items()):
            book = f"documents/statements-{month[:4]}.pdf"
            if not (folder / book).exists():
                write_pdf(folder / book, f"{e.prefix} {month[:4]} bank statements - synthetic demo")
            out.writerow((month, money(cents), book))


def _resolutions(folder: Path, d: District, e: Estate, p: Profile) -> str:
    """The estate's votes; the id of the one that chose its service firms."""
    r = rng(d.seed, e.id, "votes")
    first = d.years[0]
    items = [(f"{first - 1}-11-{r.randint(10, 28):02d}",
              "业主大会：同意采用信托制物业服务模式并选聘受托人", "trustee"),
             (f"{first - 1}-12-{r.randint(1, 9):02d}", FIRMS_CHOSEN, "contract")]
    for year in d.years:
        items.append((f"{year - 1}-12-{r.randint(10, 28):02d}", f"{year}年度共有资金收支预算",
                      "budget"))
        items.append((f"{year}-06-{r.randint(10, 28):02d}",
                      f"续签电梯维保合同（{year}年7月起一年）", "contract"))
    counter: Counter[str] = Counter()
    chosen = ""
    with table(folder / "resolutions.csv", "resolutions") as out:
        for when, title, kind in sorted(items):
            counter[when[:4]] += 1
            cast = int(p.households * r.uniform(0.72, 0.92))
            yes = int(cast * r.uniform(0.78, 0.95))
            against = int((cast - yes) * r.uniform(0.3, 0.7))
            rid = f"{e.prefix}-R-{when[:4]}-{counter[when[:4]]:02d}"
            chosen = rid if title == FIRMS_CHOSEN else chosen
            out.writerow((rid, when, title, kind, yes, against, cast - yes - against,
                          p.households, ""))
    return chosen


def _parties(folder: Path, d: District, p: Profile, chosen: str) -> None:
    """Every service firm the estate pays, declared as chosen by the owners' resolution:
    one firm a category every year is then a contract, not a favoured vendor."""
    firms = sorted({name for code, name in p.parties.items()
                    if code in EXPENSE_FIRMS and code not in VENDOR_EXEMPT})
    with table(folder / "parties.csv", "parties") as out:
        for name in firms:
            out.writerow((name, "contracted", chosen, f"{d.years[0]}-01-01", "", ""))


def descriptor(d: District, e: Estate, p: Profile) -> dict[str, Any]:
    area = e.area
    return {
        "name": e.id, "title": e.title,
        "description": f"{e.title}共有资金账目，{SYNTHETIC}（非真实账目）：由 portal demo "
                       "生成，供演示和性能测试使用；小区、金额、单位和明细均为虚构。",
        "sample": True,
        "community": {
            "district": DISTRICT, "subdistrict": area.subdistrict, "neighborhood": area.name_zh,
            "address": p.address, "households": p.households, "floor_area_m2": p.area_m2,
            "built_year": p.built_year, "trust_since": f"{d.years[0]}-01-01",
            "trustee": p.trustee,
            "supervisors": [
                {"role": "社区党委", "name": f"{area.name_zh}党委"},
                {"role": "居民委员会", "name": f"{area.name_zh}居民委员会"},
                {"role": "律师", "name": f"{area.name_zh[:2]}律师事务所{DEMO}"},
                {"role": "会计师", "name": p.parties["audit"]}],
            "remuneration_rate": p.rate, "fee_standard": p.fee_standard,
            "opening_balance": {"date": f"{d.years[0]}-01-01",
                                "amount": p.opening_cents / 100},
            # Ends with the ledger, so the months after it never fall due.
            "disclosure": {"frequency": "monthly", "due_day": 10, "until": f"{END_YEAR}-12"},
        },
        "resources": resources("ledger", "budget", "resolutions", "collection", "statements",
                               "parties"),
    }
