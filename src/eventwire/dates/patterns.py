"""Compiled regexes that detect temporal expressions, one per family, with named groups.

Each pattern is tried on the whole text; overlaps between families are settled later by
keeping the longest expression. All patterns are case-insensitive and ASCII-only so that
"TWO DAYS AGO" and "on 3 february" match and odd Unicode case folding never changes what a
group holds. Numeric forms other than ISO (``2/3/90``) are deliberately not matched: day and
month order cannot be told apart.
"""

from __future__ import annotations

import re

from eventwire.dates.lexicon import (
    COUNT_MODIFIERS,
    COUNT_WORDS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    NUMBER_WORDS,
    WEEKDAY_NAMES,
)

FLAGS = re.IGNORECASE | re.ASCII


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# An abbreviation's dot is only taken when a number follows ("Feb. 3"), so "in Feb." at the
# end of a sentence leaves the full stop out of the span.
MONTH = (
    rf"(?=[adfjmnos])(?P<month>(?:{_alternation(MONTH_NAMES)})\b"
    rf"|(?:{_alternation(MONTH_ABBREVIATIONS)})\b(?:\.(?=\s*[0-9]))?)"
)
WEEKDAY = rf"(?=[fmstw])(?P<weekday>{_alternation(WEEKDAY_NAMES)})\b"
_WEEKDAY_NC = rf"(?:{_alternation(WEEKDAY_NAMES)})\b"
_NUMBER = (
    rf"(?:[0-9]{{1,3}}|{_alternation([w for w in NUMBER_WORDS if w != 'couple'])}|a\s+couple\s+of)"
)

def _not_count(after_comma: bool) -> str:
    """Lookahead refusing a number followed by a count word ("May 30 people", "2000 people")."""
    comma = ",?" if after_comma else ""
    return (
        rf"(?!{comma}\s+(?:(?:{_alternation(COUNT_MODIFIERS)})\s+)?(?:{_alternation(COUNT_WORDS)})\b"
        r"|\s*%)"
    )


# A number followed by one of these is a count, not a day or a year ("May 30 people").
NOT_COUNT = _not_count(after_comma=True)
# After a year a comma ends the date: "On March 3, 2021, gunmen attacked" is a date and no
# count of 2021 gunmen; "in 2021 gunmen attacked" stays unread (a count or a date).
_YEAR_NOT_COUNT = _not_count(after_comma=False)
_DAY = r"(?<![0-9.,:/$-])(?P<day>[12][0-9]|3[01]|0?[1-9])(?![0-9])(?:st|nd|rd|th)?\b"
_DAY2 = r"(?:\s*(?:-|\u2013|to|and)\s*(?P<day2>[12][0-9]|3[01]|0?[1-9])(?![0-9])(?:st|nd|rd|th)?\b)"
_YEAR4 = r"(?P<year>(?:1[89]|20)[0-9]{2})(?![0-9])"
# A two-digit year ("7 JAN 90") only when punctuation or the end of the text follows, so
# "on 3 February 12 suspected rebels" keeps 12 out of the date.
_YEAR2 = r"'?(?P<yy>[0-9]{2})(?=[ \t]*(?:[^\sA-Za-z0-9\-\u2013]|$))"
_PART = r"(?P<part>early|late|mid|(?:the\s+)?(?:beginning|start|middle|end)\s+of)"
# Lead-ins that belong to the expression but do not change its value.
_DAY_LEAD = (
    r"(?:(?:early|late|earlier|later)\s+(?:on\s+)?"
    r"|(?:on\s+|in\s+|during\s+)?the\s+(?:night|morning|evening|afternoon|day)\s+of\s+"
    r"|on\s+)?"
)
_WEEKDAY_LEAD = rf"(?:{_WEEKDAY_NC},?\s+(?:the\s+)?)?"
_TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

ISO = re.compile(
    rf"\b{_DAY_LEAD}(?<![0-9-])(?P<year>(?:1[89]|20)[0-9]{{2}})-(?P<mnum>0[1-9]|1[0-2])"
    r"-(?P<day>0[1-9]|[12][0-9]|3[01])(?![0-9])",
    FLAGS,
)
DAY_MONTH = re.compile(
    rf"\b{_DAY_LEAD}{_WEEKDAY_LEAD}{_DAY}{_DAY2}?\s+(?:of\s+)?{MONTH}"
    rf"(?:,?\s+{_YEAR4}{_YEAR_NOT_COUNT}|\s+{_YEAR2})?",
    FLAGS,
)
MONTH_DAY = re.compile(
    rf"\b{_DAY_LEAD}{_WEEKDAY_LEAD}{MONTH}\s+(?:the\s+)?"
    rf"(?P<day>[12][0-9]|3[01]|0?[1-9])(?![0-9:.,]?[0-9])(?:st|nd|rd|th)?\b{_DAY2}?"
    rf"(?:,?\s+{_YEAR4}{_YEAR_NOT_COUNT}|{NOT_COUNT})",
    FLAGS,
)
MONTH_YEAR = re.compile(
    rf"\b(?:(?:in|during|throughout|of|at|by)\s+)?(?:{_PART}[\s-]+)?"
    rf"{MONTH},?\s+(?:of\s+)?{_YEAR4}{_YEAR_NOT_COUNT}",
    FLAGS,
)
# The lead-in of MONTH_ONLY and YEAR is optional in the regex (Python forbids repeating the
# ``part`` group across alternatives); ``expressions`` drops matches without one, since a
# bare "May" or "2018" is too often a verb or a count.
MONTH_ONLY = re.compile(
    rf"\b(?:(?P<rel>last)\s+|(?:(?:in|during|throughout|of|at|by)\s+(?:the\s+month\s+of\s+)?)?"
    rf"(?:{_PART}[\s-]+)?){MONTH}(?:\s+(?P<relyear>last|this|next)\s+year)?",
    FLAGS,
)
# "since 2021": the year a period began, as "in 2021" is (the kidnapped man "held since 2019",
# the war "since 2021" whose toll is background to today's incident)
YEAR = re.compile(
    r"\b(?:(?:in|during|throughout|since)\s+)?(?:the\s+)?"
    r"(?:(?:spring|summer|autumn|fall|winter)\s+of\s+|year\s+)?"
    rf"(?:{_PART}[\s-]+)?{_YEAR4}(?!'?s\b|\s*[-\u2013/]\s*[0-9]){_YEAR_NOT_COUNT}",
    FLAGS,
)
DECADE = re.compile(
    r"\b(?:(?:in|during|throughout|since)\s+)?(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]*)?"
    r"(?<![0-9])(?P<decade>(?:1[89]|20)[0-9]0)'?s\b",
    FLAGS,
)
AGO = re.compile(
    r"\b(?:(?:about|around|some|nearly|almost|roughly|approximately|just|only|exactly|over|"
    r"more\s+than|less\s+than)\s+)?"
    rf"(?<![0-9,.])\b(?P<num>{_NUMBER})\s+(?P<unit>hour|day|night|week|fortnight|month|year)s?\s+ago\b",
    FLAGS,
)
WINDOW = re.compile(
    r"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous|preceding)\s+"
    rf"(?:(?P<num>{_NUMBER})\s+)?(?P<unit>hour|day|night|week|fortnight|month|year)s?\b",
    FLAGS,
)
RELATIVE_UNIT = re.compile(
    r"\b(?:(?P<part>earlier|later|early|late)\s+)?(?P<which>last|this|next|past)\s+"
    r"(?P<unit>weekend|week|month|year)\b"
    r"|(?:over|at|during|on)\s+the\s+(?:past\s+)?(?P<weekend>weekend)\b",
    FLAGS,
)
RELATIVE_DAY = re.compile(
    r"\b(?:(?P<part>early|late|earlier|later)\s+(?:on\s+)?)?\b(?P<word>the\s+day\s+before\s+"
    r"yesterday|yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|"
    rf"evening)|overnight)\b{_TIME_OF_DAY}\b",
    FLAGS,
)
WEEKDAY_EXPR = re.compile(
    r"\b(?:(?P<rel>last|next|this\s+past|this\s+coming|past|this)\s+"
    r"|(?:early|late|earlier|later)\s+(?:on\s+)?|on\s+)?"
    rf"\b{WEEKDAY}{_TIME_OF_DAY}(?:\s+(?:of\s+)?(?P<week>last|this|next)\s+week\b)?",
    FLAGS,
)

# Cheap gates: a family's pattern is only run when its gate finds something in the text,
# which keeps the cost per sentence low (most sentences hold no date at all).
_GATE_MONTH = re.compile(rf"\b(?:{_alternation(MONTH_NAMES + MONTH_ABBREVIATIONS)})\b", FLAGS)
_GATE_YEAR = re.compile(r"(?:1[89]|20)[0-9]{2}")
_GATE_DIGIT = re.compile(r"[0-9]")
_GATE_AGO = re.compile(r"\bago\b", FLAGS)
_GATE_RELATIVE = re.compile(r"\b(?:last|this|next|past|previous|preceding|weekend)\b", FLAGS)
_GATE_DAY_WORD = re.compile(
    r"yesterday|today|tonight|tomorrow|night|morning|afternoon|evening", FLAGS
)
_GATE_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", FLAGS)

# (family name, gates that must all find something, pattern); the longest match wins later.
PATTERNS: tuple[tuple[str, tuple[re.Pattern[str], ...], re.Pattern[str]], ...] = (
    ("iso", (_GATE_YEAR,), ISO),
    ("day_month", (_GATE_MONTH, _GATE_DIGIT), DAY_MONTH),
    ("month_day", (_GATE_MONTH, _GATE_DIGIT), MONTH_DAY),
    ("month_year", (_GATE_MONTH, _GATE_YEAR), MONTH_YEAR),
    ("month_only", (_GATE_MONTH,), MONTH_ONLY),
    ("year", (_GATE_YEAR,), YEAR),
    ("decade", (_GATE_YEAR,), DECADE),
    ("ago", (_GATE_AGO,), AGO),
    ("window", (_GATE_RELATIVE,), WINDOW),
    ("relative_unit", (_GATE_RELATIVE,), RELATIVE_UNIT),
    ("relative_day", (_GATE_DAY_WORD,), RELATIVE_DAY),
    ("weekday", (_GATE_WEEKDAY,), WEEKDAY_EXPR),
)
