"""Token counting and chunking that every engine and summariser shares."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from bot.article import Article

CountTokens = Callable[[str], int]

#: Longest input we feed at once. BART/Pegasus were trained on 1,024 positions; T5's relative
#: positions accept more, but quality falls and CPU time grows quadratically past its 512.
MAX_WINDOW = 1024


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
