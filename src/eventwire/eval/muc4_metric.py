"""The MUC-4 template metric ("TF1"), implemented here and documented in docs/muc4.md.

It follows the scorer GTT introduced and IterX reused, so our numbers sit next to the
published ones: per document, predicted and gold templates are aligned one-to-one; an aligned
pair must agree on incident type; the type itself is one slot, and each role filler is scored
by string match against the mentions of the gold entities after normalisation. Unaligned
predicted templates are all false positives, unaligned gold templates all false negatives.

Where we are stricter than the GTT script: inside an aligned pair each gold entity is matched
by at most one predicted filler (a maximum bipartite matching), so naming one entity twice
("fmln" and "farabundo marti national liberation front") earns one true positive, not two.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from eventwire.eval.muc4_data import ROLES, GoldTemplate

SLOTS: tuple[str, ...] = ("incident_type", *ROLES)

_PUNCT = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize(text: str) -> str:
    """Lower-case, drop ASCII punctuation, drop the articles a/an/the, squeeze whitespace.

    The same normalisation as the GTT scorer (SQuAD-style), in the same order: punctuation
    goes first, so ``"the" farm`` and ``the farm`` both become ``farm``. Articles are removed
    wherever they stand as words, not only at the start.
    """
    return " ".join(_ARTICLES.sub(" ", text.lower().translate(_PUNCT)).split())


def type_alternatives(incident_type: str) -> frozenset[str]:
    """The incident types a gold template accepts (``bombing / attack`` accepts both)."""
    return frozenset(t.strip() for t in incident_type.lower().split("/") if t.strip())


@dataclass(frozen=True)
class PredTemplate:
    """A predicted template: an incident type and the filler strings of each role."""

    incident_type: str
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def fillers(self, role: str) -> tuple[str, ...]:
        return self.roles.get(role, ())


@dataclass
class Counts:
    """True positives and the sizes of the predicted and gold sets, for one slot."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
            "p": self.precision,
            "r": self.recall,
            "f1": self.f1,
        }


def empty_counts() -> dict[str, Counts]:
    return {slot: Counts() for slot in SLOTS}


def micro(counts: Mapping[str, Counts]) -> Counts:
    """Micro average: the sums over incident type and the five roles."""
    total = Counts()
    for slot in SLOTS:
        total.add(counts[slot])
    return total


@dataclass(frozen=True)
class _NormGold:
    types: frozenset[str]
    roles: Mapping[str, tuple[frozenset[str], ...]]


@dataclass(frozen=True)
class _NormPred:
    incident_type: str
    roles: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class RoleMatch:
    """In an aligned pair: which predicted filler matched which gold entity (indices)."""

    role: str
    pred_index: int
    gold_index: int


@dataclass(frozen=True)
class PairScore:
    """Score of one aligned (predicted, gold) template pair."""

    pred_index: int
    gold_index: int
    tp: Mapping[str, int]
    matches: tuple[RoleMatch, ...]

    @property
    def total(self) -> int:
        return sum(self.tp.values())


@dataclass
class DocScore:
    """A document's counts per slot, its alignment and the matches behind it."""

    counts: dict[str, Counts]
    pairs: list[PairScore]
    gold_kept: list[int]
    """Indices of the gold templates scored (duplicates of an earlier template are dropped)."""

    @property
    def micro(self) -> Counts:
        return micro(self.counts)


def _norm_gold(gold: GoldTemplate) -> _NormGold:
    roles = {
        role: tuple(frozenset(normalize(m) for m in entity) for entity in gold.entities(role))
        for role in ROLES
    }
    return _NormGold(types=type_alternatives(gold.incident_type), roles=roles)


def _norm_pred(pred: PredTemplate) -> _NormPred:
    # a filler that normalises to nothing ("the", "--") names nothing and is not scored
    roles = {
        role: tuple(n for n in (normalize(f) for f in pred.fillers(role)) if n) for role in ROLES
    }
    return _NormPred(incident_type=pred.incident_type.strip().lower(), roles=roles)


def _match_role(
    fillers: Sequence[str], entities: Sequence[frozenset[str]]
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of filler strings to gold entities that contain them."""
    if not fillers or not entities:
        return []
    hit = np.array([[1.0 if f in e else 0.0 for e in entities] for f in fillers])
    if not hit.any():
        return []
    rows, cols = linear_sum_assignment(hit, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if hit[r, c] > 0]


def score_pair(
    pred: _NormPred, gold: _NormGold, pred_index: int, gold_index: int
) -> PairScore | None:
    """Score a candidate pair; None when the incident types disagree (the pair cannot align)."""
    if pred.incident_type not in gold.types:
        return None
    tp = {"incident_type": 1}
    matches: list[RoleMatch] = []
    for role in ROLES:
        found = _match_role(pred.roles[role], gold.roles[role])
        tp[role] = len(found)
        matches.extend(RoleMatch(role, p, g) for p, g in found)
    return PairScore(pred_index, gold_index, tp, tuple(matches))


def _dedupe_gold(golds: Sequence[GoldTemplate]) -> list[int]:
    """Indices of gold templates that are not identical repeats of an earlier one.

    The GTT scorer drops such repeats (same type, same mention strings); the processed dev
    split has ten of them, and keeping them would count one incident twice.
    """
    seen: set[tuple[object, ...]] = set()
    kept: list[int] = []
    for i, g in enumerate(golds):
        key = (g.incident_type, tuple(g.entities(r) for r in ROLES))
        if key not in seen:
            seen.add(key)
            kept.append(i)
    return kept


def score_document(preds: Sequence[PredTemplate], golds: Sequence[GoldTemplate]) -> DocScore:
    """Align predicted and gold templates one-to-one to maximise true positives, then count.

    The alignment is an assignment problem (Hungarian algorithm) on the matrix of pair true
    positives; a pair with disagreeing types has no value and is never aligned. Because the
    denominators do not depend on the alignment and every true positive counts once on both
    sides, maximising true positives maximises the document's micro F1 as GTT's exhaustive
    search does, in polynomial time.
    """
    kept = _dedupe_gold(golds)
    norm_g = [_norm_gold(golds[i]) for i in kept]
    norm_p = [_norm_pred(p) for p in preds]
    counts = empty_counts()
    for p in norm_p:
        counts["incident_type"].n_pred += 1
        for role in ROLES:
            counts[role].n_pred += len(p.roles[role])
    for g in norm_g:
        counts["incident_type"].n_gold += 1
        for role in ROLES:
            counts[role].n_gold += len(g.roles[role])

    pairs: list[PairScore] = []
    if norm_p and norm_g:
        table: dict[tuple[int, int], PairScore] = {}
        weight = np.zeros((len(norm_p), len(norm_g)))
        for i, p in enumerate(norm_p):
            for j, g in enumerate(norm_g):
                scored = score_pair(p, g, i, kept[j])
                if scored is not None:
                    table[i, j] = scored
                    weight[i, j] = scored.total
        rows, cols = linear_sum_assignment(weight, maximize=True)
        for i, j in zip(rows, cols, strict=True):
            if (int(i), int(j)) in table:
                pairs.append(table[int(i), int(j)])
    for pair in pairs:
        for slot, n in pair.tp.items():
            counts[slot].tp += n
    return DocScore(counts=counts, pairs=sorted(pairs, key=lambda s: s.pred_index), gold_kept=kept)


def score_corpus(
    docs: Iterable[tuple[Sequence[PredTemplate], Sequence[GoldTemplate]]],
) -> dict[str, Counts]:
    """Sum per-document counts over a corpus (alignment is per document)."""
    total = empty_counts()
    for preds, golds in docs:
        for slot, c in score_document(preds, golds).counts.items():
            total[slot].add(c)
    return total


def gold_as_prediction(gold: GoldTemplate, mention: int = 0) -> PredTemplate:
    """A prediction that copies a gold template (one mention per entity): the metric's ceiling."""
    first_type = gold.incident_type.split("/")[0].strip()
    roles = {
        role: tuple(entity[min(mention, len(entity) - 1)] for entity in gold.entities(role))
        for role in ROLES
    }
    return PredTemplate(incident_type=first_type, roles=roles)
