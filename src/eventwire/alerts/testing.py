"""Real local receivers for tests and the soak benchmark: a webhook endpoint and an SMTP server.

Both listen on 127.0.0.1 on an ephemeral port, in a background thread, using only the standard
library. They count what arrives the way a careful production receiver would: the webhook
checks the HMAC signature and deduplicates on the idempotency key, so a test can assert both
"every alert arrived" and "none was accepted twice", and see how many redeliveries there were.
Either can be told to fail (``fail_next``) or to be down (``down = True``) to test retries.
"""

from __future__ import annotations

import json
import socketserver
import threading
import time
from collections import Counter
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from eventwire.alerts.signing import HEADER, verify


class WebhookReceiver:
    """``with WebhookReceiver(secret) as hook: ... hook.url ...``"""

    def __init__(self, secret: str, path: str = "/hook") -> None:
        self.secret = secret
        self.path = path
        self.lock = threading.Lock()
        self.alerts: dict[str, dict[str, Any]] = {}  # alert_id -> first payload accepted
        self.order: list[str] = []
        self.received_at: dict[str, float] = {}  # alert_id -> time.time() of first acceptance
        self.posts = 0  # every request, including failed and duplicate ones
        self.duplicates: Counter[str] = Counter()  # alert_id -> extra deliveries seen
        self.bad_signatures = 0
        self.down = False
        self.retry_after: int | None = None  # sent with failure answers when set
        self.answer_delay = 0.0  # seconds between accepting an alert and answering (a slow receiver)
        self._fail: list[int] = []
        self.headers: list[dict[str, str]] = []
        self._server: ThreadingHTTPServer | None = None

    def fail_next(self, n: int, status: int = 503) -> None:
        with self.lock:
            self._fail += [status] * n

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.path}"

    def __enter__(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.posts += 1
                    receiver.headers.append({k.lower(): v for k, v in self.headers.items()})
                    status = 503 if receiver.down else (receiver._fail.pop(0) if receiver._fail else 0)
                    if not status:
                        if self.path != receiver.path:
                            status = 404
                        elif not verify(receiver.secret, self.headers.get(HEADER), body):
                            receiver.bad_signatures += 1
                            status = 401
                        else:
                            key = self.headers.get("Idempotency-Key") or ""
                            if key in receiver.alerts:
                                receiver.duplicates[key] += 1
                            else:
                                receiver.alerts[key] = json.loads(body)
                                receiver.order.append(key)
                                receiver.received_at[key] = time.time()
                            status = 200
                if status == 200 and receiver.answer_delay:
                    time.sleep(receiver.answer_delay)  # a sender killed now has delivered but not recorded it
                self.send_response(status)
                if status >= 400 and receiver.retry_after is not None:
                    self.send_header("Retry-After", str(receiver.retry_after))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


class SmtpReceiver:
    """A minimal SMTP server (HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) that keeps every
    message. ``fail_next(n, code)`` answers the next n DATA commands with ``code``."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._fail: list[int] = []
        self._server: socketserver.ThreadingTCPServer | None = None

    def fail_next(self, n: int, code: int = 451) -> None:
        with self.lock:
            self._fail += [code] * n

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    def ids(self) -> Counter[str]:
        """How many messages arrived per X-Eventwire-Alert-Id."""
        with self.lock:
            return Counter(str(m["X-Eventwire-Alert-Id"]) for m in self.messages)

    def __enter__(self) -> SmtpReceiver:
        receiver = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(line.encode() + b"\r\n")
                self.wfile.flush()

            def handle(self) -> None:
                self.reply("220 localhost eventwire test SMTP")
                sender, rcpts = "", []
                while True:
                    raw = self.rfile.readline(65536)
                    if not raw:
                        return
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    verb = line[:4].upper()
                    if verb == "EHLO":
                        self.wfile.write(b"250-localhost\r\n250 8BITMIME\r\n")
                        self.wfile.flush()
                    elif verb == "HELO":
                        self.reply("250 localhost")
                    elif verb == "MAIL":
                        sender, rcpts = line.split(":", 1)[1].strip(), []
                        self.reply("250 OK")
                    elif verb == "RCPT":
                        rcpts.append(line.split(":", 1)[1].strip())
                        self.reply("250 OK")
                    elif verb == "DATA":
                        self._data(sender, rcpts)
                    elif verb in ("RSET", "NOOP"):
                        self.reply("250 OK")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("502 not implemented")

            def _data(self, sender: str, rcpts: list[str]) -> None:
                self.reply("354 end with <CRLF>.<CRLF>")
                lines: list[bytes] = []
                while True:
                    raw = self.rfile.readline(1 << 20)
                    if not raw or raw in (b".\r\n", b".\n"):
                        break
                    lines.append(raw[1:] if raw.startswith(b"..") else raw)
                with receiver.lock:
                    code = receiver._fail.pop(0) if receiver._fail else 0
                    if not code:
                        msg = message_from_bytes(b"".join(lines), policy=policy.default)
                        receiver.messages.append(msg)  # type: ignore[arg-type]
                        receiver.envelopes.append((sender, list(rcpts)))
                self.reply(f"{code} try again later" if code else "250 queued")

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
