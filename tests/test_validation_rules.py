"""One small broken package per rule: the maintainer sees the exact code, file, row and
field, and the build writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from .conftest import TESTS, compose, compose_case, previous_site, run, tree_digest

CASES = sorted(p for p in (TESTS / "cases").iterdir() if p.is_dir())
FINDINGS = sorted(p for p in (TESTS / "findings").iterdir() if p.is_dir())
# One package per rule where the rule applies and holds: shown.txt is what the page says
PASSING = sorted(p for p in (TESTS / "passing").iterdir() if p.is_dir())


def expected_lines(case: Path) -> list[str]:
    text = (case / "expected.txt").read_text(encoding="utf-8")
    return text.replace("TODAY", date.today().isoformat()).splitlines()


def reported(output: str, label: str) -> list[str]:
    prefix = f"{label}: "
    return [line[len(prefix):] for line in output.splitlines()
            if line.startswith(prefix) and "[" in line]


def test_minimal_fixture_is_valid(workdir: Path) -> None:
    compose(workdir)
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 0, result.output
    assert "valid: 0 error(s), 0 finding(s)" in result.output


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_broken_package_is_rejected_with_exact_location(case: Path, workdir: Path) -> None:
    _, args = compose_case(workdir, case)
    result = run("validate", "--datasets", "datasets", *args)
    assert result.exit_code == 1
    assert reported(result.output, "error") == expected_lines(case)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_broken_package_leaves_previous_site_untouched(case: Path, workdir: Path) -> None:
    _, args = compose_case(workdir, case)
    site = workdir / "site"
    before = previous_site(site)
    result = run("build", "--datasets", "datasets", "--out", "site", *args)
    assert result.exit_code == 1
    assert "nothing was written; 'site' is unchanged" in result.output
    assert tree_digest(site) == before
    assert sorted(p.name for p in workdir.iterdir() if p.name != "live") == [
        "content", "datasets", "generator", "mkdocs.yml", "site"]  # live: the case's witness


def test_voucher_through_symlink_is_rejected(
    workdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    datasets = compose(workdir)
    outside = tmp_path_factory.mktemp("outside") / "secret.png"
    outside.write_bytes((datasets / "communities/demo/vouchers/D-003.png").read_bytes())
    voucher = datasets / "communities/demo/vouchers/D-003.png"
    voucher.unlink()
    voucher.symlink_to(outside)
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    assert reported(result.output, "error") == [
        'datasets/communities/demo/ledger.csv:3: voucher: "vouchers/D-003.png" goes through a '
        "symbolic link (D-003.png); use a real file [ledger-voucher-unsafe]"]


def test_voucher_that_is_a_directory_is_rejected(workdir: Path) -> None:
    datasets = compose(workdir)
    voucher = datasets / "communities/demo/vouchers/D-003.png"
    voucher.unlink()
    voucher.mkdir()
    result = run("validate", "--datasets", "datasets")
    assert reported(result.output, "error") == [
        'datasets/communities/demo/ledger.csv:3: voucher: "vouchers/D-003.png" is not a '
        "regular file [ledger-voucher-unsafe]"]


@pytest.mark.parametrize("case", FINDINGS, ids=lambda p: p.name)
def test_finding_is_a_warning_and_the_build_goes_on(case: Path, workdir: Path) -> None:
    compose(workdir, case)
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 0, result.output
    assert reported(result.output, "finding") == expected_lines(case)
    assert "valid: 0 error(s), 1 finding(s)" in result.output


@pytest.mark.parametrize("case", FINDINGS, ids=lambda p: p.name)
def test_strict_turns_a_finding_into_an_error(case: Path, workdir: Path) -> None:
    compose(workdir, case)
    result = run("validate", "--datasets", "datasets", "--strict")
    assert result.exit_code == 1
    assert reported(result.output, "error") == expected_lines(case)


@pytest.mark.parametrize("case", FINDINGS, ids=lambda p: p.name)
def test_finding_is_published_on_the_community_page(case: Path, workdir: Path) -> None:
    compose(workdir, case)
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    where = expected_lines(case)[0].split("/")[1]  # communities, foundation or protection-fund
    shown = {"communities": "communities/demo", "foundation": "foundation",
             "protection-fund": "protection-fund"}[where]
    page = (workdir / "site" / shown / "index.html").read_text(encoding="utf-8")
    # residents read one plain Chinese sentence (resident.txt); the maintainers' message
    # and its code stay in `portal validate`
    message = expected_lines(case)[0].split(": ", 2)[-1].rsplit(" [", 1)[0]
    sentence = (case / "resident.txt").read_text(encoding="utf-8").strip()
    assert "核查发现 1 项问题" in page
    assert sentence in page
    assert message.replace("'", "&#39;") not in page
    assert f"[{case.name}]" not in page and f"<code>{case.name}</code>" not in page


@pytest.mark.parametrize("case", PASSING, ids=lambda p: p.name)
def test_a_rule_that_holds_finds_nothing_and_the_page_says_so(case: Path, workdir: Path) -> None:
    compose(workdir, case)
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 0, result.output
    assert "valid: 0 error(s), 0 finding(s)" in result.output
    built = run("build", "--datasets", "datasets", "--out", "site")
    assert built.exit_code == 0, built.output
    shown = (case / "shown.txt").read_text(encoding="utf-8").strip()
    page = "foundation" if (case / "datasets" / "foundation").is_dir() else "communities/demo"
    assert shown in (workdir / "site" / page / "index.html").read_text(encoding="utf-8")


def test_package_folder_name_must_be_a_plain_id(workdir: Path) -> None:
    datasets = compose(workdir)
    (datasets / "communities/demo").rename(datasets / "communities/Demo_A")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 1
    # the projects that name "demo" report it as unknown too
    assert reported(result.output, "error")[0] == (
        "datasets/communities/Demo_A/datapackage.json: name: folder name 'Demo_A' may only use "
        "lowercase letters, digits and hyphens [package-name-invalid]")
