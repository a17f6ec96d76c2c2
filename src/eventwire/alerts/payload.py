"""What an alert says: one JSON object, the same for every sink (docs/watch.md has the schema).

``alert_id`` is the idempotency key: it is derived from the store, the rule, the event and the
event's alerted state, so a redelivery after a crash carries the same id and a receiver that
remembers ids sees every alert once.
"""

from __future__ import annotations

import hashlib
from typing import Any

PAYLOAD_VERSION = 1
EVENT_KEYS = (
    "id", "version", "type", "subtype", "date_start", "date_end", "date_precision", "country",
    "admin1", "location", "lat", "lon", "geo_precision", "fatalities_low", "fatalities_best",
    "fatalities_high", "injuries_low", "injuries_best", "injuries_high", "n_reports", "n_sources",
    "confidence", "summary", "first_seen", "updated_at",
)  # fmt: skip
KINDS = {
    "new": "new event",
    "crossed": "an update made the event match",
    "changed": "the event changed since the last alert",
}


def alert_key(store_id: str, rule: str, event_id: int, state_key: str) -> str:
    digest = hashlib.sha256(f"{store_id}\x1f{rule}\x1f{event_id}\x1f{state_key}".encode()).hexdigest()
    return f"ew-{digest[:32]}"


def _figure(event: dict[str, Any], kind: str) -> str | None:
    low, best, high = event.get(f"{kind}_low"), event.get(f"{kind}_best"), event.get(f"{kind}_high")
    point = best if best is not None else low
    if point is None and high is None:
        return None
    text = str(point if point is not None else f"up to {high}")
    if (low is not None and low != point) or (high is not None and high != point and point is not None):
        text += f" ({low if low is not None else '?'}–{high if high is not None else '?'})"
    return text


def headline(event: dict[str, Any]) -> str:
    """One line: what, where, when, toll, sources."""
    where = ", ".join(dict.fromkeys(v for v in (event.get("location"), event.get("admin1"), event.get("country")) if v))
    parts = [f"{event.get('type')}/{event.get('subtype')}", f"in {where}" if where else "place unknown"]
    if event.get("date_start"):
        parts.append(f"on {event['date_start']}")
    text = " ".join(parts)
    dead, hurt = _figure(event, "fatalities"), _figure(event, "injuries")
    if dead:
        text += f": {dead} killed"
    if hurt:
        text += f"{',' if dead else ':'} {hurt} wounded"
    n = int(event.get("n_sources") or 0)
    return f"{text} ({n} source{'s' if n != 1 else ''})"


def build(
    *,
    key: str,
    rule: str,
    kind: str,
    event: dict[str, Any],
    why: list[str],
    changes: dict[str, list[Any]],
    sources: list[dict[str, Any]],
    created_at: str,
) -> dict[str, Any]:
    """The alert object every sink receives."""
    return {
        "alert_id": key,
        "payload_version": PAYLOAD_VERSION,
        "rule": rule,
        "kind": kind,
        "created_at": created_at,
        "headline": headline(event),
        "why": why,
        "changes": changes,
        "event": {k: event.get(k) for k in EVENT_KEYS}
        | {"actors": [{"name": a.get("name"), "role": a.get("role")} for a in event.get("actors") or []]},
        "event_path": f"/events/{event['id']}",
        "sources": [{k: s.get(k) for k in ("url", "site", "title", "published")} for s in sources],
    }


def render_text(alert: dict[str, Any]) -> str:
    """A plain-text rendering (email bodies, the stdout sink's text format)."""
    lines = [
        f"[{alert['rule']}] {alert['headline']}",
        f"Why: {KINDS.get(alert['kind'], alert['kind'])}; " + "; ".join(alert.get("why") or []),
    ]
    changes = alert.get("changes") or {}
    if changes:
        shown = [f"{field} {_value(old)} -> {_value(new)}" for field, (old, new) in sorted(changes.items()) if field not in ("actors", "summary")]
        if shown:
            lines.append("Changed: " + ", ".join(shown))
    if alert["event"].get("summary"):
        lines.append(f"Summary: {alert['event']['summary']}")
    for s in alert.get("sources") or []:
        lines.append(f"Source: {s.get('site') or ''} {s.get('url') or ''} {s.get('title') or ''}".strip())
    lines.append(f"Event: {alert['event_path']} (version {alert['event'].get('version')}); alert id {alert['alert_id']}")
    return "\n".join(lines)


def _value(value: Any) -> str:
    return "unknown" if value is None else str(value)
