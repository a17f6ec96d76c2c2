"""Conditional GET for feed polling, on top of the safe fetcher.

``FeedFetcher`` is ``sources.fetch.Fetcher`` (address checks on every resolved and connected
address, robots.txt, per-host interval, size cap) plus ``If-None-Match`` /
``If-Modified-Since`` on the feed request, so an unchanged feed costs a 304 and no body.
Only ``_request`` is overridden, to add the two headers; connecting, robots and politeness are
the base class's. (When ``Fetcher.get`` grows a ``headers`` argument this class shrinks to
``get_conditional``.) One FeedFetcher lives as long as the watcher, so its per-host clock
keeps feeds on one host apart across cycles; robots rules are re-read every hour.
"""

from __future__ import annotations

import http.client
import ssl
import time
from urllib.parse import urlsplit

from eventwire.sources.fetch import Fetcher, FetchError, FetchOptions, Response

ROBOTS_TTL = 3600.0


class FeedFetcher(Fetcher):
    def __init__(self, options: FetchOptions | None = None) -> None:
        super().__init__(options)
        self._conditional: dict[str, dict[str, str]] = {}
        self._robots_at = time.monotonic()
        self.last_status: int | None = None  # of the last request, also when get() raised
        self.last_headers: dict[str, str] = {}

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
        self._conditional = {url: headers}
        self.last_status, self.last_headers = None, {}
        try:
            return self.get(url)
        finally:
            self._conditional = {}

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

    def _request(self, url: str) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(url)
        host = parts.hostname or ""
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        self._wait(f"{parts.scheme}://{parts.netloc}")
        sock = self._connect(host, port)
        try:
            if https:
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            conn = http.client.HTTPConnection(host, port, timeout=self.options.timeout)
            conn.sock = sock
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.request("GET", path, headers={
                "Host": parts.netloc,
                "User-Agent": self.options.user_agent,
                "Accept": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
                "Connection": "close",
                **self._conditional.get(url, {}),
            })
            resp = conn.getresponse()
            headers = {k.lower(): v for k, v in resp.getheaders()}
            self.last_status, self.last_headers = resp.status, headers
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.options.max_bytes:
                raise FetchError(f"response over the {self.options.max_bytes:,}-byte limit: {url[:200]}")
            body = resp.read(self.options.max_bytes + 1)
            if len(body) > self.options.max_bytes:
                raise FetchError(f"response over the {self.options.max_bytes:,}-byte limit: {url[:200]}")
            return resp.status, headers, body
        except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
            raise FetchError(f"cannot fetch {url[:200]}: {type(exc).__name__}: {exc}".strip()) from None
        finally:
            sock.close()
