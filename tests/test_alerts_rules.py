"""Alert rules: each condition, lists as "any of", and agreement with EventFilter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from eventwire.alerts.durations import parse_duration
from eventwire.alerts.rules import Rule, check, diff, haversine_km, state_key, watched_state
from eventwire.model import ActorMention, Article, CasualtyCount, DateRange, EventReport, Location
from eventwire.store import ArticleInput, EventFilter, Store, dedup, open_store

TODAY = date(2024, 3, 10)
MOGADISHU = {"id": 1, "type": "explosion", "subtype": "bombing", "country": "SO", "admin1": "Banaadir",
             "location": "Mogadishu", "lat": 2.037, "lon": 45.344, "fatalities_low": 3, "fatalities_best": 7,
             "fatalities_high": 12, "n_sources": 2, "n_reports": 3, "date_start": "2024-03-04", "date_end": "2024-03-04",
             "first_seen": "2024-03-05T00:00:00.000000Z", "version": 3,
             "actors": [{"name": "al-Shabaab", "role": "claimant", "n_reports": 2, "sources": []}]}  # fmt: skip


def rule(**kw: object) -> Rule:
    return Rule(name="r", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("conditions", "matches"),
    [
        ({}, True),
        ({"countries": ["SO"]}, True),
        ({"countries": ["Somalia"]}, True),
        ({"countries": ["KE", "so"]}, True),
        ({"countries": ["KE"]}, False),
        ({"admin1": ["banaadir"]}, True),
        ({"admin1": ["Bay"]}, False),
        ({"bbox": [40.9, -1.7, 51.4, 12.0]}, True),
        ({"bbox": [0, 0, 10, 10]}, False),
        ({"near": {"lat": 2.0, "lon": 45.3, "radius_km": 10}}, True),
        ({"near": {"lat": 0.35, "lon": 42.55, "radius_km": 100}}, False),  # Kismayo, ~330 km away
        ({"types": ["explosion"]}, True),
        ({"types": ["bombing", "kidnapping"]}, True),
        ({"types": ["attack"]}, False),
        ({"actors": ["shabaab"]}, True),
        ({"actors": ["Boko Haram", "AL-SHAB"]}, True),
        ({"actors": ["Taliban"]}, False),
        ({"min_fatalities": 7}, True),
        ({"min_fatalities": 8}, False),
        ({"min_sources": 2}, True),
        ({"min_sources": 3}, False),
        ({"max_age_days": 10}, True),
        ({"max_age_days": 3}, False),
        ({"countries": ["SO"], "min_fatalities": 5, "min_sources": 3}, False),  # all must hold
    ],
)
def test_each_condition_and_lists_mean_any(conditions: dict, matches: bool):
    assert (check(rule(**conditions), MOGADISHU, TODAY) is not None) is matches


def test_check_says_why_in_words():
    why = check(rule(countries=["SO"], min_fatalities=5, min_sources=2, actors=["shabaab"]), MOGADISHU, TODAY)
    assert why == ["country SO", "actor al-Shabaab", "killed 7 >= 5", "sources 2 >= 2"]


def test_min_fatalities_uses_best_then_low_like_the_store():
    assert check(rule(min_fatalities=3), {**MOGADISHU, "fatalities_best": None}, TODAY) is not None
    assert check(rule(min_fatalities=1), {**MOGADISHU, "fatalities_best": None, "fatalities_low": None}, TODAY) is None


def test_events_without_coordinates_are_outside_any_box_or_circle():
    flat = {**MOGADISHU, "lat": None, "lon": None}
    assert check(rule(bbox=[-180, -90, 180, 90]), flat, TODAY) is None
    assert check(rule(near={"lat": 0, "lon": 0, "radius_km": 20000}), flat, TODAY) is None


def test_haversine_is_about_right():
    assert haversine_km(2.0469, 45.3182, -0.3582, 42.5454) == pytest.approx(406, abs=10)  # Mogadishu-Kismayo
    assert haversine_km(10, 10, 10, 10) == 0


@pytest.mark.parametrize(
    ("conditions", "message"),
    [
        ({"countries": ["Atlantis"]}, "unknown country"),
        ({"types": ["picnic"]}, "unknown event type"),
        ({"bbox": [10, 0, 0, 10]}, "min <= max"),
        ({"near": {"lat": 95, "lon": 0, "radius_km": 1}}, "less than or equal to 90"),
        ({"min_sources": 0}, "greater than or equal to 1"),
        ({"on_update": "always"}, "'once' or 'changes'"),
        ({"sinks": []}, "at least one sink"),
        ({"colour": "red"}, "Extra inputs"),
    ],
)
def test_bad_rules_are_refused(conditions: dict, message: str):
    with pytest.raises(ValidationError, match=message):
        rule(**conditions)


def test_rule_names_are_keys_and_must_be_plain():
    with pytest.raises(ValidationError, match="letters, digits"):
        Rule(name="no spaces please")


def test_state_key_once_is_one_state_changes_follows_watched_fields():
    once, changes = rule(), rule(on_update="changes")
    assert state_key(once, MOGADISHU) == state_key(once, {**MOGADISHU, "fatalities_best": 20}) == "once"
    assert state_key(changes, MOGADISHU) != state_key(changes, {**MOGADISHU, "fatalities_best": 20})
    # n_reports and the version are not news: the same state
    assert state_key(changes, MOGADISHU) == state_key(changes, {**MOGADISHU, "n_reports": 9, "version": 7})
    assert diff(watched_state(MOGADISHU), watched_state({**MOGADISHU, "n_sources": 3})) == {"n_sources": [2, 3]}


@pytest.mark.parametrize(("text", "seconds"), [(90, 90.0), ("90", 90.0), ("90s", 90.0), ("5m", 300.0), ("1h30m", 5400.0), ("250ms", 0.25), (1.5, 1.5)])
def test_durations(text: object, seconds: float):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "5 minutes", "-3", True, "5x"])
def test_bad_durations(text: object):
    with pytest.raises(ValueError):
        parse_duration(text)


# -- the rule matcher means what EventFilter means ------------------------------------------


def _report(doc: str, subtype: str, loc: Location, dead: int | None, claimed: str | None = None) -> EventReport:
    return EventReport(
        id=f"{doc}-1", type={"bombing": "explosion", "kidnapping": "abduction"}.get(subtype, "attack"), subtype=subtype,
        date=DateRange(start=date(2024, 3, 4), end=date(2024, 3, 4), precision="day"), location=loc,
        fatalities=CasualtyCount(low=dead, best=dead, high=dead) if dead is not None else None,
        claimed_by=[ActorMention(text=claimed, start=0, end=len(claimed), kind="organization", canonical=claimed)] if claimed else [],
        confidence=0.9,
    )


def _add(store: Store, doc: str, text: str, report: EventReport) -> None:
    art = Article(id=doc, source=doc, url=f"https://{doc}.example/a", title=text[:20], published=date(2024, 3, 5), text=text)
    store.add(ArticleInput(doc_id=doc, article=art, content_hash=dedup.content_hash(text), signature=dedup.signature(text),
                           canonical_url=dedup.canonical_url(art.url), events=(report,)))


@pytest.fixture
def varied(tmp_path: Path) -> Store:
    store = open_store(str(tmp_path / "v.db"))
    places = [
        Location(name="Mogadishu", country_code="SO", admin1="Banaadir", lat=2.04, lon=45.34, precision="town"),
        Location(name="Kismayo", country_code="SO", admin1="Jubbada Hoose", lat=-0.36, lon=42.55, precision="town"),
        Location(name="Peshawar", country_code="PK", admin1="Khyber Pakhtunkhwa", lat=34.0, lon=71.58, precision="town"),
        Location(name=None, country_code="NG", precision="country"),
    ]
    subtypes = ["bombing", "armed_attack", "kidnapping"]
    for i in range(12):
        loc = places[i % 4]
        _add(store, f"d{i}", f"Report number {i} about an incident in {loc.name or 'Nigeria'}, words {i * 7}.",
             _report(f"d{i}", subtypes[i % 3], loc, [None, 0, 3, 12][i % 4] if i % 5 else 5,
                     "al-Shabaab" if i % 2 else ("Boko Haram" if i % 3 == 0 else None)))
    yield store
    store.close()


@pytest.mark.parametrize(
    ("rule_kw", "flt_kw"),
    [
        ({"countries": ["SO"]}, {"country": "SO"}),
        ({"admin1": ["jubbada hoose"]}, {"admin1": "Jubbada Hoose"}),
        ({"bbox": [40, -2, 50, 5]}, {"bbox": (40, -2, 50, 5)}),
        ({"types": ["explosion"]}, {"types": ("explosion",)}),
        ({"types": ["kidnapping", "armed_attack"]}, {"types": ("kidnapping", "armed_attack")}),
        ({"actors": ["shabaab"]}, {"actor": "shabaab"}),
        ({"min_fatalities": 3}, {"min_fatalities": 3}),
        ({"min_fatalities": 0}, {"min_fatalities": 0}),
        ({"countries": ["PK"], "min_fatalities": 1, "types": ["bombing"]}, {"country": "PK", "min_fatalities": 1, "types": ("bombing",)}),
    ],
)
def test_rule_matches_exactly_what_the_same_event_filter_lists(varied: Store, rule_kw: dict, flt_kw: dict):
    every = varied.events(limit=1000)
    by_rule = {e["id"] for e in every if check(rule(**rule_kw), e, TODAY) is not None}
    by_filter = {e["id"] for e in varied.events(EventFilter(**flt_kw), limit=1000)}
    assert by_rule == by_filter
    assert 0 < len(by_filter) < len(every) or flt_kw == {"min_fatalities": 0}
