"""Prompt templates: `prompts/<name>.txt` with `$name` variables (string.Template syntax)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from string import Template

from bot.errors import PromptError

#: Where prompts live, first match wins: an explicit override, the source checkout (also an
#: editable install), then `share/newsbot/prompts` under the environment, which is where a
#: wheel's `data-files` puts them.
PROMPTS_ENV = "NEWSBOT_PROMPTS_DIR"
_CANDIDATES = (
    Path(__file__).resolve().parent.parent / "prompts",
    Path(sys.prefix) / "share" / "newsbot" / "prompts",
)


def prompts_dir() -> Path:
    """The folder holding the prompt files."""
    override = os.environ.get(PROMPTS_ENV)
    candidates = (Path(override),) if override else _CANDIDATES
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise PromptError(f"No prompts folder found (looked in {', '.join(map(str, candidates))}).")


def load_prompt(name: str) -> Template:
    """The template `name` (file name without `.txt`)."""
    path = prompts_dir() / f"{name}.txt"
    if not path.is_file():
        raise PromptError(f"There is no prompt template called {name!r} in {path.parent}.")
    # A trailing newline is an editor habit, not part of the prompt.
    return Template(path.read_text(encoding="utf-8").rstrip("\n"))


def has_prompt(name: str) -> bool:
    """Whether a template called `name` exists."""
    return (prompts_dir() / f"{name}.txt").is_file()


def template_variables(template: Template) -> set[str]:
    """The `$names` a template uses."""
    return set(template.get_identifiers())


def render_prompt(name: str, **values: object) -> str:
    """Fill template `name`; a variable it uses but `values` lacks is a `PromptError`."""
    template = load_prompt(name)
    missing = sorted(template_variables(template) - values.keys())
    if missing:
        names = ", ".join(f"${m}" for m in missing)
        raise PromptError(f"Prompt {name!r} needs {names}, which was not given.")
    try:
        return template.substitute({k: "" if v is None else str(v) for k, v in values.items()})
    except ValueError as err:  # a stray "$" in the file: say which file
        raise PromptError(f"Prompt {name!r} is malformed: {err}.") from err
