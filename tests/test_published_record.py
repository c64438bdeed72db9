"""The record of what was published is read from the contents of the git history, so the
ways a maintainer could hide a change from a diff reader change nothing: each is tried
here in a real repository and refused with file, row, field and the published value."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cache import Cache
from generator.published import record

from .conftest import compose, run
from .test_published import LEDGER, commit, edit_row, git
from .test_validation_rules import reported

DEMO = "datasets/communities/demo"
FIRST = "2021-03-05T10:00:00+08:00"
SECOND = "2021-04-01T09:00:00+08:00"


@pytest.fixture
def ledger(workdir: Path) -> Path:
    """The minimal datasets, committed: everything in them is now public; their ledger."""
    compose(workdir)
    git(workdir, "init", "-q", "-b", "main")
    commit(workdir, FIRST)
    return workdir / LEDGER


def validate(*args: str) -> tuple[int, list[str]]:
    result = run("validate", "--datasets", "datasets", *args)
    return result.exit_code, reported(result.output, "error")


def changed(lines: list[str]) -> list[str]:
    return [line.split(" [")[-1] for line in lines]


def test_marking_csv_as_binary_hides_no_change(ledger: Path) -> None:
    repo = ledger.parents[3]
    (repo / ".gitattributes").write_text("*.csv binary\n", encoding="utf-8")
    edit_row(ledger, "D-001", 4, "9999.00")
    commit(repo, SECOND)  # the attribute and the change in one commit
    code, errors = validate()
    assert code == 1
    assert any('amount was "9800.00", now "9999.00"' in e for e in errors), errors


def test_a_maintainers_colour_setting_hides_no_change(ledger: Path) -> None:
    repo = ledger.parents[3]
    git(repo, "config", "color.ui", "always")
    git(repo, "config", "color.diff", "always")
    edit_row(ledger, "D-001", 4, "9999.00")
    code, errors = validate()
    assert code == 1 and changed(errors) == ["ledger-entry-changed]"]


def _append(ledger: Path, row: str) -> None:
    ledger.write_text(ledger.read_text(encoding="utf-8") + row, encoding="utf-8")


def test_an_entry_with_a_line_break_in_a_quoted_cell_is_recorded(ledger: Path) -> None:
    repo = ledger.parents[3]
    _append(ledger, 'I-009,2021-02-20,income,parking,120.00,业主（按月汇总）,'
                       '"停车收益\n二月补记",,,\n')
    commit(repo, SECOND)
    text = ledger.read_text(encoding="utf-8").replace("120.00", "12.00")
    ledger.write_text(text, encoding="utf-8")
    code, errors = validate()
    assert code == 1
    assert [e for e in errors if '"I-009"' in e and 'amount was "120.00", now "12.00"' in e]


def test_an_entry_written_in_a_merge_commit_is_recorded(ledger: Path) -> None:
    repo = ledger.parents[3]
    git(repo, "checkout", "-q", "-b", "side")
    _append(ledger, "I-010,2021-02-21,income,parking,50.00,业主（按月汇总）,侧枝,,,\n")
    commit(repo, SECOND)
    git(repo, "checkout", "-q", "main")
    _append(ledger, "I-011,2021-02-22,income,parking,60.00,业主（按月汇总）,主干,,,\n")
    commit(repo, SECOND)
    subprocess.run(["git", "merge", "-q", "side"], cwd=repo, capture_output=True, check=False)
    lines = [line for line in ledger.read_text(encoding="utf-8").splitlines()
             if not line.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    lines.append("I-012,2021-02-23,income,parking,70.00,业主（按月汇总）,合并时写入,,,")
    ledger.write_text("\n".join(lines) + "\n", encoding="utf-8")
    commit(repo, "2021-04-02T09:00:00+08:00", "合并")
    assert len(git(repo, "log", "-1", "--format=%P").split()) == 2  # a real merge
    edit_row(ledger, "I-012", 4, "7.00")
    code, errors = validate()
    assert code == 1
    assert [e for e in errors if '"I-012"' in e and 'amount was "70.00", now "7.00"' in e]


def test_removing_a_published_community_is_refused(ledger: Path) -> None:
    repo = ledger.parents[3]
    shutil.rmtree(repo / DEMO)
    commit(repo, SECOND)
    code, errors = validate()
    head = git(repo, "rev-parse", "HEAD~1")
    assert code == 1
    assert (f'{DEMO}: community "demo" was published on 2021-03-05 from communities/demo and '
            "is no longer in the datasets; what was published stays published: put its folder "
            f"back (git checkout {head[:12]} -- communities/demo, run in the datasets folder) "
            "[published-package-removed]") in errors


def test_renaming_a_published_community_is_refused(ledger: Path) -> None:
    repo = ledger.parents[3]
    git(repo, "mv", DEMO, "datasets/communities/demo-new")
    descriptor = repo / "datasets/communities/demo-new/datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8").replace(
        '"name": "demo"', '"name": "demo-new"'), encoding="utf-8")
    commit(repo, SECOND)
    code, errors = validate()
    assert code == 1 and "published-package-removed]" in changed(errors)


def test_files_with_any_name_are_recorded_by_content(ledger: Path) -> None:
    repo = ledger.parents[3]
    odd = 'D-0"1\tscan.png'
    (repo / DEMO / "vouchers" / odd).write_bytes(b"first")
    commit(repo, SECOND)
    found = record(repo / "datasets")
    assert found.files["demo"]["vouchers/" + odd].blob == git(
        repo, "hash-object", f"{DEMO}/vouchers/{odd}")


def test_a_shallow_clone_is_an_error_when_the_history_is_required(ledger: Path,
                                                                   tmp_path: Path) -> None:
    repo = ledger.parents[3]
    _append(ledger, "I-009,2021-02-20,income,parking,120.00,业主（按月汇总）,二月,,,\n")
    commit(repo, SECOND)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
                   check=True)
    result = run("validate", "--datasets", str(clone / "datasets"), "--require-history")
    assert result.exit_code == 1
    assert "the git history is shallow (cloned with --depth)" in result.output
    assert "[published-history-missing]" in result.output


def test_no_git_checkout_is_an_error_when_the_history_is_required(workdir: Path) -> None:
    from .conftest import compose

    compose(workdir)
    code, errors = validate("--require-history")
    assert code == 1 and errors == [
        "datasets: the datasets are not in a git checkout, so what was published cannot be "
        "read; run in a clone of the data repository [published-history-missing]",
        "datasets: neither --published-site nor --first-publication was given: where the "
        "history is required (CI), the live site's record is read, or a first publication is "
        "declared [published-site-unreadable]"]
    assert validate()[0] == 0  # on a maintainer's machine, nothing to compare with


def test_a_published_personal_number_is_masked_in_the_message(ledger: Path) -> None:
    repo = ledger.parents[3]
    before = ledger.read_text(encoding="utf-8")
    _append(ledger, "I-009,2021-02-20,income,parking,120.00,业主（按月汇总）,"
                       "联系 13812345678,,,\n")
    commit(repo, SECOND)  # pushed by mistake; CI logs, which are public, show the message
    ledger.write_text(before, encoding="utf-8")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    assert "13812345678" not in result.output
    assert "description=[138******78]" in result.output


@pytest.mark.parametrize("extra", [(), ("--cache", "kept")])
def test_the_record_kept_in_the_cache_is_extended_by_new_commits(ledger: Path,
                                                                  extra: tuple[str, ...]) -> None:
    repo = ledger.parents[3]
    cache = Cache(repo / "kept")
    first = record(repo / "datasets", cache=cache)
    _append(ledger, "I-009,2021-02-20,income,parking,120.00,业主（按月汇总）,二月,,,\n")
    commit(repo, SECOND)
    second = record(repo / "datasets", cache=cache)
    assert set(second.entries["demo"]) - set(first.entries["demo"]) == {"I-009"}
    assert second == record(repo / "datasets")  # the same as read whole
    edit_row(ledger, "I-009", 4, "1.00")
    code, _ = validate(*extra)
    assert code == 1
