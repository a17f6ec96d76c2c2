"""From our extraction output to MUC-4 templates: one event report becomes one template.

The incident type comes from the ontology's table (``to_muc4``), so the evaluation measures
the extractor and the mapping we ship, not an evaluation-only heuristic. Events whose subtype
has no MUC-4 counterpart (riots, protests broken up by force) are left out and counted, not scored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from eventwire.actors import actor_lexicon
from eventwire.eval.muc4_data import ROLES
from eventwire.eval.muc4_metric import PredTemplate, normalize
from eventwire.events.lexicon import PERSON_NOUNS
from eventwire.model import ActorMention, EventReport, ExtractionResult, Mention
from eventwire.nlp.english import nouns
from eventwire.nlp.names import census_names
from eventwire.ontology import to_muc4
from eventwire.quantities import find_quantities

FillerChoice = Literal["head", "text"]
"""``head``: a mention's head noun phrase when the extractor set one, else its text (physical
targets: see ``target_string``). ``text``: always the full mention text (with modifiers)."""


@dataclass(frozen=True)
class MappedTemplate:
    """A predicted template and the event report it came from (for extra slots and errors)."""

    template: PredTemplate
    event: EventReport


@dataclass
class MappingStats:
    """Why events did not become templates, per subtype."""

    unmapped: Counter[str] = field(default_factory=Counter)
    """Subtypes with no MUC-4 incident type (``to_muc4`` is None)."""
    unknown: Counter[str] = field(default_factory=Counter)
    """Subtypes the ontology does not know (a bug upstream; counted instead of crashing)."""

    def add(self, other: MappingStats) -> None:
        self.unmapped.update(other.unmapped)
        self.unknown.update(other.unknown)


def filler_string(mention: Mention | ActorMention, choice: FillerChoice = "head") -> str:
    """The string a mention contributes as a role filler under the chosen policy."""
    if choice == "head" and isinstance(mention, Mention) and mention.head:
        return mention.head
    return mention.text


def target_string(mention: Mention, choice: FillerChoice = "head") -> str:
    """A physical target's filler: the key names a thing with the words that say which one it is
    ("presidential residence", "electric power substation", "central american university"),
    which the parse's head noun drops, so under ``head`` the phrase gives its text without a
    leading count ("two trucks" -> "trucks", as the head would have it; "one of the buses" and
    "dozens of houses" stay whole)."""
    text = mention.text
    if choice != "head" or not mention.head:
        return text
    count = next(iter(find_quantities(text)), None)
    rest = text[count.end :] if count is not None and count.start == 0 else ""
    if rest[:1].isspace() and rest.strip() and rest.split(None, 1)[0].lower() != "of":
        return rest.lstrip()
    return text


_WORD = re.compile(r"[^\W\d_][\w'.\-]*|\d[\d,.]*")
_TITLES = frozenset(
    """mr mrs ms dr col colonel gen general capt captain lt lieutenant maj major sgt sergeant
    president minister father fr monsignor msgr archbishop bishop judge mayor senator deputy
    commander don dona doctor engineer attorney governor former late""".split()
)
_NOT_NAME = frozenset("one two three four five six seven eight nine ten several various some many all both each".split())


def _describes(word: str) -> bool:
    """A word that describes people instead of naming one ("civilians", "two", "generals")."""
    plural_of = word[:-1] if word.endswith("s") else ""
    return word in PERSON_NOUNS or word in _NOT_NAME or plural_of in _TITLES or plural_of in PERSON_NOUNS


# what English nouns for people end in: "cattleman", "magistrate", "professor", "Italian"
_PERSON_SUFFIX = re.compile(r"(?:man|men|ist|ists|or|ors|er|ers|ian|ians|ard|ards|ate|ates)$")


def _occupation(word: str, n_words: int) -> bool:
    """Does a word before a name say what the person is ("cameraman Carlos Corrales", "Spaniard
    Jose Maria Martinez")? Only an English noun that no census knows as a name, before a name
    of two words or more."""
    w = word.lower()
    if n_words < 3 or w in census_names():
        return False
    return w in actor_lexicon().demonyms or (w in nouns() and bool(_PERSON_SUFFIX.search(w)))


def person_name(text: str) -> str | None:
    """The personal name in a victim mention, or None when it only describes the victims.

    MUC-4's Victim role (``HUM TGT: NAME``, slot 18 of the key) holds names; descriptions
    ("two civilians", "the president") go to slot 19, which the processed form does not score.
    A leading title or description is not part of the name ("Colonel Lopez Huila" -> "Lopez
    Huila"); a mention whose last word is a person noun or a number names nobody.
    """
    words = _WORD.findall(text)
    while words and (words[0].lower() in _TITLES or words[0].lower() in PERSON_NOUNS or _occupation(words[0], len(words))):
        words = words[1:]
    if not words or any(_describes(w.lower()) or w[0].isdigit() for w in words):
        return None
    start = text.find(words[0])
    return text[start:] if start >= 0 else " ".join(words)


# "The answer key may exclude quantifiers and certain unhelpful modifiers such as 'another'"
# (template-doc part 2, slots 9 and 19); numbers stay: the key keeps "7 kg of dynamite" as
# often as it drops the count. "Powerful" is such a modifier: the keys write "dynamite charge" for
# "a powerful dynamite charge" (5 of 6 times on the train split)
_VAGUE_QUANTIFIER = re.compile(r"^(?:several|various|some|many|numerous|a few|another|powerful)\s+(?=\S)", re.IGNORECASE)


def without_quantifier(text: str) -> str:
    """A description without its vague leading quantifier or unhelpful modifier ("several armed
    men" -> "armed men", "powerful bomb" -> "bomb")."""
    return _VAGUE_QUANTIFIER.sub("", text, count=1)


# armed forces' formations hit in an attack ("ambushed a convoy", "the patrol") are people, MUC-4's
# HUM TGT: DESCRIPTION "ACTIVE MILITARY" (slots 19-20, not scored), not physical targets (slot 12)
_MILITARY_UNITS = frozenset(
    """convoy convoys patrol patrols garrison garrisons column columns unit units troops
    detachment detachments platoon platoons squad squads""".split()
)


def physical_target(text: str) -> bool:
    """Is the target a thing (MUC-4's PHYS TGT) rather than a military formation or people
    ("the Bolivian president", "passengers": HUM TGT, slots 18-19)?"""
    words = _WORD.findall(text.lower())
    if words and "of" not in words and words[-1] != "staff" and (words[-1] in PERSON_NOUNS or words[-1] in _TITLES):
        return False  # "homes of mayoral candidates" is a thing; "the general staff" a headquarters
    return not words or words[-1] not in _MILITARY_UNITS


def _dedupe(strings: Iterable[str]) -> tuple[str, ...]:
    """Keep the first of fillers that normalise alike: the metric would count repeats as FP."""
    seen: set[str] = set()
    kept: list[str] = []
    for s in strings:
        key = normalize(s)
        if key and key not in seen:
            seen.add(key)
            kept.append(s)
    return tuple(kept)


def event_roles(event: EventReport, choice: FillerChoice = "head") -> dict[str, tuple[str, ...]]:
    """The five MUC-4 roles of an event: perpetrators split by actor kind, then the mentions."""
    sources: dict[str, Sequence[Mention | ActorMention]] = {
        "PerpInd": [p for p in event.perpetrators if p.kind == "individual"],
        "PerpOrg": [p for p in event.perpetrators if p.kind == "organization"],
        "Target": event.targets,
        "Victim": event.victims,
        "Weapon": event.weapons,
    }
    strings = {role: [filler_string(m, choice) for m in sources[role]] for role in ROLES if role != "Target"}
    strings["Target"] = [target_string(m, choice) for m in event.targets]
    strings["Victim"] = [n for n in (person_name(v) for v in strings["Victim"]) if n]
    strings["Target"] = [t for t in strings["Target"] if physical_target(t)]
    for role in ("PerpInd", "Target", "Weapon"):
        strings[role] = [without_quantifier(s) for s in strings[role]]
    return {role: _dedupe(strings[role]) for role in ROLES}


def event_to_template(event: EventReport, choice: FillerChoice = "head") -> PredTemplate | None:
    """The template for one event, or None when its subtype maps to no MUC-4 incident.

    Raises KeyError for a subtype the ontology does not know.
    """
    incident_type = to_muc4(event.subtype)
    if incident_type is None:
        return None
    roles = event_roles(event, choice)
    roles = {role: () if role in _NOT_APPLICABLE.get(incident_type, ()) else fillers for role, fillers in roles.items()}
    return PredTemplate(incident_type=incident_type, roles=roles)


# Slots a type of incident does not have (template doc part 1, section 7): INSTRUMENT ID (6) is
# "applicable to all incident types except ARSON and KIDNAPPING", PHYS TGT ID (12) is "not
# applicable to KIDNAPPING incidents". The gun of a kidnapping and the house it happened at
# stay in our event, not in the key.
_NOT_APPLICABLE: dict[str, frozenset[str]] = {
    "arson": frozenset({"Weapon"}),
    "kidnapping": frozenset({"Weapon", "Target"}),
}


def result_to_templates(
    result: ExtractionResult, choice: FillerChoice = "head"
) -> tuple[list[MappedTemplate], MappingStats]:
    """All templates of one document, in event order, with the events that were left out."""
    stats = MappingStats()
    mapped: list[MappedTemplate] = []
    for event in result.events:
        try:
            template = event_to_template(event, choice)
        except KeyError:
            stats.unknown[event.subtype] += 1
            continue
        if template is None:
            stats.unmapped[event.subtype] += 1
            continue
        mapped.append(MappedTemplate(template=template, event=event))
    return mapped, stats
