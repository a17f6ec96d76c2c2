"""A cheap English check: the share of English function words among the first words.

Enough to tell English news from other languages for routing to the English models, without
a language-identification dependency; anything else is reported as unknown (None).
"""

from __future__ import annotations

import re

from eventwire.article.lexicon import STOPWORDS_EN

_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 5000
_MIN_WORDS = 4
_MIN_RATIO = 0.15


def guess_language(text: str) -> str | None:
    """'en' when English function words are frequent enough, else None."""
    words = _WORD.findall(text[:_SAMPLE_CHARS].casefold())
    if len(words) < _MIN_WORDS:
        return None
    hits = sum(1 for word in words if word in STOPWORDS_EN)
    return "en" if hits >= _MIN_RATIO * len(words) else None
