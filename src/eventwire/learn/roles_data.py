"""Training examples for the role tagger from MUC-4 processed data (train split only).

Each gold mention (``[string, offset]``) of every template role becomes a character span with
the role's label. The annotators mark one occurrence per mention; every other occurrence of the
same string at word boundaries gets the same label, since an unlabelled repeat would teach the
model that the words are not a filler there. Longer mentions are placed first and a span never
overlaps another.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventwire.learn.windows import LABELS, ROLES, Encoded


@dataclass(frozen=True)
class Example:
    docid: str
    text: str
    spans: list[tuple[int, int, str]]  # start, end, role
    gold: dict[str, list[list[str]]]  # role -> entities (lists of mention strings), all templates


def read_examples(path: Path) -> Iterator[Example]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["doctext"]
            mentions: list[tuple[str, str]] = []
            gold: dict[str, list[list[str]]] = {r: [] for r in ROLES}
            for t in doc["templates"]:
                for role in ROLES:
                    for entity in t.get(role, []):
                        gold[role].append([m for m, _ in entity])
                        for m, _ in entity:
                            mentions.append((m, role))
            taken = np.zeros(len(text) + 1, dtype=bool)
            spans: list[tuple[int, int, str]] = []
            for m, role in sorted(set(mentions), key=lambda x: -len(x[0])):
                if not m.strip():
                    continue
                for hit in re.finditer(r"(?<!\w)" + re.escape(m) + r"(?!\w)", text):
                    s, e = hit.start(), hit.end()
                    if taken[s:e].any():
                        continue
                    taken[s:e] = True
                    spans.append((s, e, role))
            yield Example(doc["docid"], text, sorted(spans), gold)


def encode(tokenizer, text: str) -> Encoded:  # noqa: ANN001 - tokenizers.Tokenizer
    out = tokenizer.encode(text, add_special_tokens=False)  # the caller disables truncation
    return Encoded(list(out.ids), [tuple(o) for o in out.offsets])


def token_labels(enc: Encoded, spans: list[tuple[int, int, str]]) -> list[int]:
    """BIO label index per word piece."""
    labels = [0] * len(enc.ids)
    index = {lab: i for i, lab in enumerate(LABELS)}
    k = 0
    prev_span = -1
    for i, (s, e) in enumerate(enc.offsets):
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        if k < len(spans) and spans[k][0] <= s < spans[k][1] and e > s:
            role = spans[k][2]
            labels[i] = index[("I-" if prev_span == k else "B-") + role]
            prev_span = k
        else:
            prev_span = -1
    return labels


def parse_role_weights(items: list[str]) -> dict[str, float]:
    """``["PerpInd=2"]`` -> ``{"PerpInd": 2.0}``; ValueError for an unknown role or a bad weight."""
    out: dict[str, float] = {}
    for item in items:
        role, _, weight = item.partition("=")
        try:
            value = float(weight)
        except ValueError:
            value = -1.0
        if role not in ROLES or value <= 0:
            raise ValueError(f"--role-weight wants ROLE=W with ROLE one of {', '.join(ROLES)} and W > 0, got {item!r}")
        out[role] = value
    return out


def label_weights(o_weight: float, role_weights: dict[str, float]) -> list[float]:
    """Loss weight per BIO label: ``o_weight`` for O, a role's weight for its B- and I- labels."""
    return [o_weight if label == "O" else role_weights.get(label[2:], 1.0) for label in LABELS]
