"""Faithfulness over the dev articles: figures and quotes must be verbatim, speakers real.

Figures are checked on every dev article. Quotes need the spaCy parse, and parsing all ~3,300
dev articles took over ten minutes of the CI gate: they are checked on the PolNeAR articles
(parsed once for the quotes eval anyway) and on every QUOTE_STRIDE-th article of the other sets,
the same articles every run.
"""

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
QUOTE_STRIDE = 40  # ~83 articles besides PolNeAR, from every set (20: 8 s more of the suite)


@dataclass
class Tally:
    articles: int = 0
    figures: int = 0
    quotes: int = 0
    bad_figures: int = 0
    bad_quotes: int = 0
    invented_speakers: int = 0
    quote_articles: int = 0


def dev_articles(data_dir: Path, limit: int | None = None) -> Iterator[tuple[Article, bool]]:
    """Every article of the dev sets, built the way each set's evaluation builds it, and
    whether its quotes are checked (see the module's docstring)."""
    polnear = {quotes.article_of(doc) for doc in quotes.load(data_dir)[:limit]}
    for i, article in enumerate(_all_articles(data_dir, limit)):
        yield article, article in polnear or i % QUOTE_STRIDE == 0


def _all_articles(data_dir: Path, limit: int | None) -> Iterator[Article]:
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


def check(article: Article, tally: Tally, with_quotes: bool = True) -> None:
    """Count what the digest would post (before its own verbatim net) that is not verbatim."""
    tally.articles += 1
    # Rule phrases: parsing every dev article would take minutes in CI. The phrases the parse
    # widens are checked verbatim on a fixed NumHG slice by bot.eval.figures (and are slices of
    # the article's own text by construction, bot/figure_phrase.py).
    for figure in memo.figures_of(article, parse=False):
        tally.figures += 1
        verbatim = figure.value in figure.text and figure.text in article.text
        tally.bad_figures += not (verbatim and figure.sentence in article.text)
    if not with_quotes:
        return
    tally.quote_articles += 1
    for quote in memo.quotes_of(article)[:DIGEST_QUOTES]:
        tally.quotes += 1
        tally.bad_quotes += not (
            is_verbatim(quote.text, article) and quote.sentence in article.text
        )
        tally.invented_speakers += quote.speaker is not None and quote.speaker not in article.text


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Mistake counts (all must be 0), with how many figures and quotes were checked."""
    tally = Tally()
    for article, with_quotes in dev_articles(data_dir, limit):
        check(article, tally, with_quotes)
    if not tally.articles:
        return []
    checked = {
        "figures checked": float(tally.figures),
        "quotes checked": float(tally.quotes),
        "articles with quotes checked": float(tally.quote_articles),
    }
    rows = [
        ("figures not verbatim (all dev sets)", tally.bad_figures),
        ("quotes not verbatim (dev sample)", tally.bad_quotes),
        ("speakers not in the article (dev sample)", tally.invented_speakers),
    ]
    return [Score("faithfulness", m, v, checked, tally.articles) for m, v in rows]


if __name__ == "__main__":
    for score in evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")):
        print(f"{score.metric:<45} {score.value:g}  ({score.anchors}; n={score.items})")
