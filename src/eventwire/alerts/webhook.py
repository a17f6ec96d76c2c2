"""The webhook sink: a signed JSON POST per alert.

Headers: ``Content-Type: application/json``, ``Idempotency-Key`` and ``X-Eventwire-Alert-Id``
(both the alert's id: deduplicate on it), ``X-Eventwire-Signature`` (``alerts/signing.py``).
A 2xx answer is delivery; 5xx, 408, 425, 429 and network errors are retried by the outbox
with backoff (``Retry-After`` honoured); other answers are permanent failures. The connection
is made like the fetcher's (``sources/fetch.py``): every address the host resolves to is
checked, so a webhook cannot be pointed at a private address without ``allow_private``.
Redirects are not followed.
"""

from __future__ import annotations

import http.client
import json
import ssl
import time
from typing import Any
from urllib.parse import urlsplit

from eventwire.alerts.signing import HEADER, signature
from eventwire.alerts.sinks import DeliveryError, WebhookSettings
from eventwire.sources.fetch import USER_AGENT, Fetcher, FetchError, FetchOptions, RefusedAddress

RETRYABLE = {408, 425, 429}


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


class WebhookSink:
    def __init__(self, name: str, settings: WebhookSettings) -> None:
        self.name = name
        self.settings = settings
        self._secret = settings.resolve_secret()
        # only the fetcher's address-checking connect is used (no robots, no politeness)
        self._connector = Fetcher(FetchOptions(timeout=settings.timeout, allow_private=settings.allow_private))

    def send(self, alert: dict[str, Any]) -> None:
        url = self.settings.url
        parts = urlsplit(url)
        https = parts.scheme == "https"
        host = parts.hostname or ""
        port = parts.port or (443 if https else 80)
        body = json.dumps(alert, ensure_ascii=False, sort_keys=True).encode("utf-8")
        stamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "Idempotency-Key": alert["alert_id"],
            "X-Eventwire-Alert-Id": alert["alert_id"],
            HEADER: signature(self._secret, stamp, body),
            **self.settings.headers,
        }
        try:
            sock = self._connector._connect(host, port)
        except RefusedAddress as exc:
            raise DeliveryError(f"webhook {url}: {exc}", retryable=False) from None
        except FetchError as exc:
            raise DeliveryError(f"webhook {url}: {exc}") from None
        try:
            if https:
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            conn = http.client.HTTPConnection(host, port, timeout=self.settings.timeout)
            conn.sock = sock
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.request("POST", path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read(64 * 1024)
            status, retry_after = resp.status, _retry_after(resp.getheader("Retry-After"))
        except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
            raise DeliveryError(f"webhook {url}: {type(exc).__name__}: {exc}".strip()) from None
        finally:
            sock.close()
        if 200 <= status < 300:
            return
        retryable = status >= 500 or status in RETRYABLE
        raise DeliveryError(f"webhook {url} answered HTTP {status}", retryable=retryable, retry_after=retry_after)

    def close(self) -> None:
        pass
