"""The published site is the witness of what it published: its record outlives a
rewritten git history, and a change to what it holds is refused with the published value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import witness

from .conftest import compose, run
from .hostile_files import scanned_png
from .test_published import LEDGER, commit, edit_row, git
from .test_validation_rules import reported

FIRST, SECOND = "2021-03-05T10:00:00+08:00", "2021-04-01T09:00:00+08:00"


@pytest.fixture
def live(workdir: Path) -> Path:
    """The minimal datasets committed and built as the portal's first publication."""
    compose(workdir)
    git(workdir, "init", "-q", "-b", "main")
    commit(workdir, FIRST)
    result = run("build", "--datasets", "datasets", "--out", "live", "--first-publication")
    assert result.exit_code == 0, result.output
    return workdir / "live"


def records(site: Path) -> dict[str, witness.PackageRecord]:
    return witness.read_site(str(site))


def test_a_first_publication_records_every_row_and_file_with_a_verifiable_chain(
        live: Path) -> None:
    found = records(live)
    demo = found["demo"]
    ledger = (live.parent / LEDGER).read_text(encoding="utf-8").splitlines()
    assert len(demo.rows["ledger"]) == len(ledger) - 1 and len(demo.chain) == 1
    assert demo.files["vouchers/D-001.png"][1]  # by SHA-256
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["records"] == {name: r.head for name, r in found.items()}
    assert witness.chain(demo) == [demo.head]  # anyone can recompute it


def test_a_rewritten_history_is_caught_by_the_published_site(live: Path) -> None:
    repo = live.parent
    edit_row(repo / LEDGER, "D-001", 4, "9999.00")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--amend", "--no-edit", when=FIRST)  # as if never published
    assert run("validate", "--datasets", "datasets").exit_code == 0  # git alone sees nothing
    result = run("validate", "--datasets", "datasets", "--published-site", "live")
    assert result.exit_code == 1
    assert reported(result.output, "error") == [
        f'{LEDGER}:1: amount: ledger row "D-001": amount was "9800.00" on the published site '
        f'(published {_built(live)}), now "9999.00". A published row never changes: put the '
        'published value back, then add a new entry whose corrects column names "D-001" '
        "[published-site-changed]"]


def _built(site: Path) -> str:
    return json.loads((site / "manifest.json").read_text(encoding="utf-8"))["build_date"]


def test_a_row_removed_after_a_force_push_is_refused_and_quoted(live: Path) -> None:
    repo = live.parent
    ledger = repo / LEDGER
    ledger.write_text("".join(line for line in ledger.read_text(encoding="utf-8")
                              .splitlines(keepends=True) if not line.startswith("D-002,")),
                      encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--amend", "--no-edit", when=FIRST)
    code, errors = _validate("--published-site", "live")
    assert code == 1 and len(errors) == 1
    assert errors[0].startswith(f'{LEDGER}: ledger row "D-002" is recorded by the published '
                                'site')
    assert "amount=1200.00" in errors[0] and errors[0].endswith("[published-site-removed]")


def _validate(*args: str) -> tuple[int, list[str]]:
    result = run("validate", "--datasets", "datasets", *args)
    return result.exit_code, reported(result.output, "error")


def test_a_replaced_voucher_is_refused_by_the_published_site(live: Path) -> None:
    repo = live.parent
    (repo / "datasets/communities/demo/vouchers/D-001.png").write_bytes(scanned_png())
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--amend", "--no-edit", when=FIRST)
    code, errors = _validate("--published-site", "live")
    assert code == 1
    assert [e for e in errors if e.startswith("datasets/communities/demo/vouchers/D-001.png")
            and e.endswith("[published-site-changed]")]


def test_a_tampered_record_does_not_verify(live: Path) -> None:
    file = live / "record/demo.json"
    file.write_text(file.read_text(encoding="utf-8").replace('"9800.00"', '"9999.00"'),
                    encoding="utf-8")
    code, errors = _validate("--published-site", "live")
    assert code == 1 and errors == [
        f"datasets: live: the record of demo: its hash chain is broken at publication 1 of 1 "
        f"({_built(live)}): what that publication added no longer matches its head; what the "
        "site published cannot be checked, and nothing is built over it "
        "[published-site-unreadable]"]


def test_a_tampered_later_publication_is_named_and_the_earlier_ones_still_verify(
        live: Path, workdir: Path) -> None:
    _publish_a_month(workdir)
    file = workdir / "next/record/demo.json"
    file.write_text(file.read_text(encoding="utf-8").replace('"120.00"', '"12.00"'),
                    encoding="utf-8")
    code, errors = _validate("--published-site", "next")
    assert code == 1 and len(errors) == 1
    assert "its hash chain is broken at publication 2 of 2 (" in errors[0]


def _publish_a_month(workdir: Path) -> None:
    """One more entry committed, and the site built over the live one into next/."""
    ledger = workdir / LEDGER
    ledger.write_text(ledger.read_text(encoding="utf-8") + "I-009,2021-02-20,income,parking,"
                      "120.00,业主（按月汇总）,二月补记,,,\n", encoding="utf-8")
    commit(workdir, SECOND)
    result = run("build", "--datasets", "datasets", "--out", "next", "--published-site", "live")
    assert result.exit_code == 0, result.output


def test_new_rows_are_one_more_publication_on_the_chain(live: Path, workdir: Path) -> None:
    _publish_a_month(workdir)
    before, after = records(live)["demo"], records(workdir / "next")["demo"]
    assert [link.head for link in after.chain[:1]] == [before.head]
    assert len(after.chain) == 2 and after.rows["ledger"]["I-009"][0] == 1
    assert witness.items(after, 1) == [witness.digest(
        '["row","ledger",["I-009","2021-02-20","income","parking","120.00","业主（按月汇总）",'
        '"二月补记","","",""]]')]
    unchanged = records(workdir / "next")["foundation"]
    assert unchanged.chain == records(live)["foundation"].chain  # nothing new, no link


def test_a_rebuild_over_the_live_site_with_nothing_new_changes_no_record(live: Path,
                                                                         workdir: Path) -> None:
    result = run("build", "--datasets", "datasets", "--out", "again", "--published-site", "live")
    assert result.exit_code == 0, result.output
    for file in (live / "record").iterdir():
        assert (workdir / "again/record" / file.name).read_bytes() == file.read_bytes()
    assert run("verify", "live", "--datasets", "datasets").exit_code == 0


def test_ci_needs_the_live_site_or_a_declared_first_publication(live: Path) -> None:
    code, errors = _validate("--require-history")
    assert code == 1 and errors == [
        "datasets: neither --published-site nor --first-publication was given: where the "
        "history is required (CI), the live site's record is read, or a first publication is "
        "declared [published-site-unreadable]"]
    assert _validate("--require-history", "--published-site", "live")[0] == 0
    code, errors = _validate("--published-site", "no-such-site")
    assert code == 1 and errors[0].endswith("[published-site-unreadable]")


def test_the_record_names_no_private_donor(workdir: Path) -> None:
    datasets = compose(workdir)
    donations = datasets / "foundation/donations.csv"
    donations.write_text(donations.read_text(encoding="utf-8").replace(
        "G-002,2021-02-01,个人捐赠,", "G-002,2021-02-01,王小明,"), encoding="utf-8")
    result = run("build", "--datasets", "datasets", "--out", "site", "--first-publication")
    assert result.exit_code == 0, result.output
    text = (workdir / "site/record/foundation.json").read_text(encoding="utf-8")
    assert "王小明" not in text and '"王**"' in text


def test_verify_reports_a_changed_entry_by_name_with_both_values(live: Path,
                                                                 workdir: Path) -> None:
    edit_row(workdir / LEDGER, "D-001", 4, "9999.00")
    git(workdir, "add", "-A")
    git(workdir, "commit", "-q", "--amend", "--no-edit", when=FIRST)  # history rewritten
    result = run("verify", "live", "--datasets", "datasets")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (f'mismatch: record {LEDGER}:1: amount: ledger row "D-001": amount was "9800.00" on '
            f'the published site (published {_built(live)}), now "9999.00". A published row '
            "never changes: put the published value back, then add a new entry whose corrects "
            'column names "D-001" [published-site-changed]') in lines
    assert "mismatch: data communities/demo/ledger.csv: differs" in lines


def test_verify_reports_a_symbolic_link_in_the_site(live: Path) -> None:
    (live / "extra.html").symlink_to(live / "index.html")
    result = run("verify", "live", "--datasets", "datasets")
    assert result.exit_code == 1
    assert ("mismatch: site extra.html: a symbolic link, which the portal never writes"
            in result.output.splitlines())


def test_the_community_page_states_its_record_and_how_to_check_it(live: Path,
                                                                  workdir: Path) -> None:
    demo = records(live)["demo"]
    page = (live / "communities/demo/index.html").read_text(encoding="utf-8")
    assert f"记录最后一次增加是 {_built(live)}，共 1 次发布" in page
    assert f'<code title="{demo.head}">{demo.head[:16]}</code>' in page
    english = (live / "en/communities/demo/index.html").read_text(encoding="utf-8")
    assert f"It last grew on {_built(live)}, over 1 publication(s)" in english
    _publish_a_month(workdir)
    grown = records(workdir / "next")["demo"]
    page = (workdir / "next/communities/demo/index.html").read_text(encoding="utf-8")
    assert "共 2 次发布" in page and grown.head[:16] in page and demo.head[:16] not in page



def _redact(workdir: Path, entry: str, field: str) -> None:
    descriptor = workdir / "datasets/communities/demo/datapackage.json"
    body = json.loads(descriptor.read_text(encoding="utf-8"))
    body["redactions"] = [{"entry": entry, "field": field, "date": "2021-04-02",
                           "reason": "误写入业主姓名"}]
    descriptor.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")


def test_a_declared_redaction_removes_a_name_from_site_and_record_and_the_chain_holds(
        workdir: Path) -> None:
    datasets = compose(workdir)
    edit_row(datasets / "communities/demo/ledger.csv", "D-001", 6, "业主张三缴费")
    git(workdir, "init", "-q", "-b", "main")
    commit(workdir, FIRST)
    result = run("build", "--datasets", "datasets", "--out", "live", "--first-publication")
    assert result.exit_code == 0, result.output
    first = records(workdir / "live")["demo"]
    edit_row(workdir / LEDGER, "D-001", 6, "已遮盖")  # the name replaced, the redaction declared
    _redact(workdir, "D-001", "description")
    commit(workdir, SECOND)
    result = run("build", "--datasets", "datasets", "--out", "next", "--published-site", "live")
    assert result.exit_code == 0, result.output
    site = workdir / "next"
    holding = [p for p in site.rglob("*") if p.is_file() and "张三".encode() in p.read_bytes()]
    assert holding == []
    month = (site / "communities/demo/ledger/2021-01/index.html").read_text(encoding="utf-8")
    assert "已遮盖（个人信息，2021-04-02：误写入业主姓名）" in month
    after = records(site)["demo"]  # read_site recomputes the chain: it verifies
    assert after.chain[0].head == first.head and "D-001" in after.hashes["ledger"]


def test_a_redacted_cell_must_read_the_mark(workdir: Path) -> None:
    compose(workdir)
    _redact(workdir, "D-001", "description")
    code, errors = _validate()
    assert code == 1 and errors == [
        f'{LEDGER}:1: description: the description of entry "D-001" is declared redacted in '
        "datapackage.json but does not read 已遮盖; write 已遮盖 in the cell in place of the "
        "personal data, and the site shows that it was redacted, when and why "
        "[redaction-cell-not-replaced]"]


def _rename(workdir: Path) -> None:
    git(workdir, "mv", "datasets/communities/demo", "datasets/communities/demo-east")
    descriptor = workdir / "datasets/communities/demo-east/datapackage.json"
    body = json.loads(descriptor.read_text(encoding="utf-8"))
    body["name"], body["former_names"] = "demo-east", ["demo"]
    descriptor.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    for table in ("foundation/projects.csv", "protection-fund/projects.csv"):
        path = workdir / "datasets" / table  # the projects name the community by its id
        path.write_text(path.read_text(encoding="utf-8").replace(",demo,", ",demo-east,")
                        .replace("demo;", "demo-east;").replace(";demo", ";demo-east"),
                        encoding="utf-8")
    commit(workdir, SECOND)


def test_a_declared_rename_carries_the_record_over_and_keeps_the_old_address(
        live: Path, workdir: Path) -> None:
    _rename(workdir)
    result = run("build", "--datasets", "datasets", "--out", "next", "--published-site", "live")
    assert result.exit_code == 0, result.output
    before, after = records(live)["demo"], records(workdir / "next")["demo-east"]
    assert after.chain == before.chain and after.genesis == "demo"  # nothing new: no link
    assert "demo" not in records(workdir / "next")
    old = (workdir / "next/communities/demo/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../demo-east/"' in old
    edited = workdir / "datasets/communities/demo-east/ledger.csv"
    edit_row(edited, "D-001", 4, "9999.00")  # what was published under the old name holds
    code, errors = _validate("--published-site", "live")
    assert code == 1 and [e for e in errors if e.endswith("[published-site-changed]")]
    assert [e for e in errors if e.endswith("[ledger-entry-changed]")]


def test_an_amount_written_another_way_is_not_a_change_to_the_published_site(
        live: Path, workdir: Path) -> None:
    edit_row(workdir / LEDGER, "D-001", 4, "9800")  # the published figure, 9800.00
    assert _validate("--published-site", "live") == (0, [])
