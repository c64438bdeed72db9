"""Owners' questions: open ones with their age, answered ones with the answer, each also shown
on the item it concerns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..issues import Issue
from ..records import Category, Community


@dataclass(frozen=True)
class QuestionsView:
    pass


def build(c: Community, findings: tuple[Issue, ...], categories: Mapping[str, Category],
          today: date) -> QuestionsView:
    """``findings``: the community's, as published on its page."""
    return QuestionsView()
