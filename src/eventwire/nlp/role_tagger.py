"""The learned role-filler tagger as a spaCy component: ``doc._.role_spans``.

A token classifier (all-MiniLM-L6-v2 with its top layers fine-tuned on the MUC-4 train split,
see ``eventwire.learn.train_roles``) marks stretches of text that fill an event role:
PerpInd, PerpOrg, Target, Victim, Weapon, each with a probability. The event assembler uses them
as one more scored source of fillers inside an event's sentences.

The component is optional: it is added only when torch, the packaged base encoder and our
trained weights (``data/models/roles``) are all present, and never when
``EVENTWIRE_ROLE_TAGGER=0``. Without it ``doc._.role_spans`` stays None and events are
assembled from the rules alone.
"""


import json
import logging
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

if not Doc.has_extension("role_spans"):
    Doc.set_extension("role_spans", default=None)

_MODEL_SUBDIR = ("data", "models", "roles")


def default_model_dir() -> Path:
    base = resources.files("eventwire")
    for part in _MODEL_SUBDIR:
        base = base / part
    return Path(str(base))


def tagger_available(model_dir: Path | None = None) -> bool:
    """Can the tagger be loaded here (switch, weights, torch and the base encoder)?"""
    if os.environ.get("EVENTWIRE_ROLE_TAGGER", "1").lower() in ("0", "false", "no", "off"):
        return False
    model_dir = model_dir or default_model_dir()
    if not (model_dir / "roles.safetensors").is_file():
        return False
    try:
        import torch  # noqa: F401

        from eventwire.learn.minilm import base_model_dir

        base_model_dir()
    except ImportError:
        return False
    return True


class RoleTaggerModel:
    """Loaded tokenizer, encoder and head; ``tag_many`` maps texts to role spans."""

    def __init__(self, model_dir: Path) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        from eventwire.learn.minilm import Tagger, base_model_dir, unpack_state
        from eventwire.learn.windows import LABELS

        self.meta = json.loads((model_dir / "roles.json").read_text(encoding="utf-8"))
        if list(self.meta["labels"]) != list(LABELS):
            raise ValueError(f"role tagger labels in {model_dir} do not match this version")
        self.threshold = float(self.meta.get("threshold", 0.5))
        base = base_model_dir()
        self.tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        model = Tagger(len(LABELS), int(self.meta["tuned_layers"]))
        model.encoder.load_base(base)
        state = unpack_state(load_file(str(model_dir / "roles.safetensors")))
        missing = set(model.trained_state()) - set(state)
        if missing:
            raise ValueError(f"role tagger weights lack {sorted(missing)[:3]}")
        model.load_state_dict(state, strict=False)
        model.eval()
        self.model = model
        self._torch = torch

    def tag_many(self, texts: list[str], batch_windows: int = 16) -> list[list]:
        """Role spans (``eventwire.learn.windows.RoleSpan``) for each text, in order."""
        import numpy as np

        from eventwire.learn.windows import Encoded, decode, owner_rows, window_batch

        torch = self._torch
        encs: list[Encoded] = []
        rows: list[tuple[int, np.ndarray, np.ndarray]] = []  # doc, ids, mask
        starts_of: list[list[int]] = []
        for d, text in enumerate(texts):
            out = self.tokenizer.encode(text, add_special_tokens=False)
            enc = Encoded(list(out.ids), [tuple(o) for o in out.offsets])
            encs.append(enc)
            if not enc.ids:
                starts_of.append([])
                continue
            ids, mask, starts = window_batch(enc)
            starts_of.append(starts)
            for r in range(ids.shape[0]):
                rows.append((d, ids[r], mask[r]))
        probs_of: list[list[np.ndarray]] = [[] for _ in texts]
        order = sorted(range(len(rows)), key=lambda k: int(rows[k][2].sum()))
        results: dict[int, np.ndarray] = {}
        with torch.inference_mode():
            for b in range(0, len(order), batch_windows):
                chunk = order[b : b + batch_windows]
                width = max(int(rows[k][2].sum()) for k in chunk)
                ids_np = np.zeros((len(chunk), width), dtype=np.int64)
                mask_np = np.zeros((len(chunk), width), dtype=np.int64)
                for j, k in enumerate(chunk):
                    n = int(rows[k][2].sum())
                    ids_np[j, :n] = rows[k][1][:n]
                    mask_np[j, :n] = 1
                ids, mask = torch.from_numpy(ids_np), torch.from_numpy(mask_np)
                p = self.model(ids, mask).softmax(-1).numpy()
                for j, k in enumerate(chunk):
                    results[k] = p[j]
        for k in range(len(rows)):
            probs_of[rows[k][0]].append(results[k])
        out_spans: list[list] = []
        for d, text in enumerate(texts):
            enc = encs[d]
            if not enc.ids:
                out_spans.append([])
                continue
            windows = probs_of[d]
            token_probs = np.stack([windows[r][c] for r, c in owner_rows(len(enc.ids), starts_of[d])])
            out_spans.append(decode(text, enc, token_probs, self.threshold))
        return out_spans


@lru_cache(maxsize=2)
def load_tagger(model_dir: str) -> RoleTaggerModel:
    return RoleTaggerModel(Path(model_dir))


class RoleTaggerComponent:
    """spaCy component: sets ``doc._.role_spans`` to a list of ``RoleSpan`` (char offsets)."""

    def __init__(self, model_dir: str) -> None:
        self.model = load_tagger(model_dir)

    def __call__(self, doc: Doc) -> Doc:
        return self._run([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, docs: list[Doc]) -> list[Doc]:
        from eventwire.learn.windows import RoleSpan

        pieces: list[tuple[int, int]] = []  # (doc index, char offset of the region)
        texts: list[str] = []
        for d, doc in enumerate(docs):
            doc._.role_spans = []
            whole = doc.text  # rebuilt by spaCy on every access
            for a, b in incident_regions(doc):
                pieces.append((d, a))
                texts.append(whole[a:b])
        for (d, offset), spans in zip(pieces, self.model.tag_many(texts), strict=True):
            docs[d]._.role_spans.extend(RoleSpan(s.start + offset, s.end + offset, s.role, s.score) for s in spans)
        return docs


@lru_cache(maxsize=1)
def _incident_words() -> frozenset[str]:
    from eventwire.events import lexicon as lx

    return frozenset(k.split()[0] for k in lx.TRIGGERS) | lx.KILL_WORDS | {"gun", "set", "blow", "hold", "open"}


# sentences tagged around one with an incident word: fillers are named just before and after it
REGION_BEFORE, REGION_AFTER = 1, 3


def incident_regions(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges worth tagging: sentences near a word that could report an incident.

    The event assembler only looks for fillers near its triggers, so a document without any
    incident word is not tagged at all, and a long article only around its incidents.
    """
    words = _incident_words()
    sents = list(doc.sents)
    hits = [k for k, s in enumerate(sents) if any(t.lower_ in words or t.lemma_.lower() in words for t in s)]
    regions: list[list[int]] = []
    for k in hits:
        lo, hi = max(0, k - REGION_BEFORE), min(len(sents) - 1, k + REGION_AFTER)
        if regions and lo <= regions[-1][1] + 1:
            regions[-1][1] = max(regions[-1][1], hi)
        else:
            regions.append([lo, hi])
    return [(sents[lo].start_char, sents[hi].end_char) for lo, hi in regions]


@Language.factory("eventwire_role_tagger", default_config={"model_dir": ""})
def make_role_tagger(nlp: Language, name: str, model_dir: str) -> RoleTaggerComponent:
    return RoleTaggerComponent(model_dir or str(default_model_dir()))
