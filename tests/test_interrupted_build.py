"""A build that is killed, or fails at any stage, leaves the previous site exactly as it
was: the output folder only ever changes by one atomic exchange, and scratch folders that
killed builds leave beside it do not pile up. Validation failures are covered in
test_validation_rules.py and a broken link in a hand-written page in test_cli.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import jinja2
import pytest
from click.testing import CliRunner, Result

import generator.build
from generator.__main__ import cli
from generator.errors import SearchIndexError

from .conftest import compose, run, tree_digest
from .conftest import previous_site as earlier_site

NEW_TITLE = "示范小区（更名）"
Ready = Callable[[list[Path], float], bool]  # (its scratch folders, seconds) -> kill now


def scratch_folders(project: Path) -> list[Path]:
    return sorted(project.glob(".site.build-*"))


def in_scratch(pattern: str) -> Ready:
    """Ready once the build's scratch folder holds pattern: a stage has begun."""
    return lambda scratch, _: any(any(s.glob(pattern)) for s in scratch)


def after(seconds: float) -> Ready:
    return lambda _, elapsed: elapsed >= seconds


# Stages are recognised by what they write, so the kills land in them on any machine.
STAGES: list[tuple[str, Ready]] = [
    ("staging the pages", in_scratch("docs")),
    ("running mkdocs", in_scratch("site/assets")),
    ("building the English site", in_scratch("site/en/assets")),
    ("indexing for search", in_scratch("xinyi-search-*")),
]
TIMES: list[tuple[str, Ready]] = [(f"after {s} s", after(s)) for s in (0.5, 1.5, 3.0)]


def change_the_data(datasets: Path) -> None:
    """A renamed community and a standard's text edited in place (same inode), as an
    editor or a script may save it."""
    descriptor = datasets / "communities/demo/datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    descriptor.write_text(json.dumps({**data, "title": NEW_TITLE}, ensure_ascii=False),
                          encoding="utf-8")
    text = datasets / "standards/texts/xy-t-001-2024.md"
    with text.open("a", encoding="utf-8") as handle:
        handle.write("\n## 附录 修订说明\n\n本次修订。\n")


def start_build(project: Path, tmp: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)}
    command = [sys.executable, "-m", "generator", "build", "--datasets", "datasets",
               "--out", "site"]
    # A session of its own, so that the kill takes Pagefind with it, as a cancelled job.
    return subprocess.Popen(command, cwd=project, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_when(project: Path, tmp: Path, ready: Ready) -> str | None:
    """Start a build and SIGKILL it when ready: None, or what it said if it ended first."""
    earlier = set(scratch_folders(project))  # left by killed builds: not this one's
    build = start_build(project, tmp)
    started = time.monotonic()
    while build.poll() is None:
        elapsed = time.monotonic() - started
        scratch = [s for s in scratch_folders(project) if s not in earlier]
        if ready(scratch, elapsed) or elapsed > 300:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
            assert elapsed <= 300, "the build neither ended nor reached the moment in 300 s"
            return None
        time.sleep(0.01)
    return build.communicate()[1].decode()


def leftovers(project: Path, tmp: Path) -> list[str]:
    """Scratch folders beside the site and copies in the system's temporary folder."""
    return [p.name for p in scratch_folders(project) + sorted(tmp.glob("xinyi-*"))]


def kill_at_each_moment(project: Path, tmp: Path) -> list[tuple[str, dict[str, str],
                                                                 dict[str, str]]]:
    """Kill a build at each moment: (moment, site before, site after) for each."""
    site, seen = project / "site", []
    for moment, ready in TIMES + STAGES:  # the last, while indexing, leaves a scratch folder
        previous = tree_digest(site)
        ended = kill_when(project, tmp, ready)
        assert ended is None or moment in dict(TIMES), f"ended before {moment}: {ended}"
        stray = [p.name for p in site.rglob("*") if p.name.startswith((".site", "site-old"))]
        assert stray == [], f"scratch left inside the site ({moment}): {stray}"
        assert len(leftovers(project, tmp)) <= 1, f"scratch folders pile up ({moment})"
        seen.append((moment, previous, tree_digest(site)))
    return seen


def test_a_build_killed_at_any_moment_leaves_the_previous_site(
        workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    compose(workdir)
    site, tmp = workdir / "site", tmp_path_factory.mktemp("tmp")
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    old = tree_digest(site)
    change_the_data(workdir / "datasets")
    assert tree_digest(site) == old, "the published site shares files with the datasets"
    seen = kill_at_each_moment(workdir, tmp)
    for moment, previous, after_kill in seen:
        if moment in dict(STAGES):  # always before the publishing exchange
            assert after_kill == previous, f"killed while {moment}"
    assert leftovers(workdir, tmp)
    final = start_build(workdir, tmp)
    errors = final.communicate(timeout=300)[1].decode()
    assert final.returncode == 0, errors
    assert leftovers(workdir, tmp) == [], "the next build removes what killed builds left"
    new = tree_digest(site)
    assert new != old and NEW_TITLE in (site / "communities/demo/index.html").read_text("utf-8")
    for moment, previous, after_kill in seen:  # a late timed kill may find the new site
        assert after_kill in (previous, new), f"killed {moment}: neither old nor new site"


def previous_site(project: Path) -> dict[str, str]:
    return earlier_site(project / "site")


def build_catching() -> Result:
    """The build as the CLI runs it; an unexpected exception becomes exit code 1."""
    return CliRunner().invoke(cli, ["build", "--datasets", "datasets", "--out", "site"])


def assert_left_alone(project: Path, before: dict[str, str], result: Result) -> None:
    assert result.exit_code == 1, result.output
    assert tree_digest(project / "site") == before
    assert scratch_folders(project) == []


def fail_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    # A template bug: StrictUndefined raises while the English pages are rendered.
    render = generator.build.render

    def failing(portal: Any, lang: str = "zh", **options: Any) -> Any:
        if lang == "en":
            raise jinja2.UndefinedError("'view' is undefined")
        return render(portal, lang, **options)

    monkeypatch.setattr(generator.build, "render", failing)


def test_failure_while_rendering_leaves_the_previous_site(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compose(workdir)
    before = previous_site(workdir)
    fail_in_english(monkeypatch)
    assert_left_alone(workdir, before, build_catching())


def test_failure_while_rendering_is_reported_as_a_failed_build(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compose(workdir)
    previous_site(workdir)
    fail_in_english(monkeypatch)
    result = build_catching()
    assert "'view' is undefined" in result.output
    assert "'site' is unchanged" in result.output


BROKEN_SETTINGS = {
    # (a line of mkdocs.yml and what replaces it, what the maintainer reads)
    "yaml-syntax": (("strict: true", "strict: [true"), "mkdocs.yml is not valid YAML"),
    "unknown-theme": (("  name: material", "  name: no-such-theme"),
                      "Unrecognised theme name: 'no-such-theme'"),
    # the English site is built second: the Chinese one is done when this fails
    "english-nav": (("      - Search: search.md", "      - Search: search.md\n"
                     "      - Missing: missing.md"), "'missing.md' is included in the 'nav'"),
}


@pytest.mark.parametrize("broken", BROKEN_SETTINGS, ids=str)
def test_broken_mkdocs_settings_leave_the_previous_site(broken: str, workdir: Path) -> None:
    compose(workdir)
    before = previous_site(workdir)
    (old, new), message = BROKEN_SETTINGS[broken]
    settings = workdir / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    assert old in text
    settings.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build_catching()
    assert_left_alone(workdir, before, result)
    assert message in result.output
    assert "build failed: mkdocs failed" in result.output
    assert result.output.rstrip().endswith("'site' is unchanged")


def test_failure_while_indexing_for_search_leaves_the_previous_site(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compose(workdir)
    before = previous_site(workdir)

    def failing(site: Path, unindexed: Collection[str] = (), *kept: object) -> None:
        assert (site / "en" / "index.html").is_file()  # both sites were built
        assert "communities/demo/ledger/2021-01/index.html" in unindexed  # the months
        raise SearchIndexError("pagefind: out of memory")

    # build.py holds its own reference: patching generator.site.search would not reach it
    monkeypatch.setattr(generator.build, "index_search", failing)
    result = build_catching()
    assert_left_alone(workdir, before, result)
    assert result.output.rstrip().endswith(
        "build failed: pagefind: out of memory; 'site' is unchanged")
