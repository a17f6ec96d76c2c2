"""Who claimed an incident and whom the report attributes its facts to.

``claimed_by``: the subject of "claimed responsibility" / "said it carried out", or the agent
of "was claimed by". ``reported_by``: the object of "according to", or the subject of a
reporting verb ("police said", "the army said in a statement") whose complement holds the
event. Both are actor mentions with a canonical name when the actor lexicon knows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from eventwire.actors import ActorLexicon
from eventwire.events import lexicon as lx
from eventwire.events.phrases import Phrase, noun_phrase


@dataclass(frozen=True)
class Attribution:
    phrase: Phrase
    canonical: str | None
    kind: str


def _actor(tok: Token, lex: ActorLexicon, text: str, caseless: bool, full_subtree: bool = False) -> Attribution:
    if full_subtree:
        left, right = tok.left_edge, tok.right_edge
        while right.i > left.i and (right.is_punct or right.dep_ == "cc"):
            right = right.doc[right.i - 1]
        start, end = left.idx, right.idx + len(right)
        if left.lower_ in ("a", "an", "the") and left.i < right.i:
            start = left.doc[left.i + 1].idx
        ph = noun_phrase(tok)
        phrase = Phrase(start, end, ph.head_start, ph.head_end, tok.i)
    else:
        phrase = noun_phrase(tok, keep_of=True)
    surface = text[phrase.start : phrase.end]
    canonical = None
    found = lex.find(surface, caseless)
    if found:
        canonical = found[0].canonical
    else:
        canonical = lex.canonicalize(surface, caseless)
    if canonical is None:
        ents = [e for e in tok.doc.ents if e.start_char >= phrase.start and e.end_char <= phrase.end and e.label_ in ("ORG", "PERSON", "NORP", "GPE")]
        if ents:
            canonical = text[ents[0].start_char : ents[0].end_char]
    kind = "individual" if tok.ent_type_ == "PERSON" or tok.lower_ in ("spokesman", "spokeswoman", "official", "witness", "witnesses", "resident", "residents") else "organization"
    return Attribution(phrase, canonical, kind)


def find_claims(doc: Doc, text: str, sent_start: int, sent_end: int, lex: ActorLexicon, caseless: bool) -> list[Attribution]:
    """Actors that claim responsibility in the sentence ``doc[sent_start:sent_end]``."""
    out: list[Attribution] = []
    for tok in doc[sent_start:sent_end]:
        lemma = tok.lemma_.lower()
        if lemma in ("say", "announce", "claim", "state", "declare", "admit", "acknowledge") and tok.pos_ == "VERB" and _tells_own_deed(tok):
            for c in tok.children:
                if c.dep_ == "nsubj" and c.pos_ != "PRON":
                    out.append(_actor(c, lex, text, caseless))
                elif c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                    out.extend(_relative_antecedent(tok.head, lex, text, caseless))
            continue
        if lemma in ("claim", "admit", "accept", "take") and tok.pos_ == "VERB":
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            obj_words = {w.lower_ for o in objs for w in o.subtree}
            # the parser sometimes detaches "responsibility" ("for which ISIS claimed responsibility was ...")
            obj_words |= {t.lower_ for t in doc[tok.i + 1 : min(tok.i + 3, len(doc))]}
            if lemma in ("claim",) and not (obj_words & {"responsibility", "attack", "bombing", "killing", "credit", "kidnapping", "assassination", "blast", "abduction"}) and not _claims_the_incident_before(tok, objs):
                continue
            if lemma in ("admit", "accept", "take") and "responsibility" not in obj_words:
                continue
            if any(c.dep_ == "neg" for c in tok.children) or any(
                c.dep_ == "nsubj" and (c.lower_ in ("no", "none", "nobody") or any(g.lower_ == "no" for g in c.children))
                for c in tok.children
            ):
                continue  # "No one claimed responsibility", "no group has claimed"
            for c in tok.children:
                if c.dep_ == "nsubj" and c.pos_ != "PRON":
                    out.append(_actor(c, lex, text, caseless))
                elif c.dep_ == "nsubj" and c.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
                    # "the Front, which claimed responsibility for the murder, said ..."
                    out.append(_actor(tok.head, lex, text, caseless))
                elif c.dep_ == "agent":
                    out.extend(_actor(g, lex, text, caseless) for g in c.children if g.dep_ == "pobj")
        elif tok.lower_ == "claimed" and tok.dep_ in ("acl", "amod"):
            for c in tok.children:
                if c.dep_ == "agent":
                    out.extend(_actor(g, lex, text, caseless) for g in c.children if g.dep_ == "pobj")
    return out


def _claims_the_incident_before(claim: Token, objs: list[Token]) -> bool:
    """Is "claimed" a relative clause on an incident ("the bombing, which the Taliban claimed",
    "a prison riot in May that ISIS claimed", which the parse may hang on "May")?"""
    relative = [o for o in objs if o.lower_ in ("which", "that")]
    if relative and claim.dep_ == "relcl":
        return _is_incident_noun(claim.head)
    marker = next((c for c in claim.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if objs or marker is None:
        return False
    doc = claim.doc
    return any(_is_incident_noun(doc[k]) for k in range(max(0, marker.i - 5), marker.i))


def _is_incident_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and (tok.lemma_.lower() in lx.TRIGGERS or tok.lower_ in lx.TRIGGERS)


def _relative_antecedent(head: Token, lex: ActorLexicon, text: str, caseless: bool) -> list[Attribution]:
    """Who "who" is, when the parser hangs the clause on the wrong noun: "a call from the
    Extraditables -- drug kingpins -- who said they were responsible" (hung on "call")."""
    candidates = [head] + [g for p in head.children if p.dep_ == "prep" and p.lower_ in ("from", "of", "by")
                           for g in p.children if g.dep_ == "pobj"]
    for cand in candidates:
        a = _actor(cand, lex, text, caseless)
        if a.canonical or cand.ent_type_ in ("PERSON", "ORG", "NORP"):
            return [a]
    return []


_DEED_VERBS = frozenset("carry stage conduct perpetrate execute launch".split())
_OWN = frozenset("it they we its their our".split())


def _tells_own_deed(verb: Token) -> bool:
    """Does the speaker say that it, or its own people, did an incident?

    "The group said it carried out the attack", "the Islamic State said its fighters stormed
    the checkpoint", "the FMLN claims it attacked the garrison", "they said they were
    responsible for the action": the clause's subject is the
    speaker again (a pronoun, or a noun owned by one), and its verb carries out or is an
    incident.
    """
    for g in verb.children:
        if g.dep_ != "ccomp" or any(c.dep_ == "neg" for c in g.children):
            continue
        lemma = g.lemma_.lower()
        # "they were responsible for the action": the speaker owns the deed without naming it
        owned = lemma == "be" and any(c.dep_ == "acomp" and c.lower_ == "responsible" for c in g.children)
        if lemma not in _DEED_VERBS and lemma not in _incident_lemmas() and not owned:
            continue
        for x in g.children:
            if x.dep_ != "nsubj":
                continue
            if x.lower_ in _OWN or any(p.dep_ == "poss" and p.lower_ in _OWN for p in x.children):
                return True
    return False


@lru_cache(maxsize=1)
def _incident_lemmas() -> frozenset[str]:
    """Verbs that report an incident by themselves ("attacked", "bombed", "killed", "kidnapped")."""
    words = {k for k in lx.TRIGGERS if " " not in k}
    # the lexicon's other incident verbs: "blew up" (a two-word entry), and property destroyed or
    # seized, which it reads off the parse rather than a single word
    return frozenset(words | {"blow", "destroy", "seize"})


_REPORTER_HEADS = frozenset(
    """police army military ministry spokesman spokeswoman spokesperson official officials statement
    statements communique communiqué source sources witness witnesses resident residents agency
    government authorities authority governor mayor commander officer officers doctor doctors hospital
    media report reports television radio newspaper forces troops command office department council
    organization organisation group militants rebels insurgents activists monitor observatory""".split()
)


def _is_reporter(a: Attribution, tok: Token) -> bool:
    if a.canonical:
        return True
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return tok.lower_ in _REPORTER_HEADS and tok.lower_ not in ("organization", "organisation", "group") or any(
        c.dep_ in ("amod", "compound") for c in tok.children
    ) and tok.lower_ in _REPORTER_HEADS


def find_reporters(doc: Doc, text: str, sent_start: int, sent_end: int, lex: ActorLexicon, caseless: bool) -> list[Attribution]:
    """Sources the sentence ``doc[sent_start:sent_end]`` attributes its facts to."""
    out: list[Attribution] = []
    for tok in doc[sent_start:sent_end]:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            for g in doc[tok.i + 1].children:
                if g.dep_ == "pobj":
                    a = _actor(g, lex, text, caseless, full_subtree=True)
                    if _is_reporter(a, g) or g.lower_ in _REPORTER_HEADS:
                        out.append(a)
        elif tok.lemma_.lower() in lx.REPORT_VERBS and tok.pos_ == "VERB" and tok.lemma_.lower() not in ("claim",):
            for c in tok.children:
                if c.dep_ == "nsubj" and c.pos_ not in ("PRON",) and c.lower_ not in ("who", "which", "that"):
                    a = _actor(c, lex, text, caseless)
                    if _is_reporter(a, c):
                        out.append(a)
    return out
