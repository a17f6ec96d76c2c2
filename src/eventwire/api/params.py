"""Query parameters shared by the event endpoints, validated into an ``EventFilter``.

The names are the dashboard's URL parameters too (``?since=2024-01-01&type=explosion&...``),
so a shared dashboard link and an API call mean the same thing. Bad values answer 422 with a
message naming the parameter; nothing reaches SQL unvalidated.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query

from eventwire.ontology import SUBTYPES
from eventwire.store import EventFilter

TYPES = tuple(dict.fromkeys(s.type for s in SUBTYPES))
SUBTYPE_NAMES = tuple(s.subtype for s in SUBTYPES)
KNOWN_TYPES = frozenset(TYPES + SUBTYPE_NAMES)


def invalid(param: str, message: str) -> HTTPException:
    """A 422 in FastAPI's own error shape, so clients parse one format for every bad input."""
    return HTTPException(422, detail=[{"loc": ["query", param], "msg": message, "type": "value_error"}])


def country_code(value: str) -> str:
    from eventwire.store.export import country_code as lookup

    code = lookup(value.strip()) if value.strip() else None
    if code is None:
        raise invalid("country", f"unknown country {value[:60]!r}: give an ISO 3166 code (SO) or an English name (Somalia)")
    return code


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    try:
        parts = tuple(float(v) for v in value.split(","))
    except ValueError:
        parts = ()
    ok = (
        len(parts) == 4
        and all(p == p for p in parts)  # no NaN
        and -180 <= parts[0] <= parts[2] <= 180
        and -90 <= parts[1] <= parts[3] <= 90
    )
    if not ok:
        raise invalid("bbox", "give min_lon,min_lat,max_lon,max_lat within -180..180 and -90..90, e.g. 40.9,-1.7,51.4,12.0")
    return parts  # type: ignore[return-value]


def event_filter(
    since: Annotated[date | None, Query(description="Events ending on or after this day (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="Events starting on or before this day")] = None,
    country: Annotated[str | None, Query(max_length=80, description="ISO 3166 alpha-2 code or English name")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="First-level region, as stored")] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="min_lon,min_lat,max_lon,max_lat")] = None,
    type: Annotated[list[str], Query(description="Event type or subtype; repeat for several")] = [],  # noqa: A002, B006
    actor: Annotated[str | None, Query(max_length=200, description="Part of a perpetrator's or claimant's name")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10_000_000, description="At least this many killed (best)")] = None,
    q: Annotated[str | None, Query(max_length=500, description='Full text in the reporting articles: all words, "phrases"')] = None,
) -> EventFilter:
    """FastAPI dependency: the filter query parameters as an ``EventFilter``."""
    if since and until and since > until:
        raise invalid("until", "until is before since")
    unknown = [t for t in type if t not in KNOWN_TYPES]
    if unknown:
        raise invalid("type", f"unknown event type {unknown[0][:60]!r}; see /api/types")
    if len(type) > 40:
        raise invalid("type", "at most 40 types")
    text = q.strip() if q else None
    return EventFilter(
        since=since,
        until=until,
        country=country_code(country) if country else None,
        admin1=admin1.strip() or None if admin1 else None,
        bbox=parse_bbox(bbox) if bbox else None,
        types=tuple(dict.fromkeys(type)),
        actor=actor.strip() or None if actor else None,
        min_fatalities=min_fatalities,
        text=text or None,
    )


def encode_cursor(date_start: str | None, event_id: int) -> str:
    """An opaque keyset cursor for the row after which the next page starts."""
    return base64.urlsafe_b64encode(f"{date_start or ''}|{event_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        day, _, ident = raw.rpartition("|")
        if day:
            date.fromisoformat(day)
        return day, int(ident)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid("cursor", "not a cursor this server gave out (use next_cursor from the previous page)") from None
