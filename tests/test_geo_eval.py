"""Geo evaluation: corpus loaders and metrics on tiny invented gold, and the real corpora smoke.

The tiny corpora in tests/fixtures/geo/corpora are invented texts in the two corpus formats.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from eventwire.eval.geo import (
    MAX_ERROR_KM,
    GoldDoc,
    GoldToponym,
    Scores,
    auc,
    bootstrap_acc161,
    error_stats,
    find_geo_data,
    load_gwn,
    load_trnews,
    prf,
    score_document,
)
from eventwire.model import Place

TINY = Path(__file__).parent / "fixtures" / "geo" / "corpora"


def test_gwn_loader_keeps_toponym_types_and_marks_demonyms_neutral() -> None:
    (doc,) = load_gwn(TINY / "GeoWebNews" / "GWN.xml")
    texts = {t.text: t for t in doc.toponyms}
    assert set(texts) == {"Kandahar", "Afghanistan", "Nigerians", "Afghan"}
    assert texts["Nigerians"].neutral and texts["Nigerians"].lat is None
    assert not texts["Afghan"].neutral and texts["Afghan"].lat == 33.0


def test_trnews_loader_realigns_offsets_that_are_off() -> None:
    (doc,) = load_trnews(TINY / "TR-News" / "TR-News.xml")
    assert [(t.text, doc.text[t.start:t.end]) for t in doc.toponyms] == [
        ("Ottawa", "Ottawa"), ("Ottawa", "Ottawa"), ("Canada", "Canada")]
    assert doc.toponyms[0].start == doc.text.index("Ottawa")


def test_prf_and_empty_cases() -> None:
    assert prf(8, 2, 2) == (0.8, 0.8, 0.8)
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_auc_is_zero_for_perfect_and_one_for_antipodal_answers() -> None:
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert math.isclose(auc([MAX_ERROR_KM] * 3), 1.0)
    mid = auc([0.0, MAX_ERROR_KM])
    assert math.isclose(mid, 0.5)


def test_error_stats_accuracy_at_161_km() -> None:
    s = error_stats([0.0, 100.0, 161.0, 500.0])
    assert s["acc161"] == 0.75 and s["median_km"] == 130.5 and s["resolved_n"] == 4


def _place(text: str, start: int, lat: float | None, lon: float | None,
           feature: str | None = None) -> Place:
    return Place(text=text, start=start, end=start + len(text), lat=lat, lon=lon,
                 name=text if lat is not None else None, feature=feature)


def test_score_document_counts_exact_and_overlap_matches() -> None:
    text = "Shelling hit Kandahar City and Kabul; Afghan officials and Nigerians spoke."
    gold = GoldDoc("d", text, (
        GoldToponym(13, 21, "Kandahar", 31.6, 65.7),
        GoldToponym(31, 36, "Kabul", 34.5, 69.2),
        GoldToponym(38, 44, "Afghan", 33.0, 65.0),
        GoldToponym(59, 68, "Nigerians", None, None, neutral=True),
    ))
    preds = [
        _place("Kandahar City", 13, 31.6, 65.7),  # overlap only
        _place("Kabul", 31, 34.5, 69.2),  # exact, right
        _place("Afghan", 38, 10.0, 10.0),  # exact, wrong place
        _place("Nigerians", 59, 9.0, 8.0),  # neutral: neither TP nor FP
        _place("Shelling hit", 0, None, None, feature="border"),  # composite: not scored
    ]
    s = Scores("t")
    score_document(s, gold, preds)
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert (s.otp, s.ofp, s.ofn) == (3, 0, 0)
    assert len(s.errors) == 2 and s.errors[0] < 1 and s.errors[1] > 161
    assert s.summary()["acc161"] == 0.5


def test_unresolved_detected_toponym_counts_as_maximum_error() -> None:
    text = "Kabul"
    gold = GoldDoc("d", text, (GoldToponym(0, 5, "Kabul", 34.5, 69.2),))
    s = Scores("t")
    score_document(s, gold, [_place("Kabul", 0, None, None)], gold_resolved=[])
    assert s.errors == [MAX_ERROR_KM] and s.gold_errors == [MAX_ERROR_KM]


@pytest.mark.skipif(find_geo_data() is None, reason="shared geo corpora (../shared/data/geo) absent")
def test_real_corpora_load_with_expected_sizes() -> None:
    root = find_geo_data()
    assert root is not None
    gwn = load_gwn(root / "GeoWebNews" / "GWN.xml")
    tr = load_trnews(root / "TR-News" / "TR-News.xml")
    assert len(gwn) == 200 and len(tr) == 118
    assert sum(t.lat is not None for d in gwn for t in d.toponyms) == 2601
    assert all(d.text[t.start:t.end] == t.text for d in tr for t in d.toponyms)


def test_gold_toponyms_without_a_geonames_entry_are_scored_apart_too() -> None:
    text = "Kabul Jade Street"
    gold = GoldDoc("d", text, (GoldToponym(0, 5, "Kabul", 34.5, 69.2),
                               GoldToponym(6, 17, "Jade Street", 34.6, 69.3, geonames=False)))
    s = Scores("t")
    street = _place("Jade Street", 6, 10.0, 10.0)
    score_document(s, gold, [], gold_resolved=[_place("Kabul", 0, 34.5, 69.2),
                                               street.model_copy(update={"end": 17})])
    summary = s.summary()
    assert summary["gold_resolved_n"] == 2 and summary["gold_acc161"] == 0.5
    assert summary["gold_geonames_resolved_n"] == 1 and summary["gold_geonames_acc161"] == 1.0


@pytest.mark.skipif(find_geo_data() is None, reason="shared geo corpora (../shared/data/geo) absent")
def test_gwn_toponyms_with_a_geonames_id_are_the_2401_geocodable_ones() -> None:
    gwn = load_gwn(find_geo_data() / "GeoWebNews" / "GWN.xml")  # type: ignore[operator]
    assert sum(t.geonames and t.lat is not None for d in gwn for t in d.toponyms) == 2401


def test_document_bootstrap_interval_brackets_the_accuracy() -> None:
    assert bootstrap_acc161([[0.0, 5.0], [1.0]]) == (1.0, 1.0)
    mixed = [[0.0, 0.0]] * 10 + [[500.0, 900.0]] * 10
    low, high = bootstrap_acc161(mixed)
    assert 0.2 < low < 0.5 < high < 0.8
    assert bootstrap_acc161(mixed) == (low, high)  # seeded: the same figures every run
    assert bootstrap_acc161([]) == (0.0, 0.0)
