"""Communities' files kept from the previous site (generator/reuse.py): a rebuild renders only
what changed, and always gives the bytes of a clean build."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import standby
from generator.demo import write_demo

from .conftest import compose, run, tree_digest

PAGE = "communities/{}/index.html"


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_CACHE", ".cache/portal")  # in the test's own folder
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the demo's data end in 2025


def build(out: str, *options: str) -> None:
    result = run("build", "--datasets", "datasets", "--out", out, *options)
    assert result.exit_code == 0, result.output


def same_as_clean(workdir: Path) -> None:
    build("clean", "--no-cache")
    assert tree_digest(workdir / "site") == tree_digest(workdir / "clean")


def inode(workdir: Path, path: str) -> int:
    return (workdir / "site" / path).stat().st_ino


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rebuild_keeps_unchanged_communities_and_equals_a_clean_build(workdir: Path) -> None:
    datasets = workdir / "datasets"
    write_demo(datasets, 2, 1, 10)
    build("site")
    kept = {p: inode(workdir, p) for p in (PAGE.format("c002"), "data/communities/c002/c002.zip",
                                           "en/communities/c002/ledger/index.html")}

    # c001 publishes a correction: only c001 is rendered again.
    with (datasets / "communities/c001/ledger.csv").open("a", encoding="utf-8") as ledger:
        ledger.write("C001-2025-12-011,2025-12-31,expense,cleaning,12.34,保洁<b>公司</b>,"
                     "补记保洁费,vouchers/2025-12.pdf,E02,\n")
    build("site")
    assert {p: inode(workdir, p) for p in kept} == kept
    assert (workdir / ".site.standby/manifest.json").is_file()  # the replaced site, kept
    assert "保洁&lt;b&gt;公司&lt;/b&gt;" in (
        workdir / "site/communities/c001/ledger/2025-12/index.html").read_text("utf-8")
    same_as_clean(workdir)

    # A foundation project both communities show is renamed: both are rendered again, and
    # the standby (the site before last) is brought up to date and swapped in.
    replace(datasets / "foundation/projects.csv", "长者助餐服务", "长者助餐与探访服务")
    build("site")
    assert inode(workdir, PAGE.format("c002")) != kept[PAGE.format("c002")]
    assert "长者助餐与探访服务" in (workdir / "site" / PAGE.format("c002")).read_text("utf-8")
    same_as_clean(workdir)


def test_a_kept_page_damaged_by_hand_is_made_again(workdir: Path) -> None:
    compose(workdir)
    build("site")
    page = workdir / "site" / PAGE.format("demo")
    good = page.read_bytes()
    page.write_bytes(good + b"<!-- edited on the server -->")
    build("site")
    assert page.read_bytes() == good
    same_as_clean(workdir)


def test_a_previous_manifest_that_lists_nothing_keeps_nothing(workdir: Path) -> None:
    compose(workdir)
    build("site")
    before = inode(workdir, PAGE.format("demo"))
    recorded = workdir / "site/manifest.json"
    body = json.loads(recorded.read_text(encoding="utf-8"))
    recorded.unlink()  # a new file: the standby's hard link keeps the old one
    recorded.write_text(json.dumps({**body, "site": {}}), encoding="utf-8")
    build("site")
    assert inode(workdir, PAGE.format("demo")) != before
    same_as_clean(workdir)


def standby_made(workdir: Path) -> Callable[[str], None]:
    """Build, publish a changed amount and build again: the replaced site is now the
    standby. Returns what publishes the ledger's first amount as another one."""
    compose(workdir)
    ledger = workdir / "datasets/communities/demo/ledger.csv"
    text = ledger.read_text(encoding="utf-8")

    def amount(new: str) -> None:
        ledger.write_text(text.replace("3000.00", new, 1), encoding="utf-8")

    build("site")
    amount("3100.00")
    build("site")
    return amount


def test_a_standby_left_half_updated_is_not_used(workdir: Path) -> None:
    amount = standby_made(workdir)
    standby = workdir / ".site.standby"
    (standby / "manifest.json").unlink()  # as a build killed while updating it leaves it
    (standby / "index.html").write_text("half-updated", encoding="utf-8")
    amount("3000.00")
    build("site")
    same_as_clean(workdir)
    assert (standby / "manifest.json").is_file()  # the replaced site is the new standby
    assert (standby / "index.html").read_text(encoding="utf-8") != "half-updated"


def test_a_failed_standby_update_publishes_the_slower_way(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    amount = standby_made(workdir)
    linked: list[Path] = []
    original = standby._link_over

    def full_disk(source: Path, target: Path) -> None:
        linked.append(target)
        if len(linked) > 1:
            raise OSError(28, "No space left on device")
        original(source, target)

    monkeypatch.setattr(standby, "_link_over", full_disk)
    amount("3200.00")
    build("site")
    assert len(linked) == 2  # it was tried
    same_as_clean(workdir)


def test_kept_pages_whose_checks_are_gone_are_checked_again(workdir: Path) -> None:
    compose(workdir)
    build("site")
    before = inode(workdir, PAGE.format("demo"))
    shutil.rmtree(workdir / ".cache/portal/validate-community")
    build("site")  # its tables, not read for the kept pages, are read for the checks
    assert inode(workdir, PAGE.format("demo")) == before
    same_as_clean(workdir)


def test_a_file_missing_from_the_standby_is_put_back(workdir: Path) -> None:
    amount = standby_made(workdir)
    (workdir / ".site.standby/assets/xinyi/portal.css").unlink()  # the same in every build
    amount("3200.00")
    build("site")
    same_as_clean(workdir)


def test_a_standby_another_build_is_updating_is_left_alone(workdir: Path) -> None:
    amount = standby_made(workdir)
    standby = workdir / ".site.standby"
    (standby / "manifest.json").unlink()  # as it is while another build updates it
    held = os.open(standby, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # that build's lock
    try:
        amount("3200.00")
        build("site")
        same_as_clean(workdir)
        assert standby.is_dir() and not (standby / "manifest.json").exists()
    finally:
        os.close(held)
