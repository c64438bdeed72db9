"""Owners' questions: open ones with their age, answered ones with the answer, each also shown
on the item it concerns.

A view carries what its pages show and nothing of the ledger: the pages about every
community (and the project pages, which list the questions about a project) read it from a
community's light view (CommunityView.light), which keeps it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..issues import Issue
from ..issues.questions import QUESTION_OVERDUE
from ..records import Category, Community, Question
from ..terms import ANSWER_DAYS, Term
from ..validate.questions import Subjects, due_date
from .notes import Note, note

if TYPE_CHECKING:  # a type only: the community view holds this one
    from .community import CommunityView


@dataclass(frozen=True)
class QuestionItem:
    """One question as the pages show it."""

    community: str  # the community's id: project pages link back to its register
    question_id: str
    received: date
    about: str  # domain.QUESTION_SUBJECTS
    subject: str
    title: str  # what residents know the subject as (an entry's description, an item…)
    amount: Decimal | None  # an entry's amount
    question: str
    answer: str
    answered: date | None
    note: str
    due: date | None  # None before the community declared its days (validation refuses it)
    days: int  # open: days since it was received; answered: days it took
    late: int  # days past the due date: now (open) or when answered; 0 when in time
    finding: Issue | None = None  # question-overdue, as published on the page
    month: str = ""  # an entry's month (YYYY-MM), for the link to its page
    part: int = 1  # the page of a long month the entry is on

    @property
    def is_open(self) -> bool:
        return self.answered is None


@dataclass(frozen=True)
class QuestionsView:
    published: bool = False  # the community publishes a register (questions.csv)
    term: Term | None = None  # the answer_days term in effect on the day of the build
    open: tuple[QuestionItem, ...] = ()  # unanswered, oldest first
    answered: tuple[QuestionItem, ...] = ()  # newest answer first
    # entry_id -> notes shown under the entry on its month page (model/notes.py)
    entry_notes: dict[str, tuple[Note, ...]] = field(default_factory=dict)
    # (about, subject) -> the questions about that item, oldest first
    by_subject: dict[tuple[str, str], tuple[QuestionItem, ...]] = field(default_factory=dict)

    def about(self, kind: str, subject: str) -> tuple[QuestionItem, ...]:
        """The questions about one item (item_questions.html)."""
        return self.by_subject.get((kind, subject), ())

    @property
    def overdue(self) -> tuple[QuestionItem, ...]:
        return tuple(q for q in self.open if q.finding is not None)

    @property
    def oldest_open_days(self) -> int | None:
        return self.open[0].days if self.open else None


def build(c: Community, findings: tuple[Issue, ...], categories: Mapping[str, Category],
          today: date) -> QuestionsView:
    """``findings``: the community's, as published on its page."""
    if "questions" not in c.where:
        return QuestionsView()
    found = {str(dict(f.values).get("question")): f for f in findings
             if f.code == QUESTION_OVERDUE.code}
    subjects, parts = Subjects(c), _parts(c)
    items = [_item(c, q, subjects, parts, found.get(q.question_id), today)
             for q in sorted(c.questions, key=lambda q: (q.received, q.question_id))]
    open_ = tuple(q for q in items if q.is_open)
    answered = tuple(sorted((q for q in items if not q.is_open),
                            key=lambda q: (q.answered or q.received, q.received, q.question_id),
                            reverse=True))
    by_subject: dict[tuple[str, str], list[QuestionItem]] = defaultdict(list)
    for q in items:
        by_subject[(q.about, _shown_under(c, q))].append(q)
    return QuestionsView(True, c.schedule.declared(ANSWER_DAYS, today), open_, answered,
                         _entry_notes(items), {k: tuple(v) for k, v in by_subject.items()})


def by_project(views: Sequence[CommunityView]) -> dict[str, tuple[tuple[str, QuestionItem], ...]]:
    """project_id -> (community title, question) of every question about the project, in
    the order they were received: for the project pages."""
    found: dict[str, list[tuple[str, QuestionItem]]] = defaultdict(list)
    for view in views:
        for q in (*view.questions.open, *view.questions.answered):
            if q.about == "project":
                found[q.subject].append((view.c.title, q))
    return {k: tuple(sorted(v, key=lambda p: (p[1].received, p[1].community,
                                              p[1].question_id)))
            for k, v in sorted(found.items())}


def _item(c: Community, q: Question, subjects: Subjects, parts: Mapping[str, tuple[str, int]],
          finding: Issue | None, today: date) -> QuestionItem:
    due = due_date(c, q)
    end = q.answered or today
    title, amount = subjects.title(q.about, q.subject)
    month, part = parts.get(q.subject, ("", 1)) if q.about == "entry" else ("", 1)
    return QuestionItem(c.id, q.question_id, q.received, q.about, q.subject, title, amount,
                        q.question, q.answer.strip(), q.answered, q.note, due,
                        (end - q.received).days, max((end - due).days, 0) if due else 0,
                        finding, month, part)


def _parts(c: Community) -> dict[str, tuple[str, int]]:
    """entry_id -> (its month, the page of the month it is on), as the month pages cut a
    long month (render/paging.MONTH_ROWS)."""
    from ..render.paging import MONTH_ROWS  # here: the render stage imports the model

    by_month: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for e in c.entries:
        by_month[e.month].append((e.date, e.entry_id))
    return {entry_id: (month, i // MONTH_ROWS + 1) for month, rows in by_month.items()
            for i, (_, entry_id) in enumerate(sorted(rows))}


def _shown_under(c: Community, q: QuestionItem) -> str:
    """The item a question is shown under: a budget line that adjusts another is shown as
    the line it adjusts (the budget table has one row for both)."""
    if q.about != "budget":
        return q.subject
    lines = {f"{b.year}/{b.line_id}": b for b in c.budget}
    key, seen = q.subject, set()
    while key in lines and lines[key].adjusts and key not in seen:
        seen.add(key)
        key = f"{lines[key].year}/{lines[key].adjusts}"
    return key


def _entry_notes(items: Sequence[QuestionItem]) -> dict[str, tuple[Note, ...]]:
    notes: dict[str, list[Note]] = defaultdict(list)
    for q in items:
        if q.about == "entry":
            notes[q.subject].append(_note(q))
    return {k: tuple(v) for k, v in notes.items()}


def _note(q: QuestionItem) -> Note:
    received = q.received.isoformat()
    if q.answered is None:
        if q.late and q.due:
            return note("业主质询（{received} 收到，应在 {due} 前答复，逾期未答复）：{question}",
                        received=received, due=q.due.isoformat(), question=q.question)
        return note("业主质询（{received} 收到，尚未答复）：{question}", received=received,
                    question=q.question)
    answered = q.answered.isoformat()
    if q.late:
        return note("业主质询（{received} 收到，逾期 {late} 天后于 {answered} 答复）：{question} "
                    "答复：{answer}", received=received, late=q.late, answered=answered,
                    question=q.question, answer=q.answer)
    return note("业主质询（{received} 收到，{answered} 答复）：{question} 答复：{answer}",
                received=received, answered=answered, question=q.question, answer=q.answer)
