"""Turn one detected expression (its family and regex groups) into an inclusive day range.

Conventions, all relative to the publication date ``published`` (P):

* Past preference: a month or day named without a year is the latest one not after P
  ("in May" on 2019-06-20 is May 2019; "in July" is July 2018; "on 3 February" is 2019-02-03).
* A bare weekday ("on Tuesday", "Tuesday night") is the latest such day on or before P, so
  "Thursday" in a Thursday report is P itself; "last Tuesday" is strictly before P;
  "next Tuesday" strictly after; "Tuesday last week" is the Tuesday of the previous ISO week.
* Weeks are ISO weeks (Monday-Sunday). "this week", "this month", "this year" and
  "earlier this ..." run from the start of the unit to P; "later this ..." from P to its end.
* "over the weekend" / "last weekend" is the Saturday-Sunday just past, or the current one
  when P is itself a Saturday or Sunday.
* "N days ago" is a day; "N weeks ago" the week centred on P minus N weeks; "N months ago"
  and "N years ago" the calendar month or year. "in the past N days" runs from P-(N-1) to P.
* Precision is the coarsest unit the expression names; "early/mid/late" only narrow the range
  to a third of it (days 1-10/11-20/21-end; Jan-Apr/May-Aug/Sep-Dec; decade years 0-3/4-6/
  7-9). "the early 1990s" is therefore 1990-01-01..1993-12-31 with precision "year".
* Two-digit years are 20YY when that is not after P's year (or YY <= 30 without P), else 19YY.
* Without P every relative expression resolves to ``None``; absolute ones still resolve.
* Vague amounts ("a few days ago", "several weeks ago") resolve to ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from eventwire.dates import periods
from eventwire.dates.lexicon import MONTH_NUMBER, NUMBER_WORDS, WEEKDAY_NUMBER
from eventwire.model import DatePrecision

Groups = dict[str, str | None]
Resolved = tuple[date, date, DatePrecision]


def _month(groups: Groups) -> int:
    return MONTH_NUMBER[(groups["month"] or "")[:3].lower()]


def _part(groups: Groups) -> str | None:
    raw = (groups.get("part") or "").lower().split()
    words = [w for w in raw if w not in ("the", "of")]
    return periods.PART_ALIASES.get(words[0].rstrip("-")) if words else None


def _number(raw: str | None) -> int | None:
    """Read a small count: "two" -> 2, "12" -> 12, "a couple of" -> 2, missing -> 1."""
    if raw is None:
        return 1
    words = raw.lower().split()
    if raw.isdigit():
        return int(raw)
    key = "couple" if "couple" in words else words[0]
    return NUMBER_WORDS.get(key)


def _two_digit_year(yy: int, published: date | None) -> int:
    if published is not None:
        return 2000 + yy if 2000 + yy <= published.year else 1900 + yy
    return 2000 + yy if yy <= 30 else 1900 + yy


def _explicit_year(groups: Groups, published: date | None) -> int | None:
    if groups.get("year"):
        return int(groups["year"] or 0)
    if groups.get("yy"):
        return _two_digit_year(int(groups["yy"] or 0), published)
    return None


def _calendar_day(groups: Groups, month_number: int, published: date | None) -> Resolved | None:
    """A day (or "12-13 January" day span) of a month, with past preference for the year."""
    first = int(groups["day"] or 0)
    last = int(groups.get("day2") or first)
    if last < first:
        return None
    y = _explicit_year(groups, published)
    if y is None:
        if published is None:
            return None
        y = published.year
        if date(y, month_number, first) > published:
            y -= 1
    return date(y, month_number, first), date(y, month_number, last), "day"


def _iso(groups: Groups, published: date | None) -> Resolved | None:
    d = date(int(groups["year"] or 0), int(groups["mnum"] or 0), int(groups["day"] or 0))
    return d, d, "day"


def _day_month(groups: Groups, published: date | None) -> Resolved | None:
    return _calendar_day(groups, _month(groups), published)


def _month_year(groups: Groups, published: date | None) -> Resolved | None:
    span = periods.month(int(groups["year"] or 0), _month(groups))
    part = _part(groups)
    start, end = periods.month_third(span, part) if part else span
    return start, end, "month"


def _month_only(groups: Groups, published: date | None) -> Resolved | None:
    if published is None:
        return None
    m = _month(groups)
    relyear = (groups.get("relyear") or "").lower()
    y = published.year + {"last": -1, "next": 1}.get(relyear, 0)
    if not relyear and (m > published.month or (groups.get("rel") and m == published.month)):
        y -= 1
    part = _part(groups)
    span = periods.month(y, m)
    start, end = periods.month_third(span, part) if part else span
    return start, end, "month"


def _year(groups: Groups, published: date | None) -> Resolved | None:
    y = int(groups["year"] or 0)
    part = _part(groups)
    start, end = periods.year_third(y, part) if part else periods.year(y)
    return start, end, "year"


def _decade(groups: Groups, published: date | None) -> Resolved | None:
    start, end = periods.decade(int(groups["decade"] or 0), _part(groups))
    return start, end, "year"


def _back(unit: str, n: int, published: date) -> Resolved:
    """The period ``n`` units before ``published`` ("two days ago", "three months ago")."""
    if unit in ("day", "night"):
        d = published - timedelta(days=n)
        return d, d, "day"
    if unit == "hour":
        d = published - timedelta(days=n // 24)
        return d, d, "day"
    if unit in ("week", "fortnight"):
        centre = published - timedelta(weeks=n * (2 if unit == "fortnight" else 1))
        return centre - timedelta(days=3), min(centre + timedelta(days=3), published), "week"
    if unit == "month":
        y, m = periods.add_months(published.year, published.month, -n)
        return *periods.month(y, m), "month"
    return *periods.year(published.year - n), "year"


def _ago(groups: Groups, published: date | None) -> Resolved | None:
    n = _number(groups["num"])
    if published is None or n is None:
        return None
    return _back((groups["unit"] or "").lower(), n, published)


def _window(groups: Groups, published: date | None) -> Resolved | None:
    """Read "in the past N units" as the N units that end with the publication day."""
    n = _number(groups.get("num"))
    if published is None or not n:
        return None
    unit = (groups["unit"] or "").lower()
    precision: DatePrecision
    if unit in ("month", "year"):
        y, m = periods.add_months(
            published.year, published.month, -n * (1 if unit == "month" else 12)
        )
        start = date(y, m, min(published.day, periods.month(y, m)[1].day)) + timedelta(days=1)
        precision = "month" if unit == "month" else "year"
        return start, published, precision
    if unit in ("hour", "day", "night"):
        days, precision = (-(-n // 24) if unit == "hour" else n), "day"
    else:
        days, precision = n * (14 if unit == "fortnight" else 7), "week"
    return published - timedelta(days=days - 1), published, precision


def _relative_unit(groups: Groups, published: date | None) -> Resolved | None:
    if published is None:
        return None
    if groups.get("weekend"):
        return *periods.last_weekend(published), "week"
    which = (groups["which"] or "").lower()
    unit = (groups["unit"] or "").lower()
    part = (groups.get("part") or "").lower()
    if unit == "weekend":
        if which == "next":
            saturday = periods.next_weekday(published, 5)
            return saturday, saturday + timedelta(days=1), "week"
        return *periods.last_weekend(published), "week"
    if which == "past":
        return _window({"num": None, "unit": unit}, published)
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        span = periods.week_of(published + timedelta(weeks=step))
        precision: DatePrecision = "week"
    elif unit == "month":
        span = periods.month(*periods.add_months(published.year, published.month, step))
        precision = "month"
    else:
        span = periods.year(published.year + step)
        precision = "year"
    if step == 0 and part in ("", "earlier", "early"):
        span = periods.clip_end(span, published)
    elif step == 0 and part in ("later", "late"):
        span = (max(span[0], published), span[1])
    return *span, precision


def _relative_day(groups: Groups, published: date | None) -> Resolved | None:
    if published is None:
        return None
    word = " ".join((groups["word"] or "").lower().split())
    if word == "overnight":
        return published - timedelta(days=1), published, "day"
    offset = {
        "the day before yesterday": -2,
        "yesterday": -1,
        "last night": -1,
        "tomorrow": 1,
    }.get(word, 0)
    d = published + timedelta(days=offset)
    return d, d, "day"


def _weekday(groups: Groups, published: date | None) -> Resolved | None:
    if published is None:
        return None
    wd = WEEKDAY_NUMBER[(groups["weekday"] or "").lower()]
    rel = " ".join((groups.get("rel") or "").lower().split())
    week = (groups.get("week") or "").lower()
    if week:
        monday = periods.week_of(published)[0] + timedelta(
            weeks={"last": -1, "next": 1}.get(week, 0)
        )
        d = monday + timedelta(days=wd)
    elif rel in ("next", "this coming"):
        d = periods.next_weekday(published, wd)
    else:
        strictly = rel in ("last", "past", "this past")
        d = periods.most_recent_weekday(published, wd, strictly_before=strictly)
    return d, d, "day"


RESOLVERS: dict[str, Callable[[Groups, date | None], Resolved | None]] = {
    "iso": _iso,
    "day_month": _day_month,
    "month_day": _day_month,
    "month_year": _month_year,
    "month_only": _month_only,
    "year": _year,
    "decade": _decade,
    "ago": _ago,
    "window": _window,
    "relative_unit": _relative_unit,
    "relative_day": _relative_day,
    "weekday": _weekday,
}

# Families whose value does not depend on the publication date when a year is written.
ABSOLUTE_FAMILIES = frozenset({"iso", "day_month", "month_day", "month_year", "year", "decade"})


def resolve_groups(kind: str, groups: Groups, published: date | None) -> Resolved | None:
    """Resolve one detected expression; ``None`` when it is vague, invalid or needs P."""
    try:
        resolved = RESOLVERS[kind](groups, published)
    except (ValueError, OverflowError, KeyError, IndexError, TypeError):
        return None
    if resolved is None or resolved[0] > resolved[1]:
        return None
    return resolved
