"""The standards catalogue: who supersedes whom and which standards cite each other."""

from __future__ import annotations

from dataclasses import dataclass

from .. import standard_text
from ..records import Standard, Standards


@dataclass(frozen=True)
class StandardView:
    s: Standard
    body: str  # Markdown
    successor: str | None  # code of the standard that supersedes this one
    references: tuple[str, ...]  # catalogue codes this text cites, in order of first mention
    referenced_by: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    std: Standards
    standards: tuple[StandardView, ...]  # in code order
    groups: tuple[tuple[str, tuple[StandardView, ...]], ...]  # by category code

    @property
    def by_code(self) -> dict[str, StandardView]:
        return {v.s.code: v for v in self.standards}


def catalogue_view(std: Standards, category_order: tuple[str, ...]) -> Catalogue:
    code_of = {standard_text.normalise(x.code): x.code for x in std.standards}
    pattern = standard_text.code_pattern(standard_text.prefix(c) for c in code_of)
    cites = {x.code: _cited(std.bodies.get(x.code, ""), pattern, code_of, x.code)
             for x in std.standards}
    successor = {code_of[standard_text.normalise(x.supersedes)]: x.code
                 for x in std.standards if x.supersedes}
    views = tuple(
        StandardView(x, std.bodies.get(x.code, ""), successor.get(x.code),
                     cites[x.code],
                     tuple(sorted(c for c, refs in cites.items() if x.code in refs)))
        for x in sorted(std.standards, key=lambda x: x.code))
    groups = tuple((code, tuple(v for v in views if v.s.category == code))
                   for code in category_order if any(v.s.category == code for v in views))
    return Catalogue(std, views, groups)


def _cited(text: str, pattern: object, code_of: dict[str, str], own: str) -> tuple[str, ...]:
    seen: list[str] = []
    for code, _ in standard_text.cited(text, pattern):  # type: ignore[arg-type]
        real = code_of.get(code)
        if real and real != own and real not in seen:
            seen.append(real)
    return tuple(seen)
