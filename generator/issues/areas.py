"""The areas of what owners dispute, in the order the data dictionary lists them: each
module declares its issue types, their Chinese messages and the residents' sentences."""

from __future__ import annotations

from . import income, questions, reports, vendors, votes

AREAS = (income, votes, questions, vendors, reports)
