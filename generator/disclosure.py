"""Publication deadlines: was each month's account published on time?

A community declares its rule in datapackage.json (each month due by a day of the
next month). A month counts as published once the ledger has an entry in it or the
bank statement for it is listed; the date it was published comes from the git
history. Months already past due when the package first appeared came in with it
(a community joining the portal brings its back accounts) and are not judged late.
Shared by the rules (the overdue finding) and the pages (the monthly table).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .issues import Issue, raises
from .issues.accounts import DISCLOSURE_OVERDUE
from .profile import Disclosure
from .published import Record
from .records import Community


@dataclass(frozen=True)
class MonthDue:
    month: str  # YYYY-MM
    due: date
    published: str  # YYYY-MM-DD first published; "" when not (yet) or not known
    status: str  # one of domain.DISCLOSURE_STATUSES (labels: vocabulary.DISCLOSURE)

    @property
    def overdue(self) -> bool:
        return self.status == "overdue"


def due_date(month: str, due_day: int) -> date:
    year, mon = int(month[:4]), int(month[5:7])
    return date(year + mon // 12, mon % 12 + 1, due_day)


def month_range(first: str, last: str) -> Iterator[str]:
    year, mon = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{mon:02d}" <= last:
        yield f"{year:04d}-{mon:02d}"
        year, mon = year + mon // 12, mon % 12 + 1


def schedule(c: Community, record: Record, today: date) -> tuple[MonthDue, ...]:
    """Every month the rule covers, up to the last one whose due date can have come."""
    rule = c.profile.disclosure
    shown = {e.month for e in c.entries} | {s.month for s in c.statements}
    if rule is None or not (rule.first or shown):
        return ()
    first = rule.first or min(shown)
    current = f"{today.year:04d}-{today.month:02d}"  # never due yet: shown only if published
    last = min(rule.last or "9999-12", current,
               c.withdrawn.month if c.withdrawn else "9999-12")  # none due after it left
    dates = record.months(*c.former, c.id) if record.tracked else {}
    opened = min(dates.values(), default="")
    return tuple(_status(m, rule, m in shown, dates, opened, record.tracked, today)
                 for m in month_range(first, last) if m in shown or m < current)


def _status(month: str, rule: Disclosure, shown: bool, dates: dict[str, str], opened: str,
            tracked: bool, today: date) -> MonthDue:
    due = due_date(month, rule.due_day)
    if not shown:
        return MonthDue(month, due, "", "overdue" if today > due else "pending")
    if not tracked:
        return MonthDue(month, due, "", "published")
    # Not in any commit yet: this build is what publishes it.
    published = dates.get(month, today.isoformat())
    if published == opened and due.isoformat() < opened:
        return MonthDue(month, due, published, "imported")
    return MonthDue(month, due, published,
                    "late" if published > due.isoformat() else "on-time")


@raises(DISCLOSURE_OVERDUE)
def findings(c: Community, record: Record, today: date) -> Iterator[Issue]:
    for m in schedule(c, record, today):
        if m.overdue:
            yield DISCLOSURE_OVERDUE(c.where["ledger"], None, "date", month=m.month, due=m.due)
