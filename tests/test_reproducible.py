"""The same data and code give the same site, byte for byte (Pagefind's filter files
included: generator/site/search.py writes them in a stable order)."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator import config

from .conftest import compose, run, tree_digest


def test_two_builds_of_the_same_data_are_identical(workdir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732320000")  # pins the build date
    compose(workdir)
    first = run("build", "--datasets", "datasets", "--out", "first")
    second = run("build", "--datasets", "datasets", "--out", "second")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    one, two = tree_digest(workdir / "first"), tree_digest(workdir / "second")
    assert len(one) > 100
    assert {k for k in one if k.startswith("pagefind/filter/")}  # filters are part of it
    assert one == two


class _Clock(date):
    """A calendar that says what the test tells it: builds must not read it."""

    now = date(2030, 1, 1)

    @classmethod
    def today(cls) -> date:
        return cls.now


def test_builds_of_one_commit_on_different_days_are_identical(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(config, "date", _Clock)
    compose(workdir)
    env = {**os.environ, "GIT_COMMITTER_DATE": "2025-06-30T20:00:00+08:00",
           "GIT_AUTHOR_DATE": "2025-06-30T20:00:00+08:00", "GIT_AUTHOR_NAME": "m",
           "GIT_AUTHOR_EMAIL": "m@example.org", "GIT_COMMITTER_NAME": "m",
           "GIT_COMMITTER_EMAIL": "m@example.org"}
    for args in (["init", "-q"], ["add", "datasets"], ["commit", "-q", "-m", "数据"]):
        subprocess.run(["git", *args], cwd=workdir, env=env, check=True)
    first = run("build", "--datasets", "datasets", "--out", "first")
    _Clock.now = date(2031, 6, 1)
    second = run("build", "--datasets", "datasets", "--out", "second")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert tree_digest(workdir / "first") == tree_digest(workdir / "second")
    manifest = json.loads((workdir / "first/manifest.json").read_text("utf-8"))
    assert manifest["build_date"] == "2025-06-30"  # the commit's day, not the clock's
