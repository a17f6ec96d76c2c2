"""``/api/events``: the filtered, paged event list and one event with its reports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from eventwire.api import schemas
from eventwire.api.deps import Limit, Offset, StoreDep
from eventwire.api.params import decode_cursor, encode_cursor, event_filter, invalid
from eventwire.api.security import ReadAccess
from eventwire.store import EventFilter

router = APIRouter(prefix="/api", tags=["events"], dependencies=[ReadAccess], responses=schemas.READ_ERRORS)
EventId = Annotated[int, Path(ge=1, le=2**62, description="Event id")]


@router.get("/events", response_model=schemas.EventList, summary="List events (filters, paging)")
def list_events(
    store: StoreDep,
    flt: Annotated[EventFilter, Depends(event_filter)],
    limit: Limit = 50,
    offset: Offset = 0,
    cursor: Annotated[str | None, Query(max_length=200, description="next_cursor of the previous page")] = None,
) -> dict:
    """Events newest first (by start date, then id). Page with ``cursor`` (keyset: as fast on
    page 2,000 as on page 1) or with ``offset``; not both."""
    if cursor and offset:
        raise invalid("cursor", "give cursor or offset, not both")
    after = decode_cursor(cursor) if cursor else None
    rows = store.events(flt, limit=limit + 1, offset=offset, after=after)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1]["date_start"], rows[-1]["id"]) if more and rows else None
    return {"items": rows, "total": store.count_events(flt), "limit": limit, "offset": offset, "next_cursor": next_cursor}


@router.get("/events/{event_id}", response_model=schemas.EventDetail, summary="One event, its reports and evidence",
            responses=schemas.NOT_FOUND)
def get_event(store: StoreDep, event_id: EventId) -> dict:
    """The merged event, every report that supports it (source article, that article's own
    figures and the evidence spans into its text) and its version history."""
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, detail=f"no event {event_id}")
    reports = store.event_reports([event_id]).get(event_id, [])
    return {
        "event": event,
        "reports": [
            {
                "report_id": r["report_id"],
                "added_at": r["added_at"],
                "score": r["score"],
                "article": {k: r[k] for k in ("article_id", "url", "title", "site", "published", "source")},
                "report": r["report"],
                "superseded_by": r.get("superseded_by"),
            }
            for r in reports
        ],
        "history": store.event_history(event_id),
    }
