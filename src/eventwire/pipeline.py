"""The extraction pipeline: raw documents in, extraction results out.

``Pipeline.process`` is a pure per-record transformation (no store, no network), so the CLI,
the server, the watcher and a Spark job all call the same function. A document that fails
yields an ``ExtractionResult`` with ``error`` set, and processing goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cached_property

from eventwire.actors import actor_lexicon
from eventwire.article import build_article
from eventwire.config import ExtractOptions
from eventwire.dates import find_temporal_expressions
from eventwire.errors import EventwireError
from eventwire.events.extract import DocContext, extract_events
from eventwire.model import Article, ExtractionResult, Location, Place, RawDocument
from eventwire.nlp import AnnotatedText, Annotator
from eventwire.quotes import find_quotes

log = logging.getLogger(__name__)

# Stand-in publication date for undated documents, only to tell relative dates apart when
# deciding whether two reports are one incident; events of undated documents stay undated.
_UNDATED_BASE = date(2000, 7, 15)  # mid-month: "two days ago" and "last month" fall apart


class Pipeline:
    """Holds the loaded models; build once, call ``process`` many times."""

    def __init__(self, options: ExtractOptions | None = None) -> None:
        self.options = options or ExtractOptions()
        self.annotator = Annotator(self.options.spacy_model, self.options.truecase)
        self.actors = actor_lexicon()

    @cached_property
    def geoparser(self):  # noqa: ANN201 - eventwire.geo.Geoparser, imported lazily (large data)
        from eventwire.geo import Geoparser

        return Geoparser.load(self.options.gazetteer_path)

    def process(self, documents: Iterable[RawDocument | Article | ExtractionResult]) -> Iterator[ExtractionResult]:
        """Extract every document, in input order; failures come back as results with ``error``.

        Items may be raw documents, articles already cleaned by the caller (ingestion cleans
        first to run its relevance gate), or results that are passed through (read failures).
        """
        pending: list[Article | ExtractionResult] = []
        for item in documents:
            if isinstance(item, ExtractionResult | Article):
                pending.append(item)
            else:
                try:
                    pending.append(build_article(item))
                except EventwireError as exc:
                    pending.append(ExtractionResult(error=str(exc), source=item.source))
            if len(pending) >= self.options.batch_size:
                yield from self._run_batch(pending)
                pending = []
        if pending:
            yield from self._run_batch(pending)

    def extract_text(self, text: str, published: date | None = None, doc_id: str = "doc", source: str = "<text>") -> ExtractionResult:
        """Convenience for one plain-text document."""
        raw = RawDocument(id=doc_id, source=source, text=text, published_default=published)
        return next(self.process([raw]))

    def _run_batch(self, items: list[Article | ExtractionResult]) -> Iterator[ExtractionResult]:
        articles = [a for a in items if isinstance(a, Article)]
        texts = [self._clip(a.text) for a in articles]
        annotated = self.annotator.annotate_many(texts, batch_size=self.options.batch_size)
        for item in items:
            if isinstance(item, ExtractionResult):
                yield item
                continue
            ann = next(annotated)
            try:
                yield self._extract(item, ann)
            except EventwireError as exc:
                yield ExtractionResult(error=str(exc), source=item.source)

    def _clip(self, text: str) -> str:
        if len(text) <= self.options.max_chars:
            return text
        cut = text.rfind("\n", 0, self.options.max_chars)
        return text[: cut if cut > 0 else self.options.max_chars]

    def _extract(self, article: Article, ann: AnnotatedText) -> ExtractionResult:
        text = ann.text
        if len(text) != len(article.text):
            article = article.model_copy(update={"text": text})
        places: list[Place] = self.geoparser.find_places(ann.doc, text, url=article.url) if self.options.geoparse else []

        def locate(start: int, end: int) -> Location | None:
            if not self.options.geoparse:
                return None
            return self.geoparser.resolve_location(places, text, start, end)

        ctx = DocContext(
            doc_id=article.id,
            text=text,
            doc=ann.doc,
            caseless=ann.truecased,
            published=article.published,
            temporal=find_temporal_expressions(text, article.published),
            locate=locate,
            anchors=None if article.published else find_temporal_expressions(text, _UNDATED_BASE),
        )
        events = extract_events(ctx, self.actors, self.options.min_event_confidence)
        quotes = find_quotes(ann.doc, text)
        return ExtractionResult(document=article, events=events, places=places, quotes=quotes)
