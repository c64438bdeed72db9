"""What's new: each publication (a commit of the datasets) with what it added, and the
Atom feed of the same, from a small git history made here."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from .conftest import compose, run

ATOM = "{http://www.w3.org/2005/Atom}"


def commit(repo: Path, message: str, when: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "maintainer", "GIT_AUTHOR_EMAIL": "m@example.cn",
           "GIT_COMMITTER_NAME": "maintainer", "GIT_COMMITTER_EMAIL": "m@example.cn",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, check=True, env=env)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True,
                          capture_output=True, text=True).stdout.strip()


def test_each_publication_lists_what_it_added(workdir: Path) -> None:
    datasets = compose(workdir)
    subprocess.run(["git", "init", "-q"], cwd=workdir, check=True)
    first = commit(workdir, "first publication", "2024-03-05T10:00:00+08:00")
    ledger = datasets / "communities/demo/ledger.csv"
    ledger.write_text(ledger.read_text(encoding="utf-8") +
                      "D-009,2021-03-10,income,fee,9600.00,业主（按月汇总）,2021年3月物业服务费,"
                      "vouchers/D-001.png,I01,\n", encoding="utf-8")
    second = commit(workdir, "March accounts", "2024-04-08T09:30:00+08:00")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    html = (workdir / "site/whatsnew/index.html").read_text(encoding="utf-8")
    newest = html.split(f'id="p-{second[:12]}"', 1)[1].split("</ul>", 1)[0]
    assert "示范小区：新增 2021 年 3 月的账目" in newest
    oldest = html.split(f'id="p-{first[:12]}"', 1)[1].split("</ul>", 1)[0]
    assert "新增小区：示范小区" in oldest
    assert "示范小区：新增 2021 年 1 月至 2021 年 2 月，共 2 个月的账目" in oldest
    assert "社区基金会新增项目：共享奶奶互助、儿童友好空间" in oldest
    assert "新增标准：XY/T 001—2024 社区信义治理 术语" in oldest

    feed = ET.parse(workdir / "site/whatsnew/feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2024-04-08T09:30:00+08:00", "2024-03-05T10:00:00+08:00"]
    assert feed.findtext(f"{ATOM}updated") == "2024-04-08T09:30:00+08:00"
    assert "2021 年 3 月" in (entries[0].findtext(f"{ATOM}summary") or "")


    # the English page and its own feed say the same in English; names stay as published
    english = (workdir / "site/en/whatsnew/index.html").read_text(encoding="utf-8")
    newest = english.split(f'id="p-{second[:12]}"', 1)[1].split("</ul>", 1)[0]
    assert "示范小区: accounts for March 2021 added" in newest
    oldest = english.split(f'id="p-{first[:12]}"', 1)[1].split("</ul>", 1)[0]
    assert "New community: 示范小区" in oldest
    assert "示范小区: accounts for January 2021 to February 2021 added, 2 months" in oldest
    assert "New community foundation projects: 共享奶奶互助, 儿童友好空间" in oldest
    assert "New standards: XY/T 001—2024 Community trust governance — Vocabulary" in oldest
    assert '<a href="../whatsnew/feed.xml" type="application/atom+xml">Atom feed</a>' in english
    feed_en = ET.parse(workdir / "site/en/whatsnew/feed.xml").getroot()
    assert feed_en.findtext(f"{ATOM}title") == "Community Trust Governance Portal: what's new"
    entries = feed_en.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Published 2024-04-08", "Published 2024-03-05"]
    assert (entries[0].findtext(f"{ATOM}summary") ==
            "示范小区: accounts for March 2021 added")


def test_a_repository_of_the_datasets_alone_lists_its_publications(workdir: Path) -> None:
    datasets = compose(workdir)  # the datasets folder is the repository's root
    subprocess.run(["git", "init", "-q"], cwd=datasets, check=True)
    commit(datasets, "first publication", "2024-03-05T10:00:00+08:00")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    html = (workdir / "site/whatsnew/index.html").read_text(encoding="utf-8")
    assert "新增小区：示范小区" in html
    assert "示范小区：新增 2021 年 1 月至 2021 年 2 月，共 2 个月的账目" in html


def test_outside_git_the_page_says_there_is_no_history(workdir: Path) -> None:
    compose(workdir)  # a temporary folder: not a git checkout
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    html = (workdir / "site/whatsnew/index.html").read_text(encoding="utf-8")
    assert "还没有发布记录：发布记录来自数据的 git 提交历史。" in html
    feed = ET.parse(workdir / "site/whatsnew/feed.xml").getroot()
    assert feed.findall(f"{ATOM}entry") == []
