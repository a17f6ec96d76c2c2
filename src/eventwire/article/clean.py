"""Paragraphs -> article paragraphs plus what was cut and why.

Each pass labels paragraphs (``None`` = keep) instead of deleting them, so later passes see the
whole document and the cut pieces come out in document order as RemovedBlocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from eventwire.article.boilerplate import classify_line
from eventwire.article.byline import mark_header
from eventwire.article.comments import mark_comments
from eventwire.article.related import mark_related
from eventwire.model import RemovedBlock

MAX_REMOVED_CHARS = 2000


@dataclass(frozen=True)
class Cleaned:
    paragraphs: list[str]
    removed: list[RemovedBlock] = field(default_factory=list)
    author: str | None = None
    stamp: date | None = None
    title: str | None = None


def clean_paragraphs(paragraphs: list[str], title: str | None, plain: bool) -> Cleaned:
    """Drop bylines, boilerplate, link lists and comments; keep prose, headings, datelines.

    ``plain`` (plain-text input) lets a lone capitalised name on the first line count as the
    author and a short first line as the headline; off for HTML bodies, whose first line is
    usually a heading and whose author and title come from metadata.
    """
    labels: list[str | None] = [classify_line(p) for p in paragraphs]
    header = mark_header(paragraphs, labels, title, plain)
    mark_related(paragraphs, labels)
    mark_comments(paragraphs, labels)
    mark_related(paragraphs, labels)
    kept = [p for p, label in zip(paragraphs, labels, strict=True) if label is None]
    removed = removed_blocks(paragraphs, labels)
    return Cleaned(kept, removed, header.author, header.stamp, header.title)


def removed_blocks(paragraphs: list[str], labels: list[str | None]) -> list[RemovedBlock]:
    """Runs of paragraphs with the same label, one block each, capped at MAX_REMOVED_CHARS."""
    blocks: list[RemovedBlock] = []
    run: list[str] = []
    kind: str | None = None
    for paragraph, label in [*zip(paragraphs, labels, strict=True), ("", None)]:
        if label != kind and run and kind is not None:
            blocks.append(make_block(kind, "\n".join(run)))
            run = []
        kind = label
        if label is not None:
            run.append(paragraph)
    return blocks


def make_block(kind: str, text: str) -> RemovedBlock:
    if len(text) > MAX_REMOVED_CHARS:
        text = text[: MAX_REMOVED_CHARS - 1] + "…"
    return RemovedBlock.model_validate({"kind": kind, "text": text})
