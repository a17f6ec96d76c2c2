"""Temporal expressions: detection offsets, resolution conventions, robustness.

Published date for most cases is Thursday 2019-06-20. Example sentences are invented.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.dates import find_temporal_expressions, resolve_date_expression

THURSDAY = date(2019, 6, 20)
D = date.fromisoformat


def only(text: str, published: date | None = THURSDAY) -> tuple[str, date, date, str]:
    """The single expression found in ``text`` as (text, start, end, precision)."""
    found = find_temporal_expressions(text, published)
    assert len(found) == 1, found
    e = found[0]
    return e.text, e.range.start, e.range.end, e.range.precision


DAY_CASES = [
    ("two days ago", "2019-06-18"),
    ("TWO DAYS AGO", "2019-06-18"),
    ("a couple of days ago", "2019-06-18"),
    ("yesterday", "2019-06-19"),
    ("YESTERDAY", "2019-06-19"),
    ("late yesterday", "2019-06-19"),
    ("yesterday afternoon", "2019-06-19"),
    ("the day before yesterday", "2019-06-18"),
    ("today", "2019-06-20"),
    ("tonight", "2019-06-20"),
    ("this morning", "2019-06-20"),
    ("early this morning", "2019-06-20"),
    ("earlier today", "2019-06-20"),
    ("last night", "2019-06-19"),
    ("late last night", "2019-06-19"),
    ("tomorrow", "2019-06-21"),
]


@pytest.mark.parametrize(("text", "expected"), DAY_CASES)
def test_relative_day_words_resolve_to_one_day_from_publication(text: str, expected: str) -> None:
    assert only(text) == (text, D(expected), D(expected), "day")


WEEKDAY_CASES = [
    ("on Tuesday", "2019-06-18"),
    ("early on Tuesday", "2019-06-18"),
    ("ON TUESDAY", "2019-06-18"),
    ("on tuesday night", "2019-06-18"),
    ("Wednesday", "2019-06-19"),
    ("on Friday", "2019-06-14"),
    ("last Tuesday", "2019-06-18"),
    ("Tuesday last week", "2019-06-11"),
    ("next Tuesday", "2019-06-25"),
]


@pytest.mark.parametrize(("text", "expected"), WEEKDAY_CASES)
def test_weekday_is_latest_such_day_on_or_before_publication(text: str, expected: str) -> None:
    assert only(text) == (text, D(expected), D(expected), "day")


def test_weekday_named_on_its_own_publication_day_is_that_day() -> None:
    assert only("on Thursday")[1] == THURSDAY


def test_last_weekday_on_its_own_publication_day_is_a_week_earlier() -> None:
    assert only("last Thursday")[1] == D("2019-06-13")


def test_time_of_day_before_weekday_is_left_out_and_weekday_found() -> None:
    text = "The blast came at 10:30 on Monday near the market."
    (e,) = find_temporal_expressions(text, THURSDAY)
    assert (e.text, e.start, e.range.start) == (
        "on Monday",
        text.index("on Monday"),
        D("2019-06-17"),
    )


PERIOD_CASES = [
    ("last week", "2019-06-10", "2019-06-16", "week"),
    ("LAST WEEK", "2019-06-10", "2019-06-16", "week"),
    ("earlier this week", "2019-06-17", "2019-06-20", "week"),
    ("over the weekend", "2019-06-15", "2019-06-16", "week"),
    ("at the weekend", "2019-06-15", "2019-06-16", "week"),
    ("three weeks ago", "2019-05-27", "2019-06-02", "week"),
    ("over the past week", "2019-06-14", "2019-06-20", "week"),
    ("in the past 24 hours", "2019-06-20", "2019-06-20", "day"),
    ("last month", "2019-05-01", "2019-05-31", "month"),
    ("earlier this month", "2019-06-01", "2019-06-20", "month"),
    ("two months ago", "2019-04-01", "2019-04-30", "month"),
    ("last year", "2018-01-01", "2018-12-31", "year"),
    ("earlier this year", "2019-01-01", "2019-06-20", "year"),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), PERIOD_CASES)
def test_relative_periods_resolve_to_calendar_ranges(
    text: str, start: str, end: str, precision: str
) -> None:
    assert only(text) == (text, D(start), D(end), precision)


def test_over_the_weekend_on_a_sunday_is_the_current_weekend() -> None:
    assert only("over the weekend", date(2019, 6, 23))[1:3] == (D("2019-06-22"), D("2019-06-23"))


MONTH_CASES = [
    ("in May", "2019-05-01", "2019-05-31"),
    ("in may", "2019-05-01", "2019-05-31"),
    ("IN MAY", "2019-05-01", "2019-05-31"),
    ("in June", "2019-06-01", "2019-06-30"),
    ("in July", "2018-07-01", "2018-07-31"),
    ("last June", "2018-06-01", "2018-06-30"),
    ("in May last year", "2018-05-01", "2018-05-31"),
    ("in mid-May", "2019-05-11", "2019-05-20"),
    ("in late March", "2019-03-21", "2019-03-31"),
    ("May 2018", "2018-05-01", "2018-05-31"),
    ("in Sept 2017", "2017-09-01", "2017-09-30"),
]


@pytest.mark.parametrize(("text", "start", "end"), MONTH_CASES)
def test_month_without_year_prefers_latest_not_after_publication(
    text: str, start: str, end: str
) -> None:
    assert only(text) == (text, D(start), D(end), "month")


ABSOLUTE_DAY_CASES = [
    ("on 3 february", "2019-02-03", "2019-02-03"),
    ("ON 3 FEBRUARY", "2019-02-03", "2019-02-03"),
    ("February 3", "2019-02-03", "2019-02-03"),
    ("3rd of February", "2019-02-03", "2019-02-03"),
    ("3 Feb 1990", "1990-02-03", "1990-02-03"),
    ("7 JAN 90", "1990-01-07", "1990-01-07"),
    ("7 jan 90", "1990-01-07", "1990-01-07"),
    ("7 JAN 10", "2010-01-07", "2010-01-07"),
    ("Feb. 3, 2019", "2019-02-03", "2019-02-03"),
    ("June the 18th", "2019-06-18", "2019-06-18"),
    ("on 25 December", "2018-12-25", "2018-12-25"),
    ("on the night of 12 January", "2019-01-12", "2019-01-12"),
    ("12-13 January", "2019-01-12", "2019-01-13"),
    ("January 12-13", "2019-01-12", "2019-01-13"),
    ("Tuesday, June 18, 2019", "2019-06-18", "2019-06-18"),
    ("2019-06-18", "2019-06-18", "2019-06-18"),
    ("on 3 may", "2019-05-03", "2019-05-03"),
]


@pytest.mark.parametrize(("text", "start", "end"), ABSOLUTE_DAY_CASES)
def test_calendar_dates_resolve_to_days(text: str, start: str, end: str) -> None:
    assert only(text) == (text, D(start), D(end), "day")


YEAR_CASES = [
    ("in 2018", "2018-01-01", "2018-12-31"),
    ("IN 2018", "2018-01-01", "2018-12-31"),
    ("in early 2018", "2018-01-01", "2018-04-30"),
    ("the end of 2018", "2018-09-01", "2018-12-31"),
    ("in the summer of 2018", "2018-01-01", "2018-12-31"),
    ("since 2021", "2021-01-01", "2021-12-31"),  # the year the period began
    ("the early 1990s", "1990-01-01", "1993-12-31"),
    ("in the 1990s", "1990-01-01", "1999-12-31"),
    ("mid-1990s", "1994-01-01", "1996-12-31"),
    ("the late 1980s", "1987-01-01", "1989-12-31"),
]


@pytest.mark.parametrize(("text", "start", "end"), YEAR_CASES)
def test_years_and_decades_have_year_precision(text: str, start: str, end: str) -> None:
    assert only(text) == (text, D(start), D(end), "year")


NOT_DATES = [
    "30 people were killed",
    "between 1,000-1,400 Tajiks fled",
    "rebels armed with AK-47 rifles",
    "a checkpoint on Route 66",
    "the shooting started at 10:30",
    "30 may have died",
    "the 2018 elections",
    "a crowd of 2000 people",
    "2/3/90",
    "during the past period",
    "recently",
    "a few days ago",
    "many years",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_numbers_and_vague_phrases_are_not_dates(text: str) -> None:
    assert find_temporal_expressions(text, THURSDAY) == []


def test_number_after_month_that_counts_people_stays_out_of_the_date() -> None:
    assert only("in May 30 people died")[:2] == ("in May", D("2019-05-01"))


def test_four_digit_number_of_people_after_comma_is_not_a_year() -> None:
    assert only("On February 3, 2000 people marched")[:2] == ("On February 3", D("2019-02-03"))


@pytest.mark.parametrize(("text", "expected", "start"), [
    ("On March 3, 2016, gunmen attacked a bus.", "On March 3, 2016", "2016-03-03"),
    ("On 12 May 2016, militants stormed the hotel.", "On 12 May 2016", "2016-05-12"),
    ("In May 2016, rebels seized the town.", "In May 2016", "2016-05-01"),
    ("In 2016, soldiers killed 20 people.", "In 2016", "2016-01-01"),
])
def test_a_comma_after_the_year_ends_the_date_not_a_count(text: str, expected: str, start: str) -> None:
    # "2016, gunmen" is no count of 2016 gunmen: the year stays in the date
    assert only(text)[:2] == (expected, D(start))


def test_two_digit_year_needs_punctuation_after_it() -> None:
    assert only("ON 3 February 12 suspected rebels")[0] == "ON 3 February"


def test_several_expressions_come_back_in_text_order_with_exact_offsets() -> None:
    text = "Troops arrived on Tuesday, two days after the raid of 16 June; fighting began in May."
    found = find_temporal_expressions(text, THURSDAY)
    assert [e.text for e in found] == ["on Tuesday", "16 June", "in May"]
    for e in found:
        assert text[e.start : e.end] == e.text
        assert (e.range.text, e.range.text_start, e.range.text_end) == (e.text, e.start, e.end)


def test_longest_expression_wins_over_a_shorter_overlapping_one() -> None:
    assert only("on Tuesday, 18 June 2019")[0] == "on Tuesday, 18 June 2019"


def test_relative_expressions_need_a_publication_date() -> None:
    assert find_temporal_expressions("two days ago, on Tuesday, in May", None) == []


def test_absolute_expressions_resolve_without_a_publication_date() -> None:
    assert only("on 3 Feb 1990", None)[1] == D("1990-02-03")
    assert only("in 2018", None)[1:] == (D("2018-01-01"), D("2018-12-31"), "year")


def test_two_digit_year_without_publication_date_pivots_at_30() -> None:
    assert only("7 JAN 90", None)[1] == D("1990-01-07")
    assert only("7 JAN 12", None)[1] == D("2012-01-07")


def test_impossible_calendar_date_is_dropped() -> None:
    assert find_temporal_expressions("on 31 February", THURSDAY) == []


def test_relative_arithmetic_past_the_calendar_edge_gives_nothing() -> None:
    assert find_temporal_expressions("yesterday", date.min) == []
    assert find_temporal_expressions("tomorrow", date.max) == []


def test_resolve_date_expression_uses_the_longest_expression() -> None:
    r = resolve_date_expression("early on Tuesday morning", THURSDAY)
    assert r is not None and (r.start, r.precision) == (D("2019-06-18"), "day")


def test_resolve_date_expression_vague_phrase_is_none() -> None:
    assert resolve_date_expression("during the past period", THURSDAY) is None


def test_resolve_date_expression_falls_back_to_dateparser_for_month_names() -> None:
    r = resolve_date_expression("June, 18th", THURSDAY)
    assert r is not None and (r.start, r.end, r.precision) == (D("2019-06-18"),) * 2 + ("day",)


def test_dateparser_fallback_without_publication_needs_a_written_year() -> None:
    assert resolve_date_expression("June, 18th", None) is None


_PIECES = st.sampled_from(
    [
        "on", "in", "the", "last", "early", "late", "mid-", "May", "march", "JAN", "Tuesday",
        "week", "weekend", "month", "year", "ago", "days", "two", "3", "12-13", "1990",
        "90", "1990s", "of", ",", "-", "night", "yesterday", "past", "24", "hours", "2019-06-18",
        "\u2013", "\u0130", "\u017f", "people", " ",
    ]
)  # fmt: skip
_PUBLISHED = st.one_of(st.none(), st.dates())


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(), st.lists(_PIECES, max_size=12).map(" ".join)), published=_PUBLISHED
)
def test_offsets_and_ranges_are_consistent_for_any_text(text: str, published: date | None) -> None:
    previous_end = 0
    for e in find_temporal_expressions(text, published):
        assert text[e.start : e.end] == e.text
        assert e.range.start <= e.range.end
        assert e.start >= previous_end
        previous_end = e.end


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=8).map(" ".join)),
    published=_PUBLISHED,
)
def test_resolve_date_expression_never_raises(text: str, published: date | None) -> None:
    r = resolve_date_expression(text, published)
    assert r is None or r.start <= r.end


def test_datetime_publication_is_read_as_its_date() -> None:
    (e,) = find_temporal_expressions("yesterday", datetime(2019, 6, 20, 23, 59))
    assert e.range.start == D("2019-06-19")
