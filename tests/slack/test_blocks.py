"""The digest's blocks as Slack receives them over HTTP: verbatim quotes, the table and its
fallback, provenance metadata, and no second post for a resumed job."""

from __future__ import annotations

import json
import sqlite3
from html import escape as html_escape

from bot.config import Settings
from bot.slack.server import DB_NAME
from tests.fakes.articles import ArticleServer, Page
from tests.fakes.slack import FakeSlack
from tests.slack.blocks import validate
from tests.slack.conftest import (
    Running,
    digest_id_of,
    digests,
    event_callback,
    mention,
    send_event,
    start_bot,
)
from tests.test_hostile import html, story

HOSTILE_QUOTE = "Budgets *must* be _balanced_ ~not~ <!here> cut & run, <https://x.example|y> now"


def _quote_page() -> bytes:
    said = f"“{HOSTILE_QUOTE},” said Mayor Ana Ruiz at the meeting on Monday evening."
    paragraphs = story()
    paragraphs.insert(2, html_escape(said, quote=False))
    return html(paragraphs).encode()


def _quotes_in(blocks: list[dict]) -> list[str]:
    return [
        "".join(part["text"] for part in element["elements"])
        for block in blocks
        if block["type"] == "rich_text"
        for element in block["elements"]
        if element["type"] == "rich_text_quote"
    ]


def test_a_quote_with_markup_characters_arrives_byte_identical(
    running: Running, slack: FakeSlack
) -> None:
    with ArticleServer({"/q": Page(_quote_page())}) as server:
        event = mention(server.url("/q"))
        send_event(running.base_url, event)
        [digest] = slack.wait_for(lambda: digests(slack, event["event"]["ts"]))
    validate(digest["blocks"])
    quotes = _quotes_in(digest["blocks"])
    assert any(HOSTILE_QUOTE in q for q in quotes), quotes
    rich = next(b for b in digest["blocks"] if b["type"] == "rich_text")
    speakers = [
        e["elements"][0]["text"] for e in rich["elements"] if e["type"] == "rich_text_section"
    ]
    assert any("Ruiz" in s for s in speakers)
    assert "<!here>" not in digest["text"]  # the fallback text is still escaped mrkdwn


def test_every_digest_carries_provenance_metadata(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    event = mention(articles.url("/story"))
    send_event(running.base_url, event)
    [digest] = slack.wait_for(lambda: digests(slack, event["event"]["ts"]))
    meta = digest["metadata"]
    assert meta["event_type"] == "newsbot_digest"
    payload = meta["event_payload"]
    assert payload["url"] == articles.url("/story")
    assert len(payload["content_sha256"]) == 64 and payload["summary_method"] == "extractive"
    assert payload["newsbot_version"] and payload["job_id"] >= 1
    assert running.bot.store.digest(payload["digest_id"]) is not None
    types = [b["type"] for b in digest["blocks"]]
    assert "table" in types and "context_actions" in types
    validate(digest["blocks"])


def test_a_workspace_that_refuses_new_blocks_gets_the_section_layout(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    slack.refused_blocks = {"table", "rich_text", "context_actions", "markdown"}
    event = mention(articles.url("/story"))
    send_event(running.base_url, event)
    [digest] = slack.wait_for(lambda: digests(slack, event["event"]["ts"]))
    assert {b["type"] for b in digest["blocks"]} <= {"section", "context", "actions"}
    assert "Key figures" in json.dumps(digest["blocks"]) and digest["metadata"]


def test_a_resumed_job_finds_its_digest_and_does_not_post_twice(
    bot_settings: Settings, slack: FakeSlack, articles: ArticleServer
) -> None:
    run = start_bot(bot_settings)
    event = mention(articles.url("/story"))
    ts = event["event"]["ts"]
    try:
        send_event(run.base_url, event)
        [digest] = slack.wait_for(lambda: digests(slack, ts))
    finally:
        run.stop()
    # The process "died" after Slack got the digest but before the job was marked done.
    job_id = digest["metadata"]["event_payload"]["job_id"]
    with sqlite3.connect(bot_settings.data_dir / DB_NAME) as db:  # the state a crash leaves
        db.execute("UPDATE jobs SET status = 'running', digest_id = NULL WHERE id = ?", (job_id,))
    posts = len(slack.calls_to("chat.postMessage")) + len(slack.calls_to("chat.update"))
    again = start_bot(bot_settings)
    try:
        slack.wait_for(lambda: again.bot.jobs.job(job_id).status == "done")  # type: ignore[union-attr]
        with sqlite3.connect(bot_settings.data_dir / DB_NAME) as db:
            [(found,)] = db.execute("SELECT digest_id FROM jobs WHERE id = ?", (job_id,))
        assert found == digest_id_of(digest)
    finally:
        again.stop()
    assert len(slack.calls_to("chat.postMessage")) + len(slack.calls_to("chat.update")) == posts
    assert [c.args.get("include_all_metadata") for c in slack.calls_to("conversations.replies")]


def test_app_home_lists_the_users_digests_settings_and_health(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    event = mention(articles.url("/story"))
    send_event(running.base_url, event)
    slack.wait_for(lambda: digests(slack, event["event"]["ts"]))
    slack.wait_for(lambda: running.bot.jobs.count("done") == 1)
    opened = {"type": "app_home_opened", "user": "U0REPORTER", "tab": "home", "channel": "D1"}
    assert send_event(running.base_url, event_callback(opened)).status == 200
    [call] = slack.wait_for(lambda: slack.calls_to("views.publish"))
    assert call.result["ok"], call.result
    view = call.args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert call.args["user_id"] == "U0REPORTER" and view["type"] == "home"
    shown = json.dumps(view["blocks"])
    assert articles.url("/story") in shown and "Summary length" in shown and "healthy" in shown
    validate(view["blocks"])
