"""A `Digest` as a Slack message: Block Kit blocks plus a plain-text fallback. Pure."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import quote as percent_encode

from bot.digest import Digest

Block = dict[str, Any]

# Block Kit limits (api.slack.com/reference/block-kit/blocks): section text 3,000
# characters, 50 blocks a message; button text 75. The fallback text feeds notifications.
SECTION_MAX = 3000
MAX_BLOCKS = 50
FALLBACK_MAX = 3000
TITLE_MAX = 300  # a headline, not a page: the link markup stays far below SECTION_MAX
FOOTER = (
    "Figures and quotes are verbatim from the article. Summaries can miss nuance: read the piece."
)

ACTION_UP = "feedback_up"
ACTION_DOWN = "feedback_down"
ACTION_RESUMMARISE = "resummarise"


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link_target(url: str) -> str:
    """`url` safe inside `<…|…>`: no `<`, `>`, `|` or spaces to end the link early."""
    return escape(percent_encode(url, safe=":/?#[]@!$&'()*+,;=%~"))


def link(url: str, label: str | None = None) -> str:
    """A mrkdwn link to `url`; `label` is text (escaped here), never markup."""
    if label is None:
        return f"<{link_target(url)}>"
    return f"<{link_target(url)}|{escape(label).replace('|', '¦')}>"


# An entity or a link/mention cut open at the end of a string.
_OPEN_MARKUP = re.compile(r"(&[#\w]{0,8}|<[^>]*)$")


def cut(text: str, limit: int) -> str:
    """`text` if it fits, else its longest word-boundary prefix that fits, plus “…”; never
    inside an `&amp;` entity or a `<…>` link."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    head = head[:space] if space > limit // 2 else head
    return _OPEN_MARKUP.sub("", head).rstrip() + "…"


def fit_lines(lines: list[str], limit: int = SECTION_MAX) -> str:
    """Whole lines joined by newlines within `limit`; says how many were left out."""
    kept: list[str] = []
    used = 0
    reserve = 40  # room for the "…and N more" line
    for i, line in enumerate(lines):
        room = limit - used - (reserve if i < len(lines) - 1 else 0)
        if len(line) + 1 > room:
            if not kept:
                kept.append(cut(line, room))
            else:
                kept.append(f"_…and {len(lines) - len(kept)} more_")
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut(text, SECTION_MAX)}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": cut(text, SECTION_MAX)}]}


def _nice_date(iso: str) -> str:
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day:%b %Y}"


def context_line(digest: Digest) -> str:
    """site · author · date · reading time · how it was summarised."""
    method = (
        digest.model or "abstractive"
        if digest.summary_method == "abstractive"
        else "extractive, offline"
    )
    parts = [
        digest.site,
        digest.author,
        _nice_date(digest.published) if digest.published else None,
        f"{digest.reading_minutes} min read",
        method,
    ]
    return " · ".join(escape(p) for p in parts if p)


def _headline(digest: Digest) -> str:
    """The title, linked to the page that was fetched; cut before it is wrapped in markup."""
    title = cut(digest.title or digest.url or "Untitled article", TITLE_MAX)
    return f"*{link(digest.url, title)}*" if digest.url else f"*{escape(title)}*"


def _figure_line(value: str, text: str) -> str:
    shown = escape(text)
    mark = escape(value)
    if mark and mark in shown:
        return "• " + shown.replace(mark, f"*{mark}*", 1)
    return f"• *{mark}* — {shown}"


def _quote_line(text: str, speaker: str | None) -> str:
    who = f" — {escape(speaker)}" if speaker else ""
    return f"> “{escape(text)}”{who}"


def _buttons(digest_id: str) -> Block:
    def button(text: str, action: str) -> Block:
        return {
            "type": "button",
            "text": {"type": "plain_text", "text": text, "emoji": True},
            "action_id": action,
            "value": digest_id,
        }

    return {
        "type": "actions",
        "elements": [
            button("👍", ACTION_UP),
            button("👎", ACTION_DOWN),
            button("Re-summarise", ACTION_RESUMMARISE),
        ],
    }


def _body_blocks(digest: Digest) -> list[Block]:
    blocks = [_section(_headline(digest)), _context(context_line(digest))]
    if digest.summary:
        blocks.append(_section(fit_lines([escape(" ".join(digest.summary))])))
    if digest.figures:
        lines = [_figure_line(f.value, f.text) for f in digest.figures]
        blocks.append(_section(fit_lines(["*Key figures*", *lines])))
    for i, quote in enumerate(digest.quotes):
        title = "*Quotes*\n" if i == 0 else ""
        blocks.append(
            _section(title + cut(_quote_line(quote.text, quote.speaker), SECTION_MAX - 20))
        )
    if digest.warnings:
        blocks.append(_context(" ".join(f":warning: {escape(w)}" for w in digest.warnings)))
    return blocks


def fallback_text(digest: Digest) -> str:
    """The plain text Slack shows in notifications and to screen readers without blocks."""
    head = escape(cut(digest.title or digest.url or "Article", TITLE_MAX))
    first = escape(digest.summary[0]) if digest.summary else ""
    return cut(f"{head}: {first}" if first else head, FALLBACK_MAX)


def digest_message(digest: Digest, digest_id: str | None = None) -> tuple[str, list[Block]]:
    """Fallback text and blocks; with `digest_id`, 👍/👎 and "Re-summarise" buttons too."""
    tail = [_context(FOOTER)]
    if digest_id:
        tail.append(_buttons(digest_id))
    body = _body_blocks(digest)[: MAX_BLOCKS - len(tail)]
    return fallback_text(digest), body + tail


def placeholder_message(url: str) -> tuple[str, list[Block]]:
    """What the thread shows while the article is read."""
    text = f"Reading {link(url)}…"
    return text, [_context(f":hourglass_flowing_sand: {text}")]


def error_message(sentence: str, url: str | None = None) -> tuple[str, list[Block]]:
    """One clear sentence saying why a link could not be summarised."""
    blocks = [_section(f":warning: {escape(sentence)}")]
    if url:
        blocks.append(_context(link(url)))
    return cut(escape(sentence), FALLBACK_MAX), blocks
