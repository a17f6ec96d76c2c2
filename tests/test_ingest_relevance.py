"""The relevance gate: cheap, rejects everyday news, never rejects an article with events."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.article import build_article
from eventwire.ingest.relevance import is_relevant
from eventwire.model import RawDocument
from eventwire.sources import read_sources

ROOT = Path(__file__).parent.parent

EVERYDAY = [
    "Karachi stocks closed higher on Tuesday as strong quarterly earnings from the largest banks lifted the benchmark index.",
    "The central bank kept its policy rate unchanged at 6.5 percent, citing easing inflation and a stable currency.",
    "Arsenal beat Chelsea 2-1 at the Emirates, with a late header from the captain settling a tense London derby.",
    "Heavy rain is expected across the coast this weekend, forecasters said, with temperatures falling to 14 degrees.",
    "The new smartphone has a larger screen, a faster chip and a battery that lasts two days, the company said at its launch.",
    "The festival opens on Friday with a concert by the national orchestra and an exhibition of contemporary painting.",
    "Parliament passed the budget by 201 votes to 143 after a debate on school funding and road building.",
    "Cotton growers brought in a harvest 12 percent larger than last year, the producers' association said.",
]
VIOLENT = [
    "A roadside bomb killed four soldiers near Jalalabad on Monday.",
    "gunmen abducted 40 farmers near konduga, residents said.",
    "POLICE FIRED TEAR GAS AT PROTESTERS IN CONAKRY AND TWO PEOPLE WERE SHOT DEAD.",
    "Militants attacked a police station overnight, leaving three officers dead.",
    "Rebels torched a village and set fire to the market.",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_news_is_not_relevant(text: str):
    assert not is_relevant(text)


@pytest.mark.parametrize("text", VIOLENT)
def test_violence_is_relevant(text: str):
    assert is_relevant(text)


def test_a_weak_word_needs_a_casualty_word():
    assert not is_relevant("The team's attack was sharp in the first half.")
    assert is_relevant("An attack on a bus left two people injured.")


def test_the_title_counts():
    assert is_relevant("Officials gave no further details.", title="Car bomb in Kabul")


def test_gate_never_rejects_an_article_the_pipeline_finds_events_in(pipeline):  # noqa: ANN001
    docs = [d for d in read_sources([str(ROOT / "samples"), str(ROOT / "tests" / "fixtures" / "articles")]) if isinstance(d, RawDocument)]
    docs += [RawDocument(id=f"everyday{i}", source="inline", text=t) for i, t in enumerate(EVERYDAY)]
    rejected = [d for d in docs if not is_relevant(build_article(d).text, build_article(d).title)]
    assert len(rejected) >= len(EVERYDAY)  # the gate does reject things
    for result in pipeline.process(rejected):
        assert result.events == [], result.document.id if result.document else result.source
