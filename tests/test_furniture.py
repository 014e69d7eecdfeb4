"""The one article-body filter: furniture lines out, article sentences kept."""

from __future__ import annotations

import pytest

from bot.furniture import is_furniture, strip_furniture


@pytest.mark.parametrize(
    "line",
    [
        "Sunday, December 30, 2007 - Page updated at 12:00 AM",
        "July 24, 2012 12:11 AM",
        "E-mail article Print view Share: Digg Newsvine",
        "| | | | ET |",
        "Home | News | Sport | Weather",
        "Jane Ortega | Valencia, 13 de noviembre de 2024",
        "By Scott Brown",
        "By Jane Doe, Staff Writer",
        "Photo: Reuters/John Smith",
        "(Photo by Jane Doe)",
        "The views expressed in the articles are not necessarily those of the publisher.",
        "Copyright 2008 The Valley Courier. All rights reserved.",
        "Advertisement",
    ],
)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council met on Tuesday, December 30, and approved the plan by 7 votes to 2.",
        "By the end of the year, the route had carried 40,000 passengers.",
        "Share prices fell 3% after the announcement.",
        "He said the photo had been taken in 2007.",
        "Print newspapers lost readers, the report found.",
    ],
)
def test_article_sentences_are_kept(line):
    assert not is_furniture(line)


def test_related_heading_ends_the_body_only_after_an_article():
    body = ["word " * 90, "Related Articles", "Celebrity chef opens a restaurant."]
    assert strip_furniture(body) == [body[0].strip()]
    assert strip_furniture(["Related", body[0]]) == ["Related", body[0].strip()]
