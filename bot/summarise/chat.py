"""Instruction-tuned causal LMs: fill `prompts/chat-summary.txt`, generate, keep the reply."""

from __future__ import annotations

import re
from typing import Any

from bot.article import Article, split_sentences
from bot.prompts import render_prompt
from bot.summarise.base import Summary
from bot.summarise.models import LoadedModel
from bot.summarise.seq2seq import article_sentences, chunk_by_tokens, input_window, token_counter

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

    def __init__(self, loaded: LoadedModel, max_new_tokens: int = 142) -> None:
        self.loaded = loaded
        self.count_tokens = token_counter(loaded.tokenizer)
        window = input_window(loaded.tokenizer, loaded.model.config, cap=MAX_WINDOW)
        # Prompt and reply share the model's positions: the reply gets at most half of them.
        self.max_new_tokens = min(max_new_tokens, window // 2)
        overhead = len(self._encode(self._prompt(Article(paragraphs=()), "", 3))["input_ids"][0])
        self.article_window = max(16, window - overhead - self.max_new_tokens)

    def summarise(self, article: Article, max_sentences: int = 3) -> Summary:
        """One prompt with the article (its opening, if longer than the window), one reply."""
        sentences = article_sentences(article)
        chunks = chunk_by_tokens(sentences, self.article_window, self.count_tokens)
        warnings: tuple[str, ...] = ()
        if len(chunks) > 1:
            warnings = (LONG_ARTICLE,)
        inputs = self._encode(self._prompt(article, chunks[0] if chunks else "", max_sentences))
        reply = self._reply(inputs)
        kept = reply_sentences(reply, article.language or "en")[:max_sentences]
        return Summary(tuple(kept), "abstractive", self.loaded.name, warnings)

    def _prompt(self, article: Article, text: str, max_sentences: int) -> str:
        return render_prompt(
            PROMPT,
            article=text,
            title=article.title or "",
            max_sentences=max_sentences,
            max_words=max_sentences * WORDS_PER_SENTENCE,
        )

    def _encode(self, prompt: str) -> Any:
        tokenizer = self.loaded.tokenizer
        if getattr(tokenizer, "chat_template", None):
            messages = [{"role": "user", "content": prompt}]
            inputs = tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
        else:
            inputs = tokenizer(prompt, return_tensors="pt")
        return inputs.to(self.loaded.device)

    def _reply(self, inputs: Any) -> str:
        tokenizer, model = self.loaded.tokenizer, self.loaded.model
        output = model.generate(
            **inputs,
            max_new_tokens=self.max_new_tokens,
            do_sample=False,  # the same article gives the same summary
            num_beams=1,
            pad_token_id=_pad_id(tokenizer),
        )
        prompt_length = inputs["input_ids"].shape[1]
        return tokenizer.decode(output[0][prompt_length:], skip_special_tokens=True)


def _pad_id(tokenizer: Any) -> int | None:
    """Many chat tokenizers have no pad token; generate() then wants the end token instead."""
    return tokenizer.eos_token_id if tokenizer.pad_token_id is None else tokenizer.pad_token_id
