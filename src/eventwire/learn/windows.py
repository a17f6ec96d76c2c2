"""WordPiece windows over a document and decoding of per-token role probabilities into spans.

Shared by training and inference, so the model always sees windows built the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
LABELS: tuple[str, ...] = ("O", *(f"{p}-{r}" for r in ROLES for p in ("B", "I")))
WINDOW = 254  # word pieces per window, plus [CLS] and [SEP]
STRIDE = 192
CLS, SEP, PAD = 101, 102, 0

_WORD_CHAR = re.compile(r"[\w'’-]")


@dataclass(frozen=True)
class Encoded:
    """A document as word pieces: ids and character offsets into the text."""

    ids: list[int]
    offsets: list[tuple[int, int]]


@dataclass(frozen=True)
class RoleSpan:
    """A stretch of the text the tagger marks as a role filler, with its mean probability."""

    start: int
    end: int
    role: str
    score: float


def window_starts(n: int) -> list[int]:
    if n <= WINDOW:
        return [0]
    starts = list(range(0, n - WINDOW, STRIDE))
    starts.append(n - WINDOW)
    return sorted(set(starts))


def window_batch(enc: Encoded) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """(ids, mask, starts): one row per window, [CLS] ... [SEP] padded to the longest."""
    starts = window_starts(len(enc.ids))
    width = min(len(enc.ids), WINDOW) + 2
    ids = np.full((len(starts), width), PAD, dtype=np.int64)
    mask = np.zeros((len(starts), width), dtype=np.int64)
    for r, s in enumerate(starts):
        piece = enc.ids[s : s + WINDOW]
        row = [CLS, *piece, SEP]
        ids[r, : len(row)] = row
        mask[r, : len(row)] = 1
    return ids, mask, starts


def owner_rows(n: int, starts: list[int]) -> list[tuple[int, int]]:
    """For each token, the (window row, column) where it sits farthest from a window edge."""
    out = []
    for i in range(n):
        best, best_col, best_margin = 0, 0, -1
        for r, s in enumerate(starts):
            if s <= i < s + WINDOW:
                margin = min(i - s, s + WINDOW - 1 - i)
                if margin > best_margin:
                    best, best_col, best_margin = r, i - s + 1, margin
        out.append((best, best_col))
    return out


def _expand(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span to whole words (word pieces can stop inside one)."""
    while True:
        if start > 0 and _WORD_CHAR.match(text[start - 1]) and _WORD_CHAR.match(text[start]):
            start -= 1
        # nor inside a dotted abbreviation: "the chilean-u.s. institute" is not "s. institute"
        elif start > 1 and text[start - 1] == "." and text[start - 2].isalpha() and (start < 3 or not text[start - 3].isalnum()):
            start -= 2
        # or on its inner dot: "u[.s.]" is a word piece of "u.s." too
        elif 0 < start < len(text) - 1 and text[start] == "." and text[start - 1].isalpha() and text[start + 1].isalpha():
            start -= 1
        else:
            break
    while end < len(text) and _WORD_CHAR.match(text[end]) and _WORD_CHAR.match(text[end - 1]):
        end += 1
    return start, end


def decode(text: str, enc: Encoded, probs: np.ndarray, threshold: float = 0.5) -> list[RoleSpan]:
    """Spans from per-token label probabilities (``probs``: tokens x LABELS).

    A token belongs to the role whose B+I probability is highest when that sum reaches
    ``threshold``; a new span starts at a B that outweighs the I, or at a change of role.
    """
    n = len(enc.ids)
    if n == 0:
        return []
    role_p = probs[:, 1::2] + probs[:, 2::2]  # tokens x roles
    best = role_p.argmax(1)
    spans: list[RoleSpan] = []
    cur: list[int] | None = None  # [role, first token, last token]
    scores: list[float] = []

    def close() -> None:
        if cur is None:
            return
        s, e = _expand(text, enc.offsets[cur[1]][0], enc.offsets[cur[2]][1])
        if e > s:
            spans.append(RoleSpan(s, e, ROLES[cur[0]], float(np.mean(scores))))

    for i in range(n):
        r = int(best[i])
        p = float(role_p[i, r])
        if p < threshold:
            close()
            cur, scores = None, []
            continue
        is_b = probs[i, 1 + 2 * r] > probs[i, 2 + 2 * r]
        gap = cur is not None and enc.offsets[i][0] - enc.offsets[cur[2]][1] > 3
        piece_cont = cur is not None and enc.offsets[i][0] == enc.offsets[cur[2]][1]
        if cur is not None and cur[0] == r and (not is_b or piece_cont) and not gap:
            cur[2] = i
            scores.append(p)
            continue
        close()
        cur, scores = [r, i, i], [p]
    close()
    # merge pieces of one phrase split into two spans of the same role ("pablo escobar" "gaviria")
    merged: list[RoleSpan] = []
    for sp in spans:
        if merged and merged[-1].role == sp.role and (sp.start <= merged[-1].end or not text[merged[-1].end : sp.start].strip()):
            prev = merged[-1]
            merged[-1] = RoleSpan(prev.start, max(prev.end, sp.end), sp.role, max(prev.score, sp.score))
        else:
            merged.append(sp)
    out = []
    for sp in merged:
        start, end = trim(text, sp.start, sp.end)
        if end > start:
            out.append(RoleSpan(start, end, sp.role, sp.score))
    return out


_EDGE_WORDS = frozenset("and or of the a an which who that in on at to with by from for his her their its".split())
_CUT = re.compile(r"\s*(?:--|—|–|;|\(|\)|,\s*(?:which|who)\b)")


def _balanced(piece: str) -> bool:
    return piece.count('"') % 2 == 0 and piece.count("“") == piece.count("”")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop edge words and punctuation a filler never starts or ends with, and a possessive 's."""
    cut = _CUT.search(text, start, end)
    if cut is not None and cut.start() > start:
        end = cut.start()
    while True:
        piece = text[start:end]
        chars = " \t\n,.:;-" if _balanced(piece.strip(" \t\n,.:;-")) else " \t\n,.:;-\"'“”‘’"
        stripped = piece.strip(chars)
        lead = len(piece) - len(piece.lstrip(chars))
        start, end = start + lead, start + lead + len(stripped)
        if text[start:end].lower().endswith(("'s", "’s")):
            end -= 2
            continue
        if end - start > 2 and text[end - 1] in "'’" and text[end - 2] in "sS" and text[start] not in "'’":
            end -= 1  # "jaime roldos'"
            continue
        words = text[start:end].split()
        if len(words) > 1 and words[-1].lower() in _EDGE_WORDS:
            end = start + text[start:end].rfind(words[-1])
            continue
        if len(words) > 1 and words[0].lower() in _EDGE_WORDS:
            start = start + text[start:end].find(words[1], len(words[0]))
            continue
        return start, end
