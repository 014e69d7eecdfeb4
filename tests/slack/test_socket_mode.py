"""The bot in Socket Mode: envelopes over a fake Slack websocket, acks checked."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from bot.config import Settings
from tests.fakes.articles import ArticleServer
from tests.fakes.slack import FakeSlack
from tests.slack.conftest import Running, digests, mention, slash, start_bot


@pytest.fixture
def socket_bot(bot_settings: Settings, slack: FakeSlack) -> Iterator[Running]:
    settings = bot_settings.model_copy(
        update={"slack_app_token": "xapp-test", "slack_signing_secret": None}
    )
    run = start_bot(settings)
    slack.wait_for_socket()
    yield run
    run.stop()


def test_socket_mode_connects_and_reports_healthy(socket_bot: Running, slack: FakeSlack) -> None:
    [opened] = slack.calls_to("apps.connections.open")
    assert opened.args["_token"] == "xapp-test"  # the app-level token, not the bot token
    resp = httpx.get(f"{socket_bot.base_url}/healthz")
    assert resp.status_code == 200 and resp.json()["mode"] == "socket"
    # no HTTP events endpoint in Socket Mode
    assert httpx.post(f"{socket_bot.base_url}/slack/events").status_code == 404


def test_mention_over_socket_is_acked_and_answered_once(
    socket_bot: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    payload = mention(articles.url("/story"))
    ts = payload["event"]["ts"]
    envelope_id, sent = slack.push("events_api", payload)
    ack = slack.wait_ack(envelope_id)
    print(f"\n[socket mode] mention ack latency: {(ack.at - sent) * 1000:.0f} ms")
    assert ack.at - sent < 3
    # Slack re-sends the same event when it thinks the ack was lost
    retry_id, _ = slack.push("events_api", payload, retry_attempt=1)
    slack.wait_ack(retry_id)
    assert len(slack.wait_for(lambda: digests(slack, ts))) == 1
    slack.wait_for(
        lambda: "white_check_mark" in {c.args["name"] for c in slack.calls_to("reactions.add")}
    )
    assert len(digests(slack, ts)) == 1


def test_private_slash_command_over_socket(
    socket_bot: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    command = slash(f"private {articles.url('/story')}", slack.response_url("sock"))
    envelope_id, sent = slack.push("slash_commands", command)
    ack = slack.wait_ack(envelope_id)
    assert ack.at - sent < 3
    assert ack.payload and "only you" in ack.payload["text"]
    answer = slack.wait_for(lambda: slack.calls_to("response_url"))[0].args
    assert answer["response_type"] == "ephemeral" and "Harwick" in answer["text"]
