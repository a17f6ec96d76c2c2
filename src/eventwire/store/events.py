"""Write side of events: place a new report into an event, re-aggregate, record the change.

This is where the pure merge functions meet the database: candidate events come from an indexed
query (same country or unknown country, overlapping date window), their member reports are
loaded as ``ReportRecord``s, and ``best_cluster`` decides. Runs inside the caller's transaction,
so a report, its event update and the history row commit together or not at all.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from eventwire.merge import (
    Cluster,
    EventAggregate,
    MergeOptions,
    ReportRecord,
    aggregate,
    best_cluster,
)
from eventwire.merge.records import Casualties, normalize_actor
from eventwire.store.db import Database, dumps, loads
from eventwire.store.schema import now

MAX_CANDIDATES = 200

EVENT_FIELDS = (
    "type", "subtype", "date_start", "date_end", "date_precision", "span_start", "span_end",
    "country", "admin1", "location", "lat", "lon", "geo_precision", "fatalities_low",
    "fatalities_best", "fatalities_high", "injuries_low", "injuries_best", "injuries_high",
    "actors", "summary", "confidence", "n_reports", "n_sources",
)  # fmt: skip


def record_from_row(row: dict[str, Any]) -> ReportRecord:
    """A ``reports`` row back into the record merging compares."""

    def names(value: Any) -> frozenset[str]:
        return frozenset(normalize_actor(v) for v in (loads(value) or ()))

    def day(value: Any) -> date | None:
        return date.fromisoformat(value) if value else None

    return ReportRecord(
        id=row["report_key"],
        group=str(row["article_id"]),
        source=row["source_key"],
        type=row["type"],
        subtype=row["subtype"],
        start=day(row["date_start"]),
        end=day(row["date_end"]),
        precision=row["date_precision"],
        country=row["country"],
        admin1=row["admin1"],
        place=row["location"],
        lat=row["lat"],
        lon=row["lon"],
        geo_precision=row["geo_precision"],
        fatalities=Casualties(row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]),
        injuries=Casualties(row["injuries_low"], row["injuries_best"], row["injuries_high"]),
        perpetrators=names(row["perpetrators"]),
        claimed_by=names(row["claimed_by"]),
        targets=names(row["targets"]),
        sentence=row["sentence"] or "",
        confidence=row["confidence"],
        superseded=row.get("superseded_by") is not None,
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def event_values(agg: EventAggregate, display: dict[str, str]) -> dict[str, Any]:
    """Column values of the ``events`` row for an aggregate (actor names shown as reported)."""
    actors = [
        {"name": display.get(a.name, a.name), "role": a.role, "n_reports": a.n_reports, "sources": list(a.sources)}
        for a in agg.actors
    ]
    return {
        "type": agg.type,
        "subtype": agg.subtype,
        "date_start": _iso(agg.start),
        "date_end": _iso(agg.end),
        "date_precision": agg.precision,
        "span_start": _iso(agg.span_start),
        "span_end": _iso(agg.span_end),
        "country": agg.country,
        "admin1": agg.admin1,
        "location": agg.place,
        "lat": agg.lat,
        "lon": agg.lon,
        "geo_precision": agg.geo_precision,
        "fatalities_low": agg.fatalities.low,
        "fatalities_best": agg.fatalities.best,
        "fatalities_high": agg.fatalities.high,
        "injuries_low": agg.injuries.low,
        "injuries_best": agg.injuries.best,
        "injuries_high": agg.injuries.high,
        "actors": actors,
        "summary": agg.summary,
        "confidence": agg.confidence,
        "n_reports": agg.n_reports,
        "n_sources": agg.n_sources,
    }


class EventWriter:
    """Places reports into events inside an open transaction of ``db``."""

    def __init__(self, db: Database, opts: MergeOptions) -> None:
        self.db = db
        self.opts = opts

    def place(self, report_id: int, record: ReportRecord, display: dict[str, str]) -> tuple[int, bool]:
        """Join the best compatible event or start one; returns (event id, created)."""
        candidates = self._candidates(record)
        found = best_cluster(record, candidates, self.opts)
        stamp = now()
        if found is None:
            values = event_values(aggregate([record], self.opts), display)
            event_id = self.db.insert(
                "events",
                {**_encode(values), "first_seen": stamp, "updated_at": stamp, "version": 1},
            )
            self._link(event_id, report_id, None, stamp)
            self._history(event_id, 1, "created", report_id, None, stamp)
            self._actors(event_id, values["actors"])
            return event_id, True
        cluster, score = found
        event_id = int(cluster.key)
        old = self.db.query_one("SELECT * FROM events WHERE id = ?", [event_id]) or {}
        members = self._members([event_id], limit=None).get(event_id, []) + [record]
        display = {**self._display([event_id]), **display}
        values = event_values(aggregate(members, self.opts), display)
        version = self._update(event_id, old, values, stamp)
        self._link(event_id, report_id, score, stamp)
        self._history(event_id, version, "report_added", report_id, _changes(old, values), stamp)
        return event_id, False

    def refresh(self, event_ids: list[int], article_id: int) -> list[int]:
        """Re-aggregate events some of whose reports were just superseded by a revision of
        their article (``article_id``); returns the events whose summary changed."""
        changed: list[int] = []
        members = self._members(event_ids, limit=None)
        stamp = now()
        for event_id in event_ids:
            old = self.db.query_one("SELECT * FROM events WHERE id = ?", [event_id])
            if old is None or not members.get(event_id):
                continue
            values = event_values(aggregate(members[event_id], self.opts), self._display([event_id]))
            changes = _changes(old, values)
            if not changes:
                continue
            version = self._update(event_id, old, values, stamp)
            self._history(event_id, version, "reports_superseded", None, {**changes, "article": article_id}, stamp)
            changed.append(event_id)
        return changed

    def _update(self, event_id: int, old: dict[str, Any], values: dict[str, Any], stamp: str) -> int:
        """Write an event's new summary as its next version; returns that version."""
        version = int(old.get("version", 0)) + 1
        sets = ", ".join(f"{k} = ?" for k in values)
        self.db.execute(
            f"UPDATE events SET {sets}, updated_at = ?, version = ? WHERE id = ?",
            [*_encode(values).values(), stamp, version, event_id],
        )
        self._actors(event_id, values["actors"])
        return version

    # -- helpers -------------------------------------------------------------------------

    def _candidates(self, record: ReportRecord) -> list[Cluster]:
        if record.start is None or record.end is None:
            return []
        pad = timedelta(days=self.opts.window_days)
        params: list[Any] = [(record.end + pad).isoformat(), (record.start - pad).isoformat()]
        sql = "SELECT id FROM events WHERE span_start <= ? AND span_end >= ?"
        if record.country:
            sql += " AND (country = ? OR country IS NULL)"
            params.append(record.country)
        sql += f" ORDER BY updated_at DESC LIMIT {MAX_CANDIDATES}"
        ids = [int(r["id"]) for r in self.db.query(sql, params)]
        members = self._members(ids, limit=self.opts.max_members)
        return [Cluster(key=i, members=members[i]) for i in ids if members.get(i)]

    def _members(self, event_ids: list[int], limit: int | None) -> dict[int, list[ReportRecord]]:
        if not event_ids:
            return {}
        marks = ", ".join("?" for _ in event_ids)
        rows = self.db.query(
            "SELECT r.*, er.event_id FROM event_reports er JOIN reports r ON r.id = er.report_id "
            f"WHERE er.event_id IN ({marks}) ORDER BY r.id",
            event_ids,
        )
        out: dict[int, list[ReportRecord]] = {}
        for row in rows:
            out.setdefault(int(row["event_id"]), []).append(record_from_row(row))
        if limit:
            out = {k: v[-limit:] for k, v in out.items()}
        return out

    def _display(self, event_ids: list[int]) -> dict[str, str]:
        marks = ", ".join("?" for _ in event_ids)
        rows = self.db.query(
            "SELECT r.perpetrators, r.claimed_by FROM event_reports er JOIN reports r ON r.id = er.report_id "
            f"WHERE er.event_id IN ({marks})",
            event_ids,
        )
        out: dict[str, str] = {}
        for row in rows:
            for name in (loads(row["perpetrators"]) or []) + (loads(row["claimed_by"]) or []):
                out.setdefault(normalize_actor(name), name)
        return out

    def _link(self, event_id: int, report_id: int, score: float | None, stamp: str) -> None:
        self.db.execute(
            "INSERT INTO event_reports (event_id, report_id, score, added_at) VALUES (?, ?, ?, ?)",
            [event_id, report_id, score, stamp],
        )

    def _history(self, event_id: int, version: int, action: str, report_id: int | None, changes: Any,
                 stamp: str) -> None:
        self.db.execute(
            "INSERT INTO event_history (event_id, version, action, report_id, changes, at) VALUES (?, ?, ?, ?, ?, ?)",
            [event_id, version, action, report_id, dumps(changes) if changes is not None else None, stamp],
        )

    def _actors(self, event_id: int, actors: list[dict[str, Any]]) -> None:
        self.db.execute("DELETE FROM event_actors WHERE event_id = ?", [event_id])
        self.db.executemany(
            "INSERT INTO event_actors (event_id, actor, role, n_reports) VALUES (?, ?, ?, ?)",
            [[event_id, a["name"], a["role"], a["n_reports"]] for a in actors],
        )


def _changes(old: dict[str, Any], values: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value differs from the stored row, as {field: [old, new]}."""
    def stored(k: str) -> Any:
        return loads(old.get(k)) if k == "actors" else old.get(k)

    return {k: [stored(k), v] for k, v in values.items() if stored(k) != v}


def _encode(values: dict[str, Any]) -> dict[str, Any]:
    return {k: dumps(v) if k == "actors" else v for k, v in values.items()}
