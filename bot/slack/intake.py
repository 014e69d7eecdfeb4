"""Slack payloads → stored jobs: find the links, drop retries and repeats, wake a worker."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.render.slack import parse_vote
from bot.slack.assistant import only_needs_link, requested_part, suggest_prompts, with_part
from bot.slack.jobs import Runner, respond
from bot.slack.links import MAX_LINKS, canonical_url, find_links
from bot.slack.store import NewJob, Store

log = logging.getLogger(__name__)
# Slack's link markup `<https://…|label>` and bare http(s) URLs: what is left are the words.
_LINKLESS = re.compile(r"<[^>]*>|https?://\S+", re.IGNORECASE)

Payload = dict[str, Any]

HELP = (
    "Send me a link to a news article and I'll reply with a summary, the key figures and "
    "the quotes: mention me with the link, DM it to me, use `/summarise <link>` "
    "(`/summarise private <link>` answers only you), the message shortcut "
    '"Summarise article", or react with :newspaper: to a message with a link.'
)
USAGE = (
    "Usage: `/summarise <link>` posts a summary here; "
    "`/summarise private <link>` (or `<link> private`, `-p`) shows it only to you."
)
NO_LINK = "I couldn't find a link in that message. " + HELP


_PUBLIC_WORDS = {"public", "--public", "publicly"}


def wants_private(text: str) -> bool:
    """Whether `/summarise` text asks for a private answer: `private`, `private:`, `privately`,
    `--private`, `-p`, before or after the link. Any other word is doubt, and doubt answers
    privately: a digest posted to a channel by mistake can't be taken back."""
    words = [w.strip(" \t<>|:;,.!?\"'“”‘’").lower() for w in _LINKLESS.sub(" ", text).split()]
    words = [w for w in words if w]
    return not (words == [] or (len(words) == 1 and words[0] in _PUBLIC_WORDS))


def _thread(message: Payload) -> str | None:
    return message.get("thread_ts") or message.get("ts")


class Intake:
    """Everything a listener does after `ack()`; cheap and never blocking on the pipeline."""

    def __init__(
        self, store: Store, runner: Runner, client: WebClient, dedupe_window_s: float
    ) -> None:
        self.store = store
        self.runner = runner
        self.client = client
        self.dedupe_window_s = dedupe_window_s

    def _first_delivery(self, body: Payload) -> bool:
        # Slack re-sends an event up to 3 times when the ack is slow (X-Slack-Retry-Num).
        event_id = body.get("event_id")
        return not event_id or self.store.first_delivery(str(event_id))

    def _enqueue(self, jobs: list[NewJob]) -> int:
        added = 0
        for job in jobs:
            if self.store.add_job(job, self.dedupe_window_s) is not None:
                added += 1
                self.runner.wake()
        return added

    def _message_jobs(self, kind: str, message: Payload, channel: str, user: str | None) -> int:
        """Jobs for each link in a message, answered in its thread; -1 when it had no link."""
        links = find_links(message.get("text"))
        if not links.urls:
            return -1
        note = None
        if links.dropped:
            note = f"I read the first {MAX_LINKS} links; {links.dropped} more left out."
        jobs = [
            NewJob(
                kind=kind,
                url=url,
                canon=canonical_url(url),
                channel=channel,
                thread_ts=_thread(message),
                message_ts=message.get("ts"),
                user=user,
                note=note if i == len(links.urls) - 1 else None,
            )
            for i, url in enumerate(links.urls)
        ]
        return self._enqueue(jobs)

    def _help(self, channel: str, thread_ts: str | None) -> None:
        self.client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=NO_LINK)

    # -- triggers --------------------------------------------------------------------------

    def mention(self, body: Payload) -> None:
        """An @mention (or a DM): summarise its links in its thread, or reply with help."""
        event = body.get("event", {})
        if not self._first_delivery(body):
            return
        kind = "dm" if event.get("channel_type") == "im" else "mention"
        part = requested_part(event.get("text"))
        if (
            self._message_jobs(with_part(kind, part), event, event["channel"], event.get("user"))
            < 0
        ):
            if part:  # a suggested prompt ("Quotes only") arrives without a link
                self.client.chat_postMessage(
                    channel=event["channel"], thread_ts=_thread(event), text=only_needs_link(part)
                )
            else:
                self._help(event["channel"], _thread(event))

    def direct_message(self, body: Payload) -> None:
        """A DM to the bot; edits, joins and the bot's own posts are ignored."""
        event = body.get("event", {})
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        self.mention(body)

    def reaction(self, body: Payload) -> None:
        """:newspaper: on a message: read the message and summarise its links."""
        event = body.get("event", {})
        item = event.get("item", {})
        if event.get("reaction") != "newspaper" or item.get("type") != "message":
            return
        if not self._first_delivery(body):
            return
        message = self._fetch_message(item["channel"], item["ts"])
        if message is not None:
            self._message_jobs("reaction", message, item["channel"], event.get("user"))

    def _fetch_message(self, channel: str, ts: str) -> Payload | None:
        try:
            resp = self.client.conversations_history(
                channel=channel, latest=ts, oldest=ts, inclusive=True, limit=1
            )
            found = resp.get("messages") or []
            if not found:  # a reply inside a thread is only visible through replies
                resp = self.client.conversations_replies(channel=channel, ts=ts, limit=1)
                found = [m for m in resp.get("messages") or [] if m.get("ts") == ts]
        except SlackApiError as err:
            log.info("cannot read reacted message: %s", err.response.get("error"))
            return None
        return found[0] if found else None

    def shortcut(self, body: Payload) -> None:
        """The "Summarise article" message shortcut."""
        message = body.get("message", {})
        channel = body.get("channel", {}).get("id")
        user = body.get("user", {}).get("id")
        if self._message_jobs("shortcut", message, channel, user) < 0 and body.get("response_url"):
            respond(
                body["response_url"], ("That message has no link I can read.", []), private=True
            )

    def command(self, command: Payload) -> str | None:
        """`/summarise [private] <link>`; returns the ephemeral ack text, if any."""
        text = command.get("text") or ""
        links = find_links(text, limit=1)
        if not links.urls:
            return USAGE
        private = wants_private(text)
        url = links.urls[0]
        self._enqueue(
            [
                NewJob(
                    kind="command",
                    url=url,
                    canon=canonical_url(url),
                    channel=command.get("channel_id"),
                    user=command.get("user_id"),
                    response_url=command.get("response_url"),
                    private=private,
                )
            ]
        )
        return f"Reading <{url}>… only you will see the summary." if private else None

    def feedback(self, body: Payload) -> None:
        """👍/👎 on a digest: stored with it; the voter gets a quiet thank-you."""
        vote = parse_vote(str(body["actions"][0].get("value") or ""))
        if vote is None:
            return
        self.store.add_feedback(vote[0], body["user"]["id"], vote[1])
        if body.get("response_url"):
            respond(body["response_url"], ("Thanks, noted.", []), private=True)

    def home_opened(self, body: Payload, home: Callable[[str], dict[str, Any]]) -> None:
        """The App Home tab was opened: publish the user's view."""
        event = body.get("event", {})
        if event.get("tab") != "home" or not event.get("user"):
            return
        self.client.views_publish(user_id=event["user"], view=home(event["user"]))

    def assistant_thread_started(self, body: Payload) -> None:
        """A new conversation in the assistant view: offer the suggested prompts."""
        if self._first_delivery(body):
            suggest_prompts(self.client, body.get("event") or {})

    def full_digest(self, body: Payload) -> None:
        """ "Full digest" on an unfurl: the whole digest in the thread of the shared link."""
        digest = self.store.digest(str(body["actions"][0].get("value") or ""))
        container = body.get("container") or {}
        channel = container.get("channel_id") or body.get("channel", {}).get("id")
        if digest is None or not digest.url or not channel:
            return
        message = body.get("message") or {}
        thread = message.get("thread_ts") or container.get("thread_ts")
        self._enqueue(
            [
                NewJob(
                    kind="unfurl",
                    url=digest.url,
                    canon=canonical_url(digest.url),
                    channel=channel,
                    thread_ts=thread or container.get("message_ts") or message.get("ts"),
                    user=body.get("user", {}).get("id"),
                )
            ]
        )

    def resummarise(self, body: Payload) -> None:
        """ "Re-summarise": build the digest again, skipping the cache, in the same message."""
        digest = self.store.digest(body["actions"][0]["value"])
        if digest is None or not digest.url:
            return
        message = body.get("message") or {}
        ephemeral = bool(body.get("container", {}).get("is_ephemeral"))
        self._enqueue(
            [
                NewJob(
                    kind="resummarise",
                    url=digest.url,
                    canon=canonical_url(digest.url),
                    channel=body.get("channel", {}).get("id"),
                    thread_ts=_thread(message),
                    user=body.get("user", {}).get("id"),
                    response_url=body.get("response_url"),
                    private=ephemeral,
                    fresh=True,
                    placeholder_ts=None if ephemeral else message.get("ts"),
                )
            ]
        )
