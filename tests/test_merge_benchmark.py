"""The merge benchmark: invented reports of 40+ incidents plus look-alikes; F1 must stay >= 0.95."""

from __future__ import annotations

import json
from collections import Counter

from click.testing import CliRunner

from eventwire.cli.ingest_commands import eval_merge
from eventwire.eval.merge import DEFAULT_BENCHMARK, evaluate, load_benchmark, pair_scores

# Floors recorded in docs/merge.md; lowering one is a deliberate, visible act.
MEAN_F1_FLOOR = 0.95
WORST_F1_FLOOR = 0.93


def test_benchmark_has_forty_multi_report_incidents_and_distractors():
    labels = Counter(label for _, label in load_benchmark(DEFAULT_BENCHMARK))
    assert sum(1 for n in labels.values() if n >= 2) >= 40
    assert sum(1 for label in labels if label.startswith("x-")) >= 10


def test_reports_of_one_incident_are_worded_differently():
    lines = [json.loads(line) for line in DEFAULT_BENCHMARK.read_text(encoding="utf-8").splitlines()]
    sentences = [r["sentence"] for r in lines]
    assert len(set(sentences)) == len(sentences)


def test_merge_f1_meets_floor():
    result = evaluate(load_benchmark(DEFAULT_BENCHMARK), orders=10)
    assert result.mean.f1 >= MEAN_F1_FLOOR, result.errors
    assert result.worst.f1 >= WORST_F1_FLOOR, result.errors


def test_pair_scores_counts_pairs():
    scores = pair_scores([["a", "b", "c"], ["d"]], [["a", "b"], ["c", "d"]])
    assert (scores.predicted_pairs, scores.true_pairs, scores.correct_pairs) == (3, 2, 1)
    assert scores.precision == 1 / 3 and scores.recall == 0.5


def test_eval_merge_command_prints_scores_and_enforces_floor():
    result = CliRunner().invoke(eval_merge, ["--orders", "2"])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "F1" in result.output
    failing = CliRunner().invoke(eval_merge, ["--orders", "1", "--min-f1", "1.0"])
    assert failing.exit_code == 1
