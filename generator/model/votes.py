"""Each resolution's vote by heads and by floor area against its threshold under 民法典 art. 278,
the last day it may be challenged, and what cites it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..formats import day_label
from ..issues import Issue
from ..issues.votes import RESOLUTION_BELOW_THRESHOLD
from ..records import Category, Community, Resolution
from ..validate.votes import MOST, Count, Rule, Verdict, chains, deadline, verdict


@dataclass(frozen=True)
class Citations:
    """What was published under a resolution, of one kind: ``kind`` term, budget, asset or
    party; ``items`` the terms' codes, the budget lines (year/line_id), the assets' names or
    the payees."""

    kind: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Tally:
    """One count of a vote as the page shows it, by heads or by floor area: the figures,
    and the shares rounded so that they never say the opposite of the verdict."""

    eligible: int | Decimal
    votes_for: int | Decimal
    against: int | Decimal
    abstaining: int | Decimal
    turnout: Decimal  # of the eligible, those taking part
    consent: Decimal | None  # of those taking part, those in favour; None if nobody voted


def tally(count: Count, rule: Rule) -> Tally:
    return Tally(count.eligible, count.votes_for, count.against, count.abstaining,
                 count.turnout, count.consent(rule))


@dataclass(frozen=True)
class VoteRow:
    """A row of resolutions.csv as the page shows it. ``original``: the resolution as
    residents know it (the first record of its vote); ``in_force``: the record the vote is
    judged by (its latest correction). A corrected row keeps its own figures and points to
    the record in force."""

    record: Resolution
    original: Resolution
    in_force: Resolution
    verdict: Verdict  # of the record in force
    own: Verdict  # of this row's own figures
    finding: Issue | None  # the record in force's below-threshold finding
    deadline: date  # the last day to ask a court to set the decision aside
    past: bool  # the deadline is before the day the site is built
    cited_by: tuple[Citations, ...] = ()

    @property
    def superseded(self) -> bool:
        return self.record is not self.in_force

    @property
    def status(self) -> str:
        """passes, below, incomplete (no floor areas), or corrected (read the record in
        force)."""
        if self.superseded:
            return "corrected"
        return "below" if self.finding is not None else self.verdict.status

    @property
    def three_quarters(self) -> bool:
        """The matter needs three quarters' consent, not more than half."""
        return self.verdict.rule == MOST

    @property
    def heads(self) -> Tally:
        """This row's own count by heads."""
        return tally(self.own.heads, self.own.rule)

    @property
    def area(self) -> Tally | None:
        """This row's own count by floor area; None when the record has none."""
        return tally(self.own.area, self.own.rule) if self.own.area else None

    def deadline_label(self, lang: str) -> str:
        return day_label(self.deadline, lang)


SHOWN_YEARS = 2  # years of votes shown open on a community's page


@dataclass(frozen=True)
class VotesView:
    rows: tuple[VoteRow, ...] = ()  # every row of resolutions.csv, by date
    # resolution_id -> its below-threshold finding: every id of the vote's records (the
    # original and each correction), for whatever cites it (terms, budget, assets, payees)
    failing: dict[str, Issue] = field(default_factory=dict)

    @property
    def recent(self) -> tuple[VoteRow, ...]:
        """The rows shown open: the latest two years' votes, and any vote that fell short,
        whenever it was (a phone need not scroll past every year's budget vote)."""
        years = sorted({r.record.date.year for r in self.rows})[-SHOWN_YEARS:]
        return tuple(r for r in self.rows if r.record.date.year in years or r.finding)

    @property
    def earlier(self) -> tuple[VoteRow, ...]:
        """The other rows, folded; a link to one of them opens its fold (portal.js)."""
        shown = set(map(id, self.recent))
        return tuple(r for r in self.rows if id(r) not in shown)


def build(c: Community, findings: tuple[Issue, ...], categories: Mapping[str, Category],
          today: date) -> VotesView:
    """``findings``: the community's, as published on its page."""
    by_row = {f.row: f for f in findings
              if f.code == RESOLUTION_BELOW_THRESHOLD.code and f.resource == "resolutions"}
    cited = citations(c)
    rows, failing = [], {}
    for chain in chains(c.resolutions):
        original, in_force = chain[0], chain[-1]
        finding = by_row.get(in_force.row)
        last = deadline(original.date)
        judged = verdict(in_force)
        for record in chain:
            if finding is not None:
                failing[record.resolution_id] = finding
            rows.append(VoteRow(record, original, in_force, judged, verdict(record), finding,
                                last, today > last, cited.get(record.resolution_id, ())))
    rows.sort(key=lambda r: (r.record.date, r.record.resolution_id))
    return VotesView(tuple(rows), failing)


def citations(c: Community) -> dict[str, tuple[Citations, ...]]:
    """resolution_id -> what was published under it, by kind in the order of the page's
    sections: terms, budget lines, revenue assets, payees."""
    cited: dict[str, dict[str, list[str]]] = {}
    named = [*(("term", t.resolution, t.term) for t in c.terms),
             *(("budget", b.resolution, f"{b.year}/{b.line_id}") for b in c.budget),
             *(("asset", a.resolution, a.name) for a in c.assets),
             *(("party", p.resolution, p.party) for p in c.parties)]
    for kind, resolution, item in named:
        if resolution:
            items = cited.setdefault(resolution, {}).setdefault(kind, [])
            if item not in items:
                items.append(item)
    return {r: tuple(Citations(k, tuple(v)) for k, v in kinds.items())
            for r, kinds in cited.items()}
