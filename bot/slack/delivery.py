"""Answers to Slack: placeholder, update or post, reactions, `response_url`. Transient
failures are retried here (slack_sdk's retry handlers) and then raised as `SlackUnavailable`
so the job goes back to the queue; only permanent errors end a job."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.jitter import RandomJitter
from slack_sdk.webhook import WebhookClient

from bot.config import Settings
from bot.errors import SlackUnavailable
from bot.render.slack import METADATA_EVENT, placeholder_message
from bot.slack.queue import Job

log = logging.getLogger(__name__)

Message = tuple[str, list[dict[str, Any]]]
Metadata = dict[str, Any]
# Slack's own words for "not now" (the HTTP status is 200 for some of them).
TRANSIENT_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                    "request_timeout"}  # fmt: skip


def retry_handlers(settings: Settings) -> list[RetryHandler]:
    """5xx, connection errors and 429 retried with exponential back-off and jitter."""
    backoff = BackoffRetryIntervalCalculator(settings.slack_retry_backoff_s, RandomJitter())
    n = settings.slack_retries
    return [
        ServerErrorRetryHandler(max_retry_count=n, interval_calculator=backoff),
        ConnectionErrorRetryHandler(max_retry_count=n, interval_calculator=backoff),
        RateLimitErrorRetryHandler(max_retry_count=n),  # waits Slack's Retry-After
    ]


def transient(err: Exception) -> bool:
    """A Slack failure worth trying again later (after the retry handlers gave up)."""
    if isinstance(err, SlackApiError):
        status = getattr(err.response, "status_code", 200)
        return status >= 500 or status == 429 or err.response.get("error") in TRANSIENT_ERRORS
    return isinstance(err, OSError)  # URLError, connection resets, timeouts


class Delivery:
    """Everything the workers say in Slack, for one job at a time."""

    def __init__(self, client: WebClient, settings: Settings) -> None:
        self.client = client
        self.handlers = retry_handlers(settings)

    def respond(self, response_url: str, message: Message, *, private: bool) -> None:
        """Post to a `response_url` (slash commands, shortcuts, buttons)."""
        text, blocks = message
        hook = WebhookClient(response_url, retry_handlers=self.handlers)
        try:
            resp = hook.send(
                text=text,
                blocks=blocks,
                response_type="ephemeral" if private else "in_channel",
                replace_original=False,
            )
        except OSError as err:
            raise SlackUnavailable(f"response_url unreachable ({err})") from err
        if resp.status_code >= 500 or resp.status_code == 429:
            raise SlackUnavailable(f"response_url answered {resp.status_code}")
        if resp.status_code >= 400:
            raise SlackApiError(f"response_url answered {resp.status_code}", resp)  # type: ignore[arg-type]

    def placeholder(self, job: Job) -> str | None:
        """Post "Reading…" in the thread; None when Slack won't have it (the answer goes
        out as a new message or via `response_url` later)."""
        text, blocks = placeholder_message(job.url)
        try:
            resp = self.client.chat_postMessage(
                channel=job.channel or "",
                thread_ts=job.thread_ts,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                metadata={"event_type": METADATA_EVENT, "event_payload": {"job_id": job.id}},
            )
        except (SlackApiError, OSError) as err:
            # e.g. a slash command in a channel the bot is not in, or Slack down for now
            log.info("no placeholder for job %s: %s", job.id, _reason(err))
            return None
        return str(resp["ts"])

    def delivered(self, job: Job) -> tuple[str | None, str | None]:
        """A resumed job's message, found by its metadata: (digest id if the digest went
        out, the message's ts); (None, None) when there is none or Slack can't say."""
        if not job.channel or job.private:
            return None, None
        try:
            if job.thread_ts:
                resp = self.client.conversations_replies(
                    channel=job.channel, ts=job.thread_ts, include_all_metadata=True, limit=200
                )
            else:
                resp = self.client.conversations_history(
                    channel=job.channel, include_all_metadata=True, limit=50
                )
        except (SlackApiError, OSError) as err:
            log.info("cannot look for job %s's message: %s", job.id, _reason(err))
            return None, None
        for message in resp.get("messages") or []:
            meta = message.get("metadata") or {}
            payload = meta.get("event_payload") or {}
            if meta.get("event_type") == METADATA_EVENT and payload.get("job_id") == job.id:
                digest_id = payload.get("digest_id")
                return (str(digest_id) if digest_id else None), str(message["ts"])
        return None, None

    def send(
        self,
        job: Job,
        message: Message,
        metadata: Metadata | None = None,
        *,
        new_message: bool = False,
    ) -> None:
        """Replace the placeholder, or post in the thread, or answer via `response_url`.

        Raises `SlackUnavailable` when Slack keeps failing; a permanent refusal falls back
        to `response_url` where there is one, else it is raised as `SlackApiError`.
        """
        try:
            self._send(job, message, metadata, new_message)
        except (SlackApiError, OSError) as err:
            if transient(err):
                raise SlackUnavailable(f"Slack is unavailable ({_reason(err)})") from err
            if not job.response_url or job.private or _reason(err) == "invalid_blocks":
                raise
            log.info("job %s: %s; answering via response_url", job.id, _reason(err))
            self.respond(job.response_url, message, private=False)

    def _send(
        self, job: Job, message: Message, metadata: Metadata | None, new_message: bool
    ) -> None:
        text, blocks = message
        if job.private or (job.channel is None and job.response_url):
            self.respond(job.response_url or "", message, private=True)
        elif job.placeholder_ts and not new_message:
            self.client.chat_update(
                channel=job.channel or "",
                ts=job.placeholder_ts,
                text=text,
                blocks=blocks,
                metadata=metadata,
            )
        elif job.channel:
            self.client.chat_postMessage(
                channel=job.channel,
                thread_ts=job.thread_ts,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                metadata=metadata,
            )

    def react(self, job: Job, *, add: str | None = None, remove: str | None = None) -> None:
        """⏳/✅/⚠️ on the asking message; best effort."""
        if not (job.channel and job.message_ts):
            return
        for method, name in (
            (self.client.reactions_remove, remove),
            (self.client.reactions_add, add),
        ):
            if not name:
                continue
            try:
                method(channel=job.channel, timestamp=job.message_ts, name=name)
            except (SlackApiError, OSError) as err:
                # already_reacted / no_reaction after a resumed job, or Slack down: harmless.
                log.debug("reaction %s on job %s: %s", name, job.id, _reason(err))


def _reason(err: Exception) -> str:
    if isinstance(err, SlackApiError):
        return str(err.response.get("error") or getattr(err.response, "status_code", "?"))
    return str(err)
