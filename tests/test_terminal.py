"""The terminal view: the summary, and on demand where each sentence comes from."""

from __future__ import annotations

from rich.console import Console

from bot.render.terminal import digest_view, summary_lines
from tests.slack.test_render import make_digest


def shown(**over: object) -> str:
    console = Console(record=True, width=200)
    sources = bool(over.pop("sources", False))
    console.print(digest_view(make_digest(**over), sources=sources))
    return console.export_text()


def test_sources_add_the_paragraph_after_each_sentence() -> None:
    digest = make_digest(summary_paragraphs=((1,), (3, 4)))
    assert summary_lines(digest, sources=True) == [
        "The council approved a budget. (from paragraph 1)",
        "Libraries lose 12 staff. (from paragraphs 3, 4)",
    ]
    assert "(from paragraphs 3, 4)" in shown(summary_paragraphs=((1,), (3, 4)), sources=True)


def test_without_sources_or_known_paragraphs_the_summary_is_plain() -> None:
    assert "from paragraph" not in shown(summary_paragraphs=((1,), (3,)))
    assert summary_lines(make_digest(), sources=True) == list(make_digest().summary)


def test_an_author_who_is_the_site_is_named_once() -> None:
    assert "Valley Store · Valley Store" not in shown(site="Valley Store", author="Valley Store")
    assert "Valley Store · 2024-11-05" in shown(site="Valley Store", author="Valley Store")
    assert "Valley Store · Ana Ruiz" in shown(site="Valley Store", author="Ana Ruiz")
