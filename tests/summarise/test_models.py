"""The real loader, chunking, generation and guard, run on tiny random-weight models.

Random weights write nonsense, so no test asserts wording: only what a user would notice.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import ModelUnavailable
from bot.summarise import GuardedSummariser, make_summariser, pull_model
from bot.summarise.chat import ChatSummariser
from bot.summarise.engine import load_engine
from bot.summarise.guard import FELL_BACK
from bot.summarise.seq2seq import Seq2SeqSummariser
from tests.summarise.articles import FLOOD, long_article

BOGUS_ID = "newsbot-tests/no-such-model"


ENGINES = ["transformers", "ctranslate2"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Every model test runs on both engines: they must behave the same to a user."""
    return str(request.param)


def model_settings(summariser: str, model: str, **extra: object) -> Settings:
    values: dict[str, object] = {
        "engine": "transformers",
        "summariser": summariser,
        "model": model,
        "device": "cpu",
        "num_beams": 2,
        "max_new_tokens": 12,
        "model_probe_timeout_s": 0.2,
    }
    return Settings(**values | extra, _env_file=None)  # type: ignore[arg-type]


def backend(summariser: object) -> object:
    assert isinstance(summariser, GuardedSummariser)  # model output is always guarded
    return summariser.inner


@pytest.mark.parametrize("fixture", ["tiny_t5", "tiny_bart"])
def test_seq2seq_model_loads_from_a_path(
    fixture: str, engine: str, request: pytest.FixtureRequest
) -> None:
    path = str(request.getfixturevalue(fixture))
    inner = backend(make_summariser(model_settings("seq2seq", path, engine=engine)))
    assert isinstance(inner, Seq2SeqSummariser)
    summary = inner.summarise(FLOOD, 3)
    assert summary.method == "abstractive"
    assert summary.model == path
    assert len(summary.sentences) <= 3


@pytest.mark.parametrize("fixture", ["tiny_bart", "tiny_chat"])
def test_default_reply_length_fits_a_small_model(
    fixture: str, engine: str, request: pytest.FixtureRequest
) -> None:
    # The tiny models have 128 positions, fewer than the default 142 new tokens: a model
    # with a short window must summarise, not crash past its position table. One chunk and
    # two beams show it: 12 chunks x 4 beams of a random model that never stops took 80-120 s.
    path = str(request.getfixturevalue(fixture))
    settings = model_settings("auto", path, max_new_tokens=142, num_beams=2, engine=engine)
    summary = backend(make_summariser(settings)).summarise(FLOOD, 3)  # type: ignore[attr-defined]
    assert summary.method == "abstractive" and summary.model == path


def test_auto_picks_the_backend_from_the_config(tiny_t5: Path, tiny_chat: Path) -> None:
    assert isinstance(
        backend(make_summariser(model_settings("auto", str(tiny_t5)))), Seq2SeqSummariser
    )
    assert isinstance(
        backend(make_summariser(model_settings("auto", str(tiny_chat)))), ChatSummariser
    )


def test_long_article_is_chunked_and_still_summarised(tiny_t5: Path, engine: str) -> None:
    inner = backend(make_summariser(model_settings("seq2seq", str(tiny_t5), engine=engine)))
    assert isinstance(inner, Seq2SeqSummariser)
    article = long_article()
    chunks = inner.plan_chunks(article)
    assert len(chunks) > 1
    assert all(inner.count_tokens(c) <= inner.window for c in chunks)
    assert " ".join(chunks) == " ".join(article.sentences)  # nothing left out
    summary = inner.summarise(article, 2)
    assert summary.method == "abstractive" and len(summary.sentences) <= 2


def test_chat_model_summarises_through_its_chat_template(tiny_chat: Path, engine: str) -> None:
    inner = backend(make_summariser(model_settings("chat", str(tiny_chat), engine=engine)))
    assert isinstance(inner, ChatSummariser)
    summary = inner.summarise(FLOOD, 2)
    assert summary.method == "abstractive" and summary.model == str(tiny_chat)
    assert len(summary.sentences) <= 2
    assert not any(
        "<|im_start|>" in s or "Summarise the news article" in s for s in summary.sentences
    )


@pytest.mark.parametrize("fixture", ["tiny_bart", "tiny_chat"])
def test_guarded_output_never_has_an_unknown_number_or_name(
    fixture: str, engine: str, request: pytest.FixtureRequest
) -> None:
    from bot.summarise.guard import Source, invents

    path = str(request.getfixturevalue(fixture))
    summary = make_summariser(model_settings("auto", path, engine=engine)).summarise(FLOOD, 3)
    if summary.method == "extractive":  # random weights: the guard may reject everything
        assert FELL_BACK in summary.warnings
    assert not any(invents(s, Source.of(FLOOD)) for s in summary.sentences)


def test_models_load_once_per_process(tiny_bart: Path, engine: str) -> None:
    settings = model_settings("seq2seq", str(tiny_bart), engine=engine)
    first = load_engine(str(tiny_bart), tiny_bart, "seq2seq", settings)
    again = backend(make_summariser(settings))
    assert isinstance(again, Seq2SeqSummariser)
    assert again.engine is first
    assert first.backend == engine


def test_missing_model_in_auto_falls_back_to_extractive_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    started = time.monotonic()
    summary = make_summariser(model_settings("auto", BOGUS_ID)).summarise(FLOOD, 2)
    assert time.monotonic() - started < 3
    assert summary.method == "extractive" and summary.sentences
    assert any(f"newsbot models pull {BOGUS_ID}" in w for w in summary.warnings)


def test_unreachable_hub_is_given_up_within_the_probe_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens on "discard"
    started = time.monotonic()
    summariser = make_summariser(model_settings("auto", BOGUS_ID, model_probe_timeout_s=0.5))
    assert time.monotonic() - started < 3
    assert summariser.summarise(FLOOD, 2).method == "extractive"


@pytest.mark.parametrize("kind", ["seq2seq", "chat"])
def test_explicit_backend_with_missing_model_is_an_error(
    kind: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailable, match="newsbot models pull"):
        make_summariser(model_settings(kind, BOGUS_ID))
    with pytest.raises(ModelUnavailable, match="no model folder"):
        make_summariser(model_settings(kind, str(tmp_path / "nothing-here")))


@pytest.mark.parametrize(
    "env", [{"HF_HUB_OFFLINE": "1"}, {"HF_HUB_OFFLINE": "0", "HF_ENDPOINT": "http://127.0.0.1:9"}]
)
def test_pull_says_why_it_cannot_download(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    started = time.monotonic()
    with pytest.raises(ModelUnavailable, match=f"Cannot download {BOGUS_ID}: .*Hub"):
        pull_model(BOGUS_ID)
    assert time.monotonic() - started < 3


def test_pull_of_a_local_folder_is_that_folder(tiny_bart: Path) -> None:
    assert pull_model(str(tiny_bart)) == tiny_bart


def test_asking_for_a_gpu_that_is_not_there_is_a_clear_error(tiny_bart: Path) -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    with pytest.raises(ModelUnavailable, match="no CUDA GPU"):
        make_summariser(model_settings("seq2seq", str(tiny_bart), device="cuda"))
