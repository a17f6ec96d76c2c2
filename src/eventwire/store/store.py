"""The event store: articles stored once, reports merged into events, crash-safe.

``Store.add`` is the unit of ingestion: one document's article, its near-duplicate link, its
reports and every event they create or update are written in one transaction. A process
killed at any moment leaves either all of it or none of it, and re-running skips what was
committed (by document id, canonical URL and content hash), so nothing is lost or doubled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from eventwire.merge import MergeOptions, ReportRecord, record_from_report
from eventwire.merge.records import normalize_actor
from eventwire.model import Article, EventReport
from eventwire.store import dedup
from eventwire.store.db import Database, dumps
from eventwire.store.events import EventWriter
from eventwire.store.query import EventQueries
from eventwire.store.schema import migrate, now


@dataclass(frozen=True)
class ArticleInput:
    """What ingestion computed for one document, ready to be stored in one transaction.

    ``signature`` is the MinHash of the text (``dedup.signature``), computed by the worker so
    the single writer does no heavy lifting; ``relevant`` says whether events were extracted.
    """

    doc_id: str
    article: Article
    content_hash: str
    canonical_url: str | None = None
    signature: bytes | None = None
    relevant: bool = True
    events: tuple[EventReport, ...] = ()
    raw_hash: str | None = None  # ``dedup.raw_hash`` of the document as read


Status = Literal["stored", "known", "duplicate", "near_duplicate", "revised"]


@dataclass(frozen=True)
class AddResult:
    status: Status
    article_id: int | None = None
    duplicate_of: int | None = None
    similarity: float | None = None
    reports: int = 0
    new_events: tuple[int, ...] = field(default_factory=tuple)
    updated_events: tuple[int, ...] = field(default_factory=tuple)
    revision_of: int | None = None  # "revised": the article first stored at this URL
    superseded: int = 0  # "revised": reports of the earlier version it replaced


class Store(EventQueries):
    """One database (SQLite file or PostgreSQL), migrated on open."""

    def __init__(self, db: Database, merge: MergeOptions | None = None, revisions: bool = True) -> None:
        self.db = db
        self.merge = merge or MergeOptions()
        # an updated page at a known URL is stored as a revision (False: skipped as a duplicate)
        self.revisions = revisions
        migrate(db)

    @property
    def url(self) -> str:
        return self.db.url

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingestion -----------------------------------------------------------------------

    def known_documents(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of these document ids were already handled (stored, or found a duplicate)."""
        out: set[str] = set()
        ids = list(dict.fromkeys(doc_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            out.update(r["doc_id"] for r in self.db.query(f"SELECT doc_id FROM documents WHERE doc_id IN ({marks})", chunk))
        return out

    def changed_documents(self, hashes: dict[str, str]) -> set[str]:
        """Of these known document ids (id -> raw hash of the copy just read), those whose
        content differs from what was stored under the id: the page was updated since."""
        out: set[str] = set()
        ids = list(hashes)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            for r in self.db.query(f"SELECT doc_id, raw_hash FROM documents WHERE doc_id IN ({marks})", chunk):
                if r["raw_hash"] is not None and r["raw_hash"] != hashes[r["doc_id"]]:
                    out.add(r["doc_id"])
        return out

    def add(self, item: ArticleInput) -> AddResult:
        """Store one document's article and events atomically (see the module docstring)."""
        with self.db.transaction():
            return self._add(item)

    def _add(self, item: ArticleInput) -> AddResult:
        db = self.db
        if db.query_one("SELECT 1 FROM documents WHERE doc_id = ?", [item.doc_id]):
            return AddResult("known")
        stamp = now()
        same = db.query_one("SELECT id FROM articles WHERE content_hash = ?", [item.content_hash])
        if same is not None:
            self._document(item.doc_id, "duplicate", int(same["id"]), None, stamp, item.raw_hash)
            return AddResult("duplicate", article_id=int(same["id"]))
        original = None
        if item.canonical_url is not None:
            original = db.query_one("SELECT id FROM articles WHERE canonical_url = ?", [item.canonical_url])
        if original is not None and not self.revisions:
            self._document(item.doc_id, "duplicate", int(original["id"]), None, stamp, item.raw_hash)
            return AddResult("duplicate", article_id=int(original["id"]))
        root = int(original["id"]) if original is not None else None
        # a revision is no near-copy of another outlet's story: it replaces its own first version
        near_id, near_sim = self._near_duplicate(item.signature) if root is None else (None, None)
        art = item.article
        article_id = db.insert(
            "articles",
            {
                "doc_id": item.doc_id,
                "source": art.source,
                "url": art.url,
                # the URL stays with the first version, which later versions point at
                "canonical_url": item.canonical_url if root is None else None,
                "revision_of": root,
                "content_hash": item.content_hash,
                "duplicate_of": near_id,
                "similarity": near_sim,
                "title": art.title,
                "author": art.author,
                "site": art.site,
                "published": art.published.isoformat() if art.published else None,
                "language": art.language,
                "text": art.text,
                "removed": dumps([b.model_dump() for b in art.removed]),
                "minhash": item.signature,
                "relevant": int(item.relevant),
                "ingested_at": stamp,
            },
        )
        if item.signature is not None:
            db.executemany(
                "INSERT INTO article_bands (band_key, article_id) VALUES (?, ?)",
                [[key, article_id] for key in dedup.band_keys(item.signature)],
            )
        if near_id is not None:
            self._document(item.doc_id, "near_duplicate", article_id, None, stamp, item.raw_hash)
            return AddResult("near_duplicate", article_id=article_id, duplicate_of=near_id, similarity=near_sim)
        self._document(item.doc_id, "stored" if root is None else "revised", article_id, None, stamp, item.raw_hash)
        new: list[int] = []
        updated: list[int] = []
        writer = EventWriter(db, self.merge)
        touched: list[int] = []
        superseded = 0
        if root is not None:
            # the reports of every earlier version of this article give way to this one's
            rows = db.query(
                "SELECT r.id, er.event_id FROM reports r JOIN articles a ON a.id = r.article_id "
                "LEFT JOIN event_reports er ON er.report_id = r.id "
                "WHERE (a.id = ? OR a.revision_of = ?) AND r.superseded_by IS NULL",
                [root, root],
            )
            if rows:
                marks = ", ".join("?" for _ in rows)
                db.execute(
                    f"UPDATE reports SET superseded_by = ? WHERE id IN ({marks})",
                    [article_id, *(int(r["id"]) for r in rows)],
                )
            superseded = len(rows)
            touched = list(dict.fromkeys(int(r["event_id"]) for r in rows if r["event_id"] is not None))
        for report in item.events:
            record = record_from_report(report, art, group=str(article_id))
            report_id = self._report(article_id, record, report, stamp)
            names = [a.canonical for a in (*report.perpetrators, *report.claimed_by) if a.canonical]
            display = {normalize_actor(name): name for name in names}
            event_id, created = writer.place(report_id, record, display)
            (new if created else updated).append(event_id)
        if item.events:
            db.execute("UPDATE articles SET n_reports = ? WHERE id = ?", [len(item.events), article_id])
        placed = set(new) | set(updated)
        updated.extend(writer.refresh([e for e in touched if e not in placed], article_id))
        return AddResult(
            "stored" if root is None else "revised",
            article_id=article_id,
            reports=len(item.events),
            new_events=tuple(new),
            updated_events=tuple(e for e in dict.fromkeys(updated) if e not in new),
            revision_of=root,
            superseded=superseded,
        )

    def _near_duplicate(self, sig: bytes | None) -> tuple[int | None, float | None]:
        if sig is None:
            return None, None
        keys = dedup.band_keys(sig)
        marks = ", ".join("?" for _ in keys)
        rows = self.db.query(
            "SELECT a.id, a.minhash, a.duplicate_of FROM articles a WHERE a.id IN "
            f"(SELECT DISTINCT article_id FROM article_bands WHERE band_key IN ({marks})) ORDER BY a.id",
            keys,
        )
        best: tuple[int | None, float | None] = (None, None)
        for row in rows:
            if row["minhash"] is None:
                continue
            sim = dedup.similarity(sig, bytes(row["minhash"]))
            if sim >= dedup.NEAR_DUPLICATE and (best[1] is None or sim > best[1]):
                # link to the original, not to another copy
                best = (int(row["duplicate_of"] or row["id"]), sim)
        return best

    def _report(self, article_id: int, record: ReportRecord, report: EventReport, stamp: str) -> int:
        return self.db.insert(
            "reports",
            {
                "report_key": record.id,
                "article_id": article_id,
                "source_key": record.source,
                "type": record.type,
                "subtype": record.subtype,
                "date_start": record.start.isoformat() if record.start else None,
                "date_end": record.end.isoformat() if record.end else None,
                "date_precision": record.precision,
                "country": record.country,
                "admin1": record.admin1,
                "location": record.place,
                "lat": record.lat,
                "lon": record.lon,
                "geo_precision": record.geo_precision,
                "fatalities_low": record.fatalities.low,
                "fatalities_best": record.fatalities.best,
                "fatalities_high": record.fatalities.high,
                "injuries_low": record.injuries.low,
                "injuries_best": record.injuries.best,
                "injuries_high": record.injuries.high,
                "perpetrators": dumps([a.canonical for a in report.perpetrators if a.canonical]),
                "claimed_by": dumps([a.canonical for a in report.claimed_by if a.canonical]),
                "targets": dumps(sorted(record.targets)),
                "sentence": record.sentence,
                "confidence": record.confidence,
                "data": dumps(report.model_dump(mode="json")),
                "created_at": stamp,
            },
        )

    def _document(self, doc_id: str, status: str, article_id: int | None, reason: str | None, stamp: str,
                  raw_hash: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO documents (doc_id, status, article_id, reason, seen_at, raw_hash) VALUES (?, ?, ?, ?, ?, ?)",
            [doc_id, status, article_id, reason, stamp, raw_hash],
        )

    # -- runs and skips ------------------------------------------------------------------

    def start_run(self, sources: Sequence[str]) -> int:
        with self.db.transaction():
            return self.db.insert("ingest_runs", {"started_at": now(), "sources": dumps(list(sources))})

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        with self.db.transaction():
            self.db.execute("UPDATE ingest_runs SET finished_at = ?, stats = ? WHERE id = ?", [now(), dumps(stats), run_id])

    def log_skip(self, run_id: int | None, source: str, reason: str) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO skipped (run_id, source, reason, at) VALUES (?, ?, ?, ?)",
                [run_id, source[:2000], reason[:2000], now()],
            )

    # -- watcher and alert state (issue 7) -----------------------------------------------

    def mark_seen(self, scope: str, key: str) -> bool:
        """Remember an item (a feed entry); True when it had not been seen before."""
        with self.db.transaction():
            if self.db.query_one("SELECT 1 FROM seen_items WHERE scope = ? AND item_key = ?", [scope, key]):
                return False
            self.db.execute("INSERT INTO seen_items (scope, item_key, seen_at) VALUES (?, ?, ?)", [scope, key, now()])
            return True

    def is_seen(self, scope: str, key: str) -> bool:
        return self.db.query_one("SELECT 1 FROM seen_items WHERE scope = ? AND item_key = ?", [scope, key]) is not None

    def record_alert(self, rule: str, event_id: int, version: int) -> None:
        """Remember that ``rule`` delivered ``event_id`` at ``version`` (replacing older)."""
        with self.db.transaction():
            self.db.execute("DELETE FROM alert_deliveries WHERE rule = ? AND event_id = ?", [rule, event_id])
            self.db.execute(
                "INSERT INTO alert_deliveries (rule, event_id, version, delivered_at) VALUES (?, ?, ?, ?)",
                [rule, event_id, version, now()],
            )

    def alerted_version(self, rule: str, event_id: int) -> int | None:
        row = self.db.query_one("SELECT version FROM alert_deliveries WHERE rule = ? AND event_id = ?", [rule, event_id])
        return int(row["version"]) if row else None


def open_store(url_or_path: str, merge: MergeOptions | None = None) -> Store:
    """Open (creating and migrating as needed) a store: a SQLite path or a postgresql:// URL."""
    return Store(Database.open(url_or_path), merge)
