"""The bot's DM as an assistant: suggested prompts, and "quotes only" / "figures only"."""

from __future__ import annotations

import re
from typing import Any

from slack_sdk import WebClient

from bot.render.slack import Part

PROMPTS = (
    {"title": "Summarise a link", "message": "Summarise a link"},
    {"title": "Quotes only", "message": "Quotes only"},
    {"title": "Figures only", "message": "Figures only"},
)
PROMPTS_TITLE = "Send me a news link; I can also answer with just its quotes or figures."
# "quotes only", "only the quotes", "just figures", "numbers only": the words, links removed.
_ONLY = re.compile(
    r"\b(?:(?P<a>quotes?|figures?|numbers?)\s+only|(?:only|just)\s+(?:the\s+)?"
    r"(?P<b>quotes?|figures?|numbers?))\b",
    re.IGNORECASE,
)
_LINKS = re.compile(r"<[^>]*>|https?://\S+", re.IGNORECASE)


def requested_part(text: str | None) -> Part | None:
    """The one part of the digest a message asks for, if it asks for one."""
    match = _ONLY.search(_LINKS.sub(" ", text or ""))
    if not match:
        return None
    word = (match.group("a") or match.group("b")).lower()
    return "quotes" if word.startswith("quote") else "figures"


def with_part(kind: str, part: Part | None) -> str:
    """A job kind that carries the part asked for: `dm:quotes`."""
    return f"{kind}:{part}" if part else kind


def part_of(kind: str) -> Part | None:
    """The part a job's kind asks for, if any."""
    _, _, part = kind.partition(":")
    if part == "quotes":
        return "quotes"
    if part == "figures":
        return "figures"
    return None


def only_needs_link(part: Part) -> str:
    """The answer to "Quotes only" without a link (a suggested prompt sends just the words)."""
    return (
        f"Send me the link too, e.g. `{part} only https://…`, and I'll answer with just the {part}."
    )


def suggest_prompts(client: WebClient, event: dict[str, Any]) -> None:
    """`assistant_thread_started`: offer the prompts in the new thread."""
    thread = event.get("assistant_thread") or {}
    if not thread.get("channel_id") or not thread.get("thread_ts"):
        return
    client.assistant_threads_setSuggestedPrompts(
        channel_id=thread["channel_id"],
        thread_ts=thread["thread_ts"],
        title=PROMPTS_TITLE,
        prompts=list(PROMPTS),
    )
