"""Is one MUC-4 run really better than another, or did the 200 dev documents happen to suit it?

Reads the predictions files ``eventwire eval muc4`` writes (one JSON line per document with its
per-slot counts) and compares two runs on the documents they share with a paired bootstrap
over documents (``eventwire.eval.bootstrap``). A change of half a point on dev is often inside
the interval; that is what this is for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import EventwireError
from eventwire.eval.bootstrap import (
    DEFAULT_RESAMPLES,
    PairedDifference,
    interval,
    paired_difference,
    resampled,
)
from eventwire.eval.muc4_metric import SLOTS, Counts, micro

DocCounts = dict[str, tuple[int, int, int]]
"""One document's (true positives, predicted, gold) per slot and for the micro average."""

MICRO = "micro"


def doc_counts(counts: dict[str, Counts]) -> DocCounts:
    """The per-slot counts of one document, with their micro sum, as plain tuples (fast to add
    up thousands of times)."""
    out = {slot: (c.tp, c.n_pred, c.n_gold) for slot, c in counts.items() if slot in SLOTS}
    m = micro(counts)
    out[MICRO] = (m.tp, m.n_pred, m.n_gold)
    return out


def f1_of(docs: Iterable[DocCounts], slot: str = MICRO) -> float:
    """Corpus F1 of ``slot`` (or the micro average) summed over documents."""
    tp = n_pred = n_gold = 0
    for counts in docs:
        t, p, g = counts[slot]
        tp, n_pred, n_gold = tp + t, n_pred + p, n_gold + g
    return Counts(tp, n_pred, n_gold).f1


def micro_f1_interval(
    docs: Sequence[DocCounts], resamples: int = DEFAULT_RESAMPLES, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Interval of the corpus micro F1 under resampling whole documents."""
    return interval(resampled(docs, f1_of, resamples, seed), level)


def load_run(path: Path) -> dict[str, DocCounts]:
    """Per-document counts from a predictions file, by document id."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(f"cannot read {path}: {exc.strerror or exc}") from None
    run: dict[str, DocCounts] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            scores = record["scores"]
            counts = doc_counts({
                slot: Counts(int(scores[slot]["tp"]), int(scores[slot]["n_pred"]), int(scores[slot]["n_gold"]))
                for slot in SLOTS
            })
            docid = str(record["docid"])
        except (ValueError, KeyError, TypeError):
            raise EventwireError(
                f"{path}:{n}: not a line of an `eventwire eval muc4` predictions file"
            ) from None
        if docid in run:
            raise EventwireError(f"{path}:{n}: document {docid} appears twice")
        run[docid] = counts
    if not run:
        raise EventwireError(f"{path}: no documents")
    return run


@dataclass(frozen=True)
class SlotComparison:
    slot: str
    f1_a: float
    f1_b: float
    difference: PairedDifference


@dataclass(frozen=True)
class RunComparison:
    """Run B against run A on the documents both scored."""

    docs: int
    only_a: int
    only_b: int
    changed_docs: list[tuple[str, float, float]]
    """Documents whose micro F1 differs, as (id, F1 in A, F1 in B), largest change first."""
    slots: list[SlotComparison]

    def slot(self, name: str) -> SlotComparison:
        return next(s for s in self.slots if s.slot == name)


def compare_runs(
    a: dict[str, DocCounts],
    b: dict[str, DocCounts],
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    level: float = 0.95,
) -> RunComparison:
    """Paired bootstrap of B - A for the micro F1 and each slot's F1.

    Raises EventwireError when the runs share no document (different splits).
    """
    shared = [d for d in a if d in b]
    if not shared:
        raise EventwireError("the two runs share no document: were they made on the same split?")
    pairs = [(a[d], b[d]) for d in shared]
    slots = []
    for slot in (MICRO, *SLOTS):
        def stat(docs: list[DocCounts], slot: str = slot) -> float:
            return f1_of(docs, slot)

        slots.append(SlotComparison(
            slot=slot,
            f1_a=f1_of((x for x, _ in pairs), slot),
            f1_b=f1_of((y for _, y in pairs), slot),
            difference=paired_difference(pairs, stat, resamples, seed, level),
        ))
    changed = [(d, f1_of([a[d]]), f1_of([b[d]])) for d in shared if a[d][MICRO] != b[d][MICRO]]
    changed.sort(key=lambda x: (-abs(x[2] - x[1]), x[0]))
    return RunComparison(
        docs=len(shared), only_a=len(a) - len(shared), only_b=len(b) - len(shared), changed_docs=changed, slots=slots
    )
