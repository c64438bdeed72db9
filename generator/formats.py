"""How figures are written on the site: money, percentages, months and file sizes. One
owner, used by the templates (as filters), the charts, the ledger rows and the feed, so
that a figure reads the same wherever it is shown."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

MONTHS_EN = tuple(calendar.month_name)
MONTHS_EN_SHORT = tuple(calendar.month_abbr)


def money(value: Decimal | float | int) -> str:
    """Yuan to the fen, with thousands separators: 12,345.60."""
    return f"{Decimal(value):,.2f}"


def pct(value: float | None, digits: int = 1) -> str:
    """A share as a percentage without needless zeros: 0.995 -> 99.5%, 0.15 -> 15%."""
    if value is None:
        return "—"
    text = f"{value * 100:.{digits}f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def day_label(day: date, lang: str = "zh") -> str:
    """A day as a sentence says it: 2024 年 3 月 5 日, 5 March 2024."""
    if lang == "en":
        return f"{day.day} {MONTHS_EN[day.month]} {day.year}"
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def month_label(month: str, lang: str = "zh") -> str:
    """YYYY-MM as residents read it: 2023 年 3 月, March 2023."""
    year, mon = month.split("-")
    return f"{MONTHS_EN[int(mon)]} {year}" if lang == "en" else f"{year} 年 {int(mon)} 月"


def month_short(month: str, lang: str = "zh") -> str:
    """A month without its year, for a column heading: 3 月, Mar."""
    return MONTHS_EN_SHORT[int(month[5:])] if lang == "en" else f"{int(month[5:])} 月"


def size(count: int) -> str:
    """A file's size in bytes as a download link shows it: 812 B, 3.4 KB, 1.2 MB."""
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / 1024 / 1024:.1f} MB"
