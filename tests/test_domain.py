"""The domain's codes and rule constants are named once (generator/domain.py), agree with
the canonical schemas, and each code has a label in both languages (vocabulary.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator import charts, domain, issues, schemas, vocabulary


def enum(table: str, column: str) -> tuple[str, ...]:
    [field] = [f for f in schemas.descriptor(table)["fields"] if f["name"] == column]
    return tuple(field["constraints"]["enum"])


@pytest.mark.parametrize(("table", "column", "codes"), [
    ("foundation-projects", "status", domain.PROJECT_STATUSES),
    ("protection-projects", "status", domain.PROJECT_STATUSES),
    ("standards", "status", domain.STANDARD_STATUSES),
    ("donations", "channel", domain.CHANNELS),
    ("donations", "donor_type", domain.DONOR_TYPES),
    ("steps", "step", domain.STEPS),
])
def test_the_schemas_allow_exactly_the_domains_codes(table: str, column: str,
                                                     codes: tuple[str, ...]) -> None:
    assert enum(table, column) == codes


@pytest.mark.parametrize("kind", sorted(vocabulary.KINDS))
def test_every_code_has_a_chinese_and_an_english_label(kind: str) -> None:
    labels, codes = vocabulary.KINDS[kind]
    assert tuple(labels) == codes  # in the domain's order, none missing, none extra
    for code in codes:
        zh, en = vocabulary.label(code, kind), vocabulary.label(code, kind, "en")
        assert zh and en and zh != en and en.isascii(), (kind, code)


def test_the_thresholds_residents_see_are_the_ones_checked() -> None:
    assert domain.over_budget(Decimal("110.01"), Decimal("100"))
    assert not domain.over_budget(Decimal("110.00"), Decimal("100"))
    assert domain.overrun(1.1001) and not domain.overrun(1.1) and not domain.overrun(None)
    assert domain.stuck(domain.STUCK_DAYS + 1) and not domain.stuck(domain.STUCK_DAYS)
    assert domain.low_satisfaction(Decimal("0.59")) and not domain.low_satisfaction(Decimal("0.6"))


def test_a_standards_page_name_keeps_only_letters_and_digits() -> None:
    assert domain.slug("XY/T 001—2024") == "xy-t-001-2024"
    assert domain.slug("xy-t-001-2024") == domain.slug("XY/T 001-2024")


def test_texts_that_state_a_threshold_state_the_domains() -> None:
    # Sentences in charts and issue titles name the limit in words; they must name this one.
    limit = f"{(domain.OVERRUN_LIMIT - 1) * 100:.0f}%"
    chart = charts.budget_chart("c", "预算", ["维修"], [Decimal(100)], [Decimal(200)])
    assert chart.key[-1][1] == f"超出预算 {limit} 以上"
    assert issues.TYPES["budget-overrun"].title_zh == f"支出超过预算 {limit} 以上"
    low = f"{domain.LOW_SATISFACTION * 100:.0f}%"
    assert issues.TYPES["protection-low-satisfaction"].title_zh == f"民主评议满意度低于 {low}"
