"""Writing through the API: tokens, ingestion of text, HTML, files and URLs, the private-address
rule, bad input, and untrusted article text rendered inert in pages."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web dependencies are not installed")

from fastapi.testclient import TestClient  # noqa: E402

from eventwire.api import create_app  # noqa: E402
from test_api_support import (  # noqa: E402
    FIXTURES,
    TOKEN,
    copy_of_seeded,
    seeded_db,
    settings,
    store_hostile_article,
)

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ATTACK = (FIXTURES / "upload_attack.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(settings(copy_of_seeded("ingest"))), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token-0123456789"}, {"Authorization": f"Basic {TOKEN}"},
     {"Authorization": "Bearer"}, {"X-Eventwire-Token": "nope"}],
)
def test_writes_without_the_token_are_401(client, headers):
    resp = client.post("/api/ingest", json={"text": ATTACK}, headers=headers)
    assert resp.status_code == 401 and resp.headers["www-authenticate"] == "Bearer"
    files = {"file": ("a.txt", ATTACK.encode(), "text/plain")}
    assert client.post("/api/ingest/file", files=files, headers=headers).status_code == 401


def test_reads_are_open_on_loopback_without_a_token(client):
    assert client.get("/api/events").status_code == 200


def test_posting_text_stores_it_and_returns_the_events(client):
    resp = client.post("/api/ingest", json={"text": ATTACK, "title": "Baidoa bomb", "published": "2024-05-17"}, headers=AUTH)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    doc = body["documents"][0]
    assert doc["status"] == "stored" and doc["relevant"] and doc["article_id"]
    event = body["events"][0]
    assert event["country"] == "SO" and event["fatalities_best"] == 3 and event["date_start"] == "2024-05-16"
    assert client.get(f"/api/events/{event['id']}").json()["reports"][0]["article"]["title"] == "Baidoa bomb"
    again = client.post("/api/ingest", json={"text": ATTACK, "title": "Baidoa bomb", "published": "2024-05-17"},
                        headers={"X-Eventwire-Token": TOKEN})
    assert again.status_code == 200 and again.json()["documents"][0]["status"] == "known"


def test_uploading_a_file_ingests_it(client):
    html = (FIXTURES / "page_attack.html").read_bytes()
    resp = client.post("/api/ingest/file", files={"file": ("lamu.html", html, "text/html")}, data={"published": "2024-05-12"},
                       headers=AUTH)
    assert resp.status_code == 201, resp.text
    assert any(e["country"] == "KE" for e in resp.json()["events"])


def test_text_without_violence_is_stored_unparsed_unless_asked(client):
    calm = "The city council approved a new budget for parks and libraries on Tuesday after a long debate."
    body = client.post("/api/ingest", json={"text": calm}, headers=AUTH).json()
    assert body["documents"][0]["status"] == "stored" and body["documents"][0]["relevant"] is False and body["events"] == []
    forced = client.post("/api/ingest", json={"text": calm + " Again.", "parse_all": True}, headers=AUTH).json()
    assert forced["documents"][0]["relevant"] is True


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"text": ""},
        {"text": "   \n "},
        {"text": "a", "html": "<p>a</p>"},
        {"text": "a", "published": "20 May 2024"},
        {"text": "a", "published": "2024-02-31"},
        {"text": "a", "colour": "red"},
        {"text": 12},
        {"url": "ftp://example.org/a"},
        {"url": "javascript:alert(1)"},
        {"text": "a", "url": "not a url"},
        {"url": "http://\x87bad-host/"},  # found by the fuzz test: the host name cannot be IDNA-encoded
        {"url": "http://example.org:99999/"},
    ],
)
def test_bad_documents_are_422(client, payload):
    resp = client.post("/api/ingest", json=payload, headers=AUTH)
    assert resp.status_code == 422, resp.text
    assert "Traceback" not in resp.text


def test_malformed_bodies_are_4xx(client):
    assert client.post("/api/ingest", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"}).status_code == 422
    assert client.post("/api/ingest", content=b"text", headers={**AUTH, "Content-Type": "text/plain"}).status_code == 422
    assert client.post("/api/ingest/file", headers=AUTH).status_code == 422
    empty = client.post("/api/ingest/file", files={"file": ("e.txt", b"", "text/plain")}, headers=AUTH)
    assert empty.status_code == 422
    binary = client.post("/api/ingest/file", files={"file": ("b.bin", bytes(range(256)) * 4, "application/octet-stream")}, headers=AUTH)
    assert binary.status_code == 422 and "binary" in binary.json()["detail"]


def test_oversized_uploads_are_413(tmp_path):
    app = create_app(settings(copy_of_seeded("small"), max_upload_bytes=1000))
    with TestClient(app) as c:
        resp = c.post("/api/ingest/file", files={"file": ("big.txt", b"x" * 1001, "text/plain")}, headers=AUTH)
    assert resp.status_code == 413


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/page", "http://localhost:9/page", "http://[::1]:9/", "http://10.1.2.3/a",
                                 "http://169.254.169.254/latest/meta-data/"])
def test_url_ingestion_refuses_private_addresses_like_the_cli(client, url):
    resp = client.post("/api/ingest", json={"url": url}, headers=AUTH)
    assert resp.status_code == 422
    assert "private or local address" in resp.json()["detail"]


@pytest.fixture()
def local_site() -> Iterator[str]:
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(FIXTURES))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_ingestion_fetches_when_private_addresses_are_allowed(local_site):
    app = create_app(settings(copy_of_seeded("fetch"), allow_private=True))
    with TestClient(app) as c:
        resp = c.post("/api/ingest", json={"url": f"{local_site}/page_attack.html"}, headers=AUTH)
        assert resp.status_code == 201, resp.text
        body = resp.json()
        assert body["documents"][0]["source"].endswith("/page_attack.html")
        assert any(e["country"] == "KE" for e in body["events"])
        missing = c.post("/api/ingest", json={"url": f"{local_site}/nothing.html"}, headers=AUTH)
        assert missing.status_code == 422 and "HTTP 404" in missing.json()["detail"]


# -- untrusted text ---------------------------------------------------------------------------

class _ActiveMarkup(HTMLParser):
    """Collects what a browser would run from a page: scripts other than ours, event-handler
    attributes, javascript: URLs in attributes. Escaped text (&lt;script&gt;) is just text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not (values.get("src") or "").startswith("/static/"):
            self.found.append(f"<script {values}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed", "base"):
            self.found.append(f"<{tag}>")


def _dangerous(html: str) -> list[str]:
    parser = _ActiveMarkup()
    parser.feed(html)
    return parser.found


def test_hostile_pages_render_inert_in_every_view(client):
    html = (FIXTURES / "hostile_article.html").read_text(encoding="utf-8")
    resp = client.post("/api/ingest", json={"html": html, "url": "javascript:window.__xss='url'", "published": "2024-05-20"}, headers=AUTH)
    # the url field must be an http(s) URL: a javascript: URL is refused outright
    assert resp.status_code == 422
    resp = client.post("/api/ingest", json={"html": html, "url": "https://lakeside.example/garissa", "published": "2024-05-20"},
                       headers=AUTH)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    text = (FIXTURES / "hostile_text.txt").read_text(encoding="utf-8")
    resp2 = client.post("/api/ingest", json={"text": text, "title": "<script>window.__xss='t'</script>", "published": "2024-05-20"},
                        headers=AUTH)
    assert resp2.status_code == 201, resp2.text
    body2 = resp2.json()
    article_ids = [body["documents"][0]["article_id"], body2["documents"][0]["article_id"]]
    event_ids = [e["id"] for e in body["events"] + body2["events"]]
    assert event_ids, "the hostile fixtures should still yield events"
    pages = [f"/events/{i}" for i in event_ids] + [f"/articles/{i}" for i in article_ids] + ["/", "/add"]
    for page in pages:
        out = client.get(page)
        assert out.status_code == 200, page
        assert _dangerous(out.text) == [], (page, _dangerous(out.text))
    article = client.get(f"/articles/{article_ids[1]}").text
    assert "&lt;script&gt;" in article  # shown as text, not dropped and not run


def test_markup_inside_stored_text_and_metadata_is_escaped_everywhere(client):
    article_id, event_id = store_hostile_article(Path(client.app.state.settings.db))
    for page in (f"/events/{event_id}", f"/articles/{article_id}"):
        html = client.get(page).text
        assert _dangerous(html) == [], (page, _dangerous(html))
        assert "&lt;script&gt;window.__xss=&#34;text&#34;&lt;/script&gt;" in html or "&lt;script&gt;window.__xss=" in html
    event = client.get(f"/events/{event_id}").text
    assert '<mark class="ev ev-perpetrators"' in event  # the evidence is still highlighted


def test_javascript_links_in_stored_urls_are_not_links(client):
    from eventwire.store import open_store

    text = ("KISMAYO, Somalia — Militants fired mortars at an army base in the Somali port of Kismayo on Friday, "
            "killing two soldiers, a regional official said.")
    resp = client.post("/api/ingest", json={"text": text, "url": "https://ok.example/a", "published": "2024-05-18"}, headers=AUTH)
    assert resp.status_code == 201, resp.text
    article_id = resp.json()["documents"][0]["article_id"]
    event_id = resp.json()["events"][0]["id"]
    db_path = client.app.state.settings.db
    with open_store(db_path) as store, store.db.transaction():  # an older store, or another writer, may hold anything
        store.db.execute("UPDATE articles SET url = ? WHERE id = ?", ["javascript:window.__xss='stored'", article_id])
    page = client.get(f"/events/{event_id}").text
    assert not re.search(r"""href=["']?\s*javascript:""", page, re.I)
    assert "link not shown" in page


def test_read_only_store_of_seeded_samples_is_unchanged_by_these_tests():
    from eventwire.store import open_store

    with open_store(str(seeded_db())) as store:
        assert store.db.scalar("SELECT COUNT(*) FROM articles WHERE source LIKE '%upload%' OR title = 'Baidoa bomb'") == 0


# -- reads on a non-loopback address ------------------------------------------------------------


def test_reads_need_the_token_off_loopback_and_login_sets_a_cookie():
    app = create_app(settings(seeded_db(), host="0.0.0.0"))
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/api/events", headers=AUTH).status_code == 200
        page = c.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
        assert c.post("/login", data={"token": "wrong", "next": "/"}, follow_redirects=False).status_code == 401
        ok = c.post("/login", data={"token": TOKEN, "next": "//evil.example/"}, follow_redirects=False)
        assert ok.status_code == 303 and ok.headers["location"] == "/"
        assert "httponly" in ok.headers["set-cookie"].lower() and "samesite=strict" in ok.headers["set-cookie"].lower()
        assert c.get("/api/events").status_code == 200  # the cookie now authorises reads
        assert c.post("/api/ingest", json={"text": ATTACK}).status_code == 401  # but never writes
    open_app = create_app(settings(seeded_db(), host="0.0.0.0", open_reads=True))
    with TestClient(open_app) as c:
        assert c.get("/api/events").status_code == 200
