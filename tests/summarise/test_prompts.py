"""Prompt templates: named variables, and clear errors when one is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import PromptError
from bot.prompts import PROMPTS_ENV, load_prompt, prompts_dir, render_prompt


def test_t5_prompt_has_its_task_prefix() -> None:
    assert render_prompt("t5", article="Text.") == "summarize: Text."


def test_chat_prompt_fills_every_variable() -> None:
    prompt = render_prompt(
        "chat-summary", article="Body text.", title="Headline", max_sentences=3, max_words=75
    )
    assert "Body text." in prompt and "Headline" in prompt and "75" in prompt
    assert "$" not in prompt


def test_missing_variable_is_an_error_naming_it() -> None:
    with pytest.raises(PromptError, match=r"\$max_words"):
        render_prompt("chat-summary", article="x", title="t", max_sentences=3)


def test_unknown_template_is_an_error() -> None:
    with pytest.raises(PromptError, match="no-such-prompt"):
        load_prompt("no-such-prompt")


def test_dollar_signs_in_the_article_are_kept() -> None:
    assert render_prompt("seq2seq", article="It cost $5m.") == "It cost $5m."


def test_prompts_folder_can_be_overridden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t5.txt").write_text("condense: $article\n", encoding="utf-8")
    monkeypatch.setenv(PROMPTS_ENV, str(tmp_path))
    assert prompts_dir() == tmp_path
    assert render_prompt("t5", article="x") == "condense: x"
