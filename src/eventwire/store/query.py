"""Read side of the store: filtered, paged event lists, details, aggregates, article search.

One ``EventFilter`` serves the CLI (``events``, ``export``), the future REST API and the alert
rules, so a filter means the same everywhere. Every filter maps to an indexed column (date,
country, type, fatalities; actors through ``event_actors``) and paging is keyset-based
(``after`` = the last row's (date, id)), which stays fast at any depth, or plain offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from eventwire.store.db import Database, loads

_SORT_DATE = "COALESCE(e.date_start, '')"


@dataclass(frozen=True)
class EventFilter:
    """Which events to list. Empty fields do not filter.

    ``types`` matches an event's type or subtype; ``country`` is an ISO 3166 alpha-2 code;
    ``bbox`` is (min_lon, min_lat, max_lon, max_lat); ``actor`` matches part of a
    perpetrator's or claimant's name, ignoring case; ``text`` is a full-text query over the
    articles that report the event; ``updated_since`` is an ISO timestamp (for watchers).
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    types: tuple[str, ...] = ()
    actor: str | None = None
    min_fatalities: int | None = None
    text: str | None = None
    updated_since: str | None = None

    def where(self, db: Database) -> tuple[str, list[Any]]:
        """SQL condition on alias ``e`` (events) and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        if self.since:
            parts.append("e.date_end >= ?")
            params.append(self.since.isoformat())
        if self.until:
            parts.append("e.date_start <= ?")
            params.append(self.until.isoformat())
        if self.country:
            parts.append("e.country = ?")
            params.append(self.country.upper())
        if self.admin1:
            parts.append("LOWER(e.admin1) = LOWER(?)")
            params.append(self.admin1)
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            parts.append("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?")
            params += [min_lat, max_lat, min_lon, max_lon]
        if self.types:
            marks = ", ".join("?" for _ in self.types)
            parts.append(f"(e.type IN ({marks}) OR e.subtype IN ({marks}))")
            params += [*self.types, *self.types]
        if self.actor:
            parts.append("e.id IN (SELECT event_id FROM event_actors WHERE LOWER(actor) LIKE ?)")
            params.append(f"%{self.actor.lower()}%")
        if self.min_fatalities is not None:
            parts.append("COALESCE(e.fatalities_best, e.fatalities_low, 0) >= ?")
            params.append(self.min_fatalities)
        if self.text:
            parts.append(
                "e.id IN (SELECT er.event_id FROM event_reports er JOIN reports r ON r.id = er.report_id "
                f"WHERE {db.fts_match('r.article_id')})"
            )
            params.append(db.fts_query(self.text))
        if self.updated_since:
            parts.append("e.updated_at > ?")
            params.append(self.updated_since)
        return (" AND ".join(parts) or "1 = 1"), params


GroupBy = Literal["day", "month", "year", "type", "subtype", "country", "admin1"]
_GROUP_SQL: dict[str, str] = {
    "day": "e.date_start",
    "month": "SUBSTR(e.date_start, 1, 7)",
    "year": "SUBSTR(e.date_start, 1, 4)",
    "type": "e.type",
    "subtype": "e.subtype",
    "country": "e.country",
    "admin1": "e.admin1",
}


class EventQueries:
    """Query methods of ``Store``; expects ``self.db``."""

    db: Database

    def events(
        self,
        flt: EventFilter | None = None,
        limit: int = 50,
        offset: int = 0,
        after: tuple[str, int] | None = None,
    ) -> list[dict[str, Any]]:
        """Events newest first (by date, then id). ``after`` is the last row's
        (``date_start`` or "", ``id``) from the previous page."""
        where, params = (flt or EventFilter()).where(self.db)
        if after is not None:
            where += f" AND ({_SORT_DATE} < ? OR ({_SORT_DATE} = ? AND e.id < ?))"
            params += [after[0], after[0], after[1]]
        rows = self.db.query(
            f"SELECT e.* FROM events e WHERE {where} ORDER BY {_SORT_DATE} DESC, e.id DESC "
            f"LIMIT {int(limit)} OFFSET {int(offset)}",
            params,
        )
        return [_event(r) for r in rows]

    def count_events(self, flt: EventFilter | None = None) -> int:
        where, params = (flt or EventFilter()).where(self.db)
        return int(self.db.scalar(f"SELECT COUNT(*) FROM events e WHERE {where}", params) or 0)

    def event(self, event_id: int) -> dict[str, Any] | None:
        row = self.db.query_one("SELECT * FROM events e WHERE e.id = ?", [event_id])
        return _event(row) if row else None

    def event_reports(self, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        """Each event's reports with their article (source, URL, title) and full report JSON;
        ``superseded_by`` is the later version of the article that replaced a report."""
        if not event_ids:
            return {}
        marks = ", ".join("?" for _ in event_ids)
        rows = self.db.query(
            "SELECT er.event_id, er.added_at, er.score, r.id AS report_id, r.data, r.source_key, r.superseded_by, "
            "a.id AS article_id, a.url, a.title, a.site, a.published, a.source "
            "FROM event_reports er JOIN reports r ON r.id = er.report_id JOIN articles a ON a.id = r.article_id "
            f"WHERE er.event_id IN ({marks}) ORDER BY er.event_id, r.id",
            event_ids,
        )
        out: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            row["report"] = loads(row.pop("data"))
            out.setdefault(int(row.pop("event_id")), []).append(row)
        return out

    def event_history(self, event_id: int) -> list[dict[str, Any]]:
        rows = self.db.query(
            "SELECT version, action, report_id, changes, at FROM event_history WHERE event_id = ? ORDER BY version",
            [event_id],
        )
        for row in rows:
            row["changes"] = loads(row["changes"])
        return rows

    def aggregate_events(self, flt: EventFilter | None = None, by: GroupBy = "day") -> list[dict[str, Any]]:
        """Counts and fatalities per day/month/year/type/subtype/country/admin1, in key order."""
        key = _GROUP_SQL[by]
        where, params = (flt or EventFilter()).where(self.db)
        return self.db.query(
            f"SELECT {key} AS key, COUNT(*) AS events, COALESCE(SUM(e.fatalities_best), 0) AS fatalities "
            f"FROM events e WHERE {where} GROUP BY {key} ORDER BY {key}",
            params,
        )

    def search_articles(self, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Articles matching a full-text query (every word; "quoted phrases"), newest first."""
        return self.db.query(
            "SELECT a.id, a.url, a.title, a.site, a.published, a.source, a.relevant, a.n_reports, a.duplicate_of "
            f"FROM articles a WHERE {self.db.fts_match('a.id')} "
            f"ORDER BY COALESCE(a.published, '') DESC, a.id DESC LIMIT {int(limit)} OFFSET {int(offset)}",
            [self.db.fts_query(text)],
        )

    def stats(self) -> dict[str, int]:
        """Row counts, for summaries and health checks."""
        out = {}
        for table in ("articles", "reports", "events", "documents", "skipped"):
            out[table] = int(self.db.scalar(f"SELECT COUNT(*) FROM {table}") or 0)
        out["near_duplicates"] = int(self.db.scalar("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL") or 0)
        return out


def _event(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["actors"] = loads(row.get("actors")) or []
    return row
