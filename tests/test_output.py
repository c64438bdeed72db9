"""`portal build --out DIR` replaces only a folder it may (generator/site/output.py): a new
or empty one, or a site this portal built. Anything else is a usage error that writes
nothing; a file system that fails is a message, and the previous site stays."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

import generator.build

from .conftest import compose, previous_site, run, tree_digest


def everything(root: Path) -> dict[str, str]:
    return {k: v for k, v in tree_digest(root).items() if not k.startswith(".cache/")}


@pytest.mark.parametrize("out", [".", "datasets", "datasets/site", "..", "/"])
def test_the_project_the_datasets_and_the_root_are_never_replaced(out: str,
                                                                  workdir: Path) -> None:
    compose(workdir)
    (workdir / ".git").mkdir()
    (workdir / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = everything(workdir)
    result = run("build", "--datasets", "datasets", "--out", out)
    assert result.exit_code == 2
    assert "nothing was written" in result.output and "Traceback" not in result.output
    assert everything(workdir) == before


def test_a_home_folder_is_never_replaced(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compose(workdir)
    home = workdir / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    result = run("build", "--datasets", "datasets", "--out", "home")
    assert result.exit_code == 2
    assert "is a home folder" in result.output
    assert (home / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_folder_of_other_files_is_refused_and_kept(workdir: Path) -> None:
    compose(workdir)
    mine = workdir / "reports"
    mine.mkdir()
    (mine / "2024.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")
    result = run("build", "--datasets", "datasets", "--out", "reports")
    assert result.exit_code == 2
    assert ("'reports' is not empty and holds no site this portal built (no manifest.json)"
            in result.output)
    assert [p.name for p in mine.iterdir()] == ["2024.xlsx"]


def test_a_site_whose_manifest_is_gone_is_not_recognised_and_kept(workdir: Path) -> None:
    compose(workdir)
    assert run("build", "--datasets", "datasets", "--out", "site", "--no-cache").exit_code == 0
    (workdir / "site/manifest.json").unlink()
    before = tree_digest(workdir / "site")
    result = run("build", "--datasets", "datasets", "--out", "site", "--no-cache")
    assert result.exit_code == 2 and "holds no site this portal built" in result.output
    assert tree_digest(workdir / "site") == before


def test_a_link_or_a_file_is_refused(workdir: Path) -> None:
    compose(workdir)
    (workdir / "elsewhere").mkdir()
    (workdir / "linked").symlink_to(workdir / "elsewhere")
    (workdir / "a-file").write_text("x", encoding="utf-8")
    linked = run("build", "--datasets", "datasets", "--out", "linked")
    assert linked.exit_code == 2 and "is a symbolic link" in linked.output
    assert (workdir / "linked").is_symlink()
    filed = run("build", "--datasets", "datasets", "--out", "a-file")
    assert filed.exit_code == 2 and "Directory 'a-file' is a file" in filed.output


def test_a_new_an_empty_or_a_built_folder_is_replaced(workdir: Path) -> None:
    compose(workdir)
    (workdir / "empty").mkdir()
    previous_site(workdir / "site")
    for out in ("new", "empty", "site"):
        result = run("build", "--datasets", "datasets", "--out", out, "--no-cache")
        assert result.exit_code == 0, result.output
        assert (workdir / out / "manifest.json").is_file()
    assert "previous site" not in (workdir / "site/index.html").read_text(encoding="utf-8")


def test_a_full_disk_is_a_message_and_the_previous_site_stays(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compose(workdir)
    before = previous_site(workdir / "site")

    def full(assets: object, site: Path, *_: object) -> None:  # vouchers, data being copied
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site / "vouchers"))

    monkeypatch.setattr(generator.build, "add_files", full)
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 1
    assert result.output.startswith("build failed: No space left on device: '")
    assert result.output.rstrip().endswith("'site' is unchanged")
    assert tree_digest(workdir / "site") == before
    assert not list(workdir.glob(".site.build-*"))


def test_an_unreadable_datasets_file_is_a_message(workdir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    compose(workdir)
    real = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path.name == "ledger.csv":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    assert result.output == ("validate failed: Permission denied: "
                             f"'{Path('datasets/communities/demo/ledger.csv')}'\n")
    shutil.rmtree(workdir / "datasets")
