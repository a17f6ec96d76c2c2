"""Toponym detection: spaCy's entities combined with gazetteer matching of well-known names.

The small English model misses and mislabels place names ("Tajikistan" as NORP, "Dushanbe" as
ORG), so entities alone are not enough; a bare gazetteer match is not enough either ("Mobile"
the word, "Jordan" the person). A mention is kept when NER calls it a place, or when a
well-known name is written like a proper noun and nothing in the parse says it is a person.
Case is judged on ``doc.text`` (truecased), surface strings come from ``text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from eventwire.geo.areas import DIRECTIONS
from eventwire.geo.gazetteer import NAME_ABBREV, NAME_DEMONYM, NAME_MAIN, Gazetteer
from eventwire.geo.normalize import norm
from eventwire.nlp.english import english_words
from eventwire.nlp.names import given_names, name_words, surnames

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAX_TOKENS = 6
CONNECTORS = {"of", "and", "de", "del", "la", "le", "al", "el", "upon", "on", "the", "du", "da"}
PLACE_PREPS = {"in", "from", "to", "near", "across", "into", "throughout", "at", "outside",
               "inside", "around", "toward", "towards", "via", "through", "between", "within"}
DIVISION_WORDS = {"county", "parish", "province", "district", "governorate", "oblast", "region"}
# One-word names of some division or town that, alone and without NER support, are words.
GENERIC = {"north", "south", "east", "west", "central", "centre", "center", "northern",
           "southern", "eastern", "western", "lakes", "commonwealth", "union", "capital",
           "metro", "valley", "coast", "island", "islands", "federal", "national", "easter"}
ADM1_WORDS = {"province", "state", "region", "governorate", "oblast", "prefecture", "territory"}
ADM2_WORDS = {"district", "county", "municipality", "parish", "borough", "department"}
TOWN_WORDS = {"village", "town", "city", "hamlet", "township", "capital"}
# The news agency in a wire dateline: "BOGOTA, 7 JAN 90 (EFE) --", "KABUL, Afghanistan (AP) —"
_DATELINE_AGENCY = re.compile(r"(?m)^[^\n(]{2,80}\(([^()\n]{2,40})\)\s*(?:--|—|–)")
# "the town of X": whatever the tagger calls X, it is a town
_TOWN_OF = re.compile(r"(?i)\b(?:village|town|city|hamlet|township|municipality)\s+of\s+$")
# Words after a name that only a state or province has: "New York Gov. Cuomo", "a Delaware
# limited liability company", "Texas lawmakers"; and before it: "the governor of X".
_STATE_AFTER = re.compile(
    r"(?:gov\.|governor|gubernatorial|lt\. gov|legislat|lawmakers|sen\.|senator|attorney general"
    r"|state (?:senate|house|assembly|legislature|police|troopers|patrol)|national guard"
    r"|highway patrol|(?:limited liability )?"
    r"(?:company|corporation|corp\.|llc|limited partnership)\b)")
# What stands between a name and the place that holds it: "Queens, New York", "X in Y".
CONTAINER_GAPS = frozenset({",", "in", ", in", "in the", ", in the"})
_STATE_BEFORE = re.compile(r"(?:governor|state) of $")
# "states such as California or Washington": every name of the list is a state. Two plain
# patterns (a list head, then only names and separators up to the mention), each matched once,
# so no input can make them backtrack.
_STATE_LIST_HEAD = re.compile(r"\bstates,?\s+(?:such as|like|including)\s+")
_LIST_BODY = re.compile(r"(?:[A-Z][\w.'’-]*(?![\w.'’-])|,|\band\b|\bor\b|\s)*")
FACILITY_WORDS = {"airport", "university", "hospital", "school", "college", "church", "mosque",
                  "prison", "stadium", "hotel", "station", "base", "embassy", "library",
                  "museum", "cathedral", "temple", "synagogue", "jail", "academy", "market"}
_ABBREV_SHAPE = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b[A-Z][a-z]{0,4}\.$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class Mention:
    """A toponym found in the text, with what the text says about its type and context."""

    start: int
    end: int
    key: str
    source: str  # ner | lexicon | border | part
    label: str | None = None
    hint: str | None = None  # adm1 | adm2 | city | state | container | facility | abbrev
    demonym: bool = False
    container: int | None = None  # index of the mention this one lies in ("X, Texas")
    parts: tuple[str, ...] = ()  # border: the two mention keys; part: direction


def _capitalised(doc_text: str, start: int, end: int) -> bool:
    """Every content word starts upper-case (connectors like "of" may be lower-case)."""
    for word in doc_text[start:end].split():
        w = word.strip("()\"'“”")
        if w and not w[0].isupper() and w.lower() not in CONNECTORS and not w[0].isdigit():
            return False
    return bool(doc_text[start:end][:1].isupper())


def _trim(doc: Doc, text: str, start: int, end: int) -> tuple[int, int]:
    """Strip a leading article and a trailing possessive or punctuation from an entity span."""
    s = text[start:end]
    m = re.match(r"(?i)(the|a)\s+", s)
    if m:
        start += m.end()
    s = text[start:end]
    m2 = _POSSESSIVE.search(s)
    if m2 and m2.start() > 0:
        end = start + m2.start()
    while end > start and (text[end - 1] in " ,;:-–—\"”)" or text[end - 1].isspace()):
        end -= 1
    if end - start > 1 and text[end - 1] == "." and not _ABBREV_SHAPE.search(text[start:end]):
        end -= 1  # a sentence's full stop, not "U.S." or "Calif."
    return start, end


def detect(doc: Doc, text: str, gaz: Gazetteer) -> list[Mention]:
    """All toponym mentions of a document, sorted by offset, composites included."""
    lex = gaz.lexicon
    dt = doc.text
    persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    person_words = {t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e}
    ner: list[Mention] = []
    for ent in doc.ents:
        m = _from_entity(ent, doc, dt, text, gaz)
        if m is None or (m.key in GENERIC and not m.demonym):
            continue
        if " " not in m.key and m.key in person_words and m.key not in lex:
            continue  # "Modi" tagged GPE once and PERSON elsewhere: a person
        ner.append(m)
    found = list(ner)
    facilities = [(m.start, m.end) for m in ner if m.hint == "facility"]
    scanned = list(_scan_lexicon(doc, text, lex, gaz))
    for m in scanned:
        inside_facility = any(s <= m.start and m.end <= e for s, e in facilities)
        covered = [o for o in found if o.start < m.end and m.start < o.end]
        if covered and all(m.start <= o.start and o.end <= m.end and o.source == "ner"
                           and o.end - o.start < m.end - m.start for o in covered):
            for o in covered:  # a longer known name wins: "Washington, D.C.", "New York City"
                found.remove(o)
            covered = []
        if covered and not inside_facility:
            continue
        in_person = any(s <= m.start and m.end <= e for s, e in persons)
        if in_person and not _place_context(dt, m) and not m.demonym:
            continue
        found.append(m)
    if dt != text:  # truecased copy: the capitals are guesses, a name may be a person's
        # every mention judged once, kept ones and those dropped above alike (found is drawn from both)
        personal = {id(m) for m in (*ner, *scanned) if _in_personal_name(m, found, text, lex)}
        # "adolfo mesa meneses" once, then "mesa" alone: still the man, unless "in mesa"
        name_words_here = {m.key for m in (*ner, *scanned) if id(m) in personal}
        name_words_here |= {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        found = [m for m in found if id(m) not in personal and not (
            " " not in m.key and m.key in name_words_here and m.hint is None and not m.demonym
            and _word_before(text, m) not in PLACE_PREPS)]
    agencies = [(a.start(1), a.end(1)) for a in _DATELINE_AGENCY.finditer(text)]
    if agencies:  # "LIMA, 12 MAR 24 (PRENSA SUR) --": the wire service, not a place
        found = [m for m in found if not any(s <= m.start and m.end <= e for s, e in agencies)]
    found.sort(key=lambda m: (m.start, -m.end))
    for m in found:  # "Mo." after a comma is Missouri even though Mo is a town's name too
        if m.hint is None and text[m.end - 1] == "." and any(
                c.name_type == NAME_ABBREV for c in gaz.candidates(m.key)):
            m.hint = "abbrev"
    _hints(found, dt)
    found.extend(_composites(found, text, dt, gaz))
    found.sort(key=lambda m: (m.start, -m.end))
    return found


_NEXT_WORD = re.compile(r" ([^\W\d_]+)(?: ([^\W\d_]+))?")
_PREV_WORD = re.compile(r"([^\W\d_]+) $")


def _word_before(text: str, m: Mention) -> str | None:
    """The lower-cased word right before the mention (one space between), if any."""
    prev = _PREV_WORD.search(text[max(0, m.start - 30):m.start].lower())
    return prev.group(1) if prev else None


def _in_personal_name(m: Mention, found: list[Mention], text: str, lex: dict[str, int]) -> bool:
    """In text without case, a one-word town between name words is part of a person's name:
    "adolfo mesa meneses" (Mesa, Arizona), "celina maricet ramos" (Celina, Texas), "colonel rene
    emilio ponce" (Ponce, Puerto Rico). A place preposition before it keeps it a place, and so
    does a neighbour that is a place itself ("cali, valle del cauca")."""
    if " " in m.key or m.demonym or m.hint is not None:
        return False
    p = _word_before(text, m)
    nxt = _NEXT_WORD.match(text[m.end:m.end + 30].lower())
    n, n2 = (nxt.group(1), nxt.group(2)) if nxt else (None, None)
    words = [w for w in (p, n) if w]
    if not words or p in PLACE_PREPS | {"of", "de"}:
        return False
    if any(w in lex for w in words) or any(o is not m and (o.end == m.start - 1 or o.start == m.end + 1) for o in found):
        return False
    names = name_words()
    if p in names and n in names or p in given_names() and n is None:
        return True  # "adolfo mesa meneses", "colonel rene emilio ponce, chief of staff"
    if p in given_names() and n is not None and n not in english_words() and n not in lex:
        return True  # "jose antonio rodriguez porth", "gonzalo rodriguez gacha"
    if m.key in given_names() and n in surnames() and n not in english_words() and n not in lex:
        return True  # "claudia arenas, public relations secretary" (Claudia, Mato Grosso)
    # "celina maricet ramos": a word no dictionary knows, then a surname
    return n is not None and n not in english_words() and n not in lex and n2 in surnames()


def _from_entity(ent: Span, doc: Doc, dt: str, text: str, gaz: Gazetteer) -> Mention | None:
    # ``dt`` is ``doc.text``, passed in because spaCy rebuilds that string on every access
    label = ent.label_
    if label not in PLACE_LABELS and label not in ("NORP", "ORG", "PERSON"):
        return None
    start, end = _trim(doc, text, ent.start_char, ent.end_char)
    if end <= start:
        return None
    key = norm(text[start:end])
    if not key or key.isdigit():
        return None
    if label in PLACE_LABELS:
        if not _capitalised(dt, start, end):
            return None
        if len(ent) == 1 and ent[0].pos_ != "PROPN" and key not in gaz.lexicon:
            return None  # "Gunmen attacked ...": a capitalised common noun, no place
        return Mention(start, end, key, "ner", label, "facility" if label == "FAC" else None,
                       demonym=gaz.lexicon.get(key) == NAME_DEMONYM)
    kind = gaz.lexicon.get(key)
    if kind is None:
        last = key.rsplit(" ", 1)[-1]
        if label == "ORG" and last in FACILITY_WORDS and _capitalised(dt, start, end):
            return Mention(start, end, key, "ner", label, "facility")
        if not (_capitalised(dt, start, end) and gaz.candidates(key)):
            return None
        if _TOWN_OF.search(dt[max(0, start - 30):start]):
            return Mention(start, end, key, "ner", label, "city")  # "the town of Pichari" (ORG)
        after = dt[end:end + 16].lower().split()
        unit = after[0].strip(",.") if after else ""
        if unit in ADM2_WORDS or unit in ADM1_WORDS:  # "Lakki Marwat district" (PERSON)
            return Mention(start, end, key, "ner", label, "adm2" if unit in ADM2_WORDS else "adm1")
        return None
    if label == "NORP":
        if kind != NAME_DEMONYM and not any(
                c.kind in ("country", "region", "continent") for c in gaz.candidates(key)):
            return None  # "Western", "Islamist": groups of people, not places
        return Mention(start, end, key, "ner", label, demonym=kind == NAME_DEMONYM)
    # ORG/PERSON naming a well-known place: the small model's usual slip for capitals.
    m = Mention(start, end, key, "lexicon", label, demonym=kind == NAME_DEMONYM)
    if label == "PERSON" and not (m.demonym or _place_context(dt, m) or _big_unit_name(key, gaz)):
        return None
    return m


def _big_unit_name(key: str, gaz: Gazetteer) -> bool:
    """A name of two or more words that is a country's or a large province's own name
    ("Tamil Nadu", "Rhode Island"): nobody is called that, whatever the tagger thinks."""
    return " " in key and any(
        c.name_type == NAME_MAIN and (c.kind == "country" or (c.kind == "adm1" and c.population >= 1_000_000))
        for c in gaz.candidates(key))


def _place_context(dt: str, m: Mention) -> bool:
    """The word before reads as a place preposition, or a comma list of places follows."""
    before = dt[max(0, m.start - 12):m.start].split()
    after = dt[m.end:m.end + 16].lower().split()
    return ((bool(before) and before[-1].lower() in PLACE_PREPS)
            or bool(_TOWN_OF.search(dt[max(0, m.start - 30):m.start]))
            or (bool(after) and after[0].strip(",.") in ADM1_WORDS | ADM2_WORDS))  # "X district"


def _division(key: str, gaz: Gazetteer) -> int | None:
    base = key.rsplit(" ", 1)[0]
    ok = any(c.kind in ("adm1", "adm2") for c in gaz.candidates(key) or gaz.candidates(base))
    return 1 if ok else None


def _scan_lexicon(doc: Doc, text: str, lex: dict[str, int], gaz: Gazetteer) -> list[Mention]:
    """Longest gazetteer-lexicon matches over runs of capitalised tokens."""
    out: list[Mention] = []
    dt = doc.text
    toks = list(doc)
    i = 0
    while i < len(toks):
        t = toks[i]
        if not dt[t.idx:t.idx + 1].isupper():
            i += 1
            continue
        hit = None
        for n in range(min(MAX_TOKENS, len(toks) - i), 0, -1):
            span = doc[i:i + n]
            if n > 1 and any(tok.is_sent_start for tok in span[1:]):
                continue
            if span[0].is_space or span[-1].is_space or span[0].lower_ == "the":
                continue
            if span[-1].is_punct and not (span[-1].text == "." and n == 1):
                continue
            s, e = span.start_char, span.end_char
            key = norm(text[s:e])
            kind = lex.get(key)
            if kind is None and n > 1 and span[-1].lower_ in DIVISION_WORDS:
                kind = _division(key, gaz)  # "Metcalfe County": divisions are not in the lexicon
            if kind is None or not _capitalised(dt, s, e):
                continue
            if n == 1 and key in GENERIC and kind != NAME_DEMONYM:
                continue
            if not _lexicon_ok(span, text, kind):
                continue
            hit = Mention(s, e, key, "lexicon", None, demonym=kind == NAME_DEMONYM)
            if kind == NAME_ABBREV:
                hit.hint = "abbrev"
            break
        if hit is None:
            i += 1
            continue
        out.append(hit)
        i += len(doc.char_span(hit.start, hit.end, alignment_mode="expand"))
    return out


def _lexicon_ok(span: Span, text: str, kind: int) -> bool:
    """Reject matches that are ordinary words or abbreviations out of their slot."""
    surface = text[span.start_char:span.end_char]
    if kind == NAME_ABBREV:
        before = text[max(0, span.start_char - 2):span.start_char]
        return "." in surface and (before.startswith(",") or len(norm(surface)) > 2)
    if kind == NAME_DEMONYM:
        return span[-1].pos_ in ("ADJ", "PROPN", "NOUN")
    if len(span) == 1:
        tok = span[0]
        if tok.pos_ not in ("PROPN",) and (tok.is_sent_start or tok.is_stop):
            return False
        if tok.pos_ in ("VERB", "AUX", "PRON", "DET", "ADP", "CCONJ"):
            return False
    return True


def _in_state_list(dt: str, start: int) -> bool:
    """The mention at ``start`` is in a list that opens "states such as/like/including"."""
    window = dt[max(0, start - 120):start]
    heads = list(_STATE_LIST_HEAD.finditer(window))
    return bool(heads) and _LIST_BODY.fullmatch(window, heads[-1].end()) is not None


def _hints(ms: list[Mention], dt: str) -> None:
    """Type words around a mention ("X province", "village of X") and containment ("X, Y")."""
    for i, m in enumerate(ms):
        after = dt[m.end:m.end + 16].lower().split()
        before = dt[max(0, m.start - 20):m.start].lower().split()
        last_word = m.key.rsplit(" ", 1)[-1]
        if last_word in ADM1_WORDS or (after and after[0].strip(",.") in ADM1_WORDS):
            m.hint = m.hint or "adm1"
        elif last_word in ADM2_WORDS or (after and after[0].strip(",.") in ADM2_WORDS):
            m.hint = m.hint or "adm2"
        elif len(before) >= 2 and before[-1] == "of" and before[-2] in TOWN_WORDS:
            m.hint = m.hint or "city"
        elif (_STATE_AFTER.match(dt[m.end:m.end + 40].lower().lstrip(" '’s"))
              or _STATE_BEFORE.search(dt[max(0, m.start - 20):m.start].lower())
              or _in_state_list(dt, m.start)):
            m.hint = m.hint or "state"
        if i + 1 < len(ms) and not ms[i + 1].demonym:
            gap = re.sub(r"\s+", " ", dt[m.end:ms[i + 1].start]).strip()
            if gap in CONTAINER_GAPS:
                m.container = i + 1
                nxt = ms[i + 1]
                listed = re.match(r"\s*(?:,|and\b|or\b)\s*[A-Z]", dt[nxt.end:nxt.end + 8]) or \
                    re.search(r"(?:,|\band|\bor)\s*$", dt[max(0, m.start - 6):m.start])
                if not listed:  # "Queens, New York," but not "Washington, New York and Boston"
                    nxt.hint = nxt.hint or "container"

_BORDER_BETWEEN = re.compile(
    r"(?i)\bborders?(?:\s+(?:areas?|regions?|zones?|lands|districts|crossings?))?\s+(?:between|of)\s+$")
_BORDER_AFTER = re.compile(r"(?i)^\s*(?:-|–|—|/)\s*$")
_BORDER_TAIL = re.compile(r"(?i)\s+(?:border|frontier)s?\b")


def _composites(ms: list[Mention], text: str, dt: str, gaz: Gazetteer) -> list[Mention]:
    """Border areas ("border between A and B", "A-B border") and parts ("northern A")."""
    out: list[Mention] = []
    for i, m in enumerate(ms):
        head = dt[max(0, m.start - 60):m.start]
        if i + 1 < len(ms) and _BORDER_BETWEEN.search(head):
            nxt = ms[i + 1]
            if re.fullmatch(r"\s+and\s+(the\s+)?", dt[m.end:nxt.start]):
                b = _BORDER_BETWEEN.search(head)
                assert b is not None
                start = m.start - (len(head) - b.start())
                out.append(Mention(start, nxt.end, f"{m.key}|{nxt.key}", "border",
                                   parts=(m.key, nxt.key)))
        if i + 1 < len(ms):
            nxt = ms[i + 1]
            tail = _BORDER_TAIL.match(dt[nxt.end:nxt.end + 12])
            if _BORDER_AFTER.match(dt[m.end:nxt.start]) and tail:
                out.append(Mention(m.start, nxt.end + tail.end(), f"{m.key}|{nxt.key}", "border",
                                   parts=(m.key, nxt.key)))
        word = re.search(r"([A-Za-z\-]+)\s+$", dt[max(0, m.start - 20):m.start])
        if (word and word.group(1).lower() in DIRECTIONS and not m.demonym
                and any(c.kind == "country" for c in gaz.candidates(m.key))):
                s = m.start - len(word.group(0))
                out.append(Mention(s, m.end, m.key, "part", parts=(word.group(1).lower(),)))
    return out
