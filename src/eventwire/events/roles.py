"""Who did it, who and what was hit, with what: role fillers from the dependency parse.

Roles come from the syntax around each trigger (subject of an active "attacked" is the
perpetrator, the passive subject of "were killed" a victim, the object of "attack on" a target)
and from word classes (a facility noun is a target, a person noun a victim, a weapon noun a
weapon). Named armed groups found by the actor lexicon become organisation perpetrators when
the sentence makes them the agent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.actors import ActorLexicon, is_state_force
from eventwire.events import lexicon as lx
from eventwire.events.phrases import Phrase, conjuncts, counted_noun, noun_phrase
from eventwire.nlp.english import english_words
from eventwire.nlp.names import given_names, name_words

_PLACE_PREPS = {"near", "at", "outside", "inside", "in", "on", "against", "into", "toward", "towards", "behind", "beside", "opposite", "from", "to"}
_EVENT_NOUNS = {"attack", "bombing", "explosion", "blast", "incident", "assault", "shooting", "riot", "event", "operation", "ambush", "clash", "raid", "strike", "fire", "violence", "fighting", "kidnapping", "abduction", "massacre", "killing", "airstrike", "bombardment", "shelling", "gunfire", "stabbing", "assassination", "arson"}
_AGENTLESS_VERBS = {"explode", "detonate", "go", "blast"}
_VIOLENT_VERBS = {"attack", "kill", "shoot", "bomb", "kidnap", "abduct", "murder", "assassinate", "massacre", "ambush", "storm", "raid", "burn", "torch", "set", "hijack", "rob", "loot", "detonate", "fire", "open", "plant", "throw", "hurl", "launch", "carry", "stage", "behead", "execute", "stab", "wound", "injure", "gun", "blow", "target", "strike", "hit", "seize", "capture", "riot", "clash", "destroy", "damage", "dynamite"}


@dataclass
class RoleFiller:
    phrase: Phrase
    role: str  # perpetrator | victim | target | weapon
    canonical: str | None = None
    kind: str = "individual"
    score: float = 1.0


@dataclass
class Roles:
    fillers: list[RoleFiller] = field(default_factory=list)

    def add(self, filler: RoleFiller) -> None:
        for f in self.fillers:
            if f.role == filler.role and f.phrase.start == filler.phrase.start and f.phrase.end == filler.phrase.end:
                return
        self.fillers.append(filler)


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _word_class(tok: Token, lex: ActorLexicon) -> str | None:
    """'person', 'facility', 'weapon', 'actor', or None, for a noun phrase head."""
    low = tok.lower_
    lemma = _lemma(tok)
    if low in lx.WEAPON_NOUNS or lemma in lx.WEAPON_NOUNS:
        return "weapon"
    if low in lx.PERSON_NOUNS or lemma in lx.PERSON_NOUNS or tok.ent_type_ == "PERSON":
        return "person"
    if low in lx.FACILITY_NOUNS or lemma in lx.FACILITY_NOUNS or tok.ent_type_ == "FAC":
        return "facility"
    if lex.is_perpetrator_noun(low) or lex.is_perpetrator_noun(lemma):
        return "person"
    if tok.pos_ in ("PROPN", "NOUN") and (lex.canonicalize(tok.text) or tok.ent_type_ in ("ORG", "NORP") and lex.canonicalize(noun_text(tok))):
        return "actor"
    if _personal_name(tok):
        return "person"
    return None


def _personal_name(tok: Token) -> bool:
    """A surname after a given name ("mario gomez", "guillermo ungo"): a person even where the
    tagger and NER, reading lower-case copy, see a common noun. The surname is a known one or
    no English word; the parse of caseless copy attaches the given name in several ways."""
    return tok.pos_ in ("PROPN", "NOUN") and (tok.lower_ in name_words() or tok.lower_ not in english_words()) and any(
        c.dep_ in ("compound", "nmod", "amod") and c.i < tok.i and c.lower_ in given_names() for c in tok.children)


def noun_text(tok: Token) -> str:
    # Doc.text re-joins every token on each access: slice the tokens instead
    ph = noun_phrase(tok)
    doc = tok.doc
    span = doc.char_span(ph.start, ph.end, alignment_mode="expand")
    return span.text if span is not None else tok.text


def _perp_kind(tok: Token, lex: ActorLexicon, text: str, caseless: bool) -> tuple[str, str | None]:
    ph = noun_phrase(tok)
    surface = text[ph.start : ph.end]
    canonical = lex.canonicalize(surface, caseless) or lex.canonicalize(text[ph.head_start : ph.head_end], caseless)
    if canonical is None:
        # "the paramilitary Rapid Support Forces (RSF)": a named group anywhere in the phrase
        left, right = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        if right - left <= 120:
            found = lex.find(text[left:right], caseless)
            if found:
                canonical = found[0].canonical
    if canonical and not lex.is_perpetrator_noun(_lemma(tok)) and not lex.is_perpetrator_noun(tok.lower_):
        return "organization", canonical
    if tok.ent_type_ == "ORG" and tok.pos_ == "PROPN":
        return "organization", canonical
    if tok.ent_type_ == "PERSON":
        return "individual", None
    return "individual", canonical


def _add_np(roles: Roles, tok: Token, role: str, lex: ActorLexicon, text: str, caseless: bool, score: float = 1.0,
            person: bool = False) -> None:
    for t in conjuncts(tok):
        counted_stop = any(c.dep_ == "nummod" for c in t.children)  # "wounding 11 others"
        if (t.pos_ == "PRON" or t.is_stop and t.pos_ != "NUM") and not counted_stop:
            continue
        if t.lower_ in _EVENT_NOUNS or _lemma(t) in _EVENT_NOUNS:
            continue
        if t.ent_type_ in ("DATE", "TIME") or t.like_num and role == "perpetrator":
            continue
        counted = counted_noun(t)
        cls = _word_class(counted or t, lex)
        use = role
        if role in ("victim", "target"):
            if cls == "facility":
                use = "target"
            elif person or cls in ("person", "actor") or t.pos_ == "NUM" and t.lower_ not in ("one",) or t.ent_type_ in ("PERSON", "NORP") or t.lower_ == "one" and any(c.lower_ == "of" for c in t.children):
                use = "victim"
            elif cls == "weapon":
                use = "weapon"
            else:
                continue  # neither a person nor a facility: "the latest", "areas", "damage"
        if role == "perpetrator" and cls in ("facility", "weapon"):
            use = "weapon" if cls == "weapon" else "target"
            if use == "target":
                continue
        name = None
        if use == "victim" and (cls == "person" or t.ent_type_ == "NORP") and t.ent_type_ != "PERSON":
            # "contra commander manuel adan rugama, alias aureliano, was shot": the caseless parse
            # makes the name an apposition of the description; the victim is the person named
            name = next((c for c in t.children if c.dep_ == "appos" and c.i > t.i and (c.ent_type_ == "PERSON" or _personal_name(c))), None)
        keep_of = counted is not None or use in ("perpetrator", "victim") and (t.lower_ in ("members", "member", "group", "leader", "leaders", "soldiers", "commander", "one", "some", "mayor", "head", "chief", "governor") or _lemma(t) in lx.KIN_NOUNS)
        ph = noun_phrase(t, keep_of=keep_of)
        if counted is not None:  # the whole count, headed by what it counts
            what = noun_phrase(counted)
            ph = Phrase(ph.start, max(ph.end, what.end), what.head_start, what.head_end, counted.i)
        if name is not None:
            named = noun_phrase(name)
            ph = Phrase(ph.start, named.end, named.start, named.end, name.i)
        if ph.end <= ph.start:
            continue
        filler = RoleFiller(ph, use, score=score)
        if use == "perpetrator":
            filler.kind, filler.canonical = _perp_kind(t, lex, text, caseless)
        roles.add(filler)


def roles_for_trigger(doc: Doc, trig_tokens: list[Token], lex: ActorLexicon, text: str, caseless: bool, roles: Roles) -> None:
    """Add the role fillers the syntax around one trigger supports."""
    for tok in trig_tokens:
        lemma = _lemma(tok)
        if lemma in ("threat", "threaten"):
            _threat_roles(tok, lex, text, caseless, roles)
        # a mis-tagged clause head ("a motorcycle shot dead a tribal elder") still has a subject
        clausal = tok.pos_ in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in tok.children)
        if clausal:
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or _threatened_subject(tok)
            # a verb coordinated without a subject of its own reads the one before it as its own
            # (a passive one reads none: the nsubj test below is for active verbs only)
            shared = _shared_subject(tok)
            for c in [*tok.children, *([shared] if shared is not None else [])]:
                if c.dep_ == "nsubj" and not passive:
                    cls = _word_class(c, lex)
                    if cls == "weapon" or lemma in _AGENTLESS_VERBS and cls != "person" and cls != "actor":
                        if cls == "weapon":
                            _add_np(roles, c, "weapon", lex, text, caseless)
                    elif c.lower_ not in _EVENT_NOUNS and _lemma(c) not in _EVENT_NOUNS:
                        _add_np(roles, c, "perpetrator", lex, text, caseless)
                elif c.dep_ == "nsubjpass":
                    _add_np(roles, c, "victim", lex, text, caseless)
                elif c.dep_ == "dobj":
                    if lemma in ("set", "plant", "throw", "hurl", "detonate", "launch", "fire", "use") and _word_class(c, lex) == "weapon":
                        _add_np(roles, c, "weapon", lex, text, caseless)
                    elif c.lower_ in ("fire",):
                        continue
                    else:
                        _add_np(roles, c, "victim", lex, text, caseless)
                elif c.dep_ == "agent":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            cls = _word_class(g, lex)
                            _add_np(roles, g, "weapon" if cls == "weapon" else "perpetrator", lex, text, caseless)
                elif c.dep_ == "prep":
                    _prep_roles(c, lex, text, caseless, roles)
        else:
            for c in tok.children:
                if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and c.pos_ in ("PROPN", "ADJ", "NOUN"):
                    canonical = lex.canonicalize(text[c.idx : c.idx + len(c)], caseless)
                    if canonical and not is_state_force(canonical):
                        ph = Phrase(c.idx, c.idx + len(c), c.idx, c.idx + len(c), c.i)
                        roles.add(RoleFiller(ph, "perpetrator", canonical, "organization"))
                        continue
                if c.dep_ == "compound" and _word_class(c, lex) == "weapon":
                    _add_np(roles, c, "weapon", lex, text, caseless)
                elif c.dep_ == "poss":
                    _add_np(roles, c, "perpetrator", lex, text, caseless)
                elif c.dep_ == "prep" and c.lower_ == "by":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            _add_np(roles, g, "perpetrator", lex, text, caseless)
                elif c.dep_ == "prep" and not _blamed_on(tok, c):
                    _prep_roles(c, lex, text, caseless, roles)
            if lex.is_perpetrator_noun(tok.lower_) and tok.lower_ not in ("mob",):
                _add_np(roles, tok, "perpetrator", lex, text, caseless)
            if _word_class(tok, lex) == "weapon" or _lemma(tok) in ("bomb", "grenade", "landmine", "ied", "mortar", "dynamite", "explosive"):
                _add_np(roles, tok, "weapon", lex, text, caseless)
            head = tok.head
            if _lemma(tok) in ("hostage", "captive") and tok.dep_ in ("oprd", "attr", "advmod", "npadvmod", "xcomp", "dobj") and _lemma(head) in ("take", "hold", "keep"):
                # "three engineers were taken hostage": who was taken is the victim (the active
                # "took two guards hostage" is read as before: hostages taken in a riot are the riot's)
                for c in head.children:
                    if c.dep_ == "nsubjpass":
                        _add_np(roles, c, "victim", lex, text, caseless, person=True)
            # "unidentified men hurled a grenade at the police station": who threw the weapon that
            # is the trigger and what it was thrown at are the verb's, as who carried out an attack
            delivered = _lemma(head) in _DELIVERY_VERBS and _word_class(tok, lex) == "weapon"
            # "threats were made against the candidate by the cartel": made, issued or sent
            made = lemma == "threat" and _lemma(head) in ("make", "issue", "send")
            if tok.dep_ in ("dobj", "nsubjpass") and (delivered or made or _lemma(head) in ("carry", "stage", "launch", "claim", "mount", "conduct", "perpetrate", "commit", "plan")):
                for c in head.children:
                    if c.dep_ == "nsubj" and _lemma(head) != "claim" and _word_class(c, lex) != "weapon":
                        _add_np(roles, c, "perpetrator", lex, text, caseless)
                    elif c.dep_ == "agent":
                        for g in c.children:
                            if g.dep_ == "pobj":
                                _add_np(roles, g, "perpetrator", lex, text, caseless)
                    elif delivered and c.dep_ == "prep" and c.lower_ in ("at", "against", "on", "into", "inside", "outside", "near"):
                        _prep_roles(c, lex, text, caseless, roles)
                    elif made and c.dep_ == "prep" and c.lower_ in ("against", "to", "on"):
                        _threatened(c, lex, text, caseless, roles)
            if tok.dep_ == "nsubj" and head.pos_ == "VERB":
                # "the explosion destroyed two houses and damaged a school": the verbs coordinated
                # without a subject of their own have the same one
                coordinated = [v for v in head.children if v.dep_ == "conj" and v.pos_ == "VERB" and getattr(_shared_subject(v), "i", None) == tok.i]
                for c in [c for v in [head, *coordinated] for c in v.children]:
                    if c.dep_ == "dobj":
                        _add_np(roles, c, "victim", lex, text, caseless)
                    elif c.dep_ == "prep":
                        _prep_roles(c, lex, text, caseless, roles)
            for c in tok.children:
                if c.dep_ in ("relcl", "acl"):
                    for g in c.children:
                        if g.dep_ == "dobj":
                            _add_np(roles, g, "victim", lex, text, caseless)
                        elif g.dep_ == "prep":
                            _prep_roles(g, lex, text, caseless, roles)
                        elif g.dep_ == "agent" and c.dep_ == "acl" and _lemma(c) in _PERPETRATING_PARTICIPLES:
                            # "a bomb planted by unidentified persons", "the attack carried out by
                            # the FMLN": the participle's agent did it ("claimed by" is a claim)
                            for a in g.children:
                                if a.dep_ == "pobj":
                                    use = "weapon" if _word_class(a, lex) == "weapon" else "perpetrator"
                                    _add_np(roles, a, use, lex, text, caseless)


def _threat_roles(tok: Token, lex: ActorLexicon, text: str, caseless: bool, roles: Roles) -> None:
    """Who was threatened and by whom where the threat's own subject and object do not say:
    "threatened to kill election officials", "the archbishop received death threats", "death
    threats from the Extraditables" ("threats were made against" goes with "carried out by")."""
    if tok.pos_ == "VERB":
        for c in tok.children:
            if c.dep_ == "nsubj" and _threatened_subject(tok):
                _add_np(roles, c, "victim", lex, text, caseless)
            if c.dep_ == "xcomp" and _lemma(c) in lx.THREATENED_HARM:
                for g in c.children:
                    if g.dep_ == "dobj":
                        _add_np(roles, g, "victim", lex, text, caseless)
                    elif g.dep_ == "prep":
                        _prep_roles(g, lex, text, caseless, roles)
        return
    head = tok.head
    if tok.dep_ == "dobj" and _lemma(head) in ("receive", "get", "face"):
        for c in head.children:
            if c.dep_ == "nsubj" and c.lower_ in ("he", "she") and head.dep_ == "ccomp":
                # "the archbishop said he has again received death threats": the speaker
                speaker = next((s for s in head.head.children if s.dep_ == "nsubj"), None)
                if speaker is not None and (speaker.pos_ == "PROPN" or _word_class(speaker, lex) == "person"):
                    _add_np(roles, speaker, "victim", lex, text, caseless, person=True)
            elif c.dep_ == "nsubj" and _word_class(c, lex) in ("person", "actor"):
                _add_np(roles, c, "victim", lex, text, caseless)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            for g in c.children:
                if g.dep_ == "pobj" and _word_class(g, lex) in ("person", "actor"):
                    _add_np(roles, g, "perpetrator", lex, text, caseless)
        elif c.dep_ == "prep" and c.lower_ == "to":
            _threatened(c, lex, text, caseless, roles)


def _threatened_subject(verb: Token) -> bool:
    """"Five leaders threatened with death have fled": a threat with no one threatened and
    nothing threatened is a passive participle the parser read as a past tense, so its subject
    is who was threatened ("the cartel threatened the judges with death" has its object)."""
    return _lemma(verb) == "threaten" and not any(c.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass", "auxpass") for c in verb.children)


def _threatened(prep: Token, lex: ActorLexicon, text: str, caseless: bool, roles: Roles) -> None:
    for g in prep.children:
        if g.dep_ == "pobj" and _word_class(g, lex) in ("person", "actor", "facility"):
            _add_np(roles, g, "target" if _word_class(g, lex) == "facility" else "victim", lex, text, caseless)


def _shared_subject(verb: Token) -> Token | None:
    """The subject a coordinated verb shares with the verb before it: "armed men burst into the
    house and [shot] the judge" (the second verb has no subject of its own)."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    node = verb
    for _ in range(4):  # up a chain of coordinated verbs: "entered, looted and burned"
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            return None
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children):
            return None  # "the town was taken and burned": whoever took it is not the subject
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if node.dep_ != "conj":
            return None
    return None


def _prep_roles(prep: Token, lex: ActorLexicon, text: str, caseless: bool, roles: Roles) -> None:
    word = prep.lower_
    for g in prep.children:
        if g.dep_ != "pobj":
            continue
        if word != "against" and g.lower_ in lx.WAY_NOUNS:
            continue  # "ambushed the patrol on a highway": where it happened, not what was hit
        if word in _PLACE_PREPS and g.lower_ in _SIDE_NOUNS:
            # "exploded in front of the party headquarters", "at the gate of the embassy": the
            # building is the target, its front or gate only where the bomb was
            for of in g.children:
                if of.dep_ == "prep" and of.lower_ == "of":
                    for h in of.children:
                        if h.dep_ == "pobj" and _word_class(h, lex) == "facility":
                            _add_np(roles, h, "target", lex, text, caseless, score=0.8)
            continue
        cls = _word_class(g, lex)
        if word == "with" and cls == "weapon":
            _add_np(roles, g, "weapon", lex, text, caseless)
        elif word in ("on", "against") and cls in ("facility", "person", "actor"):
            _add_np(roles, g, "target" if cls == "facility" else "victim", lex, text, caseless)
        elif word in _PLACE_PREPS and cls == "facility":
            _add_np(roles, g, "target", lex, text, caseless, score=0.8)
        elif word == "by" and cls in ("person", "actor"):
            _add_np(roles, g, "perpetrator", lex, text, caseless)
        elif word == "of" and prep.head.pos_ == "NOUN":
            # "the murder of Jaime Pardo Leal", "the kidnapping of three engineers", "the
            # bombing of the embassy"; "the attack of the guerrillas" (translated copy) names
            # who attacked, and a group's name is left to the perpetrator rules
            named = _named_person_of(prep.head, g, cls)
            if not (named or cls in ("facility", "person") or g.ent_type_ == "PERSON"):
                continue
            if cls == "person" and (lex.is_perpetrator_noun(g.lower_) or lex.is_perpetrator_noun(_lemma(g))):
                continue
            if any(c.dep_ == "det" and c.lower_ in ("these", "those", "this", "that") for c in g.children):
                continue  # "the kidnapping and assassination of these two persons": told already
            _add_np(roles, g, "target" if cls == "facility" else "victim", lex, text, caseless, person=named)


# the parts of a building a bomb goes off at; weapons thrown, planted or set off by someone;
# participles whose "by" names who did it
_SIDE_NOUNS = frozenset("front side outside vicinity door doors entrance gate gates rear back wall walls".split())
_DELIVERY_VERBS = frozenset("throw hurl lob toss plant place leave detonate set hide drop".split())
_PERPETRATING_PARTICIPLES = frozenset(_VIOLENT_VERBS - {"wound", "injure", "hit", "strike", "damage", "destroy"}) | {
    "place", "leave", "perpetrate", "commit", "mount", "conduct", "order", "organize", "plot", "drive", "park", "hide"}
# incidents whose "of" names the person they were done to
_DONE_TO_PEOPLE = frozenset("murder assassination kidnapping kidnaping abduction killing".split())


def _named_person_of(incident: Token, tok: Token, cls: str | None) -> bool:
    """"the murder of Jecar Neghme": a proper name no tagger or NER reads as a person (rare
    surnames, lower-case wire copy) after an incident done to people is the person it was done
    to, unless it is a place, a date or a nationality (a group the lexicon knows has a class)."""
    return (_lemma(incident) in _DONE_TO_PEOPLE and tok.pos_ == "PROPN" and cls is None
            and tok.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME", "NORP"))


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _blamed_on(trigger: Token, prep: Token) -> bool:
    """"blamed the bombing on X", "attributed the attack to X": the incident noun's "on"/"to"
    names whom the sentence blames, not what was attacked ("the attack on X")."""
    head = trigger.head
    return (trigger.dep_ in ("dobj", "nsubjpass") and prep.lower_ in ("on", "to")
            and _lemma(head) in ("blame", "attribute", "ascribe"))


def blamed(tok: Token) -> list[Token]:
    """Whom the sentence blames for an incident, at the verb ``tok``: "authorities attribute the
    attacks to drug traffickers", "police blamed the bombing on the ELN", "officials blamed rebels
    for the attack", "the army held the FMLN responsible", "X was responsible for the massacre"."""
    lemma = _lemma(tok)
    if tok.pos_ not in ("VERB", "AUX", "ADJ") or _negated(tok):
        return []
    out: list[Token] = []
    if lemma in ("attribute", "ascribe", "blame"):
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        event_obj = any(o.lower_ in _EVENT_NOUNS or _lemma(o) in _EVENT_NOUNS for o in objs)
        # the parser hangs "on X" on the verb or on its object ("blamed [the bombing on X]")
        heads = [tok] + [o for o in objs if event_obj]
        preps: dict[str, list[Token]] = {}
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep":
                    preps.setdefault(c.lower_, []).extend(g for g in c.children if g.dep_ == "pobj")
        if lemma in ("attribute", "ascribe") or event_obj:
            out.extend(preps.get("to" if lemma != "blame" else "on", []))  # "blamed the attack on X"
        elif lemma == "blame" and "for" in preps:
            out.extend(objs)  # "blamed rebels for the attack", "rebels were blamed for ..."
    elif lemma == "hold" and any(c.lower_ == "responsible" for c in tok.children):
        out.extend(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))
    elif tok.lower_ == "responsible" and tok.dep_ == "acomp" and not _negated(tok.head):
        if any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
            out.extend(c for c in tok.head.children if c.dep_ == "nsubj")
    return [t for t in out if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _EVENT_NOUNS]


def sentence_roles(doc: Doc, sent_start: int, sent_end: int, lex: ActorLexicon, text: str, caseless: bool, roles: Roles) -> None:
    """Victims of kill/wound verbs, whom the sentence blames, and weapons named anywhere in an
    event sentence."""
    for tok in doc[sent_start:sent_end]:
        lemma = _lemma(tok)
        for who in blamed(tok):
            _add_np(roles, who, "perpetrator", lex, text, caseless)
        if tok.pos_ in ("VERB", "AUX") and (lemma in lx.KILL_WORDS or lemma in lx.WOUND_WORDS) or tok.lower_ in ("killed", "wounded", "injured", "dead"):
            for c in tok.children:
                if c.dep_ in ("nsubjpass", "dobj"):
                    _add_np(roles, c, "victim", lex, text, caseless)
            if tok.dep_ in ("acl", "amod", "relcl") and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
                _add_np(roles, tok.head, "victim", lex, text, caseless)
        if tok.pos_ == "NOUN" and (tok.lower_ in lx.WEAPON_NOUNS or lemma in lx.WEAPON_NOUNS):
            if tok.lower_ in ("arms", "weapon", "weapons", "device", "devices", "stick", "sticks", "shell", "shells", "mine", "mines", "vest", "vests", "drone", "drones", "petrol", "gasoline"):
                if not any(c.dep_ in ("amod", "compound") for c in tok.children):
                    continue
            _add_np(roles, tok, "weapon", lex, text, caseless, score=0.8)
