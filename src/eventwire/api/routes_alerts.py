"""Alert rules, recent alerts and watched feeds: the REST endpoints and the /alerts page.

The data comes from ``store/alerts_queries.py`` (what ``eventwire watch`` records in the
store): the rules the watcher runs, the alerts it raised with the delivery state per sink,
and each feed's polling state. Reads only; the same read access as the other endpoints.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from eventwire.api.deps import Limit, Offset, StoreDep
from eventwire.api.security import ReadAccess
from eventwire.store import alerts_queries as aq


class AlertRule(BaseModel):
    name: str
    definition: dict[str, Any]
    conditions: list[str]
    sinks: list[str]
    active: bool
    updated_at: str
    n_alerts: int
    last_alert: str | None = None


class AlertSend(BaseModel):
    sink: str
    status: str
    attempts: int
    last_error: str | None = None
    delivered_at: str | None = None


class Alert(BaseModel):
    id: int
    alert_id: str
    rule: str
    event_id: int
    event_version: int
    kind: str
    created_at: str
    headline: str
    why: list[str]
    changes: dict[str, list[Any]]
    sends: list[AlertSend]
    payload: dict[str, Any]


class AlertList(BaseModel):
    items: list[Alert]
    total: int
    limit: int
    offset: int


class WatchedFeed(BaseModel):
    name: str
    source: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: str | None = None
    last_changed: str | None = None
    next_due: str | None = None
    failures: int
    last_status: str | None = None
    last_error: str | None = None
    polls: int
    ingested: int


def _alert(row: dict[str, Any]) -> dict[str, Any]:
    body = row["payload"] or {}
    return {
        "id": row["id"], "alert_id": row["alert_key"], "rule": row["rule"], "event_id": row["event_id"],
        "event_version": row["event_version"], "kind": row["kind"], "created_at": row["created_at"],
        "headline": body.get("headline", ""), "why": body.get("why", []), "changes": body.get("changes", {}),
        "sends": row["sends"], "payload": body,
    }  # fmt: skip


api = APIRouter(prefix="/api", dependencies=[ReadAccess], tags=["alerts"])


@api.get("/alerts", response_model=AlertList, summary="Recent alerts")
def list_alerts(
    store: StoreDep,
    rule: Annotated[str | None, Query(max_length=80, description="Only this rule's alerts")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Newest first, with the full alert (as the sinks received it) and its delivery state per sink."""
    rows = aq.recent_alerts(store.db, limit=limit, offset=offset, rule=rule)
    return {"items": [_alert(r) for r in rows], "total": aq.count_alerts(store.db, rule), "limit": limit, "offset": offset}


@api.get("/alerts/rules", response_model=list[AlertRule], summary="Alert rules")
def list_rules(
    store: StoreDep,
    inactive: Annotated[bool, Query(description="Also rules no longer in the watcher's config")] = False,
) -> list[dict]:
    """The rules the watcher runs (recorded when it starts), with their alert counts."""
    rows = aq.list_rules(store.db, include_inactive=inactive)
    return [{**r, "conditions": aq.describe_rule(r["definition"])} for r in rows]


@api.get("/watch/feeds", response_model=list[WatchedFeed], summary="Watched feeds")
def list_feeds(store: StoreDep) -> list[dict]:
    """Each feed's polling state: last poll, next poll, consecutive failures, last error."""
    return aq.feed_states(store.db)


pages = APIRouter(include_in_schema=False)


@pages.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request) -> Response:
    from eventwire.web.pages import _gate, render

    if (redirect := _gate(request)) is not None:
        return redirect
    with request.app.state.pool.borrow() as store:
        data = aq.overview(store.db, limit=100)
    data["alerts"] = [_alert(r) for r in data["alerts"]]
    return render(request, "alerts.html", title="Alerts", **data)


router = APIRouter()
router.include_router(api)
router.include_router(pages)
