"""What the eval modules share within one run: each article is built, extracted and analysed
once.

The faithfulness sweep reads every dev article the other modules already scored; with these
caches it reuses their articles, figures, quotes and extracted pages instead of computing them
again (it took 130 of the suite's 355 s when it did).
"""

from __future__ import annotations

from functools import cache

from bot.article import Article
from bot.errors import NewsbotError
from bot.extract import read_body
from bot.fetch import Page
from bot.figures import Candidate, Figure, candidates, find_figures
from bot.quotes import Quote, find_quotes


@cache
def build(paragraphs: tuple[str, ...], url: str | None = None) -> Article:
    """A dev text as an Article; sentence splitting is the costly part, so it is done once."""
    return Article.from_paragraphs(list(paragraphs), url=url)


@cache
def mentions_of(article: Article) -> tuple[Candidate, ...]:
    """Every mention of a number the figure ranker reads (the figures eval trains on them)."""
    return tuple(candidates(article))


@cache
def figures_of(article: Article, parse: bool = True) -> tuple[Figure, ...]:
    """The digest's figures; `parse=False` keeps the rule phrases (no spaCy parse)."""
    return tuple(find_figures(article, parse=parse, mentions=mentions_of(article)))


@cache
def quotes_of(article: Article) -> tuple[Quote, ...]:
    """Every quote the finder sees, uncapped; callers cut to the digest's number."""
    return tuple(find_quotes(article, limit=10_000))


@cache
def body_of(url: str | None, html: str) -> Article | NewsbotError:
    """The extracted body, or the error that refused the page (an answer, not a crash)."""
    try:
        return read_body(Page(url, html, "text/html"))
    except NewsbotError as err:
        return err
