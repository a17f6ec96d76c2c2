"""Shared set-up of the API and browser tests, and unit tests of the pieces without a server.

The seeded store is built once per test process from ``samples/`` through the real ingestion
(pipeline, dedup, merge) and copied for tests that write. ``LiveServer`` runs uvicorn on an
ephemeral 127.0.0.1 port in a thread, for the browser tests.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import socket
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web dependencies (fastapi, uvicorn, python-multipart, httpx) are not installed")

from eventwire.api.settings import ServerSettings, is_loopback, load_settings  # noqa: E402
from eventwire.errors import ConfigError  # noqa: E402
from eventwire.web.highlight import safe_href, segments  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "web"
TOKEN = "test-token-0123456789abcdef"
PUBLISHED = date(2024, 5, 20)


@functools.cache
def _workdir() -> Path:
    path = Path(tempfile.mkdtemp(prefix="eventwire-web-"))
    atexit.register(shutil.rmtree, path, True)
    return path


@functools.cache
def seeded_db() -> Path:
    """A SQLite store holding the bundled samples, ingested once per process."""
    from eventwire.ingest import IngestOptions, Processor, ingest
    from eventwire.store import open_store

    path = _workdir() / "seeded.db"
    with open_store(str(path)) as store:
        summary = ingest([str(SAMPLES)], store, IngestOptions(workers=1, published_default=PUBLISHED), processor=Processor())
    assert summary.stored > 10 and summary.n_skipped == 0, summary.as_dict()
    return path


def copy_of_seeded(name: str) -> Path:
    """A private copy of the seeded store, for tests that write to it."""
    from eventwire.store import open_store

    src = seeded_db()
    with open_store(str(src)) as store:  # fold the WAL into the main file before copying
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dest = _workdir() / f"{name}.db"
    shutil.copy(src, dest)
    return dest


HOSTILE_TEXT = (
    'Gunmen <script>window.__xss="text"</script> killed four traders in Wajir on Saturday, '
    "<img src=x onerror=\"window.__xss='img'\"> police said. <a href=\"javascript:window.__xss='a'\">more</a>"
)


def store_hostile_article(db: Path) -> tuple[int, int]:
    """Store, bypassing the pipeline (which strips tags), an article whose *text* is markup, with
    evidence spans over it: what another writer or a future extractor could leave. Returns
    (article id, event id)."""
    from eventwire.model import (
        ActorMention,
        Article,
        CasualtyCount,
        DateRange,
        EventReport,
        Evidence,
        Location,
    )
    from eventwire.store import ArticleInput, dedup, open_store

    text = HOSTILE_TEXT
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    ev = [Evidence(field=f, start=span(s)[0], end=span(s)[1], text=s) for f, s in (
        ("perpetrators", 'Gunmen <script>window.__xss="text"</script>'), ("fatalities", "four traders"),
        ("location", "Wajir"), ("reported_by", "<img src=x onerror=\"window.__xss='img'\"> police"))]
    report = EventReport(
        id="hostile-e1", type="attack", subtype="armed_attack", confidence=0.9,
        date=DateRange(start=date(2024, 5, 18), end=date(2024, 5, 18), precision="day"),
        location=Location(text="Wajir", name="Wajir", country_code="KE", lat=1.75, lon=40.06, precision="town"),
        perpetrators=[ActorMention(text=ev[0].text, start=ev[0].start, end=ev[0].end, kind="individual",
                                   canonical="<b onmouseover=alert(1)>Gunmen</b>")],
        fatalities=CasualtyCount(low=4, best=4, high=4, text="four traders", start=ev[1].start, end=ev[1].end),
        evidence=ev,
    )
    art = Article(id="hostile", source="<script>alert(1)</script>", url="javascript:alert(1)", title="<script>alert('t')</script>",
                  site="<i onclick=alert(1)>Herald</i>", published=date(2024, 5, 19), text=text)
    with open_store(str(db)) as store:
        result = store.add(ArticleInput(doc_id="hostile", article=art, content_hash=dedup.content_hash(text),
                                        signature=dedup.signature(text), events=(report,)))
    return result.article_id, (result.new_events or result.updated_events)[0]


def settings(db: Path, **overrides: Any) -> ServerSettings:
    return ServerSettings(db=str(db), token=TOKEN, **overrides)


class LiveServer:
    """uvicorn serving ``app`` on 127.0.0.1 and a free port, in a daemon thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


# -- unit tests of the pieces that need no server -------------------------------------------


def test_segments_cover_the_text_and_mark_overlapping_fields():
    text = "Gunmen killed three soldiers in Dori."
    ev = [
        {"field": "perpetrators", "start": 0, "end": 6, "text": "Gunmen"},
        {"field": "victims", "start": 14, "end": 28, "text": "three soldiers"},
        {"field": "fatalities", "start": 14, "end": 19, "text": "three"},
        {"field": "location", "start": 32, "end": 36, "text": "Dori"},
    ]
    segs = segments(text, ev)
    assert "".join(s.text for s in segs) == text
    marked = {s.text: s.fields for s in segs if s.fields}
    assert marked == {"Gunmen": ("perpetrators",), "three": ("victims", "fatalities"), " soldiers": ("victims",), "Dori": ("location",)}


def test_segments_drop_spans_that_do_not_match_the_text():
    segs = segments("abc", [{"field": "date", "start": 1, "end": 9, "text": "x"}, {"field": "date", "start": 0, "end": 1, "text": "z"}])
    assert [s.fields for s in segs] == [()]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://news.example/a?b=1", True),
        ("http://x.example", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example/x", False),
        ("https://x.example/\nx", False),
        (None, False),
    ],
)
def test_safe_href_allows_only_http_links(url, ok):
    assert (safe_href(url) is not None) is ok


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("127.8.0.1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4") and not is_loopback("example.org")


def test_settings_from_file_env_and_flags(tmp_path):
    cfg = tmp_path / "ew.toml"
    token_file = tmp_path / "token"
    token_file.write_text("file-token-0123456789\n")
    cfg.write_text(f'[serve]\nhost = "0.0.0.0"\nport = 9000\ntoken_file = "{token_file}"\n[extract]\ngeoparse = false\n')
    s = load_settings(cfg, env={})
    assert (s.host, s.port, s.token, s.reads_open, s.extract.geoparse) == ("0.0.0.0", 9000, "file-token-0123456789", False, False)
    s = load_settings(cfg, env={"EVENTWIRE_API_TOKEN": "env-token-0123456789", "EVENTWIRE_DB": "x.db"}, port=9100)
    assert (s.token, s.db, s.port) == ("env-token-0123456789", "x.db", 9100)
    assert load_settings(None, env={}).host == "127.0.0.1"


def test_settings_reject_short_tokens_and_bad_values(tmp_path):
    with pytest.raises(ConfigError, match="at least"):
        load_settings(None, env={"EVENTWIRE_API_TOKEN": "short"})
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[serve]\nport = 70000\n")
    with pytest.raises(ConfigError, match="serve.port"):
        load_settings(cfg, env={})
