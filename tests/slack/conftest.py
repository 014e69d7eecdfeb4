"""Harness: a fake Slack, an article server and the real bot served by uvicorn on loopback."""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import uvicorn
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.slack.server import Bot, pipeline
from bot.summarise.extractive import ExtractiveSummariser
from tests.fakes.articles import ArticleServer, Page
from tests.fakes.slack import BOT_USER, TEAM, FakeSlack

SECRET = "test-signing-secret"
CHANNEL = "C0NEWS"
_ids = itertools.count(1)
# One pooled client: building a client per request costs more than the ack being measured.
_http = httpx.Client(timeout=10, limits=httpx.Limits(max_connections=64))


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def articles(example_html: str) -> Iterator[ArticleServer]:
    pages = {
        "/story": Page(example_html.encode()),
        "/gone": Page(b"gone", "text/plain", 410),
        "/report.pdf": Page(b"%PDF-1.7 fake", "application/pdf"),
    }
    with ArticleServer(pages) as server:
        yield server


@pytest.fixture
def bot_settings(settings: Settings, slack: FakeSlack) -> Settings:
    return settings.model_copy(
        update={
            "slack_bot_token": "xoxb-test",
            "slack_signing_secret": SECRET,
            "slack_api_url": slack.api_url,
            "workers": 2,
            # Placeholder progress only past a minute: the other tests count chat.update
            # calls, and a loaded machine must not add one (test_assistant covers progress).
            "progress_after_s": 60.0,
        }
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Running:
    """A started bot and, in HTTP mode, its uvicorn server."""

    bot: Bot
    base_url: str
    server: uvicorn.Server | None
    thread: threading.Thread | None

    def stop(self) -> None:
        if self.server is not None and self.thread is not None:
            self.server.should_exit = True
            self.thread.join(10)
        self.bot.stop()


def start_bot(settings: Settings) -> Running:
    """The real bot (extractive summariser) served over HTTP by uvicorn in a thread."""
    bot = Bot(settings, build=pipeline(settings, ExtractiveSummariser()))
    bot.start()
    port = free_port()
    config = uvicorn.Config(bot.asgi(), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    return Running(bot, f"http://127.0.0.1:{port}", server, thread)


@pytest.fixture
def running(bot_settings: Settings) -> Iterator[Running]:
    run = start_bot(bot_settings)
    yield run
    run.stop()


# -- Slack payloads -------------------------------------------------------------------------


def mention(text: str, *, ts: str | None = None, thread_ts: str | None = None) -> dict[str, Any]:
    """An app_mention event_callback, as Slack sends it."""
    n = next(_ids)
    event = {
        "type": "app_mention",
        "user": "U0REPORTER",
        "text": f"<@{BOT_USER}> {text}",
        "ts": ts or f"1700000000.{n:06d}",
        "channel": CHANNEL,
        "event_ts": ts or f"1700000000.{n:06d}",
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event_callback(event)


def event_callback(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": TEAM,
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "event": event,
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }


def slash(text: str, response_url: str) -> dict[str, str]:
    return {
        "command": "/summarise",
        "text": text,
        "team_id": TEAM,
        "channel_id": CHANNEL,
        "user_id": "U0REPORTER",
        "response_url": response_url,
        "trigger_id": f"trig{next(_ids)}",
    }


# -- signed HTTP ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    status: int
    body: str
    seconds: float  # the ack latency
    sent_at: float  # time.monotonic() when the request left


def post_signed(
    base_url: str,
    body: str,
    content_type: str,
    *,
    secret: str = SECRET,
    headers: dict[str, str] | None = None,
    client: httpx.Client | None = None,
) -> Sent:
    """POST to /slack/events signed like Slack; returns the status and the ack latency."""
    ts = str(int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    all_headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature or "",
        **(headers or {}),
    }
    started = time.monotonic()
    resp = (client or _http).post(f"{base_url}/slack/events", content=body, headers=all_headers)
    return Sent(resp.status_code, resp.text, time.monotonic() - started, started)


def send_event(base_url: str, payload: dict[str, Any], **kw: Any) -> Sent:
    return post_signed(base_url, json.dumps(payload), "application/json", **kw)


def send_form(base_url: str, form: dict[str, str], **kw: Any) -> Sent:
    return post_signed(base_url, urlencode(form), "application/x-www-form-urlencoded", **kw)


def send_interaction(base_url: str, payload: dict[str, Any]) -> Sent:
    return send_form(base_url, {"payload": json.dumps(payload)})


# -- reading what Slack received ------------------------------------------------------------


def thread_messages(slack: FakeSlack) -> dict[str | None, list[dict[str, Any]]]:
    """Final state of each bot message, by thread: a placeholder counts as what replaced it."""
    final: dict[str, dict[str, Any]] = {}
    thread_of: dict[str, str | None] = {}
    for call in slack.calls:
        if call.method == "chat.postMessage" and call.result.get("ok"):
            ts = call.result["ts"]
            final[ts] = call.args
            thread_of[ts] = call.args.get("thread_ts")
        elif call.method == "chat.update" and call.result.get("ok"):
            final[call.args["ts"]] = call.args
    by_thread: dict[str | None, list[dict[str, Any]]] = {}
    for ts, args in final.items():
        by_thread.setdefault(thread_of.get(ts), []).append(args)
    return by_thread


def is_digest(message: dict[str, Any]) -> bool:
    return bool(digest_id_of(message))


def digest_id_of(message: dict[str, Any]) -> str | None:
    """The digest id from a message's provenance metadata (None for other messages)."""
    meta = message.get("metadata") or {}
    return (meta.get("event_payload") or {}).get("digest_id")


def digests(slack: FakeSlack, thread_ts: str | None) -> list[dict[str, Any]]:
    return [m for m in thread_messages(slack).get(thread_ts, []) if is_digest(m)]
