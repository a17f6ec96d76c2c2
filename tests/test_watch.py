"""The watcher end to end with the real pipeline, a local feed server and real receivers."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.alerts.filesink import ids_in
from eventwire.alerts.testing import WebhookReceiver
from eventwire.cli.main import main
from eventwire.config import ExtractOptions
from eventwire.ingest import Processor
from eventwire.store import Store, open_store
from eventwire.store import alerts_queries as aq
from eventwire.watch import Watcher, parse_config
from eventwire.watch.testing import FeedServer, Item, rss

FIX = Path(__file__).parent / "fixtures"
SECRET = "watch-test-secret-0123"
DAY = time.mktime((2024, 7, 13, 8, 0, 0, 0, 0, 0))
FIRST = Item("hw-1", "https://hornwire.example/2024/07/13/mogadishu-car-bomb", "Car bomb kills 3 in Mogadishu",
             "MOGADISHU, Somalia — A car bomb exploded near a checkpoint in Mogadishu on Friday, killing three people "
             "and wounding five others, police said.", DAY)
FOLLOW = Item("sd-1", "https://somalidaily.example/news/mogadishu-toll", "Mogadishu bomb toll rises to 12",
              "MOGADISHU, Somalia — The car bomb that exploded near a checkpoint in Mogadishu on Friday killed 12 people, "
              "hospital officials said on Saturday, raising the death toll.", DAY + 86400)
KABUL = Item("kb-1", "https://kabulnow.example/kidnap", "Gunmen kidnap four aid workers near Kabul",
             "KABUL, Afghanistan — Gunmen kidnapped four aid workers on the road out of Kabul on Friday, the interior "
             "ministry said.", DAY)


class Clock:
    def __init__(self) -> None:
        self.t = time.time()

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def processor(pipeline) -> Processor:  # noqa: ANN001 - the session's loaded pipeline, shared
    proc = Processor(ExtractOptions())
    proc._pipeline = pipeline
    return proc


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(str(tmp_path / "watch.db"))
    yield s
    s.close()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


@pytest.fixture
def hook() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(SECRET) as receiver:
        yield receiver


def config(tmp_path: Path, feeds: list[dict[str, Any]], hook: WebhookReceiver | None = None, **extra: Any):  # noqa: ANN201
    sinks: dict[str, Any] = {"archive": {"type": "file", "path": str(tmp_path / "alerts.jsonl")}}
    if hook is not None:
        sinks["hook"] = {"type": "webhook", "url": hook.url, "secret": SECRET, "allow_private": True, "timeout": 2, "retry_base": 0.01}
    return parse_config({
        "watch": {"delay": 0, "timeout": 3, "max_backoff": 60, "scratch_dir": str(tmp_path / "scratch")},
        "feeds": [{"allow_private": True, "fetch_pages": False, "interval": 30, **f} for f in feeds],
        "rules": [{"name": "every"}, {"name": "corroborated", "min_sources": 2}, {"name": "toll", "countries": ["SO"], "on_update": "changes"}],
        "sinks": sinks,
        **extra,
    })


def kinds(store: Store, rule: str) -> list[str]:
    return [a["kind"] for a in reversed(aq.recent_alerts(store.db, rule=rule))]


def test_new_items_are_ingested_alerted_and_an_unchanged_feed_costs_a_304(tmp_path, store, processor, server, hook):
    server.put("/a.rss", rss("Horn Wire", [FIRST]))
    server.put("/b.rss", rss("Somali Daily", []))
    cfg = config(tmp_path, [{"name": "a", "url": f"{server.base}/a.rss"}, {"name": "b", "url": f"{server.base}/b.rss"}], hook)
    with Watcher(cfg, store, processor) as watcher:
        first = watcher.cycle()
        assert (first.polled, first.changed, first.stored, first.new_events, first.feed_errors) == (2, 1, 1, 1, [])
        assert kinds(store, "every") == ["new"] and kinds(store, "corroborated") == []
        again = watcher.cycle(every=True)
        assert (again.polled, again.changed, again.stored, again.alerts) == (2, 0, 0, 0)
        last = server.hits("/a.rss")[-1]
        assert last["status"] == "304" and last["if-none-match"] and last["user-agent"].startswith("eventwire/")
        server.put("/b.rss", rss("Somali Daily", [FOLLOW]))  # a second source raises the toll
        third = watcher.cycle(every=True)
        assert (third.stored, third.updated_events, third.new_events) == (1, 1, 0)
    assert kinds(store, "corroborated") == ["crossed"] and kinds(store, "toll") == ["new", "changed"]
    crossed = aq.recent_alerts(store.db, rule="corroborated")[0]["payload"]
    assert crossed["changes"]["n_sources"] == [1, 2] and crossed["changes"]["fatalities_high"] == [3, 12]
    keys = {a["alert_key"] for a in aq.recent_alerts(store.db)}
    assert set(hook.alerts) == keys == ids_in(tmp_path / "alerts.jsonl") and len(keys) == 4
    assert hook.bad_signatures == 0 and aq.send_counts(store.db) == {"delivered": 8}
    state = {f["name"]: f for f in aq.feed_states(store.db)}
    assert state["a"]["polls"] == 3 and state["a"]["etag"] and state["a"]["ingested"] == 1 and state["a"]["failures"] == 0


def test_a_slow_host_does_not_hold_up_feeds_on_other_hosts(tmp_path, store, processor):
    release = threading.Event()
    with FeedServer() as slow, FeedServer() as fast:
        slow.put("/s.rss", rss("Slow Wire", [FIRST]))
        slow.hold("/s.rss", release)  # answers only after the fast feed is in: sequential polling times out
        fast.put("/f.rss", rss("Kabul Now", [KABUL]))
        cfg = config(tmp_path, [{"name": "slow", "url": f"{slow.base}/s.rss"}, {"name": "fast", "url": f"{fast.base}/f.rss"}])
        order: list[str] = []
        with Watcher(cfg, store, processor) as watcher:
            poll_feed = watcher.poll_feed

            def tracked(feed, report, fetched=None):  # noqa: ANN001, ANN202
                poll_feed(feed, report, fetched)
                order.append(feed.key)
                release.set()

            watcher.poll_feed = tracked  # type: ignore[method-assign]
            report = watcher.cycle()
    assert order == ["fast", "slow"]
    assert (report.polled, report.stored, report.new_events, report.feed_errors) == (2, 2, 2, [])


def test_a_broken_feed_backs_off_while_the_others_carry_on(tmp_path, store, processor, server, hook):
    server.put("/good.rss", rss("Kabul Now", [KABUL]))
    server.put("/html.rss", b"<html><body>Not a feed at all</body></html>", "text/html")
    server.fail("/down.rss", 503)
    clock = Clock()
    names = ["down", "html", "good"]
    cfg = config(tmp_path, [{"name": n, "url": f"{server.base}/{n}.rss", "interval": 10} for n in names], hook)
    hook.down = True  # and the webhook is down too
    with Watcher(cfg, store, processor, clock=clock) as watcher:
        report = watcher.cycle()
        assert report.polled == 3 and report.stored == 1 and report.alerts == 1
        assert [e.split(":")[0] for e in report.feed_errors] == ["down", "html"]
        assert "HTTP 503" in report.feed_errors[0] and "not a readable feed" in report.feed_errors[1]
        assert len(ids_in(tmp_path / "alerts.jsonl")) == 1 and report.delivery_errors  # file sink unaffected
        state = {f["name"]: f for f in aq.feed_states(store.db)}
        assert state["down"]["failures"] == 1 and state["down"]["last_error"].startswith("HTTP 503")
        # backoff: interval 10 s x 2^0 (+-10%), then 20 s after the second failure
        assert 8.9 <= aq.parse_iso(state["down"]["next_due"]) - clock.t <= 11.1
        clock.t += 5
        assert watcher.cycle().polled == 0  # nothing due
        clock.t += 6
        assert watcher.cycle().polled == 3
        state = {f["name"]: f for f in aq.feed_states(store.db)}
        assert state["down"]["failures"] == 2 and 17.9 <= aq.parse_iso(state["down"]["next_due"]) - clock.t <= 22.1
        assert watcher.cycle(every=True).polled == 1  # --once skips feeds backing off an error
        server.heal("/down.rss")
        server.put("/down.rss", rss("Back", []))
        hook.down = False
        clock.t += 23
        recovered = watcher.cycle()
        assert "down" not in " ".join(recovered.feed_errors) and recovered.delivered == 1
    state = {f["name"]: f for f in aq.feed_states(store.db)}
    assert state["down"]["failures"] == 0 and state["html"]["failures"] == 3 and set(hook.alerts)


def test_killed_mid_ingest_and_restarted_drops_and_doubles_nothing(tmp_path, processor, server, hook, monkeypatch):
    server.put("/a.rss", rss("Mixed", [FIRST, KABUL]))
    server.put("/b.rss", rss("Somali Daily", [FOLLOW]))
    cfg = config(tmp_path, [{"name": "a", "url": f"{server.base}/a.rss"}, {"name": "b", "url": f"{server.base}/b.rss"}], hook)
    db = str(tmp_path / "crash.db")
    with open_store(db) as store:
        real_add = store.add
        calls = []

        def dying_add(item):  # noqa: ANN001, ANN202
            calls.append(item.doc_id)
            if len(calls) == 2:
                raise KeyboardInterrupt  # killed in the middle of the second document
            return real_add(item)

        monkeypatch.setattr(store, "add", dying_add)
        with Watcher(cfg, store, processor) as watcher, pytest.raises(KeyboardInterrupt):
            watcher.cycle()
        assert store.stats()["articles"] == 1 and aq.count_alerts(store.db) == 0
    with open_store(db) as store, Watcher(cfg, store, processor) as watcher:  # restarted
        report = watcher.cycle()
        assert report.stored == 2  # the first document is skipped, the rest are read
        assert aq.get_feed(store.db, "a")["polls"] == 1  # the killed poll never recorded its etag
        watcher.cycle(every=True)
        rules = sorted((a["rule"], a["kind"]) for a in aq.recent_alerts(store.db))
        # the event stored before the kill was never evaluated: it alerts now, as new
        assert rules == [("corroborated", "crossed"), ("every", "new"), ("every", "new"), ("toll", "changed"), ("toll", "new")]
        assert store.stats()["articles"] == 3 and store.stats()["events"] == 2
    assert len(hook.alerts) == 5 and not hook.duplicates


def test_a_warc_drop_folder_is_read_once_per_file_after_it_settles(tmp_path, store, processor):
    drop = tmp_path / "drop"
    drop.mkdir()
    old = time.time() - 120
    shutil.copy(FIX / "ingest" / "sample.warc.gz", drop / "crawl-1.warc.gz")
    os.utime(drop / "crawl-1.warc.gz", (old, old))
    shutil.copy(FIX / "ingest" / "sample.warc.gz", drop / ".crawl-2.warc.gz")  # being written: hidden name
    (drop / "notes.txt").write_text("not a WARC")
    cfg = config(tmp_path, [{"name": "drop", "folder": str(drop), "settle": 30}])
    with Watcher(cfg, store, processor) as watcher:
        first = watcher.cycle(every=True)
        assert (first.changed, first.stored) == (1, 2)
        assert watcher.cycle(every=True).changed == 0
        (drop / ".crawl-2.warc.gz").rename(drop / "crawl-2.warc.gz")  # renamed into place, but fresh
        assert watcher.cycle(every=True).changed == 0  # not settled yet
        os.utime(drop / "crawl-2.warc.gz", (old, old))
        second = watcher.cycle(every=True)
        assert (second.changed, second.stored) == (1, 0)  # read; same pages, already stored
    assert len(store.db.query("SELECT * FROM seen_items WHERE scope = 'folder:drop'")) == 2


def test_a_local_feed_file_is_read_again_when_it_changes(tmp_path, store, processor):
    feed = tmp_path / "local.rss"
    feed.write_bytes(rss("Local", [FIRST]))
    cfg = config(tmp_path, [{"name": "local", "path": str(feed)}])
    with Watcher(cfg, store, processor) as watcher:
        assert watcher.cycle(every=True).stored == 1
        assert watcher.cycle(every=True).changed == 0
        feed.write_bytes(rss("Local", [FIRST, KABUL]))
        report = watcher.cycle(every=True)
        assert (report.changed, report.stored) == (1, 1)
        feed.unlink()
        assert "cannot read" in watcher.cycle(every=True).feed_errors[0]


def test_once_for_cron_prints_alerts_and_says_when_something_failed(tmp_path, processor, server, monkeypatch):
    server.put("/a.rss", rss("Horn Wire", [FIRST]))
    conf = tmp_path / "watch.toml"
    conf.write_text(
        f'[watch]\ndb = "cron.db"\ndelay = 0\n\n[[feeds]]\nname = "a"\nurl = "{server.base}/a.rss"\nallow_private = true\n'
        f'fetch_pages = false\n\n[[rules]]\nname = "somalia"\ncountries = ["Somalia"]\n', encoding="utf-8")
    monkeypatch.setattr("eventwire.watch.watcher.Processor", lambda *a, **k: processor)
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    group = main  # the real group (its -h/--help names), as users run it
    runner = CliRunner()
    result = runner.invoke(group, ["watch", str(conf), "--once"])
    assert result.exit_code == 0, result.output
    [line] = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    alert = json.loads(line)
    assert alert["rule"] == "somalia" and alert["event"]["country"] == "SO" and alert["kind"] == "new"
    assert "polled 1 feed(s), 1 changed, 0 failed" in result.stderr and "alerts 1, delivered 1" in result.stderr
    assert (tmp_path / "cron.db").exists()  # relative to the config file
    again = runner.invoke(group, ["watch", str(conf), "--once"])
    assert again.exit_code == 0 and "{" not in again.stdout  # nothing new, nothing repeated
    server.fail("/a.rss", 500)
    failed = runner.invoke(group, ["watch", str(conf), "--once"])
    assert failed.exit_code == 1 and "a: HTTP 500" in failed.stderr
