"""Each resolution's vote by heads and by floor area against its threshold under 民法典 art. 278,
the last day it may be challenged, and what cites it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..issues import Issue
from ..records import Category, Community


@dataclass(frozen=True)
class VotesView:
    pass


def build(c: Community, findings: tuple[Issue, ...], categories: Mapping[str, Category],
          today: date) -> VotesView:
    """``findings``: the community's, as published on its page."""
    return VotesView()
