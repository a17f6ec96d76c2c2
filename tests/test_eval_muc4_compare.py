"""Comparing two MUC-4 runs document by document (eventwire.eval.muc4_compare, muc4-compare)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main as cli
from eventwire.errors import EventwireError
from eventwire.eval.muc4_compare import compare_runs, f1_of, load_run, micro_f1_interval
from eventwire.eval.muc4_metric import SLOTS


def record(docid: str, tp: dict[str, int], n_pred: int = 2, n_gold: int = 2) -> dict:
    """A predictions-file line as `eval muc4` writes it (only what the comparison reads)."""
    return {
        "docid": docid,
        "scores": {
            slot: {"tp": tp.get(slot, 0), "n_pred": n_pred, "n_gold": n_gold, "f1": 0.0}
            for slot in SLOTS
        },
        "predicted": [],
    }


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_run_counts_and_micro_f1(tmp_path: Path) -> None:
    run = load_run(write(tmp_path / "a.jsonl", [
        record("D1", {"incident_type": 2, "Target": 1}),
        record("D2", {"incident_type": 1}),
    ]))
    assert run["D1"]["Target"] == (1, 2, 2)
    assert run["D1"]["micro"] == (3, 12, 12)
    assert f1_of(run.values()) == pytest.approx(4 / 24)
    assert f1_of(run.values(), "incident_type") == pytest.approx(3 / 4)
    low, high = micro_f1_interval(list(run.values()))
    assert low <= 4 / 24 <= high


def test_paired_comparison_of_two_runs(tmp_path: Path) -> None:
    base = [record(f"D{i}", {"incident_type": 1, "PerpInd": 1}) for i in range(30)]
    better = [record(f"D{i}", {"incident_type": 1, "PerpInd": 2}) for i in range(30)]
    a = load_run(write(tmp_path / "a.jsonl", base))
    b = load_run(write(tmp_path / "b.jsonl", better[:29] + [record("D99", {})]))
    c = compare_runs(a, b, resamples=200)
    assert (c.docs, c.only_a, c.only_b) == (29, 1, 1)
    perp = c.slot("PerpInd")
    assert (perp.f1_a, perp.f1_b) == (0.5, 1.0)
    assert perp.difference.low > 0 and perp.difference.share_better == 1.0
    kinds = c.slot("incident_type").difference
    assert (kinds.delta, kinds.share_better, kinds.share_worse) == (0.0, 0.0, 0.0)
    assert c.slot("micro").difference.delta == pytest.approx(29 / (29 * 12) * 1)
    assert len(c.changed_docs) == 29 and c.changed_docs[0] == ("D0", 2 / 12, 3 / 12)


def test_runs_that_share_no_document_are_refused(tmp_path: Path) -> None:
    a = load_run(write(tmp_path / "a.jsonl", [record("D1", {})]))
    b = load_run(write(tmp_path / "b.jsonl", [record("D2", {})]))
    with pytest.raises(EventwireError, match="share no document"):
        compare_runs(a, b)


@pytest.mark.parametrize(("content", "message"), [
    ("", "no documents"),
    ('{"docid": "D1"}\n', r"x.jsonl:1: not a line of an `eventwire eval muc4` predictions file"),
    ("{oops\n", "x.jsonl:1: not a line"),
    (json.dumps(record("D1", {})) + "\n" + json.dumps(record("D1", {})) + "\n", "x.jsonl:2: document D1 appears twice"),
])
def test_files_that_are_not_predictions_are_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EventwireError, match=message):
        load_run(path)


def test_cli_prints_the_verdict_and_writes_json(tmp_path: Path) -> None:
    a = write(tmp_path / "a.jsonl", [record(f"D{i}", {"Victim": 0}) for i in range(40)])
    b = write(tmp_path / "b.jsonl", [record(f"D{i}", {"Victim": 2}) for i in range(40)])
    out = tmp_path / "cmp.json"
    result = CliRunner().invoke(cli, ["eval", "muc4-compare", str(a), str(b), "--show", "2", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "is above 0: B is better" in result.output
    assert "40 documents score differently" in result.output
    assert result.output.count("0.0 -> 16.7") == 2  # --show 2
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["docs"] == 40 and data["slots"]["Victim"]["f1_b"] == 1.0
    same = CliRunner().invoke(cli, ["eval", "muc4-compare", str(a), str(a)])
    assert same.exit_code == 0 and "holds 0: not told apart" in same.output


def test_cli_bad_file_is_one_line(tmp_path: Path) -> None:
    a = write(tmp_path / "a.jsonl", [record("D1", {})])
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "muc4-compare", str(a), str(bad)])
    assert result.exit_code == 1 and "bad.jsonl:1: not a line" in result.output
    assert "Traceback" not in result.output
