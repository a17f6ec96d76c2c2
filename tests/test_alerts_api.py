"""The dashboard's view of alerting: /api/alerts, /api/alerts/rules, /api/watch/feeds, /alerts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web dependencies are not installed")

from fastapi.testclient import TestClient  # noqa: E402

from eventwire.alerts.evaluate import evaluate, start_cursor  # noqa: E402
from eventwire.alerts.rules import Rule  # noqa: E402
from eventwire.api import create_app  # noqa: E402
from eventwire.api.settings import ServerSettings  # noqa: E402
from eventwire.store import alerts_queries as aq  # noqa: E402
from eventwire.store import open_store  # noqa: E402
from test_alerts_evaluate import KABUL, add, report  # noqa: E402

TOKEN = "alerts-test-token-0123456789"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("alerts-api") / "alerts.db"
    with open_store(str(path)) as store:
        start_cursor(store)
        aq.save_rules(store.db, [("every", {}, ["hook"]), ("deadly", {"min_fatalities": 10, "countries": ["SO"]}, ["hook", "file"])])
        add(store, "a", report("a", None))
        add(store, "k", report("k", 2, KABUL, "kidnapping"))
        evaluate(store, [Rule(name="every"), Rule(name="deadly", min_fatalities=10, countries=["SO"])], {"every": ["hook"], "deadly": ["hook", "file"]})
        add(store, "b", report("b", 12))
        evaluate(store, [Rule(name="every"), Rule(name="deadly", min_fatalities=10, countries=["SO"])], {"every": ["hook"], "deadly": ["hook", "file"]})
        first = aq.recent_alerts(store.db)[-1]
        aq.mark_delivered(store.db, first["id"], "hook", 1)
        aq.mark_attempt_failed(store.db, aq.recent_alerts(store.db)[0]["id"], "file", 3, "disk full", None)
        aq.save_feed(store.db, "horn-wire", {"source": "https://hornwire.example/rss", "failures": 2, "last_error": "HTTP 503",
                                             "last_status": "error", "polls": 7, "ingested": 3})
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(db=str(db), token=TOKEN)), raise_server_exceptions=False) as c:
        yield c


def test_recent_alerts_newest_first_with_delivery_state(client: TestClient):
    body = client.get("/api/alerts").json()
    assert body["total"] == 3 and [a["rule"] for a in body["items"]] == ["deadly", "every", "every"]
    crossed = body["items"][0]
    assert crossed["kind"] == "crossed" and crossed["changes"]["fatalities_best"] == [None, 12]
    assert crossed["alert_id"] == crossed["payload"]["alert_id"] and "12 killed" in crossed["headline"]
    assert {s["sink"]: s["status"] for s in crossed["sends"]} == {"file": "failed", "hook": "pending"}
    assert body["items"][-1]["sends"][0]["status"] == "delivered"
    only = client.get("/api/alerts", params={"rule": "deadly", "limit": 1}).json()
    assert only["total"] == 1 and len(only["items"]) == 1
    assert client.get("/api/alerts", params={"limit": 0}).status_code == 422


def test_rules_and_feeds(client: TestClient):
    rules = {r["name"]: r for r in client.get("/api/alerts/rules").json()}
    assert rules["deadly"]["conditions"] == ["countries SO", "killed ≥ 10"] and rules["deadly"]["n_alerts"] == 1
    assert rules["every"]["conditions"] == ["every event"] and rules["every"]["sinks"] == ["hook"]
    [feed] = client.get("/api/watch/feeds").json()
    assert (feed["name"], feed["failures"], feed["last_error"]) == ("horn-wire", 2, "HTTP 503")
    spec = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/alerts", "/api/alerts/rules", "/api/watch/feeds"} <= set(spec) and "/alerts" not in spec


def test_the_alerts_page_shows_rules_alerts_and_feeds(client: TestClient):
    page = client.get("/alerts")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "killed ≥ 10" in html and "deadly" in html and 'href="/events/' in html
    assert "crossed" in html and "file: failed" in html and "failing (2)" in html and "HTTP 503" in html
    assert "<script>" not in html and not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    assert client.get("/static/css/alerts.css").status_code == 200


def test_reads_need_the_token_when_the_server_is_not_on_loopback(db: Path):
    app = create_app(ServerSettings(db=str(db), token=TOKEN, host="0.0.0.0"))
    with TestClient(app) as c:
        assert c.get("/api/alerts").status_code == 401
        assert c.get("/alerts", follow_redirects=False).status_code == 303
        assert c.get("/api/alerts", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
