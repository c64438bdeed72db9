"""`portal verify`: a published site checked against the datasets it claims to show."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.__main__ import cli

from .conftest import compose, run


@pytest.fixture
def published(workdir: Path) -> Path:
    compose(workdir)
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    return workdir / "site"


def test_an_untouched_site_matches_its_datasets(published: Path) -> None:
    result = run("verify", "site", "--datasets", "datasets")
    assert result.exit_code == 0, result.output
    assert "verify: 'site' matches the datasets exactly" in result.output


def test_an_altered_page_is_reported(published: Path) -> None:
    page = published / "communities/demo/ledger/2021-01/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("3,000.00", "300.00"),
                    encoding="utf-8")
    result = run("verify", "site", "--datasets", "datasets")
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "mismatch: site communities/demo/ledger/2021-01/index.html: differs"]


def test_an_altered_data_file_is_reported(published: Path, workdir: Path) -> None:
    ledger = workdir / "datasets/communities/demo/ledger.csv"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("3000.00", "3100.00"),
                      encoding="utf-8")
    result = run("verify", "site", "--datasets", "datasets")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "mismatch: data communities/demo/ledger.csv: differs" in lines
    assert "mismatch: site communities/demo/ledger/2021-01/index.html: differs" in lines


def rezip(path: Path, level: int, change: dict[str, bytes] | None = None) -> None:
    """Write the archive again, as another zlib build would: same members, other bytes."""
    with zipfile.ZipFile(path) as archive:
        members = [(i, archive.read(i)) for i in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in members:
            archive.writestr(info, (change or {}).get(info.filename, data),
                             zipfile.ZIP_DEFLATED, compresslevel=level)


def test_a_zip_deflated_to_other_bytes_still_matches(published: Path) -> None:
    archive = published / "data/communities/demo/demo.zip"
    before = archive.read_bytes()
    rezip(archive, level=1)
    assert archive.read_bytes() != before
    result = run("verify", "site", "--datasets", "datasets")
    assert result.exit_code == 0, result.output


def test_a_zip_with_an_altered_member_is_reported(published: Path) -> None:
    archive = published / "data/communities/demo/demo.zip"
    with zipfile.ZipFile(archive) as opened:
        ledger = opened.read("ledger.csv")
    rezip(archive, level=6, change={"ledger.csv": ledger.replace(b"3000.00", b"300.00")})
    result = run("verify", "site", "--datasets", "datasets")
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "mismatch: site data/communities/demo/demo.zip: differs"]


def test_manifest_lists_every_data_file_and_page_with_the_version(published: Path,
                                                                   workdir: Path) -> None:
    manifest = json.loads((published / "manifest.json").read_text(encoding="utf-8"))
    data = {p.relative_to(workdir / "datasets").as_posix()
            for p in (workdir / "datasets").rglob("*") if p.is_file()}
    assert set(manifest["data"]) == data
    assert "communities/demo/index.html" in manifest["site"]
    assert "manifest.json" not in manifest["site"]
    page = (published / "communities/demo/index.html").read_text(encoding="utf-8")
    assert f"数据版本 <code>{manifest['data_version']}</code>" in page


def test_a_site_without_manifest_cannot_be_verified(workdir: Path) -> None:
    compose(workdir)
    (workdir / "other").mkdir()
    result = run("verify", "other", "--datasets", "datasets")
    assert result.exit_code == 1
    assert "other/manifest.json: missing; the site cannot be checked" in result.output


@pytest.mark.parametrize("body", ['{"site": {', '[]', '{"data": {}, "site": {}}',
                                  '{"data_version": "x", "build_date": "2026-13-01", '
                                  '"data": {}, "site": {}}'], ids=["truncated", "array",
                                                                    "incomplete", "bad-date"])
def test_a_manifest_that_is_not_one_is_reported_not_a_traceback(body: str, workdir: Path) -> None:
    compose(workdir)
    (workdir / "other").mkdir()
    (workdir / "other/manifest.json").write_text(body, encoding="utf-8")
    result = run("verify", "other", "--datasets", "datasets")
    assert result.exit_code == 1
    assert result.output == ("mismatch: other/manifest.json: unreadable; the site cannot be "
                             "checked\nverify: 1 difference(s) between 'other' and the datasets\n")


def test_a_failed_rebuild_is_a_message_not_a_traceback(published: Path, workdir: Path) -> None:
    settings = workdir / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "  name: material", "  name: no-such-theme", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", "site", "--datasets", "datasets"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.output.startswith("verify: the site cannot be rebuilt: mkdocs failed: ")
    assert "Unrecognised theme name: 'no-such-theme'" in result.output


def test_a_file_nothing_names_is_not_listed_nor_published(workdir: Path) -> None:
    # A scan a clerk saved into the package by mistake: its name says whose it is.
    datasets = compose(workdir)
    stray = datasets / "communities/demo/vouchers/王小明-身份证.png"
    stray.write_bytes((datasets / "communities/demo/vouchers/D-001.png").read_bytes())
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    text = (workdir / "site/manifest.json").read_text(encoding="utf-8")
    assert "王小明" not in text
    manifest = json.loads(text)
    assert "communities/demo/vouchers/D-001.png" in manifest["data"]
    assert "communities/demo/ledger.csv" in manifest["data"]
    assert not [p for p in (workdir / "site").rglob("*") if "王小明" in p.name]
    result = run("verify", "site", "--datasets", "datasets")
    assert result.exit_code == 0, result.output
