"""Problems found in the datasets, and the report that gathers them.

An issue is data, not an exception: a declared type (``IssueType``: its code, severity,
titles, fix and message template), the message made from the values a check found, and
where it is (file, data row, field, package, table). Errors stop the build; findings are
published on the portal and only stop the build under ``--strict``. Every type is
declared once, in the module of its area, and listed here in the order the data
dictionary shows them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from . import accounts, attachments, cells, packages, projects, standards
from .areas import AREAS
from .attachments import (
    DISBURSEMENT_VOUCHER,
    DOCUMENT,
    LEDGER_VOUCHER,
    STANDARD_BODY,
    STANDARD_PDF,
    Attachment,
)
from .issue import Issue, IssueType, Severity, Where, display_path
from .report import Report

__all__ = ["AREAS", "CHECKS", "TYPES", "Attachment", "Issue", "IssueType", "Report", "Severity",
           "Where", "display_path", "raises"]

_LISTED: tuple[IssueType, ...] = (
    # files and descriptors
    packages.PACKAGE_DESCRIPTOR_INVALID, packages.PACKAGE_DESCRIPTOR_MISSING,
    packages.PACKAGE_PROPERTY_INVALID, packages.PACKAGE_NAME_INVALID,
    packages.PACKAGE_RESOURCE_MISSING, packages.PACKAGE_RESOURCE_UNKNOWN,
    packages.PACKAGE_SCHEMA_DIFFERS, packages.FILE_MISSING, packages.FILE_TOO_LARGE,
    packages.CSV_ENCODING, packages.CSV_EMPTY, packages.CSV_MALFORMED,
    packages.TABLE_HEADER_MISSING_COLUMN, packages.TABLE_HEADER_EXTRA_COLUMN,
    packages.TABLE_HEADER_ORDER, packages.TABLE_HEADER_LAYOUT, packages.COMMUNITY_TITLE_DUPLICATE,
    # structural checks (Table Schema, run by frictionless)
    cells.SCHEMA_TYPE_ERROR, cells.SCHEMA_CONSTRAINT_ERROR, cells.SCHEMA_REQUIRED,
    cells.SCHEMA_UNIQUE_ERROR, cells.SCHEMA_BLANK_ROW, cells.SCHEMA_EXTRA_CELL,
    cells.SCHEMA_MISSING_CELL, cells.SCHEMA_ERROR,
    # community accounts
    packages.CODELIST_REMUNERATION_MISSING, accounts.CATEGORY_UNKNOWN,
    accounts.CATEGORY_DIRECTION_MISMATCH, accounts.LEDGER_AMOUNT_PRECISION,
    accounts.LEDGER_AMOUNT_ZERO, accounts.LEDGER_DATE_BEFORE_OPENING,
    accounts.LEDGER_DATE_FUTURE, accounts.LEDGER_VOUCHER_MISSING, LEDGER_VOUCHER.not_found,
    LEDGER_VOUCHER.unsafe, LEDGER_VOUCHER.type, attachments.LEDGER_VOUCHER_CONTENT,
    accounts.LEDGER_BUDGET_LINE_UNKNOWN,
    accounts.LEDGER_CORRECTS_UNKNOWN, accounts.LEDGER_CORRECTS_TWICE,
    accounts.LEDGER_CORRECTION_INVALID,
    # every text: public, so no personal numbers and nothing a spreadsheet would run
    cells.PERSONAL_ID_NUMBER, cells.PERSONAL_MOBILE_NUMBER, cells.PERSONAL_BANK_CARD,
    cells.CELL_TOO_LONG, cells.CELL_FORMULA, cells.CELL_HIDDEN_CHARACTER,
    # published entries: compared with the git history of the datasets
    packages.PUBLISHED_REF_UNKNOWN, packages.PUBLISHED_HISTORY_MISSING,
    packages.PUBLISHED_PACKAGE_REMOVED, packages.PUBLISHED_SITE_UNREADABLE,
    packages.PUBLISHED_SITE_REMOVED, packages.PUBLISHED_SITE_CHANGED,
    packages.PUBLISHED_ROW_CHANGED, packages.PUBLISHED_ROW_DELETED,
    accounts.LEDGER_ENTRY_CHANGED,
    accounts.LEDGER_ENTRY_DELETED, accounts.REDACTION_ENTRY_UNKNOWN,
    accounts.REDACTION_CELL_NOT_REPLACED, accounts.WITHDRAWAL_RESOLUTION_UNKNOWN,
    accounts.LEDGER_VOUCHER_CHANGED, accounts.BUDGET_LINE_DUPLICATE,
    accounts.AMENDMENT_RESOLUTION_UNKNOWN, accounts.TERM_INVALID, accounts.TERM_RETROACTIVE,
    accounts.BUDGET_ADJUSTMENT_INVALID, accounts.RESOLUTION_CORRECTION_INVALID,
    accounts.REVISION_INVALID,
    accounts.RESOLUTION_VOTES_EXCEED_ELIGIBLE, DOCUMENT.not_found, DOCUMENT.unsafe,
    DOCUMENT.type, attachments.DOCUMENT_CONTENT, accounts.COLLECTION_PAID_EXCEEDS_BILLED,
    # shared by every kind of package
    cells.AMOUNT_PRECISION, cells.AMOUNT_ZERO, packages.CODELIST_MISSING,
    projects.COMMUNITY_UNKNOWN, projects.PROJECT_CATEGORY_UNKNOWN, projects.PROJECT_UNKNOWN,
    # community foundation and protection fund
    projects.FOUNDATION_DATES_REVERSED, projects.DISBURSEMENT_EXCEEDS_FUNDS,
    projects.DONOR_LOOKS_PERSONAL,
    DISBURSEMENT_VOUCHER.not_found, DISBURSEMENT_VOUCHER.unsafe, DISBURSEMENT_VOUCHER.type,
    attachments.DISBURSEMENT_VOUCHER_CONTENT,
    projects.STEP_MISSING_EARLIER, projects.STEP_DATE_ORDER,
    projects.STEP_EVALUATION_BEFORE_IMPLEMENTATION, projects.STEP_SATISFACTION_NOT_EVALUATION,
    projects.STEP_VOTES_EXCEED_PARTICIPANTS,
    # findings: published on the community's page
    accounts.REMUNERATION_OVER_RATE, accounts.BUDGET_OVERRUN, accounts.BALANCE_MISMATCH,
    accounts.BALANCE_NEGATIVE,
    accounts.DISCLOSURE_OVERDUE,
    # findings on projects: published on the project and community pages
    projects.PROTECTION_OVERSPENT, projects.PROTECTION_COMPLETED_WITHOUT_EVALUATION,
    projects.PROTECTION_LOW_SATISFACTION, projects.FOUNDATION_COMPLETED_WITHOUT_REPORT,
    projects.FOUNDATION_PAST_END_DATE,
    # what owners dispute: public income, votes, questions, vendors, the foundation's reports
    *(t for area in AREAS for t in area.ERRORS),
    *(t for area in AREAS for t in area.FINDINGS),
    # the standards library
    standards.STANDARD_CATEGORY_UNKNOWN, standards.STANDARD_DATES_REVERSED,
    standards.STANDARD_SUPERSEDES_UNKNOWN, standards.STANDARD_SUPERSEDES_STATUS,
    standards.STANDARD_SUPERSEDED_WITHOUT_SUCCESSOR, standards.STANDARD_REFERENCE_UNKNOWN,
    standards.STANDARD_BODY_UNSAFE_HTML, STANDARD_BODY.not_found, STANDARD_BODY.unsafe,
    STANDARD_BODY.type, STANDARD_PDF.not_found, STANDARD_PDF.unsafe, STANDARD_PDF.type,
    attachments.STANDARD_PDF_CONTENT,
    standards.STANDARD_SLUG_COLLISION,
)

# Every code the portal can report, in the order the data dictionary lists them, so that
# a code seen in CI can be looked up in Chinese.
TYPES: dict[str, IssueType] = {t.code: t for t in _LISTED}


def raises(*declared: IssueType | Attachment) -> Callable[[Check], Check]:
    """Declare the issue types a check (a generator of issues) raises, as frictionless'
    checks declare their errors: ``check.raises`` lists them (tests/test_issue_types.py
    holds the corpus to them), and an undeclared one is a bug caught where it is raised."""
    codes = frozenset(t.code for d in declared
                      for t in (d.types if isinstance(d, Attachment) else (d,)))

    def declare(check: Check) -> Check:
        @functools.wraps(check)
        def checked(*args: Any, **kwargs: Any) -> Iterator[Issue]:
            for issue in check(*args, **kwargs):
                assert issue.code in codes, f"{check.__qualname__} raised {issue.code}"
                yield issue
        checked.raises = codes  # type: ignore[attr-defined]
        CHECKS.append(checked)
        return checked  # type: ignore[return-value]
    return declare


Check = TypeVar("Check", bound=Callable[..., Iterator[Issue]])
CHECKS: list[Callable[..., Iterator[Issue]]] = []  # every declared check, in import order
