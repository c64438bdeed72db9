"""The rules of community trust governance the portal applies, each named once.

Read alike by the validators (findings), the model (figures), the charts and the templates
(what a page flags), so that a threshold shown to residents is the one that was checked.
Labels of these codes, in both languages, are in ``vocabulary.py``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# The trustee's remuneration is booked under this expense code of the chart of accounts;
# in a year it may not exceed the agreed rate of the year's common-fund income.
REMUNERATION = "remuneration"

# Spending above this share of an expense category's budget (110%) is an overrun.
OVERRUN_LIMIT = Decimal("1.10")

# A protection-fund project at one step longer than this many days is flagged as stuck.
STUCK_DAYS = 90

# A democratic evaluation with a smaller share of satisfied residents is a finding.
LOW_SATISFACTION = Decimal("0.6")

# The protection fund's five-step method, in order: 民意征集 → 议事会决议 → 项目发包 →
# 项目实施 → 民主评议. A step may not be recorded before the steps ahead of it.
# How the trustee's remuneration may be rounded, each payment (the descriptor's
# remuneration_rounding): the most one rounded payment can exceed its exact share, which
# the remuneration check allows for, so that rounding is never reported as over the rate.
ROUNDING = {"fen": Decimal("0.005"), "yuan": Decimal("0.50")}
DEFAULT_ROUNDING = "fen"

# What a community's owners agree with the trustee that decides findings, each changed
# from a date by a resolution (terms.py, terms.csv).
TERMS = ("remuneration_rate", "remuneration_base", "fee_standard", "trustee")
STEPS = ("solicit", "resolve", "contract", "implement", "evaluate")
EVALUATION, IMPLEMENTATION = "evaluate", "implement"

# Codes of the statuses the schemas allow (generator/schemas/*.json, tested to agree).
PROJECT_STATUSES = ("planned", "ongoing", "completed", "cancelled")
FINISHED = ("completed", "cancelled")  # a finished project is no longer at a step
STANDARD_STATUSES = ("current", "superseded", "withdrawn", "draft")
CHANNELS = ("bank", "online", "onsite", "payroll", "other")
INDIVIDUAL = "individual"  # a donor_type: a private person, named only with consent
DONOR_TYPES = ("organisation", INDIVIDUAL)
PLACEHOLDER_DONORS = ("个人捐赠", "匿名")  # what stands for a person who is not named

# How each month of a community's accounts stands against its disclosure rule
# (disclosure.py): published on time or late, brought in with the package, published
# where the history is unknown, overdue, or not yet due.
DISCLOSURE_STATUSES = ("on-time", "late", "imported", "published", "overdue", "pending")

# A package's folder and name: lowercase letters and digits, single hyphens between.
PACKAGE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def over_budget(actual: Decimal, budget: Decimal) -> bool:
    return actual > budget * OVERRUN_LIMIT


def overrun(rate: float | None) -> bool:
    """An execution rate (actual / budget) above the limit, as tables and charts mark it."""
    return bool(rate) and rate > float(OVERRUN_LIMIT)  # type: ignore[operator]


def stuck(days: int) -> bool:
    return days > STUCK_DAYS


def low_satisfaction(share: Decimal) -> bool:
    return share < LOW_SATISFACTION


def slug(code: str) -> str:
    """The page name of a standard: XY/T 001—2024 -> xy-t-001-2024. Two codes differing
    only in punctuation or case share one, which validation refuses."""
    return "-".join("".join(c if c.isalnum() else " " for c in code.lower()).split())


def same_published(column: str, old: str, new: str) -> bool:
    """A published value and the value now are the same: as written, or for an amount as a
    figure (4162 and 4162.00). Shared by the git record's rule and the live site's."""
    if old.strip() == new.strip():
        return True
    try:
        return column == "amount" and Decimal(old) == Decimal(new)
    except InvalidOperation:
        return False
