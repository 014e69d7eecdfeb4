"""The one model seam: every summariser turns an `Article` into a `Summary`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from bot.article import Article

Method = Literal["extractive", "abstractive"]


@dataclass(frozen=True)
class Summary:
    """Summary sentences, how they were made, and anything the reader should know."""

    sentences: tuple[str, ...]
    method: Method
    model: str | None = None
    warnings: tuple[str, ...] = field(default=())
    # Per sentence, the indices of the article sentences that support it (set by the guard).
    support: tuple[tuple[int, ...], ...] = field(default=())


class Summariser(Protocol):
    """Anything that can summarise an article in about `max_sentences` sentences."""

    def summarise(self, article: Article, max_sentences: int) -> Summary: ...
