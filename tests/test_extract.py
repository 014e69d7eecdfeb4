"""Extraction: metadata, no page furniture in the body, stubs refused with a reason."""

from __future__ import annotations

import pytest

from bot.errors import NotAnArticle
from bot.extract import extract
from bot.fetch import Page

URL = "https://valleycourier.example/news/harwick"
BODY = (
    "The county council approved a new bus route on Tuesday after a two-year campaign by "
    "villagers who said they had been cut off from the nearest hospital. The route will run "
    "every hour from seven in the morning until ten at night, and the first bus leaves the "
    "village green next month. Campaigners said the decision would change lives for older "
    "residents who no longer drive, and the council said it would review passenger numbers "
    "after a year to decide whether to keep the service running."
)


def test_html_page_gives_body_and_metadata(example_html):
    article = extract(Page(URL, example_html, "text/html"))
    assert (article.title or "").startswith("Harwick floods: river barrier failed")
    assert (article.site, article.author) == ("The Valley Courier", "Priya Natarajan")
    assert article.published == "2025-03-14"
    assert article.language == "en"
    assert article.paragraphs[0].startswith("The river barrier that gave way")
    assert article.paragraphs[-1].startswith("Osei said the town had been lucky")


@pytest.mark.parametrize(
    "furniture",
    ["You May Also Like", "Leave a Reply", "cup final", "sourdough", "cookies", "Share this"],
)
def test_no_page_furniture_reaches_the_body(example_html, furniture):
    assert furniture not in extract(Page(URL, example_html, "text/html")).text


def test_plain_text_is_taken_as_is_up_to_the_trailing_teasers():
    text = (
        f"{BODY}\n\nA second paragraph\nwrapped over two lines.\n\nLeave a Reply\n\n"
        "Your email address will not be published.\n\nYou May Also Like\n\nCelebrity chef opens"
        " a restaurant in 14 cities."
    )
    article = extract(Page(None, text, "text/plain"))
    assert article.paragraphs == (BODY, "A second paragraph wrapped over two lines.")
    assert "chef" not in article.text


def test_a_related_heading_at_the_top_is_not_the_end():
    article = extract(Page(None, f"Related\n\n{BODY}", "text/plain"))
    assert BODY in article.text


def test_short_page_is_not_an_article():
    with pytest.raises(NotAnArticle, match=r"too little text to be an article \(5 words\)"):
        extract(Page(URL, "<html><body><p>Welcome to our home page.</p></body></html>", ""))


def test_paywall_stub_is_refused_with_the_reason():
    html = (
        "<html><body><article><h1>Budget row</h1><p>Ministers clashed over spending plans on "
        "Monday as the deadline for a deal drew closer.</p><p>Subscribe to continue reading. "
        "Already a subscriber? Log in.</p></article></body></html>"
    )
    with pytest.raises(NotAnArticle, match="paywall or login page"):
        extract(Page(URL, html, "text/html"))


def test_page_without_any_article():
    with pytest.raises(NotAnArticle):
        extract(Page(URL, "<html><body><nav><a href='/'>Home</a></nav></body></html>", ""))
