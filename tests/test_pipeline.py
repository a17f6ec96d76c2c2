"""End-to-end extraction on the reference seed page and on hand-written snippets."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.model import ExtractionResult, RawDocument


def _spans_ok(result: ExtractionResult) -> None:
    text = result.document.text
    for e in result.events:
        for m in [*e.perpetrators, *e.targets, *e.victims, *e.weapons, *e.claimed_by, *e.reported_by]:
            assert text[m.start : m.end] == m.text
        for ev in e.evidence:
            assert text[ev.start : ev.end] == ev.text
        for c in (e.fatalities, e.injuries):
            if c is not None and c.start is not None:
                assert text[c.start : c.end] == c.text
        if e.date is not None and e.date.text_start is not None:
            assert text[e.date.text_start : e.date.text_end] == e.date.text
    for p in result.places:
        assert text[p.start : p.end] == p.text
    for q in result.quotes:
        assert text[q.start : q.end] == q.text


def test_seed_byline_and_comment_spam_are_removed(seed_result):
    doc = seed_result.document
    assert doc.author == "Ayat Ezz"
    assert doc.published == date(2019, 6, 20)
    for spam in ("viagra", "Great article", "admin in:", "Hello there, just became aware"):
        assert spam not in doc.text
    kinds = {r.kind for r in doc.removed}
    assert {"byline", "spam"} <= kinds
    assert "Dushanbe" in doc.text


def test_seed_bombing_event(seed_result):
    bombing = next(e for e in seed_result.events if e.type == "explosion")
    assert bombing.subtype == "bombing"
    assert bombing.fatalities.best == 3 and bombing.injuries.best == 5
    assert (bombing.date.start, bombing.date.precision) == (date(2019, 6, 18), "day")
    assert any("Afghan army" in r.text for r in bombing.reported_by)
    assert bombing.location is not None and bombing.location.precision == "region"
    assert "border" in bombing.location.name.lower()
    assert any(t.head == "base" or "base" in t.text for t in bombing.targets)


def test_seed_prison_riot_event(seed_result):
    riot = next(e for e in seed_result.events if e.type == "riot")
    assert riot.subtype == "prison_riot"
    assert riot.fatalities.low == 31 and riot.fatalities.high is None
    assert (riot.date.start, riot.date.end, riot.date.precision) == (date(2019, 5, 1), date(2019, 5, 31), "month")
    assert [c.canonical for c in riot.claimed_by] == ["Islamic State"]
    assert riot.location.country_code == "TJ"


def test_seed_has_exactly_the_two_incidents(seed_result):
    assert sorted(e.type for e in seed_result.events) == ["explosion", "riot"]


def test_undated_seed_still_keeps_the_two_incidents_apart(pipeline):
    # no publication date: "two days ago" and "last month" cannot be dated, but they are still
    # not the same day, so the prison riot is not folded into the bombing
    from conftest import SEED, require_shared
    from eventwire.model import RawDocument

    text = require_shared(SEED).read_text(encoding="utf-8")
    result = next(pipeline.process([RawDocument(id="seed-undated", source=str(SEED), text=text)]))
    by_type = {e.type: e for e in result.events}
    assert sorted(by_type) == ["explosion", "riot"]
    assert by_type["explosion"].fatalities.best == 3 and by_type["riot"].fatalities.low == 31
    assert by_type["explosion"].date is None and by_type["riot"].date is None  # nothing invented


def test_seed_quotes_are_attributed_with_roles(seed_result):
    by_speaker = {q.speaker: q.speaker_role for q in seed_result.quotes if q.speaker}
    assert "Federal Security Service" in by_speaker["Alexander Bortnikov"]
    assert "Arab Center for Political and Strategic Studies" in by_speaker["Mukhtar al-Ghobashi"]


def test_seed_places_are_geocoded(seed_result):
    resolved = {p.text: p for p in seed_result.places}
    assert resolved["Dushanbe"].country_code == "TJ" and resolved["Dushanbe"].precision == "town"
    assert resolved["Tajikistan"].country_code == "TJ"
    assert resolved["Afghanistan"].country_code == "AF"


def test_seed_every_span_indexes_the_article_text(seed_result):
    _spans_ok(seed_result)


def _extract(pipeline, text: str, published: date = date(2024, 3, 12)) -> ExtractionResult:
    return pipeline.extract_text(text, published=published)


def test_non_violent_news_yields_no_events(pipeline):
    result = _extract(pipeline, (
        "The central bank left its benchmark rate unchanged on Tuesday, citing easing inflation.\n"
        "Analysts said the decision would support lending to small businesses in the coming months."
    ))
    assert result.events == []


def test_generic_mentions_of_attacks_are_not_events(pipeline):
    result = _extract(pipeline, (
        "The government has raised security in the capital to prevent any attacks during the holidays.\n"
        "Officials said militants could attack soft targets such as markets."
    ))
    assert result.events == []


def test_kidnapping_with_claim_and_source(pipeline):
    result = _extract(pipeline, (
        "Gunmen kidnapped four aid workers from a clinic in northern Mali on Sunday, a security source said.\n"
        "Jama'at Nusrat al-Islam wal-Muslimin claimed responsibility for the abduction in a statement."
    ))
    assert len(result.events) == 1
    event = result.events[0]
    assert event.type == "abduction"
    assert event.date.start == date(2024, 3, 10)
    assert any(p.text == "Gunmen" for p in event.perpetrators)
    assert [c.canonical for c in event.claimed_by] == ["Jama'at Nusrat al-Islam wal-Muslimin"]
    _spans_ok(result)


@pytest.mark.parametrize("case", ["lower", "upper"])
def test_caseless_wire_text_still_yields_the_event(pipeline, case):
    text = "A car bomb exploded outside a police station in Kirkuk on Monday, killing five policemen and wounding 12 people, officials said."
    text = text.lower() if case == "lower" else text.upper()
    result = _extract(pipeline, text)
    assert len(result.events) == 1
    event = result.events[0]
    assert event.type == "explosion"
    assert event.fatalities.best == 5 and event.injuries.best == 12
    assert event.location is not None and event.location.country_code == "IQ"
    _spans_ok(result)


def test_unreadable_document_becomes_an_error_result(pipeline):
    results = list(pipeline.process([RawDocument(id="x", source="empty.txt", text="   \n  ")]))
    assert results[0].error and results[0].document is None
