"""HMAC signatures of webhook bodies, and the check a receiver runs.

The header is ``X-Eventwire-Signature: t=<unix seconds>,v1=<hex>`` where ``v1`` is
HMAC-SHA256 of ``"<t>." + body`` under the shared secret. Signing the timestamp with the body
lets a receiver refuse replays older than a tolerance; comparing in constant time avoids a
timing oracle. ``verify`` is what a receiver written in Python needs (the tests' receiver uses
it); docs/watch.md shows the same check in three lines of any language.
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "X-Eventwire-Signature"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The header value for ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, header: str | None, body: bytes, tolerance: float = 300.0, at: float | None = None) -> bool:
    """True when ``header`` signs ``body`` under ``secret`` and is at most ``tolerance``
    seconds old (or in the future)."""
    if not header:
        return False
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        stamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs((time.time() if at is None else at) - stamp) > tolerance:
        return False
    expected = signature(secret, stamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))
