"""The guard: no model sentence may bring a number or a name the article lacks."""

from __future__ import annotations

import pytest

from bot.summarise.base import Summary
from bot.summarise.guard import FELL_BACK, guard
from tests.summarise.articles import FLOOD


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
def test_restated_facts_pass(sentence: str) -> None:
    summary = guard(abstractive(sentence), FLOOD)
    assert summary.sentences == (sentence,)
    assert summary.warnings == ()


@pytest.mark.parametrize(
    "invented",
    [
        "About 2,000 homes lost power.",  # a number the article never gives
        "Seven schools shut their doors.",  # a number word it never gives
        "The bridge was closed, said engineer Maria Lopez.",  # a name it never mentions
        "Mayor Tom Brandt said the river rose.",  # two real names fused into a false one
        "Officials in Glasgow closed the bridge.",
        "Sarah Brandt announced the closure.",  # a wrong first name, even opening the sentence
    ],
)
def test_invented_number_or_name_is_dropped_and_counted(invented: str) -> None:
    kept = "Flood water closed the Linford bridge on Monday."
    summary = guard(abstractive(kept, invented), FLOOD)
    assert summary.sentences == (kept,)
    assert summary.method == "abstractive"
    assert summary.warnings == (
        "Dropped 1 model sentence with a number or name not in the article.",
    )


def test_everything_dropped_falls_back_to_extractive() -> None:
    summary = guard(abstractive("About 9,000 homes flooded.", "Ten bridges fell."), FLOOD, 2)
    assert summary.method == "extractive"
    assert summary.sentences and all(s in FLOOD.sentences for s in summary.sentences)
    assert "Dropped 2 model sentences with a number or name not in the article." in summary.warnings
    assert FELL_BACK in summary.warnings


def test_extractive_summaries_are_left_alone() -> None:
    summary = Summary(("Anything at all, 12345.",), "extractive")
    assert guard(summary, FLOOD) is summary
