"""The CLI must start fast: importing it may not pull in torch or transformers."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "bot.summarise",
    "bot.summarise.models",
    "bot.summarise.seq2seq",
    "bot.summarise.chat",
    "bot.summarise.tokens",
    "bot.summarise.engine",
    "bot.summarise.ct2",
    "bot.summarise.batcher",
    "bot.bench",
    "bot.summarise.guard",
    "bot.prompts",
    "bot.cli",
]


def test_importing_the_cli_and_summarisers_loads_no_model_library() -> None:
    code = (
        f"import importlib, sys\nfor m in {MODULES!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
