"""Who the common fund pays, by year: each vendor's amount and share, the trustee's declared
related parties wherever they are paid, and split purchases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..issues import Issue
from ..records import Category, Community
from .notes import Note


@dataclass(frozen=True)
class VendorsView:
    # entry_id -> notes shown under the entry on its month page (model/notes.py)
    entry_notes: dict[str, tuple[Note, ...]] = field(default_factory=dict)


def build(c: Community, findings: tuple[Issue, ...], categories: Mapping[str, Category],
          today: date) -> VendorsView:
    """``findings``: the community's, as published on its page."""
    return VendorsView()
