"""The guard: a model sentence stays only when an article sentence supports it."""

from __future__ import annotations

import pytest

from bot.article import Article
from bot.summarise.base import Summary
from bot.summarise.guard import (
    FELL_BACK,
    NO_CLAIM,
    Source,
    guard,
    invents,
    judge,
    states_claims,
)
from bot.summarise.support import Evidence, examine
from tests.summarise.articles import FLOOD

DROPPED_ONE = "Dropped 1 model sentence the article does not support."


def abstractive(*sentences: str) -> Summary:
    return Summary(tuple(sentences), "abstractive", "some/model")


@pytest.mark.parametrize(
    "sentence",
    [
        "About 1500 homes lost power in Linford.",  # "1,500" restated without the comma
        "Five schools closed and 1,500 homes lost power.",  # number word for "five"
        "The bridge will reopen within 3 weeks at a cost of £2.4m.",
        "Mayor Alice Brandt said the river rose by 2 metres.",
        "Flood water closed the bridge, Alice Brandt said.",
        "Mr Okafor has lived by the river for 40 years, and Dr. Brandt agreed.",
        "Tom Okafor has lived by the river for 40 years.",
        "The Linford bridge could reopen in three weeks, engineers said.",
        "However, no one expected the water to rise so fast.",
    ],
)
def test_names_and_numbers_check_accepts_restated_ones(sentence: str) -> None:
    assert not invents(sentence, Source.of(FLOOD))


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Flood water closed the Linford bridge on Monday.", 0),
        ("Engineers expect the bridge to reopen within three weeks.", 3),
        ("Five schools shut their doors.", 1),  # number word for "five"
        ("The river rose by 2 metres overnight, the county council said.", 0),
        ("Tom Okafor has lived by the river for 40 years.", 2),
    ],
)
def test_a_supported_sentence_is_kept_with_where_it_comes_from(sentence: str, source: int) -> None:
    summary = guard(abstractive(sentence), FLOOD)
    assert summary.sentences == (sentence,)
    assert summary.support == ((source,),)
    assert summary.warnings == ()


@pytest.mark.parametrize(
    "unsupported",
    [
        "About 2,000 homes lost power.",  # a number the article never gives
        "Seven schools shut their doors.",  # a number word it never gives
        "The bridge was closed, said engineer Maria Lopez.",  # a name it never mentions
        "Mayor Tom Brandt said the river rose.",  # two real names fused into a false one
        "Officials in Glasgow closed the bridge.",
        "Sarah Brandt announced the closure.",  # a wrong first name, even opening the sentence
        "A single school shut its doors.",  # a quantity the article contradicts
        "Flood water did not close the Linford bridge.",  # a negation added
        "Tom Okafor has seen the water this high.",  # a negation dropped
        "Mayor Alice Brandt closed the Linford bridge.",  # true words, a false claim
        "Tom Okafor said five schools shut their doors.",  # facts of two sentences fused
        "Five schools and the Linford bridge on Monday.",  # no finite verb: it claims nothing
    ],
)
def test_an_unsupported_sentence_is_dropped_and_counted(unsupported: str) -> None:
    kept = "Flood water closed the Linford bridge on Monday."
    summary = guard(abstractive(kept, unsupported), FLOOD)
    assert summary.sentences == (kept,)
    assert summary.support == ((0,),)
    assert summary.method == "abstractive"
    assert summary.warnings == (DROPPED_ONE,)


def test_a_verdict_says_why() -> None:
    quantity, negation = judge(
        ["A single school shut its doors.", "Flood water did not close the bridge."], FLOOD
    )
    assert any("single" in reason for reason in quantity.reasons)
    assert "negation added" in negation.reasons


def test_a_fragment_is_no_claim_in_english_only() -> None:
    (fragment,) = judge(["Flood water and the Linford bridge on Monday."], FLOOD)
    assert NO_CLAIM in fragment.reasons
    assert states_claims(["Flood water and the bridge."], "de") == [True]  # no tagger there


def test_everything_dropped_falls_back_to_extractive() -> None:
    summary = guard(abstractive("About 9,000 homes flooded.", "Ten bridges fell."), FLOOD, 2)
    assert summary.method == "extractive"
    assert summary.sentences and all(s in FLOOD.sentences for s in summary.sentences)
    assert "Dropped 2 model sentences the article does not support." in summary.warnings
    assert FELL_BACK in summary.warnings
    assert summary.support == tuple((FLOOD.sentences.index(s),) for s in summary.sentences)


def test_extractive_summaries_only_gain_their_provenance() -> None:
    copied = (FLOOD.sentences[3], FLOOD.sentences[1])
    summary = guard(Summary(copied, "extractive"), FLOOD)
    assert summary.sentences == copied
    assert summary.support == ((3,), (1,))
    assert summary.warnings == ()


def test_a_no_break_space_between_names_is_still_the_same_pair() -> None:
    article = Article.from_paragraphs(
        ["Windsor-born\xa0Haskell first joined the club in 2002 and played eight seasons there."]
    )
    assert not invents("Windsor-born Haskell first joined the club in 2002.", Source.of(article))
    assert not invents(article.sentences[0], Source.of(article))


def test_in_order_is_the_share_of_the_claims_words_its_sentence_has_in_that_order() -> None:
    evidence = Evidence.of(FLOOD)
    restated = examine("Flood water closed the Linford bridge.", evidence).signals or {}
    assert restated["in_order"] == 1.0
    # The same words, in another order: fewer of them follow the sentence's order.
    shuffled = examine("The Linford bridge closed flood water.", evidence).signals or {}
    assert shuffled["in_order"] < 0.7
