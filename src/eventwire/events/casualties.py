"""How many were killed and wounded: number phrases tied to death and injury words.

A number counts as fatalities when it counts people (or stands alone) and the parse connects it
to a death word ("three soldiers were killed", "killing 12", "left 9 dead", "the death toll rose
to 14"); as injuries when connected to an injury word. Several figures for one event are
combined: coordinated groups add up ("three soldiers and two civilians were killed"); otherwise
the highest figure wins, since follow-up sentences usually raise a toll ("rose to 14 from 9").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.events import lexicon as lx
from eventwire.events.phrases import counted_noun
from eventwire.quantities import Quantity, find_quantities

_NON_PERSON_UNITS = {"year", "years", "month", "months", "day", "days", "hour", "hours", "minute", "minutes",
                     "km", "kilometers", "kilometres", "miles", "meters", "metres", "percent", "dollars", "pesos",
                     "kg", "kilograms", "pounds", "times", "vehicles", "cars", "houses", "homes", "buildings", "rounds"}


@dataclass(frozen=True)
class Casualty:
    kind: str  # "fatalities" | "injuries"
    quantity: Quantity  # offsets are document offsets
    group_token: int  # token index of the counted noun (for summing coordinated groups)


def _effect(noun: Token, num: Token) -> str | None:
    """'fatalities', 'injuries' or None for the number ``num`` counting ``noun``."""
    def word_kind(t: Token) -> str | None:
        low, lemma = t.lower_, t.lemma_.lower()
        if low in ("dead", "killed", "slain", "died", "deaths", "toll", "bodies", "fatalities", "lives", "perished") or lemma in lx.KILL_WORDS:
            return "fatalities"
        if low in lx.WOUND_WORDS or lemma in lx.WOUND_WORDS:
            return "injuries"
        return None

    # a modifier of the counted noun: "3 dead", "soldiers killed", "people wounded"
    for c in noun.children:
        if c.dep_ in ("amod", "acl", "relcl", "appos", "conj", "acomp") and c.i != num.i:
            kind = word_kind(c)
            if kind:
                return kind
    node = noun
    for _ in range(4):
        kind = word_kind(node) if node is not noun or node.pos_ != "NOUN" else None
        if kind and node is not noun:
            return kind
        if node.dep_ == "pobj" and node.head.lower_ == "from" and node.head.head.lemma_.lower() in ("rise", "climb", "increase", "jump"):
            return None  # "rose to 14 from 9": the old figure
        if node.head is node:
            break
        # the death toll: "toll rose to 14", "a death toll of 14"
        if node.head.lower_ in ("to", "of", "at") and any(t.lower_ == "toll" for t in node.head.head.subtree):
            return "fatalities"
        node = node.head
        kind = word_kind(node)
        if kind:
            return kind
        # "shot dead three villagers", "beaten to death"
        if node.pos_ == "VERB" and any(c.lower_ in ("dead", "death") for c in node.subtree if abs(c.i - node.i) <= 3):
            return "fatalities"
    # linear fallback in the same clause: "killed at least 12", "12 people were wounded"
    doc = noun.doc
    for j in range(noun.i + 1, min(len(doc), noun.i + 5)):
        if doc[j].is_punct and doc[j].text in ";.":
            break
        kind = word_kind(doc[j])
        if kind:
            return kind
        if doc[j].pos_ == "VERB":
            break  # another verb's clause: "kidnapped the mayor and shot dead two guards"
    for j in range(max(0, num.i - 4), num.i):
        kind = word_kind(doc[j])
        if kind and doc[j].pos_ in ("VERB", "NOUN"):
            return kind
    return None


def _person_noun(noun: Token) -> bool:
    """Can a count of this noun be a count of people (or of the dead and hurt)?"""
    return (noun.lower_ in lx.PERSON_NOUNS or noun.lemma_.lower() in lx.PERSON_NOUNS
            or noun.lower_ in ("dead", "wounded", "injured", "killed", "deaths", "casualties", "lives", "bodies", "fatalities", "injuries"))


def find_casualties(doc: Doc, text: str, start: int, end: int) -> list[Casualty]:
    """Killed and wounded counts stated in ``text[start:end]`` (a sentence of ``doc``)."""
    out: list[Casualty] = []
    chunk = text[start:end]
    for q in find_quantities(chunk):
        q_start, q_end = start + q.start, start + q.end
        span = doc.char_span(q_start, q_end, alignment_mode="expand")
        if span is None or q.best is None and q.low is None and q.high is None:
            continue
        num = span[-1]
        if num.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
            continue
        noun = num.head if num.dep_ in ("nummod", "quantmod", "compound") else num
        if noun.lower_ in _NON_PERSON_UNITS:
            continue
        counted = counted_noun(num)
        if counted is not None and counted.pos_ == "NOUN" and not _person_noun(counted):
            continue  # "burning dozens of homes"
        if noun is not num and noun.pos_ == "NOUN" and not _person_noun(noun):
            continue
        # "one of the wounded", "two of them": the number is the head of an of-phrase
        kind = _effect(noun, num)
        if noun.lower_ in ("deaths", "dead", "fatalities", "lives", "bodies"):
            kind = "fatalities"
        elif noun.lower_ in ("injuries", "wounded", "injured"):
            kind = kind or "injuries"
        if kind is None:
            continue
        if noun is not num and noun.i > num.i and noun.idx + len(noun) - q_start < 60:
            q_end = noun.idx + len(noun)  # "three soldiers", not just "three"
        quantity = Quantity(q.low, q.best, q.high, text[q_start:q_end], q_start, q_end)
        out.append(Casualty(kind, quantity, noun.i))
    # a single person named or counted with "a": "killed a peasant", "a policeman was wounded"
    for tok in doc.char_span(start, end, alignment_mode="expand") or []:
        if tok.lower_ in ("a", "an", "one", "the") and tok.dep_ == "det" and tok.head.tag_ == "NN" and (tok.head.lower_ in lx.PERSON_NOUNS) and tok.head.dep_ in ("dobj", "nsubjpass", "pobj"):
            noun = tok.head
            if any(c.group_token == noun.i for c in out):
                continue
            kind = _effect(noun, tok)
            if kind:
                q = Quantity(1, 1, 1, text[tok.idx : noun.idx + len(noun)], tok.idx, noun.idx + len(noun))
                out.append(Casualty(kind, q, noun.i))
    return out


def combine(casualties: list[Casualty], kind: str, doc: Doc) -> Quantity | None:
    """One low/best/high figure for an event from all its figures of one kind."""
    figures = [c for c in casualties if c.kind == kind]
    if not figures:
        return None
    if len(figures) == 1:
        return figures[0].quantity
    groups = {c.group_token for c in figures}
    conj_related = len(groups) > 1 and all(
        any(doc[g].head.i in groups or any(k.i in groups for k in doc[g].conjuncts) for _ in [0]) for g in groups
    )
    if conj_related and len(figures) == len(groups):
        low = sum(c.quantity.low or 0 for c in figures)
        best = sum(c.quantity.best or 0 for c in figures)
        high = None if any(c.quantity.high is None for c in figures) else sum(c.quantity.high or 0 for c in figures)
        first, last = min(figures, key=lambda c: c.quantity.start), max(figures, key=lambda c: c.quantity.end)
        return Quantity(low or None, best or None, high, first.quantity.text, first.quantity.start, last.quantity.end)
    return max(figures, key=lambda c: (c.quantity.best or c.quantity.low or c.quantity.high or 0, c.quantity.start)).quantity


# words that say a person died, when the person is their patient ("murdered X", "the
# assassination of X", "X was shot dead", "X died"); narrower than lexicon.KILL_WORDS, whose
# "toll", "bodies" and "lives" support a count but have no person as patient
_DEATH_LEMMAS = frozenset(
    "kill murder assassinate assassination slay execute execution massacre behead death die".split()
)
# ... or was hurt ("wounded X", "X was seriously injured")
_INJURY_LEMMAS = frozenset("wound injure hurt maim".split())
# the harm was only tried, planned or threatened: "an assassination attempt on X", "tried to
# kill X", "a plot to murder X", "threatened to execute X"
_NOT_DONE = frozenset(
    "attempt attempted try plot plan threat threaten intend want seek order conspire conspiracy "
    "survive escape foil thwart".split()
)
# singular nouns that name a group, not one person
_GROUP_NOUNS = frozenset("police people military army family crew staff personnel population".split())
_PATIENT_PATH = frozenset("dobj pobj nsubjpass appos conj compound prep npadvmod dative".split())


def _death_word(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in _DEATH_LEMMAS or tok.lower_ in ("murdered", "assassinated", "slain", "executed", "massacred"):
        return True
    # "shot dead", "shot to death", "gunned down", "beaten to death"
    if tok.pos_ == "VERB" and any(c.lower_ in ("dead", "death") for c in tok.subtree if 0 < c.i - tok.i <= 3):
        return True
    return lemma == "gun" and any(c.lower_ == "down" for c in tok.children)


def _injury_word(tok: Token) -> bool:
    return (tok.lemma_.lower() in _INJURY_LEMMAS or tok.lower_ in ("wounded", "injured", "hurt")) and not _death_word(tok)


def _harm_word(tok: Token, kind: str) -> bool:
    return _death_word(tok) if kind == "fatalities" else _injury_word(tok)


def _carried_out(word: Token) -> bool:
    """Is the harm ``word`` stated as done, not tried, planned, threatened, denied or hypothetical?

    Not the trigger filter's irrealis test (``triggers``): its heads include "condemn" and
    "call", and "the government condemned the murder of X" still says X died.
    """
    for t in (word, word.head):
        if any(c.dep_ == "neg" or c.lower_ in lx.MODALS and c.dep_ == "aux" for c in t.children):
            return False
    if any(c.lemma_.lower() in _NOT_DONE for c in word.children):
        return False  # "attempted murder", "murder attempt" as a child
    node = word
    for _ in range(3):  # "tried to kill", "an assassination attempt", "plans to murder"
        if node.head is node:
            break
        node = node.head
        if node.lemma_.lower() in _NOT_DONE:
            return False
        if node.pos_ == "VERB" and node.dep_ not in ("xcomp", "ccomp", "acl", "relcl"):
            break
    return True


def _plural(span) -> bool:  # noqa: ANN001 - spacy Span
    """Does the mention name a group ("peasants", "the police"), not one person?

    The tag alone misleads on names that end in -s ("Mario Flores" is tagged NNS in lower-case
    text), so a plural tag counts only on a one-word mention or a person noun.
    """
    root = span.root
    if root.lower_ in _GROUP_NOUNS or root.lower_ in lx.COUNT_NOUNS:
        return True  # "the police", "a number of people"
    if root.tag_ not in ("NNS", "NNPS"):
        return False
    if any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in root.children):
        return True  # "two subversives": counted, whatever the noun
    return len(span) == 1 or root.lower_ in lx.PERSON_NOUNS or root.lemma_.lower() in lx.PERSON_NOUNS


def _harm_on_path(span, kind: str) -> Token | None:  # noqa: ANN001 - spacy Span
    """A harm word of ``kind`` the parse makes the mention the patient of, within a few arcs."""
    node = span.root
    for _ in range(4):
        if node.head is node or node.head.sent != span.sent:
            return None
        dep, node = node.dep_, node.head
        if _harm_word(node, kind):
            # the subject of "killed" is its killer, but the subject of "died" the dead
            if dep in ("nsubj", "agent") and node.lemma_.lower() not in ("die", "death"):
                return None
            return node
        if dep not in _PATIENT_PATH:
            return None  # not "poss": "Carlos Guerrero's wife was shot dead", and he lives
        if node.pos_ in ("VERB", "AUX"):
            return None  # another verb's patient: "killed X and wounded Y" did not kill Y
    return None


def _harm_beside(span, kind: str) -> Token | None:  # noqa: ANN001 - spacy Span
    """A harm word right before or after the mention, when the parse of caseless text fails.

    Before: only titles, determiners and "of" in between ("the assassination of Dr Jose
    Rodriguez", "murdered university student Mario Flores"). After: a passive or "died"
    ("Luis Gomez was murdered", "the mayor died").
    """
    doc = span.doc
    for k in range(span.start - 1, max(span.start - 7, span.sent.start - 1), -1):
        tok = doc[k]
        if _harm_word(tok, kind):
            return tok
        if not (tok.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "PART") or tok.lower_ == "of" or tok.text == "."):
            break
    passive = False
    for k in range(span.end, min(span.end + 4, span.sent.end)):
        tok = doc[k]
        if tok.lower_ in ("was", "were", "been", "is", "are", "had", "has", "have"):
            passive = passive or tok.lower_ not in ("had", "has", "have")
            continue
        if tok.pos_ == "ADV":
            continue
        if _harm_word(tok, kind) and (passive and tok.tag_ == "VBN" or tok.lemma_.lower() == "die"):
            return tok
        break
    return None


def _harmed_person(span, kind: str) -> tuple[int, int] | None:  # noqa: ANN001 - spacy Span
    """Where the text says the one person named by ``span`` died (or was hurt).

    Returns the character range from the person to the harm word, or None: when no harm
    word governs the mention or stands right beside it, or when the harm was only tried,
    planned or denied.
    """
    word = _harm_on_path(span, kind) or _harm_beside(span, kind)
    if word is None or not _carried_out(word):
        return None
    return min(span.start_char, word.idx), max(span.end_char, word.idx + len(word))


def tolls_of_named(doc: Doc, text: str, victims: list[tuple[int, int]]) -> dict[str, Quantity]:
    """Death and injury tolls from victims the text says died or were hurt, one each.

    "Gunmen murdered Judge Carlos Perez", "the assassination of Attorney General Roberto
    Garcia Alvarado", "Mayor Luis Gomez was wounded": the report names no count, yet one
    person is dead (hurt) per person named, so at least that many (low and best, no high).
    A figure is given only when every harmed victim is a single person; a plural victim
    without a number ("murdered peasants") leaves that toll unknown. Someone counted dead is
    not counted hurt as well. Keys: "fatalities", "injuries".
    """
    tolls: dict[str, Quantity] = {}
    dead: set[tuple[int, int]] = set()
    for kind in ("fatalities", "injuries"):
        found: list[tuple[int, int]] = []
        unknown = False
        for start, end in victims:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0 or (start, end) in dead:
                continue
            if _plural(span):
                word = _harm_on_path(span, kind)
                unknown = unknown or (word is not None and _carried_out(word))
                continue
            where = _harmed_person(span, kind)
            if where is not None:
                found.append(where)
                if kind == "fatalities":
                    dead.add((start, end))
        if unknown or not found:
            continue
        n = len(found)
        lo, hi = min(a for a, _ in found), max(b for _, b in found)
        if hi - lo > 200:  # a long stretch is poor evidence: the first person and its harm word
            lo, hi = found[0]
        # at least: naming the dead does not say nobody else died
        tolls[kind] = Quantity(n, n, None, text[lo:hi], lo, hi)
    return tolls
