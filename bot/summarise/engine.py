"""The engine seam: a summariser says *what* to generate, an engine says *how*.

`HFEngine` runs transformers models; `ct2.CT2Engine` runs the same checkpoints converted for
CTranslate2. Both read the Hugging Face tokenizer and config, so token counts, windows and
chat prompts are the same whichever engine generates. `load_engine` picks, loads once per
process and puts a `Batcher` in front, so concurrent jobs share model calls.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from bot.errors import ModelUnavailable
from bot.summarise.models import ModelKind, Progress, first_line, gguf_location, resolve_device
from bot.summarise.tokens import decoder_budget, input_window, tidy, token_counter

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger(__name__)

Backend = Literal["transformers", "ctranslate2"]


class Engine(Protocol):
    """Tokens in, text out; one call may carry many prompts (all chunks, several articles)."""

    name: str
    kind: ModelKind
    backend: Backend
    compute_type: str
    config: Any  # the model's Hugging Face config (model_type, positions)

    def count_tokens(self, text: str) -> int:
        """Tokens of `text` as the model sees it, without special tokens."""
        ...

    def window(self, cap: int) -> int:
        """Input tokens one prompt may use, special tokens excluded, at most `cap`."""
        ...

    def new_tokens(self, requested: int) -> int:
        """`requested` new tokens, or fewer if the model's positions cannot hold them."""
        ...

    def chat_prompt(self, text: str) -> str:
        """`text` as a user turn in the model's chat template (itself if it has none)."""
        ...

    def generate(self, prompts: Sequence[str], max_new_tokens: int, beams: int) -> list[str]:
        """One output per prompt, generated together."""
        ...


class TokenizerEngine:
    """What both engines share: the Hugging Face tokenizer and config, and decoding settings."""

    backend: Backend

    def __init__(
        self,
        name: str,
        kind: ModelKind,
        tokenizer: Any,
        config: Any,
        generation_config: Any,
        compute_type: str,
        min_new_tokens: int = 0,
    ) -> None:
        self.name, self.kind, self.tokenizer, self.config = name, kind, tokenizer, config
        self.compute_type = compute_type
        self.min_new_tokens = min_new_tokens
        # A fast tokenizer keeps its padding and truncation as one state that every call sets:
        # a worker thread counting tokens (no padding) while the batcher's thread encodes a
        # padded batch left that batch unpadded ("Unable to create tensor"). One call at a time.
        self.tokenizing = threading.Lock()
        counter = token_counter(tokenizer)

        def count_tokens(text: str) -> int:
            with self.tokenizing:
                return counter(text)

        self.count_tokens = count_tokens
        # Summarisers size their prompts; this only cuts what would overrun the model itself.
        self.max_input = input_window(tokenizer, config, cap=1_000_000)
        self.has_template = bool(getattr(tokenizer, "chat_template", None))
        defaults = generation_config
        self.no_repeat_ngram_size = getattr(defaults, "no_repeat_ngram_size", 0) or 0
        if kind == "seq2seq" and not self.no_repeat_ngram_size:
            self.no_repeat_ngram_size = 3  # repeated phrases are the commonest failure
        self.length_penalty = float(getattr(defaults, "length_penalty", 1.0) or 1.0)
        self.model_min_length = int(getattr(defaults, "min_length", 0) or 0)
        if kind == "chat" and tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token  # many chat tokenizers have none
        tokenizer.padding_side = "left" if kind == "chat" else "right"

    def window(self, cap: int) -> int:
        limit = input_window(self.tokenizer, self.config, cap)
        if self.kind == "seq2seq":
            return limit - self.tokenizer.num_special_tokens_to_add()
        return limit

    def new_tokens(self, requested: int) -> int:
        if self.kind == "seq2seq":
            return decoder_budget(self.config, requested)
        return requested

    def chat_prompt(self, text: str) -> str:
        if not self.has_template:
            return text
        messages = [{"role": "user", "content": text}]
        prompt = self.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, tokenize=False
        )
        return str(prompt)

    def min_tokens(self, max_new_tokens: int) -> int:
        """At least NEWSBOT_MIN_NEW_TOKENS, and the model's own minimum when it fits."""
        if self.min_new_tokens:
            return min(self.min_new_tokens, max_new_tokens)
        if self.kind == "seq2seq" and self.model_min_length:
            # e.g. distilbart's 56 with a small max_new_tokens: keep half the room.
            fits = self.model_min_length < max_new_tokens
            return self.model_min_length if fits else max_new_tokens // 2
        return 0

    def tokenize(self, prompts: Sequence[str], **options: Any) -> Any:
        """The tokenizer on prompts, cut at the model's limit (chat templates carry their own
        special tokens), one call at a time (see `tokenizing`)."""
        specials = self.kind == "seq2seq" or not self.has_template
        with self.tokenizing:
            return self.tokenizer(
                list(prompts),
                add_special_tokens=specials,
                truncation=True,
                max_length=self.max_input,
                **options,
            )

    def encode(self, prompts: Sequence[str]) -> list[list[int]]:
        """Token ids of each prompt, cut at the model's limit."""
        return [list(ids) for ids in self.tokenize(prompts)["input_ids"]]

    def decode(self, ids: Sequence[int]) -> str:
        return tidy(self.tokenizer.decode(list(ids), skip_special_tokens=True))


class HFEngine(TokenizerEngine):
    """transformers `generate`: padded batches, inference mode, SDPA attention."""

    backend: Backend = "transformers"

    def __init__(self, name: str, kind: ModelKind, tokenizer: Any, model: Any, **kw: Any) -> None:
        super().__init__(name, kind, tokenizer, model.config, model.generation_config, **kw)
        self.model = model
        self.device = str(next(model.parameters()).device) if _has_parameters(model) else "cpu"

    def generate(self, prompts: Sequence[str], max_new_tokens: int, beams: int) -> list[str]:
        import torch
        from torch.nn.attention import SDPBackend, sdpa_kernel

        inputs = self.tokenize(prompts, padding=True, return_tensors="pt").to(self.device)
        kwargs: dict[str, Any] = {
            "num_beams": beams,
            "max_new_tokens": max_new_tokens,
            "min_new_tokens": self.min_tokens(max_new_tokens),
            "do_sample": False,  # the same article gives the same summary
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "pad_token_id": self.tokenizer.pad_token_id,
        }
        if beams > 1:
            kwargs["early_stopping"] = True
        # Not cuDNN's attention: it builds a graph for each new batch size, 3.5 s per size on
        # an H200 (84% of such a call), and the batcher's batches vary in size. Flash and
        # memory-efficient attention need no set-up; the CPU never used cuDNN.
        attention = [SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.MATH]
        with torch.inference_mode(), sdpa_kernel(attention):
            output = self.model.generate(**inputs, **kwargs)
        if self.kind == "chat":  # left-padded: every prompt ends at the same column
            output = output[:, inputs["input_ids"].shape[1] :]
        return [self.decode(row) for row in output.tolist()]


def _has_parameters(model: Any) -> bool:
    return any(True for _ in model.parameters())


def torch_dtype(compute_type: str, device: str) -> tuple[str, bool]:
    """The torch dtype name for `compute_type` on `device`, and whether to quantise to int8."""
    on_gpu = device.startswith("cuda")
    if compute_type == "auto":
        if not on_gpu:
            return "float32", False
        import torch

        return ("bfloat16" if torch.cuda.is_bf16_supported() else "float16"), False
    if compute_type.startswith("int8"):
        # Dynamic int8 quantisation is a CPU kernel; on a GPU half precision is the fast path.
        return ("float16", False) if on_gpu else ("float32", True)
    if compute_type in ("float16", "bfloat16", "float32"):
        return compute_type, False
    raise ModelUnavailable(f"NEWSBOT_COMPUTE_TYPE {compute_type!r} is not one transformers runs.")


def load_hf(name: str, folder: Path, kind: ModelKind, device: str, **kw: Any) -> HFEngine:
    """A transformers model on `device` in the dtype `compute_type` asks for."""
    import torch
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the CLI shows its own progress line
    dtype, quantise = torch_dtype(kw.get("compute_type", "auto"), device)
    auto_model = AutoModelForSeq2SeqLM if kind == "seq2seq" else AutoModelForCausalLM
    # A GGUF file carries weights, tokenizer and chat template; transformers dequantises it.
    gguf = gguf_location(name)
    extra = {"gguf_file": gguf[1]} if gguf else {}
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, **extra)
        model = auto_model.from_pretrained(
            folder, dtype=getattr(torch, dtype), attn_implementation="sdpa", **extra
        )
    except (OSError, ValueError, KeyError, ImportError, RuntimeError) as err:
        raise ModelUnavailable(
            f"Could not load {name} as a {kind} model: {first_line(err)}"
        ) from err
    model = model.to(device).eval()
    if quantise:
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        kw["compute_type"] = "int8"
    else:
        kw["compute_type"] = dtype
    return HFEngine(name, kind, tokenizer, model, **kw)


_ENGINES: dict[tuple[str, ...], Any] = {}
_LOAD_LOCK = threading.Lock()


def load_engine(
    name: str, folder: Path, kind: ModelKind, settings: Settings, progress: Progress | None = None
) -> Any:
    """The batched engine for `name`, loaded once per process and settings that matter."""
    from bot.summarise.batcher import Batcher

    device = resolve_device(settings.device)
    key = (name, kind, device, settings.engine, settings.compute_type, str(settings.min_new_tokens))
    with _LOAD_LOCK:  # two Slack workers asking at once must not load it twice
        if key not in _ENGINES:
            if progress:
                progress(f"Loading {name}…")
            engine = _load(name, folder, kind, device, settings)
            _ENGINES[key] = Batcher(engine, settings.max_batch, settings.batch_wait_s)
        return _ENGINES[key]


def _load(name: str, folder: Path, kind: ModelKind, device: str, settings: Settings) -> Engine:
    kw: dict[str, Any] = {
        "compute_type": settings.compute_type,
        "min_new_tokens": settings.min_new_tokens,
    }
    if settings.engine != "transformers":
        from bot.summarise import ct2

        # The converter reads Hugging Face checkpoints only (and loading it costs seconds).
        why_not = "it is a GGUF file" if gguf_location(name) else ct2.cannot_run(folder, device)
        if why_not is None:
            try:
                return ct2.load_ct2(name, folder, kind, device, **kw)
            except ModelUnavailable as err:
                if settings.engine == "ctranslate2":
                    raise
                why_not = err.message
        if settings.engine == "ctranslate2":
            raise ModelUnavailable(f"CTranslate2 cannot run {name}: {why_not}.")
        log.info("using transformers for %s: %s", name, why_not)
    return load_hf(name, folder, kind, device, **kw)


def prepare(folder: Path, settings: Settings) -> Path | None:
    """Convert a freshly pulled model for CTranslate2 now, so the first start is quick.

    None when the settings or the model keep to transformers; the converted folder otherwise.
    """
    if settings.engine == "transformers":
        return None
    from bot.summarise import ct2

    device = resolve_device(settings.device)
    why_not = ct2.cannot_run(folder, device)
    if why_not is not None:
        if settings.engine == "ctranslate2":
            raise ModelUnavailable(f"CTranslate2 cannot run {folder}: {why_not}.")
        return None
    return ct2.convert(folder, ct2.resolve_compute_type(settings.compute_type, device))
