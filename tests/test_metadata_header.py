"""The article's header (bot/page_header.py) through page_metadata: publication dates
(bot/publication_date.py: what the page declares, and what it shows by its headline), unmarked
bylines (bot/byline.py) and the <h1>'s text, on small pages written for these tests (the byline
tests load spaCy's English pipeline, as the quote tests do)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.metadata import Metadata, page_metadata

TODAY = date(2026, 1, 15)
TEXT = "<p>The county council approved a new bus route on Tuesday after a long campaign.</p>"
HEADLINE = "<h1>Council approves the new bus route</h1>"


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}{TEXT}</body></html>"


def _ld(**article: object) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **article}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _date(html: str, guessed: str | None) -> str | None:
    return page_metadata(html, Metadata(published=guessed), today=TODAY).published


def test_a_declared_publication_date_beats_a_modified_date_the_page_does_not_show():
    head = _ld(datePublished="2024-03-17T19:47:39+00:00", dateModified="2024-05-03T10:57:58Z")
    assert _date(_page(HEADLINE, head), "2024-05-03") == "2024-03-17"


def test_a_modified_date_shown_by_the_headline_is_kept():
    head = _ld(datePublished="2024-03-17", dateModified="2024-05-03")
    body = HEADLINE + "<p class='meta'>Updated May 3, 2024</p>"
    assert _date(_page(body, head), "2024-05-03") == "2024-05-03"


def test_a_page_without_a_declared_publication_date_is_dated_by_its_header():
    head = '<meta property="article:modified_time" content="2025-09-15T15:41:43+00:00">'
    body = HEADLINE + "<div><span>5 min read</span><span>Published: January 3, 2024</span></div>"
    assert _date(_page(body, head), "2025-09-15") == "2024-01-03"
    assert _date(_page(body), None) == "2024-01-03"


def test_a_header_date_is_not_used_when_a_publication_date_is_declared():
    head = _ld(datePublished="2024-01-03")
    body = HEADLINE + "<p>Updated February 9, 2024</p>"
    assert _date(_page(body, head), "2024-01-03") == "2024-01-03"


def test_the_date_after_the_headline_beats_the_site_header_date_before_it():
    body = "<div class='top'>Friday, December 19, 2025</div>" + HEADLINE
    body += "<p>By Jane Doe</p><p>12 December 2025</p>"
    assert _date(_page(body), "2025-12-19") == "2025-12-12"


def test_dates_far_below_the_headline_or_in_long_text_are_not_its_header():
    teasers = "".join(f"<li>Story {n}</li>" for n in range(30)) + "<li>March 2, 2024</li>"
    long_text = "<p>" + "The route opens on May 5, 2024 and runs every ten minutes. " * 3 + "</p>"
    assert _date(_page(HEADLINE + long_text + "<ul>" + teasers + "</ul>"), None) is None


def test_a_headline_in_a_dialog_or_a_menu_does_not_anchor_the_header():
    body = "<nav><h1>Menu</h1><p>June 1, 2025</p></nav>" + HEADLINE + "<p>June 3, 2025</p>"
    assert _date(_page(body), None) == "2025-06-03"


def test_a_page_wrapped_in_a_dialog_named_container_still_has_its_headline():
    body = f"<div class='dialog-off-canvas-main-canvas'><main>{HEADLINE}<p>June 3, 2025</p>"
    assert _date(_page(body + "</main></div>"), None) == "2025-06-03"


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (  # a pop-up's <h1> is not a second headline
            "<h1>Council approves the new bus route in 2025</h1>"
            "<div class='modal-content'><h1>Free Email Course</h1></div>",
            "Council approves the new bus route in 2025",
        ),
        (  # one headline repeated for two layouts counts once
            "<div class='mobile'><h1>Council approves the new bus route</h1></div>"
            "<div class='desktop'><h1>Council approves the new bus route</h1></div>",
            "Council approves the new bus route",
        ),
        (  # nor is a footer's, a menu's or a sidebar's
            "<nav><h1>Sections</h1></nav><h1>Council approves the new bus route in 2025</h1>"
            "<aside><h1>Most read</h1></aside><footer><h1>Choose your region</h1></footer>",
            "Council approves the new bus route in 2025",
        ),
    ],
    ids=["pop-up", "two layouts", "menu, sidebar and footer"],
)
def test_the_one_headline_h1_is_the_title(body: str, title: str) -> None:
    head = "<title>Council approves bus route | The Valley Courier</title>"
    assert page_metadata(_page(body, head), Metadata(), today=TODAY).title == title


def test_a_declared_publication_date_wins_when_the_header_shows_both_dates():
    head = _ld(datePublished="2025-12-05T11:00:22Z", dateModified="2025-12-08T15:40:43Z")
    body = HEADLINE + "<p>Last modified on Mon 8 Dec 2025</p><p>Fri 5 Dec 2025</p>"
    assert _date(_page(body, head), "2025-12-08") == "2025-12-05"


def test_a_page_declared_published_when_last_modified_is_dated_by_its_earlier_header_date():
    head = _ld(datePublished="2025-11-20T16:02:46Z", dateModified="2025-11-20T16:02:46Z")
    body = HEADLINE + "<p>5 min read</p><p>May 14, 2025</p>"
    assert _date(_page(body, head), "2025-11-20") == "2025-05-14"
    later = HEADLINE + "<p>5 min read</p><p>December 14, 2025</p>"
    assert _date(_page(later, head), "2025-11-20") == "2025-11-20"


def test_the_header_ends_where_the_article_text_starts():
    head = _ld(datePublished="2021-11-01T10:52:50+01:00", dateModified="2021-11-01T10:52:50Z")
    paragraph = "<p>" + "The visitors won four-one on Sunday and moved up the table. " * 3 + "</p>"
    tweet = "<blockquote><p>Highlights from the win</p><p>October 31, 2021</p></blockquote>"
    body = HEADLINE + "<p>5 min read</p>" + paragraph + paragraph + tweet
    assert _date(_page(body, head), "2021-11-01") == "2021-11-01"


def test_an_ambiguous_numeric_header_date_is_read_from_its_time_element():
    body = HEADLINE + '<time datetime="2023-10-12T19:38:01Z">10/12/2023 7:38:01 PM</time>'
    assert _date(_page(body), "2023-12-10") == "2023-10-12"


def test_a_shown_day_beats_its_utc_datetime_a_day_later():
    body = HEADLINE + '<time datetime="2025-02-24T04:13:00Z">February 23, 2025</time>'
    assert _date(_page(body), None) == "2025-02-23"


def test_an_ambiguous_numeric_header_date_is_read_in_the_page_languages_order():
    body = HEADLINE + "<p>5 min read</p><p>3/4/2025</p>"
    us = _page(body).replace("<html>", '<html lang="en-US">')
    uk = _page(body).replace("<html>", '<html lang="en-GB">')
    german = _page(body.replace("3/4/2025", "03.04.2025")).replace("<html>", '<html lang="de">')
    assert _date(us, None) == "2025-03-04"
    assert _date(uk, None) == "2025-04-03"
    assert _date(german, None) == "2025-04-03"


def _author(body: str) -> str | None:
    return page_metadata(_page(body), Metadata(), today=TODAY).author


def test_an_unmarked_header_name_beside_its_date_is_the_byline():
    body = HEADLINE + "<p>Jane Miller | Senior Writer | July 2, 2025</p>"
    assert _author(body) == "Jane Miller"
    split = HEADLINE + "<div><span>DANIEL REYES</span><span>Staff</span><span>May 3, 2025</span>"
    assert _author(split + "</div>") == "DANIEL REYES"


def test_a_header_name_without_a_date_or_that_is_no_person_is_no_byline():
    assert _author(HEADLINE + "<p>Jane Miller</p>") is None
    assert _author(HEADLINE + "<p>Recipe Index</p><p>July 2, 2025</p>") is None
    paragraph = "<p>" + "The visitors won four-one on Sunday and moved up the table. " * 3 + "</p>"
    assert _author(HEADLINE + paragraph + "<p>Jane Miller</p><p>July 2, 2025</p>") is None


def test_a_line_break_in_the_headline_is_a_space():
    body = "<h1>Council approves the new bus route<br>What riders need to know</h1>"
    meta = page_metadata(_page(body), Metadata(), today=TODAY)
    assert meta.title == "Council approves the new bus route What riders need to know"


def test_a_headline_set_in_capitals_keeps_the_titles_casing():
    head = "<title>Council Approves the New Bus Route | The Valley Courier</title>"
    body = "<h1>COUNCIL APPROVES THE NEW BUS ROUTE</h1>"
    meta = page_metadata(_page(body, head), Metadata(), today=TODAY)
    assert meta.title == "Council Approves the New Bus Route"


def test_a_declared_publication_date_beats_a_guess_the_page_neither_declares_nor_shows():
    head = '<meta property="article:published_time" content="2024-10-08T09:00:00-04:00">'
    head += '<meta property="article:modified_time" content="2024-10-14T12:00:00-04:00">'
    shown = HEADLINE + "<p>By Jane Doe</p><p>October 8, 2024</p>"
    assert _date(_page(shown, head), "2016-07-01") == "2024-10-08"
    stamp = "2018-06-12T23:00:00.000Z"
    quiet = _ld(datePublished=stamp, dateModified=stamp)
    assert _date(_page(HEADLINE + "<p>By Jane Doe</p>", quiet), "2018-06-13") == "2018-06-12"


def test_a_header_date_with_a_word_of_another_language_before_it_is_read():
    body = HEADLINE + "<p>By: Harbour Desk</p><p>on 12-ene-2023 9:30:00</p>"
    assert _date(_page(body), None) == "2023-01-12"


def test_a_header_dating_its_story_to_the_month_gives_the_month():
    body = HEADLINE + "<p>Features</p><p>March 2019</p>"
    assert _date(_page(body), "2025-10-25") == "2019-03"
    assert _date(_page(HEADLINE + "<p>Mar 2019</p>"), None) == "2019-03"


def test_an_unset_declared_date_is_no_publication_date():
    head = _ld(datePublished="1970-01-01T00:00:00Z")
    assert _date(_page(HEADLINE, head), None) is None
    assert _date(_page(HEADLINE + "<p>March 3, 2024</p>", head), None) == "2024-03-03"
