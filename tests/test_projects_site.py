"""Foundation and protection-fund pages of the minimal site, checked against sums
computed here from the fixture's CSV files."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from generator import derivatives

from .conftest import MINIMAL
from .test_site import cell, page, resolve


def table(path: str) -> list[dict[str, str]]:
    with (MINIMAL / path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def test_foundation_totals_match_the_csv_files(minimal_site: Path) -> None:
    gifts, payments = table("foundation/donations.csv"), table("foundation/disbursements.csv")
    projects = table("foundation/projects.csv")
    raised = sum(Decimal(d["amount"]) for d in gifts)
    spent = sum(Decimal(d["amount"]) for d in payments)
    html = page(minimal_site, "foundation/index.html")
    assert cell(html, 'data-foundation="raised"') == money(raised)
    assert cell(html, 'data-foundation="spent"') == money(spent)
    assert cell(html, 'data-foundation="balance"') == money(raised - spent)
    assert cell(html, 'data-foundation="projects"') == str(len(projects))
    assert cell(html, 'data-foundation="beneficiaries"') == str(
        sum(int(p["beneficiaries"]) for p in projects))


def test_foundation_years_and_categories_match_the_csv_files(minimal_site: Path) -> None:
    html = page(minimal_site, "foundation/index.html")
    raised: dict[str, Decimal] = defaultdict(Decimal)
    for d in table("foundation/donations.csv"):
        raised[d["date"][:4]] += Decimal(d["amount"])
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for d in table("foundation/disbursements.csv"):
        spent[d["date"][:4]] += Decimal(d["amount"])
    for year in raised.keys() | spent.keys():
        assert cell(html, f'data-year-raised="{year}"') == money(raised[year])
        assert cell(html, f'data-year-spent="{year}"') == money(spent[year])
    category = {p["project_id"]: p["category"] for p in table("foundation/projects.csv")}
    by_category: dict[str, Decimal] = defaultdict(Decimal)
    for d in table("foundation/disbursements.csv"):
        by_category[category[d["project_id"]]] += Decimal(d["amount"])
    for code, total in by_category.items():
        assert cell(html, f'data-category-spent="{code}"') == money(total)


def test_project_page_traces_money_in_and_out_to_vouchers(minimal_site: Path) -> None:
    path = "foundation/projects/F-01/index.html"
    html = page(minimal_site, path)
    gifts = [d for d in table("foundation/donations.csv") if d["project_id"] == "F-01"]
    payments = [d for d in table("foundation/disbursements.csv") if d["project_id"] == "F-01"]
    assert cell(html, 'data-project="raised"') == money(sum(Decimal(d["amount"]) for d in gifts))
    assert cell(html, 'data-project="spent"') == money(
        sum(Decimal(d["amount"]) for d in payments))
    for d in payments:
        row = html.split(f'<tr id="{d["disbursement_id"]}"', 1)[1].split("</tr>", 1)[0]
        assert d["payee"] in row and d["purpose"] in row
        href = re.search(r'class="xy-voucher" href="([^"]+)"', row).group(1)
        assert resolve(minimal_site, path, href).read_bytes() == (
            MINIMAL / "foundation" / d["voucher"]).read_bytes()
    report = re.search(r'<a href="([^"]+)">查看报告</a>', html).group(1)
    assert resolve(minimal_site, path, report).is_file()


def test_five_step_tracker_shows_each_step_with_its_evidence(minimal_site: Path) -> None:
    path = "protection-fund/projects/B-01/index.html"
    html = page(minimal_site, path)
    for step in (s for s in table("protection-fund/steps.csv") if s["project_id"] == "B-01"):
        item = html.split(f'id="step-{step["step"]}"', 1)[1].split("</li>", 1)[0]
        assert "xy-step-done" in html.split(f'id="step-{step["step"]}"', 1)[0][-80:]
        assert step["date"] in item and step["summary"] in item
        assert f"参与 {step['participants']} 人" in item
    assert "满意度 90%" in html
    evidence = re.search(r'<a href="([^"]+)">佐证材料</a>', html).group(1)
    assert resolve(minimal_site, path, evidence).read_bytes() == derivatives.derive(
        (MINIMAL / "protection-fund/documents/B-01-solicit.pdf").read_bytes(), "pdf")


def test_project_stuck_at_a_step_for_over_90_days_says_so(minimal_site: Path) -> None:
    html = page(minimal_site, "protection-fund/projects/B-02/index.html")
    built = json.loads((minimal_site / "manifest.json").read_text("utf-8"))["build_date"]
    days = (date.fromisoformat(built) - date(2022, 4, 1)).days  # as of the build date
    assert f"本项目停留在“议事会决议”已 {days} 天（超过 90 天）" in html
    for step in ("contract", "implement", "evaluate"):
        item = html.split(f'id="step-{step}"', 1)[1].split("</li>", 1)[0]
        assert "尚未进行" in item
    overview = page(minimal_site, "protection-fund/index.html")
    assert f"停留 {days} 天" in overview


def test_community_page_lists_its_projects_and_its_neighbourhood(minimal_site: Path) -> None:
    html = page(minimal_site, "communities/demo/index.html")
    projects = html.split('id="projects"', 1)[1].split('id="ledger"', 1)[0]
    for title in ("共享奶奶互助", "楼道照明改造", "适老化扶手"):  # B-02 is in 示范社区
        assert title in projects
    assert "儿童友好空间" not in projects  # F-02 names only 其他社区
    assert 'href="../../communities/shifan/">示范社区</a>' in projects


def test_neighbourhood_without_a_package_has_a_page_with_its_projects(minimal_site: Path) -> None:
    html = page(minimal_site, "communities/other/index.html")
    assert "<h1" in html and "其他社区" in html
    assert 'href="../../foundation/projects/F-02/">儿童友好空间</a>' in html
