"""Merging reports into events: compatibility, no chaining, aggregation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.merge import (
    Casualties,
    MergeOptions,
    ReportRecord,
    aggregate,
    cluster_reports,
    combine_counts,
    compatibility,
)

OPTS = MergeOptions()
D = date(2024, 3, 4)


def rec(id: str, **kw: object) -> ReportRecord:
    base = dict(
        group=id, source=f"{id}.example", type="explosion", subtype="bombing", start=D, end=D,
        precision="day", country="PK", admin1="Khyber Pakhtunkhwa", place="Peshawar", lat=34.008,
        lon=71.578, geo_precision="town", fatalities=Casualties(5, 5, 5),
        sentence="A bomb exploded in a market in Peshawar, killing five people",
    )
    base.update(kw)
    return ReportRecord(id=id, **base)  # type: ignore[arg-type]


def test_same_incident_worded_differently_is_compatible():
    a = rec("a")
    b = rec("b", sentence="Five people died when a device went off at a Peshawar market", targets=frozenset({"market"}))
    assert compatibility(a, b, OPTS) is not None
    assert compatibility(a, b, OPTS) >= OPTS.threshold


def test_reports_from_one_article_never_merge():
    assert compatibility(rec("a", group="g"), rec("b", group="g"), OPTS) is None


def test_different_country_rules_out():
    assert compatibility(rec("a"), rec("b", country="AF"), OPTS) is None


def test_dates_two_days_apart_rule_out_but_one_day_is_slack():
    assert compatibility(rec("a"), rec("b", start=D + timedelta(days=2), end=D + timedelta(days=2)), OPTS) is None
    assert compatibility(rec("a"), rec("b", start=D + timedelta(days=1), end=D + timedelta(days=1)), OPTS) is not None


def test_towns_far_apart_rule_out():
    quetta = rec("b", place="Quetta", admin1="Balochistan", lat=30.18, lon=67.0)
    assert compatibility(rec("a"), quetta, OPTS) is None


def test_incompatible_tolls_rule_out_but_a_rising_toll_does_not():
    assert compatibility(rec("a", fatalities=Casualties(2, 2, 2)), rec("b", fatalities=Casualties(40, 40, 40)), OPTS) is None
    assert compatibility(rec("a", fatalities=Casualties(17, 17, 17)), rec("b", fatalities=Casualties(19, 19, 19)), OPTS) is not None


def test_unrelated_types_rule_out():
    assert compatibility(rec("a"), rec("b", type="abduction", subtype="kidnapping"), OPTS) is None


def test_no_chaining_through_a_vague_report():
    # a vague report (no toll, province-level) is compatible with two different bombings, which
    # are not compatible with each other: it may join one, but never weld them together
    market = rec("a", fatalities=Casualties(3, 3, 3), targets=frozenset({"market"}))
    mosque = rec("c", fatalities=Casualties(30, 30, 30), targets=frozenset({"mosque"}))
    vague = rec("b", fatalities=Casualties(), geo_precision="province", lat=None, lon=None, sentence="A blast in Khyber Pakhtunkhwa")
    assert compatibility(market, mosque, OPTS) is None
    clusters = cluster_reports([market, vague, mosque], OPTS)
    assert not any({"a", "c"} <= {m.id for m in c} for c in clusters)


def test_two_bombings_same_city_same_day_reported_in_one_article_stay_apart():
    first = rec("a", group="article-1", targets=frozenset({"mosque"}))
    second = rec("b", group="article-1", targets=frozenset({"market"}))
    copy = rec("c", targets=frozenset({"mosque"}))
    clusters = cluster_reports([first, second, copy], OPTS)
    assert sorted(sorted(m.id for m in c) for c in clusters) == [["a", "c"], ["b"]]


def test_aggregate_takes_most_precise_consistent_date_and_most_specific_place():
    week = rec("a", start=D - timedelta(days=3), end=D + timedelta(days=1), precision="week", geo_precision="province", lat=None, lon=None, place="Khyber Pakhtunkhwa")
    day = rec("b")
    agg = aggregate([week, day])
    assert (agg.start, agg.end, agg.precision) == (D, D, "day")
    assert (agg.place, agg.geo_precision) == ("Peshawar", "town")


def test_aggregate_counts_low_best_high_and_sources():
    members = [
        rec("a", fatalities=Casualties(17, 17, 17), source="x.example"),
        rec("b", fatalities=Casualties(19, 19, 19), source="y.example"),
        rec("c", fatalities=Casualties(17, 17, None), source="x.example"),
    ]
    agg = aggregate(members)
    assert (agg.fatalities.low, agg.fatalities.best, agg.fatalities.high) == (17, 17, 19)
    assert agg.n_reports == 3 and agg.n_sources == 2


def test_aggregate_keeps_who_claimed():
    members = [rec("a", perpetrators=frozenset({"ttp"})), rec("b", claimed_by=frozenset({"ttp"}), source="z.example")]
    actors = {(a.name, a.role): a for a in aggregate(members).actors}
    assert actors[("ttp", "perpetrator")].n_reports == 1
    assert actors[("ttp", "claimant")].sources == ("z.example",)


def test_combine_counts_of_nothing_is_unknown():
    assert not combine_counts([Casualties(), Casualties()]).known


def test_record_round_trips_through_dict():
    r = rec("a", perpetrators=frozenset({"al shabaab"}), injuries=Casualties(1, 2, 3))
    assert ReportRecord.from_dict(r.to_dict()) == r


# -- properties -------------------------------------------------------------------------

towns = [("Peshawar", 34.008, 71.578), ("Mardan", 34.198, 72.045), ("Quetta", 30.184, 67.0)]
records = st.builds(
    lambda i, day, town, dead, sub, group: rec(
        f"r{i}", start=D + timedelta(days=day), end=D + timedelta(days=day), place=town[0], lat=town[1], lon=town[2],
        fatalities=Casualties(dead, dead, dead) if dead is not None else Casualties(), subtype=sub,
        type="explosion" if sub != "kidnapping" else "abduction", group=f"g{group}",
    ),
    st.integers(0, 10_000), st.integers(0, 3), st.sampled_from(towns), st.none() | st.integers(0, 40),
    st.sampled_from(["bombing", "suicide_bombing", "kidnapping"]), st.integers(0, 6),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(records, min_size=1, max_size=14, unique_by=lambda r: r.id))
def test_clusters_partition_reports_and_every_member_pair_is_compatible(reports):
    clusters = cluster_reports(reports, OPTS)
    ids = sorted(m.id for c in clusters for m in c)
    assert ids == sorted(r.id for r in reports)
    for members in clusters:
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                assert compatibility(a, b, OPTS) is not None  # no chaining, no same-article merge


@settings(max_examples=40, deadline=None)
@given(st.lists(records, min_size=1, max_size=8, unique_by=lambda r: r.id))
def test_aggregate_bounds_contain_every_reported_best_figure(reports):
    agg = aggregate(reports)
    bests = [r.fatalities.best for r in reports if r.fatalities.best is not None]
    if bests:
        assert agg.fatalities.low <= min(bests) and agg.fatalities.high >= max(bests)
        assert agg.fatalities.low <= agg.fatalities.best <= agg.fatalities.high
    assert agg.n_sources == len({r.source for r in reports})


def test_identical_copies_merge():
    a = rec("a")
    assert len(cluster_reports([a, replace(a, id="b", group="b", source="b.example")], OPTS)) == 1
