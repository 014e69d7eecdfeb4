"""Faithfulness over every dev article: figures and quotes must be verbatim, speakers real."""

from __future__ import annotations

import csv
import itertools
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.article import Article
from bot.errors import NewsbotError
from bot.eval import extraction, figures, memo, quotes, summaries
from bot.eval.table import Score
from bot.quotes import is_verbatim

DIGEST_QUOTES = 6  # what a digest posts


@dataclass
class Tally:
    articles: int = 0
    figures: int = 0
    quotes: int = 0
    bad_figures: int = 0
    bad_quotes: int = 0
    invented_speakers: int = 0


def dev_articles(data_dir: Path, limit: int | None = None) -> Iterator[Article]:
    """Every article of the four dev sets, built the way each set's evaluation builds it."""
    for items in (summaries.cnndm_items, summaries.xsum_items):
        yield from (item.article for item in items(data_dir, limit))
    yield from (quotes.article_of(doc) for doc in quotes.load(data_dir)[:limit])
    if (data_dir / figures.DATA_FILE).is_file():
        with (data_dir / figures.DATA_FILE).open(newline="", encoding="utf-8") as rows:
            for row in itertools.islice(csv.DictReader(rows), limit):
                yield figures.article_of(row["text"])
    if (data_dir / extraction.DATASET / "ground-truth.json").is_file():
        for html, gold in extraction.load_pages(data_dir, limit):
            body = memo.body_of(gold.get("url"), html)
            if not isinstance(body, NewsbotError):
                yield body


def check(article: Article, tally: Tally) -> None:
    """Count what the digest would post (before its own verbatim net) that is not verbatim."""
    tally.articles += 1
    # Rule phrases: parsing every dev article would take minutes in CI. The phrases the parse
    # widens are checked verbatim on a fixed NumHG slice by bot.eval.figures (and are slices of
    # the article's own text by construction, bot/figure_phrase.py).
    for figure in memo.figures_of(article, parse=False):
        tally.figures += 1
        verbatim = figure.value in figure.text and figure.text in article.text
        tally.bad_figures += not (verbatim and figure.sentence in article.text)
    for quote in memo.quotes_of(article)[:DIGEST_QUOTES]:
        tally.quotes += 1
        tally.bad_quotes += not (
            is_verbatim(quote.text, article) and quote.sentence in article.text
        )
        tally.invented_speakers += quote.speaker is not None and quote.speaker not in article.text


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Mistake counts (all must be 0), with how many figures and quotes were checked."""
    tally = Tally()
    for article in dev_articles(data_dir, limit):
        check(article, tally)
    if not tally.articles:
        return []
    checked = {"figures checked": float(tally.figures), "quotes checked": float(tally.quotes)}
    rows = [
        ("figures not verbatim (all dev sets)", tally.bad_figures),
        ("quotes not verbatim (all dev sets)", tally.bad_quotes),
        ("speakers not in the article (all dev sets)", tally.invented_speakers),
    ]
    return [Score("faithfulness", m, v, checked, tally.articles) for m, v in rows]


if __name__ == "__main__":
    for score in evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")):
        print(f"{score.metric:<45} {score.value:g}  ({score.anchors}; n={score.items})")
