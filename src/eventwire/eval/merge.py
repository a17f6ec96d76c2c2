"""Score event merging: pairwise precision, recall and F1 of the clustering against gold.

A pair of reports is positive when gold puts them in one incident. Precision is the share of
pairs the merger put together that gold also puts together; recall the share of gold pairs the
merger found. Clustering is incremental, so its result depends on arrival order: the harness
scores several seeded shuffles and reports the mean and the worst, not one lucky order.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from eventwire.errors import EventwireError
from eventwire.merge import MergeOptions, ReportRecord, cluster_reports

DEFAULT_BENCHMARK = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "merge" / "benchmark.jsonl"


@dataclass(frozen=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int


@dataclass(frozen=True)
class MergeEval:
    """Scores over several orders: ``runs`` in seed order, ``mean`` and ``worst`` by F1."""

    n_reports: int
    n_gold: int
    runs: tuple[PairScores, ...]
    mean: PairScores
    worst: PairScores
    errors: tuple[str, ...]  # a few wrong merges/splits from the worst run, for reading


def load_benchmark(path: str | Path) -> list[tuple[ReportRecord, str]]:
    """JSONL of report records, each with a gold ``cluster`` label."""
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(f"cannot read merge benchmark {path}: {exc.strerror or exc}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            out.append((ReportRecord.from_dict(data), str(data["cluster"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise EventwireError(f"{path}:{number}: not a benchmark record ({exc})") from None
    return out


def _pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for members in groups:
        out.update(tuple(sorted(p)) for p in combinations(members, 2))  # type: ignore[misc]
    return out


def pair_scores(predicted: Iterable[Sequence[str]], gold: Iterable[Sequence[str]]) -> PairScores:
    """Pairwise P/R/F1 of a clustering (ids grouped) against gold; empty sets score 1.0."""
    pred, true = _pairs(predicted), _pairs(gold)
    correct = len(pred & true)
    p = correct / len(pred) if pred else 1.0
    r = correct / len(true) if true else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PairScores(p, r, f, len(true), len(pred), correct)


def _mean(runs: Sequence[PairScores]) -> PairScores:
    n = len(runs)
    return PairScores(
        sum(r.precision for r in runs) / n,
        sum(r.recall for r in runs) / n,
        sum(r.f1 for r in runs) / n,
        runs[0].true_pairs,
        round(sum(r.predicted_pairs for r in runs) / n),
        round(sum(r.correct_pairs for r in runs) / n),
    )


def evaluate(
    labelled: Sequence[tuple[ReportRecord, str]], opts: MergeOptions | None = None, orders: int = 10
) -> MergeEval:
    """Cluster the records in ``orders`` seeded shuffles (the first in file order) and score."""
    if not labelled:
        raise EventwireError("the merge benchmark is empty")
    gold_groups: dict[str, list[str]] = {}
    for rec, label in labelled:
        gold_groups.setdefault(label, []).append(rec.id)
    gold_of = {rec.id: label for rec, label in labelled}
    runs: list[PairScores] = []
    worst_clusters: list[list[ReportRecord]] = []
    for seed in range(max(1, orders)):
        records = [rec for rec, _ in labelled]
        if seed:
            random.Random(seed).shuffle(records)
        clusters = cluster_reports(records, opts)
        scores = pair_scores([[m.id for m in c] for c in clusters], gold_groups.values())
        if not runs or scores.f1 < min(r.f1 for r in runs):
            worst_clusters = clusters
        runs.append(scores)
    worst = min(runs, key=lambda r: r.f1)
    return MergeEval(
        n_reports=len(labelled),
        n_gold=len(gold_groups),
        runs=tuple(runs),
        mean=_mean(runs),
        worst=worst,
        errors=tuple(_errors(worst_clusters, gold_of, gold_groups)),
    )


def _errors(clusters: list[list[ReportRecord]], gold_of: dict[str, str], gold: dict[str, list[str]]) -> list[str]:
    out = []
    where: dict[str, int] = {}
    for i, members in enumerate(clusters):
        labels = sorted({gold_of[m.id] for m in members})
        if len(labels) > 1:
            out.append(f"merged: {', '.join(labels)}")
        for m in members:
            where[m.id] = i
    for label, ids in sorted(gold.items()):
        parts = {where[i] for i in ids}
        if len(parts) > 1:
            out.append(f"split: {label} into {len(parts)} events")
    return out[:20]
