"""Direct quotes and who said them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.article import Article


@dataclass(frozen=True)
class Quote:
    """A direct quote (without its marks, verbatim), its speaker and its sentence."""

    text: str
    speaker: str | None
    sentence: str


def find_quotes(article: Article, limit: int = 6) -> list[Quote]:
    """The article's most substantive direct quotes, best first."""
    raise NotImplementedError  # being written (quotes helper)
