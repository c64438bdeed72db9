"""Charts drawn at build time: plain numbers written straight out as small inline SVGs.

No JavaScript, no plotting library and nothing from another host: each chart is a few dozen
SVG elements formatted here (well under a millisecond of work), deterministic byte for byte.
Coordinates are in points on a 360-wide ``viewBox`` that the page scales to its column,
rounded to 0.1. Text is written as ``<text>``, XML-escaped, for the reader's own Chinese
fonts (``FONTS``); nothing is measured, so layouts rely only on the ``_ems`` estimate and
leave room for the browser's wider glyphs. Every function takes labels and numbers, not
model objects, and returns a ``Chart`` whose table repeats the figures for screen readers
and print.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from .domain import overrun
from .formats import money, month_label, pct

Number = Decimal | float | int

WIDTH = 360.0  # points: shown about 1:1 on a phone's 340 px column
FONT_SIZE = 12  # tick and category labels
VALUE_SIZE = 11  # figures written at the end of a bar
FONTS = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei",
         "sans-serif")
COLOURS = {"income": "#1b7f3b", "expense": "#b3261e", "budget": "#c5d0d8",
           "actual": "#00796b", "before": "#b0bec5", "over": "#b3261e"}
INK = {"axis": "#757575", "grid": "#e0e0e0", "tick": "#424242", "value": "#212121"}
TICK = 3.5  # length of a tick mark
UNIT_ROOM = 16.0  # points above (or below) a money axis for its unit
# A money axis is labelled in the largest of these units that its top tick reaches, so
# that its figures stay short and plain: 0, 500, 1,000 (万元), never 1e+07.
UNITS = {"zh": ((1e8, "单位：亿元"), (1e4, "单位：万元"), (1, "单位：元")),
         "en": ((1e9, "billion yuan"), (1e6, "million yuan"), (1e3, "thousand yuan"),
                (1, "yuan"))}


@dataclass(frozen=True)
class Chart:
    id: str  # also the prefix of every id inside the SVG, unique on its page
    title: str
    svg: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    key: tuple[tuple[str, str], ...] = ()  # (colour, label) for the legend under the title

    @property
    def markup(self) -> Markup:
        # Safe to insert: drawn here from numbers, every label through markupsafe.escape
        # (tests/test_charts.py proves it with a hostile category name).
        return Markup(self.svg)


def budget_chart(chart_id: str, title: str, labels: Sequence[str], budget: Sequence[Number],
                 actual: Sequence[Number], lang: str = "zh") -> Chart:
    """Horizontal bars, first label on top: a wide pale bar for the budget, a narrow one for
    what was spent (red over the limit, domain.OVERRUN_LIMIT), and the execution rate at the
    end of each row."""
    b, a = _floats(budget), _floats(actual)
    rates = [float(Decimal(x) / Decimal(y)) if y else None
             for x, y in zip(actual, budget, strict=True)]  # as BudgetRow.execution
    colours = [COLOURS["over"] if overrun(r) else COLOURS["actual"] for r in rates]
    ends = [pct(r) for r in rates]
    lo, hi = _domain([*b, *a])
    ticks, unit = _money_ticks(lo, hi, lang)
    c = _Canvas(chart_id, 54 + UNIT_ROOM + 25.92 * len(labels), left=_label_room(labels),
                right=_value_room(ends), bottom=24 + UNIT_ROOM)
    x = _scale(lo, hi, c.x0, c.x1)
    c.value_axis_x(ticks, x)
    c.unit_x(unit)
    pitch = (c.y1 - c.y0) / max(len(labels), 1)
    middles = [c.y0 + (i + 0.5) * pitch for i in range(len(labels))]
    for i, (ym, v) in enumerate(zip(middles, b, strict=True)):
        c.hbar(f"budget-{i}", x, v, ym, 0.75 * pitch, COLOURS["budget"])
    for i, (ym, v, colour) in enumerate(zip(middles, a, colours, strict=True)):
        c.hbar(f"actual-{i}", x, v, ym, 0.35 * pitch, colour)
    c.spines()
    c.labels_y([_short(s) for s in labels], middles)
    c.values([(x(max(v, w, 0)) + 3, ym, text)
              for v, w, ym, text in zip(a, b, middles, ends, strict=True)], "start")
    rows = tuple((s, money(y) if y else "—", money(x), pct(r))
                 for s, y, x, r in zip(labels, budget, actual, rates, strict=True))
    key = ((COLOURS["budget"], "预算"), (COLOURS["actual"], "实际"))
    # the limit is domain.OVERRUN_LIMIT (tests/test_domain.py holds the text to it)
    over = ((COLOURS["over"], "超出预算 10% 以上"),) if COLOURS["over"] in colours else ()
    return Chart(chart_id, title, c.svg(), ("科目", "预算（元）", "实际（元）", "执行率"), rows,
                 key + over)


def monthly_chart(chart_id: str, title: str, months: Sequence[str], income: Sequence[Number],
                  expense: Sequence[Number], lang: str = "zh") -> Chart:
    """Two lines across the months ("YYYY-MM"), income and expense, with a dot on each
    month when there are at most twelve."""
    series = {"income": _floats(income), "expense": _floats(expense)}
    lo, hi = _domain([*series["income"], *series["expense"]])
    ticks, unit = _money_ticks(lo, hi, lang)
    c = _Canvas(chart_id, 187.2 + UNIT_ROOM, left=_tick_room(ticks), top=10 + UNIT_ROOM)
    c.unit_y(unit)
    xs = c.slots(len(months))
    y = _scale(lo, hi, c.y1, c.y0)
    c.value_axis_y(ticks, y)
    tick_at, tick_labels = _month_ticks(months)
    c.category_axis_x([xs[i] for i in tick_at], tick_labels)
    for name, values in series.items():
        points = [(px, y(v)) for px, v in zip(xs, values, strict=True)]
        c.line(name, points, COLOURS[name], dots=len(months) <= 12)
    c.spines()
    rows = tuple((month_label(m, lang), money(i), money(e))
                 for m, i, e in zip(months, income, expense, strict=True))
    return Chart(chart_id, title, c.svg(), ("月份", "收入（元）", "支出（元）"), rows,
                 ((COLOURS["income"], "收入"), (COLOURS["expense"], "支出")))


def collection_chart(chart_id: str, title: str, years: Sequence[int], billed: Sequence[int],
                     paid: Sequence[int], trust_since: int) -> Chart:
    """Vertical bars of the collection rate (households) per year, paler before the trust."""
    rates = [p / b if b else 0.0 for p, b in zip(paid, billed, strict=True)]
    ticks = _rate_ticks()
    c = _Canvas(chart_id, 172.8, left=_tick_room(ticks))
    xs = c.slots(len(years))
    pitch = (c.x1 - c.x0) / max(len(years), 1)
    y = _scale(0, _rate_top(rates), c.y1, c.y0)
    c.value_axis_y(ticks, y)
    c.category_axis_x(xs, _year_labels(years))
    colours = [COLOURS["before"] if yr < trust_since else COLOURS["actual"] for yr in years]
    for i, (xm, r, colour) in enumerate(zip(xs, rates, colours, strict=True)):
        c.vbar(f"rate-{i}", y, r, xm - 0.3 * pitch, 0.6 * pitch, colour)
    c.spines()
    c.values([(xm, y(max(r, 0)) - 3, pct(r)) for xm, r in zip(xs, rates, strict=True)],
             "middle")
    rows = tuple((str(y), str(b), str(p), pct(p / b if b else None))
                 for y, b, p in zip(years, billed, paid, strict=True))
    key = ((COLOURS["before"], "实行信托制前"), (COLOURS["actual"], "实行信托制后"))
    return Chart(chart_id, title, c.svg(), ("年度", "应缴户数", "已缴户数", "收缴率（按户）"),
                 rows, key if min(years, default=trust_since) < trust_since else ())


def raised_spent_chart(chart_id: str, title: str, years: Sequence[int],
                       raised: Sequence[Number], spent: Sequence[Number],
                       lang: str = "zh") -> Chart:
    """Grouped vertical bars per year: donations raised and payments made."""
    series = {"raised": _floats(raised), "spent": _floats(spent)}
    lo, hi = _domain([*series["raised"], *series["spent"]])
    ticks, unit = _money_ticks(lo, hi, lang)
    c = _Canvas(chart_id, 187.2 + UNIT_ROOM, left=_tick_room(ticks), top=10 + UNIT_ROOM)
    c.unit_y(unit)
    xs = c.slots(len(years))
    pitch = (c.x1 - c.x0) / max(len(years), 1)
    y = _scale(lo, hi, c.y1, c.y0)
    c.value_axis_y(ticks, y)
    c.category_axis_x(xs, _year_labels(years))
    for (name, values), shift, colour in zip(series.items(), (-0.4, 0),
                                             (COLOURS["income"], COLOURS["expense"]),
                                             strict=True):
        for i, (xm, v) in enumerate(zip(xs, values, strict=True)):
            c.vbar(f"{name}-{i}", y, v, xm + shift * pitch, 0.4 * pitch, colour)
    c.spines()
    rows = tuple((str(y), money(r), money(s))
                 for y, r, s in zip(years, raised, spent, strict=True))
    return Chart(chart_id, title, c.svg(), ("年度", "募集（元）", "拨付（元）"), rows,
                 ((COLOURS["income"], "募集"), (COLOURS["expense"], "拨付")))


def communities_collection_chart(chart_id: str, title: str, names: Sequence[str],
                                 years: Sequence[int], billed: Sequence[int],
                                 paid: Sequence[int]) -> Chart:
    """Horizontal bars, one per community in the order given, of its latest collection rate
    (households): rates compare communities of any size."""
    rates = [p / b if b else 0.0 for p, b in zip(paid, billed, strict=True)]
    ends = [pct(r) for r in rates]
    c = _Canvas(chart_id, 43.2 + 27.36 * len(names), left=_label_room(names),
                right=_value_room(ends))
    x = _scale(0, _rate_top(rates), c.x0, c.x1)
    c.value_axis_x(_rate_ticks(), x)
    pitch = (c.y1 - c.y0) / max(len(names), 1)
    middles = [c.y0 + (i + 0.5) * pitch for i in range(len(names))]
    for i, (ym, r) in enumerate(zip(middles, rates, strict=True)):
        c.hbar(f"rate-{i}", x, r, ym, 0.6 * pitch, COLOURS["actual"])
    c.spines()
    c.labels_y([_short(s) for s in names], middles)
    c.values([(x(max(r, 0)) + 3, ym, text)
              for r, ym, text in zip(rates, middles, ends, strict=True)], "start")
    rows = tuple((n, str(y), str(b), str(p), pct(p / b if b else None))
                 for n, y, b, p in zip(names, years, billed, paid, strict=True))
    return Chart(chart_id, title, c.svg(),
                 ("小区", "年度", "应缴户数", "已缴户数", "收缴率（按户）"), rows)


# Drawing.

def _n(value: float) -> str:
    """A coordinate to 0.1 point, without a needless ".0" or "-0"."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _scale(lo: float, hi: float, start: float, end: float) -> Callable[[float], float]:
    """Maps lo..hi (data) onto start..end (points)."""
    factor = (end - start) / (hi - lo)
    return lambda v: start + (v - lo) * factor


class _Canvas:
    """A chart of WIDTH by height points whose axes leave the given margins. Its parts are
    collected in drawing order: gridlines below the bars, axes and labels above them."""

    def __init__(self, chart_id: str, height: float, left: float, right: float = 14,
                 top: float = 10, bottom: float = 24) -> None:
        self.id, self.height = chart_id, height
        self.x0, self.x1, self.y0, self.y1 = left, WIDTH - right, top, height - bottom
        self.parts: list[str] = []

    def svg(self) -> str:
        family = ", ".join(f if f == "sans-serif" else f"'{f}'" for f in FONTS)
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(WIDTH)} '
                f'{_n(self.height)}" role="img" aria-labelledby="{escape(self.id)}-title" '
                f'font-family="{family}" font-size="{FONT_SIZE}">{"".join(self.parts)}</svg>')

    def slots(self, count: int) -> list[float]:
        """The middles of count equal slots across the axes, left to right."""
        pitch = (self.x1 - self.x0) / max(count, 1)
        return [self.x0 + (i + 0.5) * pitch for i in range(count)]

    def _path(self, d: Iterable[str], colour: str) -> None:
        path = "".join(d)
        if path:
            self.parts.append(f'<path d="{path}" fill="none" stroke="{colour}" '
                              'stroke-width="0.8"/>')

    def _texts(self, texts: Iterable[tuple[float, float, str]], anchor: str,
               extra: str = f' fill="{INK["tick"]}"') -> None:
        body = "".join(f'<text x="{_n(x)}" y="{_n(y)}">{escape(s)}</text>'
                       for x, y, s in texts if s)
        if body:
            self.parts.append(f'<g text-anchor="{anchor}"{extra}>{body}</g>')

    def value_axis_y(self, ticks: Sequence[tuple[float, str]],
                     y: Callable[[float], float]) -> None:
        """Horizontal gridlines, tick marks and labels for the values, on the left."""
        rows = [(y(v), label) for v, label in ticks]
        self._path((f"M{_n(self.x0)} {_n(p)}H{_n(self.x1)}" for p, _ in rows if p < self.y1),
                   INK["grid"])
        self._path((f"M{_n(self.x0)} {_n(p)}h-{TICK}" for p, _ in rows), INK["tick"])
        self._texts(((self.x0 - 7, p + 0.35 * FONT_SIZE, label) for p, label in rows), "end")

    def unit_y(self, unit: str) -> None:
        """The unit of a value axis on the left, above its top tick."""
        self._texts([(2, 12, unit)], "start")

    def unit_x(self, unit: str) -> None:
        """The unit of a value axis along the bottom, under its tick labels, at its end."""
        self._texts([(self.x1, self.y1 + 33, unit)], "end")

    def value_axis_x(self, ticks: Sequence[tuple[float, str]],
                     x: Callable[[float], float]) -> None:
        """Vertical gridlines, tick marks and labels for the values, along the bottom."""
        columns = [(x(v), label) for v, label in ticks]
        self._path((f"M{_n(p)} {_n(self.y0)}V{_n(self.y1)}" for p, _ in columns
                    if p > self.x0), INK["grid"])
        self.category_axis_x([p for p, _ in columns], [label for _, label in columns])

    def category_axis_x(self, xs: Sequence[float], labels: Sequence[str]) -> None:
        """Tick marks along the bottom, each labelled (or not, with an empty label)."""
        self._path((f"M{_n(p)} {_n(self.y1)}v{TICK}" for p in xs), INK["tick"])
        self._texts(((p, self.y1 + 16, label) for p, label in zip(xs, labels, strict=True)),
                    "middle")

    def labels_y(self, labels: Sequence[str], ys: Sequence[float]) -> None:
        """Category labels left of the axes, without tick marks."""
        self._texts(((self.x0 - 5, p + 0.35 * FONT_SIZE, label)
                     for p, label in zip(ys, labels, strict=True)), "end")

    def values(self, texts: Sequence[tuple[float, float, str]], anchor: str) -> None:
        """Figures at the ends of bars: vertically centred on y when written after a
        horizontal bar, with their baseline at y above a vertical one."""
        rise = 0.35 * VALUE_SIZE if anchor == "start" else 0
        self._texts(((x, y + rise, s) for x, y, s in texts), anchor,
                    f' font-size="{VALUE_SIZE}" fill="{INK["value"]}"')

    def spines(self) -> None:
        self._path([f"M{_n(self.x0)} {_n(self.y0)}V{_n(self.y1)}H{_n(self.x1)}"], INK["axis"])

    def _rect(self, name: str, x: float, y: float, w: float, h: float, colour: str) -> None:
        self.parts.append(f'<rect id="{escape(self.id)}-{name}" x="{_n(x)}" y="{_n(y)}" '
                          f'width="{_n(w)}" height="{_n(h)}" fill="{colour}"/>')

    def hbar(self, name: str, x: Callable[[float], float], value: float, middle: float,
             thickness: float, colour: str) -> None:
        start, end = sorted((x(0), x(value)))
        self._rect(name, start, middle - thickness / 2, end - start, thickness, colour)

    def vbar(self, name: str, y: Callable[[float], float], value: float, left: float,
             thickness: float, colour: str) -> None:
        top, bottom = sorted((y(0), y(value)))
        self._rect(name, left, top, thickness, bottom - top, colour)

    def line(self, name: str, points: Sequence[tuple[float, float]], colour: str,
             dots: bool) -> None:
        """A line named e.g. chart-months-income, with a dot on each point if asked."""
        coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        self.parts.append(f'<polyline id="{escape(self.id)}-{name}" points="{coords}" '
                          f'fill="none" stroke="{colour}" stroke-width="2" '
                          'stroke-linejoin="round"/>')
        if dots and points:
            circles = "".join(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2"/>' for x, y in points)
            self.parts.append(f'<g fill="{colour}">{circles}</g>')


def _floats(values: Sequence[Number]) -> list[float]:
    return [float(v) for v in values]


def _domain(values: Sequence[float]) -> tuple[float, float]:
    """The value axis: from zero (or below, for a negative value) to 5% past the largest."""
    lo, hi = min([*values, 0.0]) * 1.05, max([*values, 0.0]) * 1.05
    return (lo, hi) if hi > lo else (0.0, 1.0)


def _rate_top(rates: Sequence[float]) -> float:
    """Rate axes reach 112%, room for the figure above a full bar, or past the largest."""
    return max([*rates, 0.0]) * 1.05 if max(rates, default=0) > 1.12 / 1.05 else 1.12


def _ems(text: str) -> float:
    """Width in ems as a Chinese font draws it: CJK characters are square, others narrower."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.6 for ch in text)


def _short(label: str, ems: float = 8) -> str:
    """The label, cut with an ellipsis to fit the margin; the table has it in full."""
    if _ems(label) <= ems:
        return label
    while _ems(label + "…") > ems:
        label = label[:-1]
    return label + "…"


def _label_room(labels: Sequence[str]) -> float:
    """Points left of the axes for labels drawn by _short."""
    return max((_ems(_short(s)) for s in labels), default=2) * FONT_SIZE + 12


def _value_room(texts: Sequence[str]) -> float:
    """Points right of the axes for the figures written after the longest bar."""
    return max(14.0, max((_ems(s) for s in texts), default=0) * VALUE_SIZE + 6)


def _tick_room(ticks: Sequence[tuple[float, str]]) -> float:
    """Points left of the axes for the value labels, at least as much as before."""
    return max(40.0, max((_ems(s) for _, s in ticks), default=0) * FONT_SIZE + 10)


def _money_ticks(lo: float, hi: float, lang: str = "zh") -> tuple[list[tuple[float, str]], str]:
    """At most five ticks within lo..hi, as matplotlib's MaxNLocator(4) placed them: the
    smallest round step (1, 2, 2.5 or 5 times a power of ten) that splits lo..hi into four
    parts or fewer; and the unit they are written in (UNITS)."""
    raw = (hi - lo) / 4 * (1 - 1e-9)
    exponent = math.floor(math.log10(raw))
    step = next(s * 10.0 ** e for e in (exponent, exponent + 1) for s in (1, 2, 2.5, 5, 10)
                if s * 10.0 ** e >= raw)
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    values = [k * step for k in range(first, last + 1)]
    top = max((abs(v) for v in values), default=0)
    size, unit = next(((s, u) for s, u in UNITS[lang] if top >= s), UNITS[lang][-1])
    return [(v, _plain(v / size)) for v in values], unit


def _plain(value: float) -> str:
    """A tick's figure with thousands separators and no exponent: 1,000, 2.5, 0."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _rate_ticks() -> list[tuple[float, str]]:
    return [(v, f"{v * 100:.0f}%") for v in (0, 0.25, 0.5, 0.75, 1)]


def _month_ticks(months: Sequence[str]) -> tuple[list[int], list[str]]:
    """Tick every month, quarter, half year or January, so that labels never crowd."""
    step = next(s for s, most in ((1, 6), (3, 18), (6, 36), (12, 10**6)) if len(months) <= most)
    ticks = [i for i, m in enumerate(months) if (int(m[5:]) - 1) % step == 0]
    labels = [months[i][:4] if step == 12 else f"{months[i][:4]}.{int(months[i][5:])}"
              for i in ticks]
    return ticks, labels


def _year_labels(years: Sequence[int]) -> list[str]:
    """A tick per year; with more than six, every second (third...) one is labelled."""
    step = -(-len(years) // 6)
    return [str(y) if i % step == 0 else "" for i, y in enumerate(years)]
