"""Crash safety: kill the writer at any statement, run again, and the store is as if never killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.store import open_store

# The child ingests N synthetic documents (one event each, some merging, some duplicates)
# and, when KILL_AT is set, SIGKILLs itself on that SQL statement: mid-transaction, between
# transactions, or during a commit.
CHILD = r"""
import os, signal, sys
from datetime import date, timedelta
from eventwire.model import Article, CasualtyCount, DateRange, EventReport, Location
from eventwire.store import ArticleInput, dedup, open_store
from eventwire.store.db import Database

kill_at = int(os.environ.get("KILL_AT", "0"))
calls = 0
original = Database.execute
def execute(self, sql, params=()):
    global calls
    calls += 1
    if kill_at and calls == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(self, sql, params)
Database.execute = execute

store = open_store(sys.argv[1])
towns = [("Peshawar", 34.0, 71.6), ("Quetta", 30.2, 67.0), ("Kabul", 34.5, 69.2)]
for i in range(24):
    town, lat, lon = towns[i % 3]
    day = date(2024, 3, 1) + timedelta(days=(i // 6) * 5)
    text = f"Report {i // 2} from {town}: a bomb killed {i % 3 + 4} people on day {day}." + (" Copy." if i % 2 else "")
    loc = Location(name=town, country_code="PK", lat=lat, lon=lon, precision="town")
    ev = EventReport(id=f"doc{i}-e1", type="explosion", subtype="bombing",
                     date=DateRange(start=day, end=day, precision="day"), location=loc,
                     fatalities=CasualtyCount(low=i % 3 + 4, best=i % 3 + 4, high=i % 3 + 4), confidence=0.9)
    art = Article(id=f"doc{i}", source=f"src{i % 4}.example", url=f"https://src{i % 4}.example/{i}", text=text)
    store.add(ArticleInput(doc_id=f"doc{i}", article=art, content_hash=dedup.content_hash(text),
                           canonical_url=dedup.canonical_url(art.url), signature=dedup.signature(text), events=(ev,)))
store.close()
print(calls)
"""


def _run(db: Path, kill_at: int = 0) -> tuple[int, str]:
    env = {**os.environ, "KILL_AT": str(kill_at)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(db)], env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout.strip()


def _snapshot(db: Path) -> str:
    store = open_store(str(db))
    q = store.db.query
    state = {
        "articles": q("SELECT doc_id, content_hash, duplicate_of IS NOT NULL AS dup FROM articles ORDER BY doc_id"),
        "documents": q("SELECT doc_id, status FROM documents ORDER BY doc_id"),
        "reports": q("SELECT report_key FROM reports ORDER BY report_key"),
        # events as sets of report keys with their aggregates (ids may differ after a crash)
        "events": sorted(
            json.dumps([sorted(r["report_key"] for r in q(
                "SELECT r.report_key FROM event_reports er JOIN reports r ON r.id = er.report_id WHERE er.event_id = ?", [e["id"]])),
                e["fatalities_low"], e["fatalities_best"], e["fatalities_high"], e["n_reports"], e["n_sources"], e["version"]])
            for e in q("SELECT * FROM events")
        ),
        "history": q("SELECT COUNT(*) AS n FROM event_history"),
    }
    store.close()
    return json.dumps(state, sort_keys=True, default=str)


def test_killed_ingest_rerun_equals_clean_run(tmp_path: Path):
    clean = tmp_path / "clean.db"
    code, statements = _run(clean)
    assert code == 0
    reference = _snapshot(clean)
    assert '"n": 0' not in reference
    total = int(statements)
    # during migrations, the first articles, merges, and the last commit
    for kill_at in (3, total // 5, total // 2, 3 * total // 4 + 1, total - 1):
        db = tmp_path / f"killed{kill_at}.db"
        code, _ = _run(db, kill_at)
        assert code == -signal.SIGKILL, f"child was not killed at statement {kill_at} (exit {code})"
        assert _run(db)[0] == 0
        assert _snapshot(db) == reference, f"state differs after a kill at statement {kill_at}"


@pytest.mark.parametrize("kill_at", [120])
def test_killed_run_loses_nothing_already_committed(tmp_path: Path, kill_at: int):
    db = tmp_path / "partial.db"
    assert _run(db, kill_at)[0] == -signal.SIGKILL
    store = open_store(str(db))
    stored = store.stats()
    store.close()
    assert stored["documents"] > 0  # committed articles survived the kill
