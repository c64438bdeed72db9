"""The foundation's reports (慈善法 art. 79): a project longer than six months reports its
progress at least every three months, and in full within three months of its end.

The rule is said once, here, and the project pages read it from here: a project is long
when it runs more than LONG_PROJECT_MONTHS; its three-month periods count from its start
([start, start + 3 months), [start + 3 months, start + 6 months), …), and only a period
that is over, both by the build date and by the project's planned end, is judged: it
holds when a report of the project (progress or final) was published inside it. The last
stretch before the end is what the final report covers, due FINAL_WITHIN months after it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from ..derivatives import DEFAULT_MAX_BYTES
from ..domain import FINAL_WITHIN, LONG_PROJECT_MONTHS, REPORT_EVERY, add_months
from ..issues import DOCUMENT, Issue, raises
from ..issues import projects as found
from ..issues import reports as rules
from ..records import Foundation, FoundationProject, Report
from . import common

# A planned project has not started and a cancelled one will not report: neither is judged.
JUDGED = ("ongoing", "completed")
FINAL = "final"

Period = tuple[date, date]  # [from, to): the day after its last is where the next begins
ONE_DAY = timedelta(days=1)


def is_long(p: FoundationProject) -> bool:
    """Longer than six months: exactly six months (1 January to 1 July) is not."""
    return add_months(p.start_date, LONG_PROJECT_MONTHS) < p.end_date


def periods(p: FoundationProject, today: date) -> tuple[Period, ...]:
    """The three-month periods of a long project that are over by ``today`` and by its
    planned end, counted from its start; none for a project not judged."""
    if p.status not in JUDGED or not is_long(p):
        return ()
    limit, found, k = min(p.end_date, today), [], 1
    while (end := add_months(p.start_date, REPORT_EVERY * k)) <= limit:
        found.append((add_months(p.start_date, REPORT_EVERY * (k - 1)), end))
        k += 1
    return tuple(found)


def inside(period: Period, reports: Iterable[Report]) -> tuple[Report, ...]:
    """The reports published in the period, its last day included, the next day not."""
    start, end = period
    return tuple(r for r in reports if start <= r.published < end)


def final_due(p: FoundationProject) -> date:
    return add_months(p.end_date, FINAL_WITHIN)


def by_project(reports: Iterable[Report]) -> dict[str, list[Report]]:
    """Each project's reports by the day they were published (then by number)."""
    found: dict[str, list[Report]] = defaultdict(list)
    for r in sorted(reports, key=lambda r: (r.published, r.report_id)):
        found[r.project_id].append(r)
    return found


@raises(found.PROJECT_UNKNOWN, rules.REPORT_BEFORE_START, rules.REPORT_FINAL_DUPLICATE, DOCUMENT)
def check(f: Foundation, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    """Errors: each report names a project of the foundation, is not dated before it
    started, a project has one final report, and a report's document is safe."""
    where = f.where.get("reports")
    if where is None:
        return
    projects = {p.project_id: p for p in f.projects}
    finals: dict[str, Report] = {}
    for r in f.reports:
        p = projects.get(r.project_id)
        if p is None:
            yield found.PROJECT_UNKNOWN(where, r.row, "project_id", project=r.project_id)
        elif r.published < p.start_date:
            yield rules.REPORT_BEFORE_START(where, r.row, "published", published=r.published,
                                           project=r.project_id, start=p.start_date)
        if r.kind == FINAL and p is not None:
            first = finals.setdefault(r.project_id, r)
            if first is not r:
                yield rules.REPORT_FINAL_DUPLICATE(where, r.row, "kind", project=r.project_id,
                                                   other=first.row, first=first.title)
        yield from common.attached_file(f.path, r.document, "documents", DOCUMENT, where,
                                        r.row, "document", max_bytes=max_bytes)


@raises(rules.FOUNDATION_PROGRESS_REPORT_MISSING, rules.FOUNDATION_FINAL_REPORT_LATE)
def findings(f: Foundation, today: date) -> Iterator[Issue]:
    """Run on a package without errors only, and only when it keeps a register of its
    reports: without one the pages say that reports are not recorded, which is no finding.
    A completed project without any report, or one still running after its end, is what
    projects.foundation_findings says; these say how its reports came."""
    if "reports" not in f.where:
        return
    reports = by_project(f.reports)
    for p in f.projects:
        if p.status in JUDGED:
            yield from _progress(f, p, reports[p.project_id], today)
            yield from _final(f, p, reports[p.project_id])


def _progress(f: Foundation, p: FoundationProject, reports: list[Report],
              today: date) -> Iterator[Issue]:
    judged = periods(p, today)
    missing = [period for period in judged if not inside(period, reports)]
    if missing:
        start, end = missing[0]
        yield rules.FOUNDATION_PROGRESS_REPORT_MISSING(
            f.where["reports"], None, None, project=p.project_id, title=p.title,
            missing=len(missing), first_from=start, first_to=end - ONE_DAY, windows=len(judged))


def _final(f: Foundation, p: FoundationProject, reports: list[Report]) -> Iterator[Issue]:
    final = next((r for r in reports if r.kind == FINAL), None)
    if final is not None and final.published > final_due(p):
        yield rules.FOUNDATION_FINAL_REPORT_LATE(
            f.where["reports"], final.row, "published", project=p.project_id, title=p.title,
            end=p.end_date, due=final_due(p), published=final.published)
