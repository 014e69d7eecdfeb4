"""The pipeline: link → fetch → extract → summary, figures, quotes → `Digest`."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.article import MAX_WORDS, Article, paragraph_numbers
from bot.byline import same_name
from bot.config import Settings
from bot.decode import decode
from bot.errors import BadInput, PageTooLarge, TooSlow, UnsupportedContent
from bot.extract import extract
from bot.fetch import Fetcher, Page
from bot.figures import Figure, find_figures
from bot.quotes import Quote, find_quotes, is_verbatim
from bot.summarise.base import Method, Summariser
from bot.summarise.guard import provenance

# The stages a reader is told about while a slow job runs; only names, never model text.
FETCHING, EXTRACTING, SUMMARISING, CHECKING = (
    "Fetching",
    "Extracting",
    "Summarising",
    "Checking figures and quotes",
)
STAGES = (FETCHING, EXTRACTING, SUMMARISING, CHECKING)
Progress = Callable[[str], None]  # told each stage's name as it starts


def _quiet(stage: str) -> None:
    pass


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
    # Per summary sentence, the indices (into the article's sentences) of its support.
    summary_support: tuple[tuple[int, ...], ...] = field(default=())
    # Per summary sentence, the numbers (from 1) of the paragraphs that hold its support.
    summary_paragraphs: tuple[tuple[int, ...], ...] = field(default=())

    @property
    def byline(self) -> str | None:
        """The author as the views show it beside the site: none where the author is the site
        itself (a company's blog signed with its name, "Freewrite Store · Freewrite Store")."""
        if self.author and self.site and same_name(self.author, self.site):
            return None
        return self.author


def from_paragraphs(numbers: tuple[int, ...]) -> str:
    """ "from paragraph 3", "from paragraphs 2, 5"; empty when the support is unknown."""
    if not numbers:
        return ""
    plural = "s" if len(numbers) > 1 else ""
    return f"from paragraph{plural} {', '.join(map(str, numbers))}"


def build_digest(
    source: str,
    settings: Settings,
    summariser: Summariser,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
) -> Digest:
    """Digest of a link, an HTML or text file, or "-" (standard input), within the job budget;
    `progress` hears each stage's name as it starts."""
    progress = progress or _quiet
    deadline = time.monotonic() + settings.job_budget_s
    progress(FETCHING)
    page = load(source, settings, fetcher, deadline)
    _in_time(deadline, settings)
    progress(EXTRACTING)
    article = extract(page)
    if page.url:  # the link fetched, after redirects; never the page's own claim (canonical)
        article = replace(article, url=page.url)
    return digest_article(article, source, settings, summariser, deadline, progress)


def _in_time(deadline: float | None, settings: Settings) -> None:
    # Checked between stages: each stage is bounded on its own (page bytes, MAX_WORDS), so an
    # overrun past the last check is bounded too.
    if deadline is not None and time.monotonic() > deadline:
        raise TooSlow(
            f"That article took more than {settings.job_budget_s:g} seconds to read, so I "
            "stopped; try again later or send a shorter page."
        )


def load(
    source: str, settings: Settings, fetcher: Fetcher | None = None, deadline: float | None = None
) -> Page:
    """The page behind a link, a file path, or "-" for standard input."""
    source = source.strip()
    if source == "-":
        text = sys.stdin.read(settings.max_page_bytes + 1)
        if len(text) > settings.max_page_bytes:
            raise PageTooLarge(f"The input is larger than {settings.max_page_bytes / 1e6:g} MB.")
        return Page(url=None, content=text, content_type="")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:/", source):
        return (fetcher or Fetcher(settings)).fetch(source, deadline)
    try:
        return _load_file(Path(source).expanduser(), source, settings)
    except (OSError, ValueError) as err:  # a NUL byte, a name too long, a directory, …
        raise BadInput(_not_readable(source)) from err


def _not_readable(source: str) -> str:
    return f"“{source[:200]}” is neither a link (http/https) nor a readable file."


def _load_file(path: Path, source: str, settings: Settings) -> Page:
    if not path.is_file():
        raise BadInput(_not_readable(source))
    if path.suffix.lower() == ".pdf":
        raise UnsupportedContent("PDFs are not supported yet.")
    if path.stat().st_size > settings.max_page_bytes:
        raise PageTooLarge(f"That file is larger than {settings.max_page_bytes / 1e6:g} MB.")
    body = path.read_bytes()
    content_type = "text/plain" if path.suffix.lower() in (".txt", ".md", ".text") else ""
    return Page(url=None, content=decode(body, None), content_type=content_type)


def digest_article(
    article: Article,
    source: str,
    settings: Settings,
    summariser: Summariser,
    deadline: float | None = None,
    progress: Progress | None = None,
) -> Digest:
    """Summary, figures and quotes of an extracted article."""
    progress = progress or _quiet
    progress(SUMMARISING)
    summary = summariser.summarise(article, settings.summary_sentences)
    _in_time(deadline, settings)
    progress(CHECKING)
    figures = find_figures(article, settings.max_figures)
    quotes = find_quotes(article, settings.max_quotes)
    _in_time(deadline, settings)
    warnings = summary.warnings
    if article.words_left_out:
        warnings += (
            f"The article is long: I read its first {MAX_WORDS:,} words and left out "
            f"about {article.words_left_out:,}.",
        )
    support = summary.support or provenance(summary.sentences, article)
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
        warnings=warnings,
        summary_support=support,
        summary_paragraphs=_paragraphs_of(support, article),
    )


def _paragraphs_of(
    support: tuple[tuple[int, ...], ...], article: Article
) -> tuple[tuple[int, ...], ...]:
    numbers = paragraph_numbers(article)
    if not numbers:
        return ()
    return tuple(tuple(sorted({numbers[i] for i in s if i < len(numbers)})) for s in support)
