"""SQL of the feed watcher and alerting: feed state, the evaluation cursor, rules, the outbox.

Plain functions over a ``Database`` so the watcher, the CLI and the dashboard share them. The
write functions never open a transaction themselves unless they say so: the evaluator calls
them inside the one transaction that reads events, decides and writes alerts, which is what
makes "an alert is recorded if and only if its state is" true across crashes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from eventwire.store.db import Database, dumps, loads
from eventwire.store.schema import now

CURSOR_KEY = "alerts.cursor"
STORE_ID_KEY = "alerts.store_id"


def iso(ts: float) -> str:
    """A POSIX time in the store's timestamp format (comparable with ``now()``)."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(stamp: str) -> float:
    """The inverse of ``iso``."""
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp()


# -- key/value state -----------------------------------------------------------------------


def get_state(db: Database, key: str) -> str | None:
    row = db.query_one("SELECT value FROM watch_state WHERE key = ?", [key])
    return row["value"] if row else None


def set_state(db: Database, key: str, value: str) -> None:
    with db.transaction():
        db.execute("DELETE FROM watch_state WHERE key = ?", [key])
        db.execute("INSERT INTO watch_state (key, value, updated_at) VALUES (?, ?, ?)", [key, value, now()])


def get_cursor(db: Database) -> tuple[str, int] | None:
    """(updated_at, event id) of the last event evaluated, or None before the first run."""
    value = get_state(db, CURSOR_KEY)
    if value is None:
        return None
    stamp, _, event_id = value.rpartition("|")
    return stamp, int(event_id)


def set_cursor(db: Database, cursor: tuple[str, int]) -> None:
    set_state(db, CURSOR_KEY, f"{cursor[0]}|{cursor[1]}")


def latest_event_cursor(db: Database) -> tuple[str, int]:
    """The cursor that skips every event in the store now ("" when it is empty)."""
    row = db.query_one("SELECT updated_at, id FROM events ORDER BY updated_at DESC, id DESC LIMIT 1")
    return (row["updated_at"], int(row["id"])) if row else ("", 0)


# -- events to evaluate --------------------------------------------------------------------


def events_since(db: Database, cursor: tuple[str, int], limit: int) -> list[dict[str, Any]]:
    """Events created or changed after ``cursor``, oldest change first."""
    stamp, event_id = cursor
    rows = db.query(
        "SELECT * FROM events WHERE updated_at > ? OR (updated_at = ? AND id > ?) "
        f"ORDER BY updated_at, id LIMIT {int(limit)}",
        [stamp, stamp, event_id],
    )
    for row in rows:
        row["actors"] = loads(row.get("actors")) or []
    return rows


def changes_since(db: Database, event_ids: list[int], stamp: str) -> dict[int, dict[str, list[Any]]]:
    """Per event, the fields its history changed after ``stamp``: {field: [oldest old, newest new]}."""
    if not event_ids:
        return {}
    marks = ", ".join("?" for _ in event_ids)
    rows = db.query(
        f"SELECT event_id, changes FROM event_history WHERE event_id IN ({marks}) AND at > ? ORDER BY event_id, version",
        [*event_ids, stamp],
    )
    out: dict[int, dict[str, list[Any]]] = {}
    for row in rows:
        merged = out.setdefault(int(row["event_id"]), {})
        for field, (old, new) in (loads(row["changes"]) or {}).items():
            merged[field] = [merged[field][0] if field in merged else old, new]
    return out


def keyword_events(db: Database, event_ids: list[int], query: str) -> set[int]:
    """Which of these events have a reporting article matching the full-text ``query``."""
    if not event_ids:
        return set()
    marks = ", ".join("?" for _ in event_ids)
    rows = db.query(
        "SELECT DISTINCT er.event_id FROM event_reports er JOIN reports r ON r.id = er.report_id "
        f"WHERE er.event_id IN ({marks}) AND {db.fts_match('r.article_id')}",
        [*event_ids, db.fts_query(query)],
    )
    return {int(r["event_id"]) for r in rows}


def event_sources(db: Database, event_id: int, limit: int = 10) -> list[dict[str, Any]]:
    """The articles reporting an event (URL, site, title, published), first reported first."""
    return db.query(
        "SELECT DISTINCT a.id AS article_id, a.url, a.site, a.title, a.published FROM event_reports er "
        "JOIN reports r ON r.id = er.report_id JOIN articles a ON a.id = r.article_id "
        f"WHERE er.event_id = ? ORDER BY a.id LIMIT {int(limit)}",
        [event_id],
    )


# -- rules ---------------------------------------------------------------------------------


def save_rules(db: Database, rules: list[tuple[str, dict[str, Any], list[str]]]) -> None:
    """Record the rules a watcher runs (name, definition, sinks); others become inactive."""
    stamp = now()
    with db.transaction():
        db.execute("UPDATE alert_rules SET active = 0")
        for name, definition, sinks in rules:
            db.execute("DELETE FROM alert_rules WHERE name = ?", [name])
            db.execute(
                "INSERT INTO alert_rules (name, definition, sinks, active, updated_at) VALUES (?, ?, ?, 1, ?)",
                [name, dumps(definition), dumps(sinks), stamp],
            )


def list_rules(db: Database, include_inactive: bool = False) -> list[dict[str, Any]]:
    """Rules with how many alerts each has raised and when the last one was."""
    where = "" if include_inactive else "WHERE r.active = 1"
    rows = db.query(
        "SELECT r.name, r.definition, r.sinks, r.active, r.updated_at, "
        "(SELECT COUNT(*) FROM alerts a WHERE a.rule = r.name) AS n_alerts, "
        "(SELECT MAX(a.created_at) FROM alerts a WHERE a.rule = r.name) AS last_alert "
        f"FROM alert_rules r {where} ORDER BY r.active DESC, r.name"
    )
    for row in rows:
        row["definition"] = loads(row["definition"])
        row["sinks"] = loads(row["sinks"])
        row["active"] = bool(row["active"])
        row["n_alerts"] = int(row["n_alerts"] or 0)
    return rows


# -- the outbox ----------------------------------------------------------------------------


def last_alert(db: Database, rule: str, event_id: int) -> dict[str, Any] | None:
    row = db.query_one(
        "SELECT id, state_key, payload FROM alerts WHERE rule = ? AND event_id = ? ORDER BY id DESC LIMIT 1",
        [rule, event_id],
    )
    if row is None:
        return None
    row["payload"] = loads(row["payload"])
    return row


def alert_exists(db: Database, rule: str, event_id: int, state_key: str) -> bool:
    return db.query_one(
        "SELECT 1 FROM alerts WHERE rule = ? AND event_id = ? AND state_key = ?", [rule, event_id, state_key]
    ) is not None


def insert_alert(
    db: Database,
    *,
    alert_key: str,
    rule: str,
    event_id: int,
    event_version: int,
    state_key: str,
    kind: str,
    payload: dict[str, Any],
    sinks: list[str],
    created_at: str,
) -> int:
    """An alert and a pending send per sink; call inside the deciding transaction."""
    alert_id = db.insert(
        "alerts",
        {
            "alert_key": alert_key,
            "rule": rule,
            "event_id": event_id,
            "event_version": event_version,
            "state_key": state_key,
            "kind": kind,
            "payload": dumps(payload),
            "created_at": created_at,
        },
    )
    db.executemany(  # next_attempt "" = due at once (whatever clock the outbox runs on)
        "INSERT INTO alert_sends (alert_id, sink, status, attempts, next_attempt) VALUES (?, ?, 'pending', 0, '')",
        [[alert_id, sink] for sink in sinks],
    )
    return alert_id


def due_sends(db: Database, at: str, sinks: list[str], limit: int = 200) -> list[dict[str, Any]]:
    """Pending sends to these sinks whose next attempt is due, oldest alert first."""
    if not sinks:
        return []
    marks = ", ".join("?" for _ in sinks)
    rows = db.query(
        "SELECT s.alert_id, s.sink, s.attempts, a.alert_key, a.payload FROM alert_sends s "
        "JOIN alerts a ON a.id = s.alert_id "
        f"WHERE s.status = 'pending' AND s.next_attempt <= ? AND s.sink IN ({marks}) "
        f"ORDER BY s.alert_id LIMIT {int(limit)}",
        [at, *sinks],
    )
    for row in rows:
        row["payload"] = loads(row["payload"])
    return rows


def next_send_due(db: Database, sinks: list[str]) -> str | None:
    """When the earliest pending send to these sinks is due (None when nothing is pending)."""
    if not sinks:
        return None
    marks = ", ".join("?" for _ in sinks)
    return db.scalar(
        f"SELECT MIN(next_attempt) FROM alert_sends WHERE status = 'pending' AND sink IN ({marks})", sinks
    )


def mark_delivered(db: Database, alert_id: int, sink: str, attempts: int) -> None:
    with db.transaction():
        db.execute(
            "UPDATE alert_sends SET status = 'delivered', attempts = ?, delivered_at = ?, last_error = NULL "
            "WHERE alert_id = ? AND sink = ?",
            [attempts, now(), alert_id, sink],
        )


def mark_attempt_failed(
    db: Database, alert_id: int, sink: str, attempts: int, error: str, next_attempt: str | None
) -> None:
    """Record a failed attempt: retry at ``next_attempt``, or give up (status failed) when None."""
    with db.transaction():
        if next_attempt is None:
            db.execute(
                "UPDATE alert_sends SET status = 'failed', attempts = ?, last_error = ? WHERE alert_id = ? AND sink = ?",
                [attempts, error[:1000], alert_id, sink],
            )
        else:
            db.execute(
                "UPDATE alert_sends SET attempts = ?, last_error = ?, next_attempt = ? WHERE alert_id = ? AND sink = ?",
                [attempts, error[:1000], next_attempt, alert_id, sink],
            )


def send_counts(db: Database) -> dict[str, int]:
    """Sends by status (pending, delivered, failed)."""
    rows = db.query("SELECT status, COUNT(*) AS n FROM alert_sends GROUP BY status")
    return {r["status"]: int(r["n"]) for r in rows}


def recent_alerts(db: Database, limit: int = 50, offset: int = 0, rule: str | None = None) -> list[dict[str, Any]]:
    """Newest alerts first, each with its payload and the state of its sends."""
    where, params = ("WHERE a.rule = ?", [rule]) if rule else ("", [])
    rows = db.query(
        "SELECT a.id, a.alert_key, a.rule, a.event_id, a.event_version, a.kind, a.payload, a.created_at "
        f"FROM alerts a {where} ORDER BY a.id DESC LIMIT {int(limit)} OFFSET {int(offset)}",
        params,
    )
    ids = [int(r["id"]) for r in rows]
    sends: dict[int, list[dict[str, Any]]] = {}
    if ids:
        marks = ", ".join("?" for _ in ids)
        for s in db.query(
            "SELECT alert_id, sink, status, attempts, last_error, delivered_at FROM alert_sends "
            f"WHERE alert_id IN ({marks}) ORDER BY alert_id, sink",
            ids,
        ):
            sends.setdefault(int(s.pop("alert_id")), []).append(s)
    for row in rows:
        row["payload"] = loads(row["payload"])
        row["sends"] = sends.get(int(row["id"]), [])
    return rows


def count_alerts(db: Database, rule: str | None = None) -> int:
    if rule:
        return int(db.scalar("SELECT COUNT(*) FROM alerts WHERE rule = ?", [rule]) or 0)
    return int(db.scalar("SELECT COUNT(*) FROM alerts") or 0)


# -- feeds ---------------------------------------------------------------------------------

FEED_COLUMNS = (
    "source", "etag", "last_modified", "last_polled", "last_changed", "next_due", "failures",
    "last_status", "last_error", "polls", "ingested",
)  # fmt: skip


def get_feed(db: Database, name: str) -> dict[str, Any] | None:
    return db.query_one("SELECT * FROM watch_feeds WHERE name = ?", [name])


def save_feed(db: Database, name: str, values: dict[str, Any]) -> None:
    """Insert or replace the state of one feed (unknown keys are a bug: KeyError)."""
    bad = set(values) - set(FEED_COLUMNS)
    if bad:
        raise KeyError(f"unknown feed state columns: {sorted(bad)}")
    with db.transaction():
        old = get_feed(db, name) or {"failures": 0, "polls": 0, "ingested": 0}
        row = {k: old.get(k) for k in FEED_COLUMNS} | values
        db.execute("DELETE FROM watch_feeds WHERE name = ?", [name])
        cols = ", ".join(["name", *FEED_COLUMNS])
        marks = ", ".join("?" for _ in range(len(FEED_COLUMNS) + 1))
        db.execute(f"INSERT INTO watch_feeds ({cols}) VALUES ({marks})", [name, *(row[k] for k in FEED_COLUMNS)])


def feed_states(db: Database) -> list[dict[str, Any]]:
    return db.query("SELECT * FROM watch_feeds ORDER BY name")


# -- the dashboard -------------------------------------------------------------------------


def describe_rule(definition: dict[str, Any]) -> list[str]:
    """A rule's conditions in words, for people (the dashboard, ``watch --check``)."""
    words = {
        "countries": "countries", "admin1": "regions", "types": "types", "actors": "actors",
        "keywords": "keywords", "min_fatalities": "killed ≥", "min_sources": "sources ≥",
        "max_age_days": "at most days old:",
    }  # fmt: skip
    out = []
    for key, label in words.items():
        value = definition.get(key)
        if value in (None, [], ()):
            continue
        out.append(f"{label} {', '.join(map(str, value)) if isinstance(value, list | tuple) else value}")
    if definition.get("bbox"):
        out.append("inside " + ", ".join(str(v) for v in definition["bbox"]))
    if definition.get("near"):
        near = definition["near"]
        out.append(f"within {near['radius_km']} km of {near['lat']}, {near['lon']}")
    if definition.get("on_update") == "changes":
        out.append("alerts again on changes")
    return out or ["every event"]


def overview(db: Database, limit: int = 50) -> dict[str, Any]:
    """What the dashboard's alerts page shows: rules, recent alerts, feeds, delivery totals."""
    rules = list_rules(db)
    for rule in rules:
        rule["conditions"] = describe_rule(rule["definition"])
    return {
        "rules": rules,
        "alerts": recent_alerts(db, limit=limit),
        "total_alerts": count_alerts(db),
        "feeds": feed_states(db),
        "sends": send_counts(db),
    }
