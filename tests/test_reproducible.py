"""The same data and code give the same site, byte for byte (Pagefind's filter files
included: generator/search.py writes them in a stable order)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
