"""The portal command as maintainers and CI use it: exit codes, formats, atomic output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import TESTS, compose, previous_site, run, tree_digest

PRECISION = TESTS / "cases" / "ledger-amount-precision"
MESSAGE = ('datasets/communities/demo/ledger.csv:3: amount: "3000.345" has more than 2 decimals '
           "[ledger-amount-precision]")


def test_unknown_option_is_a_usage_error(workdir: Path) -> None:
    result = run("validate", "--frobnicate")
    assert result.exit_code == 2
    assert "No such option '--frobnicate'" in result.output


def test_missing_datasets_folder_is_a_usage_error(workdir: Path) -> None:
    result = run("validate", "--datasets", "nowhere")
    assert result.exit_code == 2
    assert "datasets folder 'nowhere' does not exist" in result.output


def test_text_report_explains_the_problem_in_chinese(workdir: Path) -> None:
    compose(workdir, PRECISION)
    result = run("validate", "--datasets", "datasets")
    lines = result.output.splitlines()
    assert lines[0] == f"error: {MESSAGE}"
    assert lines[1] == "    金额超过两位小数。修改方法：金额保留到分（最多两位小数）。"
    assert lines[-1] == "invalid: 1 error(s), 0 finding(s)"


def test_json_report_is_for_machines(workdir: Path) -> None:
    compose(workdir, PRECISION)
    result = run("validate", "--datasets", "datasets", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False and report["errors"] == 1
    assert report["issues"] == [{
        "code": "ledger-amount-precision", "message": '"3000.345" has more than 2 decimals',
        "path": "datasets/communities/demo/ledger.csv", "row": 3, "field": "amount",
        "severity": "error", "line": 4, "title_zh": "金额超过两位小数"}]


def test_github_report_annotates_the_data_file_line(workdir: Path) -> None:
    compose(workdir, PRECISION)
    result = run("validate", "--datasets", "datasets", "--format", "github")
    assert result.output.splitlines()[0] == (
        "::error file=datasets/communities/demo/ledger.csv,line=4,"
        f"title=ledger-amount-precision::{MESSAGE}")


def test_successful_build_replaces_the_previous_site(workdir: Path) -> None:
    compose(workdir)
    previous_site(workdir / "site")
    (workdir / "site" / "stale.html").write_text("old", encoding="utf-8")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    assert not (workdir / "site" / "stale.html").exists()
    assert (workdir / "site" / "communities/demo/index.html").is_file()
    assert (workdir / "site" / "pagefind" / "pagefind.js").is_file()
    leftovers = [p.name for p in workdir.iterdir() if p.name.startswith(".site")]
    assert leftovers == []


def test_failure_in_the_mkdocs_stage_leaves_the_previous_site(workdir: Path) -> None:
    compose(workdir)
    (workdir / "content" / "broken.md").write_text("# 坏链接\n\n[缺失](missing.md)\n",
                                                   encoding="utf-8")
    site = workdir / "site"
    before = previous_site(site)
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 1
    assert "contains a link 'missing.md'" in result.output
    assert "'site' is unchanged" in result.output
    assert tree_digest(site) == before


def test_module_entry_point_runs_the_same_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0
    assert "validate" in result.stdout and "build" in result.stdout and "serve" in result.stdout
