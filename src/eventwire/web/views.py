"""Plain data for the HTML templates, built from store rows (no HTML is made here).

The event page groups an event's reports by article, pairs every reported phrase with its
canonical form (actor names, resolved places), and cuts each article's text into highlighted
segments; templates only loop and escape.
"""

from __future__ import annotations

from typing import Any

from eventwire.ontology import BY_SUBTYPE
from eventwire.store import Store
from eventwire.store import web_queries as wq
from eventwire.web.highlight import segments

FIELD_LABELS = {
    "type": "what happened", "date": "when", "location": "where", "perpetrators": "perpetrators",
    "claimed_by": "claimed by", "targets": "targets", "victims": "victims", "weapons": "weapons",
    "fatalities": "killed", "injuries": "wounded", "reported_by": "reported by",
}  # fmt: skip


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    from eventwire.store.export import countries

    return countries().get(code, {}).get("name", code)


def figures(row: dict[str, Any], kind: str) -> dict[str, Any]:
    return {"low": row.get(f"{kind}_low"), "best": row.get(f"{kind}_best"), "high": row.get(f"{kind}_high")}


def _count(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if not value:
        return None
    return {"low": value.get("low"), "best": value.get("best"), "high": value.get("high"), "text": value.get("text")}


def report_fields(report: dict[str, Any]) -> list[dict[str, Any]]:
    """(field, label, [(reported words, canonical or resolved form)]) for one report."""
    rows: list[dict[str, Any]] = []

    def add(field: str, pairs: list[tuple[str | None, str | None]]) -> None:
        pairs = [(t, c if c and c != t else None) for t, c in pairs if t or c]
        if pairs:
            rows.append({"field": field, "label": FIELD_LABELS.get(field, field), "values": pairs})

    trigger = report.get("trigger") or {}
    info = BY_SUBTYPE.get(report.get("subtype", ""))
    add("type", [(trigger.get("text"), f"{report.get('type')} / {report.get('subtype')}" + (f" ({info.description})" if info else ""))])
    day = report.get("date") or {}
    if day:
        span = day.get("start") if day.get("start") == day.get("end") else f"{day.get('start')} – {day.get('end')}"
        add("date", [(day.get("text"), f"{span} (precision {day.get('precision')})")])
    loc = report.get("location") or {}
    if loc:
        where = ", ".join(v for v in (loc.get("name"), loc.get("admin1"), country_name(loc.get("country_code"))) if v)
        add("location", [(loc.get("text"), f"{where} ({loc.get('precision')})" if where else None)])
    for field in ("perpetrators", "claimed_by", "reported_by"):
        add(field, [(a.get("text"), a.get("canonical")) for a in report.get(field) or []])
    for field in ("targets", "victims", "weapons"):
        add(field, [(m.get("text"), m.get("head")) for m in report.get(field) or []])
    for field in ("fatalities", "injuries"):
        c = _count(report.get(field))
        if c:
            add(field, [(c["text"], f"low {_n(c['low'])} · best {_n(c['best'])} · high {_n(c['high'])}")])
    return rows


def _n(value: Any) -> str:
    return "–" if value is None else str(value)


def event_page(store: Store, event_id: int) -> dict[str, Any] | None:
    """Everything the event template shows, or None when there is no such event."""
    event = store.event(event_id)
    if event is None:
        return None
    reports = store.event_reports([event_id]).get(event_id, [])
    texts = wq.article_texts(store.db, list(dict.fromkeys(int(r["article_id"]) for r in reports)))
    articles: dict[int, dict[str, Any]] = {}
    for r in reports:
        aid = int(r["article_id"])
        art = texts.get(aid, {})
        entry = articles.setdefault(aid, {
            "id": aid, "title": art.get("title") or r["title"], "site": r["site"], "url": r["url"],
            "published": r["published"], "source": r["source"], "author": art.get("author"),
            "text": art.get("text") or "", "reports": [], "evidence": [],
        })  # fmt: skip
        data = r["report"] or {}
        entry["reports"].append({"id": r["report_id"], "added_at": r["added_at"], "score": r["score"],
                                 "confidence": data.get("confidence"), "fields": report_fields(data),
                                 "superseded_by": r.get("superseded_by")})  # fmt: skip
        entry["evidence"].extend(data.get("evidence") or [])
    for entry in articles.values():
        entry["segments"] = segments(entry["text"], entry["evidence"])
        entry["fields"] = sorted({s for seg in entry["segments"] for s in seg.fields}, key=lambda f: list(FIELD_LABELS).index(f) if f in FIELD_LABELS else 99)
    info = BY_SUBTYPE.get(event["subtype"])
    return {
        "event": event,
        "info": info,
        "country_name": country_name(event["country"]),
        "killed": figures(event, "fatalities"),
        "wounded": figures(event, "injuries"),
        "articles": list(articles.values()),
        "history": store.event_history(event_id),
        "labels": FIELD_LABELS,
    }


def article_page(store: Store, article_id: int) -> dict[str, Any] | None:
    row = wq.article(store.db, article_id)
    if row is None:
        return None
    evidence = [ev for r in row["reports"] for ev in (r["report"] or {}).get("evidence") or []]
    row["segments"] = segments(row["text"], evidence)
    for r in row["reports"]:
        r["fields"] = report_fields(r["report"] or {})
    return {"article": row, "labels": FIELD_LABELS}
