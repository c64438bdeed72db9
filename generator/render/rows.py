"""A month's ledger rows as HTML, written directly rather than through a Jinja include.

A city's ledgers hold about a million entries, each shown on a month page: an include
per row cost about 0.2 ms, a formatted string costs a few microseconds. Every value is
escaped here, as autoescaping would. The phone layout takes each cell's label from the
stylesheet (by column), so rows carry no repeated labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup, escape

from ..formats import money
from ..model.notes import Note
from ..records import Category, Entry
from ..urls import MonthLinks

# Cells are closed by the next cell (HTML's optional end tags), the amount's cell is styled
# by its column (portal.css), not a class, and the month filter reads the category and the
# amount from their cells (ledger.js): about a million rows in a city, 75 bytes a row.
ROW = ('<tr id="{id}" class="xy-{direction}{corrected}">'
       '<td>{date}<td><a href="#{id}">{id}</a><td>{category_name}<td>{counterparty}'
       '<td>{description}{notes}<td>{sign}{amount}<td>{voucher}</tr>\n')


def entry_rows(entries: Sequence[Entry], corrected_by: Mapping[str, str],
               month_of: Mapping[str, str], categories: Mapping[str, Category],
               tr: Callable[..., str], name: Callable[[Category], str],
               links: MonthLinks, marks: Mapping[str, Sequence[Note]] | None = None) -> Markup:
    """``links``: the month page's links to other months' entries and to the vouchers;
    ``marks``: what the areas say under an entry (model/notes.py), by entry id."""
    marks = marks or {}
    labels = {k: escape(tr(k)) for k in ("已更正，以", "为准，本条不计入合计", "更正",
                                         "查看凭证", "查看凭证（PDF）")}
    out = []
    for e in entries:
        by = corrected_by.get(e.entry_id, "")
        notes = ""
        if by:
            notes += (f'<br><span class="xy-note">{labels["已更正，以"]} <a href="'
                      f'{links.entry(escape(month_of[by]), escape(by))}">{escape(by)}</a> '
                      f'{labels["为准，本条不计入合计"]}</span>')
        if e.corrects:
            notes += (f'<br><span class="xy-note">{labels["更正"]} <a href="'
                      f'{links.entry(escape(month_of[e.corrects]), escape(e.corrects))}">'
                      f'{escape(e.corrects)}</a></span>')
        for sentence, values in marks.get(e.entry_id, ()):
            notes += f'<br><span class="xy-note">{escape(tr(sentence, **dict(values)))}</span>'
        out.append(ROW.format(
            id=escape(e.entry_id), direction=escape(e.direction),
            corrected=" xy-corrected" if by else "",
            date=e.date.isoformat(),
            category_name=escape(name(categories[e.category]) if e.category in categories
                                 else e.category),
            counterparty=escape(e.counterparty), description=escape(e.description),
            notes=notes, sign="+" if e.direction == "income" else "−", amount=money(e.amount),
            voucher=_voucher(e.voucher, links, labels)))
    return Markup("".join(out))


def _voucher(voucher: str, links: MonthLinks, labels: Mapping[str, Markup]) -> str:
    if not voucher:
        return "—"
    href = links.file(escape(voucher))
    if voucher.lower().endswith(".pdf"):  # the text says PDF; no type attribute a row
        return f'<a class="xy-voucher" href="{href}">{labels["查看凭证（PDF）"]}</a>'
    return f'<a class="xy-voucher" href="{href}">{labels["查看凭证"]}</a>'
