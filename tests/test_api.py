"""The REST API over a store seeded from samples/: every endpoint, filters, paging, errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi", reason="the web dependencies are not installed")

from fastapi.testclient import TestClient  # noqa: E402

from eventwire.api import create_app  # noqa: E402
from eventwire.store import EventFilter, open_store  # noqa: E402
from test_api_support import seeded_db, settings  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(settings(seeded_db())), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def store():
    with open_store(str(seeded_db())) as s:
        yield s


def ids(resp) -> list[int]:
    assert resp.status_code == 200, resp.text
    return [e["id"] for e in resp.json()["items"]]


# -- events -------------------------------------------------------------------------------


def test_events_lists_every_event_newest_first(client, store):
    body = client.get("/api/events", params={"limit": 500}).json()
    assert body["total"] == store.count_events() == len(body["items"])
    days = [e["date_start"] or "" for e in body["items"]]
    assert days == sorted(days, reverse=True)
    assert body["next_cursor"] is None


def test_cursor_paging_walks_every_event_once_in_order(client, store):
    seen, cursor = [], None
    while True:
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/events", params=params).json()
        seen += [e["id"] for e in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == [e["id"] for e in store.events(limit=1000)]
    assert ids(client.get("/api/events", params={"limit": 4, "offset": 4})) == seen[4:8]


@pytest.mark.parametrize(
    ("params", "flt"),
    [
        ({"country": "SO"}, EventFilter(country="SO")),
        ({"country": "Somalia"}, EventFilter(country="SO")),
        ({"type": "explosion"}, EventFilter(types=("explosion",))),
        ({"type": ["kidnapping", "arson"]}, EventFilter(types=("kidnapping", "arson"))),
        ({"min_fatalities": 10}, EventFilter(min_fatalities=10)),
        ({"actor": "shabaab"}, EventFilter(actor="shabaab")),
        ({"q": "checkpoint"}, EventFilter(text="checkpoint")),
        ({"since": "2024-01-01", "until": "2024-06-30"}, None),
        ({"bbox": "60,20,80,40"}, EventFilter(bbox=(60, 20, 80, 40))),
    ],
)
def test_event_filters_match_the_store(client, store, params, flt):
    from datetime import date

    flt = flt or EventFilter(since=date(2024, 1, 1), until=date(2024, 6, 30))
    got = ids(client.get("/api/events", params={**params, "limit": 500}))
    assert got == [e["id"] for e in store.events(flt, limit=500)]
    assert got, f"the samples should have events for {params}"


def test_filters_combine_and_admin1_matches_ignoring_case(client, store):
    region = next(e for e in store.events(limit=100) if e["admin1"])
    got = ids(client.get("/api/events", params={"country": region["country"], "admin1": region["admin1"].upper()}))
    assert region["id"] in got


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"since": "2024-13-01"}, "since"),
        ({"since": "2024-05-01", "until": "2024-04-01"}, "until"),
        ({"country": "Narnia"}, "country"),
        ({"type": "picnic"}, "type"),
        ({"min_fatalities": -1}, "min_fatalities"),
        ({"min_fatalities": "many"}, "min_fatalities"),
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"offset": -3}, "offset"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "10,0,5,1"}, "bbox"),
        ({"bbox": "nan,0,5,1"}, "bbox"),
        ({"cursor": "%%%"}, "cursor"),
        ({"cursor": "bm90LWEtY3Vyc29y"}, "cursor"),
        ({"cursor": "MjAyNC0wMS0wMXwx", "offset": 5}, "cursor"),
        ({"q": "x" * 501}, "q"),
    ],
)
def test_bad_event_filters_are_422_naming_the_parameter(client, params, where):
    resp = client.get("/api/events", params=params)
    assert resp.status_code == 422, resp.text
    detail = resp.json()["detail"]
    assert any(d["loc"][-1] == where for d in detail), detail
    assert "Traceback" not in resp.text


def test_full_text_query_syntax_never_errors(client):
    for q in ['"', "AND OR NOT", "*", "(", "NEAR(", "a:b", "🙂", '"unclosed phrase']:
        assert client.get("/api/events", params={"q": q}).status_code == 200, q
        assert client.get("/api/articles", params={"q": q}).status_code == 200, q


def test_event_detail_has_reports_with_evidence_into_the_article_text(client, store):
    event = next(e for e in store.events(limit=100) if e["fatalities_best"])
    body = client.get(f"/api/events/{event['id']}").json()
    assert body["event"]["id"] == event["id"] and body["history"][0]["action"] == "created"
    report = body["reports"][0]
    article = client.get(f"/api/articles/{report['article']['article_id']}").json()
    evidence = report["report"]["evidence"]
    assert any(ev["field"] == "fatalities" for ev in evidence)
    for ev in evidence:
        assert article["text"][ev["start"] : ev["end"]] == ev["text"]


def test_unknown_event_is_404_and_bad_ids_are_422(client):
    assert client.get("/api/events/999999").status_code == 404
    assert client.get("/api/events/0").status_code == 422
    assert client.get("/api/events/abc").status_code == 422
    assert client.get("/api/events/99999999999999999999999").status_code == 422


# -- articles, actors, places, statistics ------------------------------------------------


def test_articles_list_search_and_detail(client, store):
    body = client.get("/api/articles", params={"limit": 5}).json()
    assert body["total"] == store.stats()["articles"] and len(body["items"]) == 5
    found = client.get("/api/articles", params={"q": "Mogadishu"}).json()
    assert found["total"] >= 1 and all("text" not in a for a in found["items"])
    one = client.get(f"/api/articles/{found['items'][0]['id']}").json()
    assert "Mogadishu" in one["text"] and one["reports"]
    assert client.get("/api/articles/424242").status_code == 404


def test_actors_are_canonical_with_roles(client):
    body = client.get("/api/actors").json()
    names = {a["name"]: a for a in body["items"]}
    assert "al-Shabaab" in names and names["al-Shabaab"]["roles"].get("perpetrator")
    assert body["total"] == len(body["items"])
    assert [a["name"] for a in client.get("/api/actors", params={"q": "SHABAAB"}).json()["items"]] == ["al-Shabaab"]


def test_places_group_by_level_and_follow_filters(client, store):
    countries = client.get("/api/places", params={"level": "country", "limit": 500}).json()
    assert sum(p["events"] for p in countries["items"]) == store.count_events(EventFilter()) - _no_country(store)
    assert any(p["country"] == "SO" and p["country_name"] == "Somalia" for p in countries["items"])
    regions = client.get("/api/places", params={"level": "admin1", "country": "PK"}).json()
    assert regions["items"] and all(p["country"] == "PK" and p["admin1"] for p in regions["items"])
    towns = client.get("/api/places", params={"name": "mandera"}).json()
    assert [p["location"] for p in towns["items"]] == ["Mandera"]
    assert client.get("/api/places", params={"level": "street"}).status_code == 422


def _no_country(store) -> int:
    return int(store.db.scalar("SELECT COUNT(*) FROM events WHERE country IS NULL"))


def test_stats_count_the_store(client, store):
    body = client.get("/api/stats").json()
    assert {k: body[k] for k in store.stats()} == store.stats()
    assert sum(body["by_type"].values()) == body["events"] and body["first_event"] <= body["last_event"]


@pytest.mark.parametrize("by", ["day", "week", "month", "year", "type", "subtype", "country", "admin1"])
def test_aggregates_add_up_to_the_total(client, store, by):
    rows = client.get("/api/aggregate", params={"by": by}).json()
    dated = store.count_events() - int(store.db.scalar("SELECT COUNT(*) FROM events WHERE date_start IS NULL"))
    assert sum(r["events"] for r in rows) == (dated if by == "week" else store.count_events())


def test_aggregate_rejects_unknown_keys(client):
    assert client.get("/api/aggregate", params={"by": "colour"}).status_code == 422


def test_timeline_buckets_by_interval_and_type(client, store):
    auto = client.get("/api/timeline").json()
    assert auto["interval"] in ("day", "week", "month") and auto["first"] <= auto["last"]
    months = client.get("/api/timeline", params={"interval": "month"}).json()
    assert all(r["bucket"].endswith("-01") for r in months["rows"])
    assert sum(r["events"] for r in months["rows"]) == sum(r["events"] for r in auto["rows"])
    weeks = client.get("/api/timeline", params={"interval": "week", "type": "explosion"}).json()
    from datetime import date

    assert all(date.fromisoformat(r["bucket"]).weekday() == 0 and r["type"] == "explosion" for r in weeks["rows"])


@pytest.mark.parametrize("zoom", [0, 2, 5, 9, 16])
def test_map_clusters_and_points_account_for_every_located_event(client, zoom):
    body = client.get("/api/map", params={"zoom": zoom}).json()
    assert sum(c["count"] for c in body["clusters"]) + len(body["points"]) == body["total"] > 0
    for c in body["clusters"]:
        assert c["count"] > 1 and sum(c["types"].values()) == c["count"]
        assert c["bounds"][0] <= c["lat"] <= c["bounds"][2]


def test_map_follows_bbox_and_filters(client):
    body = client.get("/api/map", params={"zoom": 5, "bbox": "40,-2,52,12", "type": "explosion"}).json()
    assert body["points"] and all(p["type"] == "explosion" and 40 <= p["lon"] <= 52 for p in body["points"])
    assert client.get("/api/map", params={"zoom": 23}).status_code == 422


def test_types_list_the_ontology(client):
    body = client.get("/api/types").json()
    assert {"type": "explosion", "subtype": "suicide_bombing"}.items() <= next(t for t in body if t["subtype"] == "suicide_bombing").items()


# -- exports --------------------------------------------------------------------------------


def test_csv_export_streams_acled_columns(client, store):
    resp = client.get("/api/export.csv", params={"type": "explosion"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert len(rows) == store.count_events(EventFilter(types=("explosion",)))
    assert rows[0]["event_type"] == "Explosions/Remote violence" and rows[0]["eventwire_id"]


def test_geojson_export_is_a_feature_collection(client, store):
    body = json.loads(client.get("/api/export.geojson").text)
    assert body["type"] == "FeatureCollection" and len(body["features"]) == store.count_events()
    point = next(f for f in body["features"] if f["geometry"])
    assert point["geometry"]["type"] == "Point" and len(point["geometry"]["coordinates"]) == 2


def test_jsonl_export_carries_reports_and_evidence(client):
    lines = client.get("/api/export.jsonl", params={"limit": 3}).text.strip().splitlines()
    assert len(lines) == 3
    first = json.loads(lines[0])
    assert first["reports"] and "evidence" in first["reports"][0]


def test_exports_validate_filters(client):
    assert client.get("/api/export.csv", params={"country": "Atlantis"}).status_code == 422
    assert client.get("/api/export.jsonl", params={"limit": 0}).status_code == 422


# -- documentation, headers, errors -----------------------------------------------------------


def test_openapi_document_lists_every_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{article_id}", "/api/actors",
                 "/api/places", "/api/stats", "/api/aggregate", "/api/timeline", "/api/map", "/api/types",
                 "/api/export.csv", "/api/export.geojson", "/api/export.jsonl", "/api/ingest", "/api/ingest/file"):
        assert path in paths, path
    page = client.get("/api/docs")
    assert page.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_every_response_has_a_strict_content_security_policy(client):
    for path in ("/", "/api/events", "/add", "/api/docs", "/static/js/common.js", "/nowhere", "/api/nowhere"):
        resp = client.get(path)
        csp = resp.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp, path
        assert resp.headers["x-content-type-options"] == "nosniff"


def test_unknown_pages_are_html_404_and_unknown_api_paths_json_404(client):
    page = client.get("/no/such/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    api = client.get("/api/no/such")
    assert api.status_code == 404 and api.json()["detail"]


def test_an_unexpected_error_is_a_500_without_a_stack_trace(monkeypatch):
    from eventwire.store import web_queries

    def boom(*_a, **_k):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(web_queries, "map_cells", boom)
    with TestClient(create_app(settings(seeded_db())), raise_server_exceptions=False) as c:
        resp = c.get("/api/map")
    assert resp.status_code == 500
    assert "incident" in resp.json()["detail"]
    assert "secret internal detail" not in resp.text and "Traceback" not in resp.text


def test_static_assets_are_vendored_with_licences(client):
    for path in ("leaflet/dist/leaflet.js", "leaflet/LICENSE", "world-atlas/countries-50m.geojson",
                 "world-atlas/LICENSE", "swagger-ui/LICENSE"):
        assert client.get(f"/static/vendor/{path}").status_code == 200, path
    basemap = client.get("/static/vendor/world-atlas/countries-50m.geojson").json()
    assert basemap["type"] == "FeatureCollection" and len(basemap["features"]) > 200


def test_pages_never_load_anything_from_another_origin(client, store):
    import re

    event_id = store.events(limit=1)[0]["id"]
    for path in ("/", f"/events/{event_id}", "/add", "/api/docs", "/login"):
        html = client.get(path).text
        assert not re.search(r"""src=["']?(https?:)?//""", html), path
        assert not re.search(r"""<link[^>]+href=["']?(https?:)?//""", html), path
        assert "<script>" not in html and " on" + "load=" not in html, path


def test_aggregates_are_remembered_until_the_store_changes(tmp_path):
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(seeded_db(), db)
    app = create_app(settings(db))
    with TestClient(app) as c:
        first = c.get("/api/aggregate", params={"by": "type"}).json()
        assert c.get("/api/aggregate", params={"by": "type"}).json() == first
        assert (app.state.aggregates.hits, app.state.aggregates.misses) == (1, 1)
        c.get("/api/aggregate", params={"by": "type", "country": "SO"})  # another filter: another entry
        assert app.state.aggregates.misses == 2
        with open_store(str(db)) as s:  # another writer (an ingest run) changes one event
            row = s.db.query_one("SELECT id, type, fatalities_best FROM events ORDER BY id LIMIT 1")
            assert row is not None
            with s.db.transaction():
                s.db.execute("UPDATE events SET fatalities_best = ?, updated_at = ? WHERE id = ?",
                             [(row["fatalities_best"] or 0) + 1000, "2999-01-01T00:00:00+00:00", row["id"]])
        after = {r["key"]: r["fatalities"] for r in c.get("/api/aggregate", params={"by": "type"}).json()}
        before = {r["key"]: r["fatalities"] for r in first}
        assert after[row["type"]] == before[row["type"]] + 1000
