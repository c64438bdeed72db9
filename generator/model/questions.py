"""Owners' questions: open ones with their age, answered ones with the answer, each also shown
on the item it concerns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..issues import Issue
from ..records import Category, Community
from .notes import Note


@dataclass(frozen=True)
class QuestionsView:
    # entry_id -> notes shown under the entry on its month page (model/notes.py)
    entry_notes: dict[str, tuple[Note, ...]] = field(default_factory=dict)


def build(c: Community, findings: tuple[Issue, ...], categories: Mapping[str, Category],
          today: date) -> QuestionsView:
    """``findings``: the community's, as published on its page."""
    return QuestionsView()
