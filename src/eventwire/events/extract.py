"""Assemble event reports: triggers -> incident clusters -> typed, dated, located events.

An incident usually takes a sentence to report and a few more to elaborate. Each sentence with
a fresh trigger opens a cluster; sentences that refer back ("the blast", "the incident"), add a
toll, or add a claim join the cluster they follow. Every field of the resulting ``EventReport``
carries the spans that support it in ``evidence``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc

from eventwire.actors import ActorLexicon, ActorMatch
from eventwire.dates import TemporalExpression
from eventwire.events import learned
from eventwire.events import lexicon as lx
from eventwire.events.attribution import Attribution, find_claims, find_reporters
from eventwire.events.casualties import Casualty, combine, find_casualties, tolls_of_named
from eventwire.events.learned import (
    as_organization_if_state_body,
    attach_orphans,
    dedupe_mentions,
    filler_words,
    full_names,
    is_scene,
    merge_fillers,
    names_something,
    without_generic_explosives,
)
from eventwire.events.roles import Roles, roles_for_trigger, sentence_roles
from eventwire.events.triggers import Trigger, find_triggers, held_not_used
from eventwire.model import (
    ActorMention,
    CasualtyCount,
    DateRange,
    EventReport,
    Evidence,
    Location,
    Mention,
    Span,
)
from eventwire.ontology import subtype_info

_ANAPHORS = {"incident", "violence", "tragedy", "attack", "assault", "blast", "explosion", "bombing", "riot", "kidnapping", "abduction", "ambush", "massacre", "shooting", "killing", "killings", "attacks", "operation"}
_NEUTRAL_ANAPHORS = frozenset({"incident", "tragedy"})
_FAMILY_PRIORITY = {"explosion": 0.12, "abduction": 0.12, "arson": 0.06, "robbery": 0.06, "riot": 0.04, "coercion": 0.1, "protest": 0.0, "attack": 0.0}


@dataclass
class Cluster:
    sentences: list[int]
    triggers: list[Trigger] = field(default_factory=list)
    anaphoric_only: bool = False
    split: bool = False  # one of several incidents reported in the same sentences

    @property
    def last(self) -> int:
        return self.sentences[-1]


@dataclass(frozen=True)
class DocContext:
    """What event assembly needs from the other stages for one document."""

    doc_id: str
    text: str
    doc: Doc
    caseless: bool
    published: date | None
    temporal: list[TemporalExpression]
    locate: object  # callable(start, end) -> Location | None
    # the temporal expressions again, resolved against a stand-in date when the document has
    # none: "two days ago" and "last month" cannot be dated then, but they still cannot be the
    # same day, which is all that keeping two reports apart needs
    anchors: list[TemporalExpression] | None = None


def _choose_subtype(triggers: list[Trigger], doc: Doc, sent_tokens: set[str]) -> Trigger:
    def score(t: Trigger) -> float:
        fam = subtype_info(t.subtype).type
        return t.strength + _FAMILY_PRIORITY.get(fam, 0.0) - (0.3 if t.generic else 0.0)

    best = max(triggers, key=score)
    return best


def _refine_subtype(subtype: str, sent_words: set[str]) -> str:
    if subtype in ("violent_demonstration", "mob_violence") and sent_words & {"prison", "jail", "penitentiary", "inmates", "prisoners"}:
        return "prison_riot"
    if subtype in ("bombing", "armed_attack") and "suicide" in sent_words:
        return "suicide_bombing"
    if subtype == "armed_attack" and sent_words & {"protesters", "demonstrators", "protestors"} and sent_words & {"police", "troops", "soldiers", "forces"}:
        return "excessive_force"
    if subtype == "armed_attack" and sent_words & {"massacre", "massacred"}:
        return "massacre"
    # a plane that blew up in midair or was hijacked was the target, not the bomber
    if subtype == "bombing" and sent_words & _AIRCRAFT and not sent_words & {"car", "device", "dynamite", "exploded", "explosives", "planted", "blew", "midair", "mid-air", "hijacked"}:
        return "airstrike"  # "warplanes bombed the village": bombs dropped from the air
    return subtype


_AIRCRAFT = frozenset("aircraft plane planes warplane warplanes jet jets helicopter helicopters air-force a-37 a-37s bombers airplanes airplane".split())


def _by_perpetrator(subtype: str, perps: list[ActorMention], weapons: list[Mention] | None = None) -> str:
    """Bombs dropped by an air force are an airstrike ("the church was bombed by the air
    force"), wherever in the report the air force is named; so is an army's bombing that names
    no bomb ("the army bombed the villages"): a bombardment, not a bomb planted."""
    if subtype == "bombing" and perps and all(_AIR_FORCE.search(p.text.lower()) for p in perps):
        return "airstrike"
    if subtype == "bombing" and not weapons and perps and all(_STATE_MILITARY.search(p.text.lower()) for p in perps):
        return "airstrike"
    return subtype


_AIR_FORCE = re.compile(r"\bair[ -]forces?\b|\baviation\b")
_STATE_MILITARY = re.compile(r"\b(?:army|armies|armed forces|military|air[ -]forces?|navy)\b")
_EXPLOSIVE_WEAPONS = ("dynamite", "explosive", "bomb", "tnt")


_FIREARM = re.compile(r"\b(?:machine[ -]?guns?|(?:sub)?machineguns?|rifles?|pistols?|revolvers?|guns?|firearms?|bullets?|"
                     r"shotguns?|carbines?|ak-47s?|m-16s?|uzis?|kalashnikovs?|gunfire)\b")


def _by_weapon(subtype: str, weapons: list[Mention]) -> str:
    """An attack carried out with explosives alone is a bombing ("attacked the pylon with dynamite");
    a bombing carried out with guns as well is an armed attack ("threw a bomb and opened fire
    with machineguns"), as GTD codes an armed assault and MUC-4 keys an ATTACK."""
    if subtype in ("armed_attack", "sabotage") and weapons and all(any(w in m.text.lower() for w in _EXPLOSIVE_WEAPONS) for m in weapons):
        return "bombing"
    if subtype in ("bombing", "grenade") and any(_FIREARM.search(m.text.lower()) for m in weapons):
        return "armed_attack"
    if subtype == "airstrike" and any(_PLANTED.search(m.text.lower()) for m in weapons):
        return "bombing"  # "the dynamite charge placed under the plane": the aircraft was the target
    return subtype


_PLANTED = re.compile(r"\b(?:dynamite|tnt|charges?|devices?|car[ -]bombs?|explosives?)\b")
_WORD = re.compile(r"[a-z0-9][a-z0-9\-]*")


def _security_force(m: Mention) -> bool:
    """Does the victim or target name soldiers, police or their posts ("four treasury police officers")?"""
    words = _WORD.findall(m.text.lower())
    head = _WORD.findall((m.head or m.text).lower())
    last = head[-1] if head else ""
    if last in lx.SECURITY_FORCE_HEADS:
        return True
    return last in lx.SECURITY_MODIFIED_HEADS and bool(set(words) & lx.SECURITY_FORCE_WORDS)


def _armed_group_member(m: Mention) -> bool:
    head = _WORD.findall((m.head or m.text).lower())
    return bool(head) and head[-1] in lx.ARMED_GROUP_HEADS


_COUNT_ONLY = re.compile(r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)")


def _objects(doc: Doc, t: Trigger) -> list:
    """What the trigger acts on: "attacked the rebels", "opened fire on FMLN columns", "the attack on the base"."""
    words = set(range(t.start, t.end))
    objs = []
    for tok in doc[t.start : t.end]:
        objs += [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.i not in words]
        objs += [
            g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
            for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")  # "on Monday"
        ]
    return objs + [c for o in objs for c in o.children if c.dep_ == "conj"]


def _armed_party(tok) -> bool:  # noqa: ANN001 - spacy Token
    words = {w.lower_ for w in tok.subtree}
    head = tok.lower_
    if head in lx.SECURITY_FORCE_HEADS or head in lx.ARMED_GROUP_HEADS:
        return True
    return head in lx.SECURITY_MODIFIED_HEADS and bool(words & lx.SECURITY_FORCE_WORDS)


def _by_victims(subtype: str, victims: list[Mention], targets: list[Mention], objects: list | None = None) -> str:
    """An attack on security forces or armed groups alone is an armed clash (ACLED codes it as a
    battle): "four policemen were killed", "troops attacked the rebels"."""
    if subtype not in ("armed_attack", "assassination", "massacre"):
        return subtype
    hit = [m for m in victims + targets if not _COUNT_ONLY.fullmatch(m.text.lower())]  # "two (of our comrades)"
    if hit and all(_security_force(m) for m in hit):
        return "armed_clash"
    fighters = [m for m in victims if _armed_group_member(m)]
    if fighters and any(_security_force(m) for m in hit) and all(
            _security_force(m) or m in fighters for m in hit):
        return "armed_clash"  # dead and wounded on both sides: "two subversives were killed and a policeman wounded"
    if objects and all(_armed_party(o) for o in objects) and all(_security_force(m) for m in hit):
        return "armed_clash"
    return subtype


def _held(doc: Doc, m: Mention) -> bool:
    """A weapon seized, found or stolen ("the rebels stole 8 rifles") was not used in the incident."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and held_not_used(span.root)


_POSSESSED = re.compile(r"(?:'s|'|’s|’) +([a-z]+(?:-in-law)?)\b", re.IGNORECASE)


def _kin_of_another(doc: Doc, m: Mention) -> bool:
    """Does the mention name the person a victim belongs to, not the victim ("Colonel Carlos
    Guerrero's wife", "brother of the first lady Blanca Rodriguez", "an adviser to President
    Alan Garcia")?"""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    inside = range(span.start, span.end)
    if root.dep_ == "poss" and root.head.i not in inside and root.head.lower_ in lx.KIN_NOUNS:
        return True
    owner = _POSSESSED.match(doc.text, span.end_char)
    if owner and owner.group(1).lower() in lx.KIN_NOUNS:
        return True  # the parse of caseless copy may miss the possessive: "president carlos andres perez' brother-in-law"
    # through an apposition: "brother of venezuela's first lady blanca rodriguez"
    node = root.head if root.dep_ == "appos" else root
    return (node.dep_ == "pobj" and node.head.lower_ in ("of", "to") and node.head.head.i not in inside
            and node.head.head.lower_ in lx.KIN_NOUNS)


def _sentence_bounds(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(token start, token end, char start, char end) per sentence."""
    out = []
    for s in doc.sents:
        out.append((s.start, s.end, s.start_char, s.end_char))
    return out


def _anaphor_sentences(doc: Doc, bounds: list[tuple[int, int, int, int]]) -> set[int]:
    out = set()
    for k, (ts, te, _, _) in enumerate(bounds):
        for tok in doc[ts:te]:
            if tok.lemma_.lower() in _ANAPHORS and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
                out.add(k)
                break
    return out


def _cluster(triggers: list[Trigger], doc: Doc, bounds, ctx: DocContext, lex: ActorLexicon) -> list[Cluster]:
    # a threat is an event of its own: it neither takes in the incidents told after it ("many
    # priests have been killed") nor joins the one before it
    threats = [Cluster([t.sentence], [t]) for t in triggers if t.subtype == "threat"]
    clusters = _cluster_incidents([t for t in triggers if t.subtype != "threat"], doc, bounds, ctx, lex)
    return sorted(clusters + threats, key=lambda c: c.sentences[0])


def _cluster_incidents(triggers: list[Trigger], doc: Doc, bounds, ctx: DocContext, lex: ActorLexicon) -> list[Cluster]:
    by_sent: dict[int, list[Trigger]] = {}
    for t in triggers:
        if t.generic and not t.definite:
            continue  # "attacks on hotels" in a background paragraph names no incident
        by_sent.setdefault(t.sentence, []).append(t)
    anaphors = _anaphor_sentences(doc, bounds)
    clusters: list[Cluster] = []
    for k in range(len(bounds)):
        trigs = by_sent.get(k, [])
        if not trigs and not (k in anaphors and clusters):
            # a toll or a claim right after an incident elaborates on it
            if clusters and clusters[-1].last >= k - 1 and _elaborates(doc, bounds[k], ctx, lex):
                clusters[-1].sentences.append(k)
            continue
        fresh = [t for t in trigs if not t.definite and not t.generic]
        strong_fresh = [t for t in fresh if t.strength >= 0.7]
        mine = _named_objects(doc, [t for t in trigs if not t.generic])
        if clusters and mine:
            theirs = _named_objects(doc, clusters[-1].triggers)
            if theirs and not mine & theirs or all(t.subtype == "armed_clash" for t in clusters[-1].triggers):
                # "... killed lawyer Carlos Gomez", "the attack on Senator Galan": another victim;
                # "fighting that left 1,000 dead ... the killing of rector Ignacio Ellacuria": the
                # murder of named people is not part of a battle reported before it
                clusters.append(Cluster([k], list(trigs)))
                continue
        if clusters and (not strong_fresh or k in anaphors and not _new_anchor(k, bounds, ctx, clusters)):
            target = _antecedent(clusters, trigs, k, doc, bounds, k in anaphors)
            # a paragraph further on that shares only the place ("prison") and names another
            # time ("massacres since 2021") is background, not more of the incident
            if target is not None and k - target.last > 3 and _new_anchor(k, bounds, ctx, [target]):
                target = None
            if target is not None:
                target.sentences.append(k)
                target.triggers.extend(trigs)
                continue
        if trigs:
            clusters.append(Cluster([k], list(trigs)))
    return clusters


def _named_objects(doc: Doc, trigs: list[Trigger]) -> set[str]:
    """The words of the people a trigger names as its object ("killed lawyer Carlos Gomez",
    "Juan Perez was shot"), from the named-entity tags."""
    out: set[str] = set()
    for t in trigs:
        for tok in doc[t.start : t.end]:
            for c in tok.children:
                if c.dep_ in ("dobj", "nsubjpass") or c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "including") and tok.pos_ == "NOUN":
                    heads = [c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ == "pobj"]
                    for h in heads:
                        out |= {w.lower_ for w in h.subtree if w.ent_type_ == "PERSON"}
    return out


def _elaborates(doc: Doc, bound: tuple[int, int, int, int], ctx: DocContext, lex: ActorLexicon) -> bool:
    words = {t.lower_ for t in doc[bound[0] : bound[1]]}
    if words & {"toll", "responsibility"}:
        return True
    # "... who said they were responsible for the action" claims it; "holds the colonel
    # responsible" or "is responsible for all the crimes" accuses, and may be of anything
    if "responsible" in words and find_claims(doc, ctx.text, bound[0], bound[1], lex, ctx.caseless):
        return True
    return bool(words & {"killed", "dead", "wounded", "injured", "died"}) and any(t.like_num or t.pos_ == "NUM" for t in doc[bound[0] : bound[1]])


def _new_anchor(k: int, bounds, ctx: DocContext, clusters: list[Cluster]) -> bool:
    """Does sentence k name a date that conflicts with the previous cluster's?"""
    start, end = bounds[k][2], bounds[k][3]
    anchors = ctx.temporal if ctx.anchors is None else ctx.anchors
    mine = [e for e in anchors if start <= e.start < end]
    if not mine:
        return False
    prev = clusters[-1]
    theirs = [e for e in anchors for s in prev.sentences if bounds[s][2] <= e.start < bounds[s][3]]
    if not theirs:
        return False
    return not any(a.range.start <= b.range.end and b.range.start <= a.range.end for a in mine for b in theirs)


def _antecedent(clusters: list[Cluster], trigs: list[Trigger], k: int, doc: Doc, bounds, anaphoric: bool = False) -> Cluster | None:
    words = {t.lemma_.lower() for t in doc[bounds[k][0] : bounds[k][1]]}
    families = {subtype_info(t.subtype).type for t in trigs}
    # "two peasants were killed ... The incident took place when they set off a mine": a word
    # that names no kind of incident refers back to the one just reported, whatever its kind
    if anaphoric and words & _NEUTRAL_ANAPHORS and clusters[-1].last == k - 1:
        return clusters[-1]
    for cluster in reversed(clusters[-4:]):
        theirs = {subtype_info(t.subtype).type for t in cluster.triggers}
        cwords = {t.lemma_.lower() for s in cluster.sentences for t in doc[bounds[s][0] : bounds[s][1]]}
        if not families or families & theirs or "attack" in families or words & cwords & {"prison", "market", "mosque", "church", "school", "checkpoint", "base", "bus", "hotel", "embassy"}:
            if k - cluster.last <= 3 or words & cwords & {"prison", "market", "mosque", "church", "school", "checkpoint", "base", "bus", "hotel", "embassy"}:
                return cluster
    return None


def _mention(text: str, start: int, end: int, head: tuple[int, int] | None = None) -> Mention:
    h = text[head[0] : head[1]] if head and (head[0], head[1]) != (start, end) and head[1] > head[0] else None
    return Mention(text=text[start:end], start=start, end=end, head=h)


def _actor_mention(text: str, a: Attribution) -> ActorMention:
    kind = "individual" if a.kind == "individual" else "organization"
    return ActorMention(text=text[a.phrase.start : a.phrase.end], start=a.phrase.start, end=a.phrase.end, kind=kind, canonical=a.canonical)


def _attached(ctx: DocContext, e: TemporalExpression, trigger_tokens: set[int]) -> int:
    """0 when the date expression modifies a trigger ("Saturday's shelling"), else 1."""
    span = ctx.doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return 1
    node = span.root
    for _ in range(3):
        if node.i in trigger_tokens:
            return 0
        if node.head is node:
            break
        node = node.head
    return 0 if node.i in trigger_tokens else 1


def _date_for(cluster: Cluster, bounds, ctx: DocContext, anchor_char: int) -> DateRange | None:
    in_cluster = [e for e in ctx.temporal for s in cluster.sentences if bounds[s][2] <= e.start < bounds[s][3]]
    trigger_tokens = {i for t in cluster.triggers if t.sentence == cluster.sentences[0] for i in range(t.start, t.end)}
    specific = [e for e in in_cluster if e.range.precision in ("day", "week", "month")]
    pool = specific or in_cluster
    if pool:
        first_sent = cluster.sentences[0]
        def rank(e: TemporalExpression) -> tuple[int, int, int, int]:
            precision = {"day": 0, "week": 1, "month": 2, "year": 3}[e.range.precision]
            in_first = 0 if bounds[first_sent][2] <= e.start < bounds[first_sent][3] else 1
            return (_attached(ctx, e, trigger_tokens), precision, in_first, abs(e.start - anchor_char))
        best = min(pool, key=rank)
        r = best.range
        return DateRange(start=r.start, end=r.end, precision=r.precision, text=ctx.text[best.start : best.end], text_start=best.start, text_end=best.end)
    if ctx.published is None:
        return None
    return DateRange(start=ctx.published - timedelta(days=6), end=ctx.published, precision="week", text=None)


def _confidence(best: Trigger, n_triggers: int, has: dict[str, bool], in_quote: bool) -> float:
    score = 0.25 + 0.45 * best.strength
    score += 0.08 * has["date"] + 0.1 * has["casualties"] + 0.05 * has["location"] + 0.06 * has["perpetrator"]
    score += 0.05 * has["victim_or_target"] + 0.03 * min(n_triggers - 1, 3)
    if best.generic:
        score -= 0.3
    if in_quote:
        score -= 0.1
    return round(max(0.01, min(0.99, score)), 3)


# "MOGADISHU, Somalia (Horn Wire) — ", "BOGOTA, 7 JAN 90 (EFE) -- ": where the report was filed,
# not where the incident happened
_DATELINE = re.compile(r"^[A-Z][A-Za-z’'.\- ]{1,40}(?:,[^—\n]{1,60}?)?\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|--|-)\s+")


_DATELINE_CASELESS = re.compile(_DATELINE.pattern, re.IGNORECASE)


def dateline_end(text: str, line_start: int, caseless: bool = False) -> int:
    """End offset of a dateline at the start of the line at ``line_start`` (or ``line_start``).

    In lower-case or all-capitals copy the capitals say nothing, so a town, a comma and a dash
    ("popayan, colombia, 3 jun 24 (sur wire) --") are enough."""
    if caseless:
        m = _DATELINE_CASELESS.match(text, line_start)
        return m.end() if m and "," in text[line_start:m.end()] else line_start
    m = _DATELINE.match(text, line_start)
    if m is None:
        return line_start
    head = text[line_start : m.end()]
    letters = [c for c in head.split(",")[0] if c.isalpha()]
    # datelines are written in capitals ("KABUL, Afghanistan —")
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return m.end()
    return line_start


# so many dead, reported only with a weak word ("killed", "dead"), are the toll of a war or a
# campaign ("more than 2,000 people have been killed since the offensive began")
TOLL_MIN = 500

def _toll_only(best: Trigger, fatalities: CasualtyCount | None, victims: list[Mention], targets: list[Mention]) -> bool:
    """A weak word ("killed") with a count of TOLL_MIN dead or more and nobody else named is the
    toll of a war or a campaign, not an incident."""
    if best.strength >= 0.7 or fatalities is None or (fatalities.low or fatalities.best or 0) < TOLL_MIN:
        return False
    counted = (fatalities.start or 0, fatalities.end or 0)
    return not targets and all(v.start < counted[1] and counted[0] < v.end for v in victims)


_SEPARATE_CUES = frozenset("another separate second third also elsewhere meanwhile earlier previous similar".split())


_PLACE_PREPS = frozenset("in at near outside".split())


def _fronted_place(doc: Doc, bound: tuple[int, int, int, int]) -> str | None:
    """The place a sentence opens with ("In Huaraz, terrorists set fire to ...", "Near Oroya, a
    train ..."): news round-ups report one incident per place this way."""
    ts, te = bound[0], bound[1]
    k = ts
    while k < te and (doc[k].is_punct or doc[k].is_space or doc[k].lower_ in ("and", "meanwhile", "also")):
        k += 1
    if k >= te or doc[k].lower_ not in _PLACE_PREPS:
        return None
    prep = doc[k]
    places = [t for t in prep.subtree if t.ent_type_ in ("GPE", "LOC", "FAC") and t.i > prep.i]
    comma = next((t.i for t in doc[k:te] if t.text == ","), None)
    if not places or comma is None or places[0].i > comma:
        return None
    return " ".join(t.lower_ for t in places if t.i < comma)


_NAME_SKIP = frozenset(
    """mr mrs ms dr col colonel gen general capt captain lt lieutenant maj major sgt sergeant president
    minister father fr monsignor msgr archbishop bishop judge mayor senator deputy commander don dona
    doctor engineer attorney governor former late the a an his her their its of and""".split()
)
_NOT_NAME_WORDS = frozenset("one two three four five six seven eight nine ten several various some many all both each".split())
_DESCRIBING = frozenset("dead slain murdered kidnapped wounded injured prominent local well-known young".split())


def _victim_names(victims: list[Mention]) -> list[set[str]]:
    """The words of each victim that is named ("Colonel Lopez Huila" -> {lopez, huila}); a
    description ("two civilians", "the mayor") names nobody."""
    out = []
    for m in victims:
        words = _WORD.findall(m.text.lower())
        # a name follows its description: "dead journalist Juan Perez" names Juan Perez
        last = max((i for i, w in enumerate(words) if w in lx.PERSON_NOUNS), default=-1)
        words = words[last + 1:]
        if not words or any(w in _NOT_NAME_WORDS or w[0].isdigit() for w in words):
            continue
        name = {w for w in words if w not in _NAME_SKIP and w not in _DESCRIBING}
        if name:
            out.append(name)
    return out


def _is_named_victim(perp: ActorMention, named: list[set[str]]) -> bool:
    words = set(_WORD.findall(perp.text.lower()))
    return bool(words) and any(words <= n or n <= words for n in named)


def _other_victims(a: EventReport, b: EventReport) -> bool:
    """Do both reports name their victims, and no one in common ("the murder of X" and "the
    assassination of Y" are two incidents)?"""
    na, nb = _victim_names(a.victims), _victim_names(b.victims)
    return bool(na and nb) and not any(x & y for x in na for y in nb)


def _explicit_date(report: EventReport) -> DateRange | None:
    return report.date if report.date is not None and report.date.text else None


def _same_incident(a: EventReport, b: EventReport, b_words: set[str]) -> bool:
    """Can report ``b`` (later in the text) be a further mention of incident ``a``?"""
    fam_a, fam_b = a.type, b.type
    if fam_a != fam_b and "threat" in (fam_a, fam_b):
        return False  # "the threats against her became a reality today": the murder is another event
    if fam_a != fam_b and "attack" not in (fam_a, fam_b) and {fam_a, fam_b} != {"riot", "protest"}:
        return False
    if b_words & _SEPARATE_CUES:
        return False
    if _other_victims(a, b):
        return False
    if (a.subtype == "armed_clash") != (b.subtype == "armed_clash") and _victim_names((b if a.subtype == "armed_clash" else a).victims):
        # "fighting that left 1,000 dead ... the killing of rector Ignacio Ellacuria": the murder
        # of named people is an incident of its own, not part of the battle reported beside it
        return False
    return not (_dates_differ(a, b) or _places_differ(a.location, b.location))


def _dates_differ(a: EventReport, b: EventReport) -> bool:
    """Do both reports give an explicit date, and do the two not overlap?"""
    da, db = _explicit_date(a), _explicit_date(b)
    return bool(da and db and (db.start > da.end or da.start > db.end))


def _places_differ(la: Location | None, lb: Location | None) -> bool:
    """Are two reports placed in different countries, or in different towns?"""
    if not (la and lb):
        return False
    if la.country_code and lb.country_code and la.country_code != lb.country_code:
        return True
    return la.precision in ("point", "town") and lb.precision in ("point", "town") and la.name != lb.name


# incident families reported in the same sentence as another incident that annotators (MUC-4,
# ACLED) count as incidents of their own: "burned the facilities and stole food" is an arson and
# a robbery; "kidnapped the mayor and shot two guards" a kidnapping and an attack
_SPLIT_FAMILIES = frozenset({"abduction", "arson", "robbery"})
_SAME_INCIDENT = ({"explosion", "attack"}, {"riot", "protest"})


def _separate(t: Trigger, doc: Doc) -> bool:
    """Is this trigger a clear report of an incident (not a mention or an effect)?"""
    if t.generic or t.definite:
        return False
    tok = doc[t.start]
    return t.strength >= 0.8 or tok.pos_ == "VERB" and t.strength >= 0.5 and any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)


def split_incidents(cluster: Cluster, doc: Doc) -> list[Cluster]:
    """One cluster per distinct incident family among its triggers (the main one first)."""
    main = _choose_subtype(cluster.triggers, doc, set())
    main_family = subtype_info(main.subtype).type
    groups: dict[str, list[Trigger]] = {}
    for t in cluster.triggers:
        fam = subtype_info(t.subtype).type
        if fam == main_family or any({fam, main_family} <= pair for pair in _SAME_INCIDENT):
            continue
        side = fam in _SPLIT_FAMILIES or fam in ("attack", "explosion") and main_family in _SPLIT_FAMILIES and t.strength >= 0.8
        if side and _separate(t, doc):
            groups.setdefault(fam, []).append(t)
    if not groups:
        return [cluster]
    moved = {id(t) for ts in groups.values() for t in ts}
    out = [Cluster(cluster.sentences, [t for t in cluster.triggers if id(t) not in moved], cluster.anaphoric_only, True)]
    for ts in groups.values():
        out.append(Cluster(sorted({t.sentence for t in ts}), ts, False, True))
    return out


def split_victims(cluster: Cluster, doc: Doc) -> list[Cluster]:
    """One cluster per person named as the object of its triggers: "this assassination was a
    response to the killing of Rodrigo Perez" reports two murders, "the murder of X ... the
    attack on Y" two incidents. Triggers that name nobody stay with the first incident."""
    groups: list[tuple[set[str], list[Trigger]]] = []
    for t in sorted(cluster.triggers, key=lambda t: t.start):
        names = _named_objects(doc, [t]) if not t.generic else set()
        if not names:
            continue
        home = next((g for g in groups if g[0] & names), None)
        if home is None:
            groups.append((set(names), [t]))
        else:
            home[0].update(names)
            home[1].append(t)
    if len(groups) < 2:
        return [cluster]
    moved = {id(t) for _, ts in groups[1:] for t in ts}
    out = [Cluster(cluster.sentences, [t for t in cluster.triggers if id(t) not in moved], cluster.anaphoric_only, True)]
    for _, ts in groups[1:]:
        out.append(Cluster(sorted({t.sentence for t in ts}), ts, False, True))
    return out


def _governing_trigger(doc: Doc, start: int, end: int, triggers: list[Trigger]) -> Trigger | None:
    """The first of ``triggers`` met going up the parse from the phrase at ``start:end``
    ("kidnapped [the mayor] and shot dead [two guards]": each object hangs on its own verb)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok, coordinated = span.root, False
    for _ in range(8):
        # a weapon that is a trigger itself ("stole 8 rifles, 1 grenade and 1,600 cartridges")
        # governs neither itself nor what is listed with it
        hit = None if coordinated else next(
            (t for t in triggers if t.start <= tok.i < t.end and not (span.start <= t.start and t.end <= span.end)), None)
        if hit is not None or tok.head.i == tok.i:
            return hit
        coordinated = tok.dep_ == "conj"
        tok = tok.head
    return None


def _nearest_only(doc: Doc, items: list, anchors: list[Trigger], rivals: list[Trigger],
                  ranges: list[tuple[int, int]], where=lambda m: (m.start, m.end)) -> list:  # noqa: ANN001 - offsets of an item
    """Items in a sentence shared with a sibling incident go to their own incident's trigger:
    the one the parse hangs them on, or else the nearer one (from its nearer edge)."""
    def edges(t: Trigger) -> tuple[int, int]:
        return doc[t.start].idx, doc[t.end - 1].idx + len(doc[t.end - 1])

    def dist(a: int, b: int, triggers: list[Trigger], lo: int, hi: int) -> int:
        gaps = [max(s - b, a - e, 0) for s, e in map(edges, triggers) if lo <= s < hi]
        return min(gaps, default=10**9)

    out = []
    for m in items:
        a, b = where(m)
        owner = _governing_trigger(doc, a, b, anchors + rivals)
        if owner is not None:
            if any(owner is t for t in anchors):
                out.append(m)
            continue
        lo, hi = next(((x, y) for x, y in ranges if x <= a < y), (a, a))
        if dist(a, b, rivals, lo, hi) == 10**9 or dist(a, b, anchors, lo, hi) <= dist(a, b, rivals, lo, hi):
            out.append(m)
    return out


def extract_events(ctx: DocContext, lex: ActorLexicon, min_confidence: float = 0.0) -> list[EventReport]:
    """Event reports for one annotated document."""
    doc = ctx.doc
    triggers = find_triggers(doc)
    if not triggers:
        return []
    bounds = _sentence_bounds(doc)
    built: list[tuple[Cluster, EventReport]] = []
    parts: list[tuple[Cluster, list[Trigger], int]] = []  # cluster, sibling triggers, 0 main / 1 side
    for whole in _cluster(triggers, doc, bounds, ctx, lex):
        split = [part for by_victim in split_victims(whole, doc) for part in split_incidents(by_victim, doc)]
        for k, cluster in enumerate(split):
            rivals = [t for j, other in enumerate(split) if j != k for t in other.triggers]
            parts.append((cluster, rivals, 0 if len(split) == 1 else 1 + (k > 0)))
    main_report: EventReport | None = None
    for cluster, rivals, role in parts:
        report = _build(cluster, bounds, ctx, lex, 0, rivals, side=role == 2)
        if role == 1:
            main_report = report
        if report is None:
            continue
        if role:
            if role == 2 and main_report is not None and not report.perpetrators and main_report.perpetrators:
                # "guerrillas burned the farm and stole cattle": one subject for both incidents
                extra = [Evidence(field="perpetrators", start=p.start, end=p.end, text=p.text) for p in main_report.perpetrators]
                report = report.model_copy(update={
                    "perpetrators": list(main_report.perpetrators),
                    "evidence": sorted(report.evidence + extra, key=lambda e: (e.start, e.field)),
                })
            built.append((cluster, report))
            continue
        first_words = {t.lower_ for t in doc[bounds[cluster.sentences[0]][0] : bounds[cluster.sentences[0]][1]]}
        place = _fronted_place(doc, bounds[cluster.sentences[0]])
        target = None
        for k in range(len(built) - 1, max(len(built) - 3, -1), -1):
            prev = built[k][1].location
            prev_names = {(prev.name or "").lower(), (prev.text or "").lower()} if prev else set()
            if place and place != _fronted_place(doc, bounds[built[k][0].sentences[0]]) and place not in prev_names:
                break  # "In Huaraz, ...": a round-up's next place is the next incident
            if _same_incident(built[k][1], report, first_words):
                target = k
                break
        if target is None:
            built.append((cluster, report))
            continue
        prev_cluster, _ = built[target]
        if prev_cluster.split:
            built.append((cluster, report))
            continue
        union = Cluster(sorted(set(prev_cluster.sentences) | set(cluster.sentences)), prev_cluster.triggers + cluster.triggers)
        merged = _build(union, bounds, ctx, lex, 0)
        if merged is not None:
            built[target] = (union, merged)
    kept = [(c, r) for c, r in built if r.confidence >= min_confidence]
    # the tagger's spans outside every incident go to the nearest incident, never to a threat
    # (the tagger learned who did and suffered incidents, and threats are told beside them)
    incidents = [k for k, (_, r) in enumerate(kept) if r.subtype != "threat"]
    attached = attach_orphans(doc, ctx.text, [kept[k][1] for k in incidents], [[(bounds[s][2], bounds[s][3]) for s in kept[k][0].sentences] for k in incidents], lex, ctx.caseless)
    reports = [r for _, r in kept]
    for k, r in zip(incidents, attached, strict=True):
        reports[k] = r
    anchored = [_anchored(r) for r in reports]
    # "guerrillas burned the farm and stole cattle": the theft is as concrete as the arson
    # reported with it, even though cattle are no target and no date is repeated
    anchored = [
        ok or (c.split and r.type in _SPLIT_FAMILIES
               and any(anchored[j] and set(c.sentences) & set(o.sentences) for j, (o, _) in enumerate(kept) if j != i))
        for i, ((c, _), r, ok) in enumerate(zip(kept, reports, anchored, strict=True))
    ]
    reports = [no_assassination_target(r) for r in _claims_handed_on(reports, anchored)]
    # without the tagger's orphan spans, the rules reach for the group and the attackers named
    # near an incident themselves
    untagged = learned.role_spans(doc) is None
    reports = sole_group(reports, doc, ctx.text, lex, ctx.caseless, reach=GROUP_REACH if untagged else None)
    if untagged:
        reports = [nearest_attackers(r, doc) for r in reports]
    reports = fold_repeats(reports)
    reports = [with_named_tolls(r, doc, ctx.text) for r in reports]
    reports = [with_coordinated_groups(r, doc, ctx.text, lex, ctx.caseless) for r in reports]
    return [r.model_copy(update={"id": f"{ctx.doc_id}-e{k + 1}"}) for k, r in enumerate(reports)]


_ARTICLES = frozenset({"the", "a", "an"})


def _filler_keys(report: EventReport) -> set[tuple[str, tuple[str, ...]]]:
    """What a report says about who and what: its fillers as comparable (role, words) pairs."""
    def key(text: str) -> tuple[str, ...]:
        return tuple(w for w in filler_words(text) if w not in _ARTICLES)
    keys = {(f"perpetrators:{p.kind}", key(p.canonical or p.text)) for p in report.perpetrators}
    for role in ("targets", "weapons"):
        keys |= {(role, key(m.head or m.text)) for m in getattr(report, role)}
    for m in report.victims:  # a victim is the same person with or without a title
        name = _victim_names([m])
        keys.add(("victims", tuple(sorted(name[0])) if name else key(m.head or m.text)))
    return keys


def _counts_agree(a: CasualtyCount | None, b: CasualtyCount | None) -> bool:
    return a is None or b is None or a.best == b.best


def _repeats(r: EventReport, q: EventReport, r_keys: set, q_keys: set) -> bool:
    """Does report ``r`` (fillers ``r_keys``) add nothing to report ``q`` of the same
    document: same kind of incident, every participant it names already in ``q``, and no
    date, place or toll that tells them apart?"""
    if r.type != q.type or (r.subtype == "armed_clash") != (q.subtype == "armed_clash"):
        return False
    if not (r.targets or r.victims):
        return False  # "a bomb went off" three times is three bombings until told what they hit
    if not r_keys <= q_keys:
        return False
    if not (_counts_agree(r.fatalities, q.fatalities) and _counts_agree(r.injuries, q.injuries)):
        return False
    return not (_dates_differ(r, q) or _places_differ(r.location, q.location))


def fold_repeats(reports: list[EventReport]) -> list[EventReport]:
    """Fold a report that repeats another of the same document into it.

    Articles come back to an incident they already told ("the bomb damaged the offices ...
    the bombing of the offices"); when the second telling is out of reach of the sentence
    merge, it surfaces as a report whose every participant is already in the first. That
    is the same incident again, and it keeps its date, place and tolls where the first has
    none. On the first 1,200 MUC-4 train documents the fold removes six spurious templates
    and no true positive (docs/muc4.md, eighth round).
    """
    out = list(reports)
    keys = [_filler_keys(r) for r in out]  # a fold fills in dates and tolls, never fillers
    i = 0
    while i < len(out):
        r = out[i]
        host = next(
            (j for j, q in enumerate(out) if j != i and _repeats(r, q, keys[i], keys[j])
             and (not keys[j] <= keys[i] or j < i)),
            None,
        )
        if host is None:
            i += 1
            continue
        q = out[host]
        update: dict[str, object] = {
            "evidence": sorted({(e.start, e.end, e.field): e for e in q.evidence + r.evidence}.values(),
                               key=lambda e: (e.start, e.field)),
            "confidence": max(q.confidence, r.confidence),
        }
        for name in ("date", "location", "fatalities", "injuries"):
            if getattr(q, name) is None and getattr(r, name) is not None:
                update[name] = getattr(r, name)
        if not q.claimed_by and r.claimed_by:
            update["claimed_by"] = r.claimed_by
        out[host] = q.model_copy(update=update)
        del out[i], keys[i]
        i = 0  # the host may now carry a date or place that separates it from others
    return out


def with_named_tolls(report: EventReport, doc: Doc, text: str) -> EventReport:
    """A report with no stated toll counts the victims the text says died (or were hurt), one each.

    Done last, after the merges, so that an inferred toll never keeps two tellings of one
    incident apart; a stated figure anywhere in the report always wins.
    """
    if report.fatalities is not None and report.injuries is not None or not report.victims:
        return report
    tolls = tolls_of_named(doc, text, [(v.start, v.end) for v in report.victims])
    update: dict[str, object] = {}
    evidence = list(report.evidence)
    for field_name, toll in tolls.items():
        if getattr(report, field_name) is not None:
            continue
        update[field_name] = CasualtyCount(low=toll.low, best=toll.best, high=toll.high, text=toll.text, start=toll.start, end=toll.end)
        evidence.append(Evidence(field=field_name, start=toll.start, end=toll.end, text=toll.text))
    if not update:
        return report
    update["evidence"] = sorted(evidence, key=lambda e: (e.start, e.field))
    return report.model_copy(update=update)


def _group_mention(text: str, offset: int, m: ActorMatch) -> ActorMention:
    """The organisation perpetrator a lexicon match names, ``m`` found at ``offset`` in ``text``."""
    start = offset + m.start
    return ActorMention(text=text[start : start + len(m.text)], start=start, end=start + len(m.text),
                        kind="organization", canonical=m.canonical)


def with_coordinated_groups(report: EventReport, doc: Doc, text: str, lex: ActorLexicon, caseless: bool) -> EventReport:
    """A group coordinated with a perpetrator group in one phrase is a perpetrator too: "could
    have been carried out by the Shining Path or the MRTA" names two suspects, and the keys of
    MUC-4 and GTD's suspected-perpetrator fields list both."""
    known = {p.canonical for p in report.perpetrators if p.canonical}
    added: list[ActorMention] = []
    for p in report.perpetrators:
        span = doc.char_span(p.start, p.end, alignment_mode="expand") if p.kind == "organization" else None
        if span is None:
            continue
        node = span.root
        # the name may modify its noun: "the Maoist Shining Path group or the MRTA group"
        if node.dep_ in ("compound", "amod", "nmod") and span.end <= node.head.i <= span.end + 2:
            node = node.head
        if any(t.dep_ == "pobj" and t.head.lower_ == "between" for t in (node, *node.conjuncts)):
            continue  # "clashes between the army and FMLN guerrillas": two sides, not two suspects
        for conj in node.conjuncts:
            sub = doc[conj.left_edge.i : conj.right_edge.i + 1]
            if span.start < sub.end and sub.start < span.end:
                continue
            for m in lex.find(text[sub.start_char : sub.end_char], caseless):
                if m.canonical in known:
                    continue
                known.add(m.canonical)
                added.append(_group_mention(text, sub.start_char, m))
    if not added:
        return report
    evidence = [*report.evidence, *(Evidence(field="perpetrators", start=m.start, end=m.end, text=m.text) for m in added)]
    return report.model_copy(update={
        "perpetrators": sorted([*report.perpetrators, *added], key=lambda m: m.start),
        "evidence": sorted(evidence, key=lambda e: (e.start, e.field))})


def no_assassination_target(report: EventReport) -> EventReport:
    """An assassination is aimed at a person: the office, car or house a report names with it
    is where it happened, not what was attacked ("shot dead outside the ministry"). MUC-4
    agrees: 2 of 14 such targets on its train split are in the keys."""
    if report.subtype != "assassination" or not report.targets:
        return report
    spans = {(t.start, t.end) for t in report.targets}
    evidence = [e for e in report.evidence if not (e.field == "targets" and (e.start, e.end) in spans)]
    return report.model_copy(update={"targets": [], "evidence": evidence})


_DENIAL = re.compile(r"\b(?:not|n't|never|no|denied|denies|deny|denying|rejected|ruled out)\b", re.IGNORECASE)


def _denied_at(doc: Doc, pos: int) -> bool:
    """Does the sentence at character ``pos`` deny or doubt what it says ("police did not
    blame the bombing on al-Shabaab")?"""
    words = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return words is not None and bool(_DENIAL.search(words.sent.text))


# how far (characters) from a report's trigger the article's one armed group may be named for
# a report that names no perpetrator to take it, when no tagger places perpetrators (the
# tagger's own spans reach 800 characters for groups, events/learned.py)
GROUP_REACH = 800


def sole_group(reports: list[EventReport], doc: Doc, text: str, lex: ActorLexicon,
               caseless: bool, reach: int | None = None) -> list[EventReport]:
    """Reports whose perpetrators are only "guerrillas", "militants" and the like take the
    armed group the article names (state forces aside): the only one, or one named at least
    twice as often as all others together, with its naming as evidence. Nothing changes when
    the article names no group, or several with none dominant. With ``reach``, a report that
    names no perpetrator at all takes the group too when it is named that close to its trigger
    ("the Manuel Rodriguez Patriotic Front ... announced it would attack U.S. interests", a
    paragraph after the bombs)."""
    groups = lex.armed_groups(text, caseless)
    counts = Counter(m.canonical for m in groups)
    if not counts:
        return reports
    (top, n), *rest = counts.most_common()
    if rest and n < 2 * sum(k for _, k in rest):
        return reports  # several groups, none dominant: whose guerrillas is unclear
    groups = [m for m in groups if m.canonical == top]
    out = []
    affirmed = [m for m in groups if not _denied_at(doc, m.start)] if reach is not None else []
    for r in reports:
        # where the report speaks of the group: its "guerrillas", and the namings to choose from
        anchors: list = [p for p in r.perpetrators
                         if p.kind == "individual" and (p.text.lower().split() or [""])[-1] in lx.MILITANT_NOUNS]
        namings = groups
        if not r.perpetrators and reach is not None:
            # the trigger stands for the missing perpetrator when the group is named near it,
            # and not in a sentence that denies or doubts it ("police did not blame ... on al-Shabaab")
            anchors = [e for e in r.evidence if e.field == "type" and any(abs(m.start - e.start) <= reach for m in affirmed)]
            namings = affirmed
        if any(p.kind == "organization" for p in r.perpetrators) or not anchors:
            out.append(r)
            continue
        # the naming nearest the "guerrillas" (or the trigger) is the evidence
        g = min(namings, key=lambda m: min(abs(m.start - a.start) for a in anchors))
        actor = _group_mention(text, 0, g)
        ev = Evidence(field="perpetrators", start=g.start, end=g.end, text=g.text)
        out.append(r.model_copy(update={
            "perpetrators": [*r.perpetrators, actor],
            "evidence": sorted([*r.evidence, ev], key=lambda e: (e.start, e.field))}))
    return out


# plural nouns for the unnamed people who carry out attacks, and how far (characters) from a
# report's trigger one may stand to be its perpetrator when no tagger places perpetrators (the
# tagger's own perpetrator spans reach 400 characters, events/learned.py)
_ATTACKER_NOUNS = frozenset(
    "guerrillas terrorists rebels insurgents militants subversives gunmen attackers assailants kidnappers".split())
ATTACKER_REACH = 400


def nearest_attackers(report: EventReport, doc: Doc) -> EventReport:
    """Without the tagger: a report that names no individual perpetrator takes the nearest
    "guerrillas", "terrorists" or "gunmen" within reach of its trigger ("police today reported
    that terrorists staged three bomb attacks ... a bomb ... went off last night"), unless the
    sentence naming them denies it."""
    if any(p.kind == "individual" for p in report.perpetrators):
        return report
    trigger = next((e for e in report.evidence if e.field == "type"), None)
    if trigger is None:
        return report
    near = [t for t in doc if t.lower_ in _ATTACKER_NOUNS and abs(t.idx - trigger.start) <= ATTACKER_REACH
            and not _DENIAL.search(t.sent.text)
            and not any(p.start <= t.idx < p.end for p in report.perpetrators)]  # named already, as a group
    if not near:
        return report
    tok = min(near, key=lambda t: abs(t.idx - trigger.start))
    actor = ActorMention(text=tok.text, start=tok.idx, end=tok.idx + len(tok), kind="individual")
    ev = Evidence(field="perpetrators", start=actor.start, end=actor.end, text=actor.text)
    return report.model_copy(update={
        "perpetrators": [*report.perpetrators, actor],
        "evidence": sorted([*report.evidence, ev], key=lambda e: (e.start, e.field))})


def _claims_handed_on(reports: list[EventReport], anchored: list[bool]) -> list[EventReport]:
    """The anchored reports, where a claim told in a dropped reference to an incident ("two
    explosions brought it down ... the Extraditables said they were responsible for the
    action") goes to the incident of the same type told before it that has no claim yet."""
    out: list[EventReport] = []
    for r, ok in zip(reports, anchored, strict=True):
        if ok:
            out.append(r)
            continue
        host = next((k for k in range(len(out) - 1, -1, -1) if out[k].type == r.type), None)
        if r.claimed_by and host is not None and not out[host].claimed_by:
            q = out[host]
            perps = _with_claimants(list(q.perpetrators), r.claimed_by)
            ev = [e for e in r.evidence if e.field == "claimed_by"]
            ev += [Evidence(field="perpetrators", start=p.start, end=p.end, text=p.text) for p in perps[len(q.perpetrators):]]
            out[host] = q.model_copy(update={
                "claimed_by": list(r.claimed_by),
                "perpetrators": perps,
                "evidence": sorted(q.evidence + ev, key=lambda e: (e.start, e.field))})
    return out


def _with_claimants(perps: list[ActorMention], claimed: list[ActorMention]) -> list[ActorMention]:
    """The perpetrators and, after them, each known group that claimed the incident."""
    out = list(perps)
    for c in claimed:
        if c.canonical and not any(p.canonical == c.canonical for p in out):
            out.append(c.model_copy(update={"kind": "organization"}))
    return out


def _anchored(report: EventReport) -> bool:
    """Does the report say who or what was hit, what it cost, or when it happened?

    "Guerrilla sabotage activity", "the bombings", "this massacre" with none of these are
    references to incidents (or to violence in general), not reports of one. Measured on the
    MUC-4 train split: dropping them removes twice as many spurious incidents as real ones.
    """
    return bool(
        report.victims or report.targets or report.fatalities or report.injuries
        or (report.date is not None and report.date.text)
    )


# attacks aimed at people: a home or car they were in is the scene ("shot dead in his car")
_AGAINST_PEOPLE = frozenset({"armed_attack", "assassination", "massacre", "kidnapping", "hostage_taking"})


def _group_in_trigger_sentence(doc: Doc, text: str, best: Trigger, lex: ActorLexicon, caseless: bool,
                               hit: list[Mention]) -> list[ActorMention]:
    """Without the tagger: the armed group the trigger's sentence names, when it names one and
    it is not among those hit ("the FMLN urban commandos dynamited two pylons", "rebels of
    the ELN's Camilist Union kidnapped ..."); state forces are left to the parse."""
    sent = doc[best.start].sent
    found = lex.armed_groups(text[sent.start_char : sent.end_char], caseless)
    if len({m.canonical for m in found}) != 1:
        return []
    group = _group_mention(text, sent.start_char, found[0])
    return [] if any(h.start <= group.start < h.end for h in hit) else [group]


def _build(cluster: Cluster, bounds, ctx: DocContext, lex: ActorLexicon, n: int, rivals: list[Trigger] | None = None, side: bool = False) -> EventReport | None:
    doc, text = ctx.doc, ctx.text
    first = cluster.sentences[0]
    first_words = {t.lower_ for t in doc[bounds[first][0] : bounds[first][1]]}
    best = _choose_subtype(cluster.triggers, doc, first_words)
    subtype = _refine_subtype(best.subtype, first_words)
    info = subtype_info(subtype)
    evidence: list[Evidence] = []
    trig_start, trig_end = doc[best.start].idx, doc[best.end - 1].idx + len(doc[best.end - 1])
    trigger = Span(text=text[trig_start:trig_end], start=trig_start, end=trig_end)
    evidence.append(Evidence(field="type", start=trig_start, end=trig_end, text=trigger.text))
    roles = Roles()
    casualties: list[Casualty] = []
    claims: list[Attribution] = []
    reporters: list[Attribution] = []
    for t in cluster.triggers:
        roles_for_trigger(doc, list(doc[t.start : t.end]), lex, text, ctx.caseless, roles)
    for s in cluster.sentences:
        ts, te, cs, ce = bounds[s]
        sentence_roles(doc, ts, te, lex, text, ctx.caseless, roles)
        casualties.extend(find_casualties(doc, text, cs, ce))
        claims.extend(find_claims(doc, text, ts, te, lex, ctx.caseless))
        reporters.extend(find_reporters(doc, text, ts, te, lex, ctx.caseless))
    # generic words never stand as perpetrators of a specific event on their own
    perps, victims, targets, weapons = [], [], [], []
    seen: set[tuple[str, int, int]] = set()
    datelines = [(bounds[s][2], dateline_end(text, bounds[s][2], ctx.caseless)) for s in cluster.sentences if text.rfind("\n", 0, bounds[s][2]) + 1 == bounds[s][2]]
    for f in sorted(roles.fillers, key=lambda f: f.phrase.start):
        if any(a <= f.phrase.start < b for a, b in datelines):
            continue
        key = (f.role, f.phrase.start, f.phrase.end)
        if key in seen:
            continue
        seen.add(key)
        if f.role == "perpetrator":
            perps.append(ActorMention(text=text[f.phrase.start : f.phrase.end], start=f.phrase.start, end=f.phrase.end, kind="organization" if f.kind == "organization" else "individual", canonical=f.canonical))
        elif f.role == "victim":
            victims.append(_mention(text, f.phrase.start, f.phrase.end, (f.phrase.head_start, f.phrase.head_end)))
        elif f.role == "target":
            targets.append(_mention(text, f.phrase.start, f.phrase.end, (f.phrase.head_start, f.phrase.head_end)))
        elif f.role == "weapon":
            weapons.append(_mention(text, f.phrase.start, f.phrase.end, (f.phrase.head_start, f.phrase.head_end)))
    perps, victims, targets, weapons = merge_fillers(
        doc, text, [(bounds[s][2], bounds[s][3]) for s in cluster.sentences], lex, ctx.caseless,
        perps, victims, targets, weapons, skip=datelines,
        counted=[(c.quantity.start, c.quantity.end) for c in casualties],
        parsed_victims=best.subtype == "threat",
    )
    # read through the module: the tagger's absence is decided there (and patched there in tests)
    if learned.role_spans(doc) is None and not any(p.kind == "organization" for p in perps):
        perps = perps + _group_in_trigger_sentence(doc, text, best, lex, ctx.caseless, victims + targets)
    if rivals:
        ranges = [(bounds[s][2], bounds[s][3]) for s in cluster.sentences]
        victims, targets, weapons = (_nearest_only(doc, items, cluster.triggers, rivals, ranges) for items in (victims, targets, weapons))
        # "kidnapped the mayor and shot dead two guards": the deaths are the shooting's
        casualties = _nearest_only(doc, casualties, cluster.triggers, rivals, ranges, lambda c: (c.quantity.start, c.quantity.end))
    perps = [as_organization_if_state_body(p) for p in perps]
    perps, victims = full_names(doc, text, perps, ctx.caseless), full_names(doc, text, victims, ctx.caseless)
    weapons = [w for w in weapons if not _held(doc, w)]
    victims = [v for v in victims if not _kin_of_another(doc, v)]
    perps, victims, targets, weapons = (
        [m for m in items if names_something(field, m, text)]
        for field, items in (("perpetrators", perps), ("victims", victims), ("targets", targets), ("weapons", weapons)))
    if best.subtype in _AGAINST_PEOPLE and victims:
        targets = [t for t in targets if not is_scene(text, t)]
    perps, victims, targets, weapons = (dedupe_mentions(items, text) for items in (perps, victims, targets, weapons))
    weapons = without_generic_explosives(weapons)
    # nobody is both the victim and the perpetrator of one incident: "the murder of Waldemar
    # Franklin Quintero" does not make "Waldemar Franklin" his murderer
    named = _victim_names(victims)
    perps = [p for p in perps if not _is_named_victim(p, named)]
    subtype = _by_victims(_by_weapon(_by_perpetrator(subtype, perps, weapons), weapons), victims, targets, _objects(doc, best))
    info = subtype_info(subtype)
    claimed = [_actor_mention(text, a) for a in _dedupe(claims)]
    perps = _with_claimants(perps, claimed)
    reported = [_actor_mention(text, a) for a in _dedupe(reporters)]
    if subtype == "threat":
        casualties = []  # "gunmen who had sent him death threats shot him dead": the deaths are the attack's
    fat = combine(casualties, "fatalities", doc)
    inj = combine(casualties, "injuries", doc)
    fatalities = CasualtyCount(low=fat.low, best=fat.best, high=fat.high, text=fat.text, start=fat.start, end=fat.end) if fat else None
    injuries = CasualtyCount(low=inj.low, best=inj.best, high=inj.high, text=inj.text, start=inj.start, end=inj.end) if inj else None
    date_range = _date_for(cluster, bounds, ctx, trig_start)
    span_start, span_end = bounds[first][2], bounds[first][3]
    line_start = text.rfind("\n", 0, span_start) + 1
    body_start = max(span_start, dateline_end(text, line_start)) if line_start == span_start else span_start
    location: Location | None = ctx.locate(body_start, span_end) if ctx.locate else None
    if location is None and body_start != span_start and ctx.locate:
        location = ctx.locate(span_start, span_end)
    if location is None and len(cluster.sentences) > 1 and ctx.locate:
        location = ctx.locate(span_start, bounds[cluster.last][3])
    for field_name, items in (("perpetrators", perps), ("victims", victims), ("targets", targets), ("weapons", weapons), ("claimed_by", claimed), ("reported_by", reported)):
        for m in items:
            evidence.append(Evidence(field=field_name, start=m.start, end=m.end, text=m.text))
    for field_name, count in (("fatalities", fatalities), ("injuries", injuries)):
        if count is not None and count.start is not None and count.end is not None:
            evidence.append(Evidence(field=field_name, start=count.start, end=count.end, text=text[count.start : count.end]))
    if date_range is not None and date_range.text_start is not None and date_range.text_end is not None:
        evidence.append(Evidence(field="date", start=date_range.text_start, end=date_range.text_end, text=text[date_range.text_start : date_range.text_end]))
    if location is not None and location.text:
        pos = text.find(location.text, span_start)
        if pos < 0:
            pos = text.find(location.text)
        if pos >= 0:
            evidence.append(Evidence(field="location", start=pos, end=pos + len(location.text), text=location.text))
    has = {
        "date": bool(date_range and date_range.text),
        "casualties": fatalities is not None or injuries is not None,
        "location": location is not None and location.country_code is not None,
        "perpetrator": bool(perps),
        "victim_or_target": bool(victims or targets),
    }
    # a lone weak word ("killed", "fighting") with nothing specific around it is not an incident
    if best.strength < 0.7 and not side and not (has["casualties"] or has["victim_or_target"] or has["perpetrator"]):
        return None
    if best.generic and not (has["casualties"] or has["date"]):
        return None
    if _toll_only(best, fatalities, victims, targets):
        return None  # "more than 2,000 people have been killed since 1980": a conflict's toll
    if (
        date_range is not None and date_range.text and ctx.published is not None
        and date_range.precision == "year" and (ctx.published - date_range.end).days > 365
        # "held by the rebels since 2019": a captivity that goes on, not an incident of the past
        and not (date_range.text.lower().startswith("since") and doc[best.start].lemma_.lower() == "hold")
    ):
        return None  # a war or attack years ago, mentioned as background
    in_quote = _inside_quote(text, trig_start)
    confidence = _confidence(best, len(cluster.triggers), has, in_quote)
    return EventReport(
        id=f"{ctx.doc_id}-e{n + 1}",
        type=info.type,
        subtype=subtype,
        trigger=trigger,
        date=date_range,
        location=location,
        perpetrators=perps,
        targets=targets,
        victims=victims,
        weapons=weapons,
        fatalities=fatalities,
        injuries=injuries,
        claimed_by=claimed,
        reported_by=reported,
        evidence=sorted(evidence, key=lambda e: (e.start, e.field)),
        confidence=confidence,
    )


def _dedupe(items: list[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    for a in items:
        if any(b.phrase.start == a.phrase.start and b.phrase.end == a.phrase.end for b in out):
            continue
        out.append(a)
    return out


def _inside_quote(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


__all__ = ["DocContext", "extract_events", "lx"]
