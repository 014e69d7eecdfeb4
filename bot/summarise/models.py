"""Finding, downloading and loading Hugging Face models, once per process.

`transformers`, `torch` and `huggingface_hub` are imported inside the functions that need
them: importing this module must stay cheap so the CLI starts fast.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bot.errors import ModelUnavailable

ModelKind = Literal["seq2seq", "chat"]
Progress = Callable[[str], None]

# Files a model needs to run from transformers; skips TF/Flax/ONNX/Rust copies of the weights.
_NEEDED_FILES = ["*.json", "*.txt", "*.model", "*.jinja", "*.tiktoken", "*.safetensors"]


@dataclass(frozen=True)
class LoadedModel:
    """A tokenizer and model ready to generate, and where they came from."""

    name: str  # the id or path as the user gave it
    kind: ModelKind
    device: str
    tokenizer: Any
    model: Any


_LOADED: dict[tuple[str, ModelKind, str], LoadedModel] = {}
_LOAD_LOCK = threading.Lock()


def pull_hint(model_id: str) -> str:
    """The command that gets `model_id` onto this machine."""
    return f"run `newsbot models pull {model_id}` on a machine with internet access"


def looks_like_path(name: str) -> bool:
    """Whether `name` is meant as a folder rather than a Hub id ("org/name" or "name")."""
    return name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name


def gguf_location(name: str) -> tuple[Path, str] | None:
    """(folder, file name) when `name` is a .gguf file or a folder holding exactly one."""
    path = Path(name).expanduser()
    if path.suffix.lower() == ".gguf" and path.is_file():
        return path.parent, path.name
    if path.is_dir() and not (path / "config.json").is_file():
        found = sorted(path.glob("*.gguf"))
        if len(found) == 1:
            return path, found[0].name
    return None


def local_model_dir(name: str) -> Path | None:
    """The folder of `name` if it is a local model folder, or already in the Hub cache."""
    path = Path(name).expanduser()
    if (path / "config.json").is_file():
        return path
    if gguf := gguf_location(name):
        return gguf[0]
    if looks_like_path(name):
        return None
    from huggingface_hub import try_to_load_from_cache
    from huggingface_hub.errors import HFValidationError

    try:
        cached = try_to_load_from_cache(name, "config.json")
    except HFValidationError:
        return None  # not a valid Hub id, so it cannot be cached either
    return Path(cached).parent if isinstance(cached, str) else None


#: How long `newsbot models pull` waits for the Hub's first answer (a pull is deliberate).
PULL_PROBE_TIMEOUT_S = 10.0


def hub_problem(model_id: str, timeout_s: float) -> str | None:
    """Why `model_id` cannot be downloaded now (a HEAD on its config), or None if it can."""
    if _env_true("HF_HUB_OFFLINE"):
        return "Hugging Face Hub offline mode is on (HF_HUB_OFFLINE)"
    import httpx

    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")
    url = f"{endpoint}/{model_id}/resolve/main/config.json"
    try:
        response = httpx.head(url, timeout=timeout_s, follow_redirects=False)
    except httpx.HTTPError:
        return f"the Hugging Face Hub at {endpoint} cannot be reached"
    if response.status_code in (401, 403, 404):  # the Hub hides private repos behind 401
        return f"the Hugging Face Hub has no public model called {model_id}"
    if response.status_code >= 400:
        return f"the Hugging Face Hub answered HTTP {response.status_code}"
    return None


def _env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def pull_model(model_id: str, progress: Progress | None = None) -> Path:
    """Download `model_id` into the Hub cache (tqdm bars on stderr) and return its folder."""
    local = Path(model_id).expanduser()
    if (local / "config.json").is_file() or gguf_location(model_id):
        return local  # a local folder or GGUF file needs no download
    if looks_like_path(model_id):
        raise ModelUnavailable(f"There is no model folder at {model_id}.")
    problem = hub_problem(model_id, PULL_PROBE_TIMEOUT_S)
    if problem:
        raise ModelUnavailable(f"Cannot download {model_id}: {problem}.")
    return _download(model_id, progress)


def _download(model_id: str, progress: Progress | None) -> Path:
    from huggingface_hub import snapshot_download

    if progress:
        progress(f"Downloading {model_id}…")
    try:
        folder = snapshot_download(model_id, allow_patterns=_weight_patterns(model_id))
    # The Hub client raises its own errors, OSError and its HTTP library's errors alike;
    # whichever it is, the user needs the one line that says why.
    except Exception as err:
        raise ModelUnavailable(f"Could not download {model_id}: {_first_line(err)}") from err
    return Path(folder)


def _weight_patterns(model_id: str) -> list[str]:
    """Download patterns: safetensors weights, or the PyTorch `.bin` files of older repos."""
    from huggingface_hub import list_repo_files

    files = list_repo_files(model_id)
    if any(f.endswith(".safetensors") for f in files):
        return _NEEDED_FILES
    return [*_NEEDED_FILES, "pytorch_model*.bin"]


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


def model_kind(folder: Path) -> ModelKind:
    """`seq2seq` for encoder–decoder models, `chat` for causal LMs, from `config.json`."""
    if not (folder / "config.json").is_file() and any(folder.glob("*.gguf")):
        return "chat"  # transformers reads GGUF files of causal LMs (Llama, Qwen2, Mistral…)
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelUnavailable(f"{folder} has no readable config.json: {err}") from err
    if "is_encoder_decoder" in config:
        return "seq2seq" if config["is_encoder_decoder"] else "chat"
    architectures = config.get("architectures") or []
    if any(a.endswith("ForCausalLM") for a in architectures):
        return "chat"
    # Configs written without architectures: the model type alone tells the big families.
    from transformers import AutoConfig

    return "seq2seq" if AutoConfig.from_pretrained(folder).is_encoder_decoder else "chat"


def resolve_device(device: str) -> str:
    """`auto` means CUDA when there is a GPU, else CPU."""
    if device == "cpu":
        return device
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        # torch's own error here is a bare AssertionError deep inside `.to()`.
        raise ModelUnavailable(f"NEWSBOT_DEVICE is {device}, but torch sees no CUDA GPU here.")
    return device


def load_model(
    name: str, folder: Path, kind: ModelKind, device: str, progress: Progress | None = None
) -> LoadedModel:
    """Load `folder` as `kind` on `device`, or return the copy already loaded."""
    device = resolve_device(device)
    key = (name, kind, device)
    with _LOAD_LOCK:  # two Slack workers asking at once must not load it twice
        if key not in _LOADED:
            if progress:
                progress(f"Loading {name}…")
            _LOADED[key] = _load(name, folder, kind, device)
        return _LOADED[key]


def _load(name: str, folder: Path, kind: ModelKind, device: str) -> LoadedModel:
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the CLI shows its own progress line
    auto_model = AutoModelForSeq2SeqLM if kind == "seq2seq" else AutoModelForCausalLM
    # A GGUF file carries weights, tokenizer and chat template; transformers dequantises it.
    gguf = gguf_location(name)
    extra = {"gguf_file": gguf[1]} if gguf else {}
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, **extra)
        model = auto_model.from_pretrained(folder, **extra).to(device)  # type: ignore[arg-type]
    except (OSError, ValueError, KeyError, ImportError, RuntimeError) as err:
        raise ModelUnavailable(
            f"Could not load {name} as a {kind} model: {_first_line(err)}"
        ) from err
    model.eval()
    return LoadedModel(name=name, kind=kind, device=device, tokenizer=tokenizer, model=model)


def find_model(name: str, probe_timeout_s: float, progress: Progress | None = None) -> Path:
    """The local folder of `name`: a path, the Hub cache, or a download if the Hub answers fast."""
    folder = local_model_dir(name)
    if folder is not None:
        return folder
    if looks_like_path(name):
        raise ModelUnavailable(f"There is no model folder at {name}.")
    problem = hub_problem(name, probe_timeout_s)
    if problem:
        raise ModelUnavailable(f"Model {name} is not downloaded and {problem}; {pull_hint(name)}.")
    return _download(name, progress)
