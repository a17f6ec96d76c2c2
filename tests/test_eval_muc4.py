"""Checks against the real MUC-4 data in ../shared (skipped where the corpus is not present)."""

from __future__ import annotations

import pytest

from eventwire.eval.muc4_data import load_processed, muc4_dir, split_path
from eventwire.eval.muc4_keyfacts import key_facts
from eventwire.eval.muc4_keys import load_datelines, load_keys
from eventwire.eval.muc4_metric import SLOTS, gold_as_prediction, micro, score_corpus
from eventwire.eval.muc4_runner import doc_key_facts

requires_corpus = pytest.mark.skipif(
    not split_path("dev").is_file(),
    reason=f"MUC-4 corpus not found at {muc4_dir()} (set EVENTWIRE_SHARED to run these checks)",
)
requires_raw = pytest.mark.skipif(
    not (muc4_dir() / "raw").is_dir(),
    reason=f"MUC-4 raw answer keys not found at {muc4_dir() / 'raw'}",
)


@requires_corpus
def test_dev_split_has_200_documents_with_templates() -> None:
    docs = load_processed(split_path("dev"))
    assert len(docs) == 200
    assert all(d.docid.startswith(("TST1-MUC3-", "TST2-MUC4-")) for d in docs)
    assert sum(len(d.templates) for d in docs) > 150
    assert load_processed(split_path("dev"), limit=5)[-1].docid == docs[4].docid


@requires_corpus
def test_gold_as_prediction_scores_f1_100_on_dev() -> None:
    docs = load_processed(split_path("dev"))
    totals = score_corpus(
        (
            [gold_as_prediction(g) for i, g in enumerate(d.templates) if g not in d.templates[:i]],
            d.templates,
        )
        for d in docs
    )
    assert micro(totals).f1 == 1.0
    for slot in SLOTS:
        assert totals[slot].f1 == 1.0, slot


@requires_corpus
@requires_raw
def test_raw_keys_line_up_with_every_dev_document() -> None:
    docs = load_processed(split_path("dev"))
    keys = load_keys(muc4_dir() / "raw")
    datelines = load_datelines(muc4_dir() / "raw")
    facts = [doc_key_facts(d, keys.get(d.docid), datelines.get(d.docid)) for d in docs]
    assert all(f is not None for f in facts)
    assert sum(d.docid in datelines for d in docs) > 150
    templates = [t for d in docs for t in keys[d.docid]]
    read = [key_facts(t) for t in templates]
    assert sum(bool(f.locations and f.locations[0].country_code) for f in read) == len(templates)
    assert sum(bool(f.dates) for f in read) > 0.9 * len(templates)
