"""Tables that fit a phone: the rendered page's tables are marked for the narrow layout.

A table too wide for a 375 px screen would hide its last columns off to the side, where
residents do not look for them (the remuneration check's verdict, a resolution's approval
rate). ``fit`` estimates each table's narrowest comfortable width from its text and marks
the wide ones: on a phone (portal.css) their rows become stacked cards, each cell labelled
with its column's heading (``data-label``). Tables that fit stay tables. Tables wide only
in large-text mode are marked ``xy-stack-large`` and stack only then. A column whose
heading has the class ``xy-key`` gives its cells ``data-key``: the card shows that figure
right under its title.

The HTML is our own templates' output: data is escaped there, so a ``<`` in the text is
always ``&lt;`` and tags can be found with patterns. Labels are unescaped and escaped again
for the attribute. The same page gives the same marks: nothing depends on order or time.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
TAG = re.compile(r"<(/?)(thead|tbody|tfoot|tr|th|td)\b([^>]*)>", re.I)
MARKUP = re.compile(r"<[^>]*>")
BREAK = re.compile(r"<br\s*/?>", re.I)
CLASS = re.compile(r'\bclass="([^"]*)"')
SPAN = re.compile(r'\bcolspan="(\d+)"')
KEY = re.compile(r'\bclass="[^"]*\bxy-key\b')  # a heading marking the column a card opens with
NOWRAP = re.compile(r'class="[^"]*\b(xy-num|xy-nowrap|xy-std-code|xy-load-size)\b')

# Widths in the table's em (portal.css: .8rem, 16 px; 20.5 px in large-text mode). The
# content column of a 375 px screen is 343 px wide, 334 px in large-text mode; a little is
# kept back because the estimate counts glyphs, not the font's real advances.
NORMAL_EM = 20.0
LARGE_EM = 15.5
PADDING_EM = 1.2      # .6em either side of each cell
WRAPPED_MIN_EM = 6.0  # a wrapping column narrower than this reads two characters a line


@dataclass
class _Table:
    labels: list[str] = field(default_factory=list)
    keys: list[bool] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)

    def need(self, col: int, em: float) -> None:
        while len(self.widths) <= col:
            self.widths.append(0.0)
        self.widths[col] = max(self.widths[col], em)

    def width(self) -> float:
        return sum(self.widths) + PADDING_EM * len(self.widths)


def fit(page: str) -> str:
    """The page with its wide tables marked and their cells labelled."""
    if "<table" not in page:
        return page
    return TABLE.sub(lambda m: _fit_table(m.group(0)), page)


def _fit_table(table: str) -> str:
    start = table[:table.index(">") + 1]
    # Month pages' ledgers have their own phone layout (portal.css) and, at city scale,
    # too many rows to label; a table inside a table is left as it is.
    if "xy-ledger" in start or "<table" in table[len(start):] or "<thead" not in table:
        return table
    t = _Table()
    body = _label_cells(table, t)
    if not t.labels:
        return table
    width = t.width()
    mark = "xy-stack" if width > NORMAL_EM else "xy-stack-large" if width > LARGE_EM else ""
    return _add_class(body, mark) if mark else body


def _label_cells(table: str, t: _Table) -> str:
    """Walks the cells in order, learning the headings from the first row of <thead> and
    labelling the other rows' cells; every cell's text adds to its column's width."""
    out: list[str] = []
    pos, col, section, heading_row = 0, 0, "", False
    for m in TAG.finditer(table):
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if name in ("thead", "tbody", "tfoot"):
            section = "" if closing else name
            continue
        if name == "tr":
            col = 0
            heading_row = not closing and section == "thead" and not t.labels
            continue
        if closing:
            continue
        spans = SPAN.search(attrs)
        span = int(spans.group(1)) if spans else 1
        inner = table[m.end():table.find(f"</{name}>", m.end())]
        if heading_row:
            t.labels.extend([_text(inner)] + [""] * (span - 1))
            t.keys.extend([KEY.search(attrs) is not None] + [False] * (span - 1))
        if span == 1:
            t.need(col, _cell_em(name, attrs, inner))
            if section != "thead" and "data-label" not in attrs and col < len(t.labels) \
                    and t.labels[col]:
                out.append(table[pos:m.end() - 1])
                key = " data-key" if t.keys[col] else ""
                out.append(f' data-label="{html.escape(t.labels[col], quote=True)}"{key}>')
                pos = m.end()
        col += span
    out.append(table[pos:])
    return "".join(out)


def _text(inner: str) -> str:
    return " ".join(html.unescape(MARKUP.sub("", BREAK.sub(" ", inner))).split())


def _cell_em(name: str, attrs: str, inner: str) -> float:
    """How narrow the cell can be without squeezing: headings and figures do not wrap,
    words are not broken, and running Chinese text keeps at least a few characters."""
    found = CLASS.search(attrs)
    classes = found.group(1).split() if found else []
    lines = [_text(line) for line in BREAK.split(inner)]
    if name == "th" or "xy-num" in classes or NOWRAP.search(inner):
        return max((_em(line) for line in lines), default=0.0)
    text = " ".join(lines)
    words = re.split(r"[\s/]+", text)
    longest = max((_em(w) for w in words if not _wide(w)), default=0.0)
    return max(longest, min(_em(text), WRAPPED_MIN_EM))


def _wide(word: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in word)


def _em(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.56 for ch in text)


def _add_class(table: str, mark: str) -> str:
    start = table[:table.index(">")]
    found = CLASS.search(start)
    if found:
        start = f'{start[:found.end(1)]} {mark}{start[found.end(1):]}'
    else:
        start = f'{start} class="{mark}"'
    return start + table[table.index(">"):]
