"""What was published stays published: silent edits to the ledger or its vouchers are
refused with the old and new values and how to correct them; corrections are logged;
each month's publication date comes from git and late or missing months are flagged."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator.config import build_date

from .conftest import compose, run
from .test_validation_rules import reported

LEDGER = "datasets/communities/demo/ledger.csv"


@pytest.fixture(autouse=True)
def as_of(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build as of 2026-01-01, after every date in the fixture, whatever the commit dates."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def git(repo: Path, *args: str, when: str = "2021-03-05T10:00:00+08:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "维护者", "GIT_AUTHOR_EMAIL": "m@example.org",
           "GIT_COMMITTER_NAME": "维护者", "GIT_COMMITTER_EMAIL": "m@example.org"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return done.stdout.decode().strip()


def commit(repo: Path, when: str, message: str = "发布") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "--short=7", "HEAD")


@pytest.fixture
def published(workdir: Path) -> Path:
    """The minimal datasets, committed: everything in them is now public."""
    compose(workdir)
    git(workdir, "init", "-q", "-b", "main")
    commit(workdir, "2021-03-05T10:00:00+08:00")
    return workdir / LEDGER


def edit_row(ledger: Path, entry_id: str, column: int, value: str) -> None:
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        cells = line.rstrip("\n").split(",")
        if cells[0] == entry_id:
            cells[column] = value
            lines[i] = ",".join(cells) + "\n"
    ledger.write_text("".join(lines), encoding="utf-8")


def test_changing_a_published_amount_fails_with_old_and_new_value(published: Path) -> None:
    head = git(published.parents[3], "rev-parse", "--short=7", "HEAD")
    edit_row(published, "D-001", 4, "9999.00")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    assert reported(result.output, "error") == [
        f'{LEDGER}:1: amount: entry "D-001" was published on 2021-03-05 (commit {head}) and '
        'has been changed: amount was "9800.00", now "9999.00"; a published entry never '
        'changes: put back the published values, then add a new entry with corrects "D-001" '
        "that carries the right figures (the portal shows both and counts only the new one) "
        "[ledger-entry-changed]"]
    assert "已公开的条目不能修改" in result.output  # the Chinese fix, for the maintainer


def test_uncommitted_and_committed_edits_are_both_caught(published: Path) -> None:
    edit_row(published, "D-002", 6, "停车收益（改）")
    commit(published.parents[3], "2021-04-01T09:00:00+08:00")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    assert 'description was "2021年1月停车收益", now "停车收益（改）"' in result.output


def test_rewriting_an_amount_in_another_format_is_not_a_change(published: Path) -> None:
    edit_row(published, "D-001", 4, "9800")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 0, result.output


def test_deleting_a_published_entry_fails_and_quotes_the_row(published: Path) -> None:
    lines = published.read_text(encoding="utf-8").splitlines(keepends=True)
    published.write_text("".join(line for line in lines if not line.startswith("D-002,")),
                         encoding="utf-8")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    [message] = reported(result.output, "error")
    assert message.startswith(f'{LEDGER}: entry_id: entry "D-002" was published on 2021-03-05')
    assert "is no longer in the ledger; it read: entry_id=D-002, date=2021-01-12" in message
    assert "amount=1200.00" in message and "Put the row back" in message
    assert message.endswith("[ledger-entry-deleted]")


def test_replacing_a_published_voucher_fails(published: Path) -> None:
    voucher = published.parent / "vouchers/D-001.png"
    voucher.write_bytes(voucher.read_bytes() + b"edited")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    [message] = reported(result.output, "error")
    assert message.startswith(f"{LEDGER}:1: voucher: voucher vouchers/D-001.png was "
                              "published on 2021-03-05")
    assert "has been replaced; put the published file back (git checkout" in message


def test_a_correction_entry_is_accepted_and_logged(published: Path, workdir: Path) -> None:
    with published.open("a", encoding="utf-8") as ledger:
        ledger.write("D-009,2021-02-20,income,fee,9850.00,业主（按月汇总）,"
                     "更正1月物业服务费金额,vouchers/D-001.png,I01,D-001\n")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    log = (workdir / "site/communities/demo/corrections/index.html").read_text("utf-8")
    assert "共 2 条更正，最新的在前" in log  # the fixture already corrects D-006
    newest = log.split("<tbody>")[1].split("</tr>")[0]
    assert "<li>金额：9,800.00 → 9,850.00</li></ul>" in newest
    assert 'ledger/2021-01/#D-001">D-001</a>' in newest
    assert 'ledger/2021-02/#D-009">D-009</a>' in newest
    page = (workdir / "site/communities/demo/index.html").read_text("utf-8")
    assert "本小区共有 2 条更正。" in page
    january = (workdir / "site/communities/demo/ledger/2021-01/index.html").read_text("utf-8")
    assert "已更正，以" in january and "#D-009" in january


def test_a_pull_request_may_fix_its_own_unpublished_entries(published: Path) -> None:
    repo = published.parents[3]
    git(repo, "checkout", "-q", "-b", "add-march")
    with published.open("a", encoding="utf-8") as ledger:
        ledger.write("D-010,2021-03-02,income,parking,1300.00,停车管理公司,"
                     "2021年3月停车收益,,I02,\n")
    commit(repo, "2021-04-02T09:00:00+08:00")
    edit_row(published, "D-010", 4, "1310.00")
    commit(repo, "2021-04-03T09:00:00+08:00")
    against_base = run("validate", "--datasets", "datasets", "--published-ref", "main")
    assert against_base.exit_code == 0, against_base.output
    against_head = run("validate", "--datasets", "datasets")
    assert against_head.exit_code == 1
    assert 'entry "D-010" was published on 2021-04-02' in against_head.output


def test_unknown_published_ref_is_reported(published: Path) -> None:
    result = run("validate", "--datasets", "datasets", "--published-ref", "origin/main")
    assert result.exit_code == 1
    assert reported(result.output, "error") == [
        "datasets: 'origin/main' is not a commit of this repository; fetch it or name "
        "another branch [published-ref-unknown]"]


def months_published(workdir: Path, second: str) -> tuple[str, str]:
    """January's accounts committed on 2021-02-05; February's on ``second``."""
    ledger, statements = workdir / LEDGER, workdir / LEDGER.replace("ledger", "statements")
    full = {path: path.read_text(encoding="utf-8") for path in (ledger, statements)}
    for path, text in full.items():
        path.write_text("".join(line for line in text.splitlines(keepends=True)
                                if "2021-02" not in line), encoding="utf-8")
    git(workdir, "init", "-q", "-b", "main")
    commit(workdir, "2021-02-05T10:00:00+08:00")
    for path, text in full.items():
        path.write_text(text, encoding="utf-8")
    commit(workdir, second)
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    site = workdir / "site/communities/demo"
    return ((site / "ledger/index.html").read_text("utf-8"),
            (site / "ledger/2021-02/index.html").read_text("utf-8"))


def test_month_published_after_its_due_date_is_marked_late(workdir: Path) -> None:
    compose(workdir)
    index, february = months_published(workdir, "2021-03-15T18:00:00+08:00")
    assert "本月账目于 2021-03-15 公开（应于 2021-03-10 前公开）：逾期公开。" in february
    assert re.search(r"<td[^>]*>2021-03-15 <small>逾期公开</small></td>", index)
    assert re.search(r"<td[^>]*>2021-02-05</td>", index)  # January: on time, no remark


def test_month_published_before_its_due_date_is_on_time(workdir: Path) -> None:
    compose(workdir)
    _, february = months_published(workdir, "2021-03-09T18:00:00+08:00")
    assert "本月账目于 2021-03-09 公开（应于 2021-03-10 前公开）：按时公开。" in february


def test_overdue_month_is_flagged_on_home_community_and_list_pages(workdir: Path) -> None:
    rule = workdir / "datasets/communities/demo/datapackage.json"
    compose(workdir)
    rule.write_text(rule.read_text("utf-8").replace('"until": "2021-02"', '"until": "2021-04"'),
                    encoding="utf-8")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    home = (workdir / "site/index.html").read_text("utf-8")
    assert "2 个月逾期未公开：2021-03、2021-04。" in home
    assert 'href="communities/demo/#disclosure"' in home
    page = (workdir / "site/communities/demo/index.html").read_text("utf-8")
    assert page.count('class="xy-due-overdue"') == 2
    assert "2021 年 4 月的账目应在 2021 年 5 月 10 日前公开，至今没有公开。" in page
    assert "nothing has been published" not in page  # the maintainers' message
    listing = (workdir / "site/communities/index.html").read_text("utf-8")
    assert "2 个月逾期未公开" in listing
    english = (workdir / "site/en/index.html").read_text("utf-8")
    assert "2 month(s) overdue, not published: 2021-03, 2021-04." in english


def test_build_date_is_the_commit_date_unless_data_is_uncommitted(
    published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    datasets = published.parents[2]
    assert build_date(datasets) == date(2021, 3, 5)  # the committer's calendar day (+08:00)
    edit_row(published, "D-001", 6, "改")
    assert build_date(datasets) == date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date(datasets) == date(2023, 11, 14)
