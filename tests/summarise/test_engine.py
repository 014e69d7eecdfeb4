"""The engine seam: one call per article, shared calls across jobs, CTranslate2 conversion."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.article import Article
from bot.summarise.batcher import Batcher, observe_batches
from bot.summarise.seq2seq import Seq2SeqSummariser
from tests.summarise.articles import long_article

WAIT_S = 10.0  # a deadline for conditions, never a sleep


class RecordingEngine:
    """Counts words as tokens and answers each prompt with its first sentence; records calls."""

    name, kind, backend, compute_type = "fake", "seq2seq", "transformers", "float32"
    config = SimpleNamespace(model_type="bart")

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.calls: list[list[str]] = []
        self.gate = gate
        self.busy = threading.Event()  # a call has started (and waits for the gate)

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def window(self, cap: int) -> int:
        return 60

    def new_tokens(self, requested: int) -> int:
        return requested

    def chat_prompt(self, text: str) -> str:
        return text

    def generate(self, prompts: Sequence[str], max_new_tokens: int, beams: int) -> list[str]:
        self.busy.set()
        if self.gate is not None:
            assert self.gate.wait(WAIT_S)
        self.calls.append(list(prompts))
        return [p.split(". ")[0].rstrip(".") + "." for p in prompts]


def test_all_chunks_of_an_article_go_in_one_call() -> None:
    engine = RecordingEngine()
    summariser = Seq2SeqSummariser(engine, num_beams=1, max_new_tokens=10)
    article = long_article()
    chunks = summariser.plan_chunks(article)
    assert len(chunks) > 1
    summariser.summarise(article, 40)  # enough sentences: no second round
    assert engine.calls == [chunks]


def test_concurrent_jobs_share_one_model_call() -> None:
    engine = RecordingEngine()
    # A long wait, but a full batch goes at once: the test does not depend on timing.
    batcher = Batcher(engine, max_batch=4, max_wait_s=WAIT_S)
    results: dict[int, list[str]] = {}

    def job(i: int) -> None:
        results[i] = batcher.generate([f"Article {i} says this. More."], 10, 1)

    threads = [threading.Thread(target=job, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_S)
    assert len(engine.calls) == 1 and len(engine.calls[0]) == 4
    assert results == {i: [f"Article {i} says this."] for i in range(4)}  # each its own answer


def test_observers_hear_how_many_jobs_shared_each_call() -> None:
    heard: list[tuple[int, int]] = []
    done = threading.Event()

    def observer(jobs: int, prompts: int) -> None:
        heard.append((jobs, prompts))
        done.set()

    stop = observe_batches(observer)
    try:
        batcher = Batcher(RecordingEngine(), max_batch=3, max_wait_s=WAIT_S)
        threads = [
            threading.Thread(target=batcher.generate, args=([f"A{i}.", f"B{i}."][: i + 1], 9, 1))
            for i in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(WAIT_S)
        assert done.wait(WAIT_S)
    finally:
        stop()
    assert heard == [(2, 3)]  # two jobs' requests, three prompts, one call


def test_requests_queued_while_the_model_is_busy_share_the_next_call() -> None:
    gate = threading.Event()
    engine = RecordingEngine(gate)
    batcher = Batcher(engine, max_batch=8, max_wait_s=0)
    first = threading.Thread(target=batcher.generate, args=(["First one."], 10, 1))
    first.start()
    assert engine.busy.wait(WAIT_S)  # the model is busy with the first request
    later = [
        threading.Thread(target=batcher.generate, args=([f"Later {i}."], 10, 1)) for i in range(3)
    ]
    for thread in later:
        thread.start()
    deadline = time.monotonic() + WAIT_S
    while batcher.waiting() < 3:  # all three wait behind the busy model (no luck involved)
        assert time.monotonic() < deadline, "the requests were not queued"
        time.sleep(0.001)
    gate.set()
    for thread in [first, *later]:
        thread.join(WAIT_S)
    assert engine.calls[0] == ["First one."]
    assert sorted(engine.calls[1]) == ["Later 0.", "Later 1.", "Later 2."]  # one call for all
    assert len(engine.calls) == 2


def test_an_engine_error_reaches_every_waiting_job() -> None:
    class Broken(RecordingEngine):
        def generate(self, prompts: Sequence[str], max_new_tokens: int, beams: int) -> list[str]:
            raise RuntimeError("out of memory")

    batcher = Batcher(Broken(), max_batch=2, max_wait_s=0)
    with pytest.raises(RuntimeError, match="out of memory"):
        batcher.generate(["One."], 10, 1)
    with pytest.raises(RuntimeError, match="out of memory"):  # the batching thread lives on
        batcher.generate(["Two."], 10, 1)


def test_ctranslate2_conversion_is_cached_beside_the_model(tiny_bart: Path) -> None:
    from bot.summarise.ct2 import CONVERTED, convert

    converted = convert(tiny_bart, "int8")
    assert converted == tiny_bart / CONVERTED.format(quantization="int8")
    stamp = (converted / "model.bin").stat().st_mtime_ns
    assert convert(tiny_bart, "int8") == converted
    assert (converted / "model.bin").stat().st_mtime_ns == stamp  # found, not converted again
    assert not [p for p in tiny_bart.iterdir() if p.name.startswith(".converting-")]


def test_ctranslate2_takes_the_cores_omp_num_threads_gives_it(monkeypatch) -> None:
    from bot.summarise.ct2 import threads_per_model

    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    assert threads_per_model() == 3
    monkeypatch.setenv("OMP_NUM_THREADS", "all")  # not a count: every core the process may use
    assert threads_per_model() == len(os.sched_getaffinity(0))


def test_both_engines_write_the_same_tokens_at_the_same_precision(tiny_bart: Path) -> None:
    from bot.config import Settings
    from bot.summarise.engine import load_engine

    outputs = []
    for engine in ("transformers", "ctranslate2"):
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, engine=engine, compute_type="float32", device="cpu", min_new_tokens=8
        )
        loaded = load_engine(str(tiny_bart), tiny_bart, "seq2seq", settings)
        assert loaded.backend == engine
        outputs.append(loaded.generate(["The council approved a plan for 12 bridges."], 8, 1))
    assert outputs[0] == outputs[1]


def test_an_empty_article_needs_no_model_call() -> None:
    engine = RecordingEngine()
    summary = Seq2SeqSummariser(engine).summarise(Article(paragraphs=()), 3)
    assert summary.sentences == () and engine.calls == []


def test_pull_converts_for_ctranslate2_once(
    tiny_bart: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from bot.cli import main
    from bot.summarise.ct2 import CONVERTED

    folder = tmp_path / "model"
    shutil.copytree(tiny_bart, folder, ignore=shutil.ignore_patterns("ctranslate2-*"))
    monkeypatch.setenv("NEWSBOT_DEVICE", "cpu")
    monkeypatch.delenv("NEWSBOT_ENGINE", raising=False)
    assert main(["models", "pull", str(folder)]) == 0
    assert (folder / CONVERTED.format(quantization="int8") / "model.bin").is_file()


def test_transformers_int8_on_a_cpu_is_dynamic_quantisation(tiny_bart: Path) -> None:
    import torch

    from bot.config import Settings
    from bot.summarise.engine import load_engine

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, engine="transformers", compute_type="int8", device="cpu"
    )
    loaded = load_engine(str(tiny_bart), tiny_bart, "seq2seq", settings)
    assert loaded.compute_type == "int8"
    quantised = torch.ao.nn.quantized.dynamic.Linear
    assert any(isinstance(m, quantised) for m in loaded.engine.model.modules())
    (output,) = loaded.generate(["The council approved a plan."], 6, 2)
    assert isinstance(output, str)
