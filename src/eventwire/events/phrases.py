"""Noun-phrase spans over a spaCy parse, as the annotators of event data mark them.

A role filler is the noun phrase without its leading article and without trailing relative
clauses or participles ("an Afghan military base located on the border" -> "Afghan military
base"); ``head`` is the head noun with its compounds ("military base").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.events.lexicon import COUNT_NOUNS, NAME_JOINERS
from eventwire.nlp.names import given_names, name_words

_LEFT_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case", "npadvmod", "advmod", "punct"}
_RESULTATIVE = frozenset({"dead", "alive"})
_DROP_FIRST = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "some", "any"}


@dataclass(frozen=True)
class Phrase:
    start: int  # character offsets into the document text
    end: int
    head_start: int
    head_end: int
    head_token: int  # token index of the syntactic head


def _left_edge(tok: Token) -> int:
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in _LEFT_DEPS or child.dep_ == "compound":
            left = min(left, child.left_edge.i)
    return left


def noun_phrase(tok: Token, keep_of: bool = False) -> Phrase:
    """The noun phrase headed by ``tok`` (character offsets)."""
    doc = tok.doc
    left = _left_edge(tok)
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "nummod", "flat") and child.i == right + 1:
            right = child.i
        elif keep_of and child.dep_ == "prep" and child.lower_ == "of" and child.i == right + 1:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                right = max(right, objs[0].i)
        elif child.dep_ == "appos" and child.ent_type_ and child.i <= right + 2 and doc[right + 1].text == "(":
            right = child.i + (1 if child.i + 1 < len(doc) and doc[child.i + 1].text == ")" else 0)
    # never start on an article, a possessive pronoun or punctuation
    while left < right and (doc[left].lower_ in _DROP_FIRST or doc[left].is_punct and doc[left].text not in "\"“‘'"):
        left += 1
    while left < right and doc[left].dep_ in ("cc", "punct", "advmod", "case") and doc[left].text not in "\"“":
        if doc[left].lower_ == "so" and left + 2 <= right and doc[left + 1].text == "-" and doc[left + 2].lower_ == "called":
            break  # "the so-called commando group", not "called commando group"
        left += 1
    # "shot dead two guards", "burned alive three villagers": the parse hangs the verb's
    # resultative adjective on the object, which starts after it
    if left < right and doc[left].lower_ in _RESULTATIVE and left > 0 and doc[left - 1].pos_ in ("VERB", "AUX"):
        left += 1
    # a bracket closed inside the phrase but opened before it ("Patriotic Union (UP) presidential
    # candidate X" parsed as one phrase from "UP"): the phrase starts after it
    for k in range(left, tok.i):
        if doc[k].text == ")" and not any(doc[j].text == "(" for j in range(left, k)):
            left = k + 1
    # a quote mark only belongs to the phrase when it is closed inside it
    span_text = doc[left : right + 1].text
    if span_text.count('"') % 2 == 1 and doc[left].text == '"':
        left += 1
    head_left = tok.i
    for child in tok.lefts:
        if child.dep_ == "compound" and child.i == head_left - 1:
            head_left = child.i
    # a flat name parsed as compounds of its last word stops at its joiner ("rivera y damas"): the
    # name goes on before it
    while head_left > left and doc[head_left].lower_ in NAME_JOINERS and doc[head_left - 1].dep_ == "compound" and doc[head_left - 1].head.i == tok.i:
        head_left -= 1
    # a compound's own compounds are the rest of a name: "[San ]Salvador cathedral", "[Las ]Guaras bridge"
    while head_left > left and doc[head_left - 1].dep_ == "compound" and doc[head_left - 1].head.i == head_left:
        head_left -= 1
    # a personal name keeps its given names, which the parse of caseless copy often leaves out of
    # the compound: "[maria elena ]diaz perez", "[federico ]estrada velez"
    if doc[head_left].lower_ in name_words():
        while head_left > left and doc[head_left - 1].lower_ in given_names() and doc[head_left - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
            head_left -= 1
    # nor inside a word: "81-[mm mortars]", "u.s[. consulate]"
    while head_left > left and not doc[head_left - 1].whitespace_ and doc[head_left - 1].text not in "\"“‘'([":
        head_left -= 1
    start = doc[left].idx
    end = doc[right].idx + len(doc[right])
    head_start = doc[head_left].idx
    head_end = tok.idx + len(tok)
    if doc[right].text in ("'s", "’s"):
        end = doc[right - 1].idx + len(doc[right - 1])
    return Phrase(start, end, head_start, max(head_end, head_start), tok.i)


def conjuncts(tok: Token) -> list[Token]:
    """The token and every noun it is coordinated with ("soldiers and police")."""
    out = [tok]
    for c in tok.conjuncts:
        if c.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            out.append(c)
    return sorted(set(out), key=lambda t: t.i)


def counted_noun(tok: Token) -> Token | None:
    """What a count noun counts ("dozens of villagers" -> villagers, "dozens of homes" ->
    homes), or None when ``tok`` is no count noun with an "of" phrase."""
    if tok.lower_ not in COUNT_NOUNS:
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) if of is not None else None
