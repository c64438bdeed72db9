"""The comparison page against figures computed here from the fixture."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from .conftest import MINIMAL
from .test_site import cell, page


def test_costs_per_m2_and_balance_per_household(minimal_site: Path) -> None:
    descriptor = json.loads((MINIMAL / "communities/demo/datapackage.json").read_text("utf-8"))
    area = Decimal(str(descriptor["community"]["floor_area_m2"]))
    households = descriptor["community"]["households"]
    with (MINIMAL / "communities/demo/ledger.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    corrected = {r["corrects"] for r in rows if r["corrects"]}
    live = [r for r in rows if r["entry_id"] not in corrected and r["date"].startswith("2021")]
    months = len({r["date"][:7] for r in live})
    repair = sum(Decimal(r["amount"]) for r in live if r["category"] == "repair")
    expense = sum(Decimal(r["amount"]) for r in live if r["direction"] == "expense")
    income = sum(Decimal(r["amount"]) for r in live if r["direction"] == "income")
    opening = Decimal(str(descriptor["community"]["opening_balance"]["amount"]))
    html = page(minimal_site, "compare/index.html")
    assert cell(html, 'data-compare="demo:repair"') == f"{repair / area / months:.3f}"
    assert cell(html, 'data-compare-total="demo"') == f"{expense / area / months:.3f}"
    balance = (opening + income - expense) / households
    assert cell(html, 'data-compare-balance="demo"') == f"{balance:,.2f}"
