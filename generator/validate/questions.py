"""Owners' questions: each names an item that exists, says nothing of who asked, and is
answered within the community's declared days.

The register is public, so a question that names its asker is refused before it reaches the
site (PIPL): personal numbers are caught with every text (validate/text.py); flat numbers
and names are caught here, in whatever digits or numerals they are written (asker())."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from .. import personal
from ..derivatives import DEFAULT_MAX_BYTES
from ..issues import Issue, Where, raises
from ..issues.questions import (
    QUESTION_ANSWER_INVALID,
    QUESTION_DEADLINE_UNDECLARED,
    QUESTION_IDENTIFIES_ASKER,
    QUESTION_OVERDUE,
    QUESTION_SUBJECT_UNKNOWN,
)
from ..records import Category, Community, Question
from ..terms import ANSWER_DAYS

TABLE = "questions"
BUDGET_SUBJECT = re.compile(r"(\d{4})/(.+)")
TEXTS = ("question", "answer", "note")  # the published texts that might name the asker


@raises(QUESTION_SUBJECT_UNKNOWN, QUESTION_ANSWER_INVALID, QUESTION_IDENTIFIES_ASKER,
        QUESTION_DEADLINE_UNDECLARED)
def check(c: Community, categories: Mapping[str, Category], today: date,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Issue]:
    """Errors: the register's rows make sense (run before any finding)."""
    where = c.where.get(TABLE)
    if where is None:
        return  # the register is optional: the page says it is not published
    subjects = Subjects(c)
    for q in c.questions:
        yield from _subject(where, q, subjects)
        yield from _answer(where, q, today)
        yield from _private(where, q)
    yield from _deadline(c, where)


@raises(QUESTION_OVERDUE)
def findings(c: Community, categories: Mapping[str, Category], today: date) -> Iterator[Issue]:
    """Run on packages without errors only: an unanswered question past its deadline."""
    where = c.where.get(TABLE)
    if where is None:
        return
    subjects = Subjects(c)
    for q in sorted(c.questions, key=lambda q: (q.received, q.question_id)):
        due = due_date(c, q)
        if q.answered is not None or due is None or today <= due:
            continue
        title, amount = subjects.title(q.about, q.subject)
        yield QUESTION_OVERDUE(where, q.row, "answered", question=q.question_id,
                               received=q.received, due=due, days=(today - due).days,
                               about=q.about, subject=q.subject, subject_title=title,
                               amount=amount)


@raises(QUESTION_SUBJECT_UNKNOWN)
def check_projects(communities: Sequence[Community], projects: Collection[str]
                   ) -> Iterator[Issue]:
    """A question about a project names a project of the foundation or the protection fund
    (``projects``: their ids); run once every package is read."""
    for c in communities:
        where = c.where.get(TABLE)
        if where is None:
            continue
        for q in c.questions:
            if q.about == "project" and q.subject and q.subject not in projects:
                yield QUESTION_SUBJECT_UNKNOWN(where, q.row, "subject", variant="project",
                                               question=q.question_id, subject=q.subject)


def due_date(c: Community, q: Question) -> date | None:
    """The day by which ``q`` is answered: its received day plus the days the term in effect
    on that day allows (calendar days); None before the community declared any."""
    term = c.schedule.declared(ANSWER_DAYS, q.received)
    return None if term is None else q.received + timedelta(days=int(term.number))


class Subjects:
    """What a question may be about in one community, and what residents know it as."""

    def __init__(self, c: Community) -> None:
        self.entries = {e.entry_id: e for e in c.entries}
        self.budget = {f"{b.year}/{b.line_id}": b for b in c.budget}
        self.resolutions = {r.resolution_id: r.title for r in c.resolutions}
        self.assets = {a.asset_id: a.name for a in c.assets}

    def known(self, about: str, subject: str) -> bool:
        """Whether the subject exists; a project's is checked once every package is read."""
        if about == "entry":
            return subject in self.entries
        if about == "budget":
            return subject in self.budget
        if about == "resolution":
            return subject in self.resolutions
        if about == "asset":
            return subject in self.assets
        return True

    def title(self, about: str, subject: str) -> tuple[str, Decimal | None]:
        """(what residents know the subject as, the amount of an entry)."""
        if about == "entry" and subject in self.entries:
            e = self.entries[subject]
            return e.description, e.amount
        if about == "budget" and subject in self.budget:
            return self.budget[subject].item, None
        names = {"resolution": self.resolutions, "asset": self.assets}.get(about, {})
        if about == "project":
            return subject, None
        return names.get(subject, ""), None


def _subject(where: Where, q: Question, subjects: Subjects) -> Iterator[Issue]:
    if q.about == "other":
        if q.subject:
            yield QUESTION_SUBJECT_UNKNOWN(where, q.row, "subject", variant="other",
                                           question=q.question_id, subject=q.subject)
    elif not q.subject:
        yield QUESTION_SUBJECT_UNKNOWN(where, q.row, "subject", variant="empty",
                                       question=q.question_id, about=q.about)
    elif not subjects.known(q.about, q.subject):
        variant = "" if q.about == "entry" else q.about
        yield QUESTION_SUBJECT_UNKNOWN(where, q.row, "subject", variant=variant,
                                       question=q.question_id, subject=q.subject)


def _answer(where: Where, q: Question, today: date) -> Iterator[Issue]:
    answered, answer = q.answered, q.answer.strip()
    if q.received > today:
        yield QUESTION_ANSWER_INVALID(where, q.row, "received", variant="future",
                                      question=q.question_id, date=q.received, today=today)
    if answered is None:
        if answer:
            yield QUESTION_ANSWER_INVALID(where, q.row, "answered", variant="undated",
                                          question=q.question_id)
        return
    if not answer:
        yield QUESTION_ANSWER_INVALID(where, q.row, "answer", question=q.question_id,
                                      answered=answered)
    if answered < q.received:
        yield QUESTION_ANSWER_INVALID(where, q.row, "answered", variant="before",
                                      question=q.question_id, answered=answered,
                                      received=q.received)
    elif answered > today:
        yield QUESTION_ANSWER_INVALID(where, q.row, "answered", variant="future",
                                      question=q.question_id, date=answered, today=today)


def _private(where: Where, q: Question) -> Iterator[Issue]:
    """A text that says who asked: one issue a cell, the first thing found, shown masked
    (the report reaches public logs)."""
    for field in TEXTS:
        found = asker(getattr(q, field))
        if found is not None:
            kind, masked = found
            yield QUESTION_IDENTIFIES_ASKER(where, q.row, field,
                                            variant="" if kind == "address" else kind,
                                            found=masked)


def _deadline(c: Community, where: Where) -> Iterator[Issue]:
    """Every question falls under a declared deadline: the owners set the days (their
    terms), and without them no question could be found overdue."""
    if not c.questions:
        return
    if not c.schedule.by_kind.get(ANSWER_DAYS):
        first = min(c.questions, key=lambda q: (q.received, q.row))
        yield QUESTION_DEADLINE_UNDECLARED(where, first.row, "received", variant="none",
                                           count=len(c.questions), received=first.received)
        return
    for q in c.questions:
        if c.schedule.declared(ANSWER_DAYS, q.received) is None:
            yield QUESTION_DEADLINE_UNDECLARED(where, q.row, "received",
                                               question=q.question_id, received=q.received)


# ---- who asked: flat numbers and names --------------------------------------------------

# Chinese numbers with a unit (十二, 三百零一, 一千二百零三) as digits; numerals without one
# (五零一) are read digit by digit by personal.normalised.
_CN_DIGITS = {c: i for i, cs in enumerate(("〇零", "一壹幺", "二贰貳两", "三叁參", "四肆", "五伍",
                                           "六陆陸", "七柒", "八捌", "九玖")) for c in cs}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_RUN = re.compile(f"[{''.join(_CN_DIGITS)}{''.join(_CN_UNITS)}]+")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d",
                                      "-"))
# A room number: three or four digits that are not an amount, a year, a count or a date.
_UNITS_AFTER = "年月日天元万千百块%平米㎡个户人次台张辆吨度期批项条笔份组套kKmMwW/:\\-"
_ROOM = rf"\d{{3,4}}(?![\d{_UNITS_AFTER}])(?!\.\d)"
_ADDRESS = re.compile(
    # a building (3, B, 5号楼, 3#), then perhaps its unit, then the room: 3栋2单元501, B座1203
    rf"(?:\d{{1,3}}|[A-Za-z])(?:栋|幢|座|号楼|楼|#楼?|号院)(?:\d{{1,2}}单元|\d{{1,2}}-)?-?{_ROOM}"
    rf"|\d{{1,2}}单元-?{_ROOM}"  # a unit and its room: 1单元302
    r"|(?<![\d.])\d{3,4}(?:室(?![外内])|号房|房间)"  # a room said as one: 302室, 1203号房
    # building-unit-room as residents write it: 3-2-501 (not a date, not a code)
    r"|(?<![0-9A-Za-z.\-/_])\d{1,3}-\d{1,2}-\d{3,4}(?![0-9A-Za-z\-/_])(?!\.\d)", re.ASCII)
# Surnames that do not also start a common word after 业主 (业主向…, 业主曾经…, 业主陆续…).
_SURNAMES = ("王李张刘陈杨黄赵吴徐孙朱胡郭林罗郑梁谢宋唐韩冯邓曹彭肖董袁潘蒋蔡杜叶程苏魏吕丁沈姚卢"
             "姜崔钟谭汪范廖贾韦邹孟熊秦邱尹薛闫雷侯陶黎贺顾郝龚邵覃戴莫孔汤")
_ALL_SURNAMES = _SURNAMES + "周许夏陆曾向于何方高金万钱余付白严常段石龙毛任马田江武史"
_HAN = "[\u4e00-\u9fff]"
_NAME = re.compile(
    # an owner named: 业主张三反映…, 住户李四： (a name is followed by a verb of asking: a
    # name cannot be told from a word otherwise, and a refused word stops the publication)
    rf"(?:业主|住户|居民)(?P<a>[{_SURNAMES}](?:(?!某){_HAN}){{1,2}}?)"
    r"(?=[：:]|反映|提出|询问|质询|来信|来电|认为|要求|书面|表示|先生|女士)"
    # an asker labelled: 质询人：王五
    rf"|(?:质询人|提问人|来信人|反映人|提出人|姓名)[：:为是]?(?!业主|居民|住户|匿名|某)(?P<b>{_HAN}{{2,4}})"
    # a surname and an honorific: 王女士, 周阿姨
    rf"|(?P<c>[{_ALL_SURNAMES}])(?:先生|女士|阿姨|大爷|大妈|奶奶|爷爷|婆婆)")


def asker(text: str) -> tuple[str, str] | None:
    """("address" or "name", what was found, masked) when ``text`` says who asked: a flat
    number in any digits, Chinese numerals included, or a name; None otherwise."""
    if not text:
        return None
    address = _ADDRESS.search(_plain(text))
    if address:
        return "address", re.sub(r"\d", "*", address.group())
    words = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))  # 张三 keeps its 三
    name = _NAME.search(words)
    if name:
        hidden = next(g for g in name.groups() if g)
        return "name", name.group().replace(hidden, "*" * len(hidden))
    return None


def _plain(text: str) -> str:
    """The text as its numbers read: full-width and other digits, Chinese numerals (with or
    without units) as 0-9, every dash as -, without spaces or hidden characters."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = _CN_RUN.sub(_cn_number, text)
    return re.sub(r"\s+", "", personal.normalised(text))


def _cn_number(match: re.Match[str]) -> str:
    run = match.group()
    if not any(c in _CN_UNITS for c in run):
        return run  # digit by digit, as personal.normalised reads it
    total, digit = 0, 0
    for c in run:
        if c in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[c]
            digit = 0
        else:
            digit = _CN_DIGITS[c]
    return str(total + digit)
