"""Read queries the web API and dashboard need beyond ``EventQueries``.

Everything here aggregates in the database and returns small results, so the dashboard never
ships the events table to the browser: the map gets grid cells (server-side clustering) and
single events only where a cell holds one, the timeline gets per-bucket per-type counts, the
actor and place lists are grouped and paged. Written against the public ``Database`` API with
portable SQL; the two spots where SQLite and PostgreSQL differ (integer floor, week start) are
small dialect tables below.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from eventwire.store.db import Database, loads
from eventwire.store.query import EventFilter

Interval = Literal["day", "week", "month", "year"]
PlaceLevel = Literal["country", "admin1", "location"]

# Grid cells per 256-pixel map tile side at a zoom level: 4 gives cells of about 64 pixels.
CELLS_PER_TILE = 4
# From this zoom on every event is its own marker (cells are then a few hundred metres).
POINT_ZOOM = 14
MAX_POINTS = 5000

_BUCKET: dict[str, dict[str, str]] = {
    "sqlite": {
        "day": "e.date_start",
        "week": "DATE(e.date_start, '-6 days', 'weekday 1')",
        "month": "SUBSTR(e.date_start, 1, 7) || '-01'",
        "year": "SUBSTR(e.date_start, 1, 4) || '-01-01'",
    },
    "postgresql": {
        "day": "e.date_start",
        "week": "TO_CHAR(DATE_TRUNC('week', CAST(e.date_start AS DATE)), 'YYYY-MM-DD')",
        "month": "SUBSTR(e.date_start, 1, 7) || '-01'",
        "year": "SUBSTR(e.date_start, 1, 4) || '-01-01'",
    },
}


def _floor(db: Database, expr: str) -> str:
    """Integer floor of a non-negative number (SQLite's CAST truncates, PostgreSQL's rounds)."""
    return f"CAST({expr} AS INTEGER)" if db.dialect == "sqlite" else f"CAST(FLOOR({expr}) AS INTEGER)"


def date_span(db: Database, flt: EventFilter | None = None) -> tuple[date | None, date | None]:
    """First and last event start date among the matching events."""
    where, params = (flt or EventFilter()).where(db)
    row = db.query_one(f"SELECT MIN(e.date_start) AS lo, MAX(e.date_start) AS hi FROM events e WHERE {where}", params)
    if not row or not row["lo"]:
        return None, None
    return date.fromisoformat(row["lo"]), date.fromisoformat(row["hi"])


def auto_interval(first: date | None, last: date | None) -> Interval:
    """A bucket size giving a readable number of bars (tens to a few hundred)."""
    if first is None or last is None:
        return "day"
    days = (last - first).days
    if days <= 120:
        return "day"
    if days <= 3 * 365:
        return "week"
    if days <= 30 * 365:
        return "month"
    return "year"


def timeline(db: Database, flt: EventFilter | None, interval: Interval) -> list[dict[str, Any]]:
    """Events and fatalities per (bucket start date, type), in bucket order.

    A week starts on Monday; a month or year bucket is named by its first day, so every bucket
    key is an ISO date the browser can place on one time axis.
    """
    key = _BUCKET[db.dialect][interval]
    where, params = (flt or EventFilter()).where(db)
    rows = db.query(
        f"SELECT {key} AS bucket, e.type AS type, COUNT(*) AS events, "
        "COALESCE(SUM(e.fatalities_best), 0) AS fatalities "
        f"FROM events e WHERE {where} AND e.date_start IS NOT NULL "
        f"GROUP BY {key}, e.type ORDER BY 1, 2",
        params,
    )
    return [{**r, "events": int(r["events"]), "fatalities": int(r["fatalities"])} for r in rows]


def map_cells(db: Database, flt: EventFilter | None, zoom: int) -> dict[str, Any]:
    """Grid clustering for a map at ``zoom`` (Web-Mercator tile zoom 0-20).

    Events with coordinates are grouped into square cells of ``360 / 2**zoom / CELLS_PER_TILE``
    degrees. A cell holding one event comes back as that event (a point); a larger cell as a
    cluster with its count, summed fatalities, per-type counts, mean position and bounds, so a
    click can zoom to it. At ``POINT_ZOOM`` and beyond, and when few events match, every event
    is a point.
    """
    flt = flt or EventFilter()
    where, params = flt.where(db)
    where += " AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
    total = int(db.scalar(f"SELECT COUNT(*) FROM events e WHERE {where}", params) or 0)
    cell = 360.0 / (2 ** max(0, min(zoom, 22))) / CELLS_PER_TILE
    points_only = zoom >= POINT_ZOOM or total <= 50
    clusters: list[dict[str, Any]] = []
    point_ids: list[int] = []
    if not points_only:
        gx = _floor(db, f"(e.lon + 180.0) / {cell!r}")
        gy = _floor(db, f"(e.lat + 90.0) / {cell!r}")
        rows = db.query(
            f"SELECT {gx} AS gx, {gy} AS gy, e.type AS type, COUNT(*) AS n, SUM(e.lat) AS slat, SUM(e.lon) AS slon, "
            "MIN(e.lat) AS lat0, MAX(e.lat) AS lat1, MIN(e.lon) AS lon0, MAX(e.lon) AS lon1, "
            "COALESCE(SUM(e.fatalities_best), 0) AS dead, MIN(e.id) AS any_id "
            f"FROM events e WHERE {where} GROUP BY 1, 2, 3",
            params,
        )
        cells: dict[tuple[int, int], dict[str, Any]] = {}
        for r in rows:
            c = cells.setdefault((r["gx"], r["gy"]), {
                "count": 0, "fatalities": 0, "types": {}, "slat": 0.0, "slon": 0.0,
                "bounds": [r["lat0"], r["lon0"], r["lat1"], r["lon1"]], "any_id": r["any_id"],
            })  # fmt: skip
            n = int(r["n"])
            c["count"] += n
            c["fatalities"] += int(r["dead"])
            c["types"][r["type"]] = n
            c["slat"] += float(r["slat"])
            c["slon"] += float(r["slon"])
            b = c["bounds"]
            c["bounds"] = [min(b[0], r["lat0"]), min(b[1], r["lon0"]), max(b[2], r["lat1"]), max(b[3], r["lon1"])]
        for c in cells.values():
            if c["count"] == 1:
                point_ids.append(int(c["any_id"]))
                continue
            clusters.append({
                "lat": round(c["slat"] / c["count"], 5), "lon": round(c["slon"] / c["count"], 5),
                "count": c["count"], "fatalities": c["fatalities"], "types": c["types"], "bounds": c["bounds"],
            })  # fmt: skip
        clusters.sort(key=lambda c: -c["count"])
    points = _points(db, where, params, point_ids if not points_only else None)
    return {"zoom": zoom, "cell_deg": cell, "total": total, "clusters": clusters, "points": points,
            "truncated": len(points) >= MAX_POINTS}  # fmt: skip


def _points(db: Database, where: str, params: list[Any], ids: list[int] | None) -> list[dict[str, Any]]:
    cols = (
        "e.id, e.type, e.subtype, e.date_start, e.lat, e.lon, e.location, e.country, "
        "e.fatalities_best, e.injuries_best, e.n_reports"
    )
    if ids is None:
        rows = db.query(
            f"SELECT {cols} FROM events e WHERE {where} ORDER BY COALESCE(e.fatalities_best, 0) DESC, e.id DESC "
            f"LIMIT {MAX_POINTS}",
            params,
        )
    else:
        rows = []
        ids = ids[:MAX_POINTS]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            rows += db.query(f"SELECT {cols} FROM events e WHERE e.id IN ({marks})", chunk)
    return rows


def actors(db: Database, q: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Actors (canonical names) with their event counts per role, most active first; and the total."""
    cond, params = ("LOWER(actor) LIKE ?", [f"%{q.lower()}%"]) if q else ("1 = 1", [])
    total = int(db.scalar(f"SELECT COUNT(DISTINCT actor) FROM event_actors WHERE {cond}", params) or 0)
    rows = db.query(
        f"SELECT actor AS name, COUNT(DISTINCT event_id) AS events FROM event_actors WHERE {cond} "
        f"GROUP BY actor ORDER BY 2 DESC, 1 LIMIT {int(limit)} OFFSET {int(offset)}",
        params,
    )
    if rows:
        marks = ", ".join("?" for _ in rows)
        roles: dict[str, dict[str, int]] = {}
        for r in db.query(
            f"SELECT actor, role, COUNT(*) AS n FROM event_actors WHERE actor IN ({marks}) GROUP BY actor, role",
            [r["name"] for r in rows],
        ):
            roles.setdefault(r["actor"], {})[r["role"]] = int(r["n"])
        for r in rows:
            r["events"] = int(r["events"])
            r["roles"] = roles.get(r["name"], {})
    return rows, total


def places(
    db: Database, flt: EventFilter | None = None, level: PlaceLevel = "location", q: str | None = None,
    limit: int = 50, offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Places events happened in, grouped at ``level``, most events first; and the total."""
    cols = {"country": ["e.country"], "admin1": ["e.country", "e.admin1"],
            "location": ["e.country", "e.admin1", "e.location"]}[level]  # fmt: skip
    where, params = (flt or EventFilter()).where(db)
    where += f" AND {cols[-1]} IS NOT NULL"
    if q:
        where += f" AND LOWER({cols[-1]}) LIKE ?"
        params.append(f"%{q.lower()}%")
    group = ", ".join(cols)
    total = int(db.scalar(f"SELECT COUNT(*) FROM (SELECT 1 FROM events e WHERE {where} GROUP BY {group}) t", params) or 0)
    names = ", ".join(f"{c} AS {c[2:]}" for c in cols)
    rows = db.query(
        f"SELECT {names}, COUNT(*) AS events, COALESCE(SUM(e.fatalities_best), 0) AS fatalities, "
        f"AVG(e.lat) AS lat, AVG(e.lon) AS lon FROM events e WHERE {where} GROUP BY {group} "
        f"ORDER BY COUNT(*) DESC, {group} LIMIT {int(limit)} OFFSET {int(offset)}",
        params,
    )
    for r in rows:
        r["events"] = int(r["events"])
        r["fatalities"] = int(r["fatalities"])
    return rows, total


def articles(db: Database, limit: int = 20, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Articles newest first (by publication date, then id), without their text; and the total."""
    total = int(db.scalar("SELECT COUNT(*) FROM articles") or 0)
    rows = db.query(
        "SELECT a.id, a.url, a.title, a.site, a.published, a.source, a.relevant, a.n_reports, a.duplicate_of "
        f"FROM articles a ORDER BY COALESCE(a.published, '') DESC, a.id DESC LIMIT {int(limit)} OFFSET {int(offset)}"
    )
    return rows, total


def count_articles(db: Database, fts_query: str) -> int:
    """How many articles match a full-text query (in the engine's syntax: ``db.fts_query``)."""
    return int(db.scalar(f"SELECT COUNT(*) FROM articles a WHERE {db.fts_match('a.id')}", [fts_query]) or 0)


def article(db: Database, article_id: int) -> dict[str, Any] | None:
    """One article with its text and removed blocks, and the reports (with evidence) it gave."""
    row = db.query_one(
        "SELECT id, doc_id, source, url, canonical_url, duplicate_of, similarity, title, author, site, published, "
        "language, text, removed, relevant, n_reports, ingested_at FROM articles WHERE id = ?",
        [article_id],
    )
    if row is None:
        return None
    row["removed"] = loads(row["removed"]) or []
    reports = db.query(
        "SELECT r.id AS report_id, er.event_id, r.data FROM reports r "
        "LEFT JOIN event_reports er ON er.report_id = r.id WHERE r.article_id = ? ORDER BY r.id",
        [article_id],
    )
    for r in reports:
        r["report"] = loads(r.pop("data"))
    row["reports"] = reports
    return row


def article_texts(db: Database, article_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Text and metadata of several articles at once (for an event page)."""
    if not article_ids:
        return {}
    marks = ", ".join("?" for _ in article_ids)
    rows = db.query(
        "SELECT id, text, title, author, site, url, published, language, duplicate_of "
        f"FROM articles WHERE id IN ({marks})",
        article_ids,
    )
    return {int(r["id"]): r for r in rows}


def count_by_type(db: Database) -> dict[str, int]:
    """Events per type for the whole store (covered by the ``events_type`` index: no row reads)."""
    return {r["type"]: int(r["n"]) for r in db.query("SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY type")}


def last_ingest(db: Database) -> str | None:
    """When the newest article was stored (ISO timestamp), for the dashboard's header."""
    # ids grow with ingestion, so the newest row is found through the primary key, not a scan
    return db.scalar("SELECT ingested_at FROM articles ORDER BY id DESC LIMIT 1")
