"""`newsbot bench` / `python -m bot.bench`: how fast the local model runs, as ratios.

Random weights in real shapes (configs in `bot/data/shapes/`), a word-level tokenizer with
the real vocabulary size, and a 900-token article of random words: no download, and every
engine generates the same number of tokens (min = max new tokens). Each measurement runs in
its own process, so peak RSS is that path's own; the paths are interleaved round by round so
a busy machine slows them alike. Absolute times depend on the machine; the ratios are the result.

`--device cuda` runs every path on the GPU (the engine's compute type stays `auto`: bf16 or
fp16 there; the baseline keeps the pipeline's own fp32). On a GPU each timed call follows one
untimed call, which pays for loading kernels; a path that cannot run there (CTranslate2 without
a CUDA build) is reported as unavailable.

The baseline is `transformers.pipeline("summarization")`; transformers 5 removed that task,
and then the baseline is what the pipeline did (tokenise with truncation, `generate` under
`no_grad`, decode) — the same work with the model's own generation defaults.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

SHAPES = ("distilbart-cnn-12-6", "bart-large-cnn", "t5-small")
PATHS = ("pipeline", "transformers", "ctranslate2")
#: Keys of the shape files that are decoding defaults, not architecture.
GENERATION_KEYS = (
    "min_length",
    "max_length",
    "num_beams",
    "length_penalty",
    "no_repeat_ngram_size",
    "early_stopping",
    "forced_bos_token_id",
    "forced_eos_token_id",
    "decoder_start_token_id",
)
WORDS_PER_SENTENCE = 19  # and a "." token: 20 tokens a sentence


def shape(name: str) -> dict[str, Any]:
    """The config of a real model, without its weights."""
    text = files("bot").joinpath("data", "shapes", f"{name}.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def build(name: str, root: Path) -> Path:
    """A seeded random-weight model of shape `name` and a tokenizer of its vocabulary size."""
    folder = root / name
    if (folder / "config.json").is_file():
        return folder
    import torch
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, GenerationConfig

    values = shape(name)
    generation = {k: values.pop(k) for k in GENERATION_KEYS if k in values}
    config = AutoConfig.for_model(values.pop("model_type"), **values)
    config.decoder_start_token_id = generation["decoder_start_token_id"]
    torch.manual_seed(0)
    model = AutoModelForSeq2SeqLM.from_config(config)
    model.generation_config = GenerationConfig(**generation)
    scratch = root / f".{name}.building"
    model.save_pretrained(scratch)
    _tokenizer(config).save_pretrained(scratch)
    scratch.rename(folder)
    return folder


def _tokenizer(config: Any) -> Any:
    """Whitespace words "w<id>" and "." with the model's special tokens where it expects them."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    t5 = config.model_type == "t5"
    specials = ["<pad>", "</s>", "<unk>"] if t5 else ["<s>", "<pad>", "</s>", "<unk>"]
    vocab = {token: i for i, token in enumerate([*specials, "."])}
    vocab.update({f"w{i}": i for i in range(len(vocab), config.vocab_size)})
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    template = "$A </s>" if t5 else "<s> $A </s>"
    pairs = [(t, vocab[t]) for t in ("<s>", "</s>") if t in vocab]
    core.post_processor = processors.TemplateProcessing(single=template, special_tokens=pairs)
    return PreTrainedTokenizerFast(
        tokenizer_object=core,
        pad_token="<pad>",
        eos_token="</s>",
        unk_token="<unk>",
        bos_token=None if t5 else "<s>",
        model_max_length=512 if t5 else 1024,
    )


def article_sentences(tokens: int, vocab_size: int, seed: int) -> list[str]:
    """Sentences of random words, `tokens` tokens in all."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(tokens // (WORDS_PER_SENTENCE + 1)):
        words = [f"w{rng.randrange(5, vocab_size)}" for _ in range(WORDS_PER_SENTENCE)]
        sentences.append(" ".join([*words, "."]))
    return sentences


# -- one measurement per process ---------------------------------------------------------------


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM).

    Not `getrusage`'s ru_maxrss: Linux carries a forked parent's peak across exec into it,
    so every worker would report at least the runner's peak (it builds the models).
    """
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    import resource  # not Linux: the best figure there is

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024  # bytes on macOS


def _peak_gpu_mb() -> float | None:
    """The GPU memory torch allocated at most in this process, or None without a GPU."""
    if "torch" not in sys.modules:
        return None
    import torch

    if not torch.cuda.is_initialized():
        return None
    return float(torch.cuda.max_memory_allocated()) / 2**20


def _summariser(folder: Path, engine: str, job: dict[str, Any]) -> Any:
    from bot.config import Settings
    from bot.summarise import make_summariser

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        summariser="seq2seq",
        model=str(folder),
        device=job["device"],
        engine=engine,
        num_beams=job["beams"],
        max_new_tokens=job["new_tokens"],
        min_new_tokens=job["new_tokens"],
        max_batch=job.get("max_batch", 16),
    )
    return make_summariser(settings).inner  # type: ignore[attr-defined]


def _article(job: dict[str, Any], seed: int) -> Any:
    from bot.article import Article

    sentences = article_sentences(job["tokens"], job["vocab_size"], seed)
    return Article(paragraphs=(" ".join(sentences),), sentences=tuple(sentences), language="en")


def _baseline(folder: Path, job: dict[str, Any]) -> tuple[str, Any]:
    """`pipeline("summarization")`, or its recipe where transformers no longer has the task."""
    text = " ".join(article_sentences(job["tokens"], job["vocab_size"], 0))
    if job["model_type"] == "t5":
        text = "summarize: " + text  # the pipeline's prefix from T5's task_specific_params
    length = {"min_new_tokens": job["new_tokens"], "max_new_tokens": job["new_tokens"]}
    try:
        from transformers import pipeline

        task: Any = "summarization"  # gone from transformers 5's typed task list
        summarize = pipeline(task, model=str(folder), device=job["device"])
        return "transformers.pipeline", lambda: summarize(
            text, num_beams=job["beams"], truncation=True, **length
        )
    except KeyError:  # transformers 5: "The task summarization has been removed"
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(folder)
        model = AutoModelForSeq2SeqLM.from_pretrained(folder).to(job["device"]).eval()

        def run() -> str:
            with torch.no_grad():
                inputs = tokenizer(text, truncation=True, return_tensors="pt").to(model.device)
                output = model.generate(**inputs, num_beams=job["beams"], **length)
            return str(tokenizer.decode(output[0], skip_special_tokens=True))

        return "pipeline recipe (task removed in transformers 5)", run


def worker(job: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in this process and return its figures."""
    folder = Path(job["folder"])
    if job["task"] == "prepare":  # convert for CTranslate2 here, not in a timed process
        from bot.errors import ModelUnavailable
        from bot.summarise.ct2 import cannot_run

        why_not = cannot_run(folder, job["device"])
        if why_not is None:
            try:
                _summariser(folder, "ctranslate2", job)
            except ModelUnavailable as err:
                why_not = err.message
        return {"ctranslate2": why_not}
    if job["task"] == "latency":
        if job["path"] == "pipeline":
            label, run = _baseline(folder, job)
        else:
            summariser, article = _summariser(folder, job["path"], job), _article(job, 0)
            label, run = summariser.engine.backend, lambda: summariser.summarise(article, 3)
        if job["device"] != "cpu":
            run()  # a GPU's first call loads kernels and sets up cuBLAS
        started = time.perf_counter()
        run()
        seconds = time.perf_counter() - started
        return {
            "seconds": seconds,
            "rss_mb": _peak_rss_mb(),
            "gpu_mb": _peak_gpu_mb(),
            "label": label,
        }
    summariser = _summariser(folder, job["path"], job)
    articles = [_article(job, seed) for seed in range(job["articles"])]
    if job["device"] != "cpu":
        summariser.summarise(_article(job, -1), 3)  # as above: kernels load outside the timing
    started = time.perf_counter()
    for article in articles:
        summariser.summarise(article, 3)
    one_at_a_time = time.perf_counter() - started

    def together() -> float:
        threads = [threading.Thread(target=summariser.summarise, args=(a, 3)) for a in articles]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - started

    if job["device"] != "cpu":
        # Kernels load on first use: time the second pass, as for one article. (A new batch
        # size no longer costs seconds: the engine does not use cuDNN's attention.)
        together()
    return {"one_at_a_time": one_at_a_time, "concurrent": together()}


def measure(job: dict[str, Any]) -> dict[str, Any]:
    """`worker(job)` in a fresh Python process (its own peak RSS)."""
    command = [sys.executable, "-m", "bot.bench", "--worker", json.dumps(job)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"bench worker failed: {result.stderr.strip()[-2000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


# -- the run -------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    root = Path(args.models).expanduser()
    root.mkdir(parents=True, exist_ok=True)
    shapes = args.shapes.split(",")
    jobs: dict[str, dict[str, Any]] = {}
    unavailable: dict[tuple[str, str], str] = {}  # (shape, path): why it cannot run here
    for name in shapes:
        folder = build(name, root)
        values = shape(name)
        jobs[name] = {
            "folder": str(folder),
            "model_type": values["model_type"],
            "vocab_size": values["vocab_size"],
            "tokens": args.tokens,
            "new_tokens": args.new_tokens,
            "beams": args.beams,
            "device": args.device,
        }
        why_not = measure({**jobs[name], "task": "prepare"})["ctranslate2"]
        if why_not:
            unavailable[(name, "ctranslate2")] = why_not
    print(
        f"# {args.tokens}-token article, {args.new_tokens} new tokens forced, beam {args.beams}, "
        f"{args.rounds} round(s), interleaved, on {args.device}; {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at start (others' work slows every path alike)"
    )
    latency: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for _ in range(args.rounds):
        for name in shapes:
            for path in PATHS:
                if (name, path) not in unavailable:
                    figures = measure({**jobs[name], "task": "latency", "path": path})
                    latency.setdefault((name, path), []).append(figures)
    _print_latency(shapes, latency, unavailable)
    if args.concurrency:
        _throughput(args, jobs[args.throughput_shape])
    return 0


def _print_latency(
    shapes: list[str],
    latency: dict[tuple[str, str], list[dict[str, Any]]],
    unavailable: dict[tuple[str, str], str],
) -> None:
    gpu = any(f["gpu_mb"] is not None for runs in latency.values() for f in runs)
    print(
        f"{'shape':22} {'path':14} {'seconds':>8} {'peak RSS MB':>12} {'speed-up':>9}"
        + (f" {'peak GPU MB':>12}" if gpu else "")
    )
    for name in shapes:
        base = statistics.median(f["seconds"] for f in latency[(name, "pipeline")])
        for path in PATHS:
            if (name, path) in unavailable:
                print(f"{name:22} {path:14} unavailable: {unavailable[(name, path)]}")
                continue
            runs = latency[(name, path)]
            seconds = statistics.median(f["seconds"] for f in runs)
            rss = max(f["rss_mb"] for f in runs)
            line = f"{name:22} {path:14} {seconds:8.2f} {rss:12.0f} {base / seconds:8.2f}x"
            if gpu:
                line += f" {max(f['gpu_mb'] or 0 for f in runs):12.0f}"
            print(line)
        print(f"{'':22} (pipeline = {latency[(name, 'pipeline')][0]['label']})")


def _throughput(args: argparse.Namespace, job: dict[str, Any]) -> None:
    print(f"\n# {args.throughput_shape}, engine auto: n articles at once vs one at a time")
    print(f"{'articles':>8} {'one at a time s':>16} {'concurrent s':>13} {'ratio':>7}")
    for count in (int(c) for c in args.concurrency.split(",")):
        figures = measure({**job, "task": "throughput", "path": "auto", "articles": count})
        one, together = figures["one_at_a_time"], figures["concurrent"]
        print(f"{count:8} {one:16.2f} {together:13.2f} {one / together:6.2f}x")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsbot bench", description=__doc__.splitlines()[0])
    p.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated model shapes")
    p.add_argument("--rounds", type=int, default=1, help="interleaved rounds (median is shown)")
    p.add_argument("--tokens", type=int, default=900, help="article length in tokens")
    p.add_argument("--new-tokens", type=int, default=80, help="tokens every path generates")
    p.add_argument("--beams", type=int, default=4)
    p.add_argument("--concurrency", default="1,4,16", help="article counts; empty to skip")
    p.add_argument("--throughput-shape", default=SHAPES[0])
    p.add_argument("--device", default="cpu", help="cpu, or cuda[:N]: where every path runs")
    p.add_argument("--models", default="~/.cache/newsbot/bench", help="where shapes are built")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker))))
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
