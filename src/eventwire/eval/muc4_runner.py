"""Running the extraction pipeline over MUC-4 documents and scoring what it says.

The runner takes any object with ``process(Iterable[RawDocument]) -> Iterator[ExtractionResult]``
(results in input order), so the real pipeline, a worker pool or a test double all plug in.
It times only the pipeline's own work, streams one JSON line per document for error analysis,
and returns a :class:`Muc4Report` the CLI renders and a quality gate can compare to floors.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TextIO

from eventwire.eval.muc4_compare import DocCounts, doc_counts, micro_f1_interval
from eventwire.eval.muc4_data import ROLES, GoldTemplate, Muc4Document
from eventwire.eval.muc4_extra import (
    EXTRA_SLOTS,
    ExtraCounts,
    empty_extra,
    gold_values,
    pred_values,
    score_extra,
)
from eventwire.eval.muc4_keyfacts import KeyFacts, key_facts
from eventwire.eval.muc4_keys import KeyTemplate
from eventwire.eval.muc4_mapping import (
    FillerChoice,
    MappedTemplate,
    MappingStats,
    result_to_templates,
)
from eventwire.eval.muc4_metric import SLOTS, Counts, DocScore, empty_counts, micro, score_document
from eventwire.model import ExtractionResult, RawDocument


class SupportsProcess(Protocol):
    """The one thing the runner needs from a pipeline."""

    def process(self, docs: Iterable[RawDocument]) -> Iterator[ExtractionResult]: ...


@dataclass
class Muc4Report:
    """Corpus-level results of one run."""

    name: str
    n_docs: int = 0
    counts: dict[str, Counts] = field(default_factory=empty_counts)
    extra: dict[str, ExtraCounts] = field(default_factory=empty_extra)
    keyed_docs: int = 0
    """Documents whose answer keys were found and line up with the processed templates."""
    failed_docs: int = 0
    pipeline_seconds: float = 0.0
    mapping: MappingStats = field(default_factory=MappingStats)
    filler: str = "head"
    per_doc: list[DocCounts] = field(default_factory=list)
    """Each document's counts, for the interval of the micro F1 under resampling documents."""
    micro_f1_interval: tuple[float, float] = (0.0, 0.0)
    """95% interval of the micro F1 under resampling documents (1,000 resamples, seeded), set
    when the run ends."""

    @property
    def micro(self) -> Counts:
        return micro(self.counts)

    @property
    def docs_per_second(self) -> float:
        return self.n_docs / self.pipeline_seconds if self.pipeline_seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "docs": self.n_docs,
            "failed_docs": self.failed_docs,
            "filler": self.filler,
            "pipeline_seconds": round(self.pipeline_seconds, 3),
            "docs_per_second": round(self.docs_per_second, 3),
            "scores": {slot: self.counts[slot].as_dict() for slot in SLOTS},
            "micro": self.micro.as_dict(),
            "micro_f1_interval": list(self.micro_f1_interval),
            "keyed_docs": self.keyed_docs,
            "extra": {slot: self.extra[slot].as_dict() for slot in EXTRA_SLOTS}
            if self.keyed_docs
            else None,
            "unmapped_subtypes": dict(self.mapping.unmapped),
            "unknown_subtypes": dict(self.mapping.unknown),
        }


def to_raw_document(doc: Muc4Document, dateline: date | None = None) -> RawDocument:
    """The pipeline's input for a MUC-4 document; the dateline date is the publication fallback."""
    return RawDocument(
        id=doc.docid, source=f"muc4:{doc.docid}", text=doc.text, published_default=dateline
    )


def doc_key_facts(
    doc: Muc4Document, keys: Sequence[KeyTemplate] | None, dateline: date | None
) -> dict[int, KeyFacts] | None:
    """Key facts per gold template index, or None when the keys do not line up with the doc."""
    if keys is None or len(keys) != len(doc.templates):
        return None
    if any(k.incident_type != g.incident_type for k, g in zip(keys, doc.templates, strict=True)):
        return None
    return {i: key_facts(k, dateline) for i, k in enumerate(keys)}


def _timed(results: Iterator[ExtractionResult], clock: list[float]) -> Iterator[ExtractionResult]:
    """Yield results, adding the time spent inside the pipeline to ``clock[0]``."""
    while True:
        started = time.perf_counter()
        try:
            result = next(results)
        except StopIteration:
            clock[0] += time.perf_counter() - started
            return
        clock[0] += time.perf_counter() - started
        yield result


def _gold_record(
    gold: GoldTemplate, index: int, kept: bool, facts: KeyFacts | None
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "index": index,
        "incident_type": gold.incident_type,
        **{role: [list(e) for e in gold.entities(role)] for role in ROLES},
    }
    if not kept:
        record["duplicate"] = True
    if facts is not None:
        record["key"] = gold_values(facts).as_dict()
    return record


def _pred_record(mapped: MappedTemplate, index: int) -> dict[str, Any]:
    event = mapped.event
    return {
        "index": index,
        "incident_type": mapped.template.incident_type,
        **{role: list(mapped.template.fillers(role)) for role in ROLES},
        "event_id": event.id,
        "subtype": event.subtype,
        "confidence": event.confidence,
        "trigger": event.trigger.text if event.trigger else None,
        "extra": pred_values(event).as_dict(),
    }


def doc_record(
    doc: Muc4Document,
    result: ExtractionResult,
    mapped: Sequence[MappedTemplate],
    score: DocScore,
    facts: Mapping[int, KeyFacts] | None,
    extra_details: list[dict[str, object]],
) -> dict[str, Any]:
    """One line of the predictions file: predictions, gold, alignment and per-doc scores."""
    used = {id(m.event) for m in mapped}
    alignment = []
    for pair in score.pairs:
        template = mapped[pair.pred_index].template
        gold = doc.templates[pair.gold_index]
        alignment.append(
            {
                "pred": pair.pred_index,
                "gold": pair.gold_index,
                "tp": dict(pair.tp),
                "matches": [
                    {
                        "role": m.role,
                        "pred": template.fillers(m.role)[m.pred_index],
                        "gold": list(gold.entities(m.role)[m.gold_index]),
                    }
                    for m in pair.matches
                ],
            }
        )
    return {
        "docid": doc.docid,
        "error": result.error,
        "micro": score.micro.as_dict(),
        "scores": {slot: score.counts[slot].as_dict() for slot in SLOTS},
        "alignment": alignment,
        "predicted": [_pred_record(m, i) for i, m in enumerate(mapped)],
        "gold": [
            _gold_record(g, i, i in score.gold_kept, facts.get(i) if facts else None)
            for i, g in enumerate(doc.templates)
        ],
        "extra": extra_details,
        "events_left_out": [
            {"id": e.id, "subtype": e.subtype} for e in result.events if id(e) not in used
        ],
    }


def run_muc4(
    docs: Sequence[Muc4Document],
    pipeline: SupportsProcess,
    *,
    name: str = "muc4",
    filler: FillerChoice = "head",
    keys: Mapping[str, Sequence[KeyTemplate]] | None = None,
    datelines: Mapping[str, date] | None = None,
    predictions: TextIO | None = None,
    on_doc: Callable[[Muc4Document], None] | None = None,
) -> Muc4Report:
    """Extract, map and score every document; write one JSON line per document if asked.

    Raises RuntimeError when the pipeline yields a different number of results than
    documents (results are matched to documents by position).
    """
    datelines = datelines or {}
    report = Muc4Report(name=name, filler=filler)
    clock = [0.0]
    raw = (to_raw_document(d, datelines.get(d.docid)) for d in docs)
    results = _timed(iter(pipeline.process(raw)), clock)
    for doc in docs:
        result = next(results, None)
        if result is None:
            raise RuntimeError(
                f"the pipeline returned fewer results than the {len(docs)} documents"
            )
        mapped, stats = result_to_templates(result, filler)
        report.mapping.add(stats)
        report.failed_docs += result.error is not None
        score = score_document([m.template for m in mapped], doc.templates)
        for slot, c in score.counts.items():
            report.counts[slot].add(c)
        report.per_doc.append(doc_counts(score.counts))
        facts = (
            doc_key_facts(doc, keys.get(doc.docid), datelines.get(doc.docid))
            if keys is not None
            else None
        )
        details: list[dict[str, object]] = []
        if facts is not None:
            report.keyed_docs += 1
            extra, details = score_extra(score, [m.event for m in mapped], facts)
            for slot, c in extra.items():
                report.extra[slot].add(c)
        report.n_docs += 1
        if predictions is not None:
            record = doc_record(doc, result, mapped, score, facts, details)
            predictions.write(json.dumps(record, ensure_ascii=False) + "\n")
        if on_doc is not None:
            on_doc(doc)
    if next(results, None) is not None:
        raise RuntimeError(f"the pipeline returned more results than the {len(docs)} documents")
    report.pipeline_seconds = clock[0]
    report.micro_f1_interval = micro_f1_interval(report.per_doc)
    return report
