"""Tokens, security headers and error bodies: what every response of the server promises.

- Writes need ``Authorization: Bearer <token>`` (or ``X-Eventwire-Token``), compared in
  constant time. A header, not a cookie, so another site cannot make a browser write.
- Reads need the same token, or the ``eventwire_token`` cookie that ``/login`` sets, unless
  reads are open (the default on a loopback address).
- Every response carries a strict Content-Security-Policy (scripts and styles from this origin
  only, no inline script, no framing), ``nosniff`` and ``no-referrer``; article text is
  therefore inert even if escaping were ever missed.
- Errors are JSON ``{"detail": ...}`` with a 4xx status; an unexpected exception is logged
  here and answered with a generic 500 naming an incident id, never a stack trace.
"""

from __future__ import annotations

import hmac
import logging
import uuid
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api.settings import ServerSettings

log = logging.getLogger("eventwire.api")

COOKIE = "eventwire_token"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
]


def settings_of(request: Request) -> ServerSettings:
    return request.app.state.settings


def _matches(given: str | None, token: str | None) -> bool:
    if not given or not token:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), token.encode())


def _header_token(authorization: str | None, x_token: str | None) -> str | None:
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    return x_token


def require_write(
    request: Request,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
    x_eventwire_token: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    """Dependency of every write endpoint: 401 without a valid token."""
    settings = settings_of(request)
    if not _matches(_header_token(authorization, x_eventwire_token), settings.token):
        raise HTTPException(
            401,
            detail="a valid API token is required: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


def read_allowed(request: Request) -> bool:
    settings = settings_of(request)
    if settings.reads_open:
        return True
    given = _header_token(request.headers.get("authorization"), request.headers.get("x-eventwire-token"))
    return _matches(given or request.cookies.get(COOKIE), settings.token)


def require_read(request: Request) -> None:
    """Dependency of every read endpoint: 401 when reads are protected and no token came."""
    if not read_allowed(request):
        raise HTTPException(
            401,
            detail="this server requires the API token for reads: send 'Authorization: Bearer <token>' or log in at /login",
            headers={"WWW-Authenticate": "Bearer"},
        )


ReadAccess = Depends(require_read)
WriteAccess = Depends(require_write)


class SecurityHeaders:
    """Pure ASGI middleware adding ``HEADERS`` to every HTTP response (streams included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    """Last-resort handler: log the traceback server-side, tell the client only an incident id."""
    incident = uuid.uuid4().hex[:12]
    log.error("unhandled error %s on %s %s", incident, request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": f"internal error (incident {incident}); see the server log"}, status_code=500)
