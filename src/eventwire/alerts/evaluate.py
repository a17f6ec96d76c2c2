"""Evaluate the rules against events created or changed since the last evaluation.

The store keeps a cursor (``updated_at``, id) of the last event evaluated. One transaction
reads the next events after it, decides which rules alert, writes those alerts and their
pending sends into the outbox, records the alerted version (``Store.record_alert``) and moves
the cursor. A crash anywhere before the commit leaves everything as it was, and the next run
re-evaluates the same events; after the commit the alerts exist and only delivery remains.
So nothing is dropped (every change is evaluated) and nothing is doubled: an alert is unique
per (rule, event, state) in the store itself, where "state" is ``rules.state_key``.

Three kinds of alert: ``new`` (an event first seen since the last evaluation matches),
``crossed`` (an older event now matches because an update changed it — a second source, a
higher toll — with the changes that did it), ``changed`` (rules with ``on_update = "changes"``:
a matching, already alerted event whose watched fields changed, with old and new values).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from eventwire.alerts import payload
from eventwire.alerts.rules import Rule, check, diff, state_key, watched_state
from eventwire.store import Store
from eventwire.store import alerts_queries as aq
from eventwire.store.schema import now

BATCH = 200


@dataclass
class EvaluationReport:
    events: int = 0
    alerts: list[int] = field(default_factory=list)


def store_id(store: Store) -> str:
    """A random id made once per store; part of every alert id, so two stores (or a store
    rebuilt from scratch, whose event ids start again at 1) never share alert ids."""
    value = aq.get_state(store.db, aq.STORE_ID_KEY)
    if value is None:
        with store.db.transaction():
            value = aq.get_state(store.db, aq.STORE_ID_KEY)
            if value is None:
                value = secrets.token_hex(8)
                aq.set_state(store.db, aq.STORE_ID_KEY, value)
    return value


def start_cursor(store: Store, alert_existing: bool = False) -> tuple[str, int]:
    """Set the cursor on first use: after every event already stored (unless
    ``alert_existing``), so starting a watcher on an old store does not alert on its past."""
    cursor = aq.get_cursor(store.db)
    if cursor is not None:
        return cursor
    with store.db.transaction():
        cursor = aq.get_cursor(store.db)  # again, inside the write lock
        if cursor is None:
            cursor = ("", 0) if alert_existing else aq.latest_event_cursor(store.db)
            aq.set_cursor(store.db, cursor)
    return cursor


def evaluate(
    store: Store,
    rules: Sequence[Rule],
    sinks_of: Mapping[str, Sequence[str]],
    today: date | None = None,
) -> EvaluationReport:
    """Evaluate every event changed since the cursor; returns the new alerts' row ids.
    ``sinks_of`` maps a rule name to the sinks its alerts go to."""
    report = EvaluationReport()
    ident = store_id(store)
    start_cursor(store)
    while True:
        if not aq.events_since(store.db, aq.get_cursor(store.db) or ("", 0), 1):
            return report  # nothing changed: no write lock taken
        with store.db.transaction():
            done = _batch(store, rules, sinks_of, today or datetime.now(UTC).date(), ident, report)
        if done:
            return report


def _batch(
    store: Store, rules: Sequence[Rule], sinks_of: Mapping[str, Sequence[str]], today: date, ident: str,
    report: EvaluationReport,
) -> bool:
    db = store.db
    cursor = aq.get_cursor(db) or ("", 0)
    events = aq.events_since(db, cursor, BATCH)
    if not events:
        return True
    ids = [int(e["id"]) for e in events]
    history = aq.changes_since(db, ids, cursor[0])
    keyword_hits = {
        kw: aq.keyword_events(db, ids, kw) for kw in dict.fromkeys(k for r in rules for k in r.keywords)
    }
    stamp = now()
    for event in events:
        for rule in rules:
            why = check(rule, event, today)
            if why is None:
                continue
            if rule.keywords:
                hit = next((kw for kw in rule.keywords if event["id"] in keyword_hits[kw]), None)
                if hit is None:
                    continue
                why.append(f"keyword {hit}")
            alert_id = _decide(store, rule, event, why, history.get(int(event["id"]), {}), cursor, sinks_of, ident, stamp)
            if alert_id is not None:
                report.alerts.append(alert_id)
    report.events += len(events)
    aq.set_cursor(db, (events[-1]["updated_at"], int(events[-1]["id"])))
    return len(events) < BATCH


def _decide(
    store: Store, rule: Rule, event: dict[str, Any], why: list[str], history: dict[str, list[Any]],
    cursor: tuple[str, int], sinks_of: Mapping[str, Sequence[str]], ident: str, stamp: str,
) -> int | None:
    db = store.db
    event_id = int(event["id"])
    key = state_key(rule, event)
    last = aq.last_alert(db, rule.name, event_id)
    if last is not None and (rule.on_update == "once" or last["state_key"] == key):
        return None
    if aq.alert_exists(db, rule.name, event_id, key):
        return None  # this state was alerted before (the event went back to it)
    state = watched_state(event)
    if last is not None:
        kind = "changed"
        changes = diff(last["payload"].get("state"), state)
    elif event["first_seen"] > cursor[0]:
        kind, changes = "new", {}
    else:
        kind = "crossed"
        changes = {k: _actor_names(v) if k == "actors" else v for k, v in history.items() if k in state or k == "n_reports"}
    changes = dict(sorted(changes.items()))  # the same order on both engines (JSONB sorts its own way)
    alert_key = payload.alert_key(ident, rule.name, event_id, key)
    body = payload.build(
        key=alert_key, rule=rule.name, kind=kind, event=event, why=why, changes=changes,
        sources=aq.event_sources(db, event_id), created_at=stamp,
    )
    body["state"] = state
    alert_id = aq.insert_alert(
        db, alert_key=alert_key, rule=rule.name, event_id=event_id, event_version=int(event["version"]),
        state_key=key, kind=kind, payload=body, sinks=list(sinks_of.get(rule.name, ())), created_at=stamp,
    )
    store.record_alert(rule.name, event_id, int(event["version"]))
    return alert_id


def _actor_names(pair: list[Any]) -> list[Any]:
    """History stores actors as dicts; alerts show them as watched_state does."""
    return [sorted({f"{a.get('name')} ({a.get('role')})" for a in side or []}) for side in pair]
