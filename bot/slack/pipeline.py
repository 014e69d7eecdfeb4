"""The pipeline as the workers run it, in two stages: read (fetch + extract, no model)
and digest (summary, figures, quotes), with the model held only while it generates."""

from __future__ import annotations

import threading

from bot.article import Article
from bot.config import Settings
from bot.digest import Digest, digest_article, load
from bot.errors import FetchError
from bot.extract import extract
from bot.summarise.base import Summariser, Summary


class OneAtATime:
    """Serialises model calls: one loaded model shared by all workers (fetching stays parallel)."""

    def __init__(self, inner: Summariser) -> None:
        self.inner = inner
        self._lock = threading.Lock()

    def summarise(self, article: Article, max_sentences: int) -> Summary:
        with self._lock:
            return self.inner.summarise(article, max_sentences)


class Pipeline:
    """link → `Article` (read) → `Digest` (digest), one summariser for the whole process."""

    def __init__(self, settings: Settings, summariser: Summariser) -> None:
        self.settings = settings
        self.summariser = OneAtATime(summariser)

    def read(self, url: str) -> Article:
        """Fetch and extract within `fetch_deadline_s`, however slowly the site answers."""
        done = threading.Event()
        box: dict[str, Article | BaseException] = {}

        def run() -> None:
            try:
                box["article"] = extract(load(url, self.settings))
            except BaseException as err:  # handed to the waiting worker below
                box["error"] = err
            finally:
                done.set()

        # A thread of its own: at the deadline the worker moves on; the fetch ends by itself
        # at its read timeout, holding nothing the other jobs need.
        threading.Thread(target=run, name="newsbot-fetch", daemon=True).start()
        if not done.wait(self.settings.fetch_deadline_s):
            raise FetchError("The site took too long to send that page; try again later.")
        found = box.get("article") or box.get("error")
        if isinstance(found, Article):
            return found
        raise found if isinstance(found, BaseException) else AssertionError("no result")

    def digest(self, article: Article, source: str) -> Digest:
        """Summary, figures and quotes of an article read by `read`."""
        return digest_article(article, source, self.settings, self.summariser)


def pipeline(settings: Settings, summariser: Summariser | None = None) -> Pipeline:
    """The process's pipeline; the model loads once, here, unless a summariser is given."""
    if summariser is None:
        from bot.summarise import make_summariser

        summariser = make_summariser(settings)
    return Pipeline(settings, summariser)
