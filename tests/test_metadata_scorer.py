"""How bot/eval/metadata.py counts a title or a date right."""

from __future__ import annotations

from bot.eval.metadata import date_right, title_right


def test_an_ampersand_is_the_word_and_in_a_title():
    assert title_right("Costs for Homeowners and Investors", "Costs for Homeowners & Investors")
    assert not title_right("Costs for Homeowners", "Costs for Homeowners & Investors & Banks")


def test_a_gold_date_given_to_the_month_is_matched_to_the_month():
    assert date_right("2015-11-20", "2015-11")
    assert not date_right("2015-12-01", "2015-11")
    assert date_right("2024-02-09", "2024-02-09")
    assert not date_right("2024-02-10", "2024-02-09")
    assert not date_right(None, "2024-02-09")
