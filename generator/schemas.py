"""The canonical Table Schemas. Packages cannot bring or loosen their own."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

TABLES = ("categories", "ledger", "budget", "resolutions", "collection", "statements", "terms",
          "assets", "questions", "parties", "project-categories", "communities",
          "foundation-projects", "donations", "disbursements", "reports", "protection-projects",
          "steps", "standard-categories", "standards")
PACKAGES = ("community-package", "foundation-package", "protection-package",
            "standards-package")


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    constraints: str


@cache
def descriptor(table: str) -> dict[str, Any]:
    text = resources.files("generator").joinpath(f"schemas/{table}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def multiline(table: str) -> frozenset[str]:
    """Columns of free text that may run over several lines ("x-multiline" in the schema)."""
    return frozenset(f["name"] for f in descriptor(table)["fields"] if f.get("x-multiline"))


def columns(table: str) -> tuple[str, ...]:
    return tuple(f["name"] for f in descriptor(table)["fields"])


@cache
def fillable(table: str) -> frozenset[str]:
    """Columns left empty until something happens, then filled once ("x-fillable": an
    answer to a question): filling an empty published cell is not a change of it."""
    return frozenset(f["name"] for f in descriptor(table)["fields"] if f.get("x-fillable"))


@cache
def optional(table: str) -> frozenset[str]:
    """Columns added to a table after packages were published with it ("x-optional"): a
    header may leave them out, and its rows read them as empty (complete)."""
    return frozenset(f["name"] for f in descriptor(table)["fields"] if f.get("x-optional"))


def complete(table: str, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]
             ) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """A table written before its optional columns existed, read as if it had them, empty:
    every stage after loading (checks, records, the open data) sees one layout. A header
    that differs otherwise is left as it is, for the header check to name."""
    expected = columns(table)
    left_out = [c for c in expected if c in optional(table) and c not in header]
    if not left_out or header != tuple(c for c in expected if c not in left_out):
        return header, rows
    at = [expected.index(c) for c in left_out]
    return expected, tuple(_widened(row, at) for row in rows)


def _widened(row: tuple[str, ...], at: list[int]) -> tuple[str, ...]:
    cells = list(row)
    for i in at:  # ascending: each index is where the column sits in the full layout
        if i <= len(cells):
            cells.insert(i, "")
    return tuple(cells)


def field_docs(table: str) -> tuple[FieldDoc, ...]:
    return tuple(
        FieldDoc(f["name"], f["type"], f["title"], f["x-title-en"], f["description"],
                 f["x-description-en"],
                 "; ".join(filter(None, ("column may be left out" if f.get("x-optional")
                                         else "", describe_constraints(f.get("constraints",
                                                                             {}))))))
        for f in descriptor(table)["fields"]
    )


def describe_constraints(constraints: dict[str, Any]) -> str:
    parts = []
    for key, value in constraints.items():
        if key == "required" and value:
            parts.append("required")
        elif key == "unique" and value:
            parts.append("unique")
        elif key == "enum":
            parts.append("one of " + " | ".join(value))
        elif key in ("minimum", "maximum", "pattern"):
            parts.append(f"{key} {value}")
    return "; ".join(parts)
