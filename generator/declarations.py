"""What a package declares about its own publication, in its descriptor: a field of a
published entry redacted because it held personal data, the community's withdrawal from
the portal, and its former names after a rename. Read by the typed records
(validate/typed.py) and the site's record (witness.py)."""

from __future__ import annotations

from dataclasses import dataclass

REDACTED = "已遮盖（个人信息，{date}：{reason}）"  # what the site shows of a redacted cell
REDACTION_MARK = "已遮盖"  # what the cell holds instead of the personal data


@dataclass(frozen=True)
class Redaction:
    """A field of a published entry whose personal data was removed, by declaration in the
    package's descriptor: the cell reads 已遮盖 and the site says so, with when and why."""

    entry: str
    field: str  # counterparty or description
    date: str
    reason: str

    @property
    def shown(self) -> str:
        return REDACTED.format(date=self.date, reason=self.reason)


def redactions(declared: object) -> tuple[Redaction, ...]:
    """The descriptor's redactions (its JSON Schema checked their shape)."""
    if not isinstance(declared, list):
        return ()
    return tuple(Redaction(str(r["entry"]), str(r["field"]), str(r["date"]), str(r["reason"]))
                 for r in declared if isinstance(r, dict))


@dataclass(frozen=True)
class Withdrawal:
    """A community's declared withdrawal from the portal: its published accounts stay."""

    date: str  # YYYY-MM-DD
    reason: str
    resolution: str  # the resolution_id that decided it

    @property
    def month(self) -> str:
        return self.date[:7]


def withdrawal(declared: object) -> Withdrawal | None:
    """The descriptor's withdrawal (its JSON Schema checked the shape)."""
    if not isinstance(declared, dict):
        return None
    return Withdrawal(str(declared["date"]), str(declared["reason"]),
                      str(declared["resolution"]))


def former_names(declared: object) -> tuple[str, ...]:
    """The names a renamed community had (its JSON Schema checked them)."""
    return tuple(str(n) for n in declared) if isinstance(declared, list) else ()
