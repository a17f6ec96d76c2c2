"""The learned role tagger's data preparation, windowing and decoding (no weights needed)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eventwire.learn.roles_data import read_examples, token_labels
from eventwire.learn.windows import (
    LABELS,
    STRIDE,
    WINDOW,
    Encoded,
    decode,
    owner_rows,
    window_batch,
    window_starts,
)


def _words(text: str) -> Encoded:
    import re

    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    return Encoded(list(range(1000, 1000 + len(spans))), spans)


def test_every_mention_occurrence_is_labelled_and_longer_mentions_win(tmp_path):
    text = "guerrillas of the fmln attacked the farm. the guerrillas fled the farm house."
    doc = {"docid": "X", "doctext": text, "templates": [{
        "incident_type": "attack",
        "PerpInd": [[["guerrillas", 0]]], "PerpOrg": [[["fmln", 18]]],
        "Target": [[["farm", 36], ["farm house", 66]]], "Victim": [], "Weapon": [],
    }]}
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    (ex,) = read_examples(path)
    got = [(text[s:e], role) for s, e, role in ex.spans]
    assert got == [("guerrillas", "PerpInd"), ("fmln", "PerpOrg"), ("farm", "Target"), ("guerrillas", "PerpInd"), ("farm house", "Target")]
    enc = _words(text)
    labels = [LABELS[i] for i in token_labels(enc, ex.spans)]
    assert labels[enc.offsets.index((66, 70))] == "B-Target"
    assert labels[enc.offsets.index((71, 76))] == "I-Target"
    assert labels[1] == "O"


def test_windows_cover_every_token_and_owner_is_most_central():
    n = WINDOW + STRIDE + 10
    starts = window_starts(n)
    assert starts[0] == 0 and starts[-1] == n - WINDOW
    assert all(b - a <= STRIDE for a, b in zip(starts, starts[1:], strict=False))
    enc = Encoded(list(range(n)), [(i, i + 1) for i in range(n)])
    ids, mask, got = window_batch(enc)
    assert got == starts and ids.shape[0] == len(starts)
    assert ids[0, 0] == 101 and ids[0, WINDOW + 1] == 102
    rows = owner_rows(n, starts)
    for i, (r, c) in enumerate(rows):
        assert ids[r, c] == i


def _probs(n: int, marks: dict[int, str]) -> np.ndarray:
    p = np.zeros((n, len(LABELS)))
    p[:, 0] = 1.0
    for i, label in marks.items():
        p[i] = 0.0
        p[i, LABELS.index(label)] = 0.9
        p[i, 0] = 0.1
    return p


def test_decode_joins_inside_tokens_and_splits_on_new_begin():
    text = "the fmln guerrillas burned two buses and a car"
    enc = _words(text)
    marks = {1: "B-PerpOrg", 2: "B-PerpInd", 5: "B-Target", 8: "B-Target", 4: "I-Target"}
    spans = decode(text, enc, _probs(len(enc.ids), marks), 0.5)
    got = [(text[s.start : s.end], s.role) for s in spans]
    assert got == [("fmln", "PerpOrg"), ("guerrillas", "PerpInd"), ("two buses", "Target"), ("car", "Target")] or got[2] == ("two", "Target")
    assert all(0.0 < s.score <= 1.0 for s in spans)


def test_decode_grows_word_pieces_to_whole_words():
    text = "dynamite exploded"
    enc = Encoded([1, 2, 3], [(0, 4), (4, 8), (9, 17)])
    spans = decode(text, enc, _probs(3, {1: "B-Weapon"}), 0.5)
    assert [(text[s.start : s.end], s.role) for s in spans] == [("dynamite", "Weapon")]


def test_decode_does_not_start_inside_a_dotted_abbreviation():
    text = "bombs hit the chilean-u.s. cultural institute and the u.s. embassy at 5 p.m."
    enc = _words(text)
    s_pieces = [k for k, (a, b) in enumerate(enc.offsets) if text[a:b] == "s"]
    first, second = s_pieces[0], s_pieces[1]
    spans = decode(text, enc, _probs(len(enc.ids), {first: "B-Target", first + 1: "I-Target", first + 2: "I-Target",
                                                    first + 3: "I-Target", second: "B-Target", second + 1: "I-Target",
                                                    second + 2: "I-Target"}), 0.5)
    assert [text[s.start : s.end] for s in spans] == ["chilean-u.s. cultural institute", "u.s. embassy"]


def test_decode_does_not_start_on_the_inner_dot_of_an_abbreviation():
    text = "bombs hit the chilean-u.s. cultural institute"
    enc = _words(text)
    dot = next(k for k, (a, b) in enumerate(enc.offsets) if text[a:b] == "." and text[b : b + 1] == "s")
    spans = decode(text, enc, _probs(len(enc.ids), {dot: "B-Target", **{k: "I-Target" for k in range(dot + 1, len(enc.ids))}}), 0.5)
    assert [text[s.start : s.end] for s in spans] == ["chilean-u.s. cultural institute"]


@pytest.mark.parametrize("threshold", [0.95])
def test_decode_threshold_drops_unsure_tokens(threshold):
    text = "a bomb"
    enc = _words(text)
    assert decode(text, enc, _probs(2, {1: "B-Weapon"}), threshold) == []


@pytest.mark.parametrize(("raw", "want"), [
    ("carlos pizarro's", "carlos pizarro"),
    ("jaime roldos'", "jaime roldos"),
    ("public and", "public"),
    ("the guaras bridge", "guaras bridge"),
    ("farm, which was", "farm"),
    ('"santo tomas" presidential farm', '"santo tomas" presidential farm'),
    ('"fmln', "fmln"),
])
def test_trim_drops_edge_words_possessives_and_unbalanced_quotes(raw, want):
    from eventwire.learn.windows import trim

    start, end = trim(raw, 0, len(raw))
    assert raw[start:end] == want


def test_decode_joins_a_name_split_in_two_spans():
    text = "pablo escobar gaviria fled"
    enc = _words(text)
    spans = decode(text, enc, _probs(len(enc.ids), {0: "B-PerpInd", 1: "I-PerpInd", 2: "B-PerpInd"}), 0.5)
    assert [(text[s.start : s.end], s.role) for s in spans] == [("pablo escobar gaviria", "PerpInd")]


@pytest.mark.parametrize("int8", [False, True])
def test_packed_weights_round_trip_closely(int8):
    torch = pytest.importorskip("torch")
    from eventwire.learn.minilm import pack_state, unpack_state

    gen = torch.Generator().manual_seed(0)
    state = {"l.weight": torch.randn(64, 96, generator=gen) * 0.05, "l.bias": torch.randn(64, generator=gen)}
    packed = pack_state(state, int8)
    assert ("l.weight.q8" in packed) is int8
    back = unpack_state(packed)
    assert set(back) == set(state)
    for k in state:
        assert torch.allclose(back[k], state[k], atol=2e-3 if int8 else 1e-3)


def test_tagged_organisation_cut_short_takes_the_known_name():
    from eventwire.actors import actor_lexicon
    from eventwire.events.learned import perp_mentions

    text = "Members of the Shining Path blew up a pylon."
    start = text.index("Shining")
    [m] = perp_mentions(text, start, start + len("Shining"), "PerpOrg", actor_lexicon(), False)
    assert (m.text, m.kind) == ("Shining Path", "organization")
    assert text[m.start : m.end] == m.text


def test_tagged_organisation_with_descriptors_before_a_known_name_takes_the_name():
    from eventwire.actors import actor_lexicon
    from eventwire.events.learned import perp_mentions

    text = "The Peruvian guerrilla group Tupac Amaru Revolutionary Movement claimed the attack."
    start = text.index("Peruvian")
    end = text.index(" claimed")
    [m] = perp_mentions(text, start, end, "PerpOrg", actor_lexicon(), False)
    assert m.text == "Tupac Amaru Revolutionary Movement"
    assert text[m.start : m.end] == m.text
    plain = "Gunmen from a local militia attacked the post."
    s, e = plain.index("a local militia"), plain.index(" attacked")
    [same] = perp_mentions(plain, s, e, "PerpOrg", actor_lexicon(), False)
    assert same.text == "a local militia"


def test_the_force_tagged_soldiers_belong_to_is_a_perpetrator_organisation():
    from eventwire.actors import actor_lexicon
    from eventwire.events.learned import perp_mentions

    cases = (
        ("eight members of the army shot the priests", "eight members of the army", ["army"]),
        ("Soldiers of the Salvadoran Armed Forces opened fire", "Soldiers of the Salvadoran Armed Forces",
         ["Salvadoran Armed Forces"]),
        ("national guard troops seized two students", "national guard troops", ["national guard"]),
        ("Honduran troops crossed the river", "Honduran troops", []),  # the phrase names them itself
        ("two military officers were arrested", "two military officers", []),  # what kind of officers
        ("two Salvadoran military officers", "two Salvadoran military officers", []),
        ("members of the Salvadoran military", "members of the Salvadoran military", ["Salvadoran military"]),
        ("FMLN guerrillas attacked the post", "FMLN guerrillas", ["FMLN"]),
    )
    for text, phrase, orgs in cases:
        start = text.index(phrase)
        found = perp_mentions(text, start, start + len(phrase), "PerpInd", actor_lexicon(), False)
        assert found[0].text == phrase
        assert [m.text for m in found[1:]] == orgs, text
        assert all(m.kind == "organization" and text[m.start : m.end] == m.text for m in found[1:])


def test_a_tagged_organisation_that_is_one_english_word_is_no_group():
    from eventwire.actors import actor_lexicon
    from eventwire.events.learned import perp_mentions

    text = "the armed men and the military attacked the offices of the milanese firm at work"
    for word, kept in (("armed", False), ("milanese", False), ("military", True)):
        start = text.index(word)
        found = perp_mentions(text, start, start + len(word), "PerpOrg", actor_lexicon(), True)
        assert [m.text for m in found] == ([word] if kept else []), word


def test_two_joined_names_are_two_victims_and_descriptions_stay_whole():
    from eventwire.events.learned import split_names

    text = "gunmen killed erika sullivan and christopher anderson near the border"
    s, e = text.index("erika"), text.index(" near")
    assert [text[a:b] for a, b in split_names(text, s, e)] == ["erika sullivan", "christopher anderson"]
    other = "Gunmen killed the mayor and his wife on Sunday."
    s, e = other.index("the mayor"), other.index(" on Sunday")
    assert split_names(other, s, e) == [(s, e)]
    one = "Police named Juan and Pedro Gomez."
    s, e = one.index("Juan"), one.index(".")
    assert split_names(one, s, e) == [(s, e)]


def test_a_victims_home_town_is_not_part_of_the_name():
    from eventwire.events.learned import split_names

    text = "the italian roberto roascio of milan was shot"
    s, e = text.index("roberto"), text.index(" was")
    assert [text[a:b] for a, b in split_names(text, s, e)] == ["roberto roascio"]
    title = "the president of colombia was shot"
    s, e = 0, title.index(" was")
    assert split_names(title, s, e) == [(s, e)]


def test_a_victims_possessive_ending_is_not_part_of_the_name():
    from eventwire.events.learned import split_names

    for text, name in (("bodyguards of carlos pizarro' campaign fired", "carlos pizarro'"),
                       ("Juan Perez's car was hit", "Juan Perez's")):
        s = text.index(name)
        assert [text[a:b] for a, b in split_names(text, s, s + len(name))] == [name.rstrip("'s").rstrip("'")]


def test_a_bare_collective_noun_gets_back_the_words_that_say_who(pipeline):
    from eventwire.events.learned import names_something, repair_span
    from eventwire.model import ActorMention

    for text, tagged, whole in (
        ("he was shot to death by a group of armed men who entered his house.", "group", "group of armed men"),
        ("the sources said that unidentified men hurled a grenade at the hotel.", "men", "unidentified men"),
        ("president cristiani admitted that members of the armed forces killed the priests.", "members", "members of the armed forces"),
    ):
        doc = pipeline.annotator.annotate(text).doc
        s = text.index(tagged)
        a, b = repair_span(doc, text, s, s + len(tagged))
        assert text[a:b] == whole
    # still bare: "the men" says nothing of who did it
    text = "the men shot him and left him wounded."
    assert not names_something("perpetrators", ActorMention(text="men", start=4, end=7, kind="individual"), text)
    assert names_something("perpetrators", ActorMention(text="gunmen", start=4, end=10, kind="individual"), "the gunmen shot him.")


def test_role_weights_reach_only_their_b_and_i_labels():
    from eventwire.learn.roles_data import label_weights, parse_role_weights

    weights = dict(zip(LABELS, label_weights(0.5, parse_role_weights(["PerpInd=2", "Weapon=1.5"])), strict=True))
    assert weights["O"] == 0.5
    assert weights["B-PerpInd"] == weights["I-PerpInd"] == 2.0
    assert weights["B-Weapon"] == weights["I-Weapon"] == 1.5
    assert weights["B-Target"] == weights["I-Victim"] == 1.0


@pytest.mark.parametrize("bad", ["Perp=2", "PerpInd", "PerpInd=x", "PerpInd=0"])
def test_a_bad_role_weight_is_refused_with_the_roles_named(bad):
    from eventwire.learn.roles_data import parse_role_weights

    with pytest.raises(ValueError, match="PerpInd, PerpOrg"):
        parse_role_weights([bad])
