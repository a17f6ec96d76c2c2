"""Polling one feed: has it changed, and which sources should ingestion read now?

Three kinds of feed, one answer (``Poll``): the sources to hand to ``eventwire.ingest`` —
the same function ``eventwire ingest`` runs — and the state to remember once they are in.

- ``url``: conditional GET (ETag / Last-Modified); a 304 is "unchanged". A changed body is
  parsed; when every entry is already in the store nothing is ingested, else the body is
  written to the scratch folder and ingested as a feed file (entries' pages fetched then).
- ``path``: a local file, "changed" when its size or modification time is.
- ``folder``: a drop folder; each new file matching ``patterns`` (a WARC by default) that has
  been left alone for ``settle`` seconds is a source. Files are remembered by name, size and
  modification time in ``seen_items`` after they are ingested, so a file replaced in place is
  read again, and one ingested before a crash is only re-read (its documents are skipped).
"""

from __future__ import annotations

import fnmatch
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.sources.feeds import looks_like_feed, parse_feed
from eventwire.sources.fetch import FetchError, Response
from eventwire.sources.jsonl import document_id
from eventwire.store import Store
from eventwire.watch.conditional import FeedFetcher
from eventwire.watch.config import FeedSettings

EMPTY_FEED = "feed has no entries"  # what parse_feed says of a well-formed, empty feed


@dataclass
class Poll:
    """What one poll found. ``error`` set: the feed failed (backoff); ``sources`` empty and no
    error: nothing new."""

    sources: list[str] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    seen: list[tuple[str, str]] = field(default_factory=list)  # (scope, key) to mark once ingested
    status: str = "unchanged"
    entries: int = 0
    error: str | None = None
    retry_after: float | None = None


def scratch_name(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", key)[:100] + ".xml"


def poll_url(feed: FeedSettings, state: dict[str, Any], fetcher: FeedFetcher, store: Store, scratch: Path) -> Poll:
    fetched = fetch_feed(feed, state, fetcher)
    return fetched if isinstance(fetched, Poll) else read_feed_response(feed, fetched, store, scratch)


def fetch_feed(feed: FeedSettings, state: dict[str, Any], fetcher: FeedFetcher) -> Response | Poll:
    """The network half of polling a URL feed (safe to run in a thread: no store access):
    the changed body, or the Poll that ends the poll here (not modified, or an error)."""
    assert feed.url is not None
    try:
        resp = fetcher.get_conditional(feed.url, state.get("etag"), state.get("last_modified"))
    except FetchError as exc:
        retry = fetcher.last_headers.get("retry-after", "").strip()
        return Poll(status="error", error=str(exc), retry_after=float(retry) if retry.isdigit() else None)
    if resp.status == 304:
        return Poll(status="not modified")
    return resp


def read_feed_response(feed: FeedSettings, resp: Response, store: Store, scratch: Path) -> Poll:
    """The store half: parse a changed body and decide whether anything in it is new."""
    new_state = {"etag": resp.headers.get("etag"), "last_modified": resp.headers.get("last-modified")}
    entries = parse_feed(resp.body)
    if entries == EMPTY_FEED:
        if not looks_like_feed(resp.body):
            return Poll(status="error", error=f"not a readable feed ({resp.content_type or 'no content type'})")
        entries = []  # a valid feed with nothing in it yet is not a fault
    if isinstance(entries, str):
        return Poll(status="error", error=entries)
    linked = [document_id(e.link, "") for e in entries if e.link]
    fresh = len(linked) - len(store.known_documents(linked)) if linked else 0
    if len(linked) == len(entries) and fresh == 0:
        return Poll(state=new_state, entries=len(entries))
    scratch.mkdir(parents=True, exist_ok=True)
    path = scratch / scratch_name(feed.key)
    path.write_bytes(resp.body)
    return Poll(sources=[str(path)], state=new_state, status="changed", entries=len(entries))


def poll_path(feed: FeedSettings, state: dict[str, Any]) -> Poll:
    assert feed.path is not None
    try:
        info = feed.path.stat()
    except OSError as exc:
        return Poll(status="error", error=f"cannot read {feed.path}: {(exc.strerror or str(exc)).lower()}")
    if not feed.path.is_file():
        return Poll(status="error", error=f"{feed.path} is not a file (use folder = ... for a drop folder)")
    stamp = f"{info.st_mtime_ns}:{info.st_size}"
    if stamp == state.get("etag"):
        return Poll()
    return Poll(sources=[str(feed.path)], state={"etag": stamp}, status="changed")


def poll_folder(feed: FeedSettings, store: Store, now: float | None = None) -> Poll:
    assert feed.folder is not None
    now = time.time() if now is None else now
    scope = f"folder:{feed.key}"
    try:
        names = sorted(os.listdir(feed.folder))
    except OSError as exc:
        return Poll(status="error", error=f"cannot list {feed.folder}: {(exc.strerror or str(exc)).lower()}")
    found: list[tuple[float, str, str]] = []
    for name in names:
        if name.startswith(".") or name.endswith((".part", ".tmp")):
            continue
        if not any(fnmatch.fnmatch(name.lower(), p.lower()) for p in feed.patterns):
            continue
        path = feed.folder / name
        try:
            info = path.stat()
        except OSError:
            continue  # removed meanwhile
        if not path.is_file() or now - info.st_mtime < feed.settle:
            continue  # still being written, perhaps
        key = f"{name}|{info.st_size}|{info.st_mtime_ns}"
        if not store.is_seen(scope, key):
            found.append((info.st_mtime, name, key))
    found.sort()
    return Poll(
        sources=[str(feed.folder / name) for _, name, _ in found],
        seen=[(scope, key) for _, _, key in found],
        status="changed" if found else "unchanged",
        entries=len(found),
    )
