"""Public income from the common parts (民法典 arts. 282, 943): each contract of the register
of revenue assets against the income the ledger books, as a clerk sees it in `portal
validate` and a resident on the community's page.

The minimal ledger runs from 2021-01 to 2021-02 and books 1,200.00 yuan of parking income
from 停车管理公司 in January; its bank statements cover those two months, so the income
added here is booked from March on."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .conftest import TESTS, compose, run

PASSING = TESTS / "passing" / "public-income"
DEMO = Path("datasets/communities/demo")
HEADER = "asset_id,kind,name,category,counterparty,monthly_amount,paid_every,start,end,contract,"\
    "resolution,note\n"
CJK = re.compile(r"[\u3400-\u9fff]")


def package(workdir: Path, assets: list[str], entries: tuple[str, ...] = ()) -> None:
    """The minimal package with a register of ``assets`` (rows of assets.csv) and ``entries``
    (date, category, amount, counterparty, corrects) added to its ledger."""
    shutil.rmtree(workdir / "datasets", ignore_errors=True)  # a test may try two registers
    compose(workdir, PASSING)
    (workdir / DEMO / "assets.csv").write_text(HEADER + "".join(f"{a}\n" for a in assets),
                                               encoding="utf-8")
    with (workdir / DEMO / "ledger.csv").open("a", encoding="utf-8") as ledger:
        for n, entry in enumerate(entries, 1):
            day, category, amount, counterparty, *corrects = entry.split(",")
            ledger.write(f"X-{n:03d},{day},income,{category},{amount},{counterparty},测试收入,,,"
                         f"{''.join(corrects)}\n")


def found(workdir: Path) -> list[str]:
    """The findings `portal validate` reports, each as its line without the file's name."""
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 0, result.output
    return [line.split("assets.csv:", 1)[1] for line in result.output.splitlines()
            if line.startswith("finding: ")]


def page(workdir: Path, lang: str = "") -> str:
    built = run("build", "--datasets", "datasets", "--out", "site")
    assert built.exit_code == 0, built.output
    html = (workdir / "site" / lang / "communities/demo/index.html").read_text(encoding="utf-8")
    start = html.index('<h2 id="public-income"')
    return html[start:html.index("<h2", start + 1)]


ROOF = "D-A-01,telecom,楼顶通信基站,rent,示范通信公司,500.00,{every},{start},,,,"


# ---- the rule ---------------------------------------------------------------------------

def test_a_quarterly_rent_falls_due_at_each_quarters_end_and_is_compared_to_date(
        workdir: Path) -> None:
    payments = tuple(f"2021-{m:02d}-20,rent,1500.00,示范通信公司" for m in (3, 6, 9))
    package(workdir, [ROOF.format(every=3, start="2021-01-01")],
            (*payments, "2021-12-21,interest,10.00,共有资金开户银行"))
    assert found(workdir) == [
        '1: monthly_amount: by the end of 2021 "楼顶通信基站" (示范通信公司) is 1,500.00 yuan '
        "behind its contract: 6,000.00 yuan fell due that year and 4,500.00 yuan is booked "
        "[public-income-short]"]


def test_months_after_the_ledgers_last_month_are_not_counted(workdir: Path) -> None:
    """The fourth quarter ends in December; the ledger is published up to November."""
    payments = tuple(f"2021-{m:02d}-20,rent,1500.00,示范通信公司" for m in (3, 6, 9))
    package(workdir, [ROOF.format(every=3, start="2021-01-01")],
            (*payments, "2021-11-21,interest,10.00,共有资金开户银行"))
    assert found(workdir) == []


def test_a_contract_starting_after_the_ledger_is_listed_without_a_finding(workdir: Path) -> None:
    package(workdir, [ROOF.format(every=1, start="2021-03-01")])
    assert found(workdir) == []
    assert "账目尚未公开到合同开始的月份" in page(workdir)


def test_a_prepayment_counts_until_it_is_used_up(workdir: Path) -> None:
    two_years = ("2021-03-05,rent,12000.00,示范通信公司",)
    package(workdir, [ROOF.format(every=1, start="2021-03-01")],
            (*two_years, "2022-12-21,interest,10.00,共有资金开户银行"))
    assert found(workdir) == []  # 2022: nothing booked, but paid in advance
    package(workdir, [ROOF.format(every=1, start="2021-03-01")],
            (*two_years, "2023-06-21,interest,10.00,共有资金开户银行"))
    assert found(workdir) == [
        '1: monthly_amount: in 2023 "楼顶通信基站" (示范通信公司) was due 3,000.00 yuan under '
        "its contract over 6 month(s), and the ledger books nothing from it in its category "
        "[public-income-missing]"]


def test_a_correction_replaces_the_income_it_corrects(workdir: Path) -> None:
    """Booked: 1,200.00 corrected to 300.00. The January income comes before the contract."""
    package(workdir, ["D-A-01,parking,小区停车位,parking,停车管理公司,600.00,,2021-03-01,,,,"],
            ("2021-03-05,parking,1200.00,停车管理公司",
             "2021-03-20,parking,300.00,停车管理公司,X-001"))
    assert found(workdir) == [
        '1: monthly_amount: by the end of 2021 "小区停车位" (停车管理公司) is 300.00 yuan behind '
        "its contract: 600.00 yuan fell due that year and 300.00 yuan is booked "
        "[public-income-short]"]


def test_assets_sharing_a_payer_and_category_are_checked_together(workdir: Path) -> None:
    shared = ["D-A-01,parking,小区停车位,parking,停车管理公司,{a},,2021-01-01,,,,",
              "D-A-02,parking,访客停车位,parking,停车管理公司,300.00,,2021-01-01,,,,"]
    package(workdir, [shared[0].format(a="300.00"), shared[1]])
    assert found(workdir) == []  # 2 × (300 + 300) = 1,200.00 booked
    package(workdir, [shared[0].format(a="400.00"), shared[1]])
    assert found(workdir) == [
        '1: monthly_amount: by the end of 2021 "小区停车位 + 访客停车位" (停车管理公司) is '
        "200.00 yuan behind its contract: 1,400.00 yuan fell due that year and 1,200.00 yuan "
        "is booked [public-income-short]"]
    assert page(workdir).count("2021 年，小区停车位 + 访客停车位（停车管理公司）按合同应收 "
                               "1,400.00 元，实际入账 1,200.00 元") == 2  # on both rows


def test_a_payers_name_matches_in_any_width_case_or_spacing(workdir: Path) -> None:
    spaced = "停车管理\u3000公司"  # an ideographic space, as a Chinese keyboard types it
    package(workdir, [
        f"D-A-01,parking,小区停车位,parking,{spaced},600.00,,2021-01-01,2021-02-28,,,",
        "D-A-02,room,一层公共用房,rent,Xinyi Services,300.00,,2021-03-01,,,,"],
        ("2021-03-05,rent,300.00,ＸＩＮＹＩ ｓｅｒｖｉｃｅｓ",))
    assert found(workdir) == []


def test_income_without_a_fixed_amount_is_expected_every_month(workdir: Path) -> None:
    package(workdir, ["D-A-01,parking,小区停车位,parking,停车管理公司,,,2021-01-01,,,,"])
    assert found(workdir) == [
        '1: counterparty: in 2021 "小区停车位" (停车管理公司) has no income in the ledger in 1 '
        "of the 2 month(s) it ran: 2021-02 [public-income-missing]"]
    assert "2021 年有 1 个月没有小区停车位（停车管理公司）的收益入账：2 月。" in page(workdir)


# ---- the page ---------------------------------------------------------------------------

def test_the_asset_row_shows_its_contract_figures_and_check(workdir: Path) -> None:
    compose(workdir, PASSING)
    shown = page(workdir)
    row = shown[shown.index('<tr id="asset-D-A-01">'):]
    row = row[:row.index("</tr>")]
    for text in ("小区停车位", "停车位 · D-A-01", "停车管理公司", "每月 600.00 元", "2021-01-01 起",
                 ">1,200.00<", "✓ 已按合同入账"):
        assert text in row, text
    assert 'class="xy-key"' in shown  # the check opens the phone's card


def test_a_finding_is_said_on_its_asset(workdir: Path) -> None:
    compose(workdir, TESTS / "findings" / "public-income-missing")
    shown = page(workdir)
    row = shown[shown.index('<tr id="asset-D-A-01">'):]
    sentence = (TESTS / "findings/public-income-missing/resident.txt").read_text("utf-8").strip()
    assert sentence in row[:row.index("</tr>")]


def test_public_income_no_asset_explains_is_listed(workdir: Path) -> None:
    package(workdir, [ROOF.format(every=1, start="2021-01-01")])
    shown = page(workdir)
    assert "未登记在册的公共收益" in shown
    assert "2021 年 · 停车收益 · 停车管理公司：1,200.00 元" in shown


def test_earlier_years_fold(workdir: Path) -> None:
    package(workdir, ["D-A-01,parking,小区停车位,parking,停车管理公司,,,2021-01-01,,,,"],
            tuple(f"{y}-{m:02d}-12,parking,100.00,停车管理公司"
                  for y, months in ((2021, range(2, 13)), (2022, range(1, 3))) for m in months))
    shown = page(workdir)
    assert '<h3 id="public-income-2022">2022 年公共收益</h3>' in shown
    assert '<details class="xy-year" id="public-income-2021"><summary>2021 年公共收益</summary>' \
        in shown


def test_a_community_without_a_register_says_it_is_not_published(workdir: Path) -> None:
    compose(workdir)
    assert "本小区尚未公开公共收益登记。" in page(workdir)


def test_the_english_page_has_no_chinese_interface_text(workdir: Path) -> None:
    package(workdir, [ROOF.format(every=1, start="2021-01-01")])
    shown = page(workdir, "en")
    assert "Public income in 2021" in shown and "Public income outside the register" in shown
    text = re.sub(r"<[^>]+>", " ", shown)
    for data in ("楼顶通信基站", "示范通信公司", "停车管理公司"):  # names as published
        text = text.replace(data, "")
    assert not CJK.search(text), CJK.findall(text)
