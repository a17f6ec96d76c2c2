"""The API over a PostgreSQL store: the dialect-specific queries (grid cells, week buckets,
full text) answer the same as on SQLite for the same samples."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi", reason="the web dependencies are not installed")

from fastapi.testclient import TestClient  # noqa: E402

from eventwire.api import create_app  # noqa: E402
from eventwire.store.testing import postgres_unavailable, temporary_postgres  # noqa: E402
from test_api_support import PUBLISHED, SAMPLES, seeded_db, settings  # noqa: E402

PG_SKIP = postgres_unavailable()
pytestmark = pytest.mark.skipif(PG_SKIP is not None, reason=PG_SKIP or "")


@pytest.fixture(scope="module")
def clients() -> Iterator[tuple[TestClient, TestClient]]:
    from eventwire.ingest import IngestOptions, Processor, ingest
    from eventwire.store import open_store

    with temporary_postgres() as url:
        with open_store(url) as store:
            ingest([str(SAMPLES)], store, IngestOptions(workers=1, published_default=PUBLISHED), processor=Processor())
        with TestClient(create_app(settings(url))) as pg, TestClient(create_app(settings(seeded_db()))) as lite:  # type: ignore[arg-type]
            yield pg, lite


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/map", {"zoom": 2}),
        ("/api/map", {"zoom": 4, "bbox": "30,-10,80,40"}),
        ("/api/timeline", {"interval": "week"}),
        ("/api/timeline", {"interval": "month", "type": "explosion"}),
        ("/api/aggregate", {"by": "week"}),
        ("/api/places", {"level": "admin1"}),
        ("/api/actors", {}),
    ],
)
def test_aggregates_agree_with_sqlite(clients, path, params):
    pg, lite = clients
    a, b = pg.get(path, params=params), lite.get(path, params=params)
    assert a.status_code == b.status_code == 200
    if path == "/api/map":
        strip = lambda body: sorted((c["count"], c["fatalities"]) for c in body["clusters"])  # noqa: E731
        assert (a.json()["total"], strip(a.json()), len(a.json()["points"])) == (b.json()["total"], strip(b.json()), len(b.json()["points"]))
    elif path in ("/api/places", "/api/actors"):
        key = lambda body: sorted(json.dumps({k: v for k, v in r.items() if k not in ("lat", "lon")}, sort_keys=True) for r in body["items"])  # noqa: E731
        assert key(a.json()) == key(b.json())
    else:
        assert a.json() == b.json()


def test_events_search_and_pages_on_postgres(clients):
    pg, lite = clients
    assert pg.get("/api/events", params={"q": "checkpoint"}).json()["total"] >= 1
    assert pg.get("/api/events").json()["total"] == lite.get("/api/events").json()["total"]
    first = pg.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
    page = pg.get(f"/events/{first}")
    assert page.status_code == 200 and 'data-testid="article-text"' in page.text
    assert pg.get("/api/export.csv").status_code == 200
