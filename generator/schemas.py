"""The canonical Table Schemas. Packages cannot bring or loosen their own."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

TABLES = ("categories", "ledger", "budget", "resolutions", "collection", "statements",
          "project-categories", "communities", "foundation-projects", "donations",
          "disbursements", "protection-projects", "steps", "standard-categories", "standards")
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


def field_docs(table: str) -> tuple[FieldDoc, ...]:
    return tuple(
        FieldDoc(f["name"], f["type"], f["title"], f["x-title-en"], f["description"],
                 f["x-description-en"], describe_constraints(f.get("constraints", {})))
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
