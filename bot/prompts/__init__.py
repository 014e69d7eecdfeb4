"""Prompt templates: `prompts/<name>.txt` with `$name` variables (string.Template syntax)."""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

from bot.errors import PromptError

#: The prompt files are edited in the repo's `prompts/` and linked into this package, so they
#: ship as package data, found by `importlib.resources` wherever newsbot is installed;
#: `NEWSBOT_PROMPTS_DIR` points at a folder of your own instead.
PROMPTS_ENV = "NEWSBOT_PROMPTS_DIR"


def prompts_dir() -> Traversable:
    """The folder holding the prompt files."""
    override = os.environ.get(PROMPTS_ENV)
    if not override:
        return files(__name__)
    if not Path(override).is_dir():
        raise PromptError(f"{PROMPTS_ENV} is {override}, which is not a folder.")
    return Path(override)


def load_prompt(name: str) -> Template:
    """The template `name` (file name without `.txt`)."""
    folder = prompts_dir()
    path = folder / f"{name}.txt"
    if not path.is_file():
        raise PromptError(f"There is no prompt template called {name!r} in {folder}.")
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
