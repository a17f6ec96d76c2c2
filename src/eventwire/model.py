"""Boundary types of the pipeline: raw document -> article -> extraction result.

Every stage takes and returns these models and nothing else, so a stage can be replaced or
run elsewhere (a worker, a Spark job) without reaching into another's internals. Every span
(`start`, `end`, `text`) indexes into ``Article.text``: ``article.text[start:end] == text``.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ---------------------------------------------------------------------------
# Input side
# ---------------------------------------------------------------------------


class RawDocument(_Frozen):
    """A document as read from a source, before any cleaning.

    Exactly one of ``text`` (plain text) or ``html`` is set. Metadata given by the source
    (JSON fields, feed entries) is carried here and wins over metadata found in the content;
    ``published_default`` is the user's fallback (``--published``) and loses to both.
    """

    id: str
    source: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    published_default: date | None = None


class RemovedBlock(_Frozen):
    """A piece of the input that is not part of the article body, with why it was cut."""

    kind: Literal[
        "navigation",
        "comment_widget",
        "comment",
        "spam",
        "byline",
        "title",
        "boilerplate",
        "dateline",
        "share",
        "advertisement",
        "related",
        "footer",
    ]
    text: str


class Article(_Frozen):
    """The cleaned article: the only text that spans point into."""

    id: str
    source: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None
    site: str | None = None
    text: str
    removed: list[RemovedBlock] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# Extraction side
# ---------------------------------------------------------------------------


class Span(_Frozen):
    """A stretch of ``Article.text``."""

    text: str
    start: int
    end: int


class Mention(Span):
    """A role filler (target, victim, weapon) as it appears in the text."""

    head: str | None = Field(
        default=None, description="Head noun phrase without modifiers, when it differs from text"
    )


class ActorMention(Span):
    """A perpetrator, claimant or reporting source, with its canonical actor name."""

    kind: Literal["organization", "individual"]
    canonical: str | None = None


DatePrecision = Literal["day", "week", "month", "year"]


class DateRange(_Frozen):
    """When something happened, as an inclusive day range and how precise that is.

    ``text`` is the expression it was resolved from (null when the date was inferred from the
    publication date alone, as wire reports of events without a date expression usually are).
    """

    start: date
    end: date
    precision: DatePrecision
    text: str | None = None
    text_start: int | None = None
    text_end: int | None = None


PlacePrecision = Literal["point", "town", "district", "province", "country", "region"]


class Place(Span):
    """A toponym in the text and what the gazetteer resolved it to (nulls when unresolved)."""

    name: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None
    geonameid: int | None = None
    feature: str | None = Field(default=None, description="GeoNames feature class.code or curated kind")


class Location(_Frozen):
    """Where an event happened: the most specific place the evidence supports."""

    text: str | None = None
    name: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None
    geonameid: int | None = None


class CasualtyCount(_Frozen):
    """A count of people killed or wounded as a low/best/high estimate.

    Conventions (docs/output.md): an exact number sets all three; "more than N" sets low and
    best to N+1 and leaves high open; "at least N" sets low=best=N; "up to N" sets high=N;
    "dozens" is low 24, best 24, high null; a range "N-M" is low N, high M, best their mean
    rounded down.
    """

    low: int | None = None
    best: int | None = None
    high: int | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Evidence(_Frozen):
    """The words in the article that support one field of an event."""

    field: str
    start: int
    end: int
    text: str


class EventReport(_Frozen):
    """One event as one article reports it."""

    id: str
    type: str
    subtype: str
    trigger: Span | None = None
    date: DateRange | None = None
    location: Location | None = None
    perpetrators: list[ActorMention] = Field(default_factory=list)
    targets: list[Mention] = Field(default_factory=list)
    victims: list[Mention] = Field(default_factory=list)
    weapons: list[Mention] = Field(default_factory=list)
    fatalities: CasualtyCount | None = None
    injuries: CasualtyCount | None = None
    claimed_by: list[ActorMention] = Field(default_factory=list)
    reported_by: list[ActorMention] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(ge=0.0, le=1.0)


class Quote(_Frozen):
    """Direct or reported speech and who said it."""

    speaker: str | None = None
    speaker_role: str | None = None
    text: str
    start: int
    end: int
    direct: bool = True


class ExtractionResult(_Frozen):
    """What eventwire says about one document: the output contract (docs/output.md)."""

    document: Article | None = None
    events: list[EventReport] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    error: str | None = None
    source: str | None = Field(default=None, description="Where the document came from, set when it failed")
