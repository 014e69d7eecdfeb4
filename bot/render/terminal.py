"""Digest → readable terminal output (rich)."""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.digest import Digest, from_paragraphs
from bot.quotes import REPORTED


def context_line(digest: Digest) -> str:
    """site · author · date · reading time · how it was summarised."""
    how = "extractive, offline" if digest.summary_method == "extractive" else digest.model or ""
    parts = [digest.site, digest.byline, digest.published, f"{digest.reading_minutes} min read"]
    return " · ".join(p for p in [*parts, f"summary: {how}"] if p)


def summary_lines(digest: Digest, sources: bool = False) -> list[str]:
    """The summary, a sentence a line; with `sources`, each followed by "(from paragraph N)"."""
    if not sources or len(digest.summary_paragraphs) != len(digest.summary):
        return list(digest.summary)
    return [
        f"{sentence} ({where})" if (where := from_paragraphs(numbers)) else sentence
        for sentence, numbers in zip(digest.summary, digest.summary_paragraphs, strict=True)
    ]


def digest_view(digest: Digest, sources: bool = False) -> Panel:
    """A panel with headline, context, summary (with `sources`: where each sentence comes
    from), key figures and quotes."""
    parts: list[Text | Table] = [Text(context_line(digest), style="dim")]
    if digest.url:
        parts.append(Text(digest.url, style="blue underline"))
    parts.append(Text("\n".join(summary_lines(digest, sources)) + "\n"))
    if digest.figures:
        table = Table("Key figures", "", box=None, show_header=True, header_style="bold")
        for figure in digest.figures:
            table.add_row(Text(figure.value, style="bold cyan"), figure.text)
        parts.append(table)
    if digest.quotes:
        parts.append(Text("\nQuotes", style="bold"))
        for quote in digest.quotes:
            # A mixed quote is shown as written: its own marks show the speaker's words.
            shown = quote.text if quote.kind == "mixed" else f"“{quote.text}”"
            line = Text.from_markup(escape(shown))
            line.append(f" — {quote.speaker or 'unattributed'}", style="italic")
            if quote.kind == "mixed":
                line.append(f" {REPORTED}", style="dim")
            parts.append(line)
    for warning in digest.warnings:
        parts.append(Text(f"⚠ {warning}", style="yellow"))
    title = Text(digest.title or "(untitled article)", style="bold")
    return Panel(Group(*parts), title=title, title_align="left")
