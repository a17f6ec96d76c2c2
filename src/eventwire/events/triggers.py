"""Find words that report a violent incident, and drop those that do not report a real one.

A trigger is a token (or a short lemma sequence) from ``lexicon.TRIGGERS``. It is dropped when
the text says the incident did not happen or has not happened ("prevent any attacks", "could
attack", "no one was killed"), when the sentence is a sports or business metaphor, or when the
word is used in a non-violent sense ("heart attack", "a storm").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

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


_FIRST_WORDS = frozenset(k.split()[0] for k in lx.TRIGGERS)


def _match_at(doc: Doc, i: int, lemmas: list[str], lowers: list[str]) -> tuple[int, str] | None:
    """Longest lexicon entry starting at token i: (number of tokens, key)."""
    if lemmas[i] not in _FIRST_WORDS and lowers[i] not in _FIRST_WORDS:
        if lemmas[i] not in ("set", "gun", "blow", "hold", "open"):
            return None
    for n in (3, 2):
        if i + n <= len(doc):
            for key in (" ".join(lemmas[i : i + n]), " ".join(lowers[i : i + n])):
                if key in lx.TRIGGERS:
                    return n, key
    tok = doc[i]
    for key in (lemmas[i], lowers[i]):
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
        if lemma == "set" and any(
                t.lower_ == "fire" and t.head.lower_ == "on" and 0 < t.i - tok.i <= _SET_ON_FIRE_REACH for t in tok.subtree):
            return 1, "set on fire"  # "set two trucks loaded with minerals on fire" too
    return None


# words from "set" to "fire" in "set [the object] on fire"
_SET_ON_FIRE_REACH = 10


def _is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj") and any(c.dep_ == "neg" for c in head.children):
        return True
    return any(c.lower_ in ("no", "without") for c in tok.children if c.dep_ == "det")


def _is_irrealis(tok: Token) -> bool:
    verb = tok if tok.pos_ in ("VERB", "AUX") else None
    if verb is not None and any(c.dep_ == "aux" and c.lower_ in lx.MODALS for c in verb.children):
        return True
    node = tok
    steps = 0
    while steps < 3:
        if node.dep_ == "ROOT" or node.head is node:
            break
        # a verb coordinated with another is its own assertion: in "the rebels called for a
        # strike and attacked a police post" the attack is no call; the walk goes on above both
        coordinated = node.dep_ == "conj" and node.pos_ == "VERB" and node.head.pos_ == "VERB"
        node = node.head
        if coordinated:
            continue
        steps += 1
        lemma = _lemma(node)
        if lemma in lx.IRREALIS_HEADS or node.lower_ in lx.MODALS:
            return True
        if node.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in lx.MODALS for c in node.children) and tok.dep_ in ("xcomp", "dobj", "ccomp"):
            return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ("against", "of") and tok.head.head.lower_ in ("fight", "war", "campaign", "struggle", "danger", "threat", "risk"):
        return True
    return False


_GENERIC_ADJ = frozenset("similar previous past frequent repeated recent future possible potential sporadic ongoing regular daily weekly occasional periodic continued renewed persistent".split())


_TALLY_PERIOD = frozenset("decades years year months weeks days past recent since far".split())


# verbs that deliver a weapon onto a target
_DELIVERY_VERBS = frozenset("hurl throw toss lob plant place detonate explode launch fire drop".split())


def _thousands(tok: Token) -> bool:
    """Is the noun (or number) counted in thousands ("100,000 persons", "40,000", "1 million")?"""
    for w in (tok, *(c for c in tok.children if c.dep_ == "nummod")):
        digits = w.text.replace(",", "")
        if (digits.isdigit() and int(digits) >= 1000) or w.lower_ in ("thousand", "thousands", "million", "millions"):
            return True
        if any(c.lower_ in ("thousand", "million") for c in w.children if c.dep_ in ("compound", "quantmod", "nummod")):
            return True
    return False


def _is_generic_noun(tok: Token) -> bool:
    generic_dets = lx.GENERIC_DETERMINERS | {"each"}
    if tok.pos_ == "VERB":
        # "each village burned in reprisal", "every strike that kills": generic subjects
        if tok.dep_ in ("acl", "relcl") and any(c.dep_ == "det" and c.lower_ in generic_dets for c in tok.head.children):
            return True
        if tok.lemma_.lower() == "fight" and any(c.dep_ == "prep" and c.lower_ in ("for", "over") for c in tok.children):
            return True  # "gangs fighting for control of …" describes a conflict, not an incident
        if tok.tag_ == "VBG" and tok.dep_ == "acl" and tok.head.tag_ in ("NNS", "NNPS"):
            return True
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if tok.tag_ == "VBG" and "been" in auxes:
            return True  # "has been fighting the army since April": an ongoing conflict
        if auxes & {"have", "has", "'ve"} and any(
            c.dep_ in ("prep", "npadvmod", "advmod") and any(w.lower_ in _TALLY_PERIOD for w in c.subtree)
            for c in tok.children
        ):
            # "have killed dozens of elders over the past two decades", "five judges have been
            # killed in two months", "so far this year": a record, not an incident
            return True
        if tok.dep_ == "relcl" and auxes & {"have", "has", "'ve"} and _thousands(tok.head):
            return True  # "the more than 100,000 persons who have been murdered": a record too
        clause = tok.head if tok.dep_ == "conj" and tok.head.pos_ == "VERB" else tok
        present = tok.tag_ in ("VBP", "VBZ") or clause is not tok and tok.tag_ == "VB"  # "who kidnap and [murder]"
        if (present and clause.dep_ == "relcl" and clause.tag_ in ("VBP", "VBZ") and clause.head.pos_ in ("NOUN", "PROPN")
                and not any(c.dep_ in ("aux", "auxpass") for c in (*tok.children, *clause.children))):
            return True  # "the persons they kidnap", "the police who kidnap and murder": a habit, not an act
        return any(
            c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "det" and g.lower_ in generic_dets for g in c.children)
            for c in tok.children
        )
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    dets = [c for c in tok.children if c.dep_ in ("det", "amod", "nummod", "poss", "quantmod")]
    if any(c.lower_ in lx.GENERIC_DETERMINERS or c.lower_ in _GENERIC_ADJ for c in dets):
        return True
    if tok.dep_ == "conj" and _is_generic_noun(tok.head):
        return True  # "sporadic clashes and shelling"
    if tok.dep_ == "dobj" and _lemma(tok.head) in _DELIVERY_VERBS:
        return False  # "hurled explosives at a market": weapons used in one act
    plural = tok.tag_ in ("NNS", "NNPS") and tok.lower_ not in ("gunmen", "militants", "attackers", "assailants", "bombers", "kidnappers", "insurgents", "rebels")
    has_det = any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)
    return plural and not has_det


_WEAPON_TRIGGERS = frozenset("bomb explosive dynamite grenade landmine mortar artillery ied".split())


def _not_an_incident_use(tok: Token) -> bool:
    """Incident words that name a thing, not an incident.

    "kidnapping ring", "bomb squad", "grenade launchers", "detonating plugs" (a modifier of a
    noun that is no incident); "seized six grenades and dynamite" (a weapon held, not used).
    """
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.lower_ in lx.NOT_AN_INCIDENT_HEADS:
        return True
    if _a_charge(tok):
        return True
    return _lemma(tok) in _WEAPON_TRIGGERS and tok.pos_ in ("NOUN", "PROPN") and held_not_used(tok)


def _a_charge(tok: Token) -> bool:
    """A bare crime name someone is jailed, tried or wanted for: "doing time for kidnapping
    children, extortion, murder", "sentenced for double murder", "convicted of kidnapping".
    With a determiner, an "of" or a specific object it is an incident again: "arrested for the
    murder of the judge", "accused of assassinating X"; a weapon is never a charge.
    """
    if _lemma(tok) in _WEAPON_TRIGGERS or any(c.dep_ in ("det", "poss") for c in tok.children) or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return False
    if tok.pos_ == "VERB" and not any(
            c.dep_ == "dobj" and c.tag_ == "NNS" and not any(g.dep_ in ("det", "poss", "nummod") for g in c.children)
            for c in tok.children):
        return False  # "arrested for kidnapping two engineers", "accused of assassinating X": it happened
    node = tok
    for _ in range(8):  # up a list of crimes: "kidnapping children, extortion, murder"
        if node.dep_ not in ("conj", "dobj", "appos") or node.head is node:
            break
        node = node.head
    if node.dep_ not in ("pobj", "pcomp"):
        return False
    # each charge word has its own prepositions: "charged with murder", but "a charge of dynamite"
    return node.head.lower_ in lx.CHARGE_HEADS.get(_lemma(node.head.head), ())


def held_not_used(tok: Token, verbs: frozenset[str] = lx.WEAPON_HELD_VERBS) -> bool:
    """Is the thing a weapon found, seized or carried rather than used ("seized six grenades",
    "a truck with 15 kg of dynamite", "explosives were found")?"""
    node = tok
    for _ in range(8):
        if node.dep_ not in ("conj", "appos", "pobj", "prep", "dobj", "nsubjpass", "compound", "nmod"):
            return False
        node = node.head
        if node.pos_ == "VERB" and _lemma(node) in _LISTING_VERBS and node.dep_ in ("relcl", "acl", "prep") and node.head.pos_ in ("NOUN", "PROPN"):
            node = node.head  # "stole their weapons, which consisted of 8 rifles and 1 grenade"
            continue
        if node.pos_ == "VERB":
            return _lemma(node) in verbs
    return False


_LISTING_VERBS = frozenset({"consist", "include", "comprise"})


def _paragraph_words(doc: Doc) -> list[set[str]]:
    """The lower-cased words of each token's paragraph (one line of the article)."""
    out: list[set[str]] = []
    current: list[int] = []
    words: set[str] = set()
    for tok in doc:
        current.append(tok.i)
        words.add(tok.lower_)
        if "\n" in tok.text or "\n" in tok.whitespace_ or tok.i == len(doc) - 1:
            out.extend([words] * len(current))
            current, words = [], set()
    return out


def _non_violent_context(tok: Token, strength: float, sent_words: set[str], para_words: set[str]) -> bool:
    """Sport, business, accident or drill context that makes a violent word not an incident."""
    violent = bool(sent_words & lx.VIOLENT_CONTEXT)
    if strength < 1.0 and not violent and (sent_words & lx.METAPHOR_CONTEXT or len(para_words & lx.METAPHOR_CONTEXT) >= 2):
        return True
    if sent_words & lx.ACCIDENT_CONTEXT and not violent and (strength < 0.9 or tok.lemma_.lower() in ("explode", "explosion", "blast", "burn", "fire")):
        return True
    if sent_words & lx.EXERCISE_CONTEXT and not violent and not sent_words & {"killed", "wounded", "injured", "dead"}:
        return True
    return False


def _captor(tok: Token) -> bool:
    """Does the phrase name an armed group or kidnappers ("the rebels", "his kidnappers", "the FMLN")?"""
    return tok.lower_ in lx.CAPTOR_HEADS or tok.lemma_.lower() in lx.CAPTOR_HEADS


def _person_subject(verb: Token) -> bool:
    """Is the subject of the clause a person ("the engineer has been in the hands of ...")?"""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.ent_type_ == "PERSON" or c.lemma_.lower() in lx.PERSON_NOUNS or c.lower_ in lx.PERSON_NOUNS or c.lower_ in ("who", "he", "she", "they"))
        for c in verb.children
    )


def _held_captive(doc: Doc, i: int) -> bool:
    """People held by an armed group: "two women who have been held by the Extraditables since
    December", "held captive by rebels", "remains in the hands of his kidnappers"."""
    tok = doc[i]
    if tok.pos_ == "VERB" and _lemma(tok) == "hold":
        passive = tok.tag_ == "VBN"
        if any(c.lower_ in lx.CAPTIVE_WORDS for c in tok.children if c.dep_ in ("oprd", "acomp", "xcomp", "advmod", "attr", "dobj") and c.lower_ != "hostage"):
            return passive
        if not passive:
            # "drug traffickers are holding Senator Federico Estrada Velez": a captor holding people
            return any(c.dep_ == "nsubj" and _captor(c) for c in tok.children) and any(
                c.dep_ == "dobj" and any(
                    w.ent_type_ == "PERSON" or w.lemma_.lower() in lx.PERSON_NOUNS or w.lower_ in lx.PERSON_NOUNS
                    for w in (c, *(g for g in c.children if g.dep_ == "compound")))
                for c in tok.children
            )
        return any(
            c.dep_ == "agent" and any(g.dep_ == "pobj" and _captor(g) for g in c.children) for c in tok.children
        )
    if tok.lower_ == "hands" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and _person_subject(tok.head.head):
        return any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.lower_ in lx.CAPTOR_HEADS for g in c.children)
            for c in tok.children
        )
    return False


def _destroyer(tok: Token) -> bool:
    return _captor(tok) or tok.lower_ in ("commando", "commandos", "sapper", "sappers", "saboteur", "saboteurs")


def _destroyed_by_armed_group(doc: Doc, i: int) -> bool:
    """Property destroyed by an armed group ("guerrillas destroyed 10 power towers", "a bridge
    destroyed by rebels"); a storm, a fire or the army destroying something is no incident."""
    tok = doc[i]
    if tok.pos_ != "VERB" or _lemma(tok) != "destroy":
        return False
    # "guerrillas blocked and destroyed the road": the subject of the first verb
    verbs = [tok, tok.head] if tok.dep_ == "conj" and tok.head.pos_ == "VERB" else [tok]
    if any(c.dep_ == "nsubj" and _destroyer(c) for v in verbs for c in v.children):
        return True
    return any(c.dep_ == "agent" and any(g.dep_ == "pobj" and _destroyer(g) for g in c.children) for c in tok.children)


# narrower than lexicon.UNNAMED_PERPETRATOR_NOUNS: with "men" or "individuals" as its subject
# "wounded" added only fillers MUC-4 does not key (train[:1200] rules only: 3 more, none true)
_ATTACKER_HEADS = frozenset({"attacker", "attackers", "assailant", "assailants", "assassin", "assassins"})


def _wounded_by_attackers(doc: Doc, i: int) -> bool:
    """People hurt by armed men or attackers ("the attackers, armed with knives, injured six
    people"): "wounded" alone only adds casualties to an incident, but with its doers named
    it is the incident."""
    tok = doc[i]
    if tok.pos_ != "VERB" or _lemma(tok) not in ("wound", "injure"):
        return False
    return any(c.dep_ == "nsubj" and (_captor(c) or c.lower_ in _ATTACKER_HEADS) for c in tok.children) and any(
        c.dep_ == "dobj" for c in tok.children)


# who or what a threat can be against: a name, a pronoun or a person noun, not "national security"
_THREATENED_PRONOUNS = frozenset("him her them me us you his their our my your".split())


def _threatened_party(tok: Token) -> bool:
    return (
        tok.ent_type_ in ("PERSON", "ORG", "NORP")
        or tok.lower_ in _THREATENED_PRONOUNS
        or tok.lemma_.lower() in lx.PERSON_NOUNS
        or tok.lower_ in lx.PERSON_NOUNS
    )


def _threat_of_violence(doc: Doc, i: int) -> bool:
    """A specific threat of violence against someone: "the archbishop received death threats",
    "threats were made against the candidate", "she was threatened with death", "the rebels
    threatened to kill election officials". Threats to resign, to a peace process or to national
    security are not; nor are threats with no one threatened ("the threat of terrorism")."""
    tok = doc[i]
    lemma = _lemma(tok)
    if lemma == "threat" and tok.pos_ == "NOUN":
        if any(c.lemma_.lower() == "death" and c.dep_ in ("compound", "amod", "nmod") for c in tok.children):
            return True
        preps = [c for c in tok.children if c.dep_ == "prep"]
        if tok.dep_ in ("nsubjpass", "dobj") and _lemma(tok.head) in ("make", "issue", "send"):
            preps += [c for c in tok.head.children if c.dep_ == "prep"]
        return any(
            p.lower_ in ("against", "to", "on") and any(g.dep_ == "pobj" and _threatened_party(g) for g in p.children)
            or p.lower_ == "of" and any(g.dep_ == "pobj" and g.lemma_.lower() == "death" for g in p.children)
            for p in preps
        )
    if lemma == "threaten" and tok.pos_ == "VERB":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "with" and any(g.lemma_.lower() == "death" for g in c.children if g.dep_ == "pobj"):
                return True
            if c.dep_ == "xcomp" and _lemma(c) in lx.THREATENED_HARM:
                return True
    return False


# triggers read off the parse rather than the lexicon
_PARSED_TRIGGERS = {
    "held captive": ("kidnapping", 0.8),
    "destroyed by armed group": ("sabotage", 0.8),
    "wounded by attackers": ("armed_attack", 0.8),
    "threat of violence": ("threat", 0.7),
}


def find_triggers(doc: Doc) -> list[Trigger]:
    """All incident triggers in the document that report a real, specific incident."""
    triggers: list[Trigger] = []
    sent_index = {s.start: k for k, s in enumerate(doc.sents)}
    sents = list(doc.sents)
    sent_of = [0] * len(doc)
    for k, s in enumerate(sents):
        for t in range(s.start, s.end):
            sent_of[t] = k
    sent_words = [{t.lower_ for t in s} for s in sents]
    para_words = _paragraph_words(doc)
    del sent_index
    lemmas = [_lemma(t) for t in doc]
    lowers = [t.lower_ for t in doc]
    i = 0
    while i < len(doc):
        found = _match_at(doc, i, lemmas, lowers)
        if found is None and lemmas[i] in ("hold", "hand") and _held_captive(doc, i):
            found = (1, "held captive")
        if found is None and lemmas[i] == "destroy" and _destroyed_by_armed_group(doc, i):
            found = (1, "destroyed by armed group")
        if found is None and lemmas[i] in ("wound", "injure") and _wounded_by_attackers(doc, i):
            found = (1, "wounded by attackers")
        if found is None and lemmas[i] in ("threat", "threaten") and _threat_of_violence(doc, i):
            found = (1, "threat of violence")
        if found is None:
            i += 1
            continue
        n, key = found
        tok = doc[i]
        subtype, strength = lx.TRIGGERS.get(key) or _PARSED_TRIGGERS[key]
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
        if ok and (_is_negated(head_tok) or _is_irrealis(head_tok) or _not_an_incident_use(head_tok)):
            ok = False
        if ok and _non_violent_context(tok, strength, sent_words[sent_of[i]], para_words[i]):
            ok = False
        if ok and lemma in ("kill", "killing", "die") and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in ("war", "conflict", "violence", "fighting", "insurgency", "disease", "famine")
            for c in head_tok.children
        ):
            ok = False  # "a civil war that killed half a million" is history, not an incident
        if ok:
            definite = any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") or c.dep_ == "poss"
                for c in head_tok.children
            )
            # a state ("have been held since March") and threats against someone ("received
            # death threats") are reported as they are, not as general talk about incidents
            held = key in ("held captive", "threat of violence")
            triggers.append(
                Trigger(i, i + n, subtype, strength, sent_of[i], definite and not held, not held and _is_generic_noun(head_tok))
            )
        i += n
    return triggers
