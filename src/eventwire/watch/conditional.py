"""Conditional GET for feed polling, on top of the safe fetcher.

``FeedFetcher`` is ``sources.fetch.Fetcher`` (address checks on every resolved and connected
address, robots.txt, per-host interval, size cap) plus ``If-None-Match`` /
``If-Modified-Since`` on the feed request, so an unchanged feed costs a 304 and no body.
The headers go through ``Fetcher.get(headers=...)``; connecting, robots and politeness are
the base class's. One FeedFetcher lives as long as the watcher, so its per-host clock
keeps feeds on one host apart across cycles; robots rules are re-read every hour.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from eventwire.sources.fetch import Fetcher, FetchOptions, Response

ROBOTS_TTL = 3600.0


class FeedFetcher(Fetcher):
    def __init__(self, options: FetchOptions | None = None) -> None:
        super().__init__(options)
        self._robots_at = time.monotonic()

    def sibling(self, options: FetchOptions | None = None) -> FeedFetcher:
        """A fetcher with its own last response (safe for another thread, or other options)
        that shares this one's per-host politeness clock and robots rules."""
        other = FeedFetcher(options or self.options)
        other._last, other._robots = self._last, self._robots
        return other

    def get_conditional(self, url: str, etag: str | None, last_modified: str | None) -> Response:
        """GET ``url`` unless unchanged: a 304 comes back as a Response with status 304."""
        if time.monotonic() - self._robots_at > ROBOTS_TTL:
            self._robots.clear()
            self._robots_at = time.monotonic()
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.last_status, self.last_headers = None, {}
        return self.get(url, headers=headers)

    def touch(self, url: str) -> None:
        """Count a request to ``url``'s host made by someone else (ingestion's page fetches),
        so the next poll of that host waits its turn."""
        parts = urlsplit(url)
        self._last[f"{parts.scheme}://{parts.netloc}"] = time.monotonic()

    def wait_turn(self, url: str) -> None:
        """Sleep until a request to ``url``'s host is polite again."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        last = self._last.get(origin)
        if last is not None:
            pause = last + self.options.min_interval - time.monotonic()
            if pause > 0:
                time.sleep(min(pause, 60.0))
