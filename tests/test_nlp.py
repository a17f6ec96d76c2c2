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
