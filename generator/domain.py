"""The rules of community trust governance the portal applies, each named once.

Read alike by the validators (findings), the model (figures), the charts and the templates
(what a page flags), so that a threshold shown to residents is the one that was checked.
Labels of these codes, in both languages, are in ``vocabulary.py``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from .schemas import fillable

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
# Terms a community may declare, from a date on; none until it does: the days within which
# owners' questions are answered, and the amount from which one purchase needs a resolution.
OPTIONAL_TERMS = ("answer_days", "approval_limit")
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

# ---- What owners fight about (issue types in issues/{income,votes,questions,vendors,reports}) --

# Public income (民法典 arts. 282–283): an income category under this parent of the chart of
# accounts is income from the common parts, which the register of revenue assets explains.
PUBLIC_REVENUE = "public-revenue"
ASSET_KINDS = ("parking", "lift-ad", "screen-ad", "board-ad", "room", "site", "telecom",
               "other")
PAYMENT_MONTHS = (1, 3, 6, 12)  # how often a contract's rent falls due, in months

# Votes (民法典 art. 278). Each kind of matter a resolution decides, and the share of the
# participating area and owners that must consent: items (6)–(8) of its first paragraph
# (raising repair funds, rebuilding, changing the use of common parts or using them for
# business) need three quarters; every other common decision more than half. Participation
# is two thirds of the area and of the owners, for every matter.
RESOLUTION_KINDS = ("budget", "fee", "contract", "trustee", "rules", "committee",
                    "repair-fund-use", "repair-fund-raise", "rebuild", "common-use", "other")
THREE_QUARTERS_KINDS = ("repair-fund-raise", "rebuild", "common-use")
PARTICIPATION = (2, 3)  # at least two thirds (以上 counts the figure itself)
THREE_QUARTERS = (3, 4)  # at least three quarters
# "More than half" (过半数) is strictly above one half: checked as 2 × for > participating.
CHALLENGE_MONTHS = 12  # a decision may be challenged in court within one year (SPC art. 12)

# Owners' questions (质询): what a question may be about, and the longest deadline a
# community may declare for answering (its term answer_days).
QUESTION_SUBJECTS = ("entry", "budget", "resolution", "asset", "project", "other")
MAX_ANSWER_DAYS = 90

# Vendors. A vendor taking more than this share of a category's spending, for at least this
# many years in a row, without a resolution that chose it, is a finding. The payees of these
# categories are set by law or are the trustee itself, so their share says nothing.
VENDOR_SHARE = Decimal("0.5")
VENDOR_YEARS = 3
# Staff costs are the service centre's own employees' wages: employees are not vendors.
VENDOR_EXEMPT = ("remuneration", "utilities", "tax", "staff")
# A category the fund spends less than this on in a year is not judged, and such a year
# ends a run: one shop supplying a year's tea parties is no favour worth a finding, and a
# whole year of it stays under what community rules commonly submit to the owners.
VENDOR_MIN_SPEND = Decimal("10000")
# Purchases from one vendor in one month, each under the amount that needs a resolution (the
# term approval_limit) and each above this share of it, that together reach it: split.
SPLIT_SHARE = Decimal("0.5")
PARTY_RELATIONS = ("related", "contracted")

# The foundation's reports (慈善法 art. 79): a project longer than this many months reports
# at least every REPORT_EVERY months, and in full within FINAL_WITHIN months of its end.
LONG_PROJECT_MONTHS = 6
REPORT_EVERY = 3
FINAL_WITHIN = 3
REPORT_KINDS = ("progress", "final")

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


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it has no such day (a
    deadline from 31 January is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def slug(code: str) -> str:
    """The page name of a standard: XY/T 001—2024 -> xy-t-001-2024. Two codes differing
    only in punctuation or case share one, which validation refuses."""
    return "-".join("".join(c if c.isalnum() else " " for c in code.lower()).split())


def same_published(column: str, old: str, new: str, table: str = "") -> bool:
    """A published value and the value now are the same: as written, or for an amount as a
    figure (4162 and 4162.00); or a cell published empty that its table fills once (the
    answer to an owner's question). Shared by the git record's rule and the live site's."""
    if old.strip() == new.strip():
        return True
    if not old.strip() and table and column in fillable(table):
        return True
    try:
        return column == "amount" and Decimal(old) == Decimal(new)
    except InvalidOperation:
        return False
