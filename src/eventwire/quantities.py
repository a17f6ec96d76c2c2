"""Number phrases in English news ("more than 30", "a dozen", "1,000-1,400", "dozens") as
low/best/high estimates with exact offsets.

Output contract (mirrors ``CasualtyCount`` in ``eventwire.model`` and docs/output.md):

* Exact numbers ("3", "three", "twenty-one", "1,200", "1.5 million", "a dozen" = 12,
  "half a dozen" = 6, "a hundred", "one"): low = best = high = N.
* "more than / over / above / upwards of / in excess of N": low = best = N+1, high = None.
* "at least / no fewer than / a minimum of N", and "N or more": low = best = N, high = None.
* "up to / as many as / at most / no more than N": low = None, best = high = N.
* "nearly / almost / fewer than / less than / under / just under N": low = None,
  best = high = N-1 (never below 0).
* "about / around / some / approximately / roughly / an estimated / close to N", and
  "N or so": low = None, best = N, high = None.
* Ranges "between N and M", "from N to M", "N-M" (hyphen, en or em dash), "N to M",
  "N or M", with N < M: low = N, high = M, best = (N+M)//2; an approximation word before a
  range is kept in the span but does not change it.
* Vague amounts give low = best = the value below and high = None: "a few" / "a couple" 2,
  "several" / "a handful" 3, "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2000,
  "millions" 2,000,000; with a scale: "several hundred" 300, "a few dozen" 24,
  "tens of thousands" 20,000, "hundreds of thousands" 200,000. "of" after a quantity is never
  part of its span ("a couple of people" -> "a couple").

Not quantities: numbers inside date expressions ("3 February 1990", "in 2018", "two days
ago"), four-digit years after "in/since/during/from/until/before/after", identifiers
("AK-47", "Route 66", "Resolution 1325", "F16"), ordinals ("3rd"), clock times ("10:30",
"9 pm"), percentages, money ("$5 million"), decimals without a scale word, hyphenated
modifiers ("25-year-old", "12-member"), and "one" in "no one" / "one another". Whether a
number counts people is for the caller to decide from the noun it modifies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from eventwire.dates.expressions import find_candidates

_F = re.IGNORECASE | re.ASCII


@dataclass(frozen=True)
class Quantity:
    """A number phrase: ``text == source[start:end]``; bounds follow the module conventions."""

    low: int | None
    best: int | None
    high: int | None
    text: str
    start: int
    end: int


_SMALL: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip
_SMALL_RE = "|".join(sorted(_SMALL, key=len, reverse=True))
_SCALE_RE = "hundred|thousand|million|billion"
_WORD_NUMBER = re.compile(
    rf"\b(?:(?:{_SMALL_RE})|half\s+a(?=\s+dozen)|an?(?=\s+(?:{_SCALE_RE}|dozen)\b))"
    rf"(?:(?:\s+|-)(?:{_SMALL_RE}|{_SCALE_RE}|dozen)\b"
    rf"|(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+(?:{_SMALL_RE})\b)*\b",
    _F,
)
_DIGIT_NUMBER = re.compile(
    r"(?<![0-9A-Za-z.,:$\u00a3\u20ac#])(?P<n>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<frac>\.[0-9]+)?"
    r"(?![0-9A-Za-z]|[.,:][0-9])(?:\s+(?P<scale>hundred|thousand|million|billion|dozen)\b)?",
    _F,
)
_VAGUE = re.compile(
    r"\b(?:(?P<few>several|a\s+few|a\s+couple(?=\s+(?:of|dozen|hundred|thousand)\b)|"
    r"a\s+handful(?=\s+of\b))(?:\s+(?P<scale>dozen|hundred|thousand|million)\b)?"
    r"|(?P<plural>dozens|scores(?=\s+(?:of|more|were|died|dead|killed|wounded|injured)\b)|"
    r"hundreds|thousands|millions|tens(?=\s+of\s+(?:thousands|millions)))"
    r"(?:\s+of\s+(?P<of>hundreds|thousands|millions)\b)?)\b",
    _F,
)
_VAGUE_VALUE = {
    "several": 3,
    "few": 2,
    "couple": 2,
    "handful": 3,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2_000_000,
    "tens": 20,
}
_SCALE_VALUE = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_OF_VALUE = {"hundreds": 100, "thousands": 1000, "millions": 10**6}

# Modifiers are matched against the text just before a number, anchored at its end.
_MODIFIER = re.compile(
    r"\b(?:(?P<more>(?:(?:just|well|slightly|a\s+little)\s+)?(?:more\s+than|over|above|"
    r"upwards?\s+of|in\s+excess\s+of|greater\s+than|exceeding))"
    r"|(?P<least>at\s+least|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|"
    r"a\s+minimum\s+of)"
    r"|(?P<most>up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|not\s+more\s+than|"
    r"a\s+maximum\s+of)"
    r"|(?P<under>nearly|almost|(?:just\s+)?under|fewer\s+than|less\s+than|below|not\s+quite)"
    r"|(?P<about>about|around|some|approximately|approx\.|roughly|an\s+estimated|estimated|"
    r"close\s+to|circa|about\s+some))\s+\Z",
    _F,
)
_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|\u2014)\s*|\s+(?:to|or)\s+", _F)
_AND_GAP = re.compile(r"\s+and\s+", _F)
_RANGE_LEAD = re.compile(r"\b(?P<lead>between|from)\s+\Z", _F)
_SUFFIX = re.compile(r"\A\s+or\s+(?P<suffix>more|so)\b", _F)
# Context that shows a number is not a count.
_ID_BEFORE = re.compile(
    r"(?:\b(?:route|highway|flight|bus|line|platform|gate|no\.?|nos\.?|number|resolution|"
    r"article|chapter|section|page|paragraph|room|unit|apartment|block|sector|zone|district|"
    r"camp|level|phase|grade|version|model|terminal|km|kilometre|kilometer|channel|precinct|"
    r"ward|cell|item|clause|decree)\s+"
    r"|[A-Za-z]-|[A-Za-z]\.|[$\u00a3\u20ac])\Z",
    _F,
)
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|during|from|until|till|before|after|throughout|early|late|mid|year)[\s-]+\Z",
    _F,
)
_NOT_COUNT_AFTER = re.compile(
    r"\A(?:\s*(?:%|percent\b|per\s+cent\b|[ap]\.?m\b\.?|o'clock\b|hrs\b|gmt\b|utc\b)"
    r"|-(?:[A-Za-z])|\s+another\b|'s\b|s\b)",
    _F,
)
_NO_ONE = re.compile(r"\b(?:no|any|every|each)[\s-]+\Z", _F)


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    value: int
    vague: bool


def _parse_words(phrase: str) -> int | None:
    """Value of a spelled-out number, or None when text2num cannot read it."""
    words = phrase.lower().replace("-", " ").split()
    if not words:
        return None
    factor = 1
    if words[-1] == "dozen":
        factor, words = 12, words[:-1]
        if words == ["half", "a"]:
            return 6
    if words and words[0] in ("a", "an"):
        words[0] = "one"
    if not words:
        return factor if factor > 1 else None
    try:
        return int(text2num(" ".join(words), "en")) * factor
    except (ValueError, TypeError, IndexError, KeyError, AttributeError):
        return None


def _word_atoms(text: str) -> list[_Atom]:
    """Spelled-out numbers; a run text2num rejects ("two three") is cut to its longest
    readable prefix and scanning resumes after it."""
    atoms: list[_Atom] = []
    pos = 0
    while (match := _WORD_NUMBER.search(text, pos)) is not None:
        tokens = list(re.finditer(r"[A-Za-z]+", match.group(0)))
        for count in range(len(tokens), 0, -1):
            end = match.start() + tokens[count - 1].end()
            value = _parse_words(text[match.start() : end])
            if value is not None:
                atoms.append(_Atom(match.start(), end, value, False))
                pos = end
                break
        else:
            pos = match.start() + max(1, tokens[0].end() if tokens else 1)
    return atoms


def _digit_atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for match in _DIGIT_NUMBER.finditer(text):
        scale = (match.group("scale") or "").lower()
        if match.group("frac") and not scale:
            continue
        number = float(match.group("n").replace(",", "") + (match.group("frac") or ""))
        value = int(number * _SCALE_VALUE.get(scale, 1))
        atoms.append(_Atom(match.start(), match.end(), value, False))
    return atoms


def _vague_atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for match in _VAGUE.finditer(text):
        head = (match.group("few") or match.group("plural") or "").lower().split()[-1]
        value = _VAGUE_VALUE[head] * _SCALE_VALUE.get((match.group("scale") or "").lower(), 1)
        value *= _OF_VALUE.get((match.group("of") or "").lower(), 1)
        atoms.append(_Atom(match.start(), match.end(), value, True))
    return atoms


def _is_not_count(atom: _Atom, text: str) -> bool:
    """True when the context shows the number is an id, year, time, percentage or modifier."""
    if atom.vague:
        return False
    before = text[max(0, atom.start - 24) : atom.start]
    after = text[atom.end : atom.end + 12]
    raw = text[atom.start : atom.end]
    if _ID_BEFORE.search(before) or _NOT_COUNT_AFTER.match(after):
        return True
    if raw.lower() == "one" and _NO_ONE.search(before):
        return True
    if re.fullmatch(r"(?:1[89]|20)[0-9]{2}", raw):
        return bool(_YEAR_BEFORE.search(before) or _YEAR_RANGE_BEFORE.search(before))
    return False


_YEAR_RANGE_BEFORE = re.compile(r"(?:1[89]|20)[0-9]{2}\s*[-\u2013/]\s*\Z")


def _atoms(text: str) -> list[_Atom]:
    """All number atoms that can be counts, non-overlapping, in text order."""
    date_spans = [(c.start, c.end) for c in find_candidates(text)]
    found = _word_atoms(text) + _digit_atoms(text) + _vague_atoms(text)
    found.sort(key=lambda a: (a.start - a.end, a.start))
    kept: list[_Atom] = []
    for atom in found:
        if any(atom.start < e and s < atom.end for s, e in date_spans):
            continue
        if any(atom.start < k.end and k.start < atom.end for k in kept):
            continue
        if not _is_not_count(atom, text):
            kept.append(atom)
    kept.sort(key=lambda a: a.start)
    return kept


def _range_start(text: str, first: _Atom, second: _Atom) -> int | None:
    """Start of the range phrase if ``first`` and ``second`` form one, else None."""
    if first.vague or second.vague or first.value >= second.value:
        return None
    gap = text[first.end : second.start]
    lead = _RANGE_LEAD.search(text[max(0, first.start - 12) : first.start])
    lead_word = lead.group("lead").lower() if lead else ""
    if _AND_GAP.fullmatch(gap):
        ok = lead_word == "between"
    else:
        ok = _RANGE_GAP.fullmatch(gap) is not None
    if not ok:
        return None
    return first.start - (len(lead.group(0)) if lead else 0) if lead_word else first.start


def _modifier(text: str, start: int) -> tuple[str, int] | None:
    """The modifier kind ending right before ``start`` and where it begins."""
    window_start = max(0, start - 32)
    match = _MODIFIER.search(text[window_start:start])
    if match is None:
        return None
    kind = next(k for k in ("more", "least", "most", "under", "about") if match.group(k))
    return kind, window_start + match.start()


def _bounds(kind: str | None, n: int) -> tuple[int | None, int | None, int | None]:
    if kind == "more":
        return n + 1, n + 1, None
    if kind == "least":
        return n, n, None
    if kind == "most":
        return None, n, n
    if kind == "under":
        return None, max(n - 1, 0), max(n - 1, 0)
    if kind == "about":
        return None, n, None
    return n, n, n


def _quantity(text: str, start: int, end: int, bounds: tuple[int | None, ...]) -> Quantity:
    low, best, high = bounds
    return Quantity(low, best, high, text[start:end], start, end)


def find_quantities(text: str) -> list[Quantity]:
    """Number phrases in ``text`` with ``text[q.start:q.end] == q.text``; never raises."""
    if not isinstance(text, str) or not text:
        return []
    atoms = _atoms(text)
    out: list[Quantity] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        if i + 1 < len(atoms) and (start := _range_start(text, atom, atoms[i + 1])) is not None:
            second = atoms[i + 1]
            modifier = _modifier(text, start)
            if modifier and modifier[0] == "about":
                start = modifier[1]
            mid = (atom.value + second.value) // 2
            out.append(_quantity(text, start, second.end, (atom.value, mid, second.value)))
            i += 2
            continue
        i += 1
        if atom.vague:
            out.append(_quantity(text, atom.start, atom.end, (atom.value, atom.value, None)))
            continue
        start, end, kind = atom.start, atom.end, None
        modifier = _modifier(text, atom.start)
        if modifier:
            kind, start = modifier
        elif suffix := _SUFFIX.match(text[atom.end : atom.end + 12]):
            kind = "least" if suffix.group("suffix").lower() == "more" else "about"
            end = atom.end + suffix.end()
        out.append(_quantity(text, start, end, _bounds(kind, atom.value)))
    return out


def parse_quantity(phrase: str) -> Quantity | None:
    """The longest number phrase in ``phrase`` (offsets relative to it), or None."""
    found = find_quantities(phrase)
    return max(found, key=lambda q: q.end - q.start) if found else None
