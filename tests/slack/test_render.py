"""Block Kit rendering: limits kept, fallback text, context line, verbatim footer."""

from __future__ import annotations

import json

import pytest

from bot.digest import Digest
from bot.figures import Figure
from bot.quotes import Quote
from bot.render.slack import (
    MAX_BLOCKS,
    SECTION_MAX,
    TOTAL_MAX,
    context_line,
    digest_message,
    error_message,
)
from tests.slack.blocks import validate


def make_digest(**over: object) -> Digest:
    values: dict[str, object] = {
        "input": "https://news.example/a",
        "url": "https://news.example/a",
        "title": "Council <approves> budget & cuts",
        "site": "The Example Post",
        "author": "Ana Ruiz",
        "published": "2024-11-05",
        "language": "en",
        "text": "",
        "summary": ("The council approved a budget.", "Libraries lose 12 staff."),
        "summary_method": "extractive",
        "model": None,
        "figures": (Figure("12", "lose 12 staff", "Libraries lose 12 staff."),),
        "quotes": (Quote("We had no choice", "the mayor", "“We had no choice,” the mayor said."),),
        "reading_minutes": 4,
    }
    values.update(over)
    return Digest(**values)  # type: ignore[arg-type]


def _all_text(blocks: list[dict]) -> str:
    return str(blocks)


def test_digest_has_headline_link_context_figures_quotes_footer_and_buttons() -> None:
    text, blocks = digest_message(make_digest(), digest_id="d1")
    # The fallback text is mrkdwn too (notifications render it): escaped like the blocks.
    assert text.startswith("Council &lt;approves&gt; budget &amp; cuts: The council")
    assert (
        blocks[0]["text"]["text"]
        == "*<https://news.example/a|Council &lt;approves&gt; budget &amp; cuts>*"
    )
    assert [b["type"] for b in blocks] == [
        "section",  # headline, linked
        "context",  # site · author · date · reading time · method
        "section",  # extractive summary (a model-written one is a markdown block)
        "section",  # "Key figures"
        "table",
        "rich_text",  # quotes
        "context",  # footer
        "context_actions",  # 👍/👎
        "actions",  # Re-summarise
    ]
    assert "verbatim from the article" in _all_text(blocks)
    thumbs = blocks[-2]["elements"][0]
    assert thumbs["type"] == "feedback_buttons" and thumbs["action_id"] == "feedback"
    assert (thumbs["positive_button"]["value"], thumbs["negative_button"]["value"]) == (
        "up:d1",
        "down:d1",
    )
    assert blocks[-1]["elements"][0] == {
        "type": "button",
        "action_id": "resummarise",
        "value": "d1",
        "text": {"type": "plain_text", "text": "Re-summarise", "emoji": True},
    }


def test_section_layout_keeps_the_old_shape_for_clients_without_new_blocks() -> None:
    _, blocks = digest_message(make_digest(), digest_id="d1", rich=False)
    assert {b["type"] for b in blocks} == {"section", "context", "actions"}
    assert "*12*" in _all_text(blocks) and "“We had no choice” — the mayor" in _all_text(blocks)
    assert [e["action_id"] for e in blocks[-1]["elements"]] == [
        "feedback_up",
        "feedback_down",
        "resummarise",
    ]
    assert [e["value"] for e in blocks[-1]["elements"]] == ["up:d1", "down:d1", "d1"]


def test_context_line_names_site_author_date_time_and_method() -> None:
    assert context_line(make_digest()) == (
        "The Example Post · Ana Ruiz · 5 Nov 2024 · 4 min read · extractive, offline"
    )


def test_an_author_who_is_the_site_is_named_once() -> None:
    # a company's blog signed with its own name: the JSON keeps both fields
    digest = make_digest(site="Valley Store", author="The Valley Store")
    assert context_line(digest) == "Valley Store · 5 Nov 2024 · 4 min read · extractive, offline"
    assert digest.author == "The Valley Store"
    model = make_digest(
        summary_method="abstractive", model="sshleifer/distilbart-cnn-12-6", author=None
    )
    assert context_line(model).endswith("4 min read · sshleifer/distilbart-cnn-12-6")
    assert " · Nov 2015 · " in context_line(make_digest(published="2015-11"))


@pytest.mark.parametrize("rich", [True, False])
def test_huge_digest_stays_inside_block_kit_limits(rich: bool) -> None:
    long = "word " * 2000
    digest = make_digest(
        summary=(long,) * 4,
        figures=tuple(Figure("7", f"{long} 7 {i}", "s") for i in range(8)),
        quotes=tuple(Quote(long, "someone", "s") for _ in range(60)),
        warnings=("a warning " * 500,),
    )
    text, blocks = digest_message(digest, "d2", rich=rich)
    assert len(blocks) <= MAX_BLOCKS and len(json.dumps(blocks)) <= TOTAL_MAX
    validate(blocks)
    for block in blocks:
        inner = block.get("text", {}).get("text", "")
        assert len(inner) <= SECTION_MAX
        for element in block.get("elements", []):
            assert (
                len(element.get("text", "") if isinstance(element.get("text"), str) else "")
                <= SECTION_MAX
            )
    assert blocks[-1]["type"] == "actions"  # buttons and footer survive the trimming
    assert "verbatim" in str(blocks[-3 if rich else -2])
    assert len(text) <= 3000


def test_too_many_figures_are_dropped_whole_not_cut() -> None:
    figures = tuple(Figure(str(i), f"{'x' * 400} {i}", "s") for i in range(8))
    _, blocks = digest_message(make_digest(figures=figures), rich=False)
    section = next(b for b in blocks if "Key figures" in b.get("text", {}).get("text", ""))
    lines = section["text"]["text"].split("\n")
    assert lines[-1].startswith("_…and ")
    assert all(line.endswith(f"*{i}*") for i, line in enumerate(lines[1:-1]))


def test_error_is_one_sentence_with_the_link() -> None:
    text, blocks = error_message("That page was not found (404).", "https://news.example/x")
    assert text == "That page was not found (404)."
    assert "<https://news.example/x>" in str(blocks)


def test_quotes_are_verbatim_rich_text_and_unknown_speakers_say_so() -> None:
    said = "Cuts *hurt* _all_ ~of~ <!here> <https://x.example|us> &amp; & them"
    quotes = (Quote(said, None, "s"), Quote("Fine", "Jo <b>", "s"))
    _, blocks = digest_message(make_digest(quotes=quotes), digest_id="d")
    validate(blocks)
    [rich] = [b for b in blocks if b["type"] == "rich_text"]
    quoted = [e for e in rich["elements"] if e["type"] == "rich_text_quote"]
    assert [q["elements"] for q in quoted] == [
        [{"type": "text", "text": said}],
        [{"type": "text", "text": "Fine"}],
    ]
    after = [e["elements"][0]["text"] for e in rich["elements"][2::2]]
    assert after == ["— unattributed", "— Jo <b>"]  # rich text: shown as is, never parsed


def test_a_model_summary_is_a_markdown_block_with_markup_made_literal() -> None:
    digest = make_digest(summary=("Tax *rises* [here](https://x.example) <!channel>",))
    digest = make_digest(summary=digest.summary, summary_method="abstractive", model="m")
    _, blocks = digest_message(digest)
    validate(blocks)
    [md] = [b for b in blocks if b["type"] == "markdown"]
    assert md["text"] == r"Tax \*rises\* \[here\]\(https://x\.example\) \<\!channel\>"


def test_a_model_written_summary_says_where_each_sentence_comes_from() -> None:
    digest = make_digest(summary_method="abstractive", model="m", summary_paragraphs=((2,), (4, 5)))
    _, blocks = digest_message(digest, digest_id="d")
    assert "Sources: sentence 1 from paragraph 2 · sentence 2 from paragraphs 4, 5" in str(blocks)
    # Copied sentences are the article's own: no line; nor when the support is unknown.
    for plain in (
        make_digest(summary_paragraphs=((2,), (4,))),
        make_digest(summary_method="abstractive"),
    ):
        assert "Sources:" not in str(digest_message(plain, digest_id="d")[1])
