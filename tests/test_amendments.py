"""What decides a finding changes only in the open: every published table and the
descriptor's terms are held to what was published (in the git record and on the live
site), and each has its honest way to change: a new term from a resolution's date, a
budget adjustment, a recount, a corrected bank statement. Each is tried in a real
repository, as a maintainer would."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import witness

from .conftest import TESTS, compose, compose_onto, run
from .test_published import commit, git
from .test_validation_rules import reported

DEMO = Path("datasets/communities/demo")
AMENDED = TESTS / "fixtures" / "amendments"
FIRST, SECOND = "2021-03-05T10:00:00+08:00", "2021-04-01T09:00:00+08:00"


@pytest.fixture
def repo(workdir: Path) -> Path:
    """The minimal datasets, committed: everything in them is now public."""
    compose(workdir)
    git(workdir, "init", "-q", "-b", "main")
    commit(workdir, FIRST)
    return workdir


def replace(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / DEMO / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(repo: Path, name: str, text: str) -> None:
    path = repo / DEMO / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def widen(repo: Path, name: str, columns: str, *rows: str) -> None:
    """Give a table columns it left out (empty on every row), then add rows."""
    path = repo / DEMO / name
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    empty = "," * len(columns.split(","))
    path.write_text("\n".join([f"{header},{columns}", *(line + empty for line in lines), *rows])
                    + "\n", encoding="utf-8")


def errors(*args: str) -> tuple[int, list[str]]:
    result = run("validate", "--datasets", "datasets", *args)
    return result.exit_code, reported(result.output, "error")


def descriptor(repo: Path) -> dict:
    return json.loads((repo / DEMO / "datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(repo: Path, data: dict) -> None:
    (repo / DEMO / "datapackage.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---- Silent edits are refused, whatever the table ---------------------------------------

def test_an_edited_budget_amount_is_refused_with_how_to_adjust_it(repo: Path) -> None:
    head = git(repo, "rev-parse", "--short=7", "HEAD")
    replace(repo, "budget.csv", "2021,E03,expense,repair,维修养护,12000.00,",
            "2021,E03,expense,repair,维修养护,15000.00,")
    code, found = errors()
    assert code == 1
    assert found == [
        f'{DEMO}/budget.csv:5: amount: budget row "2021 / E03" was published on 2021-03-05 '
        f'(commit {head}) and has been changed: amount was "12000.00", now "15000.00". A '
        "published row never changes: put the published values back, then add an adjustment "
        'line (same year, direction and category) whose adjusts column names "E03" and whose '
        "resolution column names the resolution that approved it [published-row-changed]"]


def test_a_changed_vote_count_is_refused(repo: Path) -> None:
    replace(repo, "resolutions.csv", "budget,70,10,5,100", "budget,80,10,5,100")
    code, found = errors()
    assert code == 1 and len(found) == 1
    assert 'votes_for was "70", now "80"' in found[0]
    assert 'corrects column names "R-2020-01"' in found[0]


def test_a_removed_bank_statement_is_refused_and_quoted(repo: Path) -> None:
    path = repo / DEMO / "statements.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8")
                            .splitlines(keepends=True) if not line.startswith("2021-02")),
                    encoding="utf-8")
    code, found = errors()
    assert code == 1 and found == [
        f'{DEMO}/statements.csv: statements row "2021-02" was published on 2021-03-05 (commit '
        f'{git(repo, "rev-parse", "--short=7", "HEAD")}) and is no longer in the table; it read: '
        "month=2021-02, closing_balance=14715.00, document=documents/statement-2021-02.pdf. Put "
        "the row back; to amend it, add a row for the same month with the date of the "
        "correction in revised and why in note [published-row-deleted]"]


def test_a_changed_collection_figure_is_refused(repo: Path) -> None:
    replace(repo, "collection.csv", "2020,100,73,", "2020,100,93,")
    code, found = errors()
    assert code == 1 and len(found) == 1
    assert 'households_paid was "73", now "93"' in found[0]


@pytest.mark.parametrize(("path", "value", "said"), [
    (("community", "remuneration_rate"), 0.2, 'was "0.15"'),
    (("community", "fee_standard"), 1.5, 'was "1"'),
    (("community", "trustee"), "另一物业公司", 'was "示范物业服务有限公司"'),
    (("community", "opening_balance", "amount"), 5000.0, 'was "1000"'),
    (("community", "trust_since"), "2020-06-01", 'was "2021-01-01"'),
    (("sample",), False, 'was "true"'),
])
def test_a_published_term_edited_in_the_descriptor_is_refused(repo: Path, path: tuple[str, ...],
                                                              value: object, said: str) -> None:
    data = descriptor(repo)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    write_descriptor(repo, data)
    code, found = errors()
    assert code == 1
    changed = [f for f in found if f.endswith("[published-row-changed]")]
    assert len(changed) == 1, found
    assert changed[0].startswith(f"{DEMO}/datapackage.json: ") and said in changed[0]
    assert "add a row to terms.csv" in changed[0]


def test_a_donation_changed_after_publication_is_refused(repo: Path) -> None:
    donations = repo / "datasets/foundation/donations.csv"
    lines = donations.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    amount = next(i for i, c in enumerate(cells) if re.fullmatch(r"\d+\.\d\d", c))
    cells[amount] = "1.00"
    donations.write_text(lines[0] + ",".join(cells) + "".join(lines[2:]), encoding="utf-8")
    code, found = errors()
    assert code == 1
    assert [f for f in found if "foundation/donations.csv" in f and "published-row-changed" in f]


def test_a_force_pushed_rate_change_is_caught_by_the_published_site(repo: Path) -> None:
    assert run("build", "--datasets", "datasets", "--out", "live",
               "--first-publication").exit_code == 0
    data = descriptor(repo)
    data["community"]["remuneration_rate"] = 0.25
    write_descriptor(repo, data)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--amend", "--no-edit", when=FIRST)  # as if never published
    assert errors()[0] == 0  # the rewritten history alone sees nothing
    code, found = errors("--published-site", "live")
    assert code == 1 and len(found) == 1
    assert found[0].startswith(f"{DEMO}/datapackage.json: remuneration_rate: "
                               'community.remuneration_rate was "0.15" on the published site')
    assert found[0].endswith('now "0.25". A published term never changes: put the published '
                             "value back, then add a row to terms.csv with the new value, the "
                             "date it applies from and its resolution (the opening balance and "
                             "the sample flag never change) [published-site-changed]")


def test_a_force_pushed_budget_edit_is_caught_by_the_published_site(repo: Path) -> None:
    assert run("build", "--datasets", "datasets", "--out", "live",
               "--first-publication").exit_code == 0
    replace(repo, "budget.csv", "保洁服务,36000.00", "保洁服务,46000.00")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--amend", "--no-edit", when=FIRST)
    code, found = errors("--published-site", "live")
    assert code == 1 and len(found) == 1
    assert 'budget row "2021 / E01": amount was "36000.00" on the published site' in found[0]


# ---- Honest changes pass, show and verify ------------------------------------------------

TERMS = "term_id,term,value,effective,resolution,note\n"
DECISION = "R-2021-01,2021-01-20,自2021年2月起受托人酬金比例调整为10%,contract,72,9,4,100,\n"


def add_terms(repo: Path, rows: str, decision: str = DECISION) -> None:
    data = descriptor(repo)
    data["resources"].append({"name": "terms", "path": "terms.csv"})
    write_descriptor(repo, data)
    (repo / DEMO / "terms.csv").write_text(TERMS + rows, encoding="utf-8")
    append(repo, "resolutions.csv", decision)


def first_publication_with(workdir: Path, terms: str, decision: str = DECISION) -> Path:
    """The minimal datasets with terms, published together (a term published with the
    months it applies to changes nothing residents read before)."""
    compose(workdir)
    add_terms(workdir, terms, decision)
    git(workdir, "init", "-q", "-b", "main")
    commit(workdir, FIRST)
    return workdir


def test_a_new_rate_applies_from_its_date_and_earlier_months_keep_theirs(
        workdir: Path) -> None:
    first_publication_with(workdir, "T-01,remuneration_rate,0.10,2021-02-01,R-2021-01,"
                                    "业主大会决议\n")
    result = run("validate", "--datasets", "datasets")
    assert result.exit_code == 0, result.output
    # January's 11,000 yuan at 15% and February's 9,700 at 10%: 2,620.00; taken 3,105.00.
    assert reported(result.output, "finding") == [
        f"{DEMO}/ledger.csv: amount: in 2021 the trustee took 3,105.00 yuan, more than the "
        "terms in effect that year allow (15% from 2021-01-01; 10% from 2021-02-01: 2,620.00 "
        "yuan) by 485.00 yuan [remuneration-over-rate]"]


def test_a_narrower_remuneration_base_counts_only_its_income(workdir: Path) -> None:
    first_publication_with(workdir, "T-01,remuneration_base,fee,2021-01-02,R-2020-01,"
                                    "合同约定只按服务费计提\n", decision="")
    result = run("validate", "--datasets", "datasets")
    # The parking income of 1,200 no longer counts: 19,500 at 15% is 2,925.00.
    assert reported(result.output, "finding") == [
        f"{DEMO}/ledger.csv: amount: in 2021 the trustee took 3,105.00 yuan, more than the "
        "terms in effect that year allow (15% from 2021-01-01; all income from 2021-01-01; "
        "income of fee from 2021-01-02: 2,925.00 yuan) by 180.00 yuan [remuneration-over-rate]"]


def test_a_term_published_after_the_months_it_would_change_is_refused(repo: Path) -> None:
    """A resolution may bear any date; the months residents read were published before
    the term was."""
    add_terms(repo, "T-01,remuneration_rate,0.30,2021-02-01,R-2021-01,\n")
    commit(repo, SECOND)
    code, found = errors()
    assert code == 1 and found == [
        f'{DEMO}/terms.csv:1: effective: term "T-01" takes effect on 2021-02-01, but the '
        "accounts of 2021-02 were published on 2021-03-05, before this term (published "
        "2021-04-01); a term applies from the first month not yet published: give a later "
        "effective date [term-retroactive]"]


def test_amendments_show_on_the_community_page_and_the_originals_stay_open(repo: Path) -> None:
    add_terms(repo, "T-01,fee_standard,1.20,2021-03-01,R-2021-01,\n")
    widen(repo, "budget.csv", "adjusts,resolution",
          "2021,E03-A1,expense,repair,维修养护（追加后）,15000.00,,E03,R-2021-01")
    widen(repo, "statements.csv", "revised,note",
          "2021-02,14715.00,documents/statement-2021-02.pdf,2021-03-12,银行补发加盖业务章的对账单")
    commit(repo, SECOND)
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    page = _text((repo / "site/communities/demo/index.html").read_text(encoding="utf-8"))
    assert "物业服务费标准 1.20 元/平方米/月 （2021-03-01 起，见约定变更）" in page
    assert "2021-03-01 物业服务费标准 1.20 元/平方米/月 R-2021-01" in page
    assert "15,000.00 原预算 12,000.00，经决议 R-2021-01 调整" in page
    assert ("2021 年 2 月银行对账单于 2021-03-12 更正：月末余额 14,715.00 元（银行补发加盖业务章的"
            "对账单）") in page
    published = (repo / "site/data/communities/demo/budget.csv").read_text(encoding="utf-8-sig")
    assert "2021,E03,expense,repair,维修养护,12000.00,,," in published  # the original stays


def test_a_recount_corrects_the_record_and_both_rows_stay(repo: Path) -> None:
    widen(repo, "resolutions.csv", "corrects",
          "R-2020-01-C1,2020-12-27,通过2021年度共有资金预算（复核计票）,budget,"
          "71,9,5,100,,R-2020-01")
    commit(repo, SECOND)
    assert run("build", "--datasets", "datasets", "--out", "site").exit_code == 0
    page = _text((repo / "site/communities/demo/index.html").read_text(encoding="utf-8"))
    assert "通过2021年度共有资金预算 计票记录已更正，以 R-2020-01-C1 为准" in page
    assert "更正 R-2020-01 的记录" in page


def test_a_corrected_statement_is_what_the_balance_check_reads(workdir: Path) -> None:
    repo = workdir
    compose(repo)
    replace(repo, "statements.csv", "2021-02,14715.00", "2021-02,14915.00")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, FIRST)  # published with a figure the ledger does not give
    before = run("validate", "--datasets", "datasets")
    assert [f for f in reported(before.output, "finding") if "balance-mismatch" in f]
    widen(repo, "statements.csv", "revised,note",
          "2021-02,14715.00,documents/statement-2021-02.pdf,2021-03-20,"
          "银行更正了月末余额")
    after = run("validate", "--datasets", "datasets")
    assert after.exit_code == 0, after.output
    assert not [f for f in reported(after.output, "finding") if "balance-mismatch" in f]


def test_every_amendment_made_in_the_open_passes_and_builds(workdir: Path) -> None:
    """A recount, a rate, base, fee and trustee from later dates, a budget line adjusted
    twice and a reissued bank statement (tests/fixtures/amendments), on the published
    fixture: nothing to refuse, nothing to find."""
    compose(workdir)
    git(workdir, "init", "-q", "-b", "main")
    commit(workdir, FIRST)
    compose_onto(workdir / "datasets", AMENDED)
    commit(workdir, SECOND)
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    assert reported(result.output, "error") == reported(result.output, "finding") == []
    page = _text((workdir / "site/communities/demo/index.html").read_text(encoding="utf-8"))
    assert "受托人（物业服务企业） 新受托物业有限公司 （2021-03-01 起，见约定变更）" in page
    assert "2021-03-01 计提酬金的收入 物业服务费、停车收益 R-2021-01" in page
    assert "16,000.00 原预算 12,000.00，经决议 R-2021-01、R-2021-01 调整" in page
    notice = (workdir / "site/communities/demo/ledger/2021-02/index.html").read_text("utf-8")
    assert "<dt>受托人</dt><dd>示范物业服务有限公司</dd>" in notice  # February: the first one


def test_a_record_published_before_the_new_columns_still_verifies(repo: Path) -> None:
    assert run("build", "--datasets", "datasets", "--out", "live",
               "--first-publication").exit_code == 0
    widen(repo, "statements.csv", "revised,note",
          "2021-02,14715.00,documents/statement-2021-02.pdf,2021-03-12,"
          "银行补发")
    commit(repo, SECOND)
    result = run("build", "--datasets", "datasets", "--out", "next", "--published-site", "live")
    assert result.exit_code == 0, result.output
    demo = witness.read_site(str(repo / "next"))["demo"]  # its chain recomputes
    assert len(demo.chain) == 2
    assert demo.rows["statements"]["2021-02\x1f2021-03-12"][0] == 1
    verified = run("verify", "next", "--datasets", "datasets")
    assert verified.exit_code == 0, verified.output


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(("rounding", "taken", "found"), [
    (None, "1455.01", []),  # two payments rounded to the fen: 0.01 is rounding
    (None, "1455.02", ["in 2021 the trustee took 3,105.02 yuan, more than 15% of the year's "
                       "income (3,105.00 yuan) by 0.02 yuan"]),
    ("yuan", "1456.00", []),  # February's 1,455.00 rounded up to the yuan, as agreed
    ("yuan", "1457.00", ["in 2021 the trustee took 3,107.00 yuan, more than 15% of the year's "
                         "income (3,105.00 yuan) by 2.00 yuan"]),
])
def test_rounding_each_payment_as_agreed_is_not_over_the_rate(
        workdir: Path, rounding: str | None, taken: str, found: list[str]) -> None:
    compose(workdir)
    if rounding:
        data = descriptor(workdir)
        data["community"]["remuneration_rounding"] = rounding
        write_descriptor(workdir, data)
    replace(workdir, "ledger.csv", "remuneration,1455.00,", f"remuneration,{taken},")
    result = run("validate", "--datasets", "datasets")
    assert [f.split(": ", 2)[2].removesuffix(" [remuneration-over-rate]")
            for f in reported(result.output, "finding") if "remuneration-over-rate" in f] == found
