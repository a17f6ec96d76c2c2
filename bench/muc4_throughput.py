"""Throughput of ``eventwire eval muc4``: documents per second, and how far that is from spaCy.

Runs the MUC-4 harness (real pipeline, mapping, metric) on the first N documents of a split,
after an untimed warm-up on the first few of them, so that lazily loaded models (gazetteer,
lexicons) are not billed to the first batch. Then it runs the bare spaCy model the pipeline is built on over
the same texts: the ratio says how much of the cost is ours rather than the parser's.

    .venv/bin/python bench/muc4_throughput.py --docs 200
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from eventwire.config import ExtractOptions
from eventwire.eval.muc4_data import load_processed, split_path
from eventwire.eval.muc4_keys import load_datelines
from eventwire.eval.muc4_runner import run_muc4
from eventwire.pipeline import Pipeline


def spacy_rate(model: str, texts: list[str], batch_size: int) -> float:
    """Documents per second of ``spacy.load(model).pipe(texts)`` after one warm-up document."""
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:1]))
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return len(texts) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument(
        "--path", type=Path, default=None, help="processed MUC-4 jsonl instead of a split"
    )
    parser.add_argument("--docs", type=int, default=100, help="documents to time")
    parser.add_argument("--warmup", type=int, default=5, help="untimed documents first")
    parser.add_argument(
        "--rules-only", action="store_true", help="without the learned role tagger (EVENTWIRE_ROLE_TAGGER=0)"
    )
    args = parser.parse_args(argv)
    if args.rules_only:
        os.environ["EVENTWIRE_ROLE_TAGGER"] = "0"

    path = args.path or split_path(args.split)
    timed = load_processed(path, limit=args.docs)
    warm = timed[: args.warmup]
    if not timed:
        print(f"no documents to time in {path}", file=sys.stderr)
        return 1

    # the datelines are the documents' publication dates, as `eval muc4` gives them
    raw_dir = path.parent / "raw"
    datelines = load_datelines(raw_dir) if raw_dir.is_dir() else None

    options = ExtractOptions()
    started = time.perf_counter()
    pipeline = Pipeline(options)
    load_s = time.perf_counter() - started
    if warm:
        run_muc4(warm, pipeline, datelines=datelines)

    started = time.perf_counter()
    report = run_muc4(timed, pipeline, name=path.stem, datelines=datelines)
    wall = time.perf_counter() - started

    texts = [d.text for d in timed]
    chars = sum(len(t) for t in texts)
    spacy_dps = spacy_rate(options.spacy_model, texts, options.batch_size)
    print(f"role tagger:              {'on' if 'eventwire_role_tagger' in pipeline.annotator.nlp.pipe_names else 'off'}")
    print(f"documents timed:          {len(timed)} ({chars / len(timed):.0f} chars on average)")
    print(f"pipeline load:            {load_s:.1f} s")
    print(f"eval muc4, pipeline only: {report.docs_per_second:.2f} docs/s")
    print(f"eval muc4, with scoring:  {len(timed) / wall:.2f} docs/s")
    print(f"spaCy {options.spacy_model} alone: {spacy_dps:.2f} docs/s")
    print(f"pipeline / spaCy:         {report.docs_per_second / spacy_dps:.2f}x")
    print(f"micro F1 on these docs:   {100 * report.micro.f1:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
