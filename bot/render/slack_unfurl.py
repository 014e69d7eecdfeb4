"""A compact digest for a link's unfurl: headline, one line of summary, top figures, and a
"Full digest" button. Pure."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, SectionBlock

from bot.digest import Digest
from bot.render.slack import (
    SECTION_MAX,
    context_line,
    cut,
    escape,
    figure_line,
    fit_lines,
    headline,
)

ACTION_FULL_DIGEST = "full_digest"
TOP_FIGURES = 3
SUMMARY_LINE_MAX = 280  # one line in a preview, not the summary


def unfurl_blocks(digest: Digest, digest_id: str) -> list[dict[str, Any]]:
    """The blocks of one link's unfurl; the button's value is the stored digest's id."""
    blocks: list[Any] = [SectionBlock(text=headline(digest))]
    if digest.summary:
        blocks.append(SectionBlock(text=escape(cut(digest.summary[0], SUMMARY_LINE_MAX))))
    if digest.figures:
        lines = [figure_line(f.value, f.text) for f in digest.figures[:TOP_FIGURES]]
        blocks.append(SectionBlock(text=fit_lines(lines, SECTION_MAX)))
    blocks += [
        ContextBlock(elements=[{"type": "mrkdwn", "text": cut(context_line(digest), 2000)}]),
        ActionsBlock(
            elements=[
                ButtonElement(text="Full digest", action_id=ACTION_FULL_DIGEST, value=digest_id)
            ]
        ),
    ]
    return [b.to_dict() for b in blocks]
