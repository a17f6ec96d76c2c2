"""Last-resort parsing of a month-named phrase with ``dateparser``.

Only :func:`~eventwire.dates.expressions.resolve_date_expression` calls this, for phrases the
regexes do not cover; scanning documents never does, because dateparser is slow and guesses
(it reads "the 1990s" as a time today). The import is deferred for the same reason.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from eventwire.dates.lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES
from eventwire.dates.periods import Period, day, month, week_of, year
from eventwire.model import DatePrecision, DateRange

_MONTH_WORD = re.compile(
    r"\b(?:" + "|".join(MONTH_NAMES + MONTH_ABBREVIATIONS) + r")\b", re.IGNORECASE | re.ASCII
)
_YEAR = re.compile(r"(?<![0-9])(?:1[89]|20)[0-9]{2}(?![0-9])")
_MAX_LENGTH = 100


def parse_with_dateparser(expr: str, published: date | None) -> DateRange | None:
    """Parse ``expr`` with dateparser if it names a month; ``None`` otherwise or on failure.

    Without ``published`` the phrase must also hold a four-digit year, since dateparser would
    otherwise fill the year from today's clock and the result would not be reproducible.
    """
    if len(expr) > _MAX_LENGTH or _MONTH_WORD.search(expr) is None:
        return None
    if published is None and _YEAR.search(expr) is None:
        return None
    try:
        from dateparser.date import DateDataParser

        settings: dict[str, object] = {
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        if published is not None:
            settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day, 12)
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(expr)
        if data.date_obj is None:
            return None
        found = data.date_obj.date()
        precision: DatePrecision
        span: Period
        if data.period == "year":
            precision, span = "year", year(found.year)
        elif data.period == "month":
            precision, span = "month", month(found.year, found.month)
        elif data.period == "week":
            precision, span = "week", week_of(found)
        else:
            precision, span = "day", day(found)
    except Exception:  # dateparser raises many kinds on odd input; a miss is not an error
        return None
    stripped = expr.strip()
    offset = expr.index(stripped) if stripped else 0
    return DateRange(
        start=span[0],
        end=span[1],
        precision=precision,
        text=stripped,
        text_start=offset,
        text_end=offset + len(stripped),
    )
