"""portal demo: a synthetic district that validates, the same bytes for the same seed,
and the exact number of ledger rows its model promises."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from generator.demo import ledger_rows, write_demo

from .conftest import run, tree_digest

SMALL = ("--communities", "3", "--years", "1", "--entries-per-month", "12")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "datasets"
    result = run("demo", *SMALL, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote 6 packages (3 communities), 420 ledger rows, ")
    return out


def test_the_demo_is_valid_with_only_its_planned_findings(demo: Path) -> None:
    result = run("validate", "--datasets", str(demo), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["errors"] == 0
    # One estate in 25 overruns a budget line, another leaves 2025-06 unpublished.
    assert sorted((i["code"], Path(i["path"]).parent.name) for i in report["issues"]) == [
        ("budget-overrun", "c002"), ("disclosure-overdue", "c003")]


def test_the_same_seed_gives_the_same_bytes(demo: Path, tmp_path: Path) -> None:
    write_demo(tmp_path / "again", 3, 1, 12, seed=1)
    write_demo(tmp_path / "other", 3, 1, 12, seed=2)
    assert tree_digest(tmp_path / "again") == tree_digest(demo)
    assert tree_digest(tmp_path / "other") != tree_digest(demo)


def test_every_month_has_its_entries_but_the_unpublished_one(demo: Path) -> None:
    per_month: Counter[tuple[str, str]] = Counter()
    for ledger in sorted(demo.glob("communities/*/ledger.csv")):
        with ledger.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                per_month[(ledger.parent.name, row["date"][:7])] += 1
    assert set(per_month.values()) == {12}
    assert len(per_month) == 3 * 12 - 1 and ("c003", "2025-06") not in per_month
    assert sum(per_month.values()) == ledger_rows(3, 1, 12) == (3 * 12 * 1 - 1) * 12
    assert ledger_rows(300, 3, 100) == (300 * 12 * 3 - 12) * 100  # c003, c028, … c278


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    (tmp_path / "datasets").mkdir()
    kept = tmp_path / "datasets" / "notes.txt"
    kept.write_text("mine", encoding="utf-8")
    result = run("demo", *SMALL, "--out", str(tmp_path / "datasets"))
    assert result.exit_code == 2
    assert "is not an empty folder" in result.output
    assert [p.name for p in (tmp_path / "datasets").iterdir()] == ["notes.txt"]


def test_every_package_says_it_is_synthetic_demo_data(demo: Path) -> None:
    descriptors = sorted(demo.glob("*/datapackage.json")) + sorted(
        demo.glob("communities/*/datapackage.json"))
    assert len(descriptors) == 3 + 3  # foundation, protection fund, standards; 3 estates
    for path in descriptors:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["sample"] is True
        if path.parent.name != "standards":  # copied as is: sample texts, marked as such
            assert "合成演示数据" in data["description"], path


def test_the_demo_builds_into_a_site_listing_its_communities(demo: Path, workdir: Path) -> None:
    result = run("build", "--datasets", str(demo), "--out", "site")
    assert result.exit_code == 0, result.output
    home = (workdir / "site" / "index.html").read_text(encoding="utf-8")
    for path in sorted(demo.glob("communities/*/datapackage.json")):
        title = json.loads(path.read_text(encoding="utf-8"))["title"]
        assert f'communities/{path.parent.name}/">{title}</a>' in home
