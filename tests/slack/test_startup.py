"""`newsbot serve` refuses to start, in one line, when Slack can't be used."""

from __future__ import annotations

import pytest

from bot.errors import NewsbotError
from bot.slack.server import Bot
from tests.fakes.slack import FakeSlack


def test_refused_token_is_one_clear_error(bot_settings, slack: FakeSlack):
    slack.fail("auth.test", error="invalid_auth")
    with pytest.raises(NewsbotError, match=r"Slack refused SLACK_BOT_TOKEN \(invalid_auth\)"):
        Bot(bot_settings, build=lambda source: None)  # type: ignore[arg-type,return-value]


def test_unreachable_slack_is_one_clear_error(bot_settings):
    offline = bot_settings.model_copy(update={"slack_api_url": "http://127.0.0.1:9/api/"})
    with pytest.raises(NewsbotError, match=r"can't reach Slack at http://127\.0\.0\.1:9/api/"):
        Bot(offline, build=lambda source: None)  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ({"slack_bot_token": None}, "Set SLACK_BOT_TOKEN"),
        ({"slack_signing_secret": None}, "Set SLACK_SIGNING_SECRET for HTTP mode"),
    ],
)
def test_missing_tokens_are_named(bot_settings, update, message):
    with pytest.raises(NewsbotError, match=message):
        Bot(bot_settings.model_copy(update=update))
