"""The pipeline: link → fetch → extract → summary, figures, quotes → `Digest`."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bot.article import Article
from bot.config import Settings
from bot.errors import BadInput, PageTooLarge, UnsupportedContent
from bot.extract import extract
from bot.fetch import Page, decode, fetch
from bot.figures import Figure, find_figures
from bot.quotes import Quote, find_quotes, is_verbatim
from bot.summarise.base import Method, Summariser


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


def build_digest(source: str, settings: Settings, summariser: Summariser) -> Digest:
    """Digest of a link, an HTML or text file, or "-" (standard input)."""
    return digest_article(extract(load(source, settings)), source, settings, summariser)


def load(source: str, settings: Settings) -> Page:
    """The page behind a link, a file path, or "-" for standard input."""
    source = source.strip()
    if source == "-":
        return Page(url=None, content=sys.stdin.read(), content_type="")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        return fetch(source, settings)
    path = Path(source).expanduser()
    if not path.is_file():
        raise BadInput(f"“{source}” is neither a link (http/https) nor a readable file.")
    if path.suffix.lower() == ".pdf":
        raise UnsupportedContent("PDFs are not supported yet.")
    body = path.read_bytes()
    if len(body) > settings.max_page_bytes:
        raise PageTooLarge(f"That file is larger than {settings.max_page_bytes / 1e6:g} MB.")
    content_type = "text/plain" if path.suffix.lower() in (".txt", ".md", ".text") else ""
    return Page(url=None, content=decode(body, None), content_type=content_type)


def digest_article(
    article: Article, source: str, settings: Settings, summariser: Summariser
) -> Digest:
    """Summary, figures and quotes of an extracted article."""
    summary = summariser.summarise(article, settings.summary_sentences)
    figures = find_figures(article, settings.max_figures)
    quotes = find_quotes(article, settings.max_quotes)
    return Digest(
        input=source,
        url=article.url,
        title=article.title,
        site=article.site,
        author=article.author,
        published=article.published,
        language=article.language,
        text=article.text,
        summary=summary.sentences,
        summary_method=summary.method,
        model=summary.model,
        # The promise to editors is "verbatim from the article": enforce it here, once, for
        # every renderer, whatever the figure and quote finders return.
        figures=tuple(f for f in figures if f.text in article.text),
        quotes=tuple(q for q in quotes if is_verbatim(q.text, article)),
        reading_minutes=article.reading_minutes,
        warnings=summary.warnings,
    )
