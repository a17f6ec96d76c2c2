"""End-to-end ingestion with the real pipeline: sources in, merged events in the store."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventwire.cli.ingest_commands import eval_merge, events, export, ingest
from eventwire.cli.main import _Group
from eventwire.config import ExtractOptions
from eventwire.ingest import IngestOptions, Processor
from eventwire.ingest import ingest as run_ingest
from eventwire.sources.fetch import FetchOptions
from eventwire.store import EventFilter, Store, open_store
from test_fetch import HTML, serve

FIX = Path(__file__).parent / "fixtures" / "ingest"
WIRE = FIX / "wire.jsonl"
LOCAL = FetchOptions(allow_private=True, min_interval=0, timeout=3)


@pytest.fixture(scope="session")
def processor() -> Processor:
    return Processor(ExtractOptions())


@pytest.fixture
def store(tmp_path: Path):  # noqa: ANN201
    s = open_store(str(tmp_path / "events.db"))
    yield s
    s.close()


def _memberships(store: Store) -> list[list[str]]:
    rows = store.db.query(
        "SELECT er.event_id, a.url FROM event_reports er JOIN reports r ON r.id = er.report_id "
        "JOIN articles a ON a.id = r.article_id ORDER BY a.url"
    )
    groups: dict[int, list[str]] = {}
    for row in rows:
        groups.setdefault(row["event_id"], []).append(row["url"].split("/")[2])
    return sorted(groups.values())


def test_wire_reports_merge_into_events(store: Store, processor: Processor):
    summary = run_ingest([str(WIRE)], store, processor=processor)
    assert (summary.read, summary.stored, summary.parsed, summary.irrelevant, summary.near_duplicates) == (6, 5, 4, 1, 1)
    assert _memberships(store) == [["dawnwire.example", "frontierpost.example", "globalwire.example"], ["kpnews.example"]]
    mosque = store.events(EventFilter(types=("suicide_bombing",)))[0]
    assert (mosque["n_reports"], mosque["n_sources"], mosque["location"], mosque["date_start"]) == (3, 3, "Peshawar", "2024-03-04")
    assert (mosque["fatalities_low"], mosque["fatalities_high"]) == (17, 19)
    near = store.db.query_one("SELECT duplicate_of FROM articles WHERE url LIKE '%syndicate%'")
    assert near is not None and near["duplicate_of"] is not None
    assert store.search_articles("bank earnings")[0]["relevant"] == 0


def test_reingest_is_a_noop(store: Store, processor: Processor):
    run_ingest([str(WIRE)], store, processor=processor)
    before = store.stats()
    again = run_ingest([str(WIRE)], store, processor=processor)
    assert (again.already, again.stored, again.reports) == (6, 0, 0)
    assert store.stats() == {**before, "skipped": before["skipped"]}


def test_adding_a_report_later_updates_the_event_and_records_when(store: Store, processor: Processor, tmp_path: Path):
    lines = WIRE.read_text(encoding="utf-8").splitlines()
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text(lines[0] + "\n", encoding="utf-8")
    later.write_text(lines[1] + "\n", encoding="utf-8")
    run_ingest([str(first)], store, processor=processor)
    summary = run_ingest([str(later)], store, processor=processor)
    assert len(summary.updated_events) == 1 and not summary.new_events
    event_id = next(iter(summary.updated_events))
    history = store.event_history(event_id)
    assert [h["action"] for h in history] == ["created", "report_added"] and history[1]["at"] > history[0]["at"]
    assert store.event(event_id)["version"] == 2  # type: ignore[index]


def test_updated_page_at_the_same_url_replaces_its_earlier_toll(store: Store, processor: Processor, tmp_path: Path):
    line = json.loads(WIRE.read_text(encoding="utf-8").splitlines()[0])
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text(json.dumps(line) + "\n", encoding="utf-8")
    line["text"] = line["text"].replace("killing 17 worshippers", "killing 23 worshippers")
    later.write_text(json.dumps(line) + "\n", encoding="utf-8")
    run_ingest([str(first)], store, processor=processor)
    (before,) = store.events(EventFilter())
    assert before["fatalities_best"] == 17
    summary = run_ingest([str(later)], store, processor=processor)
    assert (summary.stored, summary.revised, summary.duplicates) == (1, 1, 0)
    assert summary.updated_events == {before["id"]} and not summary.new_events
    (after,) = store.events(EventFilter())
    assert (after["fatalities_best"], after["n_reports"], after["n_sources"]) == (23, 1, 1)
    assert after["version"] == before["version"] + 1
    for again in (later, first):  # either version read once more changes nothing
        rerun = run_ingest([str(again)], store, processor=processor)
        assert (rerun.already, rerun.stored) == (1, 0)
    assert store.events(EventFilter())[0]["fatalities_best"] == 23


def test_warc_feed_and_bad_inputs_are_counted_never_fatal(store: Store, processor: Processor, tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.html").write_bytes(b"%PDF-1.4 binary")
    summary = run_ingest(
        [str(FIX / "sample.warc.gz"), str(FIX / "feed.atom"), str(tmp_path), str(tmp_path / "missing.json")],
        store, IngestOptions(fetch_pages=False), processor=processor,
    )
    assert summary.stored == 4  # two WARC pages, two feed entries
    assert summary.n_skipped == 5  # png, 404, empty file, binary file, missing file
    reasons = " | ".join(summary.skipped)
    assert "not HTML" in reasons and "status is not N (N)" in reasons and "empty file" in reasons
    assert store.stats()["skipped"] == 5
    assert store.count_events(EventFilter(country="SO")) >= 1


def test_url_list_fetched_from_a_local_server_and_refused_without_the_switch(store: Store, processor: Processor, tmp_path: Path):
    page = (FIX / "pages" / "kismayo-hotel.html").read_bytes()
    with serve({"/kismayo": (200, HTML, page), "/logo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG")}) as (base, _):
        urls = tmp_path / "list.urls"
        urls.write_text(f"# news\n{base}/kismayo\n{base}/logo.png\n{base}/gone\n", encoding="utf-8")
        refused = run_ingest([str(urls)], store, IngestOptions(fetch=FetchOptions(min_interval=0)), processor=processor)
        assert refused.stored == 0 and refused.n_skipped == 3
        assert any("private or local" in r for r in refused.skipped)
        summary = run_ingest([str(urls)], store, IngestOptions(fetch=LOCAL), processor=processor)
    assert summary.stored == 1 and summary.n_skipped == 2
    article = store.db.query_one("SELECT canonical_url, site, title FROM articles")
    assert article is not None and (article["site"], article["title"]) == ("Horn Wire", "Gunmen storm hotel in Kismayo, killing 9")
    # the page's rel=canonical names another host, so it is not trusted over the fetched URL
    assert article["canonical_url"].endswith("/kismayo")


def test_worker_processes_give_the_same_events_as_inline(tmp_path: Path, processor: Processor):
    inline = open_store(str(tmp_path / "inline.db"))
    pooled = open_store(str(tmp_path / "pooled.db"))
    run_ingest([str(WIRE)], inline, processor=processor)
    summary = run_ingest([str(WIRE)], pooled, IngestOptions(workers=2, batch_size=2))
    assert summary.workers == 2
    assert _memberships(pooled) == _memberships(inline)
    inline.close()
    pooled.close()


def _cli() -> click.Group:
    group = _Group(name="eventwire")
    for command in (ingest, events, export):
        group.add_command(command)
    evals = click.Group("eval")
    evals.add_command(eval_merge, "merge")
    group.add_command(evals)
    return group


def test_cli_ingest_events_and_exports(tmp_path: Path):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(_cli(), ["ingest", str(WIRE), "--db", db, "--workers", "1", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "Ingest summary" in result.output and "near-duplicates" in result.output
    table = runner.invoke(_cli(), ["events", "--db", db, "--country", "Pakistan", "--min-fatalities", "10"])
    assert table.exit_code == 0 and "suicide_bombing" in table.output and "grenade" not in table.output
    rows = list(csv.DictReader(io.StringIO(runner.invoke(_cli(), ["export", "--db", db, "--format", "csv"]).stdout)))
    mosque = next(r for r in rows if r["sub_event_type"] == "Suicide bomb")
    assert (mosque["event_type"], mosque["country"], mosque["iso"], mosque["time_precision"]) == ("Explosions/Remote violence", "Pakistan", "586", "1")
    assert mosque["n_sources"] == "3" and mosque["event_id_cnty"].startswith("PAK")
    geo = json.loads(runner.invoke(_cli(), ["export", "--db", db, "--format", "geojson"]).stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"][0]["geometry"]["type"] == "Point"
    lines = runner.invoke(_cli(), ["export", "--db", db, "--format", "jsonl", "--search", "Peshawar"]).stdout.splitlines()
    event = json.loads(lines[0])
    assert len(event["reports"]) == 3
    for rep in event["reports"]:
        assert rep["article"]["url"].startswith("https://") and rep["evidence"]
    text = store_text(db, event["reports"][0]["article"]["article_id"])
    ev = event["reports"][0]["evidence"][0]
    assert text[ev["start"] : ev["end"]] == ev["text"]  # evidence offsets index into the stored article


def store_text(db: str, article_id: int) -> str:
    s = open_store(db)
    try:
        return s.db.query_one("SELECT text FROM articles WHERE id = ?", [article_id])["text"]  # type: ignore[index]
    finally:
        s.close()


def test_cli_errors_are_one_line(tmp_path: Path):
    result = CliRunner().invoke(_cli(), ["events", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "Traceback" not in result.output
    bad = CliRunner().invoke(_cli(), ["events", "--db", str(tmp_path / "x.db"), "--bbox", "1,2,3"])
    assert bad.exit_code == 2 and "MIN_LON" in bad.output


def test_published_default_applies(store: Store, processor: Processor, tmp_path: Path):
    doc = tmp_path / "story.txt"
    doc.write_text("Gunmen shot dead a village chief in Mandera on Monday, police said.", encoding="utf-8")
    run_ingest([str(doc)], store, IngestOptions(published_default=date(2024, 4, 10)), processor=processor)
    assert store.db.query_one("SELECT published FROM articles")["published"] == "2024-04-10"  # type: ignore[index]


def test_postgresql_store_gives_the_same_events(store: Store, processor: Processor):
    from eventwire.store.testing import postgres_unavailable, temporary_postgres

    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    run_ingest([str(WIRE)], store, processor=processor)
    with temporary_postgres() as url:
        pg = open_store(url)
        summary = run_ingest([str(WIRE)], pg, processor=processor)
        assert (summary.stored, summary.near_duplicates) == (5, 1)
        assert _memberships(pg) == _memberships(store)
        assert pg.count_events(EventFilter(text="worshippers")) == 1
        pg.close()
