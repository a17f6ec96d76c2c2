"""Response shapes of the REST API, for the OpenAPI document and for clients.

They describe what the store returns (``EventQueries`` rows) without copying its logic; a
report's full extraction (``EventReport`` with evidence offsets) is passed through as the JSON
the pipeline produced, documented in docs/output.md.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Error(_Out):
    detail: str | list[dict[str, Any]] = Field(description="What was wrong: a sentence, or one entry per bad parameter")


READ_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Error, "description": "The server requires the API token for reads and none (or a wrong one) came"},
    503: {"model": Error, "description": "Every database connection is busy; retry"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Error, "description": "No such item"}}


class EventActor(_Out):
    name: str = Field(description="Canonical actor name")
    role: str = Field(description="perpetrator or claimant")
    n_reports: int
    sources: list[str] = []


class Event(_Out):
    id: int
    type: str
    subtype: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    country: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: str | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    injuries_low: int | None
    injuries_best: int | None
    injuries_high: int | None
    actors: list[EventActor]
    summary: str | None
    confidence: float | None
    n_reports: int
    n_sources: int
    first_seen: str
    updated_at: str
    version: int


class EventList(_Out):
    items: list[Event]
    total: int = Field(description="Events matching the filters")
    limit: int
    offset: int
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page")


class ArticleRef(_Out):
    article_id: int
    url: str | None
    title: str | None
    site: str | None
    published: str | None
    source: str


class Report(_Out):
    report_id: int
    added_at: str
    score: float | None
    article: ArticleRef
    report: dict[str, Any] = Field(description="The extraction for this event from this article (docs/output.md), evidence included")
    superseded_by: int | None = Field(
        default=None, description="Article id of the later version of this page that replaced this report (docs/store.md)")


class HistoryEntry(_Out):
    version: int
    action: str
    report_id: int | None
    changes: dict[str, Any] | None
    at: str


class EventDetail(_Out):
    event: Event
    reports: list[Report]
    history: list[HistoryEntry]


class ArticleSummary(_Out):
    id: int
    url: str | None
    title: str | None
    site: str | None
    published: str | None
    source: str
    relevant: int
    n_reports: int
    duplicate_of: int | None


class ArticleList(_Out):
    items: list[ArticleSummary]
    total: int
    limit: int
    offset: int


class ArticleReport(_Out):
    report_id: int
    event_id: int | None
    report: dict[str, Any]


class ArticleDetail(_Out):
    id: int
    doc_id: str
    source: str
    url: str | None
    canonical_url: str | None
    duplicate_of: int | None
    similarity: float | None
    title: str | None
    author: str | None
    site: str | None
    published: str | None
    language: str | None
    text: str
    removed: list[dict[str, Any]]
    relevant: int
    n_reports: int
    ingested_at: str
    reports: list[ArticleReport]


class Actor(_Out):
    name: str
    events: int
    roles: dict[str, int]


class ActorList(_Out):
    items: list[Actor]
    total: int
    limit: int
    offset: int


class Place(_Out):
    country: str | None = None
    country_name: str | None = None
    admin1: str | None = None
    location: str | None = None
    events: int
    fatalities: int
    lat: float | None
    lon: float | None


class PlaceList(_Out):
    items: list[Place]
    total: int
    limit: int
    offset: int


class AggregateRow(_Out):
    key: str | None
    events: int
    fatalities: int


class TimelineRow(_Out):
    bucket: str = Field(description="First day of the bucket (ISO date)")
    type: str
    events: int
    fatalities: int


class Timeline(_Out):
    interval: str
    first: str | None
    last: str | None
    rows: list[TimelineRow]


class Cluster(_Out):
    lat: float
    lon: float
    count: int
    fatalities: int
    types: dict[str, int]
    bounds: list[float] = Field(description="min_lat, min_lon, max_lat, max_lon")


class MapPoint(_Out):
    id: int
    type: str
    subtype: str
    date_start: str | None
    lat: float
    lon: float
    location: str | None
    country: str | None
    fatalities_best: int | None
    injuries_best: int | None
    n_reports: int


class MapLayer(_Out):
    zoom: int
    cell_deg: float
    total: int = Field(description="Matching events that have coordinates")
    clusters: list[Cluster]
    points: list[MapPoint]
    truncated: bool


class Stats(_Out):
    articles: int
    reports: int
    events: int
    documents: int
    skipped: int
    near_duplicates: int
    first_event: str | None
    last_event: str | None
    last_ingest: str | None
    by_type: dict[str, int]


class EventType(_Out):
    type: str
    subtype: str
    description: str
    acled_event_type: str
    acled_sub_event_type: str
    muc4_incident_type: str | None


class DocumentOutcome(_Out):
    source: str
    status: str = Field(description="stored, known, duplicate, near_duplicate or failed")
    article_id: int | None
    duplicate_of: int | None
    relevant: bool | None
    reports: int
    new_events: list[int]
    updated_events: list[int]
    error: str | None


class IngestResult(_Out):
    documents: list[DocumentOutcome]
    events: list[Event] = Field(description="Events created or updated by this request")
    summary: dict[str, Any]


class IngestDocument(BaseModel):
    """A document to ingest: ``text`` or ``html`` (``url`` is then its address), or only a
    ``url`` to fetch (same private-address rules as ``eventwire ingest``)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, max_length=2_000_000)
    html: str | None = Field(default=None, max_length=5_000_000)
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://\S+$")
    title: str | None = Field(default=None, max_length=1000)
    author: str | None = Field(default=None, max_length=500)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    parse_all: bool = Field(default=False, description="Parse even without violence words (skip the relevance gate)")
