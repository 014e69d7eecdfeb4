"""The benchmark's inputs are what it claims: real vocabulary sizes, articles of N tokens."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.bench import SHAPES, _tokenizer, article_sentences, shape


@pytest.mark.parametrize("name", SHAPES)
def test_shapes_are_configs_of_the_real_models(name: str) -> None:
    values = shape(name)
    assert values["vocab_size"] in (50264, 32128)
    assert values["model_type"] in ("bart", "t5")


def test_the_article_is_exactly_the_asked_number_of_tokens() -> None:
    config = SimpleNamespace(model_type="bart", vocab_size=50264)
    tokenizer = _tokenizer(config)
    assert len(tokenizer) == config.vocab_size  # the converter's vocabulary matches the model
    text = " ".join(article_sentences(900, config.vocab_size, seed=0))
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    assert len(ids) == 900 and tokenizer.unk_token_id not in ids
    assert tokenizer(text)["input_ids"][0] == tokenizer.bos_token_id  # <s> … </s> like BART
