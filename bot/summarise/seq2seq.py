"""Encoder–decoder summarisers (T5/Flan-T5, BART, Pegasus): chunk by tokens, summarise, combine."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from bot.article import Article, split_sentences
from bot.prompts import has_prompt, render_prompt
from bot.summarise.base import Summary
from bot.summarise.models import LoadedModel

CountTokens = Callable[[str], int]

#: Longest input we feed at once. BART/Pegasus were trained on 1,024 positions; T5's relative
#: positions accept more, but quality falls and CPU time grows quadratically past its 512.
MAX_WINDOW = 1024
#: Rounds of summarising the partial summaries again before we just keep the first sentences.
MAX_REDUCE_ROUNDS = 2


def chunk_by_tokens(
    sentences: Sequence[str], max_tokens: int, count_tokens: CountTokens
) -> list[str]:
    """Join sentences into chunks of at most `max_tokens` tokens, breaking only between them."""
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    for sentence in sentences:
        for piece in _pieces(sentence, max_tokens, count_tokens):
            size = count_tokens(piece)
            if current and used + size > max_tokens:
                chunks.append(" ".join(current))
                current, used = [], 0
            current.append(piece)
            used += size
    if current:
        chunks.append(" ".join(current))
    return chunks


def _pieces(sentence: str, max_tokens: int, count_tokens: CountTokens) -> Iterator[str]:
    """The sentence itself, or word runs of it when it alone is over the limit."""
    if count_tokens(sentence) <= max_tokens:
        yield sentence
        return
    words: list[str] = []
    used = 0
    for word in sentence.split():
        size = count_tokens(word)
        if words and used + size > max_tokens:
            yield " ".join(words)
            words, used = [], 0
        words.append(word)
        used += size
    if words:
        yield " ".join(words)


def input_window(tokenizer: Any, config: Any, cap: int = MAX_WINDOW) -> int:
    """How many tokens the model reads at once: the smallest limit it declares, capped."""
    declared = (
        getattr(tokenizer, "model_max_length", None),
        getattr(config, "max_position_embeddings", None),
        getattr(config, "n_positions", None),
    )
    # Tokenizers without a limit report a huge sentinel (int(1e30)): not a real limit.
    limits = [v for v in declared if isinstance(v, int) and 0 < v < 1_000_000]
    return min([*limits, cap]) if limits else min(512, cap)


def decoder_budget(config: Any, max_new_tokens: int) -> int:
    """`max_new_tokens` within the decoder's learned positions (BART, Pegasus; T5 has none)."""
    limit = getattr(config, "max_position_embeddings", None)
    if isinstance(limit, int) and 0 < limit < 1_000_000:
        # Past the limit generation indexes beyond the position table and crashes; the
        # decoder's start token takes one position as well.
        return max(1, min(max_new_tokens, limit - 2))
    return max_new_tokens


def token_counter(tokenizer: Any) -> CountTokens:
    """Count the tokens of a text as the model will see it, without special tokens."""
    return lambda text: len(tokenizer(text, add_special_tokens=False)["input_ids"])


def tidy(text: str) -> str:
    """Undo tokenizer spacing: "said , 17 ." -> "said, 17."."""
    return re.sub(r"\s+([.,;:!?%)])", r"\1", " ".join(text.split()))


def article_sentences(article: Article) -> list[str]:
    """The article's sentences, or its paragraphs if it was built without sentences."""
    return list(article.sentences or article.paragraphs)


class Seq2SeqSummariser:
    """Summarises with an encoder–decoder model; long articles are chunked and combined."""

    def __init__(self, loaded: LoadedModel, num_beams: int = 4, max_new_tokens: int = 142) -> None:
        self.loaded = loaded
        config = loaded.model.config
        # A prompt named after the model type wins ("t5.txt": "summarize: $article").
        model_type = getattr(config, "model_type", "")
        self.prompt = model_type if has_prompt(model_type) else "seq2seq"
        self.count_tokens = token_counter(loaded.tokenizer)
        self.max_input = input_window(loaded.tokenizer, config)
        overhead = self.count_tokens(render_prompt(self.prompt, article=""))
        overhead += loaded.tokenizer.num_special_tokens_to_add()
        self.window = max(16, self.max_input - overhead)
        self.generate_kwargs = generation_settings(
            num_beams, decoder_budget(config, max_new_tokens), loaded.model.generation_config
        )

    def plan_chunks(self, article: Article) -> list[str]:
        """The pieces of the article the model will summarise one by one."""
        return chunk_by_tokens(article_sentences(article), self.window, self.count_tokens)

    def summarise(self, article: Article, max_sentences: int = 3) -> Summary:
        """Summarise each chunk, then the partial summaries, until few enough sentences."""
        language = article.language or "en"
        partials = [self._generate(chunk) for chunk in self.plan_chunks(article)]
        for _ in range(MAX_REDUCE_ROUNDS):
            sentences = split_sentences(" ".join(partials), language)
            if len(partials) <= 1 or len(sentences) <= max_sentences:
                break
            chunks = chunk_by_tokens(sentences, self.window, self.count_tokens)
            partials = [self._generate(chunk) for chunk in chunks]
        sentences = split_sentences(" ".join(partials), language)[:max_sentences]
        return Summary(tuple(sentences), "abstractive", self.loaded.name)

    def _generate(self, text: str) -> str:
        tokenizer, model = self.loaded.tokenizer, self.loaded.model
        prompt = render_prompt(self.prompt, article=text)
        inputs = tokenizer(prompt, return_tensors="pt", truncation=True, max_length=self.max_input)
        inputs = inputs.to(self.loaded.device)
        output = model.generate(**inputs, **self.generate_kwargs)
        return tidy(tokenizer.decode(output[0], skip_special_tokens=True))


def generation_settings(num_beams: int, max_new_tokens: int, defaults: Any) -> dict[str, Any]:
    """Generation keywords from settings, keeping the model's own tuned values otherwise."""
    kwargs: dict[str, Any] = {"num_beams": num_beams, "max_new_tokens": max_new_tokens}
    if num_beams > 1:
        kwargs["early_stopping"] = True
    if not getattr(defaults, "no_repeat_ngram_size", 0):
        kwargs["no_repeat_ngram_size"] = 3  # repeated phrases are the commonest failure
    min_length = getattr(defaults, "min_length", 0) or 0
    if min_length >= max_new_tokens:  # e.g. distilbart's 56 with a small max_new_tokens
        kwargs["min_length"] = max_new_tokens // 2
    return kwargs
