"""Find temporal expressions in a text and resolve them against the publication date.

Detection is regex only (``patterns``), so it is cheap enough to run on every sentence and
its offsets are exact; resolution is calendar arithmetic (``resolve``). ``dateparser`` is
only consulted by :func:`resolve_date_expression` as a last resort for a month-named string
the patterns do not cover, never while scanning text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from eventwire.dates.fallback import parse_with_dateparser
from eventwire.dates.patterns import FLAGS, PATTERNS
from eventwire.dates.resolve import resolve_groups
from eventwire.model import DateRange


@dataclass(frozen=True)
class TemporalExpression:
    """A date expression found in a text: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str
    range: DateRange


@dataclass(frozen=True)
class Candidate:
    """A detected, not yet resolved expression: its family and regex groups."""

    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


_LOWER_MAY_LEAD = re.compile(r"(?:on|of|the|early|late|mid)\b", FLAGS)


def _has_lead(kind: str, match: re.Match[str]) -> bool:
    """A bare month or year needs a lead-in ("in May", "early 2018", not "the 2018")."""
    group = "month" if kind == "month_only" else "year"
    lead = match.string[match.start() : match.start(group)].strip().lower()
    return lead not in ("", "the")


def _plausible(kind: str, match: re.Match[str]) -> bool:
    """Drop matches the regex alone cannot rule out.

    A month or year without a lead-in ("May", "the 2018"), and the modal verb "may" read as
    a month in lower-cased or ALL-CAPS text: "30 may have died" is not 30 May, while
    "on 3 may", "3 may 1990" and "in may" still are dates.
    """
    if kind in ("month_only", "year") and not _has_lead(kind, match):
        return False
    month = match.groupdict().get("month") or ""
    if (
        month.lower() != "may"
        or month == "May"
        or kind not in ("day_month", "month_day", "month_only")
    ):
        return True
    if match.groupdict().get("year") or match.groupdict().get("yy"):
        return True
    if kind == "month_only":
        return not match.groupdict().get("rel")
    return _LOWER_MAY_LEAD.match(match.group(0)) is not None


def _as_date(published: object) -> date | None:
    """Accept a datetime for a date (comparisons between the two raise); anything else is None."""
    if isinstance(published, datetime):
        return published.date()
    return published if isinstance(published, date) else None


def find_candidates(text: str) -> list[Candidate]:
    """Every match of every pattern, overlapping ones included, in text order.

    Other stages use these spans to know which numbers belong to dates (``quantities``).
    """
    found: list[Candidate] = []
    if not isinstance(text, str) or not text:
        return found
    for kind, gates, pattern in PATTERNS:
        if not all(gate.search(text) for gate in gates):
            continue
        for match in pattern.finditer(text):
            if match.end() > match.start() and _plausible(kind, match):
                found.append(Candidate(match.start(), match.end(), kind, match.groupdict()))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


def find_temporal_expressions(text: str, published: date | None) -> list[TemporalExpression]:
    """The resolvable, non-overlapping temporal expressions of ``text`` in text order.

    Where expressions overlap the longest wins ("Tuesday, June 18, 2019" over "Tuesday").
    Expressions that do not resolve (relative ones without ``published``, vague or invalid
    ones) are left out. Never raises.
    """
    published = _as_date(published)
    resolved: list[TemporalExpression] = []
    for candidate in find_candidates(text):
        value = resolve_groups(candidate.kind, candidate.groups, published)
        if value is None:
            continue
        span = text[candidate.start : candidate.end]
        date_range = DateRange(
            start=value[0],
            end=value[1],
            precision=value[2],
            text=span,
            text_start=candidate.start,
            text_end=candidate.end,
        )
        resolved.append(TemporalExpression(candidate.start, candidate.end, span, date_range))
    resolved.sort(key=lambda e: (e.start - e.end, e.start))
    kept: list[TemporalExpression] = []
    for expression in resolved:
        if all(expression.end <= k.start or expression.start >= k.end for k in kept):
            kept.append(expression)
    kept.sort(key=lambda e: e.start)
    return kept


def resolve_date_expression(expr: str, published: date | None) -> DateRange | None:
    """Resolve a date expression (a phrase, not a document) to a day range, or ``None``.

    The longest expression found in ``expr`` is used, its offsets relative to ``expr``.
    When none is found and ``expr`` names a month, ``dateparser`` gets a try. Vague phrases
    ("during the past period", "recently") give ``None``. Never raises.
    """
    if not isinstance(expr, str):
        return None
    published = _as_date(published)
    found = find_temporal_expressions(expr, published)
    if found:
        return max(found, key=lambda e: e.end - e.start).range
    return parse_with_dateparser(expr, published)
