"""Instruction-tuned causal LMs: fill `prompts/chat-summary.txt`, generate, keep the reply."""

from __future__ import annotations

import re
from typing import Any

from bot.article import Article, split_sentences
from bot.prompts import render_prompt
from bot.summarise.base import Summary
from bot.summarise.tokens import article_sentences, chunk_by_tokens

PROMPT = "chat-summary"
#: Chat models declare windows of 32k+ tokens; on a CPU a news article never needs that many.
MAX_WINDOW = 4096
WORDS_PER_SENTENCE = 25
LONG_ARTICLE = "The article is longer than the model reads at once; the summary covers its opening."

_THINKING = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL)
_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+", re.MULTILINE)
_PREAMBLE = re.compile(r"^\s*(?:here is|here's|summary\b)[^\n]*:\s*$", re.IGNORECASE | re.MULTILINE)


def reply_sentences(reply: str, language: str = "en") -> list[str]:
    """The summary sentences in a model's reply, without thinking, preamble or list marks."""
    text = _THINKING.sub("", reply)
    text = _LIST_MARK.sub("", _PREAMBLE.sub("", text))
    lines = (line.strip() for line in text.splitlines())
    return [s for line in lines if line for s in split_sentences(line, language)]


class ChatSummariser:
    """Summarises with a chat model through its chat template (plain text if it has none)."""

    def __init__(self, engine: Any, max_new_tokens: int = 142) -> None:
        self.engine = engine
        self.count_tokens = engine.count_tokens
        window = engine.window(MAX_WINDOW)
        # Prompt and reply share the model's positions: the reply gets at most half of them.
        self.max_new_tokens = min(max_new_tokens, window // 2)
        overhead = self.count_tokens(self._prompt(Article(paragraphs=()), "", 3))
        self.article_window = max(16, window - overhead - self.max_new_tokens)

    def summarise(self, article: Article, max_sentences: int = 3) -> Summary:
        """One prompt with the article (its opening, if longer than the window), one reply."""
        sentences = article_sentences(article)
        chunks = chunk_by_tokens(sentences, self.article_window, self.count_tokens)
        warnings: tuple[str, ...] = ()
        if len(chunks) > 1:
            warnings = (LONG_ARTICLE,)
        prompt = self._prompt(article, chunks[0] if chunks else "", max_sentences)
        (reply,) = self.engine.generate([prompt], self.max_new_tokens, 1)
        kept = reply_sentences(reply, article.language or "en")[:max_sentences]
        return Summary(tuple(kept), "abstractive", self.engine.name, warnings)

    def _prompt(self, article: Article, text: str, max_sentences: int) -> str:
        """The filled template as a user turn of the model's chat template."""
        return self.engine.chat_prompt(
            render_prompt(
                PROMPT,
                article=text,
                title=article.title or "",
                max_sentences=max_sentences,
                max_words=max_sentences * WORDS_PER_SENTENCE,
            )
        )
