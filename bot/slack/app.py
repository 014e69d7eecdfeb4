"""Bolt wiring: each listener has `Intake` store the request, then acks, then does the rest."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import Ack, App, BoltResponse
from slack_sdk import WebClient

from bot.config import Settings
from bot.errors import NewsbotError
from bot.render.slack import ACTION_DOWN, ACTION_FEEDBACK, ACTION_RESUMMARISE, ACTION_UP
from bot.render.slack_unfurl import ACTION_FULL_DIGEST
from bot.slack.delivery import retry_handlers
from bot.slack.intake import Intake, Later
from bot.slack.unfurl import QueuedUnfurls, Unfurler

log = logging.getLogger(__name__)

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
    """The Web API client: the configured base URL; 5xx, 429 and lost connections retried."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=retry_handlers(settings),
    )


# What a listener does after its ack (help replies, feedback) runs here, off the request.
_after_ack = ThreadPoolExecutor(max_workers=8, thread_name_prefix="newsbot-after-ack")


def _then(ack: Ack, later: Later) -> None:
    ack()  # the request is stored: Slack hears "200" when the listener returns
    if later is not None:
        _after_ack.submit(_logged, later)


def _logged(later: Callable[[], None]) -> None:
    try:
        later()
    except Exception:
        log.exception("after the ack")


def build_app(
    settings: Settings,
    client: WebClient,
    intake: Intake,
    home: Home | None = None,
    unfurler: Unfurler | QueuedUnfurls | None = None,
) -> tuple[App, frozenset[str]]:
    """A Bolt app with every trigger registered, and the event types it listens to;
    `link_shared` only with an `unfurler` (unfurls are off unless NEWSBOT_UNFURL_DOMAINS)."""
    # process_before_response: Bolt acks events itself *before* running an async listener
    # (auto-acknowledgement), which lost stored-later jobs on a kill; run listeners in the
    # request instead, so the 200 leaves after the listener stored the job.
    # Signatures: the HTTP front door checks every request before anything parses it
    # (`frontdoor.verified_body`), and a stored event is dispatched later, maybe past the
    # five minutes Bolt's own check allows; Socket Mode has none.
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        process_before_response=True,
        request_verification_enabled=False,
    )
    events: set[str] = set()

    def event(name: str) -> Callable[..., Any]:  # app.event, noting the event type
        events.add(name)
        return app.event(name)

    @app.error
    def on_error(error: Exception) -> BoltResponse | None:
        # A signed payload with fields of the wrong shape: 400 (Slack must not retry it);
        # anything else (e.g. the store) stays a 500, and Slack sends the event again.
        if isinstance(error, KeyError | TypeError | AttributeError | ValueError) and not (
            isinstance(error, NewsbotError)
        ):
            log.warning("malformed Slack payload: %s: %s", type(error).__name__, error)
            return BoltResponse(status=400, body="malformed request body")
        log.error("listener failed: %s: %s", type(error).__name__, error)
        return None

    if unfurler is not None:

        @event("link_shared")
        def on_link_shared(ack: Ack, body: dict[str, Any]) -> None:
            # Only filters the links and hands them to the unfurler's own pool: no store,
            # no fetch, nothing that could hold the ack.
            unfurler.link_shared(body)
            ack()

    @event("assistant_thread_started")
    def on_assistant_thread(ack: Ack, body: dict[str, Any]) -> None:
        _then(ack, intake.assistant_thread_started(body))

    @event("app_home_opened")
    def on_home(ack: Ack, body: dict[str, Any]) -> None:
        _then(ack, intake.home_opened(body, home) if home is not None else None)

    @event("app_mention")
    def on_mention(ack: Ack, body: dict[str, Any]) -> None:
        _then(ack, intake.mention(body))

    @event("message")
    def on_message(ack: Ack, body: dict[str, Any]) -> None:
        _then(ack, intake.direct_message(body))

    @event("reaction_added")
    def on_reaction(ack: Ack, body: dict[str, Any]) -> None:
        _then(ack, intake.reaction(body))

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
        _then(ack, intake.shortcut(body))

    # feedback_buttons, and the 👍/👎 buttons of the section-only layout: the value says which.
    @app.action(re.compile(f"^({ACTION_FEEDBACK}|{ACTION_UP}|{ACTION_DOWN})$"))
    def on_feedback(ack: Ack, body: dict[str, Any]) -> None:
        _then(ack, intake.feedback(body))

    @app.action(ACTION_FULL_DIGEST)
    def on_full_digest(ack: Ack, body: dict[str, Any]) -> None:
        _then(ack, intake.full_digest(body))

    @app.action(ACTION_RESUMMARISE)
    def on_resummarise(ack: Ack, body: dict[str, Any]) -> None:
        _then(ack, intake.resummarise(body))

    return app, frozenset(events)
