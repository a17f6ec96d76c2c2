"""Find words that report a violent incident, and drop those that do not report a real one.

A trigger is a token (or a short lemma sequence) from ``lexicon.TRIGGERS``. It is dropped when
the text says the incident did not happen or has not happened ("prevent any attacks", "could
attack", "no one was killed"), when the sentence is a sports or business metaphor, or when the
word is used in a non-violent sense ("heart attack", "a storm").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.events import lexicon as lx

_NOT_VIOLENT_BEFORE = {
    "attack": {"heart", "panic", "asthma", "cyber", "cyberattack", "verbal", "ransomware"},
    "shooting": {"film", "photo", "video", "movie"},
    "explosion": {"population", "data", "demand", "price"},
    "battle": {"legal", "court", "political", "custody", "election", "electoral", "uphill"},
    "fighting": {"crime", "corruption", "poverty", "fire"},
    "raid": {"police"},  # a police raid is an arrest operation, not an attack
    "bomb": {"photo", "box-office", "box", "bath"},
    "clash": {"verbal", "diplomatic", "political"},
    "fire": {"ceasefire", "cease"},
}
_VERB_ONLY = {"storm", "shoot", "burn", "steal", "execute", "rob", "torch", "shell", "loot", "raid", "kill", "explode", "detonate", "abduct", "kidnap", "bomb", "hijack", "murder", "slay", "stab", "behead", "assassinate", "massacre", "ambush", "attack", "clash", "riot", "lynch", "firebomb"}
_NOUN_ONLY = {"mob", "hostage", "gunman", "gunfire", "blast", "explosion", "bombing", "grenade", "landmine", "mortar", "artillery", "shelling", "dynamite", "explosive", "ied", "unrest", "arson", "robbery", "holdup", "kidnapping", "abduction", "hijacking", "assassination", "shooting", "stabbing", "firefight", "skirmish", "fighting", "battle", "killing", "detonation", "airstrike", "rioting"}
_MODALS = {"will", "would", "could", "may", "might", "should", "must", "can", "shall", "'ll", "wo", "ca"}


@dataclass(frozen=True)
class Trigger:
    """A word or phrase in the text that reports an incident."""

    start: int  # token index of the first token
    end: int  # token index after the last token
    subtype: str
    strength: float
    sentence: int  # index of the sentence in the doc
    definite: bool  # "the attack": likely refers back to an incident already reported
    generic: bool  # plural or bare noun with no specific anchor


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _match_at(doc: Doc, i: int) -> tuple[int, str] | None:
    """Longest lexicon entry starting at token i: (number of tokens, key)."""
    for n in (3, 2):
        if i + n <= len(doc):
            toks = doc[i : i + n]
            for key in (" ".join(_lemma(t) for t in toks), " ".join(t.lower_ for t in toks)):
                if key in lx.TRIGGERS:
                    return n, key
    tok = doc[i]
    for key in (_lemma(tok), tok.lower_):
        if key in lx.TRIGGERS:
            return 1, key
    # separable particle verbs: "blew the bridge up", "gunned him down", "set the bus on fire"
    lemma = _lemma(tok)
    if tok.pos_ == "VERB":
        parts = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "prep", "dobj", "acomp", "oprd", "xcomp")}
        for particle in ("up", "down", "ablaze", "fire"):
            key = f"{lemma} {particle}"
            if particle in parts and key in lx.TRIGGERS:
                return 1, key
        if lemma == "set" and any(c.lower_ == "on" and any(g.lower_ == "fire" for g in c.children) for c in tok.children):
            return 1, "set on fire"
    return None


def _is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj") and any(c.dep_ == "neg" for c in head.children):
        return True
    return any(c.lower_ in ("no", "without") for c in tok.children if c.dep_ == "det")


def _is_irrealis(tok: Token) -> bool:
    verb = tok if tok.pos_ in ("VERB", "AUX") else None
    if verb is not None and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    node = tok
    for _ in range(3):
        if node.dep_ == "ROOT" or node.head is node:
            break
        node = node.head
        lemma = _lemma(node)
        if lemma in lx.IRREALIS_HEADS or node.lower_ in _MODALS:
            return True
        if node.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in node.children) and tok.dep_ in ("xcomp", "dobj", "ccomp"):
            return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ("against", "of") and tok.head.head.lower_ in ("fight", "war", "campaign", "struggle", "danger", "threat", "risk"):
        return True
    return False


def _is_generic_noun(tok: Token) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    dets = [c for c in tok.children if c.dep_ in ("det", "amod", "nummod", "poss", "quantmod")]
    if any(c.lower_ in lx.GENERIC_DETERMINERS or c.lower_ in ("similar", "previous", "past", "frequent", "repeated", "recent", "future", "possible", "potential") for c in dets):
        return True
    plural = tok.tag_ in ("NNS", "NNPS")
    has_det = any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)
    return plural and not has_det


def _metaphor_sentence(sent: Span) -> bool:
    return sum(1 for t in sent if t.lower_ in lx.METAPHOR_CONTEXT) >= 1


def find_triggers(doc: Doc) -> list[Trigger]:
    """All incident triggers in the document that report a real, specific incident."""
    triggers: list[Trigger] = []
    sent_index = {s.start: k for k, s in enumerate(doc.sents)}
    sents = list(doc.sents)
    sent_of = [0] * len(doc)
    for k, s in enumerate(sents):
        for t in range(s.start, s.end):
            sent_of[t] = k
    metaphor = [_metaphor_sentence(s) for s in sents]
    del sent_index
    i = 0
    while i < len(doc):
        found = _match_at(doc, i)
        if found is None:
            i += 1
            continue
        n, key = found
        tok = doc[i]
        subtype, strength = lx.TRIGGERS[key]
        head_tok = doc[i + n - 1] if tok.pos_ not in ("VERB",) else tok
        lemma = _lemma(tok)
        ok = True
        if n == 1:
            if lemma in _VERB_ONLY and lemma not in _NOUN_ONLY and tok.pos_ not in ("VERB", "AUX") and lemma not in ("attack", "bomb", "clash", "riot", "massacre", "ambush", "raid", "murder", "kill", "explode"):
                ok = False
            if lemma in ("storm", "execute", "steal", "burn", "rob") and tok.pos_ != "VERB":
                ok = False
            if lemma in _NOT_VIOLENT_BEFORE and i > 0 and doc[i - 1].lower_ in _NOT_VIOLENT_BEFORE[lemma]:
                ok = False
            if tok.pos_ in ("PROPN",) and tok.ent_type_ in ("ORG", "WORK_OF_ART", "PRODUCT", "EVENT"):
                ok = False
        if ok and (_is_negated(head_tok) or _is_irrealis(head_tok)):
            ok = False
        if ok and metaphor[sent_of[i]] and strength < 1.0:
            ok = False
        if ok:
            definite = any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") or c.dep_ == "poss"
                for c in head_tok.children
            )
            triggers.append(
                Trigger(i, i + n, subtype, strength, sent_of[i], definite, _is_generic_noun(head_tok))
            )
        i += n
    return triggers
