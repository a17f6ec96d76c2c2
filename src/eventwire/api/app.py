"""The ASGI application: REST API under /api, dashboard pages, vendored static files.

``create_app(settings)`` is the only entry point (``eventwire serve`` and the tests call it);
it holds no module state, so two apps over two stores can run in one process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from eventwire import __version__
from eventwire.api import routes_alerts, routes_catalog, routes_events, routes_export, routes_ingest
from eventwire.api.cache import AggregateCache
from eventwire.api.ingest_service import IngestService
from eventwire.api.pool import PoolExhausted, StorePool
from eventwire.api.security import SecurityHeaders, unexpected_error
from eventwire.api.settings import ServerSettings
from eventwire.sources.fetch import FetchOptions

DESCRIPTION = """\
The eventwire event store over HTTP: merged political-violence events with their source
reports and the evidence for every field, articles, actors, places, aggregates, exports, and
ingestion of new documents.

Read endpoints are open when the server listens on a loopback address; write endpoints (and
reads elsewhere) need `Authorization: Bearer <token>`. Filters are the same on every event
endpoint and match the dashboard's URL parameters.
"""


def create_app(settings: ServerSettings) -> FastAPI:
    """A ready app over ``settings.db`` (opened and migrated now, so a bad URL fails early)."""
    pool = StorePool(settings.db, size=settings.pool_size)
    pool.open_first()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.aggregates = AggregateCache() if settings.aggregate_cache else None
    app.state.ingest = IngestService(
        settings.extract,
        FetchOptions(timeout=settings.fetch_timeout, allow_private=settings.allow_private),
    )
    from eventwire.web.pages import STATIC, not_found
    from eventwire.web.pages import router as pages

    for router in (routes_events.router, routes_catalog.router, routes_export.router, routes_ingest.router, routes_alerts.router, pages):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and not request.url.path.startswith(("/api", "/static")):
            return not_found(request, "There is no such page.")
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", "invalid"), "type": e.get("type", "value_error")}
            for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(PoolExhausted)
    async def busy(_request: Request, exc: PoolExhausted) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    app.add_exception_handler(Exception, unexpected_error)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(SecurityHeaders)
    return app
