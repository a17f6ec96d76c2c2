"""Evaluating rules against new and updated events: once per state, crash-safe, with changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from eventwire.alerts.evaluate import evaluate, start_cursor, store_id
from eventwire.alerts.payload import render_text
from eventwire.alerts.rules import Rule
from eventwire.model import (
    ActorMention,
    Article,
    CasualtyCount,
    DateRange,
    EventReport,
    Location,
    Mention,
)
from eventwire.store import ArticleInput, Store, dedup, open_store
from eventwire.store import alerts_queries as aq
from eventwire.store.testing import postgres_unavailable, temporary_postgres

MOGADISHU = Location(name="Mogadishu", country_code="SO", admin1="Banaadir", lat=2.04, lon=45.34, precision="town")
KABUL = Location(name="Kabul", country_code="AF", admin1="Kabul", lat=34.53, lon=69.17, precision="town")
TEXTS = {
    "a": "A car bomb exploded at a checkpoint in Mogadishu on Monday, police said, and ambulances rushed to the scene.",
    "b": "Twelve people were killed when a car bomb struck a security checkpoint in the Somali capital Mogadishu.",
    "c": "The toll from the Mogadishu checkpoint bombing stands at twelve dead, hospital sources in the city said.",
    "d": "Fourteen people are now known to have died in the checkpoint car bomb in Mogadishu, the mayor said.",
    "k": "Gunmen kidnapped four aid workers on the road out of Kabul, the interior ministry said on Tuesday.",
}


def report(doc: str, dead: int | None, loc: Location = MOGADISHU, subtype: str = "bombing", claimed: str | None = None) -> EventReport:
    return EventReport(
        id=f"{doc}-1", type="abduction" if subtype == "kidnapping" else "explosion", subtype=subtype,
        date=DateRange(start=date(2024, 3, 4), end=date(2024, 3, 4), precision="day"), location=loc,
        fatalities=CasualtyCount(low=dead, best=dead, high=dead) if dead is not None else None,
        targets=[Mention(text="the checkpoint", start=0, end=14, head="checkpoint")],
        claimed_by=[ActorMention(text=claimed, start=0, end=len(claimed), kind="organization", canonical=claimed)] if claimed else [],
        confidence=0.9,
    )


def add(store: Store, doc: str, *events: EventReport) -> None:
    text = TEXTS[doc]
    art = Article(id=doc, source=doc, url=f"https://{doc}-news.example/story", title=text[:40], published=date(2024, 3, 5), text=text)
    result = store.add(ArticleInput(doc_id=doc, article=art, content_hash=dedup.content_hash(text), signature=dedup.signature(text),
                                    canonical_url=dedup.canonical_url(art.url), events=events))
    assert result.status == "stored"


PG_SKIP = postgres_unavailable()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        if PG_SKIP:
            pytest.skip(PG_SKIP)
        with temporary_postgres() as url:
            s = open_store(url)
            start_cursor(s)
            yield s
            s.close()
        return
    s = open_store(str(tmp_path / "alerts.db"))
    start_cursor(s)
    yield s
    s.close()


EVERY = Rule(name="every")
DEADLY = Rule(name="deadly", min_fatalities=10)
TOLL = Rule(name="toll", countries=["SO"], on_update="changes")
SINKS = {"every": ["hook", "file"], "deadly": ["hook"], "toll": ["file"]}


def alerts(store: Store, rule: str | None = None) -> list[dict]:
    return list(reversed(aq.recent_alerts(store.db, limit=1000, rule=rule)))


def test_a_new_event_alerts_once_per_matching_rule(store: Store):
    add(store, "a", report("a", None))
    add(store, "k", report("k", None, KABUL, "kidnapping"))
    result = evaluate(store, [EVERY, DEADLY, TOLL], SINKS)
    assert result.events == 2 and len(result.alerts) == 3  # every x2, toll x1 (Somalia); deadly: no toll yet
    assert [(a["rule"], a["kind"]) for a in alerts(store)] == [("every", "new"), ("toll", "new"), ("every", "new")]
    assert evaluate(store, [EVERY, DEADLY, TOLL], SINKS).alerts == []  # nothing changed: nothing new


def test_a_second_source_raising_the_toll_crosses_the_threshold_once_saying_what_changed(store: Store):
    add(store, "a", report("a", None))
    evaluate(store, [DEADLY], SINKS)
    assert alerts(store, "deadly") == []
    add(store, "b", report("b", 12))  # merges: same place, day, type; a second publisher
    assert store.stats()["events"] == 1
    evaluate(store, [DEADLY], SINKS)
    [alert] = alerts(store, "deadly")
    body = alert["payload"]
    assert alert["kind"] == "crossed" and body["kind"] == "crossed"
    assert body["changes"]["fatalities_best"] == [None, 12] and body["changes"]["n_sources"] == [1, 2]
    assert "killed 12 >= 10" in body["why"] and body["event"]["version"] == 2
    assert "12 killed" in body["headline"] and len(body["sources"]) == 2
    assert "Changed: fatalities_best unknown -> 12, fatalities_high unknown -> 12" in render_text(body)
    add(store, "c", report("c", 12))  # a third source, same toll: the same state for a `once` rule
    evaluate(store, [DEADLY], SINKS)
    assert len(alerts(store, "deadly")) == 1
    assert store.alerted_version("deadly", alert["event_id"]) == 2


def test_a_changes_rule_alerts_on_each_new_state_and_never_twice_for_one(store: Store):
    add(store, "a", report("a", 10))
    evaluate(store, [TOLL], SINKS)
    add(store, "b", report("b", 12))
    evaluate(store, [TOLL], SINKS)
    first, second = alerts(store, "toll")
    assert (first["kind"], second["kind"]) == ("new", "changed")
    assert second["payload"]["changes"]["fatalities_high"] == [10, 12]
    assert second["payload"]["changes"]["n_sources"] == [1, 2]
    # re-evaluating the same state (e.g. after a restart from an older cursor) adds nothing
    aq.set_cursor(store.db, ("", 0))
    evaluate(store, [TOLL], SINKS)
    assert len(alerts(store, "toll")) == 2
    add(store, "d", report("d", 14))
    evaluate(store, [TOLL], SINKS)
    assert [a["kind"] for a in alerts(store, "toll")] == ["new", "changed", "changed"]


def test_updates_in_one_cycle_make_one_alert_with_the_latest_state(store: Store):
    add(store, "a", report("a", 10))
    add(store, "b", report("b", 12))
    evaluate(store, [TOLL, DEADLY], SINKS)
    toll, deadly = alerts(store, "toll"), alerts(store, "deadly")
    assert len(toll) == 1 and toll[0]["kind"] == "new" and toll[0]["payload"]["event"]["n_sources"] == 2
    assert len(deadly) == 1


def test_the_cursor_starts_after_the_events_already_stored(tmp_path: Path):
    with open_store(str(tmp_path / "old.db")) as old:
        add(old, "a", report("a", 20))
        start_cursor(old)
        assert evaluate(old, [EVERY], SINKS).alerts == []
        add(old, "b", report("b", 20))  # the old event changes: now it is evaluated
        assert [a["kind"] for a in alerts(old)] == [] and len(evaluate(old, [EVERY], SINKS).alerts) == 1
        assert alerts(old)[0]["kind"] == "crossed"
    with open_store(str(tmp_path / "backfill.db")) as backfill:
        add(backfill, "a", report("a", 20))
        start_cursor(backfill, alert_existing=True)
        assert len(evaluate(backfill, [EVERY], SINKS).alerts) == 1


def test_a_crash_before_commit_leaves_nothing_and_the_rerun_alerts_once(store: Store, monkeypatch: pytest.MonkeyPatch):
    add(store, "a", report("a", 12))
    add(store, "k", report("k", 3, KABUL, "kidnapping"))
    real = aq.set_cursor

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt  # the process dies here, inside the evaluation transaction

    monkeypatch.setattr(aq, "set_cursor", crash)
    with pytest.raises(KeyboardInterrupt):
        evaluate(store, [EVERY, DEADLY], SINKS)
    assert aq.count_alerts(store.db) == 0 and aq.send_counts(store.db) == {}
    monkeypatch.setattr(aq, "set_cursor", real)
    evaluate(store, [EVERY, DEADLY], SINKS)
    evaluate(store, [EVERY, DEADLY], SINKS)
    assert sorted(a["rule"] for a in alerts(store)) == ["deadly", "every", "every"]


def test_each_alert_gets_a_pending_send_per_sink_of_its_rule(store: Store):
    add(store, "a", report("a", 12))
    evaluate(store, [EVERY, DEADLY, TOLL], SINKS)
    sends = {(a["rule"], s["sink"]) for a in alerts(store) for s in a["sends"]}
    assert sends == {("every", "hook"), ("every", "file"), ("deadly", "hook"), ("toll", "file")}
    assert aq.send_counts(store.db) == {"pending": 4}


def test_keywords_search_the_reporting_articles(store: Store):
    add(store, "a", report("a", 12))
    add(store, "k", report("k", None, KABUL, "kidnapping"))
    rules = [Rule(name="aid", keywords=["bananas", '"aid workers"']), Rule(name="bomb", keywords=["checkpoint ambulances"])]
    evaluate(store, rules, {"aid": ["x"], "bomb": ["x"]})
    got = {a["rule"]: a["payload"] for a in alerts(store)}
    assert set(got) == {"aid", "bomb"}
    assert got["aid"]["event"]["location"] == "Kabul" and 'keyword "aid workers"' in got["aid"]["why"]
    assert got["bomb"]["event"]["location"] == "Mogadishu"


def test_alert_ids_are_stable_per_state_and_differ_between_stores(store: Store, tmp_path: Path):
    add(store, "a", report("a", 12))
    evaluate(store, [EVERY], SINKS)
    [alert] = alerts(store)
    assert alert["alert_key"].startswith("ew-") and alert["payload"]["alert_id"] == alert["alert_key"]
    assert store_id(store) == store_id(store)
    with open_store(str(tmp_path / "other.db")) as other:
        start_cursor(other)
        add(other, "a", report("a", 12))
        evaluate(other, [EVERY], SINKS)
        assert alerts(other)[0]["alert_key"] != alert["alert_key"]


def test_rules_are_recorded_for_the_dashboard(store: Store):
    aq.save_rules(store.db, [("every", {}, ["hook"]), ("deadly", {"min_fatalities": 10}, ["hook", "file"])])
    add(store, "a", report("a", 12))
    evaluate(store, [EVERY, DEADLY], SINKS)
    rows = {r["name"]: r for r in aq.list_rules(store.db)}
    assert rows["deadly"]["definition"] == {"min_fatalities": 10} and rows["deadly"]["n_alerts"] == 1
    aq.save_rules(store.db, [("deadly", {"min_fatalities": 5}, ["hook"])])
    assert [r["name"] for r in aq.list_rules(store.db)] == ["deadly"]
    assert {r["name"]: r["active"] for r in aq.list_rules(store.db, include_inactive=True)} == {"deadly": True, "every": False}
