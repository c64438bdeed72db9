"""Private donors are people: the site names them only with their consent (PIPL art. 25),
on the pages and in every download; organisations are named in full."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest

from generator.personal import looks_like_person, public_donor

from .conftest import compose, run

DONATIONS = """\
donation_id,date,donor,donor_type,consent,amount,project_id,channel
G-001,2021-01-05,示范企业,organisation,,10000.00,F-01,bank
G-002,2021-02-01,个人捐赠,individual,,5000.00,,online
G-003,2021-03-10,李秀英,individual,同意书 C-01,8000.00,F-02,onsite
G-004,2021-03-12,欧阳小明,individual,,2000.00,F-02,online
"""


@pytest.mark.parametrize("donor, kind, consent, shown", [
    ("蓉欣科技有限公司", "organisation", "", "蓉欣科技有限公司"),
    ("王小明", "individual", "", "王**"),
    ("欧阳小明", "individual", "", "欧**"),  # the stars do not tell the name's length
    ("Wang Xiaoming", "individual", "", "W**"),
    ("李秀英", "individual", "同意书 C-01", "李秀英"),
    ("个人捐赠", "individual", "", "个人捐赠"),
    ("匿名", "individual", "", "匿名"),
])
def test_the_site_names_a_person_only_with_consent(donor: str, kind: str, consent: str,
                                                   shown: str) -> None:
    assert public_donor(donor, kind, consent) == shown


@pytest.mark.parametrize("name, person", [
    ("王小明", True), ("欧阳小明", True), ("王\u200b小明", True),
    ("蓉欣科技有限公司", False), ("社区爱心商家联盟", False), ("悦读书店", False),
    ("个人捐赠", False), ("匿名", False), ("Rongxin Technology Co., Ltd.", False),
])
def test_a_name_of_two_to_four_characters_without_an_organisation_word_reads_as_a_person(
        name: str, person: bool) -> None:
    assert looks_like_person(name) is person


@pytest.fixture
def site(workdir: Path) -> Path:
    datasets = compose(workdir)
    (datasets / "foundation" / "donations.csv").write_text(DONATIONS, encoding="utf-8")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    return workdir / "site"


def test_no_published_file_holds_the_name_of_a_donor_who_did_not_consent(site: Path) -> None:
    assert [p for p in site.rglob("*") if p.is_file() and "小明".encode() in p.read_bytes()] == []
    page = (site / "foundation/projects/F-02/index.html").read_text(encoding="utf-8")
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page)  # a phone's layout labels each cell
    assert "欧**" in cells and "李秀英" in cells
    english = (site / "en/foundation/projects/F-02/index.html").read_text(encoding="utf-8")
    assert "欧**" in re.findall(r"<td[^>]*>([^<]*)</td>", english)


def test_the_open_data_publishes_the_donations_as_the_pages_show_them(site: Path) -> None:
    data = site / "data/foundation"
    published = (data / "donations.csv").read_bytes()
    assert published.decode("utf-8") == "\ufeff" + DONATIONS.replace("欧阳小明", "欧**")
    rows = json.loads((data / "donations.json").read_text(encoding="utf-8"))
    assert [r[2] for r in rows[1:]] == ["示范企业", "个人捐赠", "李秀英", "欧**"]
    with zipfile.ZipFile(next(data.glob("*.zip"))) as archive:
        assert archive.read("donations.csv") == published
    described = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in described["resources"] if r["name"] == "donations")
    assert resource["hash"] == "sha256:" + hashlib.sha256(published).hexdigest()
    assert resource["bytes"] == len(published)


def test_verify_accepts_a_site_whose_donors_are_masked(site: Path) -> None:
    result = run("verify", "site", "--datasets", "datasets")
    assert result.exit_code == 0, result.output
    assert "matches the datasets exactly" in result.output


def test_donations_without_a_person_are_published_byte_for_byte(workdir: Path) -> None:
    datasets = compose(workdir)
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    assert ((workdir / "site/data/foundation/donations.csv").read_bytes()
            == b"\xef\xbb\xbf" + (datasets / "foundation/donations.csv").read_bytes())
