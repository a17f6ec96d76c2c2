"""Run spaCy over articles, batching, with case restoration for caseless wire text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import ModelError
from eventwire.nlp.role_tagger import tagger_available
from eventwire.nlp.truecase import is_caseless, truecase


@dataclass(frozen=True)
class AnnotatedText:
    """An article text and its parse; ``doc.text`` has the same length as ``text``."""

    text: str
    doc: Doc
    truecased: bool

    def surface(self, start: int, end: int) -> str:
        return self.text[start:end]


# "KISMAYO, Somalia — ", "BOGOTA, 7 JAN 90 (EFE) -- ": a dateline parsed as part of the first
# sentence turns the city into its subject, so it is split off as a sentence of its own.
_DATELINE = re.compile(r"[A-Z][A-Z’'.\- ]{1,40}(?:,[^—\n]{1,60}?)?\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|--|-)\s+")


@Language.component("eventwire_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (one paragraph per line), and so does a dateline."""
    starts = [0]
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            starts.append(tok.i)
    text = doc.text
    for i in starts:
        if i >= len(doc):
            continue
        m = _DATELINE.match(text, doc[i].idx)
        if m is None:
            continue
        after = doc.char_span(m.end(), m.end(), alignment_mode="expand")
        for tok in doc[i + 1 :]:
            if tok.idx >= m.end():
                tok.is_sent_start = True
                break
        del after
    return doc


@lru_cache(maxsize=4)
def load_spacy(name: str) -> Language:
    """Load a spaCy pipeline once per process, with paragraph-aware sentence splitting."""
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install the project with `make install`"
        ) from None
    nlp.max_length = 2_000_000
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraph_breaks", before="parser")
    if tagger_available():
        nlp.add_pipe("eventwire_role_tagger", last=True)
    return nlp


class Annotator:
    """Parses texts with spaCy; restores case first when the text has none."""

    def __init__(self, model: str, truecase_mode: str = "auto") -> None:
        self.nlp = load_spacy(model)
        self.truecase_mode = truecase_mode

    def _parse_text(self, text: str) -> tuple[str, bool]:
        if self.truecase_mode == "never":
            return text, False
        if self.truecase_mode == "always" or is_caseless(text):
            return truecase(text), True
        return text, False

    def annotate(self, text: str) -> AnnotatedText:
        return next(self.annotate_many([text]))

    def annotate_many(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[AnnotatedText]:
        originals: list[str] = []
        flags: list[bool] = []

        def parse_inputs() -> Iterator[str]:
            for text in texts:
                parsed, flag = self._parse_text(text)
                originals.append(text)
                flags.append(flag)
                yield parsed

        for i, doc in enumerate(self.nlp.pipe(parse_inputs(), batch_size=batch_size)):
            yield AnnotatedText(text=originals[i], doc=doc, truecased=flags[i])
            originals[i] = ""  # free the reference; the AnnotatedText holds it
