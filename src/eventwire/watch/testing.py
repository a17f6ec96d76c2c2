"""A local feed server for tests and the soak benchmark, and an RSS writer.

``FeedServer`` serves documents that the test changes while it runs (``put``), answering
conditional requests as a real server does: an ``ETag`` (a hash of the body) and a
``Last-Modified`` per document, and 304 when ``If-None-Match`` matches. It can fail a path
(``fail``: a status for the next n requests, or until ``heal``) and logs every request, so
tests can check what the watcher asked for. Only 127.0.0.1; standard library only.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Item:
    """One RSS item; ``text`` becomes the description (the article when pages are not fetched)."""

    guid: str
    link: str
    title: str
    text: str
    published: float  # POSIX time


def rss(title: str, items: Iterable[Item]) -> bytes:
    """An RSS 2.0 document, newest item first as feeds usually are."""
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{escape(title)}</title>'
             "<link>https://feeds.example/</link><description>test feed</description>"]
    for item in sorted(items, key=lambda i: -i.published):
        parts.append(
            f"<item><title>{escape(item.title)}</title><link>{escape(item.link)}</link>"
            f"<guid>{escape(item.guid)}</guid><pubDate>{formatdate(item.published, usegmt=True)}</pubDate>"
            f"<description>{escape(item.text)}</description></item>"
        )
    parts.append("</channel></rss>\n")
    return "".join(parts).encode("utf-8")


class FeedServer:
    def __init__(self, conditional: bool = True) -> None:
        self.conditional = conditional
        self.lock = threading.Lock()
        self.docs: dict[str, tuple[bytes, str, str, str]] = {}  # path -> body, type, etag, last-modified
        self.failing: dict[str, list[int | None]] = {}  # path -> [status, remaining times or None]
        self.requests: list[dict[str, str]] = []
        self.holds: dict[str, threading.Event] = {}  # path -> answer only once this is set
        self._server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def put(self, path: str, body: bytes, content_type: str = "application/rss+xml") -> None:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        with self.lock:
            old = self.docs.get(path)
            if old is not None and old[2] == etag:
                return
            self.docs[path] = (body, content_type, etag, formatdate(time.time(), usegmt=True))

    def fail(self, path: str, status: int = 503, times: int | None = None) -> None:
        """Answer ``status`` for the next ``times`` requests of ``path`` (None: until heal)."""
        with self.lock:
            self.failing[path] = [status, times]

    def hold(self, path: str, until: threading.Event) -> None:
        """Answer requests of ``path`` only once ``until`` is set (at most 10 s): a slow host."""
        self.holds[path] = until

    def heal(self, path: str) -> None:
        with self.lock:
            self.failing.pop(path, None)

    def hits(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [r for r in self.requests if r["path"] == path]

    def __enter__(self) -> FeedServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                held = server.holds.get(self.path)
                if held is not None:
                    held.wait(10)
                with server.lock:
                    entry = {"path": self.path, **{k.lower(): v for k, v in self.headers.items()}}
                    failing = server.failing.get(self.path)
                    doc = server.docs.get(self.path)
                    status = 0
                    if failing:
                        status = int(failing[0] or 503)
                        if failing[1] is not None:
                            failing[1] -= 1
                            if failing[1] <= 0:
                                server.failing.pop(self.path, None)
                    if not status:
                        if doc is None:
                            status = 404
                        elif server.conditional and self.headers.get("If-None-Match") == doc[2]:
                            status = 304
                        else:
                            status = 200
                    entry["status"] = str(status)
                    server.requests.append(entry)
                self.send_response(status)
                if status == 200 and doc is not None:
                    body, ctype, etag, modified = doc
                    self.send_header("Content-Type", ctype)
                    if server.conditional:
                        self.send_header("ETag", etag)
                        self.send_header("Last-Modified", modified)
                elif status == 304 and doc is not None:
                    body = b""
                    self.send_header("ETag", doc[2])
                else:
                    body = b"unavailable" if status != 404 else b"not found"
                    if status in (429, 503):
                        self.send_header("Retry-After", "1")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
