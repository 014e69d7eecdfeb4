"""Key figures: numbers in the article with the few words that make them mean something."""

from __future__ import annotations

from dataclasses import dataclass

from bot.article import Article


@dataclass(frozen=True)
class Figure:
    """A number as written, its context phrase and sentence, all verbatim from the article."""

    value: str
    text: str
    sentence: str


def find_figures(article: Article, limit: int = 8) -> list[Figure]:
    """The article's most newsworthy figures, best first."""
    raise NotImplementedError  # being written (figures helper)
