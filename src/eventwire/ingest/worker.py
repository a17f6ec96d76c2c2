"""The per-document work of ingestion, done in worker processes: article, hashes, gate, NLP.

Everything CPU-heavy happens here so the single writer (the main process, which owns the
store) only runs indexed look-ups and inserts. A worker builds the pipeline once and then turns
batches of RawDocuments into ``ArticleInput``s (or failures), in order. Irrelevant articles
(the relevance gate says no) are returned without being parsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from eventwire.article import build_article
from eventwire.config import ExtractOptions
from eventwire.errors import EventwireError
from eventwire.ingest.relevance import DEFAULT_GATE
from eventwire.model import Article, RawDocument
from eventwire.store import ArticleInput, dedup


@dataclass(frozen=True)
class WorkFailure:
    """A document that yielded no article, and why (one line)."""

    source: str
    doc_id: str
    error: str


Outcome = ArticleInput | WorkFailure


class Processor:
    """Turns documents into storable inputs. Build once per process; the pipeline loads lazily
    (only when a relevant article arrives), so a stream of irrelevant pages never pays for it."""

    def __init__(self, options: ExtractOptions | None = None, gate: bool = True) -> None:
        self.options = options or ExtractOptions()
        self.gate = gate
        self._pipeline = None

    @property
    def pipeline(self):  # noqa: ANN201 - eventwire.pipeline.Pipeline, imported lazily (spaCy)
        if self._pipeline is None:
            from eventwire.pipeline import Pipeline

            self._pipeline = Pipeline(self.options)
        return self._pipeline

    def process(self, docs: Sequence[RawDocument]) -> list[Outcome]:
        """One outcome per document, in order."""
        built: list[Article | WorkFailure] = []
        for raw in docs:
            try:
                built.append(build_article(raw))
            except EventwireError as exc:
                built.append(WorkFailure(raw.source, raw.id, str(exc)))
            except Exception as exc:  # noqa: BLE001 - a broken page must not stop a long run
                built.append(WorkFailure(raw.source, raw.id, f"cannot clean article: {type(exc).__name__}"))
        relevant = [
            i for i, art in enumerate(built)
            if isinstance(art, Article) and (not self.gate or DEFAULT_GATE.is_relevant(art.text, art.title))
        ]
        extracted = {}
        if relevant:
            results = self.pipeline.process([built[i] for i in relevant])  # cleaned once, not twice
            extracted = dict(zip(relevant, results, strict=True))
        out: list[Outcome] = []
        for i, (raw, art) in enumerate(zip(docs, built, strict=True)):
            if isinstance(art, WorkFailure):
                out.append(art)
                continue
            events: tuple = ()
            result = extracted.get(i)
            if result is not None:
                if result.error is not None or result.document is None:
                    out.append(WorkFailure(raw.source, raw.id, result.error or "extraction failed"))
                    continue
                art, events = result.document, tuple(result.events)  # spans index into this text
            digest, sig = dedup.fingerprints(art.text)
            out.append(
                ArticleInput(
                    doc_id=raw.id,
                    article=art,
                    content_hash=digest,
                    canonical_url=dedup.canonical_url(_page_url(raw, art)),
                    signature=sig,
                    relevant=result is not None,
                    events=events,
                    raw_hash=dedup.raw_hash(raw.html if raw.html is not None else raw.text or ""),
                )
            )
        return out


def _page_url(raw: RawDocument, art: Article) -> str | None:
    """The page's rel=canonical when plausible (same host, not the home page), else its URL."""
    link = dedup.canonical_link(raw.html)
    if not link:
        return art.url
    parts = urlsplit(link)
    if parts.path in ("", "/"):
        return art.url
    if art.url and (urlsplit(art.url).hostname or "").removeprefix("www.") != (parts.hostname or "").removeprefix("www."):
        return art.url
    return link


# Worker-process state: one Processor per process, set by ``init_worker`` (Pool initializer).
_PROCESSOR: Processor | None = None


def init_worker(options: ExtractOptions, gate: bool) -> None:
    global _PROCESSOR
    _PROCESSOR = Processor(options, gate)


def work(docs: list[RawDocument]) -> list[Outcome]:
    """Pool task: process one batch with this process's Processor."""
    if _PROCESSOR is None:
        raise RuntimeError("worker not initialised")
    return _PROCESSOR.process(docs)
