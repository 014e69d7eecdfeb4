"""Bolt wiring: each listener acks at once and hands the payload to `Intake`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.config import Settings
from bot.render.slack import ACTION_DOWN, ACTION_FEEDBACK, ACTION_RESUMMARISE, ACTION_UP
from bot.render.slack_unfurl import ACTION_FULL_DIGEST
from bot.slack.intake import Intake
from bot.slack.unfurl import Unfurler

Home = Callable[[str], dict[str, Any]]  # user id → the App Home view
COMMAND = "/summarise"
SHORTCUT = "summarise_article"
EVENTS = ("app_mention", "message", "reaction_added", "app_home_opened", "assistant_thread_started")
# The manifest's bot scopes: what these listeners receive and what the bot calls.
SCOPES = (
    "app_mentions:read",  # app_mention
    "im:history",  # message.im (DMs)
    "reactions:read",  # reaction_added
    "channels:history",  # read a message that got a :newspaper: reaction
    "groups:history",  # … in private channels
    "commands",  # /summarise and the message shortcut
    "chat:write",  # placeholder, digest, errors
    "reactions:write",  # ⏳ ✅ ⚠️
    "assistant:write",  # suggested prompts and the status line in the assistant view
)
# Slack's event names in the manifest (message.im) for the listener names above.
MANIFEST_EVENTS = (
    "app_mention",
    "message.im",
    "reaction_added",
    "app_home_opened",
    "assistant_thread_started",
)
# Only with NEWSBOT_UNFURL_DOMAINS set: the listener, and what the manifest must then add.
UNFURL_EVENTS = ("link_shared",)
UNFURL_SCOPES = ("links:read", "links:write")  # link_shared; chat.unfurl


def web_client(settings: Settings) -> WebClient:
    """The Web API client: the configured base URL, and 429s retried after Retry-After."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3)],
    )


def build_app(
    settings: Settings,
    client: WebClient,
    intake: Intake,
    home: Home | None = None,
    unfurler: Unfurler | None = None,
) -> App:
    """A Bolt app with signature verification on and every trigger registered; `link_shared`
    only with an `unfurler` (unfurls are off unless NEWSBOT_UNFURL_DOMAINS is set)."""
    app = App(client=client, signing_secret=settings.slack_signing_secret or "")

    if unfurler is not None:

        @app.event("link_shared")
        def on_link_shared(ack: Ack, body: dict[str, Any]) -> None:
            ack()
            unfurler.link_shared(body)

    @app.event("assistant_thread_started")
    def on_assistant_thread(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        intake.assistant_thread_started(body)

    @app.event("app_home_opened")
    def on_home(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        if home is not None:
            intake.home_opened(body, home)

    @app.event("app_mention")
    def on_mention(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        intake.mention(body)

    @app.event("message")
    def on_message(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        intake.direct_message(body)

    @app.event("reaction_added")
    def on_reaction(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        intake.reaction(body)

    @app.command(COMMAND)
    def on_command(ack: Ack, command: dict[str, Any]) -> None:
        # Parsing and storing take a few ms, so the ack can carry the "Reading…" note.
        text = intake.command(command)
        if text:
            ack(text=text)
        else:
            ack()

    @app.shortcut(SHORTCUT)
    def on_shortcut(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        intake.shortcut(body)

    # feedback_buttons, and the 👍/👎 buttons of the section-only layout: the value says which.
    @app.action(re.compile(f"^({ACTION_FEEDBACK}|{ACTION_UP}|{ACTION_DOWN})$"))
    def on_feedback(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        intake.feedback(body)

    @app.action(ACTION_FULL_DIGEST)
    def on_full_digest(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        intake.full_digest(body)

    @app.action(ACTION_RESUMMARISE)
    def on_resummarise(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        intake.resummarise(body)

    return app
