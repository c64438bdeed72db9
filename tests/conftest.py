"""Shared fixtures: composing a datasets folder from the minimal fixture plus a case's
overlay, running the CLI as a maintainer would, and building sites once per session."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.__main__ import cli

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINIMAL = TESTS / "fixtures" / "minimal" / "datasets"

# Each test checks everything itself: results kept by one test must not answer for
# another (tests patch checks). test_cache.py turns the cache on.
os.environ["PORTAL_CACHE"] = "off"


def compose(target: Path, *overlays: Path) -> Path:
    """Copy the minimal datasets to target/datasets, then each overlay's datasets/ on top;
    an overlay's remove.txt lists files to take away."""
    datasets = target / "datasets"
    shutil.copytree(MINIMAL, datasets)
    for overlay in overlays:
        compose_onto(datasets, overlay)
    return datasets


def compose_onto(datasets: Path, overlay: Path) -> None:
    if (overlay / "datasets").is_dir():
        shutil.copytree(overlay / "datasets", datasets, dirs_exist_ok=True)
    removals = overlay / "remove.txt"
    if removals.is_file():
        for line in removals.read_text(encoding="utf-8").split():
            (datasets / line).unlink()
            folder = (datasets / line).parent
            while folder != datasets and not any(folder.iterdir()):  # git keeps no folders
                folder.rmdir()
                folder = folder.parent


def compose_case(target: Path, case: Path) -> tuple[Path, list[str]]:
    """A case of the corpus (tests/cases, tests/findings) as a datasets folder, and the
    options its check needs (args.txt). A case with history.txt is about what was already
    published: the minimal fixture is committed first, in a git repository of its own,
    and the case's files are the maintainer's uncommitted change. A case with witness.txt
    is about what a live site recorded: the minimal fixture is built into ``live`` as a
    first publication, then the case's files change the datasets."""
    if (case / "witness.txt").is_file():  # the minimal fixture's live site, then the change
        datasets = compose(target)
        built = run("build", "--datasets", str(datasets), "--out", str(target / "live"),
                    "--first-publication", "--no-cache")
        assert built.exit_code == 0, built.output
        compose_onto(datasets, case)
    elif not (case / "history.txt").is_file():
        datasets = compose(target, case)
    else:
        datasets = compose(target)
        publish(datasets)
        compose_onto(datasets, case)
    args = case / "args.txt"
    return datasets, args.read_text(encoding="utf-8").split() if args.is_file() else []


def publish(datasets: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2021-03-01T10:00:00+08:00",
           "GIT_COMMITTER_DATE": "2021-03-01T10:00:00+08:00"}
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=维护者", "-c", "user.email=clerk@example.org",
                     "commit", "-q", "-m", "publish"]):
        subprocess.run(["git", *command], cwd=datasets, env=env, check=True)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under root with the SHA-256 of its bytes: 'unchanged' means equal digests."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(autouse=True)
def english_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests read the English report, one issue a line, as the corpus records it;
    tests/test_report_zh.py reads the Chinese one clerks get by default."""
    monkeypatch.setenv("PORTAL_LANG", "en")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project folder holding mkdocs.yml and content/, as a maintainer's checkout."""
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "generator").symlink_to(REPO / "generator")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def previous_site(site: Path) -> dict[str, str]:
    """A site an earlier build published (it has the portal's manifest), to be replaced."""
    (site / "communities").mkdir(parents=True)
    (site / "index.html").write_text("<p>previous site</p>", encoding="utf-8")
    (site / "communities" / "index.html").write_text("<p>old list</p>", encoding="utf-8")
    (site / "manifest.json").write_text(
        '{"build_date": "2020-01-01", "data": {}, "data_version": "0", "site": {}}\n',
        encoding="utf-8")
    return tree_digest(site)


def build_into(project: Path, datasets: Path, out: Path) -> Result:
    import os

    cwd = Path.cwd()
    os.chdir(project)
    try:
        return run("build", "--datasets", str(datasets), "--out", str(out))
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy outside git: the fixture is test data, not a published history.
    scratch = tmp_path_factory.mktemp("minimal")
    out = scratch / "site"
    result = build_into(REPO, compose(scratch), out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "site"
    result = build_into(REPO, REPO / "datasets", out)
    assert result.exit_code == 0, result.output
    return out
