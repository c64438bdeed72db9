"""The open-data downloads (开放数据) as a third party uses them: the page lists every package
with each file's size and SHA-256, the hashes hold, and a package copied out of the site, or
unzipped, passes ``frictionless validate``, which also catches a tampered file."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator import load, schemas
from generator.build import check, model
from generator.config import BuildConfig
from generator.render import opendata, render

from .conftest import MINIMAL, compose

PACKAGES = {  # folder under data/ -> (title, sample data, resources)
    "codelists": ("代码表", False,
                  ("categories", "project-categories", "communities", "standard-categories")),
    "communities/demo": ("示范小区", True,
                         ("ledger", "budget", "resolutions", "collection", "statements")),
    "foundation": ("示范社区基金会", True, ("projects", "donations", "disbursements")),
    "protection-fund": ("示范社区保障资金", True, ("projects", "steps")),
    "standards": ("示范标准目录", True, ("standards",)),
}
SCHEMAS = {"codelists": load.CODELISTS, "communities/demo": load.COMMUNITY.resources,
           "foundation": load.FOUNDATION.resources, "protection-fund": load.PROTECTION.resources,
           "standards": load.STANDARDS.resources}
ROW = re.compile(r'<tr><td class="xy-nowrap"[^>]*><a class="xy-file" href="([^"]+)">[^<]+</a></td>'
                 r'.*?<code class="xy-sha256">([0-9a-f]{64})</code></td></tr>', re.S)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def frictionless(package: Path, source: str = "datapackage.json") -> dict[str, Any]:
    """``frictionless validate`` as a third party runs it, in the package's folder."""
    done = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", source],
                          cwd=package, capture_output=True, text=True, timeout=120)
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def errors(report: dict[str, Any]) -> list[str]:
    return [e["type"] for e in report["errors"]] + [
        e["type"] for task in report["tasks"] for e in task["errors"]]


def download(site: Path, package: str, target: Path) -> Path:
    """Every file of a package's folder, as a third party would fetch them."""
    shutil.copytree(site / "data" / package, target)
    return target


def test_the_page_lists_every_package_with_its_rows(minimal_site: Path) -> None:
    html = (minimal_site / "data/index.html").read_text(encoding="utf-8")
    for folder, (title, sample, resources) in PACKAGES.items():
        heading = re.search(rf'<h2 id="{folder.replace("/", "-")}">(.*?)</h2>', html, re.S)
        assert heading and title in heading.group(1), folder
        assert ('<span class="xy-badge">示例数据</span>' in heading.group(1)) == sample, folder
        for name in resources:
            with (minimal_site / "data" / folder / f"{name}.csv").open(encoding="utf-8-sig") as f:
                rows = sum(1 for _ in csv.reader(f)) - 1
            assert f"<strong>{name}</strong> · {rows} 行" in html, (folder, name)


def test_every_sha256_shown_is_the_hash_of_the_file_it_links_to(minimal_site: Path) -> None:
    for page in ("data/index.html", "en/data/index.html"):
        html = (minimal_site / page).read_text(encoding="utf-8")
        shown = ROW.findall(html)
        assert len(shown) == len(re.findall(r'class="xy-sha256"', html))  # each one checked
        for href, digest in shown:
            target = (minimal_site / page).parent / href
            assert target.resolve().is_relative_to((minimal_site / "data").resolve()), href
            assert sha256(target) == digest, (page, href)
        files = {(minimal_site / page).parent.joinpath(h).resolve() for h, _ in shown}
        published = {p.resolve() for p in (minimal_site / "data").rglob("*")
                     if p.is_file() and p.name != "index.html"}
        assert files == published, page  # every data file, each listed once


def test_sha256sums_checks_every_data_file(minimal_site: Path) -> None:
    data = minimal_site / "data"
    lines = (data / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {path: digest for digest, path in (line.split("  ", 1) for line in lines)}
    assert [line.split("  ", 1)[1] for line in lines] == sorted(listed)
    expected = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}
    assert set(listed) == expected - {"index.html", "SHA256SUMS"}
    for path, digest in listed.items():
        assert sha256(data / path) == digest, path
    if shutil.which("sha256sum"):
        done = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=data,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("folder", sorted(PACKAGES))
def test_a_downloaded_package_passes_frictionless(minimal_site: Path, tmp_path: Path,
                                                  folder: str) -> None:
    package = download(minimal_site, folder, tmp_path / "download")
    report = frictionless(package)
    assert report["valid"], errors(report)
    assert len(report["tasks"]) == len(PACKAGES[folder][2])


def test_an_unzipped_package_passes_frictionless(minimal_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(minimal_site / "data/communities/demo/demo.zip") as archive:
        archive.extractall(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "budget.csv", "collection.csv", "datapackage.json", "ledger.csv", "resolutions.csv",
        "statements.csv"]  # no vouchers: they stay at their own links on the site
    report = frictionless(tmp_path)
    assert report["valid"], errors(report)


def test_a_tampered_csv_fails_frictionless_on_its_hash(minimal_site: Path,
                                                       tmp_path: Path) -> None:
    package = download(minimal_site, "communities/demo", tmp_path / "download")
    ledger = package / "ledger.csv"
    text = ledger.read_text(encoding="utf-8")
    assert "9800.00" in text
    ledger.write_text(text.replace("9800.00", "9900.00", 1), encoding="utf-8")  # same size
    report = frictionless(package)
    assert not report["valid"]
    assert errors(report) == ["hash-count"]  # the rows themselves are still valid


def test_csv_files_are_the_datasets_byte_for_byte(minimal_site: Path) -> None:
    """As written, behind a UTF-8 byte-order mark (so that Excel on Chinese Windows opens
    them in Chinese), but for the columns added to a table later (its schema's
    "x-optional"), which a table written before them gains, empty, to fit its schema."""
    completed = 0
    for folder, (_, _, resources) in PACKAGES.items():
        for name in resources:
            table = SCHEMAS[folder][name]
            published = minimal_site / "data" / folder / f"{name}.csv"
            source = (MINIMAL / folder / f"{name}.csv").read_text(encoding="utf-8")
            header, *rows = source.splitlines()
            left_out = [c for c in schemas.columns(table) if c not in header.split(",")]
            if left_out:
                completed += 1
                source = "".join([f"{header},{','.join(left_out)}\n",
                                  *(f"{line}{',' * len(left_out)}\n" for line in rows)])
            assert published.read_bytes() == b"\xef\xbb\xbf" + source.encode("utf-8"), name
    assert completed == 4  # budget, resolutions, collection, statements: each trails


def typed(cell: str, kind: str) -> Any:
    if cell == "":
        return None
    return {"integer": int, "number": float}.get(kind, str)(cell)


def test_json_rows_equal_the_csv_rows_with_typed_values(minimal_site: Path) -> None:
    checked = 0
    for folder in PACKAGES:
        descriptor = json.loads((minimal_site / "data" / folder / "datapackage.json")
                                .read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            kinds = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
            base = minimal_site / "data" / folder / resource["name"]
            with base.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(f))
            header, *arrays = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
            assert header == [f["name"] for f in resource["schema"]["fields"]]
            data = [dict(zip(header, values, strict=True)) for values in arrays]
            assert data == [{k: typed(v, kinds[k]) for k, v in row.items()} for row in rows]
            for row in data:
                assert [type(row[k]) for k in row if row[k] is not None] == [
                    {"integer": int, "number": float}.get(kinds[k], str)
                    for k in row if row[k] is not None]
                checked += 1
    assert checked > 20


def test_ledger_and_budget_carry_the_fiscal_description(minimal_site: Path) -> None:
    folder = minimal_site / "data/communities/demo"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    ledger = (folder / "ledger.csv").read_text(encoding="utf-8-sig").splitlines()
    dates = sorted(r["date"] for r in csv.DictReader(ledger))
    for name, phase, granularity, period in (
            ("ledger", "executed", "transaction", {"start": dates[0], "end": dates[-1]}),
            ("budget", "approved", "aggregated", {"start": "2021-01-01", "end": "2021-12-31"})):
        fiscal = resources[name]
        assert fiscal["model"]["measures"] == {"amount": {
            "source": "amount", "resource": name, "currency": "CNY", "phase": phase}}
        dimensions = fiscal["model"]["dimensions"]
        assert {"direction", "category", "budget-line"} <= set(dimensions)
        assert dimensions["category"]["dimensionType"] == "classification"
        assert fiscal["granularity"] == granularity and fiscal["fiscalPeriod"] == period
        columns = {f["name"] for f in fiscal["schema"]["fields"]}
        sources = {a["source"] for d in dimensions.values() for a in d["attributes"].values()}
        assert sources <= columns  # every dimension names a real column
    assert {"date", "counterparty", "entry"} <= set(resources["ledger"]["model"]["dimensions"])
    assert "corrects" in resources["ledger"]["description"]
    assert descriptor["countryCode"] == "CN"
    assert not any("model" in r for n, r in resources.items() if n not in ("ledger", "budget"))


def test_descriptors_say_which_packages_are_sample_data(minimal_site: Path) -> None:
    for folder, (title, sample, resources) in PACKAGES.items():
        descriptor = json.loads((minimal_site / "data" / folder / "datapackage.json")
                                .read_text(encoding="utf-8"))
        assert descriptor["title"] == title
        assert descriptor.get("sample", False) is sample, folder
        assert [r["name"] for r in descriptor["resources"]] == list(resources)
        assert all(r["hash"].startswith("sha256:") for r in descriptor["resources"])


def test_every_canonical_schema_is_published(minimal_site: Path) -> None:
    published = sorted(p.name for p in (minimal_site / "data/schemas").iterdir())
    assert published == sorted(f"{t}.json" for t in opendata.schemas.TABLES)
    ledger = json.loads((minimal_site / "data/schemas/ledger.json").read_text(encoding="utf-8"))
    assert ledger["primaryKey"] == ["entry_id"]


def test_the_english_page_links_to_the_files_and_dictionary_of_the_chinese_site(
        minimal_site: Path) -> None:
    html = (minimal_site / "en/data/index.html").read_text(encoding="utf-8")
    assert "<h1>Open data</h1>" in html and "How to check" in html
    assert 'href="../../data/communities/demo/demo.zip"' in html
    assert 'href="../../maintainers/data-dictionary/#ledger"' in html
    assert '<span class="xy-badge">Sample data</span>' in html
    assert not (minimal_site / "en/data/communities").exists()  # files are published once


def render_files(datasets: Path) -> dict[str, bytes]:
    config = BuildConfig(datasets=datasets, today=date(2026, 1, 1), site_url="")
    validated = check(config)
    assert validated.report.valid, validated.report.summary()
    pages, assets = render(model(config))
    files = {a.target: a.data for a in assets if a.data is not None}
    files["data/index.md"] = next(p.html for p in pages if p.path == "data/index.md").encode()
    return files


def test_two_renders_give_the_same_zip_bytes(tmp_path: Path) -> None:
    datasets = compose(tmp_path)
    first, second = render_files(datasets), render_files(datasets)
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first["data/communities/demo/demo.zip"]))
    infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {(i.date_time, i.external_attr >> 16, i.create_system, i.compress_type)
            for i in infos} == {((1980, 1, 1, 0, 0, 0), 0o100644, 3, zipfile.ZIP_DEFLATED)}
    assert archive.read("datapackage.json") == first["data/communities/demo/datapackage.json"]
    assert archive.read("ledger.csv") == b"\xef\xbb\xbf" + (  # behind a byte-order mark
        datasets / "communities/demo/ledger.csv").read_bytes()


def test_licences_are_kept_and_titles_stay_text(tmp_path: Path) -> None:
    datasets = compose(tmp_path)
    path = datasets / "communities/demo/datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    licences = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                 "title": "Creative Commons Attribution 4.0"}]
    descriptor.update(licenses=licences, title="<b>示范</b>小区")
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    files = render_files(datasets)
    published = json.loads(files["data/communities/demo/datapackage.json"])
    assert published["licenses"] == licences and published["title"] == "<b>示范</b>小区"
    page = files["data/index.md"].decode()
    assert "&lt;b&gt;示范&lt;/b&gt;小区" in page and "<b>示范</b>" not in page
