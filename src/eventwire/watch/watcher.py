"""The watcher: poll feeds on their schedules, ingest what is new, alert, deliver.

One cycle, for each feed that is due: poll it (``watch/feeds.py``), hand new sources to
``eventwire.ingest.ingest`` — the function behind ``eventwire ingest``, with one pipeline
loaded for the whole process — remember the feed's state, then evaluate the rules against the
events changed since the last evaluation (``alerts/evaluate.py``) and deliver what is pending
(``alerts/deliver.py``). Every step is checkpointed in the store, so a watcher killed at any
moment and started again carries on: documents already stored are skipped, events changed
but not yet evaluated are evaluated, alerts decided but not yet delivered are delivered.

A feed that fails (network, HTTP error, not a feed) is retried after a backoff (its interval
doubled per consecutive failure, up to ``max_backoff``, or the server's Retry-After); nothing a
feed does stops the others. Politeness: one clock per host across all feeds and cycles. Feeds on
different hosts are fetched concurrently (``poll_workers``), so a slow server delays only its
own feeds; everything that touches the store stays in the watcher's thread.
"""

from __future__ import annotations

import logging
import random
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from eventwire.alerts.deliver import DeliveryReport, Outbox
from eventwire.alerts.evaluate import evaluate, start_cursor, store_id
from eventwire.alerts.sinks import Sink, build_sink
from eventwire.ingest import IngestOptions, Processor, ingest
from eventwire.sources.fetch import FetchOptions, Response
from eventwire.store import Store
from eventwire.store import alerts_queries as aq
from eventwire.store.schema import now
from eventwire.watch.conditional import FeedFetcher
from eventwire.watch.config import FeedSettings, WatchConfig
from eventwire.watch.feeds import (
    Poll,
    fetch_feed,
    poll_folder,
    poll_path,
    poll_url,
    read_feed_response,
)

log = logging.getLogger("eventwire.watch")


@dataclass
class CycleReport:
    """What one cycle did, for logs and ``watch --once``'s summary."""

    polled: int = 0
    changed: int = 0
    feed_errors: list[str] = field(default_factory=list)
    stored: int = 0
    new_events: int = 0
    updated_events: int = 0
    alerts: int = 0
    delivered: int = 0
    delivery_errors: list[str] = field(default_factory=list)

    def add_delivery(self, report: DeliveryReport) -> None:
        self.delivered += report.delivered
        self.delivery_errors += report.errors

    def line(self) -> str:
        return (
            f"polled {self.polled} feed(s), {self.changed} changed, {len(self.feed_errors)} failed; "
            f"stored {self.stored} article(s), events +{self.new_events} new ~{self.updated_events} updated; "
            f"alerts {self.alerts}, delivered {self.delivered}, delivery failures {len(self.delivery_errors)}"
        )


def feed_backoff(failures: int, interval: float, cap: float, retry_after: float | None = None) -> float:
    """Seconds before re-polling a feed after ``failures`` consecutive failures."""
    wait = min(cap, interval * 2 ** max(0, failures - 1))
    if retry_after is not None:
        wait = max(wait, min(retry_after, cap))
    return wait * (0.9 + 0.2 * random.random())


class Watcher:
    """Owns the fetchers, the sinks and the scratch folder; ``close()`` releases them."""

    def __init__(
        self,
        config: WatchConfig,
        store: Store,
        processor: Processor | None = None,
        *,
        sinks: Mapping[str, Sink] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.store = store
        self.processor = processor or Processor(config.extract, config.watch.gate)
        self.clock = clock
        w = config.watch
        base = FetchOptions(timeout=w.timeout, min_interval=w.delay)
        public = FeedFetcher(base)  # one politeness clock per host, shared by every fetcher
        self._fetchers = {False: public, True: public.sibling(replace(base, allow_private=True))}
        built = dict(sinks) if sinks is not None else {n: build_sink(n, s) for n, s in config.effective_sinks.items()}
        self.outbox = Outbox(store, built, clock)
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if w.scratch_dir is not None:
            self.scratch = Path(w.scratch_dir)
        else:
            self._tmp = tempfile.TemporaryDirectory(prefix="eventwire-watch-")
            self.scratch = Path(self._tmp.name)
        self._started = False
        self._stop: threading.Event | None = None

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Record the rules (for the dashboard), fix the evaluation cursor, name the store."""
        if self._started:
            return
        sinks_of = self.config.sinks_of()
        aq.save_rules(
            self.store.db,
            [(r.name, r.model_dump(mode="json", exclude_none=True, exclude={"name", "sinks"}), sinks_of[r.name]) for r in self.config.rules],
        )
        store_id(self.store)
        start_cursor(self.store, self.config.watch.alert_existing)
        self._started = True

    def close(self) -> None:
        self.outbox.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one cycle -----------------------------------------------------------------------

    def due(self, feed: FeedSettings, state: dict[str, Any] | None, every: bool = False) -> bool:
        """Due by its schedule; with ``every`` (``--once``), any feed not backing off an error."""
        if not state or not state.get("next_due"):
            return True
        if every and not state.get("failures"):
            return True
        return aq.parse_iso(state["next_due"]) <= self.clock()

    def cycle(self, every: bool = False) -> CycleReport:
        """Poll the due feeds (``every``: all but those backing off), alerting after each.

        URL feeds on different hosts are fetched at once (``poll_workers`` threads; one host's
        feeds one after another, so politeness holds); what a fetch brings is then parsed,
        ingested and alerted on here, one feed at a time, in the order the fetches finish.
        """
        self.start()
        report = CycleReport()
        due = [f for f in self.config.feeds if self.due(f, aq.get_feed(self.store.db, f.key), every)]
        remote = [f for f in due if f.kind == "url"]
        if self.config.watch.poll_workers > 1 and len(remote) > 1:
            for feed, fetched in self._fetch_all(remote):
                if self._stop is not None and self._stop.is_set():
                    break
                self.poll_feed(feed, report, fetched)
                self.alert(report)
            due = [f for f in due if f.kind != "url"]
        for feed in due:
            if self._stop is not None and self._stop.is_set():
                break  # asked to stop: the remaining feeds wait for the next start
            self.poll_feed(feed, report)
            self.alert(report)
        self.alert(report)
        return report

    def _fetch_all(self, feeds: list[FeedSettings]) -> Iterator[tuple[FeedSettings, Response | Poll]]:
        """Fetch URL feeds concurrently, one worker per host; yields as each feed arrives."""
        groups: dict[tuple[str, bool], list[FeedSettings]] = {}
        for f in feeds:
            groups.setdefault((urlsplit(f.url or "").netloc.lower(), f.allow_private), []).append(f)
        states = {f.key: aq.get_feed(self.store.db, f.key) or {} for f in feeds}  # store: this thread

        def fetch_group(group: list[FeedSettings]) -> list[tuple[FeedSettings, Response | Poll]]:
            fetcher = self._fetchers[group[0].allow_private].sibling()  # its own last response
            out = []
            for f in group:
                if self._stop is not None and self._stop.is_set():
                    break
                try:
                    out.append((f, fetch_feed(f, states[f.key], fetcher)))
                except Exception as exc:  # noqa: BLE001 - one broken feed must not stop the others
                    out.append((f, Poll(status="error", error=f"internal error: {type(exc).__name__}: {exc}")))
            return out

        workers = min(self.config.watch.poll_workers, len(groups))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="eventwire-poll") as pool:
            futures = [pool.submit(fetch_group, g) for g in groups.values()]
            for fut in as_completed(futures):
                yield from fut.result()

    def poll_feed(self, feed: FeedSettings, report: CycleReport, fetched: Response | Poll | None = None) -> None:
        """Poll one feed, ingest what is new, save its state. Never raises for the feed's
        faults (they are logged and counted, and the feed backs off). ``fetched``: the feed
        was already fetched (concurrently), only the rest of the poll is left."""
        state = aq.get_feed(self.store.db, feed.key) or {}
        report.polled += 1
        try:
            if fetched is None:
                poll = self._poll(feed, state)
            elif isinstance(fetched, Poll):
                poll = fetched
            else:
                poll = read_feed_response(feed, fetched, self.store, self.scratch)
            if poll.error is None and poll.sources:
                self._ingest(feed, poll, report)
        except Exception as exc:  # noqa: BLE001 - one broken feed must not stop the others
            poll = Poll(status="error", error=f"internal error: {type(exc).__name__}: {exc}")
            log.exception("feed %s: unexpected error", feed.key)
        self._save(feed, state, poll)
        if poll.error is not None:
            report.feed_errors.append(f"{feed.key}: {poll.error}")
            log.warning("feed %s failed (%d in a row): %s", feed.key, int(state.get("failures") or 0) + 1, poll.error)
        elif poll.sources:
            report.changed += 1

    def alert(self, report: CycleReport | None = None) -> None:
        """Evaluate the rules on what changed, then deliver what is due. Errors are logged
        and retried on the next call (nothing is lost: see alerts/evaluate.py)."""
        try:
            result = evaluate(self.store, self.config.rules, self.config.sinks_of())
        except Exception:  # noqa: BLE001 - e.g. a locked database: try again next time
            log.exception("evaluating alert rules failed; will retry")
            result = None
        if result is not None and result.alerts:
            log.info("%d new alert(s)", len(result.alerts))
            if report is not None:
                report.alerts += len(result.alerts)
        try:
            delivered = self.outbox.deliver()
        except Exception:  # noqa: BLE001
            log.exception("delivering alerts failed; will retry")
            return
        if report is not None:
            report.add_delivery(delivered)

    # -- running -------------------------------------------------------------------------

    def run(self, stop: threading.Event, max_cycles: int | None = None) -> None:
        """Cycle until ``stop`` is set, sleeping until the next feed or retry is due."""
        cycles = 0
        self._stop = stop
        while not stop.is_set():
            report = self.cycle()
            if report.polled:
                log.info("cycle: %s", report.line())
            cycles += 1
            if max_cycles is not None and cycles >= max_cycles:
                return
            stop.wait(self.sleep_time())

    def sleep_time(self, cap: float = 30.0) -> float:
        """Seconds until the next feed poll or alert retry is due (at least 50 ms)."""
        waits = [cap]
        at = self.clock()
        for feed in self.config.feeds:
            state = aq.get_feed(self.store.db, feed.key)
            if not state or not state.get("next_due"):
                return 0.05
            waits.append(aq.parse_iso(state["next_due"]) - at)
        retry = self.outbox.next_due()
        if retry is not None:
            waits.append(retry)
        return max(0.05, min(waits))

    # -- helpers -------------------------------------------------------------------------

    def _poll(self, feed: FeedSettings, state: dict[str, Any]) -> Poll:
        if feed.kind == "url":
            return poll_url(feed, state, self._fetchers[feed.allow_private], self.store, self.scratch)
        if feed.kind == "path":
            return poll_path(feed, state)
        return poll_folder(feed, self.store, self.clock())

    def _ingest(self, feed: FeedSettings, poll: Poll, report: CycleReport) -> None:
        w = self.config.watch
        options = IngestOptions(
            extract=self.config.extract,
            workers=1,
            gate=w.gate,
            fetch=FetchOptions(timeout=w.timeout, allow_private=feed.allow_private, min_interval=w.delay),
            fetch_pages=feed.fetch_pages,
        )
        fetcher = self._fetchers[feed.allow_private]
        for source, seen in zip(poll.sources, poll.seen or [None] * len(poll.sources), strict=True):
            if feed.url and feed.fetch_pages:
                fetcher.wait_turn(feed.url)
            summary = ingest([source], self.store, options, processor=self.processor)
            if feed.url and feed.fetch_pages:
                fetcher.touch(feed.url)
            if seen is not None:
                self.store.mark_seen(*seen)
            report.stored += summary.stored
            report.new_events += len(summary.new_events)
            report.updated_events += len(summary.updated_events - summary.new_events)
            poll.state["ingested"] = poll.state.get("ingested", 0) + summary.stored
            log.info(
                "feed %s: read %d, stored %d, events +%d ~%d, skipped %d",
                feed.key, summary.read, summary.stored, len(summary.new_events),
                len(summary.updated_events - summary.new_events), summary.n_skipped,
            )
            if len(poll.sources) > 1:
                self.alert(report)  # a folder of archives: alert after each one

    def _save(self, feed: FeedSettings, old: dict[str, Any], poll: Poll) -> None:
        at = self.clock()
        values: dict[str, Any] = {
            "source": str(feed.url or feed.path or feed.folder),
            "last_polled": aq.iso(at),
            "last_status": poll.status,
            "polls": int(old.get("polls") or 0) + 1,
        }
        if poll.error is not None:
            failures = int(old.get("failures") or 0) + 1
            wait = feed_backoff(failures, feed.interval, self.config.watch.max_backoff, poll.retry_after)
            values |= {"failures": failures, "last_error": poll.error[:1000], "next_due": aq.iso(at + wait)}
        else:
            values |= {"failures": 0, "last_error": None, "next_due": aq.iso(at + feed.interval)}
            if poll.sources:
                values["last_changed"] = now()
            if "etag" in poll.state:
                values["etag"] = poll.state["etag"]
                values["last_modified"] = poll.state.get("last_modified")
            values["ingested"] = int(old.get("ingested") or 0) + int(poll.state.get("ingested", 0))
        aq.save_feed(self.store.db, feed.key, values)
