"""A cheap test of whether an article could report political violence at all.

Most news is not about violence, and parsing it with spaCy is most of the cost of ingestion.
The gate runs a few precompiled regular expressions over the text (well under a millisecond for
a typical article) and lets through anything with one strong violence word, or a weak one
together with a casualty word. It is tuned for recall: an article it rejects is still stored
and searchable, only not parsed, so a false "relevant" costs time while a false "irrelevant"
loses events; the tests check that no article the pipeline finds events in is rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.ingest import lexicon


def _compile(stems: tuple[str, ...]) -> re.Pattern[str]:
    # matched against lower-cased text: IGNORECASE makes this alternation three times slower
    return re.compile(r"\b(?:" + "|".join(stems) + ")")


@dataclass(frozen=True)
class RelevanceGate:
    """Compiled patterns; build once (``DEFAULT_GATE``) and call ``is_relevant`` per article."""

    strong: re.Pattern[str] = _compile(lexicon.STRONG)
    weak: re.Pattern[str] = _compile(lexicon.WEAK)
    casualty: re.Pattern[str] = _compile(lexicon.CASUALTY)

    def is_relevant(self, text: str, title: str | None = None) -> bool:
        """True when the article might report a violent incident and should be parsed."""
        text = f"{title}\n{text}".lower() if title else text.lower()
        if self.strong.search(text):
            return True
        return bool(self.weak.search(text)) and bool(self.casualty.search(text))


DEFAULT_GATE = RelevanceGate()


def is_relevant(text: str, title: str | None = None) -> bool:
    """``DEFAULT_GATE.is_relevant``."""
    return DEFAULT_GATE.is_relevant(text, title)
