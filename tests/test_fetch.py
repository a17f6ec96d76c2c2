"""The fetcher against a local HTTP server: limits, redirects, robots, address refusal."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventwire.sources.fetch import USER_AGENT, Fetcher, FetchError, FetchOptions, check_address

Route = tuple[int, dict[str, str], bytes]


@contextmanager
def serve(routes: dict[str, Route], delay: float = 0.0) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A local server for ``routes`` (path -> status, headers, body); yields its base URL and
    the headers of every request it received."""
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            seen.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
            if delay:
                time.sleep(delay)
            status, headers, body = routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


HTML = {"Content-Type": "text/html; charset=utf-8"}
LOCAL = FetchOptions(allow_private=True, min_interval=0, timeout=3)


def test_fetches_a_page_with_a_clear_user_agent():
    with serve({"/a": (200, HTML, b"<html><p>hello</p></html>")}) as (base, seen):
        resp = Fetcher(LOCAL).get(base + "/a")
    assert resp.status == 200 and resp.content_type == "text/html" and b"hello" in resp.body
    page = [s for s in seen if s["path"] == "/a"][0]
    assert page["user-agent"] == USER_AGENT and USER_AGENT.startswith("eventwire/")


def test_refuses_loopback_without_the_switch():
    with serve({"/a": (200, HTML, b"x")}) as (base, seen), pytest.raises(FetchError, match="private or local"):
        Fetcher(FetchOptions(min_interval=0)).get(base + "/a")
    assert seen == []  # not even robots.txt was requested


@pytest.mark.parametrize("ip", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1", "fc00::1", "224.0.0.1", "0.0.0.0", "::ffff:127.0.0.1"])
def test_private_and_special_addresses_are_refused(ip: str):
    with pytest.raises(FetchError):
        check_address(ip, allow_private=False)
    check_address(ip, allow_private=True)


def test_public_addresses_pass():
    check_address("93.184.216.34", allow_private=False)
    check_address("2606:4700::1111", allow_private=False)


def test_follows_redirects_but_bounded():
    routes = {
        "/r1": (302, {"Location": "/r2"}, b""),
        "/r2": (301, {"Location": "/page"}, b""),
        "/page": (200, HTML, b"<p>done</p>"),
        "/loop": (302, {"Location": "/loop"}, b""),
    }
    with serve(routes) as (base, _):
        fetcher = Fetcher(LOCAL)
        assert fetcher.get(base + "/r1").url == base + "/page"
        with pytest.raises(FetchError, match="too many redirects"):
            fetcher.get(base + "/loop")


def test_redirect_to_a_refused_address_is_refused():
    # the page is allowed only because it is local; a redirect elsewhere is re-checked
    with serve({"/r": (302, {"Location": "http://10.255.255.1/x"}, b"")}) as (base, _):
        opts = FetchOptions(allow_private=True, min_interval=0, timeout=1)
        fetcher = Fetcher(opts)
        fetcher.options = FetchOptions(allow_private=False, min_interval=0, timeout=1)
        with pytest.raises(FetchError, match="private or local"):
            fetcher.get(base + "/r", check_robots=False)


def test_size_limit_and_http_errors():
    with serve({"/big": (200, HTML, b"x" * 5000), "/gone": (410, HTML, b"")}) as (base, _):
        fetcher = Fetcher(FetchOptions(allow_private=True, min_interval=0, max_bytes=1000))
        with pytest.raises(FetchError, match="limit"):
            fetcher.get(base + "/big")
        with pytest.raises(FetchError, match="HTTP 410"):
            fetcher.get(base + "/gone")


def test_timeout():
    with serve({"/slow": (200, HTML, b"x")}, delay=1.5) as (base, _):
        fetcher = Fetcher(FetchOptions(allow_private=True, min_interval=0, timeout=0.3, respect_robots=False))
        with pytest.raises(FetchError):
            fetcher.get(base + "/slow")


def test_robots_txt_is_honoured_and_cached():
    robots = b"User-agent: *\nDisallow: /private/\n"
    routes = {"/robots.txt": (200, {"Content-Type": "text/plain"}, robots), "/ok": (200, HTML, b"ok"), "/private/x": (200, HTML, b"no")}
    with serve(routes) as (base, seen):
        fetcher = Fetcher(LOCAL)
        assert fetcher.get(base + "/ok").body == b"ok"
        with pytest.raises(FetchError, match="robots.txt"):
            fetcher.get(base + "/private/x")
        fetcher.get(base + "/ok")
    assert [s["path"] for s in seen].count("/robots.txt") == 1
    assert "/private/x" not in [s["path"] for s in seen]


def test_min_interval_spaces_requests_to_one_host():
    with serve({"/a": (200, HTML, b"a")}) as (base, _):
        fetcher = Fetcher(FetchOptions(allow_private=True, min_interval=0.3, respect_robots=False))
        start = time.monotonic()
        fetcher.get(base + "/a")
        fetcher.get(base + "/a")
        assert time.monotonic() - start >= 0.29


def test_non_http_urls_are_refused():
    with pytest.raises(FetchError, match="not an http"):
        Fetcher(LOCAL).get("file:///etc/passwd")


def test_host_that_cannot_be_idna_encoded_is_a_fetch_error():
    from eventwire.sources.fetch import Fetcher, FetchError, FetchOptions

    with pytest.raises(FetchError, match="invalid host name"):
        Fetcher(FetchOptions(respect_robots=False, min_interval=0)).get("http://\x87x/")
