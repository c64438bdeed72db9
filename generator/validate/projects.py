"""Rules for the community foundation and the protection fund's five-step projects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from datetime import date
from decimal import Decimal

from .. import personal
from ..derivatives import DEFAULT_MAX_BYTES
from ..domain import (
    EVALUATION,
    IMPLEMENTATION,
    INDIVIDUAL,
    LOW_SATISFACTION,
    STEPS,
    low_satisfaction,
)
from ..issues import DISBURSEMENT_VOUCHER, DOCUMENT, Issue, Where, raises
from ..issues import projects as found
from ..issues.cells import AMOUNT_PRECISION, AMOUNT_ZERO
from ..records import Foundation, ProtectionFund, Step
from ..vocabulary import step_zh
from . import common


@raises(found.PROJECT_CATEGORY_UNKNOWN, found.COMMUNITY_UNKNOWN, found.FOUNDATION_DATES_REVERSED,
        AMOUNT_PRECISION, AMOUNT_ZERO, DOCUMENT, found.PROJECT_UNKNOWN, DISBURSEMENT_VOUCHER,
        found.DISBURSEMENT_EXCEEDS_FUNDS, found.DONOR_LOOKS_PERSONAL)
def check_foundation(f: Foundation, communities: Collection[str], categories: Collection[str],
                     max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    where = f.where["projects"]
    for p in f.projects:
        yield from _category(where, p.row, p.category, categories)
        yield from _communities(where, p.row, "communities", p.communities, communities)
        if p.end_date < p.start_date:
            yield found.FOUNDATION_DATES_REVERSED(where, p.row, "end_date", end=p.end_date,
                                                  start=p.start_date)
        yield from common.amount(where, p.row, "budget", p.budget, positive=False)
        yield from common.attached_file(f.path, p.report, "documents", DOCUMENT, where, p.row,
                                        "report", max_bytes=max_bytes)
    yield from _gifts_and_payments(f, max_bytes)


def _category(where: Where, row: int, code: str, categories: Collection[str]) -> Iterator[Issue]:
    if code not in categories:
        yield found.PROJECT_CATEGORY_UNKNOWN(where, row, "category", code=code)


def _communities(where: Where, row: int, field: str, ids: tuple[str, ...],
                 known: Collection[str]) -> Iterator[Issue]:
    if not ids:
        yield found.COMMUNITY_UNKNOWN(where, row, field, variant="none")
    for community in ids:
        if community not in known:
            yield found.COMMUNITY_UNKNOWN(where, row, field, community=community)


def _gifts_and_payments(f: Foundation, max_bytes: int) -> Iterator[Issue]:
    rows = list(_gift_rows(f)) + list(_payment_rows(f, max_bytes))
    yield from rows
    if not rows:  # the replay needs every amount and project to be right
        yield from available_funds(f)


def _gift_rows(f: Foundation) -> Iterator[Issue]:
    projects = {p.project_id for p in f.projects}
    where = f.where["donations"]
    for d in f.donations:
        yield from common.amount(where, d.row, "amount", d.amount)
        if d.donor_type != INDIVIDUAL and personal.looks_like_person(d.donor):
            masked = personal.public_donor(d.donor, INDIVIDUAL, "")  # reports reach public logs
            yield found.DONOR_LOOKS_PERSONAL(where, d.row, "donor_type", donor=masked)
        if d.project_id and d.project_id not in projects:
            yield found.PROJECT_UNKNOWN(where, d.row, "project_id", project=d.project_id)


def _payment_rows(f: Foundation, max_bytes: int) -> Iterator[Issue]:
    projects = {p.project_id for p in f.projects}
    where = f.where["disbursements"]
    for p in f.disbursements:
        yield from common.amount(where, p.row, "amount", p.amount)
        if p.project_id not in projects:
            yield found.PROJECT_UNKNOWN(where, p.row, "project_id", project=p.project_id)
        yield from common.attached_file(f.path, p.voucher, "vouchers", DISBURSEMENT_VOUCHER,
                                        where, p.row, "voucher", max_bytes=max_bytes)


def available_funds(f: Foundation) -> Iterator[Issue]:
    """Replay gifts and payments by date (gifts first on a day). A payment draws on its
    project's restricted gifts, then on the unrestricted pool; more than both is an error."""
    projects = {p.project_id for p in f.projects}
    events = sorted(
        [(d.date, 0, d.row, d) for d in f.donations] +
        [(p.date, 1, p.row, p) for p in f.disbursements if p.project_id in projects],
        key=lambda e: (e[0], e[1], e[2]))
    restricted: dict[str, Decimal] = defaultdict(Decimal)
    pool = Decimal(0)
    for _, is_payment, _, event in events:
        if not is_payment:
            if not event.project_id:
                pool += event.amount
            elif event.project_id in projects:
                restricted[event.project_id] += event.amount
            continue
        own = restricted[event.project_id]
        if event.amount > own + pool:
            yield found.DISBURSEMENT_EXCEEDS_FUNDS(
                f.where["disbursements"], event.row, "amount", amount=event.amount,
                project=event.project_id, date=event.date, short=event.amount - own - pool,
                own=own, pool=pool)
            continue
        from_own = min(own, event.amount)
        restricted[event.project_id] -= from_own
        pool -= event.amount - from_own


@raises(found.PROJECT_CATEGORY_UNKNOWN, found.COMMUNITY_UNKNOWN, AMOUNT_PRECISION,
        found.PROJECT_UNKNOWN, found.STEP_SATISFACTION_NOT_EVALUATION,
        found.STEP_VOTES_EXCEED_PARTICIPANTS, DOCUMENT, found.STEP_MISSING_EARLIER,
        found.STEP_DATE_ORDER, found.STEP_EVALUATION_BEFORE_IMPLEMENTATION)
def check_protection(pf: ProtectionFund, communities: Collection[str],
                     categories: Collection[str],
                     max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    where = pf.where["projects"]
    for p in pf.projects:
        yield from _category(where, p.row, p.category, categories)
        yield from _communities(where, p.row, "community", (p.community,), communities)
        yield from common.amount(where, p.row, "amount_budgeted", p.amount_budgeted,
                                 positive=False)
        yield from common.amount(where, p.row, "amount_spent", p.amount_spent, positive=False)
    projects = {p.project_id for p in pf.projects}
    by_project: dict[str, list[Step]] = defaultdict(list)
    for s in pf.steps:
        if s.project_id not in projects:
            yield found.PROJECT_UNKNOWN(pf.where["steps"], s.row, "project_id",
                                        variant="protection", project=s.project_id)
            continue
        by_project[s.project_id].append(s)
        yield from _step_row(pf, s, max_bytes)
    for recorded in by_project.values():
        yield from _step_order(pf.where["steps"], recorded)


def _step_row(pf: ProtectionFund, s: Step, max_bytes: int) -> Iterator[Issue]:
    where = pf.where["steps"]
    if s.satisfaction is not None and s.step != EVALUATION:
        yield found.STEP_SATISFACTION_NOT_EVALUATION(where, s.row, "satisfaction", step=s.step,
                                                     step_zh=step_zh(s.step))
    votes = (s.votes_for or 0) + (s.votes_against or 0)
    if votes > s.participants:
        yield found.STEP_VOTES_EXCEED_PARTICIPANTS(where, s.row, "participants", votes=votes,
                                                   participants=s.participants)
    yield from common.attached_file(pf.path, s.document, "documents", DOCUMENT, where, s.row,
                                    "document", max_bytes=max_bytes)


def _step_order(where: Where, recorded: list[Step]) -> Iterator[Issue]:
    by_step = {s.step: s for s in recorded}
    for s in sorted(recorded, key=lambda s: STEPS.index(s.step)):
        earlier = STEPS[: STEPS.index(s.step)]
        missing = [e for e in earlier if e not in by_step]
        if missing:
            names = ", ".join(f'"{m}" ({step_zh(m)})' for m in missing)
            yield found.STEP_MISSING_EARLIER(where, s.row, "step", step=s.step,
                                             step_zh=step_zh(s.step), project=s.project_id,
                                             missing=names)
            continue
        later_than = [by_step[e] for e in earlier if by_step[e].date > s.date]
        if later_than:
            yield _order_issue(where, s, later_than[-1])


def _order_issue(where: Where, s: Step, before: Step) -> Issue:
    kind = (found.STEP_EVALUATION_BEFORE_IMPLEMENTATION
            if s.step == EVALUATION and before.step == IMPLEMENTATION else found.STEP_DATE_ORDER)
    return kind(where, s.row, "date", step=s.step, step_zh=step_zh(s.step), date=s.date,
                before=before.step, before_zh=step_zh(before.step), before_date=before.date)


@raises(found.FOUNDATION_COMPLETED_WITHOUT_REPORT, found.FOUNDATION_PAST_END_DATE)
def foundation_findings(f: Foundation, today: date) -> Iterator[Issue]:
    where = f.where["projects"]
    finals = {r.project_id for r in f.reports if r.kind == "final"}  # dated in reports.csv
    for p in f.projects:
        if p.status == "completed" and not p.report and p.project_id not in finals:
            yield found.FOUNDATION_COMPLETED_WITHOUT_REPORT(where, p.row, "report",
                                                            project=p.project_id, title=p.title)
        if p.status == "ongoing" and p.end_date < today:
            yield found.FOUNDATION_PAST_END_DATE(where, p.row, "status", project=p.project_id,
                                                 title=p.title, end=p.end_date)


@raises(found.PROTECTION_OVERSPENT, found.PROTECTION_COMPLETED_WITHOUT_EVALUATION,
        found.PROTECTION_LOW_SATISFACTION)
def protection_findings(pf: ProtectionFund) -> Iterator[Issue]:
    where = pf.where["projects"]
    evaluations = {s.project_id: s for s in pf.steps if s.step == EVALUATION}
    for p in pf.projects:
        if p.amount_spent > p.amount_budgeted:
            yield found.PROTECTION_OVERSPENT(where, p.row, "amount_spent", project=p.project_id,
                                             title=p.title, spent=p.amount_spent,
                                             budget=p.amount_budgeted,
                                             over=p.amount_spent - p.amount_budgeted)
        evaluation = evaluations.get(p.project_id)
        if p.status == "completed" and evaluation is None:
            yield found.PROTECTION_COMPLETED_WITHOUT_EVALUATION(where, p.row, "status",
                                                                project=p.project_id,
                                                                title=p.title)
        if evaluation is not None and evaluation.satisfaction is not None \
                and low_satisfaction(evaluation.satisfaction):
            yield found.PROTECTION_LOW_SATISFACTION(pf.where["steps"], evaluation.row,
                                                    "satisfaction", project=p.project_id,
                                                    title=p.title, share=evaluation.satisfaction,
                                                    limit=LOW_SATISFACTION)
