"""``portal demo``: a synthetic district (合成演示数据) of valid packages at any size, for
benchmarks of a city-scale portal and for demonstrations.

The layout is that of ``datasets/``. Code lists and standards are copied from the
project's own ``datasets/``, shipped in the package as ``demo/seed`` (the standards are
sample texts already marked as such); neighbourhoods, estates, ledgers, budgets, votes
and projects are invented from the seed. Same arguments, same bytes: randomness comes from
``random.Random`` seeded with strings, nothing reads the clock, and the ledgers always end
in December 2025.

Ledgers stream to disk a month at a time; vouchers are one small PDF per estate and
month (the month's voucher book, 凭证册) named by every expense of that month, so a
city-scale district is tens of thousands of files, not a million.
"""

from __future__ import annotations

import csv
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import DemoError
from . import community, projects
from .community import END_YEAR, EVERY, FIXED_ENTRIES, GAP_AT
from .files import folder_bytes, table
from .names import DISTRICT, District, district

# The project's own code lists and sample standards, shipped with the package (seed/ links
# to datasets/ in a checkout; a wheel holds copies), so that an installed portal has them.
SOURCE = Path(__file__).resolve().parent / "seed"
COPIED_CODELISTS = ("categories", "project-categories", "standard-categories")
MAX_COMMUNITIES = 999  # wider numbers would make entry ids look like phone numbers
MAX_YEARS = END_YEAR - 2000 + 1  # budget years start in 2000
MAX_ENTRIES = 9999


@dataclass(frozen=True)
class DemoSummary:
    out: Path
    communities: int
    packages: int  # community packages, foundation, protection fund, standards
    ledger_rows: int
    files: int
    bytes: int
    seconds: float

    def line(self) -> str:
        return (f"wrote {self.packages} packages ({self.communities} communities), "
                f"{self.ledger_rows:,} ledger rows, {self.files:,} files, {self.bytes:,} bytes "
                f"in {self.seconds:.1f} s to '{self.out}' (synthetic demo data)")


def ledger_rows(communities: int, years: int, entries_per_month: int) -> int:
    """Every estate-month has M entries, except the one month left unpublished by one
    estate in 25 (the overdue finding)."""
    gaps = len(range(GAP_AT, communities, EVERY))
    return (communities * 12 * years - gaps) * entries_per_month


def write_demo(out: Path, communities: int, years: int, entries_per_month: int = 100,
               seed: int = 1) -> DemoSummary:
    _check(out, communities, years, entries_per_month)
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    d = district(seed, communities, tuple(range(END_YEAR - years + 1, END_YEAR + 1)))
    _codelists(out, d)
    shutil.copytree(SOURCE / "standards", out / "standards")
    rows = sum(community.write(out, d, e, entries_per_month) for e in d.estates)
    projects.write_foundation(out, d)
    projects.write_protection(out, d)
    files, size = folder_bytes(out)
    return DemoSummary(out, communities, communities + 3, rows, files, size,
                       time.perf_counter() - started)


def _check(out: Path, communities: int, years: int, entries_per_month: int) -> None:
    limits = (("communities", communities, 1, MAX_COMMUNITIES),
              ("years", years, 1, MAX_YEARS),
              ("entries per month", entries_per_month, FIXED_ENTRIES, MAX_ENTRIES))
    for name, value, low, high in limits:
        if not low <= value <= high:
            raise DemoError(f"{name} must be between {low} and {high}, not {value}")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise DemoError(f"'{out}' is not an empty folder; the demo writes only into a new or "
                        "empty folder, so that it never mixes with real datasets")
    if not (SOURCE / "codelists").is_dir() or not (SOURCE / "standards").is_dir():
        raise DemoError(f"the code lists and standards to copy are not in '{SOURCE}'")
    _check_categories(SOURCE / "codelists" / "categories.csv")  # before writing anything


def _codelists(out: Path, d: District) -> None:
    folder = out / "codelists"
    folder.mkdir()
    for name in COPIED_CODELISTS:
        shutil.copyfile(SOURCE / "codelists" / f"{name}.csv", folder / f"{name}.csv")
    with table(folder / "communities.csv", "communities") as rows:
        rows.writerows((n.id, n.name_zh, n.name_en, DISTRICT, n.subdistrict)
                       for n in d.neighbourhoods)


def _check_categories(path: Path) -> None:
    """The ledgers use fixed codes: a chart of accounts without one would make every
    package invalid, so say which instead."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        chart = {row["code"]: row["direction"] for row in csv.DictReader(handle)}
    wrong = sorted(c for c, direction in community.CATEGORIES.items() if chart.get(c) != direction)
    if wrong:
        raise DemoError(f"{path.name} lacks the codes the demo uses: {', '.join(wrong)}")
