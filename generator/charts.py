"""Charts drawn at build time: matplotlib turns plain numbers into small inline SVGs.

No JavaScript and nothing from another host. The output is deterministic, byte for byte
and from one machine to the next: text is measured with DejaVu Sans, which ships with
matplotlib, and written as text (``svg.fonttype: none``) for the reader's own Chinese
fonts (``FONTS``); layouts never depend on a measured width, so the browser's wider
glyphs cannot collide. Every function takes labels and numbers, not model objects, and
returns a ``Chart`` whose table repeats the figures for screen readers and print.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from markupsafe import Markup

Number = Decimal | float | int

WIDTH = 5.0  # inches: 360 pt, shown about 1:1 on a phone's 340 px column
FONT_SIZE = 12
FONTS = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei",
         "sans-serif")
COLOURS = {"income": "#1b7f3b", "expense": "#b3261e", "budget": "#c5d0d8",
           "actual": "#00796b", "before": "#b0bec5", "over": "#b3261e"}
RC: dict[str, Any] = {
    "svg.hashsalt": "xinyi-portal", "svg.fonttype": "none", "path.simplify": False,
    "font.family": ["DejaVu Sans"], "font.size": FONT_SIZE, "text.parse_math": False,
    "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": "#757575",
    "axes.axisbelow": True, "axes.unicode_minus": False, "grid.color": "#e0e0e0",
    "xtick.color": "#424242", "ytick.color": "#424242", "lines.linewidth": 2,
}
NO_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}


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
        # Safe to insert: matplotlib drew it from numbers and XML-escapes every label
        # (tests/test_charts.py proves it with a hostile category name).
        return Markup(self.svg)


def budget_chart(chart_id: str, title: str, labels: Sequence[str], budget: Sequence[Number],
                 actual: Sequence[Number]) -> Chart:
    """Horizontal bars, first label on top: a wide pale bar for the budget, a narrow one for
    what was spent (red when over 110%), and the execution rate at the end of each row."""
    b, a = _floats(budget), _floats(actual)
    rates = [float(Decimal(x) / Decimal(y)) if y else None
             for x, y in zip(actual, budget, strict=True)]  # as BudgetRow.execution
    with _style():
        fig, ax = _axes(0.75 + 0.36 * len(labels), left=_label_room(labels), right=40)
        ys = range(len(labels))[::-1]
        _gids(ax.barh(ys, b, height=0.75, color=COLOURS["budget"]), chart_id, "budget")
        colours = [COLOURS["over"] if r and r > 1.1 else COLOURS["actual"] for r in rates]
        _gids(ax.barh(ys, a, height=0.35, color=colours), chart_id, "actual")
        for y, x, top, r in zip(ys, a, b, rates, strict=True):
            ax.text(max(x, top), y, f" {pct(r)}", va="center", fontsize=11)
        ax.set_yticks(list(ys), [_short(s) for s in labels])
        ax.tick_params(axis="y", length=0)
        _money_axis(ax.xaxis, max([*b, *a, 1]))
        ax.grid(axis="x")
        svg = _svg(fig, chart_id)
    rows = tuple((s, money(y) if y else "—", money(x), pct(r))
                 for s, y, x, r in zip(labels, budget, actual, rates, strict=True))
    key = ((COLOURS["budget"], "预算"), (COLOURS["actual"], "实际"))
    over = ((COLOURS["over"], "超出预算 10% 以上"),) if COLOURS["over"] in colours else ()
    return Chart(chart_id, title, svg, ("科目", "预算（元）", "实际（元）", "执行率"), rows,
                 key + over)


def monthly_chart(chart_id: str, title: str, months: Sequence[str], income: Sequence[Number],
                  expense: Sequence[Number]) -> Chart:
    """Two lines across the months ("YYYY-MM"), income and expense."""
    xs = list(range(len(months)))
    marker = "o" if len(months) <= 12 else ""
    with _style():
        fig, ax = _axes(2.6, left=46)
        for name, series in (("income", income), ("expense", expense)):
            (line,) = ax.plot(xs, _floats(series), color=COLOURS[name], marker=marker,
                              markersize=4)
            line.set_gid(f"{chart_id}-{name}")
        ax.set_xlim(-0.5, len(months) - 0.5)
        ax.set_xticks(*_month_ticks(months))
        ax.set_ylim(bottom=0)
        _money_axis(ax.yaxis, max([*_floats(income), *_floats(expense), 1]))
        ax.grid(axis="y")
        svg = _svg(fig, chart_id)
    rows = tuple((month_zh(m), money(i), money(e))
                 for m, i, e in zip(months, income, expense, strict=True))
    return Chart(chart_id, title, svg, ("月份", "收入（元）", "支出（元）"), rows,
                 ((COLOURS["income"], "收入"), (COLOURS["expense"], "支出")))


def collection_chart(chart_id: str, title: str, years: Sequence[int], billed: Sequence[int],
                     paid: Sequence[int], trust_since: int) -> Chart:
    """Vertical bars of the collection rate (households) per year, paler before the trust."""
    rates = [p / b if b else 0.0 for p, b in zip(paid, billed, strict=True)]
    with _style():
        fig, ax = _axes(2.4, left=40)
        colours = [COLOURS["before"] if y < trust_since else COLOURS["actual"] for y in years]
        bars = ax.bar(range(len(years)), rates, width=0.6, color=colours)
        _gids(bars, chart_id, "rate")
        _bar_labels(ax, bars, [pct(r) for r in rates])
        _year_ticks(ax, years)
        _rate_axis(ax.yaxis)
        svg = _svg(fig, chart_id)
    rows = tuple((str(y), str(b), str(p), pct(p / b if b else None))
                 for y, b, p in zip(years, billed, paid, strict=True))
    key = ((COLOURS["before"], "实行信托制前"), (COLOURS["actual"], "实行信托制后"))
    return Chart(chart_id, title, svg, ("年度", "应缴户数", "已缴户数", "收缴率（按户）"), rows,
                 key if min(years, default=trust_since) < trust_since else ())


def raised_spent_chart(chart_id: str, title: str, years: Sequence[int],
                       raised: Sequence[Number], spent: Sequence[Number]) -> Chart:
    """Grouped vertical bars per year: donations raised and payments made."""
    xs = range(len(years))
    with _style():
        fig, ax = _axes(2.6, left=46)
        for name, series, shift, colour in (("raised", raised, -0.2, COLOURS["income"]),
                                            ("spent", spent, 0.2, COLOURS["expense"])):
            _gids(ax.bar([x + shift for x in xs], _floats(series), width=0.4, color=colour),
                  chart_id, name)
        _year_ticks(ax, years)
        _money_axis(ax.yaxis, max([*_floats(raised), *_floats(spent), 1]))
        ax.grid(axis="y")
        svg = _svg(fig, chart_id)
    rows = tuple((str(y), money(r), money(s))
                 for y, r, s in zip(years, raised, spent, strict=True))
    return Chart(chart_id, title, svg, ("年度", "募集（元）", "拨付（元）"), rows,
                 ((COLOURS["income"], "募集"), (COLOURS["expense"], "拨付")))


def communities_collection_chart(chart_id: str, title: str, names: Sequence[str],
                                 years: Sequence[int], billed: Sequence[int],
                                 paid: Sequence[int]) -> Chart:
    """Horizontal bars, one per community in the order given, of its latest collection rate
    (households): rates compare communities of any size."""
    rates = [p / b if b else 0.0 for p, b in zip(paid, billed, strict=True)]
    with _style():
        fig, ax = _axes(0.6 + 0.38 * len(names), left=_label_room(names), right=40)
        ys = range(len(names))[::-1]
        bars = ax.barh(ys, rates, height=0.6, color=COLOURS["actual"])
        _gids(bars, chart_id, "rate")
        for y, r in zip(ys, rates, strict=True):
            ax.text(r, y, f" {pct(r)}", va="center", fontsize=11)
        ax.set_yticks(list(ys), [_short(s) for s in names])
        ax.tick_params(axis="y", length=0)
        _rate_axis(ax.xaxis)
        svg = _svg(fig, chart_id)
    rows = tuple((n, str(y), str(b), str(p), pct(p / b if b else None))
                 for n, y, b, p in zip(names, years, billed, paid, strict=True))
    return Chart(chart_id, title, svg, ("小区", "年度", "应缴户数", "已缴户数", "收缴率（按户）"),
                 rows)


# Formatting: the same text as render.money, render.pct and render.month_zh (tested), kept
# here so that this module needs nothing from the render stage.

def money(value: Number) -> str:
    return f"{Decimal(value):,.2f}"


def pct(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value * 100:.1f}"
    return text.rstrip("0").rstrip(".") + "%"


def month_zh(month: str) -> str:
    return f"{month[:4]} 年 {int(month[5:])} 月"


# Drawing helpers.

@cache
def _matplotlib() -> Any:
    """matplotlib, imported on first use: the import takes a good part of a second."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.figure
    import matplotlib.ticker

    return matplotlib


@contextmanager
def _style() -> Iterator[None]:
    with _matplotlib().rc_context(RC), warnings.catch_warnings():
        # DejaVu Sans has no Chinese glyphs; only its metrics are used, the text stays text.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield


def _axes(height: float, left: float, bottom: float = 24, right: float = 14,
          top: float = 10) -> tuple[Any, Any]:
    """A figure of fixed size whose axes leave the given margins, in points."""
    fig = _matplotlib().figure.Figure(figsize=(WIDTH, height))
    w, h = WIDTH * 72, height * 72
    ax = fig.add_axes((left / w, bottom / h, 1 - (left + right) / w, 1 - (bottom + top) / h))
    fig.patch.set_visible(False)
    ax.patch.set_visible(False)
    return fig, ax


def _floats(values: Sequence[Number]) -> list[float]:
    return [float(v) for v in values]


def _gids(bars: Any, chart_id: str, series: str) -> None:
    """Names each bar, e.g. chart-budget-actual-0, so that tests and styles can find it."""
    for i, bar in enumerate(bars):
        bar.set_gid(f"{chart_id}-{series}-{i}")


def _bar_labels(ax: Any, bars: Any, texts: Sequence[str]) -> None:
    for bar, text in zip(bars, texts, strict=True):
        ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), text, ha="center",
                va="bottom", fontsize=11)


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


def _money_axis(axis: Any, top: float) -> None:
    """At most five ticks, in 万 (ten thousand yuan) once amounts reach it."""
    ticker = _matplotlib().ticker
    axis.set_major_locator(ticker.MaxNLocator(4))
    axis.set_major_formatter(ticker.FuncFormatter(
        lambda v, _: ("0" if v == 0 else f"{v / 10000:g}万") if top >= 10000 else f"{v:,g}"))


def _rate_axis(axis: Any) -> None:
    ticker = _matplotlib().ticker
    axis.set_view_interval(0, 1.12, ignore=True)
    axis.set_major_locator(ticker.FixedLocator([0, 0.25, 0.5, 0.75, 1]))
    axis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v * 100:.0f}%"))


def _month_ticks(months: Sequence[str]) -> tuple[list[int], list[str]]:
    """Tick every month, quarter, half year or January, so that labels never crowd."""
    step = next(s for s, most in ((1, 6), (3, 18), (6, 36), (12, 10**6)) if len(months) <= most)
    ticks = [i for i, m in enumerate(months) if (int(m[5:]) - 1) % step == 0]
    labels = [months[i][:4] if step == 12 else f"{months[i][:4]}.{int(months[i][5:])}"
              for i in ticks]
    return ticks, labels


def _year_ticks(ax: Any, years: Sequence[int]) -> None:
    """A tick per year; with more than six, every second (third...) one is labelled."""
    step = -(-len(years) // 6)
    ax.set_xticks(range(len(years)), [str(y) if i % step == 0 else "" for i, y in enumerate(years)])


def _svg(fig: Any, chart_id: str) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata=NO_METADATA)
    return tidy(out.getvalue(), chart_id)


ROOT = re.compile(r"<svg [^>]*viewBox=\"([^\"]+)\"[^>]*>")
NUMBER = re.compile(r"-?\d+\.\d+")
ATTRIBUTE = re.compile(r'( (?:d|x|y|width|height|transform)=")([^"]*)"')


def tidy(svg: str, chart_id: str) -> str:
    """matplotlib's SVG made fit to inline: no prologue, comments or metadata, coordinates
    to 0.1 pt, ids scoped to the chart, sized by its container, labelled by its caption."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<!--.*?-->|<defs>\s*<style[^>]*>.*?</style>\s*</defs>", "", svg, flags=re.S)
    svg = re.sub(r">\s+<", "><", svg).replace("<g/>", "")
    svg = ATTRIBUTE.sub(lambda m: m[1] + _round(" ".join(m[2].split())) + '"', svg)
    svg = re.sub(r' transform="rotate\(-?0 [^")]*\)"', "", svg)
    svg = svg.replace("; font-family: 'DejaVu Sans'", "").replace("xlink:href=", "href=")
    svg = _scope_ids(svg, chart_id)
    family = ", ".join(f if f == "sans-serif" else f"'{f}'" for f in FONTS)
    return ROOT.sub(
        lambda m: f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{m[1]}" role="img" '
                  f'aria-labelledby="{chart_id}-title" font-family="{family}" '
                  'stroke-linejoin="round" stroke-linecap="butt">', svg, count=1).strip()


def _round(values: str) -> str:
    return NUMBER.sub(lambda m: f"{float(m[0]):.1f}".removesuffix(".0"), values)


def _scope_ids(svg: str, chart_id: str) -> str:
    """Keeps only ids something refers to (clip paths, tick marks) and the bars' names,
    prefixed with the chart's id: a page holds several charts in one id space."""
    refs = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg))

    def keep(m: re.Match[str]) -> str:
        if m[1] in refs:
            return f' id="{chart_id}-{m[1]}"'
        return m[0] if m[1].startswith(f"{chart_id}-") else ""

    svg = re.sub(r' id="([^"]+)"', keep, svg)
    return re.sub(r'(url\(#|href="#)([^)"]+)', lambda m: f"{m[1]}{chart_id}-{m[2]}", svg)
