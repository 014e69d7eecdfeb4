"""The `Article`: what every stage after extraction reads."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pysbd

WORDS_PER_MINUTE = 230


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    try:
        return pysbd.Segmenter(language=language, clean=False)
    except ValueError:  # pysbd knows ~20 languages; English rules are the safest default
        return pysbd.Segmenter(language="en", clean=False)


def split_sentences(paragraph: str, language: str = "en") -> list[str]:
    """Sentences of one paragraph, each a verbatim (stripped) substring of it."""
    return [s.strip() for s in _segmenter(language).segment(paragraph) if s.strip()]


@dataclass(frozen=True)
class Article:
    """An extracted article; `text` is its paragraphs joined by blank lines."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date
    language: str | None = None
    url: str | None = None
    sentences: tuple[str, ...] = field(default=())

    @classmethod
    def from_paragraphs(cls, paragraphs: list[str], **meta: str | None) -> Article:
        """Build an article, normalising whitespace and splitting sentences."""
        paras = tuple(p for p in (re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in paragraphs) if p)
        lang = meta.get("language") or "en"
        sentences = tuple(s for p in paras for s in split_sentences(p, lang))
        return cls(paragraphs=paras, sentences=sentences, **meta)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))
