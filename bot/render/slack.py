"""A `Digest` as a Slack message: Block Kit blocks plus a plain-text fallback. Pure."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from typing import Any, Literal
from urllib.parse import quote as percent_encode

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextActionsBlock,
    FeedbackButtonObject,
    FeedbackButtonsElement,
    MarkdownBlock,
    RawTextObject,
    RichTextBlock,
    RichTextElementParts,
    RichTextQuoteElement,
    RichTextSectionElement,
    TableBlock,
)

from bot import __version__
from bot.digest import Digest, from_paragraphs
from bot.quotes import REPORTED

Block = dict[str, Any]
Part = Literal["quotes", "figures"]  # "Quotes only" / "Figures only": one part of the body
Text, Link, TextStyle = (
    RichTextElementParts.Text,
    RichTextElementParts.Link,
    RichTextElementParts.TextStyle,
)

# Block Kit limits (api.slack.com/reference/block-kit/blocks): section text 3,000
# characters, 50 blocks a message; button text 75. The fallback text feeds notifications.
SECTION_MAX = 3000
MAX_BLOCKS = 50
# A message holds at most this many, however many the digest carries (NEWSBOT_MAX_* <= 50).
SLACK_MAX_FIGURES = 8
SLACK_MAX_QUOTES = 6
FALLBACK_MAX = 3000
TITLE_MAX = 300  # a headline, not a page: the link markup stays far below SECTION_MAX
MARKDOWN_MAX = 12_000  # the markdown block's own limit
# Slack refuses messages far below 50 full sections (msg_too_long near 13k characters of
# blocks in practice): the whole message is kept under this, dropping body blocks last-first.
TOTAL_MAX = 12_000
QUOTES_BUDGET = 4_000  # characters of quoted text; whole quotes beyond it are left out
TABLE_CELL_MAX = 300
METADATA_EVENT = "newsbot_digest"
FOOTER = (
    "Figures and quotes are verbatim from the article. Summaries can miss nuance: read the piece."
)

ACTION_FEEDBACK = "feedback"  # the feedback_buttons element
ACTION_UP = "feedback_up"  # the section-only layout's 👍 / 👎 buttons
ACTION_DOWN = "feedback_down"
ACTION_RESUMMARISE = "resummarise"
VOTE_UP, VOTE_DOWN = "up", "down"


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
    """ "5 Nov 2024"; "Nov 2015" for a page dated to the month ("2015-11")."""
    month_only = len(iso) == len("2015-11")
    try:
        day = date.fromisoformat(f"{iso}-01" if month_only else iso[:10])
    except ValueError:
        return iso
    return f"{day:%b %Y}" if month_only else f"{day.day} {day:%b %Y}"


def context_line(digest: Digest) -> str:
    """site · author · date · reading time · how it was summarised."""
    method = (
        digest.model or "abstractive"
        if digest.summary_method == "abstractive"
        else "extractive, offline"
    )
    parts = [
        digest.site,
        digest.byline,
        _nice_date(digest.published) if digest.published else None,
        f"{digest.reading_minutes} min read",
        method,
    ]
    return " · ".join(escape(p) for p in parts if p)


def headline(digest: Digest) -> str:
    """The title, linked to the page that was fetched; cut before it is wrapped in markup."""
    title = cut(digest.title or digest.url or "Untitled article", TITLE_MAX)
    return f"*{link(digest.url, title)}*" if digest.url else f"*{escape(title)}*"


def figure_line(value: str, text: str) -> str:
    shown = escape(text)
    mark = escape(value)
    if mark and mark in shown:
        return "• " + shown.replace(mark, f"*{mark}*", 1)
    return f"• *{mark}* — {shown}"


def _quote_line(text: str, speaker: str | None, kind: str = "direct") -> str:
    """A direct quote in quotation marks; a mixed quote as written (its own marks show the
    speaker's words), marked as reported speech."""
    who = escape(speaker) if speaker else "_unattributed_"
    if kind == "mixed":
        return f"> {escape(text)} — {who} _{REPORTED}_"
    return f"> “{escape(text)}” — {who}"


# -- the rich layout (Block Kit of 2025+: rich_text quotes, table, markdown, feedback) ------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")


def markdown_escape(text: str) -> str:
    """Page or model text as literal standard markdown: every markup character backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _plain_cell(text: str) -> RawTextObject:
    return RawTextObject(text=cut(text.strip(), TABLE_CELL_MAX) or "—")


def _figures_table(digest: Digest) -> list[Block]:
    rows = [[_plain_cell("Figure"), _plain_cell("What it counts")]]
    figures = digest.figures[:SLACK_MAX_FIGURES]
    rows += [[_plain_cell(f.value), _plain_cell(f.text)] for f in figures]
    table = TableBlock(rows=rows, column_settings=[{"align": "right"}, {"is_wrapped": True}])
    return [_section("*Key figures*"), table.to_dict()]


def _quotes_block(digest: Digest) -> list[Block]:
    """Each quote in a `rich_text_quote`, exactly as on the page (rich text is never parsed
    as markup), the speaker after it; whole quotes are dropped past the budget, never cut."""
    parts: list[Any] = [
        RichTextSectionElement(elements=[Text(text="Quotes", style=TextStyle(bold=True))])
    ]
    used, kept = 0, 0
    quotes = digest.quotes[:SLACK_MAX_QUOTES]
    for quote in quotes:
        if used + len(quote.text) > QUOTES_BUDGET:
            break
        used += len(quote.text) + len(quote.speaker or "")
        kept += 1
        who: list[Any] = [Text(text=f"— {quote.speaker or 'unattributed'}")]
        if quote.kind == "mixed":
            who.append(Text(text=f" {REPORTED}", style=TextStyle(italic=True)))
        if digest.url:
            who += [Text(text=" · "), Link(url=digest.url, text="article")]
        parts += [
            RichTextQuoteElement(elements=[Text(text=quote.text)]),
            RichTextSectionElement(elements=who),
        ]
    if kept < len(quotes):
        more = f"…and {len(quotes) - kept} more in the article"
        parts.append(RichTextSectionElement(elements=[Text(text=more)]))
    return [RichTextBlock(elements=parts).to_dict()] if kept else []


def _summary_block(digest: Digest) -> Block:
    joined = " ".join(digest.summary)
    if digest.summary_method == "abstractive":  # model-written: the markdown block
        return MarkdownBlock(text=cut(markdown_escape(joined), MARKDOWN_MAX)).to_dict()
    return _section(fit_lines([escape(joined)]))


def sources_line(digest: Digest) -> str:
    """Where a model-written summary's sentences come from: "Sentence 1 from paragraph 2 ·
    sentence 2 from paragraphs 4, 5" (empty for copied sentences or an unknown source)."""
    if digest.summary_method != "abstractive" or len(digest.summary_paragraphs) != len(
        digest.summary
    ):
        return ""
    parts = [
        f"sentence {i} {where}"
        for i, numbers in enumerate(digest.summary_paragraphs, 1)
        if (where := from_paragraphs(numbers))
    ]
    return cut("Sources: " + " · ".join(parts), SECTION_MAX) if parts else ""


def _feedback(digest_id: str) -> list[Block]:
    """👍/👎 as Slack's own feedback buttons; "Re-summarise" a plain button beside them, since
    `icon_button` offers only a trash icon, which would say "delete"."""
    thumbs = FeedbackButtonsElement(
        action_id=ACTION_FEEDBACK,
        positive_button=FeedbackButtonObject(
            text="👍", value=f"{VOTE_UP}:{digest_id}", accessibility_label="Useful summary"
        ),
        negative_button=FeedbackButtonObject(
            text="👎", value=f"{VOTE_DOWN}:{digest_id}", accessibility_label="Poor summary"
        ),
    )
    again = ButtonElement(text="Re-summarise", action_id=ACTION_RESUMMARISE, value=digest_id)
    return [
        ContextActionsBlock(elements=[thumbs]).to_dict(),
        ActionsBlock(elements=[again]).to_dict(),
    ]


def parse_vote(value: str) -> tuple[str, int] | None:
    """(digest id, ±1) from a feedback button's value."""
    kind, _, digest_id = value.partition(":")
    votes = {VOTE_UP: 1, VOTE_DOWN: -1}
    return (digest_id, votes[kind]) if kind in votes and digest_id else None


def _context_text(digest: Digest, updated: bool) -> str:
    line = context_line(digest)
    return f"{line} · :arrows_counterclockwise: updated" if updated else line


def _figure_blocks(digest: Digest, rich: bool) -> list[Block]:
    if not digest.figures:
        return []
    if rich:
        return _figures_table(digest)
    lines = [figure_line(f.value, f.text) for f in digest.figures[:SLACK_MAX_FIGURES]]
    return [_section(fit_lines(["*Key figures*", *lines]))]


def _quote_blocks(digest: Digest, rich: bool) -> list[Block]:
    if rich:
        return _quotes_block(digest)
    blocks = []
    for i, quote in enumerate(digest.quotes[:SLACK_MAX_QUOTES]):
        title = "*Quotes*\n" if i == 0 else ""
        line = _quote_line(quote.text, quote.speaker, quote.kind)
        blocks.append(_section(title + cut(line, SECTION_MAX - 20)))
    return blocks


def _body_blocks(
    digest: Digest, rich: bool, updated: bool = False, only: Part | None = None
) -> list[Block]:
    blocks = [_section(headline(digest)), _context(_context_text(digest, updated))]
    if only is not None:  # "Quotes only" / "Figures only": the headline and that part
        part = _quote_blocks(digest, rich) if only == "quotes" else _figure_blocks(digest, rich)
        return blocks + (part or [_section(f"_I found no {only} in this article._")])
    if digest.warnings:  # before the body: a reader should see doubts first
        blocks.append(_context(" ".join(f":warning: {escape(w)}" for w in digest.warnings)))
    if digest.summary:
        blocks.append(
            _summary_block(digest)
            if rich
            else _section(fit_lines([escape(" ".join(digest.summary))]))
        )
        if line := sources_line(digest):
            blocks.append(_context(line))
    return blocks + _figure_blocks(digest, rich) + _quote_blocks(digest, rich)


def _legacy_buttons(digest_id: str) -> Block:
    def button(text: str, action: str, value: str) -> Block:
        return ButtonElement(text=text, action_id=action, value=value).to_dict()

    return {
        "type": "actions",
        "elements": [
            button("👍", ACTION_UP, f"{VOTE_UP}:{digest_id}"),
            button("👎", ACTION_DOWN, f"{VOTE_DOWN}:{digest_id}"),
            button("Re-summarise", ACTION_RESUMMARISE, digest_id),
        ],
    }


def fallback_text(digest: Digest) -> str:
    """The plain text Slack shows in notifications and to screen readers without blocks."""
    head = escape(cut(digest.title or digest.url or "Article", TITLE_MAX))
    first = escape(digest.summary[0]) if digest.summary else ""
    return cut(f"{head}: {first}" if first else head, FALLBACK_MAX)


def trim(body: list[Block], tail: list[Block]) -> list[Block]:
    """`body + tail` within 50 blocks and `TOTAL_MAX` characters: body blocks go from the end
    (the headline stays); the footer and buttons always survive."""
    body = body[: MAX_BLOCKS - len(tail)]
    while len(body) > 1 and len(json.dumps(body + tail, ensure_ascii=False)) > TOTAL_MAX:
        body.pop()
    return body + tail


def digest_message(
    digest: Digest,
    digest_id: str | None = None,
    *,
    rich: bool = True,
    updated: bool = False,
    only: Part | None = None,
) -> tuple[str, list[Block]]:
    """Fallback text and blocks; with `digest_id`, feedback and "Re-summarise" too. `rich=False`
    is the section-only layout for clients or workspaces that refuse the newer blocks; `only`
    keeps the headline and that one part."""
    tail = [_context(FOOTER)]
    if digest_id:
        tail += _feedback(digest_id) if rich else [_legacy_buttons(digest_id)]
    return fallback_text(digest), trim(_body_blocks(digest, rich, updated, only), tail)


def digest_metadata(
    digest: Digest, *, canon: str, digest_id: str, job_id: int, updated: bool = False
) -> dict[str, Any]:
    """Provenance carried by the message: what was read, how it was summarised, which job."""
    return {
        "event_type": METADATA_EVENT,
        "event_payload": {
            "url": canon,
            "content_sha256": hashlib.sha256(digest.text.encode()).hexdigest(),
            "summary_method": digest.summary_method,
            "model": digest.model or "",
            "newsbot_version": __version__,
            "job_id": job_id,
            "digest_id": digest_id,
            "updated": updated,
        },
    }


def placeholder_message(url: str, stage: str | None = None) -> tuple[str, list[Block]]:
    """What the thread shows while the article is read; `stage` names the slow step, if any."""
    text = f"Reading {link(url)}…" + (f" {escape(stage)}…" if stage else "")
    return text, [_context(f":hourglass_flowing_sand: {text}")]


def error_message(sentence: str, url: str | None = None) -> tuple[str, list[Block]]:
    """One clear sentence saying why a link could not be summarised."""
    blocks = [_section(f":warning: {escape(sentence)}")]
    if url:
        blocks.append(_context(link(url)))
    return cut(escape(sentence), FALLBACK_MAX), blocks
