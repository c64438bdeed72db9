"""The GitHub workflows publish the site with the least they need: the job that installs
packages and runs the portal can only read; actions are pinned by commit; no expression
is written into a script; zizmor (from PyPI) finds nothing above low."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_and_no_script_expands_an_expression(
        path: Path) -> None:
    for job in load(path)["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step
            assert "${{" not in step.get("run", ""), step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_job_that_runs_our_code_can_write(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        runs = any("run" in step for step in job["steps"])
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        assert not (runs and writes), f"{path.name}: {name} runs code and may write {writes}"


def test_zizmor_finds_nothing_above_low() -> None:
    zizmor = Path(sys.executable).with_name("zizmor")  # installed with the test extras
    result = subprocess.run(
        [str(zizmor), "--offline", "--persona", "auditor",
         "--min-severity", "medium", "--format", "json", *map(str, WORKFLOWS)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
