"""Owners' votes against 民法典 art. 278: two thirds take part, by heads and by floor area;
three quarters consent for repair funds, rebuilding and business use of common parts, more
than half otherwise. A corrected count is judged by its latest correction; a record without
floor areas is incomplete, not a finding; each vote shows the last day it may be challenged."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.issues import TYPES, Where, residents
from generator.issues.votes import short_title
from generator.load import load, read_tables
from generator.model import votes as model
from generator.records import Community, Resolution
from generator.validate import typed
from generator.validate import votes as rule

from .conftest import MINIMAL, TESTS, compose, run

TODAY = date(2026, 1, 1)


@pytest.fixture(scope="module")
def demo() -> Community:
    datasets, issues = load(MINIMAL)
    datasets = read_tables(datasets, issues, 10**8)
    return typed.community(datasets.communities[0])


def vote(rid: str = "R-1", kind: str = "budget",
         heads: tuple[int, int, int, int] = (70, 10, 5, 100),
         area: tuple[str, str, str, str] | None = ("6100", "900", "500", "9000"), row: int = 1,
         corrects: str = "", day: date = date(2020, 12, 20)) -> Resolution:
    """A record: heads (for, against, abstaining, eligible) and area (the same, in m²)."""
    f, a, b, n = heads
    areas = (None,) * 4 if area is None else (Decimal(area[3]), *(Decimal(x) for x in area[:3]))
    return Resolution(row, rid, day, f"决议 {rid}", kind, f, a, b, n, "", corrects, *areas)


def found(c: Community, *records: Resolution) -> list:
    return list(rule.findings(replace(c, resolutions=records), {}, TODAY))


# ---- The thresholds, exactly --------------------------------------------------------------

def test_exactly_two_thirds_of_the_owners_take_part_and_one_fewer_does_not(demo: Community) -> None:
    assert found(demo, vote(heads=(56, 5, 5, 99))) == []  # 66 of 99: two thirds itself
    [short] = found(demo, vote(heads=(55, 5, 5, 99)))  # 65 of 99
    assert short.variant == "" and short.field == "eligible"
    assert dict(short.values)["owners_share"] == Decimal("0.657")


def test_exactly_three_quarters_consent_carries_a_business_use_of_common_parts(
        demo: Community) -> None:
    assert found(demo, vote(kind="common-use", heads=(60, 15, 5, 100),
                            area=("6000", "1500", "500", "9000"))) == []
    [short] = found(demo, vote(kind="common-use", heads=(59, 16, 5, 100),
                               area=("6000", "1500", "500", "9000")))
    assert short.variant == "consent" and dict(short.values)["needed"] == "≥ 3/4"


def test_exactly_half_is_not_more_than_half_for_a_budget(demo: Community) -> None:
    [short] = found(demo, vote(heads=(40, 30, 10, 100), area=("4000", "3000", "1000", "9000")))
    assert short.variant == "consent-both" and short.field == "area_for"
    assert dict(short.values)["needed"] == "> 1/2"
    assert dict(short.values)["owners_share"] == Decimal("0.5")
    assert found(demo, vote(heads=(41, 30, 10, 100), area=("4001", "3000", "999", "9000"))) == []


def test_area_short_while_the_heads_are_enough(demo: Community) -> None:
    [turnout] = found(demo, vote(heads=(70, 10, 5, 100), area=("4000", "1000", "990", "9000")))
    assert (turnout.variant, turnout.field) == ("area", "area_eligible")
    assert dict(turnout.values)["area_share"] == Decimal("0.666")  # 5990 of 9000 m²
    [consent] = found(demo, vote(kind="rebuild", heads=(70, 10, 5, 100),
                                 area=("5000", "2000", "500", "9000")))
    assert consent.variant == "consent-area"


def test_a_share_never_reads_as_the_opposite_of_its_verdict() -> None:
    assert rule.shown(1999, 3000, rule.TAKE_PART) == Decimal("0.666")  # 66.63…%, short
    assert rule.shown(2, 3, rule.TAKE_PART) == Decimal("0.667")
    assert rule.shown(Decimal("0.66666"), 1, rule.TAKE_PART) == Decimal("0.666")  # not 66.7%
    assert rule.shown(Decimal("0.49996"), 1, rule.MAJORITY) == Decimal("0.5")  # not more
    assert rule.shown(Decimal("0.50004"), 1, rule.MAJORITY) == Decimal("0.501")
    assert rule.shown(Decimal("86405.20"), Decimal("119056.70"), rule.MOST) == Decimal("0.726")


def test_a_record_without_floor_areas_is_incomplete_not_a_finding(demo: Community) -> None:
    record = vote(heads=(30, 10, 5, 100), area=None)  # too few owners, but no area to weigh
    assert found(demo, record) == []
    view = model.build(replace(demo, resolutions=(record,)), (), {}, TODAY)
    assert [r.status for r in view.rows] == ["incomplete"] and view.failing == {}
    assert view.rows[0].area is None and view.rows[0].heads.turnout == Decimal("0.45")


# ---- Corrections ------------------------------------------------------------------------

def test_a_recount_is_judged_in_place_of_the_record_it_corrects(demo: Community) -> None:
    short = vote("R-2", "common-use", heads=(60, 20, 5, 100), row=1)
    recount = vote("R-2-C1", "common-use", heads=(65, 15, 5, 100), row=2, corrects="R-2")
    assert found(demo, short, recount) == []
    good = vote("R-3", "common-use", heads=(70, 10, 5, 100), row=1)
    worse = vote("R-3-C1", "common-use", heads=(60, 20, 5, 100), row=2, corrects="R-3",
                 day=date(2021, 1, 3))
    worst = vote("R-3-C2", "common-use", heads=(58, 22, 5, 100), row=3, corrects="R-3-C1",
                 day=date(2021, 1, 9))
    [finding] = found(demo, good, worse, worst)
    values = dict(finding.values)
    assert finding.row == 3 and values["resolution"] == "R-3"
    assert values["date"] == date(2020, 12, 20) and values["owners_share"] == Decimal("0.682")
    c = replace(demo, resolutions=(good, worse, worst))
    view = model.build(c, (finding,), {}, TODAY)
    assert set(view.failing) == {"R-3", "R-3-C1", "R-3-C2"}
    assert [r.status for r in view.rows] == ["corrected", "corrected", "below"]


def test_records_that_only_correct_each_other_stand_each_alone(demo: Community) -> None:
    a = vote("A", corrects="B", row=1)
    b = vote("B", corrects="A", row=2)
    assert [[r.resolution_id for r in chain] for chain in rule.chains((a, b))] == [["A"], ["B"]]
    assert found(demo, a, b) == []


# ---- The challenge deadline -------------------------------------------------------------

def test_the_challenge_deadline_is_a_year_after_the_vote_and_the_page_says_when_it_passed(
        demo: Community) -> None:
    assert rule.deadline(date(2022, 6, 19)) == date(2023, 6, 19)
    assert rule.deadline(date(2024, 2, 29)) == date(2025, 2, 28)
    record = vote(day=date(2024, 2, 29))
    c = replace(demo, resolutions=(record,))
    open_ = model.build(c, (), {}, date(2025, 2, 28)).rows[0]
    closed = model.build(c, (), {}, date(2025, 3, 1)).rows[0]
    assert not open_.past and closed.past
    assert open_.deadline_label("zh") == "2025 年 2 月 28 日"
    assert open_.deadline_label("en") == "28 February 2025"


# ---- Errors -----------------------------------------------------------------------------

def test_floor_areas_are_all_there_or_all_left_out(demo: Community) -> None:
    partial = replace(vote(), area_against=None, area_abstaining=None)
    c = replace(demo, resolutions=(partial,))
    issues = list(rule.check(c, {}, TODAY))
    assert [(i.code, i.field) for i in issues] == [
        ("resolution-area-incomplete", "area_against"),
        ("resolution-area-incomplete", "area_abstaining")]
    assert "area_eligible, area_for" in issues[0].message


# ---- What residents read, and where -----------------------------------------------------

def test_a_long_title_is_quoted_by_its_first_clause() -> None:
    assert short_title("同意在小区南门设置LED广告屏，出租给楼宇传媒广告有限公司（示例）经营") == \
        "同意在小区南门设置LED广告屏……"
    whole = "同意将地下车库闲置库房出租作为社区储物间"
    assert short_title(whole) == whole


def test_the_sample_sentence_reads_as_residents_read_it() -> None:
    issue = TYPES["resolution-below-threshold"](
        Where("x.csv", "communities/x", "resolutions"), variant="consent-area",
        resolution="JHLZ-R-2022-03", date=date(2022, 6, 19), kind="common-use",
        title="同意在小区南门设置LED广告屏，出租给楼宇传媒广告有限公司（示例）经营",
        owners_share=Decimal("0.756"), area_share=Decimal("0.726"), needed="≥ 3/4",
        deadline=date(2023, 6, 19))
    assert residents.sentence(issue, "zh") == (
        "2022 年 6 月 19 日“同意在小区南门设置LED广告屏……”的表决中，同意的业主专有部分面积只占"
        "参与表决面积的 72.6%，没有达到《民法典》要求的四分之三；业主可在 2023 年 6 月 19 日前请求"
        "人民法院撤销这一决定。")
    assert residents.sentence(issue, "en").startswith(
        "In the vote of 19 June 2022 on “同意在小区南门设置LED广告屏，出租给楼宇传媒广告有限公司"
        "（示例）经营”, the owners in favour held only 72.6% of the floor area taking part, short "
        "of the three quarters")


def row_text(page: str, rid: str) -> str:
    row = re.search(rf'<tr id="resolution-{re.escape(rid)}".*?</tr>', page, re.S)
    assert row, rid
    return " ".join(re.sub(r"<[^>]+>", " ", row.group(0)).split())


def test_the_finding_is_on_the_row_of_the_record_in_force_in_both_languages(
        workdir: Path) -> None:
    compose(workdir, TESTS / "findings" / "resolution-below-threshold-recount")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    zh = (workdir / "site/communities/demo/index.html").read_text(encoding="utf-8")
    en = (workdir / "site/en/communities/demo/index.html").read_text(encoding="utf-8")
    sentence = (TESTS / "findings/resolution-below-threshold-recount/resident.txt").read_text(
        encoding="utf-8").strip()
    assert sentence in row_text(zh, "R-2020-02-C1")
    assert "⚠" not in row_text(zh, "R-2020-02") and "以 R-2020-02-C1 为准" in row_text(
        zh, "R-2020-02")
    assert "记录不全：面积未记录" not in zh and "✓ 达到法定比例" in row_text(zh, "R-2020-01")
    assert "撤销期限已过（2021 年 12 月 20 日）" in row_text(zh, "R-2020-02")
    assert "参与率 90.5% · 同意率 73.3%" in row_text(zh, "R-2020-02-C1")
    english = row_text(en, "R-2020-02-C1")
    assert "the owners in favour held only 73.3% of the floor area taking part" in english
    assert "Use of common parts for business · needs three quarters in favour" in english
    assert "The time to challenge it in court has passed (20 December 2021)" in english
    assert "Civil Code art. 278: at least two thirds of the owners" in en
