"""Given names and surnames, for telling a person's name from a place name in text without
letter case ("adolfo mesa meneses" is a man, not Mesa, Arizona).

The lists are the US Census Bureau's 1990 name frequency files (public domain, shipped in the
``names`` package, MIT): 5,494 given names and 88,799 surnames, Hispanic ones among them, which
is what wire copy from Latin America needs. Names that are also English verbs, adjectives or
adverbs ("Will", "Grant", "Young") are left out: alone they say nothing. Without the package
the sets are empty and nothing is recognised.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.nlp.english import english_words, verbs_and_modifiers


def _census(name: str) -> frozenset[str]:
    try:
        text = (resources.files("names") / name).read_text(encoding="ascii")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    return frozenset(line.split(None, 1)[0].lower() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def _all_given_names() -> frozenset[str]:
    return _census("dist.male.first") | _census("dist.female.first")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    ordinary = verbs_and_modifiers()
    return frozenset(n for n in _all_given_names() if n not in STOP_WORDS and n not in ordinary)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    ordinary = verbs_and_modifiers()
    return frozenset(n for n in _census("dist.all.last") if n not in STOP_WORDS and n not in ordinary)


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Given names and surnames together."""
    return given_names() | surnames()


@lru_cache(maxsize=1)
def census_names() -> frozenset[str]:
    """Words that may be part of a person's name where a neighbour already is one: every given
    name of the lists, ordinary English words among them ("Hector", "Mark"), and the surnames
    that are no English word ("Meneses"; not "Rector", "Boss", which the surname list has)."""
    return frozenset(n for n in _all_given_names() | (_census("dist.all.last") - english_words()) if n not in STOP_WORDS)
