"""Mapping extraction results onto MUC-4 templates."""

from __future__ import annotations

import pytest

from eventwire.eval.muc4_mapping import (
    event_to_template,
    filler_string,
    person_name,
    result_to_templates,
)
from eventwire.model import ActorMention, EventReport, ExtractionResult, Mention


def mention(text: str, head: str | None = None) -> Mention:
    return Mention(text=text, start=0, end=len(text), head=head)


def actor(text: str, kind: str) -> ActorMention:
    return ActorMention(text=text, start=0, end=len(text), kind=kind)  # type: ignore[arg-type]


def event(subtype: str, **fields: object) -> EventReport:
    return EventReport(id=f"e-{subtype}", type="x", subtype=subtype, confidence=0.9, **fields)  # type: ignore[arg-type]


def test_roles_come_from_event_fields_and_actor_kinds() -> None:
    ev = event(
        "armed_attack",
        perpetrators=[
            actor("masked men", "individual"),
            actor("Northern Star Brigade", "organization"),
        ],
        victims=[mention("the engineer"), mention("Colonel Jorge Ruiz")],
        targets=[mention("ranch house")],
        weapons=[mention("rifles")],
    )
    template = event_to_template(ev)
    assert template is not None
    assert template.incident_type == "attack"
    assert template.fillers("PerpInd") == ("masked men",)
    assert template.fillers("PerpOrg") == ("Northern Star Brigade",)
    # MUC-4's Victim is the victim's name (HUM TGT: NAME); "the engineer" describes a victim
    assert template.fillers("Victim") == ("Jorge Ruiz",)
    assert template.fillers("Target") == ("ranch house",)
    assert template.fillers("Weapon") == ("rifles",)


def test_incident_type_follows_the_ontology_table() -> None:
    assert event_to_template(event("grenade")).incident_type == "bombing"  # type: ignore[union-attr]
    assert event_to_template(event("shelling")).incident_type == "attack"  # type: ignore[union-attr]
    assert event_to_template(event("forced_work_stoppage")).incident_type == "forced work stoppage"  # type: ignore[union-attr]


def test_filler_choice_head_falls_back_to_text() -> None:
    with_head = mention("two armed guards of the mine", head="armed guards")
    without = mention("the mine")
    assert filler_string(with_head, "head") == "armed guards"
    assert filler_string(without, "head") == "the mine"
    assert filler_string(with_head, "text") == "two armed guards of the mine"
    assert filler_string(actor("rebels", "individual"), "head") == "rebels"


def test_a_physical_target_keeps_the_words_that_say_which_thing_it_is() -> None:
    ev = event(
        "bombing",
        targets=[
            mention("the electric power substation", head="power substation"),
            mention("two fuel trucks", head="fuel trucks"),
            mention("3 buses"),  # no head: the tagger's span, as tagged
            mention("twenty-one power pylons", head="power pylons"),
            mention("dozens of houses", head="dozens"),
        ],
        weapons=[mention("a powerful car bomb", head="car bomb")],
        victims=[mention("union leader Rosa Perez", head="Rosa Perez")],
    )
    template = event_to_template(ev, "head")
    assert template is not None
    assert template.fillers("Target") == ("the electric power substation", "fuel trucks", "3 buses", "power pylons", "dozens of houses")
    assert template.fillers("Weapon") == ("car bomb",)
    assert template.fillers("Victim") == ("Rosa Perez",)


def test_fillers_deduplicated_by_normalised_string() -> None:
    ev = event(
        "bombing",
        targets=[mention("The Bridge"), mention("bridge"), mention("a bridge!"), mention("dam")],
    )
    assert event_to_template(ev).fillers("Target") == ("The Bridge", "dam")  # type: ignore[union-attr]


def test_events_without_muc4_type_and_unknown_subtypes_are_counted_not_scored() -> None:
    result = ExtractionResult(
        events=[
            event("arson"),
            event("violent_demonstration"),
            event("protest_with_intervention"),
            event("no_such_subtype"),
        ]
    )
    mapped, stats = result_to_templates(result)
    assert [m.template.incident_type for m in mapped] == ["arson"]
    assert mapped[0].event.subtype == "arson"
    assert stats.unmapped == {"violent_demonstration": 1, "protest_with_intervention": 1}
    assert stats.unknown == {"no_such_subtype": 1}


def test_failed_document_maps_to_no_templates() -> None:
    mapped, stats = result_to_templates(ExtractionResult(error="unreadable"))
    assert mapped == [] and not stats.unmapped


def test_victim_filler_is_the_persons_name() -> None:
    assert person_name("Miguel Maza Marquez") == "Miguel Maza Marquez"
    assert person_name("general oliverio castaneda") == "oliverio castaneda"
    assert person_name("President Cerezo") == "Cerezo"
    for description in ("two civilians", "nine people", "police officers", "the minister", "37", "soldier",
                        "generals", "colonels", "ambassadors"):
        assert person_name(description) is None, description


def test_vague_quantifiers_are_left_out_of_descriptions_but_numbers_stay() -> None:
    ev = event(
        "bombing",
        perpetrators=[actor("several armed men", "individual")],
        targets=[mention("various bank branches"), mention("another bus"), mention("two transformers")],
        weapons=[mention("some grenades"), mention("7 kg of dynamite"), mention("powerful dynamite charge")],
    )
    template = event_to_template(ev)
    assert template is not None
    assert template.fillers("PerpInd") == ("armed men",)
    assert template.fillers("Target") == ("bank branches", "bus", "two transformers")
    assert template.fillers("Weapon") == ("grenades", "7 kg of dynamite", "dynamite charge")


def test_military_formations_are_no_physical_targets() -> None:
    ev = event(
        "armed_attack",
        targets=[mention("army convoy"), mention("the police patrol"), mention("power station"), mention("the garrison")],
    )
    template = event_to_template(ev)
    assert template is not None
    # MUC-4 keys soldiers and their units as human targets (ACTIVE MILITARY), not PHYS TGT
    assert template.fillers("Target") == ("power station",)


def test_people_are_no_physical_targets() -> None:
    ev = event("bombing", targets=[mention("Bolivian president"), mention("passengers"), mention("homes of mayoral candidates"),
                                   mention("general staff")])
    template = event_to_template(ev)
    assert template is not None
    assert template.fillers("Target") == ("homes of mayoral candidates", "general staff")


@pytest.mark.parametrize(("mention", "name"), [
    ("cameraman carlos corrales", "carlos corrales"),
    ("Spaniard Jose Maria Martinez", "Jose Maria Martinez"),
    ("italian dino rossy", "dino rossy"),
    ("professor david leslie kent", "david leslie kent"),
    ("magistrate mariela espinoza", "mariela espinoza"),
    # a given name that is also an English word stays: "Stela", "Rosa", "Mercedes"
    ("stela maris sosa", "stela maris sosa"),
    ("rosa maria ortiz", "rosa maria ortiz"),
    # one word after it is no name of two words: "Italian Embassy" is no person
    ("italian rossy", "italian rossy"),
])
def test_what_the_victim_does_is_not_part_of_the_name(mention, name):
    assert person_name(mention) == name


@pytest.mark.parametrize(("subtype", "weapons", "targets"), [
    ("kidnapping", (), ()), ("arson", (), ("ranch house",)), ("armed_attack", ("rifles",), ("ranch house",))])
def test_slots_an_incident_type_does_not_have_stay_empty(subtype, weapons, targets) -> None:
    # template doc 7.7: no instrument for arsons and kidnappings; 7.13: no physical target for kidnappings
    template = event_to_template(event(subtype, weapons=[mention("rifles")], targets=[mention("ranch house")]))
    assert template is not None
    assert template.fillers("Weapon") == weapons
    assert template.fillers("Target") == targets
