"""A community's page as a resident on a phone reads it: this year's figures and every
check on the first screen, links down the page, older years folded, where her fee goes,
and what the checks found in plain words of the page's language."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.issues import TYPES, Where, residents
from generator.records import Category

from .browser import chromium, serve
from .conftest import MINIMAL

PHONE = {"width": 375, "height": 740}
CJK = re.compile(r"[\u3400-\u9fff]")
CODE = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b|\.csv|\.json|statements|datapackage|\[")
SAMPLE_COMMUNITIES = ("fenghuayuan", "jinhe-lvzhou", "lantian", "shuian-huayuan")


@pytest.fixture
def browser() -> Iterator[Browser]:
    # Per test, after the site fixtures: a build must not run beside Playwright's loop.
    with chromium() as b:
        yield b


def phone(browser: Browser, base: str, path: str, js: bool = True) -> Page:
    page = browser.new_page(viewport=PHONE, java_script_enabled=js)
    page.goto(base + path)
    return page


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def counted_rows(ledger: Path) -> list[dict[str, str]]:
    """The ledger's entries that count: a corrected entry gives way to its correction."""
    rows = list(csv.DictReader(ledger.open(encoding="utf-8")))
    corrected = {r["corrects"] for r in rows if r["corrects"]}
    return [r for r in rows if r["entry_id"] not in corrected]


# ---- the first screen ---------------------------------------------------------------

@pytest.mark.parametrize("community", SAMPLE_COMMUNITIES)
def test_first_screen_on_a_phone_shows_this_years_figures_and_every_check(
        sample_site: Path, browser: Browser, community: str) -> None:
    with serve(sample_site) as base:
        page = phone(browser, base, f"communities/{community}/")
        latest = page.locator("[data-year-income]").last.get_attribute("data-year-income")
        income = page.locator(f'[data-year-income="{latest}"]').inner_text()
        expense = page.locator(f'[data-year-expense="{latest}"]').inner_text()
        assert page.locator("#this-year").inner_text() == f"{latest} 年共有资金"
        assert page.locator('[data-now="income"]').inner_text() == f"{income} 元"
        assert page.locator('[data-now="expense"]').inner_text() == f"{expense} 元"
        checks = page.locator(".xy-now li.xy-check")
        assert [checks.nth(i).get_attribute("data-check") for i in range(checks.count())] == [
            "remuneration", "budget", "bank", "disclosure", "balance"]
        for i in range(checks.count()):
            assert checks.nth(i).locator(".xy-mark").inner_text() in ("✓", "⚠", "–")
        # Measured, not assumed: the last check ends within the phone's first screen.
        bottom = page.evaluate(
            "document.querySelector('.xy-now ul.xy-checks').getBoundingClientRect().bottom")
        assert bottom <= PHONE["height"], f"the checks end at {bottom} px"
        page.close()


def test_a_check_that_found_nothing_says_so_with_this_years_figure(sample_site: Path) -> None:
    html = (sample_site / "communities" / "fenghuayuan" / "index.html").read_text("utf-8")
    first = html[html.index('class="xy-now"'):html.index('class="xy-jump"')]
    assert re.search(r"✓</span><span>2022 年受托人酬金 [\d,]+\.\d\d 元，未超过约定的 \d+%", first)
    assert re.search(r"✓</span><span>共有资金从未透支：最低的月末余额 [\d,]+\.\d\d 元", first)


def test_a_check_with_findings_shows_the_first_and_counts_the_rest(sample_site: Path) -> None:
    html = (sample_site / "communities" / "lantian" / "index.html").read_text("utf-8")
    first = html[html.index('class="xy-now"'):html.index('class="xy-jump"')]
    assert "⚠</span><span>2024 年 1 月的账目应在 2024 年 2 月 10 日前公开，至今没有公开。" \
        in first
    assert '<a href="#findings">另有 2 项</a>' in first


def test_jump_links_are_large_enough_and_lead_to_their_sections(
        sample_site: Path, browser: Browser) -> None:
    with serve(sample_site) as base:
        page = phone(browser, base, "communities/fenghuayuan/")
        links = page.locator("nav.xy-jump a")
        assert links.count() >= 8
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box is not None and box["height"] >= 44
            target = links.nth(i).get_attribute("href")
            assert target and page.locator(target).count() == 1
        page.locator('nav.xy-jump a[href="#remuneration"]').click()
        top = page.evaluate("document.getElementById('remuneration').getBoundingClientRect().top")
        assert 0 <= top < 200
        page.close()


def test_earlier_resolutions_fold_and_a_link_to_one_opens_it(sample_site: Path,
                                                              browser: Browser) -> None:
    with serve(sample_site) as base:
        page = phone(browser, base, "communities/fenghuayuan/")
        earlier = page.locator("#resolutions-earlier")
        assert earlier.get_attribute("open") is None
        assert not page.locator("#resolution-FHY-R-2019-04").is_visible()
        assert page.locator("#resolution-FHY-R-2022-03").is_visible()  # the latest two years
        # the lift advertising contract cites the resolution that allowed it
        page.locator('#asset-FHY-A-02 a[href="#resolution-FHY-R-2019-04"]').click()
        assert page.locator("#resolution-FHY-R-2019-04").is_visible()
        page.close()
        page = phone(browser, base, "communities/jinhe-lvzhou/#resolution-JHLZ-R-2022-03")
        assert page.locator("#resolution-JHLZ-R-2022-03").is_visible()  # fell short: open
        page.close()


def test_older_years_budgets_are_folded_and_keep_their_figures(sample_site: Path,
                                                                 browser: Browser) -> None:
    with serve(sample_site) as base:
        page = phone(browser, base, "communities/fenghuayuan/")
        assert page.locator("h3#budget-2022").is_visible()
        for year in (2021, 2020):
            folded = page.locator(f"details#budget-{year}")
            assert folded.get_attribute("open") is None
            assert folded.locator("summary").inner_text() == f"{year} 年预算"
            assert not folded.locator("table").is_visible()
            assert folded.locator("tbody tr").count() > 5  # every line is still on the page
        page.close()


# ---- where does my fee go -----------------------------------------------------------

def expected_split(area: Decimal) -> tuple[Decimal, list[tuple[str, Decimal]]]:
    """The minimal fixture's demo community: 1.00 yuan/m²/month, 2021's expense."""
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for r in counted_rows(MINIMAL / "communities" / "demo" / "ledger.csv"):
        if r["direction"] == "expense" and r["date"].startswith("2021"):
            spent[r["category"]] += Decimal(r["amount"])
    total = sum(spent.values(), Decimal(0))
    yearly = (Decimal("1.00") * 12 * area).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return yearly, [(code, (yearly * amount / total).quantize(Decimal("0.01"), ROUND_HALF_UP))
                    for code, amount in spent.items()]


NAMES = {"cleaning": "保洁", "repair": "维修养护", "remuneration": "受托人酬金"}


def fee_rows(page: Page) -> dict[str, str]:
    rows = page.locator(".xy-fee-table tbody tr")
    return {rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").last.inner_text()
            for i in range(rows.count())}


def test_fee_calculator_splits_the_area_typed_as_this_years_spending(
        minimal_site: Path, browser: Browser) -> None:
    yearly, split = expected_split(Decimal("87.65"))
    with serve(minimal_site) as base:
        page = phone(browser, base, "communities/demo/")
        page.fill("#xy-fee-area", "87.65")
        assert page.locator("[data-fee-label]").inner_text() == "按您家的 87.65 平方米计算"
        assert page.locator("[data-fee-yearly]").inner_text() == money(yearly) == "1,051.80"
        assert page.locator("[data-fee-total]").inner_text() == money(yearly)
        assert fee_rows(page) == {NAMES[code]: money(amount) for code, amount in split}
        remuneration = page.locator(".xy-fee-table tr.xy-fee-remuneration")
        assert remuneration.locator("th").inner_text() == "受托人酬金"
        page.close()


def test_without_javascript_the_fee_table_shows_an_example_area(
        minimal_site: Path, browser: Browser) -> None:
    yearly, split = expected_split(Decimal(100))
    with serve(minimal_site) as base:
        page = phone(browser, base, "communities/demo/", js=False)
        assert not page.locator("form.xy-fee-form").is_visible()
        assert page.locator(".xy-fee-yearly").inner_text() == \
            f"以 100 平方米为例：每年物业费 {money(yearly)} 元"
        assert fee_rows(page) == {NAMES[code]: money(amount) for code, amount in split}
        page.close()


def test_fee_calculator_speaks_english_on_the_english_page(
        minimal_site: Path, browser: Browser) -> None:
    yearly, split = expected_split(Decimal("120"))
    with serve(minimal_site) as base:
        page = phone(browser, base, "en/communities/demo/")
        page.fill("#xy-fee-area", "120")
        assert page.locator("[data-fee-label]").inner_text() == "For your 120 m²"
        assert page.locator("[data-fee-yearly]").inner_text() == money(yearly)
        assert page.locator(".xy-fee-table tr.xy-fee-remuneration th").inner_text() == \
            "Trustee's remuneration"
        page.close()


def test_pages_without_the_form_are_left_alone(minimal_site: Path, browser: Browser) -> None:
    with serve(minimal_site) as base:
        page = browser.new_page(viewport=PHONE)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "foundation/")
        assert errors == []
        page.close()


# ---- findings in residents' words ---------------------------------------------------

FINDING_PAGES = ("communities/lantian/", "communities/shuian-huayuan/", "foundation/",
                 "protection-fund/")


def shown_findings(site: Path, address: str) -> list[str]:
    html = (site / address / "index.html").read_text("utf-8")
    assert "<code>" not in html[html.index("xy-findings"):html.index("</div>",
                                                                      html.index("xy-findings"))]
    return [re.sub(r"<[^>]+>", "", item) for item in
            re.findall(r'<li class="xy-check xy-warn">(.*?)</li>', html, re.S)]


@pytest.mark.parametrize("address", FINDING_PAGES)
def test_chinese_findings_are_plain_chinese_sentences(sample_site: Path, address: str) -> None:
    found = shown_findings(sample_site, address)
    assert found
    for text in found:
        assert CJK.search(text) and text.rstrip().endswith("。"), text
        assert not CODE.search(text), text
        assert not re.search(r"[A-Za-z]{3,}", text), text


@pytest.mark.parametrize("address", FINDING_PAGES)
def test_english_findings_are_english_sentences(sample_site: Path, address: str) -> None:
    found = shown_findings(sample_site, f"en/{address}")
    assert found
    for text in found:
        unquoted = re.sub(r"“[^”]*”", "", text)  # a project's title is as published
        assert not CJK.search(unquoted), text
        assert not CODE.search(unquoted), text
        assert text.rstrip().endswith("."), text


def test_budget_finding_names_the_category_in_the_pages_language(sample_site: Path) -> None:
    zh = shown_findings(sample_site, "communities/lantian/")
    en = shown_findings(sample_site, "en/communities/lantian/")
    assert "2023 年“维修养护”支出 35,724.19 元，超出预算 26,500.00 元的 35%。" in \
        "".join(zh).replace("⚠", "")
    assert any("went on Repairs and maintenance: 35% over its budget of 26,500.00"
               in t for t in en)


# Values each check gives (generator/validate/, disclosure.py), one set per type/variant.
VALUES: dict[tuple[str, str], dict[str, object]] = {
    ("remuneration-over-rate", ""): {"year": 2023, "taken": Decimal("16000.00"),
                                     "allowed": Decimal("15000.00"), "over": Decimal("1000.00"),
                                     "rate": Decimal("0.15")},
    ("remuneration-over-rate", "terms"): {"year": 2023, "taken": Decimal("16000.00"),
                                          "allowed": Decimal("15000.00"),
                                          "over": Decimal("1000.00"),
                                          "terms": "15% from 2023-01-01"},
    ("budget-overrun", ""): {"year": 2023, "category": "repair", "actual": Decimal("60000.00"),
                             "budget": Decimal("40000.00"), "over": "50%"},
    ("balance-mismatch", ""): {"month": "2022-09", "computed": Decimal("291831.87"),
                               "stated": Decimal("293031.87"), "difference": Decimal("1200")},
    ("balance-negative", ""): {"month": "2021-01", "balance": Decimal("-3650.00")},
    ("disclosure-overdue", ""): {"month": "2022-12", "due": date(2023, 1, 15)},
    ("protection-overspent", ""): {"project": "B-01", "title": "楼道照明改造",
                                   "spent": Decimal("13000"), "budget": Decimal("12000"),
                                   "over": Decimal("1000")},
    ("protection-completed-without-evaluation", ""): {"project": "B-01", "title": "楼道照明改造"},
    ("protection-low-satisfaction", ""): {"project": "B-01", "title": "楼道照明改造",
                                          "share": Decimal("0.55"), "limit": Decimal("0.6")},
    ("foundation-completed-without-report", ""): {"project": "F-01", "title": "共享奶奶互助"},
    ("foundation-past-end-date", ""): {"project": "F-02", "title": "儿童友好空间",
                                       "end": date(2022, 12, 31)},
    # what owners dispute: public income, votes, questions, vendors, the foundation's reports
    ("public-income-missing", ""): {"asset": "楼顶通信基站", "counterparty": "铁塔公司（示例）",
                                    "year": 2022, "expected": Decimal("9600.00"), "months": 12,
                                    "asset_id": "FHY-A-04", "kind": "telecom"},
    ("public-income-missing", "variable"): {"asset": "小区停车位",
                                            "counterparty": "业主及访客车辆（按月汇总）",
                                            "year": 2022, "expected": Decimal("0.00"),
                                            "months": 3, "covered": 12,
                                            "gaps": "2022-03, 2022-05, 2022-08",
                                            "asset_id": "FHY-A-01", "kind": "parking"},
    ("public-income-short", ""): {"asset": "会所一层公共用房",
                                  "counterparty": "社区便民服务站（示例）", "year": 2021,
                                  "expected": Decimal("58200.00"), "booked": Decimal("57600.00"),
                                  "short": Decimal("600.00"), "asset_id": "SAHY-A-02",
                                  "kind": "room"},
    **{("resolution-below-threshold", v): {
        "resolution": "SAHY-R-2022-03", "title": "同意将地下车库闲置库房出租作为社区储物间",
        "date": date(2022, 12, 25), "kind": "common-use", "owners_share": Decimal("0.680"),
        "area_share": Decimal("0.664"),
        "needed": "≥ 3/4" if v.startswith("consent") else "≥ 2/3", "deadline": date(2023, 12, 25)}
       for v in ("", "area", "both", "consent", "consent-area", "consent-both")},
    ("question-overdue", ""): {"question": "Q-01", "received": date(2023, 3, 2),
                               "due": date(2023, 3, 17), "days": 1350, "about": "entry",
                               "subject": "FHY-2022-11-016", "subject_title": "外墙空鼓局部修缮",
                               "amount": Decimal("1508.55")},
    ("vendor-concentration", ""): {"category": "repair", "vendor": "锦绿园艺工程有限公司（示例）",
                                   "first": 2020, "last": 2022, "years": 3,
                                   "share": Decimal("0.6"), "total": Decimal("77448.85")},
    ("purchases-split", ""): {"vendor": "明亮照明工程有限公司（示例）", "month": "2023-02",
                              "count": 2, "total": Decimal("11748.02"),
                              "limit": Decimal("10000"), "entries": "J-1, J-2"},
    **{("related-party-paid", v): {"party": "社区便民超市（示例）", "note": "受托人股东开办的超市",
                                   "year": 2022, "count": 6, "total": Decimal("8333.45"),
                                   "approved": "R-2022-01" if v else ""}
       for v in ("", "approved")},
    ("foundation-progress-report-missing", ""): {"project": "F-01", "title": "共享奶奶互助",
                                                 "missing": 2, "first_from": date(2022, 4, 1),
                                                 "first_to": date(2022, 6, 30), "windows": 7},
    ("foundation-final-report-late", ""): {"project": "F-01", "title": "共享奶奶互助",
                                           "end": date(2022, 12, 31), "due": date(2023, 3, 31),
                                           "published": date(2023, 6, 15)},
}
FINDING_KINDS = sorted((t.code, variant) for t in TYPES.values() if t.severity == "finding"
                       for variant in ("", *(v for v, _ in t.variants)))
CHART = {"repair": Category("repair", "维修养护", "Repairs and maintenance", "expense", "")}


def test_every_finding_type_has_a_residents_sentence() -> None:
    assert sorted(residents.SENTENCES) == FINDING_KINDS
    assert sorted(VALUES) == FINDING_KINDS


@pytest.mark.parametrize("kind", FINDING_KINDS, ids=lambda k: "-".join(filter(None, k)))
def test_each_finding_reads_as_a_plain_sentence_in_both_languages(kind: tuple[str, str]) -> None:
    code, variant = kind
    issue = TYPES[code](Where("datasets/x.csv", "communities/x", "ledger"), variant=variant,
                        **VALUES[kind])
    zh = residents.sentence(issue, "zh", CHART)
    en = residents.sentence(issue, "en", CHART)
    assert zh.endswith("。") and not CODE.search(zh) and not re.search("[A-Za-z]{3,}", zh), zh
    assert en.endswith(".") and not CODE.search(en), en
    assert not CJK.search(re.sub(r"“[^”]*”", "", en)), en
    assert re.search(r"\d", zh) or "“" in zh  # its figure, or the project it is about


def test_the_sentences_of_the_brief_read_as_written() -> None:
    where = Where("datasets/x.csv", "communities/x", "ledger")
    overdue = TYPES["disclosure-overdue"](where, **VALUES[("disclosure-overdue", "")])
    overrun = TYPES["budget-overrun"](where, **VALUES[("budget-overrun", "")])
    assert residents.sentence(overdue, "zh") == \
        "2022 年 12 月的账目应在 2023 年 1 月 15 日前公开，至今没有公开。"
    assert residents.sentence(overrun, "zh", CHART) == \
        "2023 年“维修养护”支出 60,000.00 元，超出预算 40,000.00 元的 50%。"
