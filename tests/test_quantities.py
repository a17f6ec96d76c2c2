"""Number phrases: low/best/high conventions, exclusions, offsets. Sentences are invented."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.quantities import Quantity, find_quantities, parse_quantity


def bounds(phrase: str) -> tuple[int | None, int | None, int | None]:
    q = parse_quantity(phrase)
    assert q is not None, phrase
    return q.low, q.best, q.high


EXACT = [
    ("3", 3),
    ("three", 3),
    ("Three", 3),
    ("THREE", 3),
    ("twenty-one", 21),
    ("TWENTY-ONE", 21),
    ("twenty one", 21),
    ("1,200", 1200),
    ("1200", 1200),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a dozen", 6),
    ("a hundred", 100),
    ("one hundred", 100),
    ("three hundred and forty", 340),
    ("one", 1),
    ("1.5 million", 1_500_000),
    ("2 thousand", 2000),
]


@pytest.mark.parametrize(("phrase", "value"), EXACT)
def test_exact_number_sets_low_best_and_high_to_it(phrase: str, value: int) -> None:
    assert bounds(phrase) == (value, value, value)


def test_more_than_n_sets_low_bound_to_n_plus_one() -> None:
    assert bounds("more than 30") == (31, 31, None)
    assert bounds("MORE THAN 30") == (31, 31, None)


@pytest.mark.parametrize("phrase", ["over 30", "above 30", "upwards of 30", "well over 30"])
def test_over_and_above_read_as_more_than(phrase: str) -> None:
    assert bounds(phrase) == (31, 31, None)


def test_more_than_a_dozen_is_thirteen_or_more() -> None:
    assert bounds("more than a dozen") == (13, 13, None)


@pytest.mark.parametrize("phrase", ["at least 12", "no fewer than 12", "12 or more"])
def test_at_least_n_sets_low_and_best_to_n_and_leaves_high_open(phrase: str) -> None:
    assert bounds(phrase) == (12, 12, None)


@pytest.mark.parametrize("phrase", ["up to 5", "as many as 5", "at most five"])
def test_up_to_n_sets_best_and_high_to_n_and_leaves_low_open(phrase: str) -> None:
    assert bounds(phrase) == (None, 5, 5)


@pytest.mark.parametrize("phrase", ["nearly 40", "almost 40", "fewer than 40", "just under 40"])
def test_nearly_n_sets_best_and_high_to_n_minus_one(phrase: str) -> None:
    assert bounds(phrase) == (None, 39, 39)


@pytest.mark.parametrize(
    "phrase",
    ["about 40", "around 40", "some 40", "approximately 40", "an estimated 40", "40 or so"],
)
def test_approximate_n_sets_only_best(phrase: str) -> None:
    assert bounds(phrase) == (None, 40, None)


RANGES = [
    ("between 10 and 15", 10, 12, 15),
    ("10-15", 10, 12, 15),
    ("10 - 15", 10, 12, 15),
    ("1,000\u20131,400", 1000, 1200, 1400),
    ("1,000-1,400", 1000, 1200, 1400),
    ("from 10 to 20", 10, 15, 20),
    ("two or three", 2, 2, 3),
    ("TWO TO THREE", 2, 2, 3),
    ("about 20-30", 20, 25, 30),
]


@pytest.mark.parametrize(("phrase", "low", "best", "high"), RANGES)
def test_range_sets_low_high_and_best_to_their_mean_rounded_down(
    phrase: str, low: int, best: int, high: int
) -> None:
    q = parse_quantity(phrase)
    assert q is not None and (q.low, q.best, q.high, q.text) == (low, best, high, phrase)


def test_descending_pair_is_not_a_range() -> None:
    assert [q.text for q in find_quantities("the score was 15-10")] == ["15", "10"]


VAGUE = [
    ("dozens", 24),
    ("DOZENS", 24),
    ("scores of", 40),
    ("hundreds", 200),
    ("thousands", 2000),
    ("several", 3),
    ("a few", 2),
    ("a couple of", 2),
    ("a handful of", 3),
    ("several hundred", 300),
    ("a few dozen", 24),
    ("tens of thousands", 20_000),
    ("hundreds of thousands", 200_000),
]


@pytest.mark.parametrize(("phrase", "value"), VAGUE)
def test_vague_amount_sets_low_and_best_and_leaves_high_open(phrase: str, value: int) -> None:
    assert bounds(phrase) == (value, value, None)


def test_of_after_a_vague_amount_is_not_in_its_span() -> None:
    (q,) = find_quantities("a couple of soldiers")
    assert q.text == "a couple"


NOT_QUANTITIES = [
    "in 1990",
    "since 2001",
    "on 3 February 1990",
    "two days ago",
    "in the past 24 hours",
    "AK-47",
    "F16",
    "Route 66",
    "Resolution 1325",
    "the 3rd battalion",
    "at 10:30",
    "at 9 pm",
    "30% of the vote",
    "$5 million",
    "a 25-year-old man",
    "no one was hurt",
    "they blamed one another",
    "2.5",
    "the 1990s",
    "scores on the test",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_dates_ids_times_and_modifiers_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_count_next_to_a_date_is_found_and_the_date_is_not() -> None:
    text = "On 3 February 1990, 30 people were killed and more than 100 wounded."
    assert [(q.text, q.best) for q in find_quantities(text)] == [("30", 30), ("more than 100", 101)]


def test_four_digit_count_of_people_is_a_quantity() -> None:
    assert bounds("2000 people") == (2000, 2000, 2000)


def test_spelled_run_text2num_rejects_splits_into_numbers() -> None:
    assert [q.best for q in find_quantities("one two")] == [1, 2]


def test_offsets_point_into_the_sentence() -> None:
    text = "Gunmen killed at least twelve villagers and wounded dozens, police said."
    found = find_quantities(text)
    assert [q.text for q in found] == ["at least twelve", "dozens"]
    for q in found:
        assert text[q.start : q.end] == q.text


def test_parse_quantity_returns_none_without_a_number() -> None:
    assert parse_quantity("no casualties were reported") is None


def test_parse_quantity_offsets_are_relative_to_the_phrase() -> None:
    assert parse_quantity("killed 7") == Quantity(7, 7, 7, "7", 7, 8)


_PIECES = st.sampled_from(
    [
        "more", "than", "at", "least", "up", "to", "nearly", "about", "between", "and", "or",
        "a", "dozen", "dozens", "of", "hundreds", "thousands", "several", "few", "couple",
        "one", "twenty-one", "three", "hundred", "1,000", "-", "\u2013", "1,400", "30", "47",
        "AK", "in", "1990", "May", "days", "ago", "no", "%", "1.5", "million", "\u0130", " ",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), st.lists(_PIECES, max_size=12).map(" ".join)))
def test_offsets_and_bounds_are_consistent_for_any_text(text: str) -> None:
    previous_end = 0
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.start >= previous_end
        previous_end = q.end
        present = [v for v in (q.low, q.best, q.high) if v is not None]
        assert present == sorted(present)


@settings(max_examples=200, deadline=None)
@given(phrase=st.text(max_size=40))
def test_parse_quantity_never_raises(phrase: str) -> None:
    q = parse_quantity(phrase)
    assert q is None or phrase[q.start : q.end] == q.text
