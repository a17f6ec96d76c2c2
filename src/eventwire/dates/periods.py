"""Calendar arithmetic on inclusive day ranges: weeks, months, years, decades and thirds.

Everything returns ``(start, end)`` pairs of dates, both inclusive, and may raise
``ValueError``/``OverflowError`` near ``date.min``/``date.max``; the resolver catches those
so odd input yields ``None`` rather than an exception.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Period = tuple[date, date]

# "early", "mid", "late" split a unit into thirds; "the beginning/start/end/middle of" are
# read as the same thirds.
PART_ALIASES: dict[str, str] = {
    "early": "early",
    "beginning": "early",
    "start": "early",
    "mid": "mid",
    "middle": "mid",
    "late": "late",
    "end": "late",
}


def day(d: date) -> Period:
    return d, d


def week_of(d: date) -> Period:
    """The ISO week (Monday to Sunday) containing ``d``."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def month(year: int, month_number: int) -> Period:
    last = calendar.monthrange(year, month_number)[1]
    return date(year, month_number, 1), date(year, month_number, last)


def year(y: int) -> Period:
    return date(y, 1, 1), date(y, 12, 31)


def add_months(y: int, m: int, delta: int) -> tuple[int, int]:
    """(year, month) ``delta`` months away from (y, m)."""
    index = y * 12 + (m - 1) + delta
    return index // 12, index % 12 + 1


def most_recent_weekday(published: date, weekday: int, strictly_before: bool) -> date:
    """The latest ``weekday`` (0=Monday) on or before ``published`` (strictly before if asked)."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - timedelta(days=back)


def next_weekday(published: date, weekday: int) -> date:
    """The first ``weekday`` strictly after ``published``."""
    ahead = (weekday - published.weekday()) % 7 or 7
    return published + timedelta(days=ahead)


def last_weekend(published: date) -> Period:
    """The Saturday-Sunday of "over the weekend".

    On a Saturday or Sunday that is the current weekend; on any other day the one just past.
    """
    saturday = most_recent_weekday(published, 5, strictly_before=False)
    return saturday, saturday + timedelta(days=1)


def month_third(period: Period, part: str) -> Period:
    """Days 1-10, 11-20 or 21-end of a month."""
    start, end = period
    if part == "early":
        return start, start.replace(day=10)
    if part == "mid":
        return start.replace(day=11), start.replace(day=20)
    return start.replace(day=21), end


def year_third(y: int, part: str) -> Period:
    """January-April, May-August or September-December."""
    first = {"early": 1, "mid": 5, "late": 9}[part]
    return date(y, first, 1), month(y, first + 3)[1]


def decade(first_year: int, part: str | None) -> Period:
    """A decade, or its early (0-3), mid (4-6) or late (7-9) years."""
    offsets = {None: (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
    return date(first_year + offsets[0], 1, 1), date(first_year + offsets[1], 12, 31)


def clip_end(period: Period, published: date) -> Period:
    """Cut a period that runs past ``published`` back to it ("earlier this month")."""
    start, end = period
    return start, min(end, max(start, published))
