"""Splitting long articles by tokens, on sentence boundaries."""

from __future__ import annotations

from types import SimpleNamespace

from bot.summarise.tokens import chunk_by_tokens, input_window


def words(text: str) -> int:
    return len(text.split())


def test_chunks_stay_within_the_limit_and_keep_sentences_whole() -> None:
    sentences = [f"Sentence number {i} has six words." for i in range(10)]
    chunks = chunk_by_tokens(sentences, max_tokens=20, count_tokens=words)
    assert len(chunks) == 4  # three sentences (18 words) fit in 20
    assert all(words(c) <= 20 for c in chunks)
    assert " ".join(chunks) == " ".join(sentences)  # nothing lost, nothing reordered


def test_short_text_is_one_chunk() -> None:
    assert chunk_by_tokens(["One.", "Two."], max_tokens=100, count_tokens=words) == ["One. Two."]


def test_a_sentence_longer_than_the_window_is_split_by_words() -> None:
    long_sentence = " ".join(["word"] * 25)
    chunks = chunk_by_tokens([long_sentence, "Short one."], max_tokens=10, count_tokens=words)
    assert [words(c) for c in chunks] == [10, 10, 7]


def test_window_is_the_smallest_declared_limit() -> None:
    tokenizer = SimpleNamespace(model_max_length=int(1e30))  # "no limit" sentinel
    assert input_window(tokenizer, SimpleNamespace(max_position_embeddings=1024)) == 1024
    assert input_window(SimpleNamespace(model_max_length=512), SimpleNamespace()) == 512
    assert input_window(tokenizer, SimpleNamespace(max_position_embeddings=32768)) == 1024
    assert input_window(tokenizer, SimpleNamespace()) == 512
