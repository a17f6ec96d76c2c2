"""Resampling documents: intervals and paired differences (eventwire.eval.bootstrap)."""

from __future__ import annotations

from eventwire.eval.bootstrap import interval, paired_difference, resampled


def share(items: list[tuple[int, int]]) -> float:
    hits, total = sum(h for h, _ in items), sum(t for _, t in items)
    return hits / total if total else 0.0


def test_resampling_is_seeded_and_sorted() -> None:
    docs = [(1, 2), (0, 3), (4, 4), (2, 5)]
    values = resampled(docs, share, resamples=200, seed=3)
    assert values == sorted(values) and len(values) == 200
    assert resampled(docs, share, resamples=200, seed=3) == values
    assert resampled(docs, share, resamples=200, seed=4) != values
    assert resampled([], share) == []


def test_interval_is_the_central_share_of_the_values() -> None:
    values = [float(i) for i in range(1000)]
    assert interval(values) == (25.0, 974.0)
    assert interval(values, level=0.5) == (250.0, 749.0)
    assert interval([7.0] * 10) == (7.0, 7.0)
    assert interval([]) == (0.0, 0.0)


def test_identical_runs_differ_by_nothing() -> None:
    docs = [(1, 2), (0, 3), (4, 4), (2, 5)]
    d = paired_difference([(x, x) for x in docs], share, resamples=300)
    assert (d.delta, d.low, d.high, d.share_better, d.share_worse) == (0.0, 0.0, 0.0, 0.0, 0.0)


def test_a_run_better_on_every_document_is_told_apart() -> None:
    a = [(1, 4), (2, 5), (0, 3), (3, 6), (1, 2)] * 8
    b = [(h + 1, t) for h, t in a]
    d = paired_difference(list(zip(a, b, strict=True)), share, resamples=300)
    assert d.delta > 0 and 0 < d.low <= d.delta <= d.high
    assert (d.share_better, d.share_worse) == (1.0, 0.0)


def test_a_change_on_one_document_of_many_is_not() -> None:
    a = [(2, 4)] * 39 + [(1, 4)]
    b = [(2, 4)] * 39 + [(3, 4)]
    d = paired_difference(list(zip(a, b, strict=True)), share, resamples=500)
    assert d.delta > 0
    assert d.low == 0.0  # most resamples leave the one changed document out or hold it once
    assert 0.3 < d.share_better < 1.0 and d.share_worse == 0.0
