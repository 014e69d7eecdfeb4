"""The App Home tab: the user's last digests, the workspace's settings, the bot's health. Pure."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, SectionBlock
from slack_sdk.models.views import View

from bot.digest import Digest
from bot.render.slack import TITLE_MAX, cut, escape, link

HOME_DIGESTS = 10


def home_view(
    recent: list[tuple[str, Digest, float]],
    *,
    model: str,
    summary_sentences: int,
    healthy: bool,
    pending: int,
) -> dict[str, Any]:
    """The `home` view for `views.publish`."""
    blocks: list[Any] = [HeaderBlock(text="Your last digests")]
    for _, digest, at in recent[:HOME_DIGESTS]:
        title = cut(digest.title or digest.url or "Untitled article", TITLE_MAX)
        shown = link(digest.url, title) if digest.url else escape(title)
        when = datetime.fromtimestamp(at, UTC).strftime("%d %b %Y %H:%M UTC")
        blocks.append(SectionBlock(text=f"{shown}\n{escape(digest.site or '')} · {when}"))
    if not recent:
        blocks.append(SectionBlock(text="No digests yet: mention me with a link, or DM me one."))
    state = ":large_green_circle: healthy" if healthy else ":red_circle: not ready"
    blocks += [
        DividerBlock(),
        HeaderBlock(text="Workspace settings"),
        SectionBlock(
            text=f"*Model:* {escape(model)}\n*Summary length:* {summary_sentences} sentences"
        ),
        ContextBlock(elements=[{"type": "mrkdwn", "text": f"{state} · {pending} waiting"}]),
    ]
    return View(type="home", blocks=blocks).to_dict()
