"""Role fillers from the learned tagger (``doc._.role_spans``), merged with the rule fillers.

The tagger was trained on how annotators mark fillers (short noun phrases, names, the group
rather than the sentence's subject), so inside an event's sentences its spans are preferred:
victims come from it alone (the rules' "people", "two" rarely name a victim), and the other
roles take its spans first and keep a rule filler only when no tagger span of that role
overlaps it. A rule-found armed group (actor lexicon) is always kept. With no tagger the rule
fillers pass through unchanged.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from eventwire.actors import ActorLexicon
from eventwire.events import lexicon as lx
from eventwire.model import ActorMention, Evidence, Mention
from eventwire.nlp.english import nouns, verbs_and_modifiers
from eventwire.nlp.names import census_names

# minimum tagger probability per role for a span to become a filler
MIN_SCORE: dict[str, float] = {"PerpInd": 0.5, "PerpOrg": 0.5, "Target": 0.5, "Victim": 0.5, "Weapon": 0.5}


# rule weapons (any weapon noun in the event's sentences) next to the tagger's
RULE_WEAPONS_BESIDE_TAGGER = True
# a tagger span that contradicts the parse needs this probability to stand
CONFLICT_SCORE = 0.7
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|scores"
_NUMBER = re.compile(rf"(?:\d[\d,.]*|{_NUMBER_WORDS})", re.IGNORECASE)
_COUNTED = re.compile(
    rf"(?:at least |more than |about |some )?(?:\d[\d,.]*|{_NUMBER_WORDS})\s+\w"
    rf"|(?:(?:large|small|great|growing|unknown|undetermined|significant)\s+)?(?:{'|'.join(sorted(lx.COUNT_NOUNS))})\s+of\s+\w",
    re.IGNORECASE,
)


# "went off 150 meters from the government palace": a landmark that says where, not what was hit
_DISTANCE_FROM = re.compile(
    r"\b(?:\d[\d,.]*|a few|few|several|some|a couple of|hundreds of|one|two|three|four|five|ten|fifty|a hundred)"
    r"\s*(?:-\s*)?(?:meters?|metres?|m|km|kms|kilometers?|kilometres?|blocks?|miles?|yards?|feet|ft)"
    r"\s+(?:away\s+)?from\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "shot dead in his car", "killed at their home": where people were attacked, not what was hit
_SCENE = re.compile(
    r"\b(?:in|inside|at|outside|in front of|near|from)\s+(?:(?:his|her|their|the|a|an|its|one|two|three)\s+)?(?:own\s+)?$",
    re.IGNORECASE,
)
_SCENE_HEADS = frozenset("home homes house houses residence residences car cars vehicle vehicles apartment truck jeep van".split())


def is_scene(text: str, m: Mention) -> bool:
    """Is the target a home or vehicle that an attack on people happened in or at?"""
    words = m.text.lower().split()
    return bool(words) and words[-1] in _SCENE_HEADS and bool(_SCENE.search(text[max(0, m.start - 40) : m.start]))


_EDITORIAL = re.compile(r"(?:words?|passage|sentence)s? (?:indistinct|illegible|omitted)|as published", re.IGNORECASE)
_SOMEONE = frozenset({"someone", "somebody"})


def is_contentless(surface: str) -> bool:
    """A filler made only of function words ("and", "those", "another") or an editor's note in
    a transcript ("(words indistinct)") names nothing."""
    if _EDITORIAL.search(surface):
        return True
    words = re.findall(r"[^\W\d_]+|\d+", surface)
    # "IS", "US": acronyms that spell a function word
    return all(w.lower() in STOP_WORDS and w.lower() not in _SOMEONE and not (len(w) > 1 and w.isupper()) for w in words)


def is_landmark(text: str, start: int) -> bool:
    """Does the phrase at ``start`` follow a distance ("300 metres from [the parliament]")?"""
    return bool(_DISTANCE_FROM.search(text[max(0, start - 60) : start]))


def names_something(field: str, m: Mention | ActorMention, text: str) -> bool:
    """Can this filler stand for its field? No function words or editor's notes in any field
    (a known group always stands), no landmark at a distance as a target."""
    if field == "perpetrators" and getattr(m, "canonical", None):
        return True
    if field == "targets" and is_landmark(text, m.start):
        return False
    if field == "weapons" and m.text.lower().strip() in _UNNAMED_WEAPONS:
        return False
    if field == "perpetrators" and m.text.lower().strip() in _COLLECTIVES:
        return False  # "the men", "a group": who they are was said elsewhere, or not at all
    if field == "victims" and _NAMED_AFTER.match(text, m.end):
        return False  # "the Nelson Mandela cell", "Jose Simeon Canas University": not a person
    return not is_contentless(m.text)


# What is named after a person: the name before it is part of that thing's name
_NAMED_AFTER = re.compile(
    r"\s+(?:cell|cells|front|command|commando|commandos|brigade|battalion|foundation|movement"
    r"|federation|university|school|institute|hospital|stadium|airport|street|avenue|square"
    r"|park|bridge|highway|neighbou?rhood|district|group|organi[sz]ation|party)\b",
    re.IGNORECASE,
)


# "weapons" says nothing about which; "explosive" alone is a modifier cut from its noun
_UNNAMED_WEAPONS = frozenset({"weapons", "weapon", "arms", "weaponry", "explosive", "incendiary"})


def role_spans(doc: Doc) -> list | None:
    """The tagger's spans for the document, or None when the tagger did not run."""
    return doc._.role_spans if doc.has_extension("role_spans") else None


_SNAP_REACH = 60


def _snap_to_name(text: str, start: int, end: int, lex: ActorLexicon, caseless: bool) -> tuple[int, int]:
    """A tagged organisation span that cuts a known group's name ("Farabundo Marti", "Shining")
    becomes that name ("Farabundo Marti National Liberation Front", "Shining Path")."""
    lo = max(0, start - _SNAP_REACH)
    tail = None
    for m in lex.find(text[lo : end + _SNAP_REACH], caseless):
        a, b = lo + m.start, lo + m.end
        if a < end and start < b and not (a <= start and end <= b and (a, b) == (start, end)):
            if a <= start and end <= b:  # the tagged span is inside the name: the name
                return a, b
            if start < a and b == end and (tail is None or a < tail[0]):
                tail = (a, b)
    # "Colombian Army of National Liberation", "pro-Che Guevara group Tupac Amaru Revolutionary
    # Movement": descriptors before a known name are not part of it
    return tail or (start, end)


_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_OF = re.compile(r"\s+of\s+[\w'’.-]+(?:\s+[\w'’.-]+)?$", re.IGNORECASE)


_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def split_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"Erika Sullivan and Christopher Anderson" is two victims: a span that joins two names of
    two words or more each (no article, pronoun or other small word on either side) is split;
    "the mayor and his wife" stays whole. A name's "of <town>" and possessive ending
    ("Pizarro Leongomez'", "Perez's") are dropped."""
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive is not None and possessive.end() == end and possessive.start() > start:
        end = possessive.start()
    origin = _OF.search(text, start, end)
    if origin is not None and origin.end() == end:
        name = text[start:origin.start()].split()
        if len(name) >= 2 and not any(w.lower() in STOP_WORDS for w in name):
            end = origin.start()  # "Roberto Roascio of Milan": the name, not where he is from
    parts = _AND.split(text[start:end])
    if len(parts) != 2:
        return [(start, end)]
    left, right = parts
    if any(len(p.split()) < 2 or any(w.lower() in STOP_WORDS for w in p.split()) for p in parts):
        return [(start, end)]
    right_start = end - len(right)
    return [(start, start + len(left)), (right_start, end)]


# one-word organisations that are also English verbs or adjectives ("the military said")
_INSTITUTIONS = frozenset({"military", "police", "army", "government", "group", "guard", "navy", "command"})


# a state body named as such is an organisation, whoever tagged it: "the army", "the armed forces",
# "the Salvadoran Air Force" (its soldiers, "troops", "soldiers", are individuals)
_DEMONYM_BEFORE = r"(?:[a-z]+(?:an|ian|ese|ish|i)\s+)?"
_FORCES = r"army|armed forces|air force|military|national police|national guard|treasury police|navy"
_STATE_BODY = re.compile(r"(?:the\s+)?" + _DEMONYM_BEFORE + r"(?:government|" + _FORCES + ")", re.IGNORECASE)
# the force that people named by what they are belong to: "eight members of the army", "soldiers
# of the Salvadoran armed forces", "army troops" (not "military officers": there "military" only
# says what kind of officers)
_FORCE = r"(?:police|" + _FORCES + ")"
_FORCE_OF_MEMBERS = re.compile(
    r"\b(?:members?|soldiers|troops|officers|men|elements|personnel|agents|units?)\s+of\s+(?:the\s+)?("
    + _DEMONYM_BEFORE + _FORCE + r")\b"
    r"|\b(" + _DEMONYM_BEFORE + r"(?!military\b)" + _FORCE + r")\s+(?:troops|soldiers|units|members|personnel|officers|patrols?)\b",
    re.IGNORECASE,
)


def as_organization_if_state_body(m: ActorMention) -> ActorMention:
    """An individual perpetrator whose name is a state body ("the army") becomes an organisation."""
    if m.kind == "individual" and _STATE_BODY.fullmatch(m.text.strip()):
        return m.model_copy(update={"kind": "organization"})
    return m


def perp_mentions(text: str, start: int, end: int, role: str, lex: ActorLexicon, caseless: bool) -> list[ActorMention]:
    """The tagged perpetrator, and the known group or state force named inside it ("FMLN
    guerrillas" -> FMLN, "members of the Salvadoran army" -> Salvadoran army): MUC-4 keys the
    force whose soldiers did it as the perpetrator organisation, as ACLED codes "Military Forces
    of El Salvador"."""
    kind = "organization" if role == "PerpOrg" else "individual"
    if kind == "organization":
        start, end = _snap_to_name(text, start, end, lex, caseless)
    surface = text[start:end]
    if (kind == "organization" and surface.isalpha() and surface.lower() in verbs_and_modifiers()
            and surface.lower() not in _INSTITUTIONS and not lex.canonicalize(surface, caseless)):
        return []  # "armed", "work", "Milanese": a word the tagger cut out of a phrase, no group
    out = [as_organization_if_state_body(ActorMention(text=surface, start=start, end=end, kind=kind, canonical=lex.canonicalize(surface, caseless)))]
    if kind == "individual":
        for m in lex.find(surface, caseless):
            if (m.start, m.end) != (0, len(surface)):
                out.append(ActorMention(text=m.text, start=start + m.start, end=start + m.end, kind="organization", canonical=m.canonical))
        for b in _FORCE_OF_MEMBERS.finditer(surface):
            g = 1 if b.group(1) else 2
            a = start + b.start(g)
            if not any(o.start <= a < o.end for o in out[1:]):
                force = b.group(g)
                out.append(ActorMention(text=force, start=a, end=a + len(force), kind="organization", canonical=lex.canonicalize(force, caseless)))
    return out


# adjectives that say what kind of thing it is ("armed forces", "urban commandos"), unlike the
# ones annotators leave out ("main highways", "alleged guerrillas", "a large gas station")
_CLASSIFYING = frozenset(
    """armed military paramilitary urban rural civil civilian presidential diplomatic electric
    electrical electoral municipal judicial governmental commercial residential""".split()
)
_UNITS = frozenset("mm kg kgs kilo kilos kilogram kilograms caliber calibre pound pounds lb lbs".split())
_NUMBER_BEFORE = re.compile(r"(?:\.?\d[\d.,]*)\s*-?\s*$")


# nouns that say nothing of who on their own: "group", "members", "men"
_COLLECTIVES = frozenset("group groups members member men man individuals persons people elements".split())
_LONGEST_COLLECTIVE = 8


def _whole_collective(doc: Doc, text: str, start: int, end: int) -> tuple[int, int]:
    """A bare collective noun gets the words that say who back: its modifiers ("[unidentified
    ]men", "[UC-ELN ]members") and its "of" phrase ("group[ of armed men]", "members[ of the
    armed forces]"), as far as the phrase goes."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].lower_ not in _COLLECTIVES:
        return start, end
    tok = span[0]
    i = tok.i
    while i > 0 and doc[i - 1].head.i == tok.i and doc[i - 1].dep_ in ("amod", "compound", "nummod", "nmod") and tok.i - i < 3:
        i -= 1
        if i > 1 and doc[i - 1].text == "-" and doc[i - 2].is_alpha and not doc[i - 1].whitespace_:
            i -= 2  # "UC-ELN members"
    j = tok.i + 1
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == tok.i + 1), None)
    if of is not None:
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            # the object's own phrase, not a clause hanging off it ("men who entered his house")
            last = max([obj.i] + [t.i for t in obj.subtree if t.i < obj.i or t.dep_ in ("compound", "amod", "prep", "pobj", "det")])
            if last - tok.i <= _LONGEST_COLLECTIVE and all(not t.is_punct or t.text in "-'" for t in doc[tok.i : last + 1]):
                j = last + 1
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


def repair_span(doc: Doc, text: str, start: int, end: int) -> tuple[int, int]:
    """A tagged description with whole words at both ends: a trailing participle that opened a
    clause the tagger cut ("gas station owned [by ...]", "truck rigged [with ...]") is dropped,
    the nouns and classifying adjectives before a span cut inside its phrase come back ("[armed
    ]forces elements"), and so does the number of a measure ("[60-]mm mortars", "[55 ]kg of
    dynamite")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    after = doc[span.end] if span.end < len(doc) else None
    last = span[-1]
    # "owned by", "belonging to"; not "the FENASTRAS building in San Salvador" (a noun, tagged VBG)
    if (len(span) > 1 and last.tag_ in ("VBN", "VBG") and span[-2].pos_ in ("NOUN", "PROPN") and after is not None
            and (after.lower_ in ("by", "to", "with") or after.pos_ in ("ADP", "DET", "PART", "ADV") and last.lower_ not in nouns())):
        end = span[-2].idx + len(span[-2])
    # a span that starts inside its noun phrase gets the modifiers of its words back ("[armed
    # ]forces elements", "[urban commando ]units"); not a title before a name ("cartel boss
    # Pablo Escobar"), a group's name before its men ("FMLN rebels": the group is its own filler)
    # or the part of a hyphenated word ("11-[floor building]")
    i = span.start
    while (i > 0 and span[0].pos_ != "PROPN" and span[0].ent_type_ != "PERSON" and doc[i - 1].lower_ not in _TITLES
           and (doc[i - 1].dep_ == "compound" and doc[i - 1].pos_ == "NOUN" or doc[i - 1].lower_ in _CLASSIFYING)
           and span.start <= doc[i - 1].head.i < span.end and doc[i - 1].is_alpha and not doc[i - 1].ent_type_
           and doc[i - 1].lower_ not in lx.PERSON_NOUNS and doc[i - 1].lemma_.lower() not in lx.CAPTOR_HEADS
           and not (doc[i - 1].idx > 0 and text[doc[i - 1].idx - 1] == "-")):
        i -= 1
    if i < span.start and doc[i].idx < start:
        start = doc[i].idx
    # the end of a name the tagger cut at its front ("the Chilean-U.S. [Cultural Institute]")
    # is the whole name
    ent = next((e for e in doc.ents if e.start < span.start and e.end == span.end and e.label_ in ("FAC", "ORG")
                and not any(t.text in "()[]" for t in e)), None)
    if ent is not None and span[0].pos_ == "PROPN":
        name_start = ent.start + (1 if ent[0].lower_ in ("the", "a", "an") else 0)
        start = min(start, doc[name_start].idx)
    start, end = _whole_collective(doc, text, start, end)
    first = text[start:end].split(None, 1)[0].lower() if text[start:end].strip() else ""
    if first in _UNITS:
        number = _NUMBER_BEFORE.search(text, max(0, start - 12), start)
        if number and number.group(0).strip():
            start = number.start()
    return start, end


# verbs whose object is the person an incident hit, whatever the words name them by
_HARM_VERBS = frozenset("kidnap abduct murder assassinate behead execute lynch slay".split())


def _object_of_clear_report(doc: Doc, m: Mention) -> bool:
    """Is the victim the object of a verb that says unmistakably what was done to them
    ("gunmen kidnapped [a Catholic priest]", "[the mayor] was murdered")?"""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    verb = root.head
    # one person, described: plural victims of such verbs are mostly habits recalled ("death
    # squads murdered hundreds of citizens", "leaders are no longer murdered"), and the names
    # the tagger passes over mostly famous murders recalled ("the murder of Luis Carlos Galan")
    return (root.dep_ in ("dobj", "nsubjpass") and root.tag_ == "NN" and root.ent_type_ != "PERSON"
            and verb.pos_ == "VERB" and verb.lemma_.lower() in _HARM_VERBS)


def _listed_with(doc: Doc, m: Mention, kept: list[Mention]) -> bool:
    """Is ``m`` coordinated with one of ``kept`` ("45 women and [children]")?"""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "conj":
        return False
    head = span.root.head
    return any(k.start <= head.idx < k.end for k in kept)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def merge_fillers(
    doc: Doc,
    text: str,
    ranges: list[tuple[int, int]],
    lex: ActorLexicon,
    caseless: bool,
    perps: list[ActorMention],
    victims: list[Mention],
    targets: list[Mention],
    weapons: list[Mention],
    skip: list[tuple[int, int]] | None = None,
    counted: list[tuple[int, int]] | None = None,
    parsed_victims: bool = False,
) -> tuple[list[ActorMention], list[Mention], list[Mention], list[Mention]]:
    """Fillers for an event whose sentences cover ``ranges`` (char offsets).

    ``counted`` are the spans of casualty counts ("nine people"): a rule victim that is one of
    them is kept when the tagger names no victim. With ``parsed_victims`` every rule victim is
    kept then: who a threat was against is read off the parse, and the tagger seldom marks it.
    """
    spans = role_spans(doc)
    if spans is None:
        return perps, victims, targets, weapons
    skip = skip or []
    rule_roles = [(m, "Perp") for m in perps] + [(m, "Victim") for m in victims] + [(m, "Target") for m in targets] + [(m, "Weapon") for m in weapons]
    inside = [
        s for s in spans
        if s.score >= MIN_SCORE[s.role]
        and any(a <= s.start and s.end <= b for a, b in ranges)
        and not any(a <= s.start < b for a, b in skip)
        and not _NUMBER.fullmatch(text[s.start : s.end])
        # the parse gives a different role ("abducted 37 students"): it wins unless the tagger is sure
        and not (s.score < CONFLICT_SCORE and any(
            _overlaps(m.start, m.end, s.start, s.end) and not s.role.startswith(r) for m, r in rule_roles
        ))
        # however sure, people counted as the parse's victims are no perpetrators ("a man
        # stabbed three people")
        and not (s.role == "PerpInd" and _COUNTED.match(text, s.start) and any(
            _overlaps(m.start, m.end, s.start, s.end) for m in victims))
    ]
    inside = [s for s in inside if not (s.role == "PerpInd" and _modifies_people(doc, s, lex, caseless))]
    t_perps: list[ActorMention] = []
    t_victims: list[Mention] = []
    t_targets: list[Mention] = []
    t_weapons: list[Mention] = []
    for s in inside:
        a, b = repair_span(doc, text, s.start, s.end) if s.role in ("PerpInd", "Target", "Weapon") else (s.start, s.end)
        if s.role in ("PerpInd", "PerpOrg"):
            t_perps.extend(perp_mentions(text, a, b, s.role, lex, caseless))
        elif s.role == "Victim":
            t_victims.extend(Mention(text=text[x:y], start=x, end=y) for x, y in split_names(text, a, b))
        elif s.role == "Target":
            t_targets.append(Mention(text=text[a:b], start=a, end=b))
        else:
            t_weapons.append(Mention(text=text[a:b], start=a, end=b))

    def keep_rules(rule: list, tagged: list) -> list:
        return [m for m in rule if not any(_overlaps(m.start, m.end, t.start, t.end) for t in tagged)]

    if t_perps:
        out_perps = t_perps + [
            p for p in keep_rules(perps, t_perps)
            if p.kind == "organization" and p.canonical and not any(_overlaps(p.start, p.end, s.start, s.end) for s in inside)
            and (lex.canonicalize(p.text, caseless) or lex.find(p.text, caseless))  # names the group itself
        ]
    else:
        out_perps = [p for p in perps if not any(_overlaps(p.start, p.end, s.start, s.end) for s in inside)]
    if not t_victims:
        # the tagger learned named victims (wire reports of the 1980s); casualty groups
        # ("nine people", "two civilians") come from the rules
        t_victims = [
            m for m in victims
            if not any(_overlaps(m.start, m.end, s.start, s.end) for s in inside)
            and (parsed_victims or any(_overlaps(m.start, m.end, a, b) for a, b in counted or []) or _COUNTED.match(m.text)
                 or _object_of_clear_report(doc, m))
        ]
        # "abducted 45 women and children": what is listed with a kept victim is one too
        t_victims += [m for m in victims if m not in t_victims and _listed_with(doc, m, t_victims)]
    out_targets = t_targets + [m for m in keep_rules(targets, t_targets) if not any(_overlaps(m.start, m.end, s.start, s.end) for s in inside)]
    rule_weapons = [m for m in keep_rules(weapons, t_weapons) if not any(_overlaps(m.start, m.end, s.start, s.end) for s in inside)]
    out_weapons = t_weapons + rule_weapons if RULE_WEAPONS_BESIDE_TAGGER or not t_weapons else t_weapons
    return (
        sorted(out_perps, key=lambda m: m.start),
        t_victims,
        sorted(out_targets, key=lambda m: m.start),
        sorted(out_weapons, key=lambda m: m.start),
    )


# how far (characters) outside an event's sentences a tagger span may stand and still be
# attached to it: the group named in the next paragraph ("the FMLN claimed ...") is the perpetrator
ORPHAN_REACH: dict[str, int] = {"PerpInd": 400, "PerpOrg": 800, "Target": 250, "Victim": 250, "Weapon": 250}
ORPHAN_MIN_SCORE = 0.55


def _distance(span, ranges: list[tuple[int, int]]) -> int:  # noqa: ANN001 - RoleSpan
    """Characters between a tagger span and an event's sentences; a span before the event (of
    a later event) counts double, so an earlier event is the better home at the same distance."""
    return min(
        (a - span.end) * 2 if span.end <= a else span.start - b if span.start >= b else 0
        for a, b in ranges
    )


_FIELD = {"PerpInd": "perpetrators", "PerpOrg": "perpetrators", "Target": "targets", "Victim": "victims", "Weapon": "weapons"}


def _modifies_people(doc: Doc, span, lex: ActorLexicon, caseless: bool) -> bool:  # noqa: ANN001 - RoleSpan
    """Is a perpetrator span only the modifier of people named after it ("the assassination of
    [Medellin] policemen")? Those people are who the phrase is about, often the victims; a
    group's name before its men ("[FMLN] guerrillas") is another matter."""
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or lex.find(words.text, caseless):
        return False
    last = words[-1]
    return (last.dep_ in ("compound", "amod", "nmod") and last.head.i >= words.end
            and (last.head.lower_ in lx.PERSON_NOUNS or last.head.lemma_.lower() in lx.PERSON_NOUNS))


def _new_fillers(doc: Doc, text: str, span, current: list, lex: ActorLexicon, caseless: bool) -> list:  # noqa: ANN001 - RoleSpan
    """The fillers a tagger span from outside an event's sentences adds to ``current`` (the
    event's fillers of that field): repaired, widened to full names, and only what names
    something the event does not already have."""
    role, field = span.role, _FIELD[span.role]
    if role == "PerpInd" and _modifies_people(doc, span, lex, caseless):
        return []
    a, b = repair_span(doc, text, span.start, span.end) if role in ("PerpInd", "Target", "Weapon") else (span.start, span.end)
    if role in ("PerpInd", "PerpOrg"):
        candidates: list = perp_mentions(text, a, b, role, lex, caseless)
    else:
        candidates = [Mention(text=text[a:b], start=a, end=b)]
    if role in ("PerpInd", "Victim"):
        candidates = full_names(doc, text, candidates, caseless)
    return [m for m in candidates if names_something(field, m, text) and len(dedupe_mentions([*current, m], text)) > len(current)]


def attach_orphans(
    doc: Doc, text: str, events: list, ranges: list[list[tuple[int, int]]], lex: ActorLexicon, caseless: bool,
) -> list:
    """Give tagger spans outside every event's sentences to the nearest event within reach.

    ``events`` are ``EventReport`` objects and ``ranges[i]`` the sentence ranges of event i.
    """
    spans = role_spans(doc)
    if not spans or not events:
        return events
    covered = [r for rs in ranges for r in rs]
    updates: dict[int, dict[str, list]] = {}
    for s in spans:
        if s.score < max(ORPHAN_MIN_SCORE, MIN_SCORE[s.role]) or any(a <= s.start and s.end <= b for a, b in covered):
            continue
        best, best_d = None, ORPHAN_REACH[s.role] + 1
        for i, rs in enumerate(ranges):
            d = _distance(s, rs)
            if d < best_d:
                best, best_d = i, d
        if best is None:
            continue
        field = _FIELD[s.role]
        current = updates.setdefault(best, {}).setdefault(field, list(getattr(events[best], field)))
        # a group or a target further away only fills a gap: where the report names one in its
        # own sentences, the distant one is more often another incident's (weapons: no gain)
        if s.role == "PerpOrg" and any(getattr(m, "kind", None) == "organization" for m in current):
            continue
        if s.role == "Target" and current:
            continue
        new = _new_fillers(doc, text, s, current, lex, caseless)
        ev = updates[best].setdefault("evidence", list(events[best].evidence))
        if field == "weapons":
            kept = without_generic_explosives([*current, *new])
            gone = {(m.start, m.end) for m in current if m not in kept}
            current[:] = [m for m in current if m in kept]
            ev[:] = [e for e in ev if not (e.field == "weapons" and (e.start, e.end) in gone)]
            new = [m for m in new if m in kept]
        current.extend(new)
        ev.extend(Evidence(field=field, start=m.start, end=m.end, text=m.text) for m in new)
    _far_perpetrators(doc, text, events, ranges, spans, updates, lex, caseless)
    out = list(events)
    for i, upd in updates.items():
        if "evidence" in upd:
            upd["evidence"] = sorted(upd["evidence"], key=lambda e: (e.start, e.field))
        out[i] = events[i].model_copy(update=upd)
    return out


# how sure the tagger must be of a perpetrator named outside every event's reach for it to
# stand for an event that names nobody (MUC-4 dev and held-out: 0.9 >= 0.8 > 0.7)
FAR_PERP_SCORE = 0.9


def _far_perpetrators(
    doc: Doc, text: str, events: list, ranges: list[list[tuple[int, int]]], spans: list,
    updates: dict[int, dict[str, list]], lex: ActorLexicon, caseless: bool,
) -> None:
    """An event that names no individual who did it takes the nearest of the document's
    perpetrators the tagger is surest of ("the terrorists", named paragraphs before the
    details), an earlier one over a later one; the event's own sentences did not say who."""
    # a span in an event's own sentences was weighed there (and left out for a reason, or is
    # that other incident's perpetrator)
    free = [
        s for s in spans
        if s.role == "PerpInd" and s.score >= FAR_PERP_SCORE and not any(a <= s.start < b for rs in ranges for a, b in rs)
    ]
    if not free:
        return
    for i, rs in enumerate(ranges):
        current = updates.get(i, {}).get("perpetrators", list(events[i].perpetrators))
        if any(getattr(m, "kind", None) == "individual" for m in current):
            continue
        s = min(free, key=lambda span, rs=rs: _distance(span, rs))
        new = _new_fillers(doc, text, s, current, lex, caseless)
        if not new:
            continue
        upd = updates.setdefault(i, {})
        upd["perpetrators"] = [*current, *new]
        ev = upd.setdefault("evidence", list(events[i].evidence))
        ev.extend(Evidence(field="perpetrators", start=m.start, end=m.end, text=m.text) for m in new)


_TITLES = frozenset(
    """mr mrs ms dr col colonel gen general capt captain lt lieutenant maj major sgt sergeant
    president minister father monsignor msgr archbishop bishop judge mayor senator deputy
    commander don dona doctor engineer attorney governor rector citizen national resident
    companion boss""".split()
)
_LONGEST_NAME = 5


_PLURAL_DEMONYM = re.compile(r"(?:ean|ian|an|ese)s$")


def _name_token(tok, caseless: bool = False) -> bool:  # noqa: ANN001 - spacy Token
    if not tok.is_alpha or tok.lower_ in _TITLES or tok.lower_ in lx.PERSON_NOUNS:
        return False  # "journalist": who the person is, not their name
    # without letter case the tagger reads foreign names as common nouns or plurals ("hector
    # delgado parker", "luis antonio meneses benavides", "mr. Meneses"); a census given name or
    # surname is one
    if caseless and tok.lower_ in census_names():
        return tok.pos_ in ("PROPN", "NOUN", "ADJ", "X") or tok.ent_type_ == "PERSON"
    if tok.tag_ == "NNPS" or tok.ent_type_ == "NORP" or _PLURAL_DEMONYM.search(tok.lower_) and tok.lower_ not in census_names():
        return False  # "Ecuadoreans": who the person is, not their name (even read into a PERSON)
    return tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON"


def full_names(doc: Doc, text: str, items: list, caseless: bool = False) -> list:
    """A person named in part ("Maza Marquez", "Escobar Gaviria") by the fullest form of that
    name in the document ("Miguel Maza Marquez"), at the place it is written in full.

    Only victims and individual perpetrators that are names (every word a proper noun or part
    of a person entity, or in text without letter case a census name) are widened, and only by
    further name words, never by a title.
    """
    out = []
    for m in items:
        if getattr(m, "kind", "individual") != "individual":
            out.append(m)
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not 1 <= len(span) < _LONGEST_NAME or not all(_name_token(t, caseless) for t in span):
            out.append(m)
            continue
        words = [t.lower_ for t in span]
        n = len(words)
        best: tuple[int, int] | None = None
        for i in range(len(doc) - n + 1):
            if doc[i].lower_ != words[0] or [doc[i + j].lower_ for j in range(n)] != words:
                continue
            a, b = i, i + n
            while a > 0 and b - a < _LONGEST_NAME and _name_token(doc[a - 1], caseless):
                a -= 1
            while b < len(doc) and b - a < _LONGEST_NAME:
                if _name_token(doc[b], caseless):
                    b += 1
                elif doc[b].lower_ in lx.NAME_JOINERS and b + 1 < len(doc) and _name_token(doc[b + 1], caseless):
                    b += 2
                else:
                    break
            if b - a > n and (best is None or b - a > best[1] - best[0]):
                best = (a, b)
        if best is None:
            out.append(m)
            continue
        start, end = doc[best[0]].idx, doc[best[1] - 1].idx + len(doc[best[1] - 1])
        update = {"text": text[start:end], "start": start, "end": end}
        if hasattr(m, "head"):
            update["head"] = None
        out.append(m.model_copy(update=update))
    return out


def filler_words(text: str) -> tuple[str, ...]:
    """A filler's words as compared when deciding that two fillers name one thing (lower
    case, punctuation out, simple plurals singular: "the bombs" ~ "the bomb")."""
    words = re.findall(r"[\w]+", text.lower())
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def dedupe_mentions(items: list, text: str | None = None) -> list:
    """One filler per thing named: "explosives" after "explosive", "eight bombs" after "bombs",
    "Carlos Pizarro" after "Carlos Pizarro Leongomez", a group under two names ("FMLN",
    "Farabundo Marti National Liberation Front") and the unnamed people who did it described
    twice ("guerrillas" ... "the rebels", "armed men" ... "the gunmen") once (the first mention
    stays).

    With the document ``text``, a name and the short form the document gives it in brackets
    ("the Administrative Department of Security (DAS)") are one thing too."""
    kept: list = []
    for m in items:
        w = filler_words(m.text)
        if not w:
            continue
        if not any(_same_thing(m, w, k) or text is not None and _bracketed_alias(text, m, k) for k in kept):
            kept.append(m)
    return kept


def _bracketed_alias(text: str, a, b) -> bool:  # noqa: ANN001 - Mention | ActorMention
    """Is one of the two written in brackets right after the other somewhere in the text?"""
    for long, short in ((a, b), (b, a)):
        if len(short.text) < len(long.text) and re.search(
            re.escape(long.text) + r"\s*\(\s*" + re.escape(short.text) + r"\s*\)", text, re.IGNORECASE
        ):
            return True
    return False


_SPECIFIC_EXPLOSIVE = re.compile(
    r"dynamite|\btnt\b|grenade|\bmines?\b|car[- ]bomb|vehicle bomb|truck bomb|gelignite|gelatin|ammonium|molotov|"
    r"pipe bomb|letter bomb|parcel bomb|\bc-4\b|semtex|\bieds?\b|nitrate|\banfo\b|ammonal|explosive-laden|booby",
    re.IGNORECASE,
)
_GENERIC_EXPLOSIVE = re.compile(
    r"(?:(?:\d+|one|two|three|four|five|several|powerful|small|large|big|homemade|home-made|high-power|"
    r"highpower|medium-sized|sized)\s+)*(?:bombs?|explosives?|explosive devices?|devices?|charges?)",
    re.IGNORECASE,
)


def without_generic_explosives(weapons: list) -> list:
    """A bomb named both specifically and generically ("a car bomb ... the bomb", "dynamite
    ... the explosive device") is one weapon: the generic re-mentions go."""
    if not any(_SPECIFIC_EXPLOSIVE.search(w.text) for w in weapons):
        return weapons
    return [w for w in weapons if not _GENERIC_EXPLOSIVE.fullmatch(w.text.strip())]


def _same_thing(m, words: tuple[str, ...], k) -> bool:  # noqa: ANN001 - Mention | ActorMention
    if getattr(m, "kind", None) != getattr(k, "kind", None):
        return False
    canonical = getattr(m, "canonical", None)
    if canonical and m.kind == "organization" and canonical == getattr(k, "canonical", None):
        return True
    kw = filler_words(k.text)
    if getattr(m, "kind", None) == "individual" and _unnamed_people(m) and _unnamed_people(k):
        return True
    return words == kw or _contains(kw, words) or _contains(words, kw)


def _unnamed_people(m) -> bool:  # noqa: ANN001 - ActorMention
    """Is the perpetrator a description of people nobody named ("the rebels", "armed men")?"""
    words = m.text.lower().split()
    return bool(words) and words[-1] in lx.UNNAMED_PERPETRATOR_NOUNS


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return n < len(big) and any(big[i : i + n] == small for i in range(len(big) - n + 1))
