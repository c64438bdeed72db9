"""Property-based tests: whatever bytes, rows or descriptors arrive, validation ends in a
report (exit 0 or 1), never a traceback; and data that validates also renders."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import schemas
from generator.build import check, model
from generator.config import BuildConfig
from generator.render import render

from .conftest import MINIMAL, TESTS

REGISTERS = TESTS / "fixtures/registers/datasets"

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
# Every table of every package kind.
TABLES = {"communities/demo/ledger.csv": "ledger", "communities/demo/budget.csv": "budget",
          "communities/demo/resolutions.csv": "resolutions",
          "communities/demo/collection.csv": "collection",
          "communities/demo/statements.csv": "statements",
          "foundation/projects.csv": "foundation-projects",
          "foundation/donations.csv": "donations",
          "foundation/disbursements.csv": "disbursements",
          "protection-fund/projects.csv": "protection-projects",
          "protection-fund/steps.csv": "steps", "standards/standards.csv": "standards",
          "codelists/categories.csv": "categories", "codelists/communities.csv": "communities",
          "codelists/project-categories.csv": "project-categories",
          "codelists/standard-categories.csv": "standard-categories",
          # the registers (tests/fixtures/registers, over the minimal datasets)
          "communities/demo/terms.csv": "terms", "communities/demo/assets.csv": "assets",
          "communities/demo/questions.csv": "questions",
          "communities/demo/parties.csv": "parties", "foundation/reports.csv": "reports"}
DESCRIPTORS = ("communities/demo/datapackage.json", "foundation/datapackage.json",
               "protection-fund/datapackage.json", "standards/datapackage.json")

# Cells maintainers and attackers actually produce, mixed with random text.
TRICKY = st.sampled_from([
    "", " ", "2024/3/5", "2024年3月5日", "45356", "1,234.00", "１２３４", "¥12", "12.345", "-0",
    "1e308", "NaN", "inf", "0x10", "٣", "\u200b", "\u202e", "\x00", "\r", "\n", '"', '""',
    "2023-3-5", "Infinity", "-Infinity", "1_000", ".5", "100.", "1e3", "9" * 40, "0.1e-400",
    "x" * 6000,
    "=1+1", "@A1", "<script>", "{{ 7*7 }}", "../../etc/passwd", "vouchers/../../x.png",
    "vouchers/", "C:\\x.png", "13800138000", "11010519491231002X", "🏠", "D-001", "fee",
    "income", "expense", "2021-02-30", "2021-13-01", "9999-12-31", "0001-01-01",
])
CELL = st.one_of(TRICKY, st.text(max_size=30))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def fresh(scratch: Path) -> Path:
    """The minimal datasets with every register filled (one valid row or so each)."""
    datasets = scratch / "datasets"
    shutil.rmtree(datasets, ignore_errors=True)
    shutil.copytree(MINIMAL, datasets)
    shutil.copytree(REGISTERS, datasets, dirs_exist_ok=True)
    return datasets


def outcome(datasets: Path) -> bool:
    """Validate, and for valid data also model and render (Chinese; English shares the
    model and templates): any exception fails the test."""
    config = BuildConfig(datasets=datasets, today=date(2026, 1, 1), site_url="")
    validated = check(config)
    assert all(issue.path for issue in validated.report.issues)  # every problem is placed
    if validated.report.valid:
        render(model(config))
    return validated.report.valid


def test_the_datasets_fuzzed_are_valid_before_a_change(scratch: Path) -> None:
    assert outcome(fresh(scratch))


@FUZZ
@given(path=st.sampled_from(sorted(TABLES)), data=st.binary(max_size=400))
def test_any_bytes_as_a_table_give_a_report(scratch: Path, path: str, data: bytes) -> None:
    datasets = fresh(scratch)
    (datasets / path).write_bytes(data)
    outcome(datasets)  # the property: no exception, and every issue placed in a file


@FUZZ
@given(path=st.sampled_from(sorted(TABLES)), data=st.data())
def test_any_cells_under_the_right_header_give_a_report(scratch: Path, path: str,
                                                        data: st.DataObject) -> None:
    datasets = fresh(scratch)
    columns = schemas.columns(TABLES[path])
    rows = data.draw(st.lists(st.lists(CELL, min_size=len(columns) - 1,
                                       max_size=len(columns) + 1), max_size=4))
    text = ",".join(columns) + "\n" + "".join(
        ",".join('"' + c.replace('"', '""') + '"' for c in row) + "\n" for row in rows)
    (datasets / path).write_text(text, encoding="utf-8")
    outcome(datasets)  # the property: no exception, and every issue placed in a file


@FUZZ
@given(path=st.sampled_from(sorted(TABLES)), data=st.data())
def test_one_changed_cell_in_valid_data_gives_a_report(scratch: Path, path: str,
                                                       data: st.DataObject) -> None:
    datasets = fresh(scratch)
    lines = (datasets / path).read_text(encoding="utf-8").splitlines()
    row = data.draw(st.integers(1, len(lines) - 1))
    cells = lines[row].split(",")
    column = data.draw(st.integers(0, len(cells) - 1))
    cells[column] = '"' + data.draw(CELL).replace('"', '""') + '"'
    lines[row] = ",".join(cells)
    (datasets / path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome(datasets)  # the property: no exception, and every issue placed in a file


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | CELL,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(CELL, inner, max_size=3),
    max_leaves=12)


@FUZZ
@given(path=st.sampled_from(DESCRIPTORS), data=st.data())
def test_any_descriptor_gives_a_report(scratch: Path, path: str, data: st.DataObject) -> None:
    datasets = fresh(scratch)
    descriptor = json.loads((datasets / path).read_text(encoding="utf-8"))
    where = data.draw(st.sampled_from(["property", "nested", "file"]))
    block = descriptor.get("community") if isinstance(descriptor.get("community"), dict) \
        else descriptor
    if where != "file":  # replace one property of the real descriptor, or of its block
        target = block if where == "nested" else descriptor
        target[data.draw(st.sampled_from(sorted(target)))] = data.draw(JSON)
        text = json.dumps(descriptor, ensure_ascii=False)  # NaN and Infinity as json writes them
    else:  # or the whole file
        text = json.dumps(data.draw(JSON), ensure_ascii=False)
    (datasets / path).write_text(text, encoding="utf-8")
    outcome(datasets)  # the property: no exception, and every issue placed in a file


@FUZZ
@given(body=st.text(max_size=300) | st.lists(CELL, max_size=8).map("\n".join))
def test_any_standard_text_gives_a_report(scratch: Path, body: str) -> None:
    datasets = fresh(scratch)
    (datasets / "standards/texts/xy-t-001-2024.md").write_text(body, encoding="utf-8")
    outcome(datasets)  # the property: no exception, and every issue placed in a file
