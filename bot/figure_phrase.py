"""A figure's phrase from the shared parse: the number's head noun and the words that carry its
meaning (negation, "one in", "up to", "at least", "only", comparisons, the claim's source)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.article import Article

if TYPE_CHECKING:
    from bot.figures import Candidate, Figure


def rephrase(article: Article, chosen: Sequence[Candidate]) -> list[Figure]:
    return [c.figure for c in chosen]
