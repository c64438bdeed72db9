"""Checks kept between builds (generator/cache.py): an unchanged community is not checked
again, and a changed one always is, so the rebuilt site is the one a clean build makes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from generator import validate as validation
from generator.build import check
from generator.config import BuildConfig

from .conftest import compose, run, tree_digest

LEDGER = "datasets/communities/demo/ledger.csv"
CACHE = Path(".cache/portal/validate-community")


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_CACHE", ".cache/portal")  # in the test's own folder


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The communities whose rules are checked, in order."""
    seen: list[str] = []
    original = validation.community.check

    def counted(item, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(item.id)
        return original(item, *args, **kwargs)

    monkeypatch.setattr(validation.community, "check", counted)
    yield seen


def edit(workdir: Path, old: str, new: str) -> None:
    ledger = workdir / LEDGER
    text = ledger.read_text(encoding="utf-8")
    assert old in text
    ledger.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_community_is_not_checked_again_and_the_site_is_the_same(
        workdir: Path, checks: list[str]) -> None:
    compose(workdir)
    first = run("build", "--datasets", "datasets", "--out", "site")
    assert first.exit_code == 0, first.output
    assert checks == ["demo"] and len(list((workdir / CACHE).iterdir())) == 1
    second = run("build", "--datasets", "datasets", "--out", "again")
    assert second.exit_code == 0, second.output
    assert checks == ["demo"]  # not checked again
    assert second.output.replace("'again'", "'site'") == first.output  # the same findings
    assert tree_digest(workdir / "again") == tree_digest(workdir / "site")


def test_a_changed_ledger_is_checked_again_and_its_error_stops_the_build(
        workdir: Path, checks: list[str]) -> None:
    compose(workdir)
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    before = tree_digest(workdir / "site")
    edit(workdir, "3000.00", "3000.5x")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 1
    error = 'datasets/communities/demo/ledger.csv:3: amount: "3000.5x" is not a number'
    assert error in result.output  # its table was checked again
    assert tree_digest(workdir / "site") == before
    again = run("validate", "--datasets", "datasets")  # the cache never hides an error
    assert again.exit_code == 1 and error in again.output


def test_a_rebuild_after_a_change_equals_a_clean_build(workdir: Path,
                                                      checks: list[str]) -> None:
    compose(workdir)
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    edit(workdir, "3000.00", "3100.00")
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    assert checks == ["demo", "demo"]
    clean = run("build", "--datasets", "datasets", "--out", "clean", "--no-cache")
    assert clean.exit_code == 0, clean.output
    assert tree_digest(workdir / "site") == tree_digest(workdir / "clean")
    page = (workdir / "site/communities/demo/ledger/2021-01/index.html").read_text("utf-8")
    assert "−3,100.00" in page and "−3,000.00" not in page
    assert len(list((workdir / CACHE).iterdir())) == 1  # the old result is gone


def test_another_day_or_a_new_voucher_file_checks_again(workdir: Path,
                                                       checks: list[str]) -> None:
    datasets = compose(workdir)
    config = BuildConfig(datasets=datasets, today=date(2026, 1, 1))
    check(config)
    check(config)
    assert checks == ["demo"]
    check(BuildConfig(datasets=datasets, today=date(2026, 1, 2)))  # overdue months move
    assert checks == ["demo", "demo"]
    (datasets / "communities/demo/vouchers/extra.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    check(BuildConfig(datasets=datasets, today=date(2026, 1, 2)))
    assert checks == ["demo", "demo", "demo"]


def test_an_unreadable_cache_entry_is_checked_again(workdir: Path,
                                                   checks: list[str]) -> None:
    compose(workdir)
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    for entry in (workdir / CACHE).iterdir():
        entry.write_bytes(b"not a pickle")
    assert run("build", "--datasets", "datasets", "--out", "again").exit_code == 0
    assert checks == ["demo", "demo"]
    assert tree_digest(workdir / "again") == tree_digest(workdir / "site")


def test_no_cache_keeps_nothing(workdir: Path, checks: list[str]) -> None:
    compose(workdir)
    for _ in range(2):
        result = run("build", "--datasets", "datasets", "--out", "site", "--no-cache")
        assert result.exit_code == 0, result.output
    assert checks == ["demo", "demo"]
    assert not (workdir / ".cache").exists()


def test_the_cache_folder_can_be_named(workdir: Path, checks: list[str]) -> None:
    compose(workdir)
    for _ in range(2):
        result = run("validate", "--datasets", "datasets", "--cache", "elsewhere")
        assert result.exit_code == 0, result.output
    assert checks == ["demo"]
    assert len(list((workdir / "elsewhere/validate-community").iterdir())) == 1
    assert not (workdir / ".cache").exists()
