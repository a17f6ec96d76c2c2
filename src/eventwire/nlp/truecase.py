"""Restore letter case in lower-cased or ALL-CAPS wire text before parsing.

spaCy's tagger and NER lean on capitals; MUC-style wire copy has none. The truecaser lowers the
text and capitalises sentence starts, known proper names (countries, cities, armed groups),
acronyms, months and weekdays, and words after personal titles. It only ever changes the case
of a character, never the length of the text, so every offset stays valid.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.nlp.english import is_english_form
from eventwire.nlp.lexicon import proper_names
from eventwire.nlp.names import given_names, surnames

_WORD = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?", re.UNICODE)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|[:;]\s*\n)[\"“‘'(\[]?\s*([^\W\d_])", re.UNICODE)
_DATELINE = re.compile(r"(?m)^[A-Z][A-Z’'.\- ]{1,40},[A-Z0-9 .,]{0,40}(?:\([A-Z ]{1,30}\))?\s*(?:—|–|--)")
_LOWER_DATELINE = re.compile(r"(?m)^[a-z][a-z'.\- ]{1,40},\s+\d{1,2}\s+[a-z]{3}\s+\d{2,4}(?:\s+\([a-z ]{1,30}\))?\s*(?=--|—|–)")
_TITLES = frozenset(
    "president vice-president minister colonel col gen general lt lieutenant capt captain major maj "
    "sgt sergeant commander mr mrs ms dr father monsignor msgr archbishop bishop judge mayor senator "
    "deputy governor ambassador attorney prosecutor police-chief chief defense-minister "
    "sen rep representative congressman ex-president ex-minister comandante".split()
)
# words that stand before "province" or "district" without naming one
_NOT_NAMES = frozenset(
    "northern southern eastern western central northeastern northwestern southeastern southwestern "
    "north south east west rural urban border frontier coastal mountainous remote neighbouring "
    "neighboring same whole entire home federal capital tribal restive troubled volatile".split()
)
_STOP = frozenset(
    "a an the of and or in on at to for from by with as is was were be been are has had have "
    "that this these those it its he she they them his her their who which said says told "
    "also not no but if than then there here when where while after before during".split()
)


# "the town of X", "the province of X": what follows names a place, known to us or not
_PLACE_OF = re.compile(
    r"\b(?:town|village|city|hamlet|municipality|district|department|province|region|state|"
    r"county|township|neighbourhood|neighborhood|suburb|outskirts|port|island|valley|capital)"
    r"\s+of\s+(?:the\s+)?")
# "X province", "X district": the word before names the unit
_UNIT_AFTER = re.compile(
    r"(?<![\w'’.-])([^\W\d_]{3,})\s+(?:province|district|department|governorate|prefecture|"
    r"county|region|municipality)\b")
# first words of two-word place names ("san vicente", "puerto boyaca", "el mozote")
_NAME_LEADS = frozenset("san santa santo sao são el la las los le les al puerto porto ciudad new fort mount port saint st".split())


def is_caseless(text: str) -> bool:
    """True when the text carries no usable case information (all lower or all upper)."""
    letters = [c for c in text[:20000] if c.isalpha()]
    if len(letters) < 20:
        return False
    upper = sum(1 for c in letters if c.isupper())
    ratio = upper / len(letters)
    return ratio < 0.01 or ratio > 0.85


def _recase(chars: list[str], start: int, form: str) -> None:
    for i, c in enumerate(form):
        orig = chars[start + i]
        if orig.lower() == c.lower() and len(c) == len(orig):
            chars[start + i] = c


def _capitalise(chars: list[str], i: int) -> None:
    up = chars[i].upper()
    # only a pure case change: "µ" (micro sign) upper-cases to Greek "Μ", a different letter
    if len(up) == 1 and up.lower() == chars[i].lower():
        chars[i] = up


@lru_cache(maxsize=1)
def _name_index() -> tuple[dict[str, str], int]:
    names = proper_names()
    longest = max((n.count(" ") + 1 for n in names), default=1)
    return names, min(longest, 5)


def truecase(text: str) -> str:
    """Return ``text`` with plausible English letter case; same length, same characters otherwise."""
    lowered = "".join(c.lower() if len(c.lower()) == 1 and c.lower().upper() == c.upper() else c for c in text)
    chars = list(lowered)
    names, longest = _name_index()
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(lowered)]
    i = 0
    while i < len(words):
        matched = 0
        for n in range(min(longest, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            span = lowered[start:end]
            # a match may not run across punctuation other than spaces between its words
            key = re.sub(r"\s+", " ", span).rstrip(".")
            if n > 1 and len(key) != len(span.rstrip(".")):
                continue
            form = names.get(key)
            if form is not None:
                _recase(chars, start, form)
                matched = n
                break
        if matched:
            i += matched
            continue
        start, end, word = words[i]
        bare = word.rstrip(".")
        if bare in _TITLES and i + 1 < len(words):
            for j in (i + 1, i + 2):
                if j >= len(words):
                    break
                w = words[j][2].rstrip(".")
                if w in _STOP or len(w) < 2 or words[j][0] - words[j - 1][1] > 2:
                    break
                _capitalise(chars, words[j][0])
                break
        i += 1
    _place_words(lowered, chars)
    _personal_names(words, chars)
    for m in _SENTENCE_START.finditer(lowered):
        _capitalise(chars, m.start(1))
    for m in re.finditer(r"\bi\b", lowered):
        chars[m.start()] = "I"
    # a lower-cased dateline ("san salvador, 3 jan 90 --") is written in capitals, as datelines are
    for m in _LOWER_DATELINE.finditer(text):
        for i in range(m.start(), m.end()):
            up = text[i].upper()
            if len(up) == 1:
                chars[i] = up
        nxt = re.compile(r"\s*(?:--|—|–)\s*([^\W\d_])").match(lowered, m.end())
        if nxt:
            _capitalise(chars, nxt.start(1))
    # keep a capitalised dateline ("BOGOTA, 7 JAN 90 (EFE) --") as written: it marks itself
    for m in _DATELINE.finditer(text):
        for i in range(m.start(), m.end()):
            chars[i] = text[i]
        nxt = re.compile(r"\s*([^\W\d_])").match(lowered, m.end())
        if nxt:
            _capitalise(chars, nxt.start(1))
    out = "".join(chars)
    return out if len(out) == len(text) else text


# words a personal name may run on with after its first two ("jose antonio rodriguez porth")
_LONGEST_PERSONAL_NAME = 5


def _personal_names(words: list[tuple[int, int, str]], chars: list[str]) -> None:
    """Capitalise a given name and the names that follow it ("ignacio ellacuria", "erika
    sullivan"): the parser reads a lower-case name as a common noun and loses the sentence
    around it. A given name alone, or before an ordinary English word, is left as it is."""
    given, family = given_names(), surnames()

    def name_like(word: str) -> bool:
        return word.isalpha() and len(word) > 2 and word not in _STOP and word not in STOP_WORDS and (
            word in family or word in given or not is_english_form(word))

    known: set[str] = set()
    i = 0
    while i + 1 < len(words):
        first, second = words[i], words[i + 1]
        if not (first[2] in given and chars[first[0]].islower() and second[0] - first[1] == 1 and name_like(second[2])):
            i += 1
            continue
        j = i + 2
        while j < len(words) and j - i < _LONGEST_PERSONAL_NAME and words[j][0] - words[j - 1][1] == 1 and name_like(words[j][2]):
            j += 1
        for k in range(i, j):
            _capitalise(chars, words[k][0])
        # the man named in full is named by his surname alone further on ("ferreyros was kidnaped")
        known |= {w[2] for w in words[i + 1 : j] if not is_english_form(w[2]) and w[2] not in given}
        i = j
    for start, _, word in words:
        if word in known and chars[start].islower():
            _capitalise(chars, start)


def _place_words(lowered: str, chars: list[str]) -> None:
    """Capitalise the names that place cues announce, whether or not any list knows them:
    "the town of pichari" -> "Pichari", "the city of san vicente" -> "San Vicente", "paktia
    province" -> "Paktia"."""
    for m in _PLACE_OF.finditer(lowered):
        words = list(_WORD.finditer(lowered, m.end(), m.end() + 60))
        if not words or words[0].start() != m.end():
            continue
        first = words[0].group(0).rstrip(".")
        if first in _STOP or first in STOP_WORDS:
            continue
        _capitalise(chars, words[0].start())
        if (first in _NAME_LEADS and len(words) > 1 and words[1].start() - words[0].end() == 1
                and words[1].group(0) not in _STOP):
            _capitalise(chars, words[1].start())
    for m in _UNIT_AFTER.finditer(lowered):
        word = m.group(1)
        if word not in _STOP and word not in STOP_WORDS and word not in _NOT_NAMES:
            _capitalise(chars, m.start(1))
