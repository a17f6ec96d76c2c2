"""What an event says, summed up from its reports, each of which keeps its own figures.

Date and place take the most precise value that the other reports are consistent with (a
single report saying "Tuesday" wins over three saying "this week", but not over three saying
"last month"); casualties become low/best/high across reports (low the smallest figure, high the
largest, best the median, rounded down so one inflated report does not set it); actors keep who
named them and who claimed the attack; sources count distinct publishers, since five copies
of one wire story are one source.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from eventwire.merge.compat import MergeOptions, date_gap, distance_km, same_area_name
from eventwire.merge.records import DATE_PRECISIONS, GEO_PRECISIONS, Casualties, ReportRecord
from eventwire.ontology import BY_SUBTYPE


@dataclass(frozen=True)
class ActorSupport:
    """An actor tied to an event, in one role, with how many reports and which sources say so."""

    name: str
    role: str  # "perpetrator" or "claimant"
    n_reports: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EventAggregate:
    """The merged view of one event. Fields mirror the ``events`` table."""

    type: str
    subtype: str
    start: date | None
    end: date | None
    precision: str | None
    span_start: date | None
    span_end: date | None
    country: str | None
    admin1: str | None
    place: str | None
    lat: float | None
    lon: float | None
    geo_precision: str | None
    fatalities: Casualties
    injuries: Casualties
    actors: tuple[ActorSupport, ...]
    n_reports: int
    n_sources: int
    summary: str
    confidence: float


def _rank(value: str | None, order: Sequence[str]) -> int:
    return order.index(value) if value in order else len(order)


def _pick_date(members: Sequence[ReportRecord]) -> ReportRecord | None:
    dated = [m for m in members if m.start is not None]
    if not dated:
        return None

    def key(c: ReportRecord) -> tuple:
        support = sum(1 for m in dated if date_gap(c, m) == 0)
        same = sum(1 for m in dated if (m.start, m.end) == (c.start, c.end))
        return (2 * support > len(dated) or support == len(dated), -_rank(c.precision, DATE_PRECISIONS), support, same, -c.start.toordinal())  # type: ignore[union-attr]

    return max(dated, key=key)


def _places_agree(a: ReportRecord, b: ReportRecord, opts: MergeOptions) -> bool:
    if a.country != b.country:
        return False
    if None not in (a.lat, a.lon, b.lat, b.lon) and a.geo_precision in ("point", "town") and b.geo_precision in ("point", "town"):
        return distance_km(a.lat, a.lon, b.lat, b.lon) <= opts.max_km  # type: ignore[arg-type]
    if a.admin1 and b.admin1 and a.geo_precision not in ("country", "region") and b.geo_precision not in ("country", "region"):
        return same_area_name(a.admin1, b.admin1)
    return True


def _pick_place(members: Sequence[ReportRecord], opts: MergeOptions) -> ReportRecord | None:
    placed = [m for m in members if m.country]
    if not placed:
        return None

    def key(c: ReportRecord) -> tuple:
        support = sum(1 for m in placed if _places_agree(c, m, opts))
        same = sum(1 for m in placed if m.place == c.place)
        return (2 * support > len(placed) or support == len(placed), -_rank(c.geo_precision, GEO_PRECISIONS), support, same)

    return max(placed, key=key)


def combine_counts(counts: Sequence[Casualties]) -> Casualties:
    """low = smallest figure given, high = largest, best = median of the reports' best figures."""
    known = [c for c in counts if c.known]
    if not known:
        return Casualties()
    lows = [c.bounds()[0] for c in known]
    highs = [v for c in known for v in (c.high, c.best, c.low) if v is not None]
    points = [p for c in known if (p := c.point()) is not None]
    best = statistics.median_low(points) if points else None
    return Casualties(low=min(lows), best=best, high=max(highs) if highs else None)


def _actors(members: Sequence[ReportRecord]) -> tuple[ActorSupport, ...]:
    out = []
    for role, attr in (("perpetrator", "perpetrators"), ("claimant", "claimed_by")):
        counts: Counter[str] = Counter()
        sources: dict[str, set[str]] = {}
        for m in members:
            for name in getattr(m, attr):
                counts[name] += 1
                sources.setdefault(name, set()).add(m.source)
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(ActorSupport(name, role, n, tuple(sorted(sources[name]))))
    return tuple(out)


def aggregate(members: Sequence[ReportRecord], opts: MergeOptions | None = None) -> EventAggregate:
    """Summarise an event's member reports (at least one)."""
    if not members:
        raise ValueError("an event needs at least one report")
    # what an updated article replaced no longer speaks for the event (unless nothing else does)
    members = [m for m in members if not m.superseded] or list(members)
    opts = opts or MergeOptions()
    weight: Counter[str] = Counter()
    for m in members:
        weight[m.subtype] += m.confidence
    subtype = max(weight, key=lambda s: (weight[s], s))
    info = BY_SUBTYPE.get(subtype)
    when = _pick_date(members)
    where = _pick_place(members, opts)
    starts = [m.start for m in members if m.start]
    ends = [m.end for m in members if m.end]
    lead = max(members, key=lambda m: (m.confidence, len(m.sentence)))
    return EventAggregate(
        type=info.type if info else members[0].type,
        subtype=subtype,
        start=when.start if when else None,
        end=when.end if when else None,
        precision=when.precision if when else None,
        span_start=min(starts) if starts else None,
        span_end=max(ends) if ends else None,
        country=where.country if where else None,
        admin1=where.admin1 if where else None,
        place=where.place if where else None,
        lat=where.lat if where else None,
        lon=where.lon if where else None,
        geo_precision=where.geo_precision if where else None,
        fatalities=combine_counts([m.fatalities for m in members]),
        injuries=combine_counts([m.injuries for m in members]),
        actors=_actors(members),
        n_reports=len(members),
        n_sources=len({m.source for m in members}),
        summary=lead.sentence,
        confidence=max(m.confidence for m in members),
    )
