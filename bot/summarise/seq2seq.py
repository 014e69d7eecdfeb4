"""Encoder–decoder summarisers (T5/Flan-T5, BART, Pegasus): chunk by tokens, summarise, combine."""

from __future__ import annotations

from typing import Any

from bot.article import Article, split_sentences
from bot.prompts import has_prompt, render_prompt
from bot.summarise.base import Summary
from bot.summarise.tokens import MAX_WINDOW, article_sentences, chunk_by_tokens

#: Rounds of summarising the partial summaries again before we just keep the first sentences.
MAX_REDUCE_ROUNDS = 2


class Seq2SeqSummariser:
    """Summarises with an encoder–decoder engine; long articles are chunked and combined."""

    def __init__(self, engine: Any, num_beams: int = 4, max_new_tokens: int = 142) -> None:
        self.engine = engine
        # A prompt named after the model type wins ("t5.txt": "summarize: $article").
        model_type = getattr(engine.config, "model_type", "")
        self.prompt = model_type if has_prompt(model_type) else "seq2seq"
        self.count_tokens = engine.count_tokens
        overhead = self.count_tokens(render_prompt(self.prompt, article=""))
        self.window = max(16, engine.window(MAX_WINDOW) - overhead)
        self.num_beams = num_beams
        self.max_new_tokens = engine.new_tokens(max_new_tokens)

    def plan_chunks(self, article: Article) -> list[str]:
        """The pieces of the article the model will summarise, all in one engine call."""
        return chunk_by_tokens(article_sentences(article), self.window, self.count_tokens)

    def summarise(self, article: Article, max_sentences: int = 3) -> Summary:
        """Summarise the chunks, then the partial summaries, until few enough sentences."""
        language = article.language or "en"
        partials = self._generate(self.plan_chunks(article))
        for _ in range(MAX_REDUCE_ROUNDS):
            sentences = split_sentences(" ".join(partials), language)
            if len(partials) <= 1 or len(sentences) <= max_sentences:
                break
            partials = self._generate(chunk_by_tokens(sentences, self.window, self.count_tokens))
        sentences = split_sentences(" ".join(partials), language)[:max_sentences]
        return Summary(tuple(sentences), "abstractive", self.engine.name)

    def _generate(self, chunks: list[str]) -> list[str]:
        if not chunks:  # an article without text: nothing to ask the model
            return []
        prompts = [render_prompt(self.prompt, article=chunk) for chunk in chunks]
        return self.engine.generate(prompts, self.max_new_tokens, self.num_beams)
