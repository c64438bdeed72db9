"""Votes: a resolution recorded by heads and floor area reaches the participation and majority
民法典 art. 278 requires for its kind of matter.

The rule is applied here once, for the check and for the page (model/votes.py reads
``verdict`` and ``chains``), so that what a resolution's row says is what was checked.
Shares are compared exactly, as fractions cross-multiplied, never as floats: "two thirds
or more" (以上) counts two thirds itself, "more than half" (过半数) does not count half."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import ceil, floor

from ..derivatives import DEFAULT_MAX_BYTES
from ..domain import (
    CHALLENGE_MONTHS,
    PARTICIPATION,
    THREE_QUARTERS,
    THREE_QUARTERS_KINDS,
    add_months,
)
from ..issues import Issue, Where, raises
from ..issues import votes as found
from ..records import Category, Community, Resolution

AREA_COLUMNS = ("area_eligible", "area_for", "area_against", "area_abstaining")

# A threshold: (numerator, denominator, strictly above it).
Rule = tuple[int, int, bool]
TAKE_PART: Rule = (*PARTICIPATION, False)
MOST: Rule = (*THREE_QUARTERS, False)
MAJORITY: Rule = (1, 2, True)
NEEDED = {TAKE_PART: found.AT_LEAST_TWO_THIRDS, MOST: found.AT_LEAST_THREE_QUARTERS,
          MAJORITY: found.MORE_THAN_HALF}

Number = int | Decimal


def meets(part: Number, whole: Number, rule: Rule) -> bool:
    """part / whole against the rule's share, exactly: part × d against whole × n."""
    n, d, strict = rule
    left, right = Fraction(part) * d, Fraction(whole) * n
    return left > right if strict else left >= right


def shown(part: Number, whole: Number, rule: Rule) -> Decimal:
    """part / whole to the tenth of a percent (0.726), rounded half up, except where that
    would say the opposite of the verdict: 66.66…% is short of two thirds and shows as
    66.6%, not 66.7%."""
    if not whole:
        return Decimal(0)
    share = Fraction(part) / Fraction(whole) * 1000
    thousandths = floor(share + Fraction(1, 2))
    ok = meets(part, whole, rule)
    if meets(thousandths, 1000, rule) != ok:
        thousandths = ceil(share) if ok else floor(share)
    return Decimal(thousandths) / 1000


@dataclass(frozen=True)
class Count:
    """One way of counting a vote, by heads or by floor area: who could vote, and how
    those who took part voted."""

    eligible: Number
    votes_for: Number
    against: Number
    abstaining: Number

    @property
    def cast(self) -> Number:
        return self.votes_for + self.against + self.abstaining

    @property
    def took_part(self) -> bool:
        return meets(self.cast, self.eligible, TAKE_PART)

    @property
    def turnout(self) -> Decimal:
        return shown(self.cast, self.eligible, TAKE_PART)

    def consented(self, rule: Rule) -> bool:
        return bool(self.cast) and meets(self.votes_for, self.cast, rule)

    def consent(self, rule: Rule) -> Decimal | None:
        """The share of those taking part who voted for; None when nobody took part."""
        return shown(self.votes_for, self.cast, rule) if self.cast else None


@dataclass(frozen=True)
class Verdict:
    """A record of a vote against 民法典 art. 278: by heads, and by floor area when the
    record gives it (without it the record is incomplete, and nothing is judged)."""

    kind: str
    heads: Count
    area: Count | None

    @property
    def rule(self) -> Rule:
        """The consent the kind of matter needs."""
        return MOST if self.kind in THREE_QUARTERS_KINDS else MAJORITY

    @property
    def variant(self) -> str | None:
        """How the vote fell short (the finding's variant); None when it did not, or
        cannot be judged. Participation is judged first: without it consent is moot."""
        if self.area is None:
            return None
        short = [not c.took_part for c in (self.heads, self.area)]
        stage = ""
        if not any(short):
            short = [not c.consented(self.rule) for c in (self.heads, self.area)]
            stage = "consent"
        if not any(short):
            return None
        which = "both" if all(short) else "area" if short[1] else ""
        return "-".join(filter(None, (stage, which)))

    @property
    def status(self) -> str:
        if self.area is None:
            return "incomplete"
        return "passes" if self.variant is None else "below"


def verdict(r: Resolution) -> Verdict:
    area = None
    if r.area_eligible is not None and r.area_cast is not None:
        area = Count(r.area_eligible, r.area_for or Decimal(0), r.area_against or Decimal(0),
                     r.area_abstaining or Decimal(0))
    return Verdict(r.kind, Count(r.eligible, r.votes_for, r.votes_against, r.abstentions), area)


def deadline(vote: date) -> date:
    """The last day an owner who knew of the decision on the day may ask a court to set it
    aside (SPC interpretation art. 12: one year from knowing of it)."""
    return add_months(vote, CHALLENGE_MONTHS)


def chains(resolutions: Iterable[Resolution]) -> tuple[tuple[Resolution, ...], ...]:
    """Each resolution as residents know it: its first record, then each correction of it
    (a recount), the last being the record in force. Records that only correct each other
    stand each on its own."""
    rows = tuple(resolutions)
    ids = {r.resolution_id for r in rows}
    corrected_by: dict[str, Resolution] = {}
    for r in rows:
        if r.corrects in ids and r.corrects != r.resolution_id:
            corrected_by.setdefault(r.corrects, r)
    result, seen = [], set()
    for root in (r for r in rows if r.corrects not in ids or r.corrects == r.resolution_id):
        chain = [root]
        seen.add(root.resolution_id)
        while (nxt := corrected_by.get(chain[-1].resolution_id)) and \
                nxt.resolution_id not in seen:
            chain.append(nxt)
            seen.add(nxt.resolution_id)
        result.append(tuple(chain))
    result += [(r,) for r in rows if r.resolution_id not in seen]
    return tuple(result)


@raises(found.RESOLUTION_AREA_INVALID, found.RESOLUTION_AREA_INCOMPLETE,
        found.RESOLUTION_AREA_EXCEEDS_ELIGIBLE)
def check(c: Community, categories: Mapping[str, Category], today: date,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    """Errors: each resolution's floor areas are all there or all left out, written to the
    hundredth of a m², and add up."""
    where = c.where.get("resolutions")
    if where is None:
        return
    for r in c.resolutions:
        yield from _areas(where, r)


def _areas(where: Where, r: Resolution) -> Iterator[Issue]:
    areas = dict(zip(AREA_COLUMNS, (r.area_eligible, r.area_for, r.area_against,
                                    r.area_abstaining), strict=True))
    filled = [k for k, value in areas.items() if value is not None]
    for column in filled:
        exponent = areas[column].as_tuple().exponent  # type: ignore[union-attr]
        if isinstance(exponent, int) and exponent < -2:
            yield found.RESOLUTION_AREA_INVALID(where, r.row, column, value=areas[column])
    if filled and len(filled) < len(AREA_COLUMNS):
        for column in (k for k in AREA_COLUMNS if k not in filled):
            yield found.RESOLUTION_AREA_INCOMPLETE(where, r.row, column, missing=column,
                                                   filled=", ".join(filled))
        return
    if not filled:
        return
    eligible, cast = r.area_eligible, r.area_cast
    assert eligible is not None and cast is not None  # all four are filled
    if eligible == 0:
        yield found.RESOLUTION_AREA_INVALID(where, r.row, "area_eligible", variant="zero")
    elif cast > eligible:
        yield found.RESOLUTION_AREA_EXCEEDS_ELIGIBLE(
            where, r.row, "area_eligible", area_for=r.area_for, area_against=r.area_against,
            area_abstaining=r.area_abstaining, cast=cast, eligible=eligible)


# The column a shortfall is reported in: turnout by heads or area, consent by heads or area.
_FIELD = {"": "eligible", "area": "area_eligible", "both": "area_eligible",
          "consent": "votes_for", "consent-area": "area_for", "consent-both": "area_for"}


@raises(found.RESOLUTION_BELOW_THRESHOLD)
def findings(c: Community, categories: Mapping[str, Category], today: date) -> Iterator[Issue]:
    """Each resolution judged by its record in force (its latest correction), reported on
    that row under the id residents know it by."""
    where = c.where.get("resolutions")
    if where is None:
        return
    for chain in chains(c.resolutions):
        original, record = chain[0], chain[-1]
        judged = verdict(record)
        variant = judged.variant
        if variant is None or judged.area is None:
            continue
        if variant.startswith("consent"):
            rule = judged.rule
            owners, area = judged.heads.consent(rule), judged.area.consent(rule)
        else:
            rule, owners, area = TAKE_PART, judged.heads.turnout, judged.area.turnout
        yield found.RESOLUTION_BELOW_THRESHOLD(
            where, record.row, _FIELD[variant], variant=variant,
            resolution=original.resolution_id, title=original.title, date=original.date,
            kind=record.kind, owners_share=owners or Decimal(0), area_share=area or Decimal(0),
            needed=NEEDED[rule], deadline=deadline(original.date))
