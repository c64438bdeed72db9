"""The registry of issue types (generator/issues/): each type is declared once, raised by
a check that declares it, produced by a case of the corpus with a message its template
makes, and documented in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from frictionless import errors as fl_errors

from generator import load
from generator.issues import CHECKS, TYPES, IssueType, Where
from generator.issues.cells import SCHEMA_ERROR
from generator.load import Table
from generator.validate import structure

from .conftest import TESTS

CORPUS = sorted([*(TESTS / "cases").iterdir(), *(TESTS / "findings").iterdir()])
LINE = re.compile(r"^(?P<where>[^:]+(?::\d+)?(?:: [\w.\[\]]+)?): (?P<message>.*) "
                  r"\[(?P<code>[a-z0-9-]+)\]$")
# Declared for a problem no data can produce today: see the test below.
UNREACHABLE = {SCHEMA_ERROR.code}


def corpus_lines() -> list[tuple[str, str, str]]:
    """(case, code, message) of every line a case of the corpus expects."""
    found = []
    for case in CORPUS:
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
            match = LINE.match(line)
            assert match, f"{case.name}: {line}"
            found.append((case.name, match["code"], match["message"]))
    return found


def pattern(template: str) -> re.Pattern[str]:
    """A template as a regular expression: its text as written, any value where it names one."""
    parts = re.split(r"(\{[^{}]*\})", template.replace("{{", "\0").replace("}}", "\1"))
    text = "".join(".+?" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(text.replace("\0", "{").replace("\1", "}"), re.S)


def test_every_declared_type_is_raised_by_a_case_of_the_corpus() -> None:
    raised = {code for _, code, _ in corpus_lines()}
    assert raised <= set(TYPES)  # every raised code is declared
    assert sorted(set(TYPES) - raised - UNREACHABLE) == []
    assert len(CORPUS) >= 120


def test_every_message_in_the_corpus_is_made_by_its_types_template() -> None:
    for case, code, message in corpus_lines():
        templates = TYPES[code].templates
        assert any(pattern(t).fullmatch(message) for t in templates), (case, message)


def test_every_type_is_raised_by_a_check_that_declares_it() -> None:
    declared = {code for check in CHECKS for code in check.raises}  # type: ignore[attr-defined]
    declared |= {t.code for t in load.RAISES}
    assert declared == set(TYPES)
    assert len(CHECKS) >= 15


@pytest.mark.parametrize("kind", list(TYPES.values()), ids=lambda t: t.code)
def test_every_type_is_documented_in_both_languages(kind: IssueType) -> None:
    assert kind.title_zh and kind.fix_zh and kind.message
    assert kind.title_en and kind.title_en.isascii() and kind.title_en[0].isupper()
    assert kind.severity in ("error", "finding")
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)+", kind.code)


def test_a_frictionless_error_the_portal_does_not_know_is_reported_in_its_words() -> None:
    # The header is checked before frictionless reads a table, so no data reaches the
    # catch-all today; a future frictionless error is still a message, not a crash.
    table = Table("ledger", "ledger", Path("ledger.csv"), (), (),
                  Where("datasets/communities/demo/ledger.csv", "communities/demo", "ledger"))
    error = fl_errors.RowError(note="a check frictionless may add", cells=["x"], row_number=3)
    issue = structure.convert(table, error, set())
    assert issue is not None and issue.code == SCHEMA_ERROR.code
    assert str(issue).startswith("datasets/communities/demo/ledger.csv:2: ")
    assert issue.message == error.message
