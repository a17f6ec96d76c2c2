"""Ingestion for the server: one posted document, file or URL through ``eventwire.ingest``.

Nothing here re-implements ingestion. A posted text or HTML becomes the same JSON document the
CLI reads from standard input (so metadata fields, sniffing and size limits are the CLI's), an
uploaded file is standard input too, and a URL is an ingest source read by the same
``SourceReader`` with the same safe fetcher and its private-address rules. ``ingest()`` then
runs exactly as for ``eventwire ingest``: run record, skip log, dedup, merge. A thin recorder
around the store keeps each document's ``AddResult`` so the caller can show what happened.
"""

from __future__ import annotations

import io
import json
import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventwire.config import ExtractOptions
from eventwire.ingest import IngestOptions, IngestSummary, Processor, ingest
from eventwire.sources.fetch import FetchOptions
from eventwire.store import AddResult, ArticleInput, Store


@dataclass
class DocumentOutcome:
    """What happened to one document of a request."""

    source: str
    status: str  # stored | known | duplicate | near_duplicate | failed
    article_id: int | None = None
    duplicate_of: int | None = None
    relevant: bool | None = None
    reports: int = 0
    new_events: list[int] = field(default_factory=list)
    updated_events: list[int] = field(default_factory=list)
    error: str | None = None


class _Recorder:
    """Delegates to a Store and remembers each ``add`` result and each logged skip."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.outcomes: list[DocumentOutcome] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def add(self, item: ArticleInput) -> AddResult:
        result = self._store.add(item)
        self.outcomes.append(
            DocumentOutcome(
                source=item.article.source,
                status=result.status,
                article_id=result.article_id,
                duplicate_of=result.duplicate_of,
                relevant=item.relevant,
                reports=result.reports,
                new_events=list(result.new_events),
                updated_events=list(result.updated_events),
            )
        )
        return result

    def log_skip(self, run_id: int | None, source: str, reason: str) -> None:
        self._store.log_skip(run_id, source, reason)
        self.outcomes.append(DocumentOutcome(source=source, status="failed", error=reason))


class IngestService:
    """One per app: a lazily loaded pipeline shared by all requests, one ingestion at a time
    (spaCy is not thread-safe, and SQLite has one writer anyway)."""

    def __init__(self, extract: ExtractOptions, fetch: FetchOptions) -> None:
        self.extract = extract
        self.fetch = fetch
        self.processor = Processor(extract)  # loads the pipeline on the first relevant article
        self._lock = threading.Lock()

    def run(self, store: Store, sources: list[str], stdin: bytes | None, published: date | None,
            gate: bool = True) -> tuple[list[DocumentOutcome], IngestSummary]:
        options = IngestOptions(extract=self.extract, workers=1, gate=gate, published_default=published,
                                fetch=self.fetch, fetch_pages=True)
        recorder = _Recorder(store)
        with self._lock:
            self.processor.gate = gate  # under the lock: one request at a time uses the processor
            summary = ingest(sources, recorder, options, stdin=io.BytesIO(stdin) if stdin is not None else None,  # type: ignore[arg-type]
                             processor=self.processor)
        for _ in range(summary.already - sum(o.status == "known" for o in recorder.outcomes)):
            recorder.outcomes.append(DocumentOutcome(source=sources[0] if sources[0] != "-" else "<stdin>", status="known"))
        return recorder.outcomes, summary

    def document(self, store: Store, fields: dict[str, Any], gate: bool = True) -> tuple[list[DocumentOutcome], IngestSummary]:
        """A text or HTML document with optional url/title/author/published metadata."""
        payload = {k: v.isoformat() if isinstance(v, date) else v for k, v in fields.items() if v is not None}
        return self.run(store, ["-"], json.dumps(payload).encode("utf-8"), None, gate)

    def upload(self, store: Store, data: bytes, published: date | None, gate: bool = True) -> tuple[list[DocumentOutcome], IngestSummary]:
        """An uploaded file (text, HTML, JSON or JSONL; sniffed like standard input)."""
        return self.run(store, ["-"], data, published, gate)

    def url(self, store: Store, url: str, published: date | None, gate: bool = True) -> tuple[list[DocumentOutcome], IngestSummary]:
        """A page or feed URL, fetched with the safe fetcher."""
        return self.run(store, [url], None, published, gate)
