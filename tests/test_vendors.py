"""Who the common fund pays: a vendor that takes most of a category year after year without
an owners' resolution, purchases split under the amount that needs one, and payments to the
trustee's related parties, each judged over the counted expenses with payees compared by
name as residents read it; and the page that lists the payees."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.issues import Issue, Where, residents
from generator.model import vendors as view
from generator.profile import profile
from generator.records import Category, Community, Entry, Party, Resolution
from generator.terms import APPROVAL_LIMIT, Term, first_terms
from generator.validate import vendors

from .conftest import MINIMAL, REPO, build_into, compose

BLOCK = json.loads((MINIMAL / "communities/demo/datapackage.json").read_text("utf-8"))["community"]
WHERE = {t: Where(f"datasets/communities/demo/{t}.csv", "communities/demo", t)
         for t in ("ledger", "parties", "terms", "resolutions")}
CHART = {code: Category(code, zh, en, "expense", parent) for code, zh, en, parent in (
    ("cleaning", "保洁", "Cleaning", ""), ("greening", "绿化养护", "Landscaping", ""),
    ("repair", "维修养护", "Repairs and maintenance", ""),
    ("remuneration", "受托人酬金", "Trustee's remuneration", ""),
    ("utilities", "公共水电", "Common utilities", ""), ("tax", "税费", "Taxes and fees", ""),
    ("staff", "人员费用", "Staff costs", ""),
    ("power", "公共用电", "Common electricity", "utilities"))}
TODAY = date(2024, 6, 1)
RESOLUTION = Resolution(1, "R-2020-01", date(2020, 12, 20), "选聘", "contract", 70, 10, 5, 100, "")


ROWS = itertools.count(1)  # each entry a row of its own, as in a ledger


def pay(day: str, amount: str, payee: str, category: str = "cleaning", entry_id: str = "",
        corrects: str = "") -> Entry:
    row = next(ROWS)
    return Entry(row, entry_id or f"E-{row:03d}", date.fromisoformat(day), "expense", category,
                 Decimal(amount), payee, "支出", "vouchers/D-003.png", "", corrects)


def party(name: str, relation: str = "contracted", resolution: str = "R-2020-01",
          since: str = "2019-01-01", until: str = "", note: str = "", row: int = 1) -> Party:
    return Party(row, name, relation, resolution, date.fromisoformat(since),
                 date.fromisoformat(until) if until else None, note)


def limit(amount: str, effective: str, row: int = 1) -> Term:
    return Term(row, f"T-{row}", APPROVAL_LIMIT, amount, date.fromisoformat(effective),
                "R-2020-01")


def community(entries: Iterable[Entry], parties: Iterable[Party] = (),
              terms: Iterable[Term] = ()) -> Community:
    return Community(id="demo", title="示范小区", sample=True, description="", path=Path("."),
                     profile=profile(BLOCK), entries=tuple(entries), budget=(),
                     resolutions=(RESOLUTION,), collection=(), statements=(), where=WHERE,
                     package="communities/demo", terms=first_terms(BLOCK) + tuple(terms),
                     parties=tuple(parties))


def found(c: Community, code: str | None = None) -> list[Issue]:
    return [i for i in vendors.findings(c, CHART, TODAY) if code is None or i.code == code]


def errors(c: Community) -> list[str]:
    return [i.code for i in vendors.check(c, CHART, TODAY)]


def yearly(payee: str, amount: str, years: Iterable[int], category: str = "cleaning",
           other: str = "") -> list[Entry]:
    """One payment a year to ``payee``, and ``other`` yuan to another firm the same year."""
    result = []
    for year in years:
        result.append(pay(f"{year}-03-01", amount, payee, category))
        if other:
            result.append(pay(f"{year}-04-01", other, "另一家公司", category))
    return result


def values(issue: Issue) -> dict[str, object]:
    return dict(issue.values)


# ---- Concentration ----------------------------------------------------------------------

def test_three_years_of_more_than_half_without_a_resolution_is_one_finding() -> None:
    entries = yearly("锦绿园艺", "12000.00", (2020, 2021, 2022), "greening", other="3000.00")
    [issue] = found(community(entries))
    assert values(issue) == {"category": "greening", "vendor": "锦绿园艺", "first": 2020,
                             "last": 2022, "years": 3, "share": Decimal("0.8"),
                             "total": Decimal("36000.00")}
    assert (issue.resource, issue.row, issue.field) == ("ledger", entries[0].row, "counterparty")
    assert residents.sentence(issue, "zh", CHART) == (
        "2020—2022 年，“绿化养护”支出每年都有一半以上付给了锦绿园艺（最低 80%），"
        "而业主大会没有决议选定这家单位。")
    assert residents.sentence(issue, "en", CHART) == (
        "From 2020 to 2022, more than half of each year's spending on Landscaping went to "
        "“锦绿园艺” (at least 80%), and no owners' resolution chose this firm.")


def test_exactly_half_is_not_more_than_half() -> None:
    assert found(community(yearly("甲公司", "6000.00", (2020, 2021, 2022),
                                  other="6000.00"))) == []


def test_two_years_are_not_enough_and_a_break_ends_the_run() -> None:
    assert found(community(yearly("甲公司", "12000.00", (2020, 2021)))) == []
    assert found(community(yearly("甲公司", "12000.00", (2019, 2020, 2022, 2023)))) == []
    # a year another firm took most of breaks it too
    entries = [*yearly("甲公司", "12000.00", (2019, 2020, 2022)),
               *yearly("乙公司", "12000.00", (2021,))]
    assert found(community(entries)) == []


def test_a_run_of_four_years_is_one_finding_with_its_smallest_share() -> None:
    entries = [*yearly("甲公司", "12000.00", (2019, 2020, 2021, 2022)),
               pay("2021-05-01", "8000.00", "乙公司")]
    [issue] = found(community(entries))
    assert (values(issue)["years"], values(issue)["share"]) == (4, Decimal("0.6"))


def test_a_small_category_is_not_judged() -> None:
    assert found(community(yearly("社区超市", "9999.99", (2020, 2021, 2022)))) == []
    # one small year ends the run
    entries = yearly("社区超市", "12000.00", (2020, 2022, 2023)) + yearly("社区超市", "900.00",
                                                                      (2021,))
    assert found(community(entries)) == []


@pytest.mark.parametrize("category", ["remuneration", "utilities", "tax", "staff", "power"])
def test_payees_the_trustee_does_not_choose_are_exempt(category: str) -> None:
    entries = yearly("国网成都供电公司", "20000.00", (2020, 2021, 2022), category=category)
    assert found(community(entries)) == []


def test_a_vendor_chosen_by_a_resolution_is_not_a_finding_while_chosen() -> None:
    entries = yearly("洁美保洁", "12000.00", (2020, 2021, 2022, 2023, 2024, 2025))
    assert found(community(entries, [party("洁美保洁")])) == []
    # chosen for 2020–2022 only: the three years after are a run of their own
    [issue] = found(community(entries, [party("洁美保洁", until="2022-12-31")]))
    assert (values(issue)["first"], values(issue)["last"]) == (2023, 2025)
    # a related party is not chosen
    assert found(community(entries, [party("洁美保洁", "related", "")]), "vendor-concentration")


def test_payees_are_compared_as_residents_read_them() -> None:
    entries = [pay("2020-03-01", "12000.00", "洁美保洁公司"),
               pay("2021-03-01", "12000.00", "洁美　保洁公司"),  # an ideographic space
               pay("2022-03-01", "12000.00", "洁美保洁 公司 ")]
    [issue] = found(community(entries))
    assert values(issue)["vendor"] == "洁美保洁公司"  # as the ledger first writes it
    assert found(community(entries, [party("洁美 保洁公司")])) == []
    latin = [pay(f"{y}-03-01", "12000.00", name) for y, name in
             ((2020, "ABC Cleaning"), (2021, "abc  cleaning"), (2022, "ＡＢＣ Ｃｌｅａｎｉｎｇ"))]
    assert len(found(community(latin))) == 1


def test_corrections_are_counted_once() -> None:
    entries = yearly("甲公司", "12000.00", (2020, 2021, 2022), other="5000.00")
    wrong = pay("2021-05-01", "90000.00", "乙公司", entry_id="X-1")
    right = pay("2021-05-02", "900.00", "乙公司", corrects="X-1")
    assert len(found(community([*entries, wrong, right]))) == 1
    assert found(community([*entries, wrong])) == []


# ---- Split purchases ----------------------------------------------------------------------

LIMIT = limit("10000", "2021-01-01")


def test_two_payments_just_under_the_limit_in_a_month_are_a_split() -> None:
    c = community([pay("2023-02-05", "6705.44", "明亮照明", "repair", "J-1"),
                   pay("2023-02-19", "5042.58", "明亮照明", "repair", "J-2")], terms=[LIMIT])
    [issue] = found(c)
    assert values(issue) == {"vendor": "明亮照明", "month": "2023-02", "count": 2,
                             "total": Decimal("11748.02"), "limit": Decimal("10000"),
                             "entries": "J-1, J-2"}
    assert (issue.resource, issue.field) == ("ledger", "amount")
    assert residents.sentence(issue, "zh") == (
        "2023 年 2 月向明亮照明付款 2 笔，每笔都不到须经业主大会决议的 10,000.00 元，"
        "合计 11,748.02 元。")
    assert residents.sentence(issue, "en") == (
        "In February 2023 “明亮照明” was paid 2 times, each under the 10,000.00 yuan that "
        "needs an owners' resolution, 11,748.02 yuan in all.")


@pytest.mark.parametrize("amounts", [
    ("10000.00", "6000.00"),  # equal to the limit is not under it: it needed a resolution
    ("5000.00", "5000.00"),  # exactly half of the limit is not counted
    ("6000.00", "3999.99"),  # together under the limit
    ("6000.00",),  # one payment
])
def test_what_is_not_a_split(amounts: tuple[str, ...]) -> None:
    c = community([pay("2023-02-05", a, "明亮照明") for a in amounts], terms=[LIMIT])
    assert found(c) == []


def test_the_limit_is_the_one_in_effect_on_the_day_and_none_means_no_check() -> None:
    entries = [pay("2021-02-05", "7000.00", "明亮照明"), pay("2021-02-19", "7000.00", "明亮照明")]
    assert found(community(entries)) == []
    assert found(community(entries, terms=[limit("10000", "2021-03-01")])) == []
    assert len(found(community(entries, terms=[LIMIT]))) == 1
    raised = [LIMIT, limit("20000", "2021-02-01", row=2)]
    assert found(community(entries, terms=raised)) == []


def test_payments_in_two_months_or_to_two_firms_are_not_one_purchase() -> None:
    months = [pay("2023-02-25", "6000.00", "明亮照明"), pay("2023-03-02", "6000.00", "明亮照明")]
    firms = [pay("2023-02-05", "6000.00", "明亮照明"), pay("2023-02-06", "6000.00", "安居修缮")]
    assert found(community(months, terms=[LIMIT])) == []
    assert found(community(firms, terms=[LIMIT])) == []


def test_a_contracted_vendor_and_exempt_categories_are_not_split() -> None:
    entries = [pay("2023-02-05", "6000.00", "清源环境"), pay("2023-02-19", "6000.00", "清源环境")]
    assert found(community(entries, [party("清源环境")], [LIMIT])) == []
    assert len(found(community(entries, [party("清源环境", until="2022-12-31")], [LIMIT]))) == 1
    taxes = [pay("2023-02-05", "6000.00", "税务局", "tax"), pay("2023-02-19", "6000.00", "税务局",
                                                               "tax")]
    assert found(community(taxes, terms=[LIMIT])) == []


# ---- Related parties ----------------------------------------------------------------------

RELATED = party("社区便民超市", "related", "", since="2021-01-01", until="2022-06-30",
                note="受托人股东开办的超市", row=3)


def test_payments_to_a_related_party_within_its_dates_one_finding_a_year() -> None:
    entries = [pay("2020-12-31", "100.00", "社区便民超市"),  # before since
               pay("2021-01-01", "200.00", "社区便民超市"),
               pay("2021-07-01", "300.00", "社区便民超市"),
               pay("2022-06-30", "400.00", "社区 便民超市", "community"),
               pay("2022-07-01", "500.00", "社区便民超市")]  # after until
    issues = found(community(entries, [RELATED]))
    assert [(values(i)["year"], values(i)["count"], values(i)["total"]) for i in issues] == [
        (2021, 2, Decimal("500.00")), (2022, 1, Decimal("400.00"))]
    assert all((i.resource, i.row, i.field, i.variant) == ("parties", 3, "party", "")
               for i in issues)
    assert residents.sentence(issues[1], "zh") == (
        "2022 年向受托人的关联方社区便民超市付款 1 笔，共 400.00 元，"
        "没有业主大会同意与其交易的决议。")
    assert residents.sentence(issues[1], "en") == (
        "In 2022 “社区便民超市”, a related party of the trustee, received 400.00 yuan in "
        "1 payment, without an owners' resolution agreeing to it.")


def test_a_related_party_the_owners_agreed_to_is_still_shown() -> None:
    agreed = party("社区便民超市", "related", "R-2020-01", note="受托人股东开办的超市")
    [issue] = found(community([pay("2021-03-01", "200.00", "社区便民超市")], [agreed]))
    assert (issue.variant, values(issue)["approved"]) == ("approved", "R-2020-01")
    assert "价格是否公道请业主核对" in residents.sentence(issue, "zh")
    assert residents.sentence(issue, "en").endswith("may check that the price was fair.")


# ---- Errors of the register -----------------------------------------------------------------

def test_the_register_is_checked() -> None:
    assert errors(community([], [party("甲", resolution="")])) == ["party-resolution-missing"]
    assert errors(community([], [party("甲", "related", "")])) == []
    assert errors(community([], [party("甲", resolution="R-2099-01")])) == [
        "amendment-resolution-unknown"]
    assert errors(community([], [party("甲", since="2021-02-01", until="2021-01-31")])) == [
        "party-dates-reversed"]
    assert errors(community([], [party("甲", since="2021-02-01", until="2021-02-01")])) == []
    twice = [party("ＪＭ保洁"), party("jm 保洁", "related", "", row=2)]
    assert errors(community([], twice)) == ["party-duplicate"]
    # a party the ledger never pays is fine
    assert errors(community([pay("2021-03-01", "10.00", "乙")], [party("甲")])) == []


# ---- The page's figures ---------------------------------------------------------------------

def test_the_view_lists_each_year_latest_first_with_flags_and_notes() -> None:
    entries = [*yearly("锦绿园艺", "12000.00", (2020, 2021, 2022), "greening"),
               *(pay("2022-05-01", "100.00", f"商店{n:02d}") for n in range(12)),
               pay("2022-06-01", "50.00", "社区便民超市", "community", "R-1"),
               pay("2022-02-05", "6000.00", "明亮照明", "repair", "S-1"),
               pay("2022-02-19", "6000.00", "明亮照明", "repair", "S-2")]
    c = community(entries, [party("社区便民超市", "related", "", note="受托人股东开办", row=2)],
                  [LIMIT])
    shown = view.build(c, tuple(found(c)), CHART, TODAY)
    assert [y.year for y in shown.years] == [2022, 2021, 2020]
    latest = shown.years[0]
    names = [r.vendor for r in latest.rows]
    assert names[:2] == ["明亮照明", "锦绿园艺"]
    assert "社区便民超市" in names  # flagged rows are listed beyond the top ten
    assert len(names) == view.TOP + 1 and latest.others == 4
    assert latest.total == Decimal("25250.00")
    assert sum((r.amount for r in latest.rows), latest.others_amount) == latest.total
    jl = latest.rows[1]
    assert jl.share == pytest.approx(12000 / 25250) and jl.categories == ("greening",)
    assert [f.code for f in jl.findings] == ["vendor-concentration"]
    assert [f.code for f in latest.rows[0].findings] == ["purchases-split"]
    assert [(r.party.party, r.count, r.total) for r in shown.related] == [
        ("社区便民超市", 1, Decimal("50.00"))]
    assert shown.entry_notes["R-1"] == (("受托人的关联方：{note}", (("note", "受托人股东开办"),)),)
    assert shown.entry_notes["S-2"] == ((view.SPLIT_NOTE, (
        ("count", "2"), ("total", "12,000.00"), ("limit", "10,000.00"))),)
    assert shown.parties_published and [t.number for t in shown.limits] == [Decimal("10000")]


# ---- The pages ------------------------------------------------------------------------------

LEDGER_ROWS = """\
V-01,2021-03-05,expense,repair,3000.00,维修工程队,1栋屋面防水修补,vouchers/D-006.png,E03,
V-02,2021-03-25,expense,repair,2600.00,维修工程队,2栋屋面防水修补,vouchers/D-006.png,E03,
V-03,2021-04-02,expense,cleaning,500.00,社区便民超市,保洁用品,vouchers/D-003.png,E01,
"""
PARTIES = ("party,relation,resolution,since,until,note\n"
           "社区便民超市,related,,2021-01-01,,受托人的全资子公司\n"
           "洁美保洁公司,contracted,R-2020-01,2021-01-01,,保洁服务合同\n")
TERMS = ("term_id,term,value,effective,resolution,note\n"
         "T-2021-01,approval_limit,5000,2021-02-01,R-2020-01,\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scratch = tmp_path_factory.mktemp("vendors")
    datasets = compose(scratch)
    demo = datasets / "communities/demo"
    with (demo / "ledger.csv").open("a", encoding="utf-8") as ledger:
        ledger.write(LEDGER_ROWS)
    (demo / "parties.csv").write_text(PARTIES, encoding="utf-8")
    (demo / "terms.csv").write_text(TERMS, encoding="utf-8")
    descriptor = json.loads((demo / "datapackage.json").read_text("utf-8"))
    descriptor["resources"] += [{"name": t, "path": f"{t}.csv"} for t in ("parties", "terms")]
    (demo / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False),
                                           encoding="utf-8")
    result = build_into(REPO, datasets, scratch / "site")
    assert result.exit_code == 0, result.output
    return scratch / "site"


def section(page: Path) -> str:
    html = page.read_text("utf-8")
    start = html.index('id="vendors"')
    return html[start:html.index("<h2", start)]


def test_the_community_page_lists_the_payees_with_their_flags(site: Path) -> None:
    shown = section(site / "communities/demo/index.html")
    assert "2021 年收款单位" in shown and 'class="xy-num xy-key"' in shown
    assert "本小区约定：单笔 5,000.00 元以上的支出须经业主大会决议（2021-02-01 起）。" in shown
    assert '<a href="#resolution-R-2020-01">R-2020-01</a>' in shown
    assert "2021 年 3 月向维修工程队付款 2 笔，每笔都不到须经业主大会决议的 5,000.00 元，" \
           "合计 5,600.00 元。" in shown
    assert "2021 年向受托人的关联方社区便民超市付款 1 笔，共 500.00 元" in shown
    assert "经业主大会决议选定：" in shown and "洁美保洁公司：2021-01-01 起" in shown
    assert "受托人的关联方及其收款" in shown


def test_the_english_page_says_it_in_english(site: Path) -> None:
    shown = section(site / "en/communities/demo/index.html")
    assert "Payees in 2021" in shown and "Share of spending" in shown
    assert "any purchase of 5,000.00 yuan or more needs an owners&#39; resolution" in shown
    assert "In March 2021 “维修工程队” was paid 2 times" in shown
    assert "Chosen by owners&#39; resolution" in shown


def test_the_month_page_notes_related_and_split_payments(site: Path) -> None:
    html = (site / "communities/demo/ledger/2021-03/index.html").read_text("utf-8")
    assert html.count("同月向同一单位的 2 笔付款合计 5,600.00 元，达到须经决议的 5,000.00 元") == 2
    april = (site / "communities/demo/ledger/2021-04/index.html").read_text("utf-8")
    assert "受托人的关联方：受托人的全资子公司" in april
