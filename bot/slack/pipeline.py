"""The pipeline as the workers run it, in two stages: read (fetch + extract, no model)
and digest (summary, figures, quotes), with the model held only while it generates."""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import replace

from bot.article import Article
from bot.config import Settings
from bot.digest import EXTRACTING, FETCHING, Digest, Progress, digest_article, load
from bot.errors import SiteTooSlow
from bot.extract import extract
from bot.summarise.base import Summariser


class Pipeline:
    """link → `Article` (read) → `Digest` (digest), one summariser for the whole process."""

    def __init__(self, settings: Settings, summariser: Summariser) -> None:
        self.settings = settings
        # Workers call it concurrently: the engine's batcher gathers their model calls into
        # shared batches (bot/summarise/batcher.py), so no lock is needed here.
        self.summariser = summariser
        # The parser loads now (~1.5 s), in every process that runs jobs (the embedded bot, a
        # Celery worker), not on the first reporter's link.
        from bot.parse import pipeline as parser

        parser("en")

    def read(self, url: str, progress: Progress | None = None) -> Article:
        """Fetch and extract within `fetch_deadline_s`, however slowly the site answers;
        `progress` hears "Fetching" and "Extracting", always from the calling thread."""
        # The fetch thread reports None once the page is in, then the article or its error.
        events: queue.Queue[Article | BaseException | None] = queue.Queue()

        def run() -> None:
            try:
                page = load(url, self.settings)
                events.put(None)
                article = extract(page)
                # The link fetched, after redirects; never the page's own claim (canonical).
                events.put(replace(article, url=page.url) if page.url else article)
            except BaseException as err:  # handed to the waiting worker below
                events.put(err)

        say = progress or _quiet
        say(FETCHING)
        # A thread of its own: at the deadline the worker moves on; the fetch ends by itself
        # at its read timeout, holding nothing the other jobs need.
        threading.Thread(target=run, name="newsbot-fetch", daemon=True).start()
        deadline = time.monotonic() + self.settings.fetch_deadline_s
        while True:
            try:
                found = events.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise SiteTooSlow(
                    "The site took too long to send that page; try again later."
                ) from None
            if found is None:
                say(EXTRACTING)
            elif isinstance(found, Article):
                return found
            else:
                raise found

    def digest(self, article: Article, source: str, progress: Progress | None = None) -> Digest:
        """Summary, figures and quotes of an article read by `read`; `progress` hears
        "Summarising" and "Checking figures and quotes"."""
        return digest_article(article, source, self.settings, self.summariser, progress=progress)


def _quiet(stage: str) -> None:
    pass


def pipeline(settings: Settings, summariser: Summariser | None = None) -> Pipeline:
    """The process's pipeline; the model loads once, here, unless a summariser is given."""
    if summariser is None:
        from bot.summarise import make_summariser

        summariser = make_summariser(settings)
    return Pipeline(settings, summariser)
