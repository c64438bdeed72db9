"""A community leaves the portal only by a declared withdrawal: what it published stays,
its pages say it withdrew and by which resolution, and later months are no longer due."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import compose, run
from .test_validation_rules import reported

DESCRIPTOR = "datasets/communities/demo/datapackage.json"


def _withdraw(workdir: Path, resolution: str, until: str = "2021-02") -> None:
    path = workdir / DESCRIPTOR
    body = json.loads(path.read_text(encoding="utf-8"))
    body["community"]["disclosure"]["until"] = until
    body["withdrawn"] = {"date": "2021-03-20", "reason": "业主大会决定改由业主自管",
                         "resolution": resolution}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")


def test_a_withdrawn_community_keeps_its_pages_marked_and_owes_no_later_month(
        workdir: Path) -> None:
    compose(workdir)
    _withdraw(workdir, "R-2020-01", until="2021-06")  # the rule ran on; the community left
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    page = (workdir / "site/communities/demo/index.html").read_text(encoding="utf-8")
    assert ("本小区于 2021-03-20 退出本平台（业主大会决定改由业主自管；业主大会决议 R-2020-01）。"
            "此前公开的账目、凭证和公开记录全部保留，此后的月份不再公开。") in page
    assert page.count('class="xy-due-overdue"') == 1  # March, the month it left; not April to June
    english = (workdir / "site/en/communities/demo/index.html").read_text(encoding="utf-8")
    assert "This community withdrew from the portal on 2021-03-20" in english
    assert (workdir / "site/communities/demo/ledger/2021-01/index.html").is_file()


def test_a_withdrawal_names_the_resolution_that_decided_it(workdir: Path) -> None:
    compose(workdir)
    _withdraw(workdir, "R-2099-01")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    assert reported(result.output, "error") == [
        f'{DESCRIPTOR}: withdrawn names resolution "R-2099-01", which is not in '
        "resolutions.csv [withdrawal-resolution-unknown]"]
