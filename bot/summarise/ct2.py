"""CTranslate2: the same checkpoints converted once (int8 on a CPU), cached beside the model.

On 2 CPU cores a distilbart-shaped model runs beam-4 about 4× faster in int8 here than
transformers in fp32, in about 40 % of the memory (see `python -m bot.bench`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.errors import ModelUnavailable
from bot.summarise.engine import Backend, TokenizerEngine
from bot.summarise.models import ModelKind, first_line

#: The folder name of a conversion, beside the model's own files.
CONVERTED = "ctranslate2-{quantization}"
_CONVERT_LOCK = threading.Lock()


class CT2Engine(TokenizerEngine):
    """A CTranslate2 `Translator` (encoder–decoder) or `Generator` (causal LM)."""

    backend: Backend = "ctranslate2"

    def __init__(
        self, name: str, kind: ModelKind, tokenizer: Any, config: Any, model: Any, **kw: Any
    ) -> None:
        super().__init__(name, kind, tokenizer, config, kw.pop("generation_config"), **kw)
        self.model = model

    def generate(self, prompts: Sequence[str], max_new_tokens: int, beams: int) -> list[str]:
        ids = self.encode(prompts)
        tokens = [self.tokenizer.convert_ids_to_tokens(row) for row in ids]
        common: dict[str, Any] = {
            "beam_size": beams,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "length_penalty": self.length_penalty,
            "max_batch_size": 0,  # one batch: the caller already grouped what goes together
        }
        if self.kind == "seq2seq":
            # transformers spends the last position on a forced end token (BART's
            # forced_eos_token_id); CTranslate2 would write one more word there instead.
            if getattr(self.config, "forced_eos_token_id", None) is not None:
                max_new_tokens = max(1, max_new_tokens - 1)
            results = self.model.translate_batch(
                tokens,
                max_decoding_length=max_new_tokens,
                min_decoding_length=self.min_tokens(max_new_tokens),
                **common,
            )
            outputs = [self.tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
        else:
            results = self.model.generate_batch(
                tokens,
                max_length=max_new_tokens,
                min_length=self.min_tokens(max_new_tokens),
                include_prompt_in_result=False,
                **common,
            )
            outputs = [r.sequences_ids[0] for r in results]
        return [self.decode(row) for row in outputs]


def cannot_run(folder: Path, device: str) -> str | None:
    """Why CTranslate2 cannot run the model in `folder` on `device`, or None if it can."""
    try:
        import ctranslate2
        from ctranslate2.converters import transformers as converters
        from transformers import AutoConfig
    except ImportError:
        return "the ctranslate2 package is not installed"
    if device.startswith("cuda") and ctranslate2.get_cuda_device_count() == 0:
        return "this ctranslate2 build sees no CUDA GPU"
    try:
        config = AutoConfig.from_pretrained(folder)
    except (OSError, ValueError) as err:  # transformers will say the same, as the user's error
        return f"its config cannot be read ({first_line(err)})"
    name = type(config).__name__
    if name not in converters._MODEL_LOADERS:  # the converter's own registry of families
        return f"it has no converter for {name}"
    return None


def resolve_compute_type(compute_type: str, device: str) -> str:
    """`auto` is int8 on a CPU and float16 on a GPU (int8_float16 halves GPU memory again)."""
    if compute_type != "auto":
        return compute_type
    return "float16" if device.startswith("cuda") else "int8"


def load_ct2(name: str, folder: Path, kind: ModelKind, device: str, **kw: Any) -> CT2Engine:
    """Convert `folder` once (cached beside it), load it, and wrap it with its HF tokenizer."""
    import ctranslate2
    from transformers import AutoConfig, AutoTokenizer

    compute_type = resolve_compute_type(kw.get("compute_type", "auto"), device)
    kw["compute_type"] = compute_type
    converted = convert(folder, compute_type)
    threads = threads_per_model()
    model_class = ctranslate2.Translator if kind == "seq2seq" else ctranslate2.Generator
    try:
        model = model_class(
            str(converted),
            device="cuda" if device.startswith("cuda") else "cpu",
            device_index=int(device.partition(":")[2] or 0),
            compute_type=compute_type,
            intra_threads=threads or 0,
        )
    except (ValueError, RuntimeError) as err:
        raise ModelUnavailable(f"CTranslate2 could not load {name}: {first_line(err)}") from err
    tokenizer = AutoTokenizer.from_pretrained(folder)
    config = AutoConfig.from_pretrained(folder)
    kw["generation_config"] = _generation_config(folder, config)
    return CT2Engine(name, kind, tokenizer, config, model, **kw)


def _generation_config(folder: Path, config: Any) -> Any:
    """The model's tuned decoding settings: `generation_config.json`, or older `config.json`."""
    from transformers import GenerationConfig

    try:
        return GenerationConfig.from_pretrained(folder)
    except OSError:
        return GenerationConfig.from_model_config(config)


def convert(folder: Path, compute_type: str) -> Path:
    """The CTranslate2 copy of `folder`, converted on first use; later calls only find it."""
    quantization = resolve_compute_type(compute_type, "cpu")
    target = converted_dir(folder, quantization)
    with _CONVERT_LOCK:
        if (target / "model.bin").is_file():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        # Convert into a temporary folder and rename: a crash or a second process never
        # leaves a half-written model where the next start would trust it.
        scratch = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
        try:
            _converter_class()(str(folder)).convert(
                str(scratch), quantization=quantization, force=True
            )
        except Exception as err:  # the converter raises whatever its model loaders raise
            shutil.rmtree(scratch, ignore_errors=True)
            raise ModelUnavailable(
                f"Could not convert {folder} for CTranslate2: {first_line(err)}"
            ) from err
        try:
            scratch.rename(target)
        except OSError:  # another process finished first: its copy is as good
            shutil.rmtree(scratch, ignore_errors=True)
    return target


def converted_dir(folder: Path, quantization: str) -> Path:
    """Beside the model when its folder is writable, else under the user's cache."""
    name = CONVERTED.format(quantization=quantization)
    if os.access(folder, os.W_OK):
        return folder / name
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newsbot" / "ct2"
    digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return base / digest / name


def _converter_class() -> Any:
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        """transformers 5 dropped `normalize_before` from BART-family configs."""

        def load_model(self, model_class: Any, name: str, **kwargs: Any) -> Any:
            model = super().load_model(model_class, name, **kwargs)
            if not hasattr(model.config, "normalize_before"):
                # BART is post-norm; mBART and Pegasus, the converter's other users, are pre-norm.
                model.config.normalize_before = model.config.model_type != "bart"
            return model

    return Converter


def threads_per_model() -> int:
    """OMP_NUM_THREADS when set (a worker's share of the cores, as torch reads it), else every
    core this process may use."""
    share = os.environ.get("OMP_NUM_THREADS", "")
    if share.isdigit() and int(share) > 0:
        return int(share)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0
