"""``POST /api/ingest`` and ``POST /api/ingest/file``: add a document, run the pipeline, store.

Both need the write token. The answer lists what happened to each document and the events it
created or updated: 201 when something new was stored, 200 when it was all known already, 422
when nothing could be read or fetched (the reason is in ``detail``, e.g. a refused private
address). The pipeline work runs in a worker thread, one request at a time.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse

from eventwire.api import schemas
from eventwire.api.deps import StoreDep
from eventwire.api.ingest_service import DocumentOutcome, IngestService
from eventwire.api.security import WriteAccess
from eventwire.ingest import IngestSummary
from eventwire.store import Store

router = APIRouter(prefix="/api", tags=["ingestion"], dependencies=[WriteAccess])
_CREATED = {"stored", "near_duplicate"}
_RESPONSES: dict[int | str, dict] = {
    200: {"model": schemas.IngestResult, "description": "Everything was already in the store"},
    401: {"model": schemas.Error, "description": "No or wrong API token"},
    413: {"model": schemas.Error, "description": "Upload too large"},
    422: {"model": schemas.Error, "description": "Bad input, or nothing could be read or fetched"},
    503: {"model": schemas.Error, "description": "Every database connection is busy; retry"},
}


def _service(request: Request) -> IngestService:
    return request.app.state.ingest


def _answer(store: Store, outcomes: list[DocumentOutcome], summary: IngestSummary) -> JSONResponse:
    if not outcomes:
        raise HTTPException(422, detail="no document found in the input")
    if all(o.status == "failed" for o in outcomes):
        raise HTTPException(422, detail="; ".join(dict.fromkeys(o.error or "failed" for o in outcomes))[:2000])
    ids = list(dict.fromkeys(i for o in outcomes for i in (*o.new_events, *o.updated_events)))
    events = [e for e in (store.event(i) for i in ids[:200]) if e is not None]
    body = schemas.IngestResult(
        documents=[schemas.DocumentOutcome(**asdict(o)) for o in outcomes],
        events=[schemas.Event(**e) for e in events],
        summary=summary.as_dict(),
    )
    status = 201 if any(o.status in _CREATED for o in outcomes) else 200
    return JSONResponse(body.model_dump(mode="json"), status_code=status)


@router.post("/ingest", response_model=schemas.IngestResult, status_code=201, responses=_RESPONSES,
             summary="Add a document (text, HTML or a URL to fetch)")
def ingest_document(request: Request, store: StoreDep, doc: schemas.IngestDocument) -> JSONResponse:
    """Post ``text`` or ``html`` (with optional ``url``, ``title``, ``author``, ``published``),
    or only a ``url`` to fetch. Fetching follows the CLI's rules: http(s) only, robots.txt,
    and no private, loopback or link-local addresses unless the server allows them."""
    published = _date(doc.published)
    service = _service(request)
    gate = not doc.parse_all
    if doc.text is not None or doc.html is not None:
        if doc.text is not None and doc.html is not None:
            raise HTTPException(422, detail="give text or html, not both")
        if not (doc.text or doc.html or "").strip():
            raise HTTPException(422, detail="the document is empty")
        fields = {"text": doc.text, "html": doc.html, "url": doc.url, "title": doc.title, "author": doc.author,
                  "published": published}  # fmt: skip
        outcomes, summary = service.document(store, fields, gate)
    elif doc.url:
        outcomes, summary = service.url(store, _fetchable(doc.url), published, gate)
    else:
        raise HTTPException(422, detail="give text, html or url")
    return _answer(store, outcomes, summary)


@router.post("/ingest/file", response_model=schemas.IngestResult, status_code=201, responses=_RESPONSES,
             summary="Add an uploaded file (text, HTML, JSON or JSONL)")
def ingest_file(
    request: Request,
    store: StoreDep,
    file: Annotated[UploadFile, File(description="A .txt, .html, .json or .jsonl file")],
    published: Annotated[str | None, Form(pattern=r"^\d{4}-\d{2}-\d{2}$", description="Default publication date")] = None,
    parse_all: Annotated[bool, Form()] = False,
) -> JSONResponse:
    limit = request.app.state.settings.max_upload_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, detail=f"the file is over the {limit // (1024 * 1024)} MiB limit")
    if not data.strip():
        raise HTTPException(422, detail="the file is empty")
    outcomes, summary = _service(request).upload(store, data, _date(published), not parse_all)
    return _answer(store, outcomes, summary)


def _fetchable(url: str) -> str:
    """The URL when the fetcher can try it: http(s), a host name that encodes (IDNA), a valid
    port, no control characters. Anything else is the client's mistake (422), found here
    rather than deep in the socket layer."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        _ = parts.port  # raises ValueError for a bad port
        if host and not host.startswith("["):
            host.encode("idna")
    except (ValueError, UnicodeError):
        raise HTTPException(422, detail=f"not a URL that can be fetched: {url[:200]!r}") from None
    if parts.scheme not in ("http", "https") or not host or any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        raise HTTPException(422, detail=f"not a URL that can be fetched: {url[:200]!r}")
    return url


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, detail=f"published {value!r} is not a valid date") from None
