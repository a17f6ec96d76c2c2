"""Actor canonicalisation: aliases resolve to one name; state forces get ACLED-style names."""

from __future__ import annotations

import pytest

from eventwire.actors import actor_lexicon


@pytest.mark.parametrize("alias", ["ISIS", "IS", "ISIL", "Daesh", "Islamic State", "the Islamic State group",
                                   "so-called Islamic State", "ISIS militants", "Da'esh"])
def test_islamic_state_aliases_resolve_to_one_actor(alias):
    assert actor_lexicon().canonicalize(alias) == "Islamic State"


@pytest.mark.parametrize(("text", "canonical"), [
    ("the Afghan army", "Military Forces of Afghanistan"),
    ("Nigerian troops", "Military Forces of Nigeria"),
    ("Kenyan police", "Police Forces of Kenya"),
    ("al Shabab", "al-Shabaab"),
    ("Al-Qaida", "al-Qaeda"),
    ("FMLN", "Farabundo Marti National Liberation Front"),
])
def test_canonical_names(text, canonical):
    assert actor_lexicon().canonicalize(text) == canonical


def test_unknown_names_are_not_actors():
    lex = actor_lexicon()
    assert lex.canonicalize("the local football club") is None
    assert lex.canonicalize("Martian army") is None


def test_short_capital_aliases_need_capitals_in_cased_text():
    lex = actor_lexicon()
    found = lex.find("This is what IS fighters did, and it is not over.")
    assert [(a.text, a.canonical) for a in found] == [("IS", "Islamic State")]


def test_find_gives_offsets_into_the_text_and_skips_facility_phrases():
    text = "A bomb hit an Afghan military base; the Afghan army blamed the Taliban."
    found = actor_lexicon().find(text)
    assert [(text[a.start:a.end], a.canonical) for a in found] == [
        ("Afghan army", "Military Forces of Afghanistan"),
        ("Taliban", "Taliban"),
    ]


@pytest.mark.parametrize("caseless", [False, True])
def test_the_longest_overlapping_name_wins(caseless: bool) -> None:
    # "Colombian army" starts first, but the whole phrase names the ELN
    text = "Journalist Carlos Marcelo was kidnapped by Colombian Army of National Liberation guerrillas."
    if caseless:
        text = text.lower()
    found = actor_lexicon().find(text, caseless)
    assert [(text[a.start:a.end].lower(), a.canonical) for a in found] == [
        ("army of national liberation", "National Liberation Army (Colombia)")]


def test_mixed_case_short_alias_is_no_common_word() -> None:
    from eventwire.actors import actor_lexicon

    lex = actor_lexicon()
    assert [m.canonical for m in lex.find("Let us pray, said the priest. LeT denied it.")] == [
        "Lashkar-e-Taiba"]
    assert lex.find("let the army decide, the minister said.", caseless=True) == []


@pytest.mark.parametrize(("mention", "canonical"), [
    ("the Maoist Shining Path group", "Shining Path"),
    ("the jihadist al-Shabaab", "al-Shabaab"),
    ("Leftist guerrillas", None),
])
def test_what_a_group_is_before_its_name_does_not_hide_it(mention, canonical):
    assert actor_lexicon().canonicalize(mention) == canonical
    assert actor_lexicon().canonicalize(mention.lower(), caseless=True) == canonical


def test_armed_groups_leave_out_state_forces():
    from eventwire.actors import is_state_force

    text = "The Colombian army said the ELN and the FARC attacked the base."
    assert [m.canonical for m in actor_lexicon().armed_groups(text)] == [
        "National Liberation Army (Colombia)", "Revolutionary Armed Forces of Colombia"]
    assert is_state_force("Military Forces of Colombia") and not is_state_force("Shining Path")
