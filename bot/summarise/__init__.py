"""Pick and build the summariser the settings ask for; model backends always come guarded.

Nothing heavy is imported here: `transformers`/`torch` load only when a model does.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.errors import ModelUnavailable
from bot.summarise.base import Summariser, Summary
from bot.summarise.models import ModelKind, Progress, find_model, model_kind
from bot.summarise.models import pull_model as pull_model

if TYPE_CHECKING:
    from bot.article import Article
    from bot.config import Settings

__all__ = ["GuardedSummariser", "Summariser", "Summary", "make_summariser", "pull_model"]


class GuardedSummariser:
    """A model summariser whose every summary passes the faithfulness guard."""

    def __init__(self, inner: Summariser) -> None:
        self.inner = inner

    def summarise(self, article: Article, max_sentences: int = 3) -> Summary:
        from bot.summarise.guard import guard

        return guard(self.inner.summarise(article, max_sentences), article, max_sentences)


class WarnedSummariser:
    """Adds a standing warning (e.g. "the model was unavailable") to every summary."""

    def __init__(self, inner: Summariser, warning: str) -> None:
        self.inner = inner
        self.warning = warning

    def summarise(self, article: Article, max_sentences: int = 3) -> Summary:
        summary = self.inner.summarise(article, max_sentences)
        return replace(summary, warnings=(self.warning, *summary.warnings))


def make_summariser(
    settings: Settings, model: str | None = None, progress: Progress | None = None
) -> Summariser:
    """The summariser for `settings` (and `model`, overriding `settings.model`).

    In `auto` a model that cannot be had quickly gives the extractive summariser with a
    warning on every summary; an explicit `seq2seq`/`chat` raises `ModelUnavailable` instead.
    """
    if settings.summariser == "extractive":
        return _extractive()
    name = model or settings.model
    if settings.summariser == "auto":
        try:
            return _model_summariser(settings, name, None, progress)
        except ModelUnavailable as err:
            return WarnedSummariser(_extractive(), f"{err} This summary is extractive instead.")
    return _model_summariser(settings, name, settings.summariser, progress)


def _model_summariser(
    settings: Settings, name: str, kind: ModelKind | None, progress: Progress | None
) -> Summariser:
    from bot.summarise.engine import load_engine

    folder = find_model(name, settings.model_probe_timeout_s, progress)
    kind = kind or model_kind(folder)
    engine = load_engine(name, folder, kind, settings, progress)
    if kind == "seq2seq":
        from bot.summarise.seq2seq import Seq2SeqSummariser

        inner: Summariser = Seq2SeqSummariser(engine, settings.num_beams, settings.max_new_tokens)
    else:
        from bot.summarise.chat import ChatSummariser

        inner = ChatSummariser(engine, settings.max_new_tokens)
    return GuardedSummariser(inner)


def _extractive() -> Summariser:
    from bot.summarise.extractive import ExtractiveSummariser

    return ExtractiveSummariser()
