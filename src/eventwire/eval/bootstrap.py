"""Resampling whole documents: how much of a score, or of a difference between two runs, is
the luck of which documents a benchmark happens to hold.

Facts extracted from one story are not independent (one misread paragraph costs a template and
all its fillers), so the unit resampled is the document, as in Koehn (2004) and Berg-Kirkpatrick
et al. (2012) for paired significance between two systems on one test set.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item")

DEFAULT_RESAMPLES = 1000


def resampled(
    items: Sequence[Item],
    statistic: Callable[[list[Item]], float],
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
) -> list[float]:
    """``statistic`` over ``resamples`` samples of ``items`` drawn with replacement, sorted."""
    rng = random.Random(seed)
    n = len(items)
    if n == 0:
        return []
    values = [statistic([items[rng.randrange(n)] for _ in range(n)]) for _ in range(resamples)]
    values.sort()
    return values


def interval(values: Sequence[float], level: float = 0.95) -> tuple[float, float]:
    """The central ``level`` share of sorted ``values`` (percentile interval)."""
    if not values:
        return 0.0, 0.0
    tail = (1.0 - level) / 2
    low = values[min(len(values) - 1, int(tail * len(values)))]
    high = values[max(0, int((1.0 - tail) * len(values)) - 1)]
    return low, high


@dataclass(frozen=True)
class PairedDifference:
    """Run B minus run A on the same documents, with its spread under resampling."""

    delta: float
    low: float
    high: float
    share_better: float
    """Share of resamples in which B scores strictly higher than A."""
    share_worse: float
    """Share of resamples in which B scores strictly lower than A."""


def paired_difference(
    pairs: Sequence[tuple[Item, Item]],
    statistic: Callable[[list[Item]], float],
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    level: float = 0.95,
) -> PairedDifference:
    """``statistic(B) - statistic(A)`` where each pair is one document's (A, B) counts; both
    runs are resampled with the same documents, so what the two share cancels out."""
    def delta(sample: list[tuple[Item, Item]]) -> float:
        return statistic([b for _, b in sample]) - statistic([a for a, _ in sample])

    observed = delta(list(pairs))
    values = resampled(pairs, delta, resamples, seed)
    low, high = interval(values, level)
    n = len(values) or 1
    return PairedDifference(
        delta=observed,
        low=low,
        high=high,
        share_better=sum(v > 0 for v in values) / n,
        share_worse=sum(v < 0 for v in values) / n,
    )
