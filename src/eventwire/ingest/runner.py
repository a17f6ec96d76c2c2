"""Ingestion orchestration: sources -> workers -> the store, with a summary.

Reading is streamed and work is submitted in small batches with a bounded number in flight,
so memory stays flat however many documents a run reads. Workers (processes, each with its own
pipeline) do the CPU work; the main process is the only writer, committing each document's
article, reports and event updates in one transaction — SQLite's single-writer model is
respected and a killed run resumes where it stopped (documents already stored are skipped).
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, BinaryIO, TextIO

from eventwire.config import ExtractOptions
from eventwire.ingest.sources import SourceReader
from eventwire.ingest.summary import IngestSummary
from eventwire.ingest.worker import Outcome, Processor, WorkFailure, init_worker, work
from eventwire.model import RawDocument
from eventwire.sources import ReadFailure
from eventwire.sources.fetch import FetchOptions
from eventwire.store import ArticleInput, Store, dedup


@dataclass(frozen=True)
class IngestOptions:
    """Settings of one ingest run (the CLI builds this once from its flags)."""

    extract: ExtractOptions = field(default_factory=ExtractOptions)
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    batch_size: int = 8
    gate: bool = True
    published_default: date | None = None
    fetch: FetchOptions = field(default_factory=FetchOptions)
    fetch_pages: bool = True


class _Inline:
    """Work in this process (one worker, or a Processor supplied by the caller)."""

    def __init__(self, processor: Processor) -> None:
        self.processor = processor

    def submit(self, docs: list[RawDocument]) -> Iterator[tuple[list[RawDocument], list[Outcome]]]:
        if docs:
            yield docs, self.processor.process(docs)

    def drain(self) -> Iterator[tuple[list[RawDocument], list[Outcome]]]:
        return iter(())

    def close(self) -> None:
        pass


class _Pool:
    """Worker processes with a bounded window of batches in flight, results in input order."""

    def __init__(self, workers: int, options: IngestOptions) -> None:
        ctx = multiprocessing.get_context("spawn")  # no fork: the parent holds DB sockets/threads
        self.pool = ctx.Pool(workers, initializer=init_worker, initargs=(options.extract, options.gate))
        self.pending: deque[tuple[list[RawDocument], Any]] = deque()
        self.window = workers * 2

    def submit(self, docs: list[RawDocument]) -> Iterator[tuple[list[RawDocument], list[Outcome]]]:
        if docs:
            self.pending.append((docs, self.pool.apply_async(work, (docs,))))
        while len(self.pending) > self.window:
            yield self._next()

    def drain(self) -> Iterator[tuple[list[RawDocument], list[Outcome]]]:
        while self.pending:
            yield self._next()

    def _next(self) -> tuple[list[RawDocument], list[Outcome]]:
        docs, result = self.pending.popleft()
        try:
            return docs, result.get()
        except Exception as exc:  # noqa: BLE001 - a worker bug costs its batch, not the run
            reason = f"internal error in worker: {type(exc).__name__}: {exc}"[:300]
            return docs, [WorkFailure(d.source, d.id, reason) for d in docs]

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _integrity_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [sqlite3.IntegrityError]
    try:
        import psycopg

        errors.append(psycopg.errors.IntegrityError)
    except ImportError:
        pass
    return tuple(errors)


def ingest(
    sources: Sequence[str],
    store: Store,
    options: IngestOptions | None = None,
    *,
    stdin: TextIO | BinaryIO | None = None,
    processor: Processor | None = None,
    on_progress: Callable[[IngestSummary, float], None] | None = None,
) -> IngestSummary:
    """Ingest every document of ``sources`` into ``store``; returns the run's summary.

    ``processor`` runs the work in this process (tests, embedding); otherwise
    ``options.workers`` > 1 starts that many worker processes.
    """
    options = options or IngestOptions()
    summary = IngestSummary(workers=1 if processor or options.workers <= 1 else options.workers)
    integrity = _integrity_errors()
    run_id = store.start_run(sources)
    started = time.monotonic()

    def seen(doc_id: str) -> bool:
        if store.known_documents([doc_id]):
            summary.read += 1
            summary.already += 1
            return True
        return False

    reader = SourceReader(options.published_default, options.fetch, options.fetch_pages, seen)
    if processor is None and options.workers <= 1:
        processor = Processor(options.extract, options.gate)
    executor: _Inline | _Pool = _Inline(processor) if processor else _Pool(options.workers, options)

    def handle(outcome: Outcome) -> None:
        if isinstance(outcome, WorkFailure):
            summary.skip(outcome.error)
            store.log_skip(run_id, outcome.source, outcome.error)
            return
        try:
            result = store.add(outcome)
        except integrity as exc:
            reason = f"could not store: {str(exc).splitlines()[0][:200]}"
            summary.skip(reason)
            store.log_skip(run_id, outcome.article.source, reason)
            return
        _count(summary, outcome, result)

    try:
        for batch in _batches(reader.read(sources, stdin), options.batch_size):
            fresh: list[RawDocument] = []
            docs = [item for item in batch if isinstance(item, RawDocument)]
            known = store.known_documents([d.id for d in docs])
            batch = _revisions(store, batch, known)
            known |= store.known_documents([d.id for d in batch if isinstance(d, RawDocument) and d.id not in known])
            for item in batch:
                summary.read += 1
                if isinstance(item, ReadFailure):
                    summary.skip(item.error)
                    store.log_skip(run_id, item.source, item.error)
                elif item.id in known or any(d.id == item.id for d in fresh):
                    summary.already += 1
                else:
                    fresh.append(item)
            for _docs, outcomes in executor.submit(fresh):
                for outcome in outcomes:
                    handle(outcome)
            if on_progress:
                on_progress(summary, time.monotonic() - started)
        for _docs, outcomes in executor.drain():
            for outcome in outcomes:
                handle(outcome)
    finally:
        executor.close()
        summary.elapsed = time.monotonic() - started
        store.finish_run(run_id, summary.as_dict())
    return summary


def _revisions(store: Store, batch: list[Any], known: set[str]) -> list[Any]:
    """Known documents read again with other content (an updated page) get the id of that
    revision, so they are processed (once) and stored as revisions of the first version."""
    if not getattr(store, "revisions", False):
        return batch
    hashes = {
        d.id: dedup.raw_hash(d.html if d.html is not None else d.text or "")
        for d in batch if isinstance(d, RawDocument) and d.id in known and (d.html or d.text)
    }
    changed = store.changed_documents(hashes) if hashes else set()
    if not changed:
        return batch
    return [d.model_copy(update={"id": dedup.revision_id(d.id, hashes[d.id])})
            if isinstance(d, RawDocument) and d.id in changed else d for d in batch]


def _count(summary: IngestSummary, item: ArticleInput, result: Any) -> None:
    if result.status == "known":
        summary.already += 1
    elif result.status == "duplicate":
        summary.duplicates += 1
    elif result.status == "near_duplicate":
        summary.near_duplicates += 1
    else:
        summary.stored += 1
        summary.revised += int(result.status == "revised")
        summary.parsed += int(item.relevant)
        summary.irrelevant += int(not item.relevant)
        summary.reports += result.reports
        summary.new_events.update(result.new_events)
        summary.updated_events.update(result.updated_events)
