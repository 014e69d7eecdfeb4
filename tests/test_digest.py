"""The pipeline on the example page: what an editor checks first."""

from __future__ import annotations

import pytest

from bot.digest import build_digest
from bot.quotes import is_verbatim
from bot.summarise.extractive import ExtractiveSummariser
from tests.conftest import EXAMPLE_PAGE


@pytest.fixture(scope="module")
def digest():
    from bot.config import Settings

    settings = Settings(summariser="extractive", _env_file=None)  # type: ignore[call-arg]
    return build_digest(str(EXAMPLE_PAGE), settings, ExtractiveSummariser())


def test_metadata_and_summary(digest):
    assert digest.title.startswith("Harwick floods")
    assert digest.site == "The Valley Courier" and digest.author == "Priya Natarajan"
    assert digest.published == "2025-03-14" and digest.reading_minutes == 2
    assert digest.summary_method == "extractive"
    assert all(sentence in digest.text for sentence in digest.summary)


def test_key_figures_carry_their_context(digest):
    by_value = {f.value: f.text for f in digest.figures}
    assert "1,240" in by_value and "homes" in by_value["1,240"]
    money = [f for f in digest.figures if f.unit == "GBP"]
    assert money and all(f.number and f.number >= 1e6 for f in money)  # "£1.8m" is 1.8e6
    assert len(digest.figures) <= 8
    assert not {"9,000", "400", "-6C", "15cm"} & set(by_value)  # teasers never leak in


def test_quotes_have_the_right_speakers(digest):
    speakers = {q.speaker for q in digest.quotes}
    assert {"Margaret Osei", "Tom Bradshaw", "one shopkeeper"} <= speakers
    shopkeeper = next(q for q in digest.quotes if q.speaker == "one shopkeeper")
    assert "We were told the barrier was safe." in shopkeeper.text
    assert "Nobody from the council" in shopkeeper.text  # the quote runs on a paragraph


def test_everything_posted_is_verbatim(digest):
    from bot.extract import extract
    from bot.fetch import Page

    article = extract(Page(None, EXAMPLE_PAGE.read_text(), "text/html"))
    assert all(f.text in article.text for f in digest.figures)
    assert all(is_verbatim(q.text, article) for q in digest.quotes)


@pytest.mark.parametrize(
    ("quote", "verbatim"),
    [
        ("We were told the barrier was safe. Nobody from the council has knocked", True),
        ("We were told the barrier was safe, nobody from the council", False),
        ("We were told the barrier was safe. Somebody from the council", False),
    ],
)
def test_run_on_quotes_join_paragraphs_with_one_space(quote, verbatim):
    from bot.article import Article

    article = Article.from_paragraphs(
        ["“We were told the barrier was safe.", "“Nobody from the council has knocked.”"]
    )
    assert is_verbatim(quote, article) is verbatim


def test_progress_hears_each_stage_in_order(settings) -> None:
    from bot.digest import STAGES

    heard: list[str] = []
    build_digest(str(EXAMPLE_PAGE), settings, ExtractiveSummariser(), progress=heard.append)
    assert heard == list(STAGES)


def test_each_summary_sentence_knows_its_paragraph(digest):
    paragraphs = digest.text.split("\n\n")
    assert len(digest.summary_paragraphs) == len(digest.summary)
    for sentence, numbers in zip(digest.summary, digest.summary_paragraphs, strict=True):
        assert len(numbers) == 1 and sentence in paragraphs[numbers[0] - 1]
