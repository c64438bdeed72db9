"""What a finding means to a resident, in the page's language: one plain sentence with
its figure, without codes or maintainers' instructions (those are for `portal validate`)."""

from __future__ import annotations

from .issue import Issue


def sentence(issue: Issue, lang: str) -> str:
    return issue.message
