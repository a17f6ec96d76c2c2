"""Run spaCy over articles, batching, with case restoration for caseless wire text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import ModelError
from eventwire.nlp.truecase import is_caseless, truecase


@dataclass(frozen=True)
class AnnotatedText:
    """An article text and its parse; ``doc.text`` has the same length as ``text``."""

    text: str
    doc: Doc
    truecased: bool

    def surface(self, start: int, end: int) -> str:
        return self.text[start:end]


@Language.component("eventwire_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: articles hold one paragraph (or headline) per line."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
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
