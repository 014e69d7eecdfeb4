"""Unfurls for the newsroom's own links: answered for a registered domain, ignored elsewhere;
"Full digest" posts the whole digest in the thread of the shared link."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.config import Settings
from tests.fakes.articles import ArticleServer
from tests.fakes.slack import FakeSlack
from tests.slack.blocks import validate
from tests.slack.conftest import (
    CHANNEL,
    Running,
    digests,
    event_callback,
    send_event,
    send_interaction,
    start_bot,
)

SHARED_TS = "1700000500.000001"


@pytest.fixture
def unfurling(bot_settings: Settings) -> Iterator[Running]:
    run = start_bot(bot_settings.model_copy(update={"unfurl_domains": " 127.0.0.1 , Example.org"}))
    yield run
    run.stop()


def link_shared(*urls: str, ts: str = SHARED_TS) -> dict[str, Any]:
    """A link_shared event_callback, as Slack sends it for a posted message."""
    links = [{"domain": urlsplit(u).hostname, "url": u} for u in urls]
    event = {
        "type": "link_shared",
        "channel": CHANNEL,
        "user": "U0REPORTER",
        "message_ts": ts,
        "unfurl_id": f"{CHANNEL}.{ts}.unfurl",
        "source": "conversations_history",
        "links": links,
        "event_ts": ts,
    }
    return event_callback(event)


def test_a_link_on_a_registered_domain_is_unfurled_and_others_are_left_alone(
    unfurling: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    ours = articles.url("/story")
    theirs = f"http://localhost:{articles.port}/elsewhere"  # same server, other domain
    assert send_event(unfurling.base_url, link_shared(theirs, ts="1700000500.000002")).status == 200
    sent = send_event(unfurling.base_url, link_shared(theirs, ours))
    assert sent.status == 200 and sent.seconds < 3
    [call] = slack.wait_for(lambda: slack.calls_to("chat.unfurl"))
    assert call.result["ok"], call.result
    assert call.args["unfurl_id"] == f"{CHANNEL}.{SHARED_TS}.unfurl"
    unfurls = call.args["unfurls"]
    assert list(unfurls) == [ours]  # the other domain's link got nothing
    blocks = unfurls[ours]["blocks"]
    validate(blocks)
    shown = json.dumps(blocks)
    assert ours in shown and "Full digest" in shown
    assert not [path for path, _ in articles.requests if path == "/elsewhere"]
    # Through the bot's cache: the digest is stored, and a second share fetches nothing.
    unfurling.bot.runner.stop()  # nothing else may run while we count
    fetched = len(articles.requests)
    send_event(unfurling.base_url, link_shared(ours, ts="1700000500.000003"))
    slack.wait_for(lambda: len(slack.calls_to("chat.unfurl")) == 2)
    assert len(articles.requests) == fetched


def test_full_digest_button_posts_the_digest_in_the_thread(
    unfurling: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    url = articles.url("/story")
    send_event(unfurling.base_url, link_shared(url))
    [call] = slack.wait_for(lambda: slack.calls_to("chat.unfurl"))
    button = next(
        e
        for b in call.args["unfurls"][url]["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    )
    click = {
        "type": "block_actions",
        "trigger_id": "t",
        "team": {"id": "T0001"},
        "user": {"id": "U0EDITOR"},
        "channel": {"id": CHANNEL},
        "container": {
            "type": "message_attachment",
            "message_ts": SHARED_TS,
            "channel_id": CHANNEL,
            "is_app_unfurl": True,
            "app_unfurl_url": url,
        },
        "actions": [{"action_id": button["action_id"], "value": button["value"], "type": "button"}],
    }
    assert send_interaction(unfurling.base_url, click).status == 200
    [digest] = slack.wait_for(lambda: digests(slack, SHARED_TS))
    assert digest["channel"] == CHANNEL
    types = [b["type"] for b in digest["blocks"]]
    assert "table" in types and "context_actions" in types  # the full digest, not the preview
    assert digest["metadata"]["event_payload"]["digest_id"] == button["value"]  # from the cache
