"""The pipeline: link → fetch → extract → summary, figures, quotes → `Digest`."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.figures import Figure
from bot.quotes import Quote
from bot.summarise.base import Method


@dataclass(frozen=True)
class Digest:
    """Everything newsbot says about one article."""

    input: str
    url: str | None
    title: str | None
    site: str | None
    author: str | None
    published: str | None
    language: str | None
    text: str
    summary: tuple[str, ...]
    summary_method: Method
    model: str | None
    figures: tuple[Figure, ...]
    quotes: tuple[Quote, ...]
    reading_minutes: int
    warnings: tuple[str, ...] = field(default=())
