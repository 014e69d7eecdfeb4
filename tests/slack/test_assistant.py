"""The DM as an assistant: suggested prompts, "quotes only" / "figures only", and the live
status line, which names each stage in order and is cleared before the verified digest."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.config import Settings
from bot.digest import STAGES
from bot.errors import NewsbotError
from bot.slack.pipeline import pipeline
from bot.slack.progress import PlaceholderStage
from bot.slack.queue import Job
from bot.summarise.extractive import ExtractiveSummariser
from tests.fakes.articles import ArticleServer
from tests.fakes.slack import FakeSlack
from tests.slack.blocks import validate
from tests.slack.conftest import (
    Running,
    digests,
    event_callback,
    send_event,
    thread_messages,
)

DM = "D0DM"
THREAD = "1700000600.000001"  # the assistant thread's root


def dm_in_thread(text: str, ts: str) -> dict[str, Any]:
    """A user's message in an assistant thread of the bot's DM."""
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": DM,
        "user": "U0REPORTER",
        "text": text,
        "ts": ts,
        "thread_ts": THREAD,
    }
    return event_callback(event)


def _types(message: dict[str, Any]) -> list[str]:
    return [b["type"] for b in message["blocks"]]


def test_a_new_assistant_thread_gets_the_suggested_prompts(
    running: Running, slack: FakeSlack
) -> None:
    started = {
        "type": "assistant_thread_started",
        "assistant_thread": {"user_id": "U0REPORTER", "channel_id": DM, "thread_ts": THREAD},
        "event_ts": THREAD,
    }
    assert send_event(running.base_url, event_callback(started)).status == 200
    [call] = slack.wait_for(lambda: slack.calls_to("assistant.threads.setSuggestedPrompts"))
    assert call.result["ok"]
    assert (call.args["channel_id"], call.args["thread_ts"]) == (DM, THREAD)
    titles = [p["title"] for p in call.args["prompts"]]
    assert titles == ["Summarise a link", "Quotes only", "Figures only"]


def test_quotes_only_with_status_updates_in_order_before_the_digest(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    ts = "1700000600.000002"
    send_event(running.base_url, dm_in_thread(f"quotes only <{articles.url('/story')}>", ts))
    [digest] = slack.wait_for(lambda: digests(slack, THREAD))
    validate(digest["blocks"])
    assert "rich_text" in _types(digest)  # the quotes…
    assert not {"table", "markdown"} & set(_types(digest))  # …and nothing else of the body
    assert len(_types(digest)) <= 6  # headline, context, quotes, footer, feedback
    statuses = [
        (i, c.args["status"])
        for i, c in enumerate(slack.calls)
        if c.method == "assistant.threads.setStatus"
    ]
    assert [s for _, s in statuses] == [f"{stage}…" for stage in STAGES] + [""]
    assert all(c.result["ok"] for c in slack.calls_to("assistant.threads.setStatus"))
    answered = max(
        i
        for i, c in enumerate(slack.calls)
        if c.method in ("chat.update", "chat.postMessage") and c.args.get("blocks")
    )
    assert max(i for i, _ in statuses) < answered  # the status never outlives the answer


def test_figures_only_and_a_prompt_without_a_link(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    send_event(running.base_url, dm_in_thread("Figures only", "1700000600.000003"))
    [ask] = slack.wait_for(lambda: thread_messages(slack).get(THREAD))
    assert "link" in ask["text"] and "figures" in ask["text"]
    send_event(
        running.base_url, dm_in_thread(f"{articles.url('/story')} figures only", "1700000600.4")
    )
    [digest] = slack.wait_for(lambda: digests(slack, THREAD))
    assert "table" in _types(digest) and "rich_text" not in _types(digest)


def test_a_slow_stage_is_shown_in_the_placeholder_and_nothing_lands_after_close(
    slack: FakeSlack,
) -> None:
    client = WebClient(token="xoxb-test", base_url=slack.api_url)
    job = Job(kind="mention", url="https://news.example.org/a", canon="", channel="C1", id=7)
    job = replace(job, placeholder_ts="1.1")
    now = PlaceholderStage(client, job, show_after_s=0)
    now("Summarising")
    [update] = slack.wait_for(lambda: slack.calls_to("chat.update"))
    assert "Summarising…" in update.args["text"] and update.args["ts"] == "1.1"
    assert update.args["metadata"]["event_payload"]["job_id"] == 7  # still findable on restart
    now.close()
    now("Checking figures and quotes")  # after close: nothing
    later = PlaceholderStage(client, job, show_after_s=60)
    later("Fetching")  # fast stages: superseded or closed before they are shown
    later("Extracting")
    later.close()
    client.auth_test()  # a call after the stages: had any been sent, it would precede this
    assert [c.method for c in slack.calls] == ["chat.update", "auth.test"]


def test_the_pipeline_names_each_stage_once_and_in_order(
    bot_settings: Settings, articles: ArticleServer
) -> None:
    """Fetchers report Fetching/Extracting, workers Summarising/Checking; a page that fails
    to load never reports Extracting."""
    run = pipeline(bot_settings, ExtractiveSummariser())
    heard: list[str] = []
    article = run.read(articles.url("/story"), heard.append)
    run.digest(article, articles.url("/story"), heard.append)
    assert heard == list(STAGES)
    heard.clear()
    with pytest.raises(NewsbotError):
        run.read(articles.url("/gone"), heard.append)
    assert heard == ["Fetching"]
