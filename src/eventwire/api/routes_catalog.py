"""Articles, actors, places, statistics, aggregates, the map layer and the event types."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from eventwire.api import schemas
from eventwire.api.deps import Limit, Offset, StoreDep
from eventwire.api.params import event_filter
from eventwire.api.security import ReadAccess
from eventwire.ontology import SUBTYPES
from eventwire.store import EventFilter
from eventwire.store import web_queries as wq

router = APIRouter(prefix="/api", dependencies=[ReadAccess], responses=schemas.READ_ERRORS)
Filter = Annotated[EventFilter, Depends(event_filter)]
Search = Annotated[str | None, Query(max_length=200, description="Part of the name, ignoring case")]


@router.get("/articles", response_model=schemas.ArticleList, tags=["articles"], summary="List or search articles")
def list_articles(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=500, description='Full-text query: all words, "phrases"')] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict:
    """Newest first; with ``q``, the articles whose title or text match."""
    if q and q.strip():
        rows = store.search_articles(q, limit=limit, offset=offset)
        total = wq.count_articles(store.db, store.db.fts_query(q))
    else:
        rows, total = wq.articles(store.db, limit, offset)
    return {"items": rows, "total": total, "limit": limit, "offset": offset}


@router.get("/articles/{article_id}", response_model=schemas.ArticleDetail, tags=["articles"], summary="One article",
            responses=schemas.NOT_FOUND)
def get_article(store: StoreDep, article_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict:
    """The cleaned text (what evidence offsets index into), what was cut, and its reports."""
    row = wq.article(store.db, article_id)
    if row is None:
        raise HTTPException(404, detail=f"no article {article_id}")
    return row


@router.get("/actors", response_model=schemas.ActorList, tags=["catalog"], summary="Actors by number of events")
def list_actors(request: Request, store: StoreDep, q: Search = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    """Canonical perpetrator and claimant names with their event counts per role."""
    name = q.strip() if q else None
    rows, total = _cached(request, store, ("actors", name, limit, offset),
                          lambda: wq.actors(store.db, name, limit, offset))
    return {"items": rows, "total": total, "limit": limit, "offset": offset}


@router.get("/places", response_model=schemas.PlaceList, tags=["catalog"], summary="Places by number of events")
def list_places(
    request: Request,
    store: StoreDep,
    flt: Filter,
    level: Annotated[Literal["country", "admin1", "location"], Query(description="Grouping level")] = "location",
    name: Search = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Countries, first-level regions or named locations of the matching events, with counts."""
    part = name.strip() if name else None
    rows, total = _cached(request, store, ("places", flt, level, part, limit, offset),
                          lambda: wq.places(store.db, flt, level, part, limit, offset))
    from eventwire.store.export import countries

    names = countries()
    items = [{**row, "country_name": names.get(row.get("country") or "", {}).get("name")} for row in rows]
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/stats", response_model=schemas.Stats, tags=["statistics"], summary="Store totals")
def stats(request: Request, store: StoreDep) -> dict:
    first, last = _cached(request, store, ("date_span",), lambda: wq.date_span(store.db))
    by_type = _cached(request, store, ("by_type",), lambda: wq.count_by_type(store.db))
    return {
        **store.stats(),
        "first_event": first.isoformat() if first else None,
        "last_event": last.isoformat() if last else None,
        "last_ingest": wq.last_ingest(store.db),
        "by_type": by_type,
    }


@router.get("/aggregate", response_model=list[schemas.AggregateRow], tags=["statistics"], summary="Counts by one key")
def aggregate(
    request: Request,
    store: StoreDep,
    flt: Filter,
    by: Annotated[Literal["day", "week", "month", "year", "type", "subtype", "country", "admin1"], Query()] = "month",
) -> list[dict]:
    """Events and fatalities (best estimates summed) per day, week, month, year, type,
    subtype, country or region of the matching events."""
    return _cached(request, store, ("aggregate", flt, by), lambda: _aggregate(store, flt, by))


def _aggregate(store, flt: EventFilter, by: str) -> list[dict]:  # noqa: ANN001
    if by == "week":
        rows: dict[str, dict] = {}
        for r in wq.timeline(store.db, flt, "week"):
            row = rows.setdefault(r["bucket"], {"key": r["bucket"], "events": 0, "fatalities": 0})
            row["events"] += r["events"]
            row["fatalities"] += r["fatalities"]
        return list(rows.values())
    return [{**r, "events": int(r["events"]), "fatalities": int(r["fatalities"])} for r in store.aggregate_events(flt, by)]


@router.get("/timeline", response_model=schemas.Timeline, tags=["statistics"], summary="Events per period and type")
def timeline(
    request: Request,
    store: StoreDep,
    flt: Filter,
    interval: Annotated[Literal["auto", "day", "week", "month", "year"], Query()] = "auto",
) -> dict:
    """Per-bucket, per-type counts for the dashboard's timeline; ``auto`` picks the bucket size
    from the date span of the matching events."""
    return _cached(request, store, ("timeline", flt, interval), lambda: _timeline(store, flt, interval))


def _timeline(store, flt: EventFilter, interval: str) -> dict:  # noqa: ANN001
    first, last = wq.date_span(store.db, flt)
    chosen = wq.auto_interval(first, last) if interval == "auto" else interval
    return {
        "interval": chosen,
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        "rows": wq.timeline(store.db, flt, chosen),
    }


@router.get("/map", response_model=schemas.MapLayer, tags=["statistics"], summary="Map layer: clusters and points")
def map_layer(request: Request, store: StoreDep, flt: Filter, zoom: Annotated[int, Query(ge=0, le=22)] = 2) -> dict:
    """Server-side grid clustering of the matching events with coordinates (pass the map's
    ``bbox`` to get only what is in view)."""
    return _cached(request, store, ("map", flt, zoom), lambda: wq.map_cells(store.db, flt, zoom))


def _cached(request: Request, store, key: tuple, compute):  # noqa: ANN001, ANN202
    """``compute()``, or its answer remembered for this store version (``api/cache.py``)."""
    cache = getattr(request.app.state, "aggregates", None)
    return compute() if cache is None else cache.get(store.db, key, compute)


@router.get("/types", response_model=list[schemas.EventType], tags=["catalog"], summary="The event ontology")
def types() -> list[dict]:
    return [s.__dict__ for s in SUBTYPES]
