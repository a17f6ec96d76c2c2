"""Polite, safe HTTP fetching for URL lists and feeds.

Safe: only http(s); every host is resolved here and each address checked before connecting,
the connection goes to the checked address itself (so a DNS answer that changes between check
and connect cannot smuggle in an internal address), the peer address is checked again after
connecting, and each redirect is re-validated the same way. Private, loopback, link-local,
multicast and reserved addresses are refused unless ``allow_private`` (tests need it).
Polite: robots.txt honoured (cached per host), a minimum interval between requests to one host
(robots' Crawl-delay when longer), a clear user agent, timeouts and a size cap.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from eventwire import __version__

USER_AGENT = f"eventwire/{__version__} (+https://github.com/eventwire)"
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchOptions:
    """Limits of one fetcher; defaults suit unattended ingestion of news pages."""

    timeout: float = 15.0  # seconds for connect and for each read
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    respect_robots: bool = True
    min_interval: float = 1.0  # seconds between requests to the same host
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class FetchError(Exception):
    """A URL that could not be fetched; the message is one line for the ingest summary."""


class RefusedAddress(FetchError):
    """The host resolves to an address the fetcher must not connect to."""


def check_address(ip: str, allow_private: bool) -> None:
    """Raise FetchError for an address the fetcher must not connect to."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    if allow_private:
        return
    if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast or addr.is_reserved or addr.is_unspecified:
        raise RefusedAddress(f"refused: {ip} is a private or local address (use --allow-private to permit)")


class Fetcher:
    """Fetch pages one at a time; keeps per-host robots rules and request times."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._robots: dict[str, RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self.last_status: int | None = None  # of the last request, also when get() raised
        self.last_headers: dict[str, str] = {}

    def get(self, url: str, check_robots: bool = True, headers: dict[str, str] | None = None) -> Response:
        """Fetch ``url`` following redirects; raises FetchError with a one-line reason.

        ``headers`` are added to the request (a feed poller's ``If-None-Match``); a 304 comes
        back as a Response with status 304 and an empty body.
        """
        current = url
        for _ in range(self.options.max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise FetchError(f"not an http(s) URL: {current[:200]}")
            if check_robots and self.options.respect_robots and not self.allowed(current):
                raise FetchError(f"disallowed by robots.txt: {current[:200]}")
            status, got, body = self._request(current, headers)
            if status in _REDIRECTS and got.get("location"):
                current = urljoin(current, got["location"])
                continue
            if status >= 400:
                raise FetchError(f"HTTP {status} for {current[:200]}")
            ctype = got.get("content-type", "").split(";")[0].strip().lower()
            return Response(current, status, ctype, body, got)
        raise FetchError(f"too many redirects (over {self.options.max_redirects}) from {url[:200]}")

    # -- robots --------------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        return True if rules is None else rules.can_fetch(self.options.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        """Rules for a site; None (allow all) when it has no robots.txt. A site whose robots.txt
        errors or refuses access is treated as disallowing everything, per the convention."""
        parser = RobotFileParser()
        try:
            status, _headers, body = self._request(origin + "/robots.txt")
        except RefusedAddress:
            raise
        except FetchError:
            parser.disallow_all = True
            return parser
        if status in (401, 403) or status >= 500:
            parser.disallow_all = True
            return parser
        if status >= 300:
            return None
        parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser

    # -- one request ---------------------------------------------------------------------

    def _wait(self, host: str) -> None:
        interval = self.options.min_interval
        rules = self._robots.get(host)
        if rules is not None:
            delay = rules.crawl_delay(self.options.user_agent)
            if delay:
                interval = max(interval, float(delay))
        last = self._last.get(host)
        if last is not None and interval > 0:
            pause = last + interval - time.monotonic()
            if pause > 0:
                time.sleep(min(pause, 60.0))
        self._last[host] = time.monotonic()

    def _request(self, url: str, extra_headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
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
            conn.sock = sock  # already connected to the checked address
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            conn.request("GET", path, headers={
                "Host": parts.netloc,
                "User-Agent": self.options.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
                "Accept-Encoding": "identity",
                "Connection": "close",
                **(extra_headers or {}),
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

    def _connect(self, host: str, port: int) -> socket.socket:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise FetchError(f"cannot resolve {host}: {exc.strerror or exc}") from None
        except UnicodeError:  # a host name that cannot be IDNA-encoded
            raise FetchError(f"invalid host name: {host[:100]!r}") from None
        for info in infos:  # every address the name maps to must be acceptable
            check_address(str(info[4][0]), self.options.allow_private)
        last: OSError | None = None
        for family, kind, proto, _name, address in infos:
            sock = socket.socket(family, kind, proto)
            sock.settimeout(self.options.timeout)
            try:
                sock.connect(address)
                check_address(str(sock.getpeername()[0]), self.options.allow_private)
                return sock
            except OSError as exc:
                sock.close()
                last = exc
            except FetchError:
                sock.close()
                raise
        raise FetchError(f"cannot connect to {host}:{port}: {last}")
