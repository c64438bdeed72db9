"""Issues of one area of what owners dispute. Who the common fund pays: one vendor's share of a category over years, purchases split under the amount that needs a resolution, and payments to the trustee's related parties.

Declared here with everything said about them: the types (errors, then findings), their
Chinese messages for `portal validate` (ZH, ZH_VARIANTS, each taking the values of its
English template), and the sentence residents read for each finding and variant
(RESIDENT). issues/__init__.py, zh.py and residents.py gather every area's."""

from __future__ import annotations

from typing import Any

from .issue import IssueType

ERRORS: tuple[IssueType, ...] = ()
FINDINGS: tuple[IssueType, ...] = ()
ZH: dict[str, str] = {}
ZH_VARIANTS: dict[tuple[str, str], str] = {}
RESIDENT: dict[tuple[str, str], Any] = {}  # (code, variant) -> (values, lang) -> sentence
