"""Rules for the community foundation and the protection fund's five-step projects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from datetime import date
from decimal import Decimal

from ..domain import EVALUATION, IMPLEMENTATION, STEPS, low_satisfaction
from ..issues import Issue
from ..records import Foundation, ProtectionFund, Step
from ..vocabulary import step_zh
from . import common


def check_foundation(f: Foundation, communities: Collection[str],
                     categories: Collection[str]) -> Iterator[Issue]:
    path = f.shown["projects"]
    for p in f.projects:
        yield from _category(path, p.row, p.category, categories)
        yield from _communities(path, p.row, "communities", p.communities, communities)
        if p.end_date < p.start_date:
            yield Issue("foundation-dates-reversed",
                        f"end_date {p.end_date} is before start_date {p.start_date}", path,
                        p.row, "end_date")
        yield from common.amount(path, p.row, "budget", p.budget, positive=False)
        yield from common.attached_file(f.path, p.report, "documents", "document", path, p.row,
                                        "report")
    yield from _gifts_and_payments(f)


def _category(path: str, row: int, code: str, categories: Collection[str]) -> Iterator[Issue]:
    if code not in categories:
        yield Issue("project-category-unknown",
                    f'"{code}" is not in datasets/codelists/project-categories.csv', path, row,
                    "category")


def _communities(path: str, row: int, field: str, ids: tuple[str, ...],
                 known: Collection[str]) -> Iterator[Issue]:
    if not ids:
        yield Issue("community-unknown", "no community is named", path, row, field)
    for community in ids:
        if community not in known:
            yield Issue("community-unknown",
                        f'"{community}" is neither in datasets/codelists/communities.csv nor a '
                        "community package", path, row, field)


def _gifts_and_payments(f: Foundation) -> Iterator[Issue]:
    rows = list(_gift_rows(f)) + list(_payment_rows(f))
    yield from rows
    if not rows:  # the replay needs every amount and project to be right
        yield from available_funds(f)


def _gift_rows(f: Foundation) -> Iterator[Issue]:
    projects = {p.project_id for p in f.projects}
    path = f.shown["donations"]
    for d in f.donations:
        yield from common.amount(path, d.row, "amount", d.amount)
        if d.project_id and d.project_id not in projects:
            yield Issue("project-unknown", f'"{d.project_id}" is not a project of the foundation',
                        path, d.row, "project_id")


def _payment_rows(f: Foundation) -> Iterator[Issue]:
    projects = {p.project_id for p in f.projects}
    path = f.shown["disbursements"]
    for p in f.disbursements:
        yield from common.amount(path, p.row, "amount", p.amount)
        if p.project_id not in projects:
            yield Issue("project-unknown", f'"{p.project_id}" is not a project of the foundation',
                        path, p.row, "project_id")
        yield from common.attached_file(f.path, p.voucher, "vouchers", "disbursement-voucher",
                                        path, p.row, "voucher")


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
            yield Issue("disbursement-exceeds-funds",
                        f"{event.amount:,.2f} yuan to {event.project_id} on {event.date} exceeds "
                        f"the funds available by {event.amount - own - pool:,.2f} yuan (the "
                        f"project's restricted balance {own:,.2f}, unrestricted balance "
                        f"{pool:,.2f})", f.shown["disbursements"], event.row, "amount")
            continue
        from_own = min(own, event.amount)
        restricted[event.project_id] -= from_own
        pool -= event.amount - from_own


def check_protection(pf: ProtectionFund, communities: Collection[str],
                     categories: Collection[str]) -> Iterator[Issue]:
    path = pf.shown["projects"]
    for p in pf.projects:
        yield from _category(path, p.row, p.category, categories)
        yield from _communities(path, p.row, "community", (p.community,), communities)
        yield from common.amount(path, p.row, "amount_budgeted", p.amount_budgeted,
                                 positive=False)
        yield from common.amount(path, p.row, "amount_spent", p.amount_spent, positive=False)
    projects = {p.project_id for p in pf.projects}
    by_project: dict[str, list[Step]] = defaultdict(list)
    for s in pf.steps:
        if s.project_id not in projects:
            yield Issue("project-unknown", f'"{s.project_id}" is not a protection-fund project',
                        pf.shown["steps"], s.row, "project_id")
            continue
        by_project[s.project_id].append(s)
        yield from _step_row(pf, s)
    for recorded in by_project.values():
        yield from _step_order(pf.shown["steps"], recorded)


def _step_row(pf: ProtectionFund, s: Step) -> Iterator[Issue]:
    path = pf.shown["steps"]
    if s.satisfaction is not None and s.step != EVALUATION:
        yield Issue("step-satisfaction-not-evaluation",
                    f'satisfaction is given for "{s.step}" ({step_zh(s.step)}); only the '
                    "evaluate step has one", path, s.row, "satisfaction")
    votes = (s.votes_for or 0) + (s.votes_against or 0)
    if votes > s.participants:
        yield Issue("step-votes-exceed-participants",
                    f"{votes} votes are more than the {s.participants} participants", path,
                    s.row, "participants")
    yield from common.attached_file(pf.path, s.document, "documents", "document", path, s.row,
                                    "document")


def _step_order(path: str, recorded: list[Step]) -> Iterator[Issue]:
    by_step = {s.step: s for s in recorded}
    for s in sorted(recorded, key=lambda s: STEPS.index(s.step)):
        earlier = STEPS[: STEPS.index(s.step)]
        missing = [e for e in earlier if e not in by_step]
        if missing:
            names = ", ".join(f'"{m}" ({step_zh(m)})' for m in missing)
            yield Issue("step-missing-earlier",
                        f'"{s.step}" ({step_zh(s.step)}) is recorded for {s.project_id} but '
                        f"{names} is not", path, s.row, "step")
            continue
        later_than = [by_step[e] for e in earlier if by_step[e].date > s.date]
        if later_than:
            yield _order_issue(path, s, later_than[-1])


def _order_issue(path: str, s: Step, before: Step) -> Issue:
    code = ("step-evaluation-before-implementation"
            if s.step == EVALUATION and before.step == IMPLEMENTATION else "step-date-order")
    return Issue(code, f'"{s.step}" ({step_zh(s.step)}) on {s.date} is dated before '
                       f'"{before.step}" ({step_zh(before.step)}) on {before.date}',
                 path, s.row, "date")


def foundation_findings(f: Foundation, today: date) -> Iterator[Issue]:
    path = f.shown["projects"]
    for p in f.projects:
        if p.status == "completed" and not p.report:
            yield Issue("foundation-completed-without-report",
                        f"{p.project_id} ({p.title}) is completed but no report is published",
                        path, p.row, "report")
        if p.status == "ongoing" and p.end_date < today:
            yield Issue("foundation-past-end-date",
                        f"{p.project_id} ({p.title}) is still ongoing after its planned end on "
                        f"{p.end_date}", path, p.row, "status")


def protection_findings(pf: ProtectionFund) -> Iterator[Issue]:
    path = pf.shown["projects"]
    evaluations = {s.project_id: s for s in pf.steps if s.step == EVALUATION}
    for p in pf.projects:
        if p.amount_spent > p.amount_budgeted:
            over = p.amount_spent - p.amount_budgeted
            yield Issue("protection-overspent",
                        f"{p.project_id} ({p.title}) spent {p.amount_spent:,.2f} yuan against a "
                        f"budget of {p.amount_budgeted:,.2f} yuan ({over:,.2f} over)", path, p.row,
                        "amount_spent")
        evaluation = evaluations.get(p.project_id)
        if p.status == "completed" and evaluation is None:
            yield Issue("protection-completed-without-evaluation",
                        f"{p.project_id} ({p.title}) is completed but has no evaluation step",
                        path, p.row, "status")
        if evaluation is not None and evaluation.satisfaction is not None \
                and low_satisfaction(evaluation.satisfaction):
            yield Issue("protection-low-satisfaction",
                        f"{p.project_id} ({p.title}): {evaluation.satisfaction:.0%} of residents "
                        "were satisfied, under 60%", pf.shown["steps"], evaluation.row,
                        "satisfaction")
