"""Throughput and peak memory of the whole `extract` path next to spaCy `nlp.pipe` alone.

Usage: python bench/extract_throughput.py [--repeat N] [--no-geo] [PATH ...]

Both runs process the same cleaned article texts in one process, side by side; the ratio
(extract docs/s ÷ spaCy docs/s) is the figure to watch. Peak memory is the process's maximum
resident set size after each phase (ru_maxrss), plus tracemalloc's Python-heap peak per phase.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

import spacy  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from eventwire.article import build_article  # noqa: E402
from eventwire.config import ExtractOptions  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402
from eventwire.sources import ReadFailure, read_sources  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(REPO / "samples"), str(REPO / "tests/fixtures/articles")])
    parser.add_argument("--repeat", type=int, default=10, help="process the document set this many times")
    parser.add_argument("--no-geo", action="store_true")
    args = parser.parse_args()

    raws = [d for d in read_sources(args.paths, published_default=date(2024, 5, 1)) if not isinstance(d, ReadFailure)]
    raws = raws * args.repeat
    texts = [build_article(r).text for r in raws]
    chars = sum(len(t) for t in texts)
    print(f"documents: {len(raws)} ({chars / len(raws):.0f} chars on average)")

    pipeline = Pipeline(ExtractOptions(geoparse=not args.no_geo))
    # the stock model, not eventwire's (which may carry extra components such as the role tagger)
    nlp = spacy.load(pipeline.options.spacy_model)
    list(pipeline.process(raws[:5]))  # warm both: model, gazetteer, lexicons
    list(nlp.pipe(texts[:5]))

    tracemalloc.start()
    t0 = time.perf_counter()
    n_spacy = sum(1 for _ in nlp.pipe(texts, batch_size=32))
    spacy_s = time.perf_counter() - t0
    spacy_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.reset_peak()
    rss_after_spacy = _rss_mb()

    t0 = time.perf_counter()
    results = pipeline.process(raws)
    n_docs = n_events = 0
    for r in results:
        n_docs += 1
        n_events += len(r.events)
    extract_s = time.perf_counter() - t0
    extract_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    spacy_rate = n_spacy / spacy_s
    extract_rate = n_docs / extract_s
    print(f"spaCy nlp.pipe alone : {spacy_rate:7.1f} docs/s   python-heap peak {spacy_peak:6.1f} MiB   max RSS {rss_after_spacy:6.0f} MiB")
    print(f"eventwire extract    : {extract_rate:7.1f} docs/s   python-heap peak {extract_peak:6.1f} MiB   max RSS {_rss_mb():6.0f} MiB   ({n_events} events)")
    print(f"ratio extract/spaCy  : {extract_rate / spacy_rate:.2f}")


if __name__ == "__main__":
    main()
