"""The MUC-4 template metric on hand-built templates (invented strings)."""

from __future__ import annotations

import pytest

from eventwire.eval.muc4_data import GoldTemplate
from eventwire.eval.muc4_metric import (
    Counts,
    PredTemplate,
    gold_as_prediction,
    micro,
    normalize,
    score_corpus,
    score_document,
    type_alternatives,
)


def gold(incident_type: str, **roles: list[list[str]]) -> GoldTemplate:
    return GoldTemplate(
        incident_type, {r: tuple(tuple(e) for e in ents) for r, ents in roles.items()}
    )


def pred(incident_type: str, **roles: list[str]) -> PredTemplate:
    return PredTemplate(incident_type, {r: tuple(f) for r, f in roles.items()})


KIDNAP = gold(
    "kidnapping",
    PerpInd=[["masked men", "men"]],
    PerpOrg=[["northern star brigade", "nsb"]],
    Victim=[["tomas velarde"], ["his driver"]],
)
BOMB = gold("bombing", Target=[["grain silo"]], Weapon=[["car bomb", "bomb"]])


def slot(doc_counts: dict[str, Counts], name: str) -> tuple[int, int, int]:
    c = doc_counts[name]
    return c.tp, c.n_pred, c.n_gold


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The Grain Silo", "grain silo"),
        ('"la paloma" farm', "la paloma farm"),
        ("a bomb", "bomb"),
        ("an armed group", "armed group"),
        ("offices of the water company", "offices of water company"),
        ("u.s. embassy", "us embassy"),
        ("  many   spaces ", "many spaces"),
        ("theatre", "theatre"),
        ("the", ""),
    ],
)
def test_normalize_lowercases_strips_punctuation_and_articles(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_type_alternatives_split_on_slash() -> None:
    assert type_alternatives("bombing / attack") == {"bombing", "attack"}
    assert type_alternatives("attack") == {"attack"}


def test_perfect_prediction_scores_every_slot() -> None:
    preds = [
        pred("kidnapping", PerpInd=["men"], PerpOrg=["nsb"], Victim=["tomas velarde", "his driver"])
    ]
    score = score_document(preds, [KIDNAP])
    assert micro(score.counts).f1 == 1.0
    assert slot(score.counts, "incident_type") == (1, 1, 1)
    assert slot(score.counts, "Victim") == (2, 2, 2)
    assert [(p.pred_index, p.gold_index) for p in score.pairs] == [(0, 0)]


def test_empty_prediction_is_all_false_negatives() -> None:
    score = score_document([], [KIDNAP, BOMB])
    m = score.micro
    assert (m.tp, m.n_pred, m.n_gold) == (0, 0, 2 + 1 + 1 + 2 + 2)
    assert m.precision == 0.0 and m.recall == 0.0 and m.f1 == 0.0
    assert score.pairs == []


def test_prediction_on_document_without_gold_is_all_false_positives() -> None:
    score = score_document([pred("attack", PerpInd=["gunmen"])], [])
    assert (score.micro.tp, score.micro.n_pred, score.micro.n_gold) == (0, 2, 0)


def test_extra_template_counts_its_type_and_fillers_as_false_positives() -> None:
    preds = [
        pred("bombing", Target=["grain silo"], Weapon=["bomb"]),
        pred("bombing", Target=["bridge"], Weapon=["grenade"]),
    ]
    score = score_document(preds, [BOMB])
    assert slot(score.counts, "incident_type") == (1, 2, 1)
    assert slot(score.counts, "Target") == (1, 2, 1)
    assert slot(score.counts, "Weapon") == (1, 2, 1)
    assert [(p.pred_index, p.gold_index) for p in score.pairs] == [(0, 0)]


def test_type_mismatch_prevents_alignment_even_with_equal_fillers() -> None:
    score = score_document([pred("arson", Target=["grain silo"])], [BOMB])
    assert score.pairs == []
    assert slot(score.counts, "incident_type") == (0, 1, 1)
    assert slot(score.counts, "Target") == (0, 1, 1)


def test_alternative_gold_types_accept_either_prediction() -> None:
    either = gold("bombing / attack", Target=[["grain silo"]])
    for incident_type in ("bombing", "attack"):
        score = score_document([pred(incident_type, Target=["grain silo"])], [either])
        assert score.micro.f1 == 1.0
    assert score_document([pred("arson", Target=["grain silo"])], [either]).micro.tp == 0


def test_duplicate_fillers_count_once_then_as_false_positive() -> None:
    score = score_document(
        [pred("bombing", Target=["grain silo", "Grain Silo", "the grain silo"])], [BOMB]
    )
    assert slot(score.counts, "Target") == (1, 3, 1)


def test_article_and_punctuation_differences_still_match() -> None:
    score = score_document(
        [pred("bombing", Target=['"The" Grain-Silo'], Weapon=["a car bomb"])], [BOMB]
    )
    assert slot(score.counts, "Weapon") == (1, 1, 1)
    # punctuation is deleted, not replaced by a space: "grain-silo" is "grainsilo"
    assert slot(score.counts, "Target") == (0, 1, 1)


def test_two_mentions_of_one_entity_earn_one_true_positive() -> None:
    score = score_document([pred("kidnapping", PerpOrg=["northern star brigade", "nsb"])], [KIDNAP])
    assert slot(score.counts, "PerpOrg") == (1, 2, 1)


def test_gold_entity_counts_once_in_recall_whatever_its_mentions() -> None:
    score = score_document([pred("bombing", Weapon=["car bomb"])], [BOMB])
    assert slot(score.counts, "Weapon") == (1, 1, 1)


def test_filler_matching_two_entities_is_assigned_to_maximise_matches() -> None:
    # "men" is a mention of both entities; a greedy first-match would waste it on entity 0
    template = gold("attack", PerpInd=[["men", "armed men"], ["men", "masked men"]])
    score = score_document([pred("attack", PerpInd=["men", "armed men"])], [template])
    assert slot(score.counts, "PerpInd") == (2, 2, 2)


def test_alignment_maximises_true_positives_not_input_order() -> None:
    first = gold("attack", Victim=[["mayor"]])
    second = gold("attack", Victim=[["judge"]], PerpInd=[["sniper"]])
    preds = [pred("attack", Victim=["judge"], PerpInd=["sniper"]), pred("attack", Victim=["mayor"])]
    score = score_document(preds, [first, second])
    assert sorted((p.pred_index, p.gold_index) for p in score.pairs) == [(0, 1), (1, 0)]
    assert score.micro.f1 == 1.0


def test_alignment_is_one_to_one() -> None:
    preds = [pred("bombing", Target=["grain silo"]), pred("bombing", Weapon=["bomb"])]
    score = score_document(preds, [BOMB])
    assert len(score.pairs) == 1
    assert slot(score.counts, "incident_type") == (1, 2, 1)
    assert score.micro.tp == 2  # type + the better of the two fillers


def test_identical_gold_templates_are_scored_once() -> None:
    score = score_document([pred("bombing", Target=["grain silo"], Weapon=["bomb"])], [BOMB, BOMB])
    assert score.gold_kept == [0]
    assert score.micro.f1 == 1.0


def test_filler_that_normalises_to_nothing_is_not_scored() -> None:
    score = score_document([pred("bombing", Target=["the", "grain silo"])], [BOMB])
    assert slot(score.counts, "Target") == (1, 1, 1)


def test_precision_recall_f1_arithmetic() -> None:
    c = Counts(tp=3, n_pred=4, n_gold=6)
    assert c.precision == 0.75 and c.recall == 0.5
    assert c.f1 == pytest.approx(0.6)
    assert Counts().f1 == 0.0


def test_corpus_sums_documents_and_micro_sums_slots() -> None:
    perfect = ([gold_as_prediction(KIDNAP)], [KIDNAP])
    missed = ([], [BOMB])
    total = score_corpus([perfect, missed])
    assert total["incident_type"].as_dict()["tp"] == 1
    assert (micro(total).tp, micro(total).n_pred, micro(total).n_gold) == (5, 5, 8)


def test_gold_as_prediction_scores_full_marks_with_any_mention() -> None:
    for mention in (0, 1):
        preds = [gold_as_prediction(g, mention) for g in (KIDNAP, BOMB)]
        assert score_document(preds, [KIDNAP, BOMB]).micro.f1 == 1.0
