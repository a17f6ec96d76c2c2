"""Name normalisation shared by the gazetteer build and the lookups.

Both sides must fold names the same way, or a name stored at build time is never found at run
time; that is why this lives in one tiny module and nothing else normalises names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "–": "-", "—": "-"})
_DROP = re.compile(r"[.\u00b7]")
_SPACE = re.compile(r"[\s\-_/,]+")
_LATIN_OK = re.compile(r"^[\x20-\x7e\u00c0-\u024f\u1e00-\u1eff'’]+$")


@lru_cache(maxsize=200_000)
def norm(name: str) -> str:
    """Fold a name to its lookup key: no accents, no dots, lower case, single spaces.

    "U.S." and "US" share a key, "Sant Julià" and "Sant Julia" too; letter case goes because
    wire text may be ALL-CAPS, and case is judged by the detector, not by the lookup.
    """
    s = name.translate(_APOSTROPHES)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _DROP.sub("", s)
    s = _SPACE.sub(" ", s).strip().casefold()
    if s.startswith("the "):
        s = s[4:]
    return s


# Abbreviated and spelt-out forms of a name's first word: "St. Petersburg" is the city's own
# name as much as "Saint Petersburg" is, not an alternate name that loses to a namesake.
_FIRST_WORD_FORMS = (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft "),
                     ("port ", "pt "))


def name_forms(key: str) -> list[str]:
    """Other spellings of a folded name that are the same name ("saint louis" / "st louis")."""
    out = []
    for long, short in _FIRST_WORD_FORMS:
        if key.startswith(long):
            out.append(short + key[len(long):])
        elif key.startswith(short):
            out.append(long + key[len(short):])
    return out


def is_latin(name: str) -> bool:
    """True for names an English news text could contain (Latin script only)."""
    return bool(_LATIN_OK.match(name))
