"""The store's schema as numbered migrations, recorded in ``schema_version``.

One schema for SQLite and PostgreSQL: portable column types (dates and timestamps are ISO-8601
TEXT, which sorts and compares correctly in both; booleans are 0/1 INTEGERs; JSON is TEXT or
JSONB), and the few engine-specific pieces (full-text search) live in per-dialect steps. A
migration runs in one transaction with its version row, so a store is never half-migrated.
Never edit a released step: add a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from eventwire.store.db import Database, StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    common: tuple[str, ...] = ()
    sqlite: tuple[str, ...] = ()
    postgresql: tuple[str, ...] = field(default=())


_CORE = (
    """CREATE TABLE articles (
        id {pk},
        doc_id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        canonical_url TEXT UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        duplicate_of {bigint} REFERENCES articles(id),
        similarity {float},
        title TEXT,
        author TEXT,
        site TEXT,
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        removed {json},
        minhash {blob},
        relevant INTEGER NOT NULL DEFAULT 1,
        n_reports INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX articles_published ON articles (published)",
    "CREATE INDEX articles_duplicate_of ON articles (duplicate_of)",
    """CREATE TABLE article_bands (
        band_key TEXT NOT NULL,
        article_id {bigint} NOT NULL REFERENCES articles(id),
        PRIMARY KEY (band_key, article_id)
    )""",
    """CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        article_id {bigint} REFERENCES articles(id),
        reason TEXT,
        seen_at TEXT NOT NULL
    )""",
    """CREATE TABLE events (
        id {pk},
        type TEXT NOT NULL,
        subtype TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        date_precision TEXT,
        span_start TEXT,
        span_end TEXT,
        country TEXT,
        admin1 TEXT,
        location TEXT,
        lat {float},
        lon {float},
        geo_precision TEXT,
        fatalities_low INTEGER,
        fatalities_best INTEGER,
        fatalities_high INTEGER,
        injuries_low INTEGER,
        injuries_best INTEGER,
        injuries_high INTEGER,
        actors {json},
        summary TEXT,
        confidence {float},
        n_reports INTEGER NOT NULL,
        n_sources INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL
    )""",
    "CREATE INDEX events_date ON events (date_start, id)",
    "CREATE INDEX events_country_span ON events (country, span_start)",
    "CREATE INDEX events_span ON events (span_start)",
    "CREATE INDEX events_type ON events (type, date_start)",
    "CREATE INDEX events_fatalities ON events (fatalities_best)",
    "CREATE INDEX events_updated ON events (updated_at)",
    """CREATE TABLE reports (
        id {pk},
        report_key TEXT NOT NULL UNIQUE,
        article_id {bigint} NOT NULL REFERENCES articles(id),
        source_key TEXT NOT NULL,
        type TEXT NOT NULL,
        subtype TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        date_precision TEXT,
        country TEXT,
        admin1 TEXT,
        location TEXT,
        lat {float},
        lon {float},
        geo_precision TEXT,
        fatalities_low INTEGER,
        fatalities_best INTEGER,
        fatalities_high INTEGER,
        injuries_low INTEGER,
        injuries_best INTEGER,
        injuries_high INTEGER,
        perpetrators {json},
        claimed_by {json},
        targets {json},
        sentence TEXT,
        confidence {float} NOT NULL,
        data {json} NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX reports_article ON reports (article_id)",
    """CREATE TABLE event_reports (
        event_id {bigint} NOT NULL REFERENCES events(id),
        report_id {bigint} NOT NULL UNIQUE REFERENCES reports(id),
        score {float},
        added_at TEXT NOT NULL,
        PRIMARY KEY (event_id, report_id)
    )""",
    """CREATE TABLE event_actors (
        event_id {bigint} NOT NULL REFERENCES events(id),
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        n_reports INTEGER NOT NULL,
        PRIMARY KEY (event_id, actor, role)
    )""",
    "CREATE INDEX event_actors_actor ON event_actors (actor)",
    """CREATE TABLE event_history (
        id {pk},
        event_id {bigint} NOT NULL REFERENCES events(id),
        version INTEGER NOT NULL,
        action TEXT NOT NULL,
        report_id {bigint} REFERENCES reports(id),
        changes {json},
        at TEXT NOT NULL
    )""",
    "CREATE INDEX event_history_event ON event_history (event_id, version)",
    """CREATE TABLE ingest_runs (
        id {pk},
        started_at TEXT NOT NULL,
        finished_at TEXT,
        sources {json},
        stats {json}
    )""",
    """CREATE TABLE skipped (
        id {pk},
        run_id {bigint} REFERENCES ingest_runs(id),
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    # State for the feed watcher (seen entries) and alerting (what was delivered, at which
    # event version), so a restarted watcher neither repeats nor drops alerts.
    """CREATE TABLE seen_items (
        scope TEXT NOT NULL,
        item_key TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (scope, item_key)
    )""",
    """CREATE TABLE alert_deliveries (
        rule TEXT NOT NULL,
        event_id {bigint} NOT NULL REFERENCES events(id),
        version INTEGER NOT NULL,
        delivered_at TEXT NOT NULL,
        PRIMARY KEY (rule, event_id)
    )""",
)

_FTS_SQLITE = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
    "content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
)
_FTS_POSTGRES = (
    "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX articles_tsv ON articles USING GIN (tsv)",
)

# The feed watcher's schedule and conditional-GET state, the alert rules it runs (so the
# dashboard can show them), and the alert outbox: an alert row and one send row per sink are
# written in the transaction that decides to alert; sends are marked as sinks accept them.
_WATCH = (
    """CREATE TABLE watch_feeds (
        name TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_polled TEXT,
        last_changed TEXT,
        next_due TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_status TEXT,
        last_error TEXT,
        polls INTEGER NOT NULL DEFAULT 0,
        ingested INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE watch_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE alert_rules (
        name TEXT PRIMARY KEY,
        definition {json} NOT NULL,
        sinks {json} NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE alerts (
        id {pk},
        alert_key TEXT NOT NULL UNIQUE,
        rule TEXT NOT NULL,
        event_id {bigint} NOT NULL REFERENCES events(id),
        event_version INTEGER NOT NULL,
        state_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload {json} NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (rule, event_id, state_key)
    )""",
    "CREATE INDEX alerts_created ON alerts (created_at)",
    """CREATE TABLE alert_sends (
        alert_id {bigint} NOT NULL REFERENCES alerts(id),
        sink TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt TEXT NOT NULL,
        last_error TEXT,
        delivered_at TEXT,
        PRIMARY KEY (alert_id, sink)
    )""",
    "CREATE INDEX alert_sends_due ON alert_sends (status, next_attempt)",
)

# An updated page (same canonical URL, new text) is a revision of the article first stored at
# that URL: a row of its own (its evidence offsets index its own text) that points at the
# original, and whose reports supersede those of the version before it.
_REVISIONS = (
    "ALTER TABLE articles ADD COLUMN revision_of {bigint} REFERENCES articles(id)",
    "CREATE INDEX articles_revision_of ON articles (revision_of)",
    "ALTER TABLE reports ADD COLUMN superseded_by {bigint} REFERENCES articles(id)",
    "ALTER TABLE documents ADD COLUMN raw_hash TEXT",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core tables", common=_CORE),
    Migration(2, "full-text search over articles", sqlite=_FTS_SQLITE, postgresql=_FTS_POSTGRES),
    Migration(3, "feed watcher state and alert outbox", common=_WATCH),
    Migration(4, "article revisions: updated pages supersede their earlier reports", common=_REVISIONS),
)
LATEST = MIGRATIONS[-1].version


def current_version(db: Database) -> int:
    if not db.table_exists("schema_version"):
        return 0
    return int(db.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version") or 0)


def migrate(db: Database) -> list[int]:
    """Bring the store up to ``LATEST``; returns the versions applied (empty when current)."""
    if not db.table_exists("schema_version"):
        with db.transaction():
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
    applied: list[int] = []
    for step in MIGRATIONS:
        with db.transaction():
            # re-read inside the write lock: another process may have migrated meanwhile
            if current_version(db) >= step.version:
                continue
            for statement in (*step.common, *getattr(step, db.dialect)):
                db.execute(statement)
            db.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                [step.version, step.name, now()],
            )
        applied.append(step.version)
    found = current_version(db)
    if found > LATEST:
        raise StoreError(
            f"store schema is version {found}, newer than this eventwire ({LATEST}); upgrade eventwire"
        )
    return applied


def now() -> str:
    """UTC timestamp as ISO-8601 text with seconds and a Z, the store's one time format."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
