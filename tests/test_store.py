"""The event store on SQLite and PostgreSQL: migrations, dedup, merging, queries, state."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from eventwire.model import (
    ActorMention,
    Article,
    CasualtyCount,
    DateRange,
    EventReport,
    Location,
    Mention,
    Span,
)
from eventwire.store import ArticleInput, EventFilter, Store, dedup, open_store
from eventwire.store.schema import LATEST, current_version, migrate
from eventwire.store.testing import postgres_unavailable, temporary_postgres

PG_SKIP = postgres_unavailable()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:  # noqa: ANN001
    if request.param == "sqlite":
        s = open_store(str(tmp_path / "events.db"))
        yield s
        s.close()
        return
    if PG_SKIP:
        pytest.skip(PG_SKIP)
    with temporary_postgres() as url:
        s = open_store(url)
        yield s
        s.close()


PESHAWAR = Location(name="Peshawar", country_code="PK", admin1="Khyber Pakhtunkhwa", lat=34.008, lon=71.578, precision="town")
QUETTA = Location(name="Quetta", country_code="PK", admin1="Balochistan", lat=30.184, lon=67.0, precision="town")


def report(doc: str, n: int = 1, *, subtype: str = "suicide_bombing", day: date = date(2024, 3, 4), loc: Location = PESHAWAR,
           dead: int | None = 17, target: str = "mosque", claimed: str | None = None, text: str = "") -> EventReport:
    start = text.find("bomb") if "bomb" in text else 0
    return EventReport(
        id=f"{doc}-e{n}", type="explosion" if subtype != "kidnapping" else "abduction", subtype=subtype,
        trigger=Span(text=text[start : start + 4], start=start, end=start + 4) if text else None,
        date=DateRange(start=day, end=day, precision="day"), location=loc,
        fatalities=CasualtyCount(low=dead, best=dead, high=dead) if dead is not None else None,
        targets=[Mention(text=f"the {target}", start=0, end=4 + len(target))],
        claimed_by=[ActorMention(text=claimed, start=0, end=len(claimed), kind="organization", canonical=claimed)] if claimed else [],
        confidence=0.9,
    )


def item(doc: str, text: str, *events: EventReport, url: str | None = None, relevant: bool = True) -> ArticleInput:
    art = Article(id=doc, source=url or f"{doc}.txt", url=url, title=text[:30], published=date(2024, 3, 5), text=text)
    return ArticleInput(doc_id=doc, article=art, content_hash=dedup.content_hash(text), canonical_url=dedup.canonical_url(url),
                        signature=dedup.signature(text), relevant=relevant, events=events)


MOSQUE = "A suicide bomb ripped through a Shia mosque in Peshawar on Monday, killing 17 worshippers at evening prayers, police said."
MOSQUE_2 = "Seventeen people died when a bomber struck a mosque in the city of Peshawar during prayers, officials in the province said."
MARKET = "A motorcycle bomb exploded in a vegetable market in Peshawar, killing three traders and injuring eleven shoppers."
LONG = " ".join(f"Paragraph {i} of the wire story about the attack in Peshawar says officials counted victims." for i in range(12))


def test_migrations_are_recorded_and_idempotent(store: Store):
    assert current_version(store.db) == LATEST
    assert migrate(store.db) == []
    versions = [r["version"] for r in store.db.query("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, LATEST + 1))


def test_add_then_readd_is_a_noop(store: Store):
    first = store.add(item("d1", MOSQUE, report("d1", text=MOSQUE)))
    assert first.status == "stored" and first.reports == 1 and len(first.new_events) == 1
    assert store.add(item("d1", MOSQUE, report("d1", text=MOSQUE))).status == "known"
    assert store.known_documents(["d1", "zz"]) == {"d1"}
    assert store.stats()["events"] == 1 and store.stats()["reports"] == 1


def test_same_text_is_a_duplicate_and_new_text_at_a_known_url_a_revision(store: Store):
    first = store.add(item("d1", MOSQUE, url="https://www.news.example/a/?utm_source=x"))
    assert store.add(item("d2", MOSQUE)).status == "duplicate"
    again = store.add(item("d3", "Different text entirely here.", url="https://news.example/a"))
    assert again.status == "revised" and again.revision_of == first.article_id
    assert store.stats()["articles"] == 2
    row = store.db.query_one("SELECT canonical_url, revision_of FROM articles WHERE id = ?", [again.article_id])
    assert row == {"canonical_url": None, "revision_of": first.article_id}


def test_revisions_can_be_turned_off(tmp_path):
    with Store(open_store(str(tmp_path / "e.db")).db, revisions=False) as s:
        s.add(item("d1", MOSQUE, url="https://news.example/a"))
        assert s.add(item("d2", "Different text entirely here.", url="https://news.example/a")).status == "duplicate"
        assert s.stats()["articles"] == 1


def test_updated_page_supersedes_its_earlier_toll_without_adding_a_source(store: Store):
    url = "https://news.example/peshawar-blast"
    first = store.add(item("v1", MOSQUE, report("v1", dead=17, text=MOSQUE), url=url))
    (event_id,) = first.new_events
    other = store.add(item("o1", MOSQUE_2, report("o1", dead=17, text=MOSQUE_2), url="https://other.example/p"))
    assert other.updated_events == (event_id,)
    updated = MOSQUE.replace("killing 17", "killing 25")
    second = store.add(item("v2", updated, report("v2", dead=25, text=updated), url=url))
    assert second.status == "revised" and second.superseded == 1 and second.updated_events == (event_id,)
    ev = store.db.query_one("SELECT * FROM events WHERE id = ?", [event_id])
    assert ev is not None
    # the outlet's own earlier figure is gone; the other outlet's 17 and the update's 25 remain
    assert (ev["fatalities_low"], ev["fatalities_high"], ev["n_sources"], ev["n_reports"]) == (17, 25, 2, 2)
    third_text = MOSQUE.replace("killing 17", "killing 31")
    third = store.add(item("v3", third_text, report("v3", dead=31, text=third_text), url=url))
    assert third.status == "revised" and third.revision_of == first.article_id and third.superseded == 1
    ev = store.db.query_one("SELECT * FROM events WHERE id = ?", [event_id])
    assert ev is not None and (ev["fatalities_high"], ev["n_reports"]) == (31, 2)
    active = store.db.query("SELECT article_id FROM reports WHERE superseded_by IS NULL ORDER BY id")
    assert [r["article_id"] for r in active] == [other.article_id, third.article_id]
    shown = store.event_reports([event_id])[event_id]
    assert [(r["article_id"], r["superseded_by"]) for r in shown] == [
        (first.article_id, second.article_id), (other.article_id, None),
        (second.article_id, third.article_id), (third.article_id, None)]


def test_revision_that_drops_an_event_leaves_it_as_last_reported(store: Store):
    url = "https://news.example/market"
    first = store.add(item("m1", MARKET, report("m1", dead=3, target="market", text=MARKET), url=url))
    (event_id,) = first.new_events
    before = store.db.query_one("SELECT version, fatalities_best FROM events WHERE id = ?", [event_id])
    second = store.add(item("m2", "The market reopened on Tuesday.", url=url))
    assert second.status == "revised" and second.superseded == 1 and second.updated_events == ()
    assert store.db.query_one("SELECT version, fatalities_best FROM events WHERE id = ?", [event_id]) == before


def test_near_duplicate_is_linked_and_not_counted_as_a_report(store: Store):
    original = store.add(item("d1", LONG, report("d1", text=LONG)))
    edited = LONG.replace("Paragraph 3 ", "Para 3 ").replace("counted victims.", "counted the victims.", 1)
    copy = store.add(item("d2", edited, report("d2", text=edited), url="https://syndicate.example/x"))
    assert copy.status == "near_duplicate" and copy.duplicate_of == original.article_id
    assert copy.similarity is not None and copy.similarity >= dedup.NEAR_DUPLICATE
    assert store.stats()["reports"] == 1
    event = store.events()[0]
    assert event["n_reports"] == 1


def test_reports_of_one_incident_merge_with_sources_and_history(store: Store):
    a = store.add(item("d1", MOSQUE, report("d1", text=MOSQUE), url="https://a.example/1"))
    b = store.add(item("d2", MOSQUE_2, report("d2", dead=19, claimed="Tehrik-i-Taliban Pakistan", text=MOSQUE_2), url="https://b.example/2"))
    assert b.updated_events == a.new_events
    (event,) = store.events()
    assert (event["n_reports"], event["n_sources"], event["version"]) == (2, 2, 2)
    assert (event["fatalities_low"], event["fatalities_best"], event["fatalities_high"]) == (17, 17, 19)
    assert {(x["name"], x["role"]) for x in event["actors"]} == {("Tehrik-i-Taliban Pakistan", "claimant")}
    history = store.event_history(event["id"])
    assert [h["action"] for h in history] == ["created", "report_added"]
    assert history[1]["changes"]["fatalities_high"] == [17, 19]
    reports = store.event_reports([event["id"]])[event["id"]]
    assert [r["url"] for r in reports] == ["https://a.example/1", "https://b.example/2"]


def test_two_bombings_in_one_article_stay_two_events(store: Store):
    text = MOSQUE + " " + MARKET
    store.add(item("d1", text, report("d1", 1, text=text), report("d1", 2, subtype="bombing", dead=3, target="market", text=text)))
    store.add(item("d2", MARKET, report("d2", subtype="bombing", dead=3, target="market", text=MARKET)))
    events = sorted(store.events(), key=lambda e: e["fatalities_best"])
    assert [(e["fatalities_best"], e["n_reports"]) for e in events] == [(3, 2), (17, 1)]


def test_irrelevant_article_is_stored_and_searchable_but_has_no_events(store: Store):
    store.add(item("d1", "Karachi stocks closed higher on strong bank earnings.", relevant=False))
    hits = store.search_articles("bank earnings")
    assert [h["relevant"] for h in hits] == [0]
    assert store.stats()["events"] == 0


def _populate(store: Store) -> None:
    store.add(item("d1", MOSQUE, report("d1", text=MOSQUE, claimed="Tehrik-i-Taliban Pakistan")))
    store.add(item("d2", MARKET, report("d2", subtype="bombing", day=date(2024, 3, 10), dead=3, target="market", text=MARKET)))
    quetta = "Gunmen kidnapped two engineers in Quetta."
    store.add(item("d3", quetta, report("d3", subtype="kidnapping", day=date(2024, 4, 1), loc=QUETTA, dead=None, target="engineer")))


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(), 3),
        (EventFilter(since=date(2024, 3, 5)), 2),
        (EventFilter(until=date(2024, 3, 9)), 1),
        (EventFilter(country="pk"), 3),
        (EventFilter(country="AF"), 0),
        (EventFilter(admin1="balochistan"), 1),
        (EventFilter(bbox=(70.0, 33.0, 72.0, 35.0)), 2),
        (EventFilter(types=("abduction",)), 1),
        (EventFilter(types=("suicide_bombing", "kidnapping")), 2),
        (EventFilter(actor="taliban"), 1),
        (EventFilter(min_fatalities=10), 1),
        (EventFilter(text="motorcycle"), 1),
        (EventFilter(text='"vegetable market" traders'), 1),
        (EventFilter(text="worshippers", country="PK", min_fatalities=5), 1),
    ],
)
def test_event_filters(store: Store, flt: EventFilter, expected: int):
    _populate(store)
    assert store.count_events(flt) == expected
    assert len(store.events(flt)) == expected


def test_keyset_paging_walks_all_events_newest_first(store: Store):
    _populate(store)
    seen, after = [], None
    while page := store.events(limit=2, after=after):
        seen += page
        after = (page[-1]["date_start"] or "", page[-1]["id"])
    assert [e["date_start"] for e in seen] == ["2024-04-01", "2024-03-10", "2024-03-04"]
    assert [e["id"] for e in store.events(limit=1, offset=1)] == [seen[1]["id"]]


def test_aggregates_by_month_and_type(store: Store):
    _populate(store)
    assert [(r["key"], r["events"], r["fatalities"]) for r in store.aggregate_events(by="month")] == [("2024-03", 2, 20), ("2024-04", 1, 0)]
    assert {r["key"]: r["events"] for r in store.aggregate_events(by="type")} == {"abduction": 1, "explosion": 2}


def test_watcher_and_alert_state_persist(store: Store):
    assert store.mark_seen("feed:x", "entry-1") is True
    assert store.mark_seen("feed:x", "entry-1") is False
    assert store.is_seen("feed:x", "entry-1") and not store.is_seen("feed:y", "entry-1")
    event_id = store.add(item("d1", MOSQUE, report("d1", text=MOSQUE))).new_events[0]
    assert store.alerted_version("rule", event_id) is None
    store.record_alert("rule", event_id, 1)
    store.record_alert("rule", event_id, 2)
    assert store.alerted_version("rule", event_id) == 2


def test_failed_transaction_leaves_nothing_behind(store: Store):
    bad = item("d1", MOSQUE, report("d1", text=MOSQUE), report("d1", text=MOSQUE))  # same report id twice
    with pytest.raises(Exception):  # noqa: B017 - the driver's IntegrityError
        store.add(bad)
    assert store.stats() == {"articles": 0, "reports": 0, "events": 0, "documents": 0, "skipped": 0, "near_duplicates": 0}
    assert store.add(item("d1", MOSQUE, report("d1", text=MOSQUE))).status == "stored"


def test_canonical_url_drops_tracking_and_fragments():
    assert dedup.canonical_url("HTTP://WWW.News.example:80/a/b/?utm_source=x&id=3#top") == "https://news.example/a/b?id=3"
    assert dedup.canonical_url("ftp://x") is None
    assert dedup.canonical_link('<link rel="canonical" href="https://n.example/story">') == "https://n.example/story"
