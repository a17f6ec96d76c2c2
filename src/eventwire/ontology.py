"""The eventwire event ontology and its mappings onto ACLED and MUC-4.

Types are families an analyst filters on; subtypes are what the text says happened. Each
subtype maps onto exactly one ACLED (event type, sub-event type) pair and at most one MUC-4
incident type, so exports and the MUC-4 evaluation are table look-ups, not logic.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Subtype:
    type: str
    subtype: str
    description: str
    acled_event_type: str
    acled_sub_event_type: str
    muc4_incident_type: str | None


_EXPLOSIONS = "Explosions/Remote violence"
_VAC = "Violence against civilians"
_BATTLES = "Battles"
_RIOTS = "Riots"
_PROTESTS = "Protests"
_STRATEGIC = "Strategic developments"

SUBTYPES: tuple[Subtype, ...] = (
    # explosion: violence delivered by an explosive or from a distance
    Subtype("explosion", "bombing", "An explosive device (IED, bomb, car bomb) detonated or was set off", _EXPLOSIONS, "Remote explosive/landmine/IED", "bombing"),
    Subtype("explosion", "suicide_bombing", "A bomber detonated explosives on their body or vehicle", _EXPLOSIONS, "Suicide bomb", "bombing"),
    Subtype("explosion", "grenade", "A grenade was thrown or fired", _EXPLOSIONS, "Grenade", "bombing"),
    Subtype("explosion", "landmine", "A landmine exploded", _EXPLOSIONS, "Remote explosive/landmine/IED", "bombing"),
    Subtype("explosion", "airstrike", "An air or drone strike", _EXPLOSIONS, "Air/drone strike", "attack"),
    Subtype("explosion", "shelling", "Shelling, artillery, mortar, rocket or missile attack", _EXPLOSIONS, "Shelling/artillery/missile attack", "attack"),
    # attack: direct armed violence
    Subtype("attack", "armed_attack", "People or places attacked with firearms or other weapons", _VAC, "Attack", "attack"),
    Subtype("attack", "assassination", "A targeted killing of a named person", _VAC, "Attack", "attack"),
    Subtype("attack", "massacre", "Many unarmed people killed at once", _VAC, "Attack", "attack"),
    # MUC-4 leaves out clashes between guerrillas and the military (taskdoc, relevance 1b)
    Subtype("attack", "armed_clash", "Armed, organised groups fought each other", _BATTLES, "Armed clash", None),
    # abduction
    Subtype("abduction", "kidnapping", "People seized and held", _VAC, "Abduction/forced disappearance", "kidnapping"),
    Subtype("abduction", "hostage_taking", "People held hostage to force a demand", _VAC, "Abduction/forced disappearance", "kidnapping"),
    Subtype("abduction", "hijacking", "A vehicle, vessel or aircraft seized with the people aboard", _VAC, "Abduction/forced disappearance", "kidnapping"),
    # arson and property destruction
    Subtype("arson", "arson", "Something deliberately set on fire", _STRATEGIC, "Looting/property destruction", "arson"),
    Subtype("arson", "sabotage", "Property or infrastructure deliberately destroyed without fire or explosives", _STRATEGIC, "Looting/property destruction", "attack"),
    # robbery
    Subtype("robbery", "armed_robbery", "Property taken by force or threat", _STRATEGIC, "Looting/property destruction", "robbery"),
    # riots
    Subtype("riot", "violent_demonstration", "Demonstrators used violence", _RIOTS, "Violent demonstration", None),
    Subtype("riot", "mob_violence", "A mob attacked people or property", _RIOTS, "Mob violence", None),
    Subtype("riot", "prison_riot", "Prisoners rioted", _RIOTS, "Mob violence", None),
    Subtype("protest", "protest_with_intervention", "A protest was broken up by force", _PROTESTS, "Protest with intervention", None),
    Subtype("protest", "excessive_force", "Lethal or excessive force used against protesters", _PROTESTS, "Excessive force against protesters", "attack"),
    # coercion without immediate physical violence
    Subtype("coercion", "forced_work_stoppage", "Armed groups forced businesses or transport to stop (an armed strike)", _STRATEGIC, "Other", "forced work stoppage"),
    # threats of violence against someone: ACLED codes none; MUC-4 keys them as incidents whose
    # stage of execution is THREATENED, with the threatened person as the victim
    Subtype("threat", "threat", "Someone was threatened with violence (death threats, threats to kill or attack)", _STRATEGIC, "Other", "attack"),
)

BY_SUBTYPE: dict[str, Subtype] = {s.subtype: s for s in SUBTYPES}
TYPES: tuple[str, ...] = tuple(dict.fromkeys(s.type for s in SUBTYPES))

MUC4_INCIDENT_TYPES: tuple[str, ...] = (
    "attack",
    "bombing",
    "kidnapping",
    "arson",
    "robbery",
    "forced work stoppage",
)

# The default subtype chosen for each MUC-4 incident type when mapping gold data onto ours.
MUC4_TO_SUBTYPE: dict[str, str] = {
    "attack": "armed_attack",
    "bombing": "bombing",
    "kidnapping": "kidnapping",
    "arson": "arson",
    "robbery": "armed_robbery",
    "forced work stoppage": "forced_work_stoppage",
}


def subtype_info(subtype: str) -> Subtype:
    """Look up a subtype; raises KeyError naming the unknown subtype."""
    try:
        return BY_SUBTYPE[subtype]
    except KeyError:
        raise KeyError(f"unknown event subtype {subtype!r}") from None


def to_acled(subtype: str) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) for one of our subtypes."""
    info = subtype_info(subtype)
    return info.acled_event_type, info.acled_sub_event_type


def to_muc4(subtype: str) -> str | None:
    """MUC-4 incident type for one of our subtypes, or None when MUC-4 has no such incident."""
    return subtype_info(subtype).muc4_incident_type
