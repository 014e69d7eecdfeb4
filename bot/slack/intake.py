"""Slack payloads → stored jobs, before the ack: find the links, drop retries and repeats,
wake a worker. What a listener may do after its ack comes back as a `Later`."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digest import Digest
from bot.errors import NewsbotError, StoreBusy
from bot.render.slack import parse_vote
from bot.slack.assistant import only_needs_link, requested_part, suggest_prompts, with_part
from bot.slack.delivery import Delivery
from bot.slack.links import MAX_LINKS, canonical_url, find_links
from bot.slack.queue import Accepting, GroupCommit, NewJob
from bot.slack.spool import Spool

log = logging.getLogger(__name__)
# Slack's link markup `<https://…|label>` and bare http(s) URLs: what is left are the words.
_LINKLESS = re.compile(r"<[^>]*>|https?://\S+", re.IGNORECASE)

Payload = dict[str, Any]
Request = tuple[str, list[NewJob]]  # (key, jobs): what one Slack request stores
Later = Callable[[], None] | None
# Slack re-sends after 3 s: the ack may wait this long for the store, then the request goes
# to the spool; after a busy store, the next second of requests goes straight to the spool.
STORE_WAIT_S = 0.25
BUSY_PAUSE_S = 1.0

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


class Wakes(Protocol):
    """The worker pool (embedded) or the dispatcher to the broker (front end)."""

    def wake(self) -> None: ...


class Digests(Protocol):
    """Stored digests and their feedback: SQLite or Redis."""

    def digest(self, digest_id: str) -> Digest | None: ...

    def add_feedback(self, digest_id: str, user: str, vote: int) -> None: ...


def _thread(message: Payload) -> str | None:
    return message.get("thread_ts") or message.get("ts")


class Intake:
    """Everything a listener does before its `ack()`: cheap, and never waiting long."""

    def __init__(
        self,
        jobs: Accepting,
        store: Digests,
        spool: Spool,
        runner: Wakes,
        client: WebClient,
        delivery: Delivery,
        dedupe_window_s: float,
    ) -> None:
        self.jobs = jobs
        self.store = store
        self.spool = spool
        self.runner = runner
        self.client = client
        self.delivery = delivery
        self.dedupe_window_s = dedupe_window_s
        # One writer thread batches concurrent requests into one transaction.
        self.writer: GroupCommit[Request, list[int] | None] = GroupCommit(
            lambda requests: jobs.accept_all(requests, dedupe_window_s, STORE_WAIT_S),
            "newsbot-accept",
        )
        self._busy_until = 0.0

    def store_busy(self) -> None:
        """The store was found locked elsewhere: spool the next second of requests at once."""
        self._busy_until = time.monotonic() + BUSY_PAUSE_S

    def _accept(self, body: Payload, jobs: list[NewJob]) -> bool:
        """Store a request's jobs durably; False when it is a repeat (Slack's retry)."""
        # Events carry an event_id, commands and interactions a trigger_id.
        key = str(body.get("event_id") or body.get("trigger_id") or uuid.uuid4().hex)
        if time.monotonic() >= self._busy_until:
            try:
                ids = self.writer.write((key, jobs), STORE_WAIT_S)
            except StoreBusy:
                self.store_busy()
                log.warning("store locked; spooling requests")
            else:
                if ids:
                    self.runner.wake()
                return ids is not None
        self.spool.add(key, jobs)  # the watchdog moves it into the queue when the lock lifts
        return True

    def _message_jobs(
        self, kind: str, message: Payload, channel: str, user: str | None
    ) -> list[NewJob]:
        """Jobs for each link in a message, answered in its thread."""
        links = find_links(message.get("text"))
        note = None
        if links.dropped:
            note = f"I read the first {MAX_LINKS} links; {links.dropped} more left out."
        return [
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

    def _help(self, channel: str, thread_ts: str | None) -> Callable[[], None]:
        return self._post(channel, thread_ts, NO_LINK)

    def _post(self, channel: str, thread_ts: str | None, text: str) -> Callable[[], None]:
        def post() -> None:
            self.client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)

        return post

    def _respond(self, response_url: str, text: str) -> Callable[[], None]:
        def post() -> None:
            try:
                self.delivery.respond(response_url, (text, []), private=True)
            except (NewsbotError, SlackApiError) as err:
                log.info("response_url: %s", err)

        return post

    # -- triggers: each stores its jobs and returns what to do after the ack ---------------

    def mention(self, body: Payload) -> Later:
        """An @mention (or a DM): summarise its links in its thread, or reply with help."""
        event = body.get("event", {})
        kind = "dm" if event.get("channel_type") == "im" else "mention"
        part = requested_part(event.get("text"))  # "quotes only <link>" (assistant DMs)
        jobs = self._message_jobs(with_part(kind, part), event, event["channel"], event.get("user"))
        if self._accept(body, jobs) and not jobs:
            if part:  # a suggested prompt ("Quotes only") arrives without a link
                return self._post(event["channel"], _thread(event), only_needs_link(part))
            return self._help(event["channel"], _thread(event))
        return None

    def direct_message(self, body: Payload) -> Later:
        """A DM to the bot; edits, joins and the bot's own posts are ignored."""
        event = body.get("event", {})
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return None
        return self.mention(body)

    def reaction(self, body: Payload) -> Later:
        """:newspaper: on a message: read the message and summarise its links."""
        event = body.get("event", {})
        item = event.get("item", {})
        if event.get("reaction") != "newspaper" or item.get("type") != "message":
            return None
        # The links are in the reacted message: read it before the ack, so the stored job
        # is complete (a repeat costs one read; the store drops it).
        message = self._fetch_message(item["channel"], item["ts"])
        if message is not None:
            self._accept(
                body, self._message_jobs("reaction", message, item["channel"], event.get("user"))
            )
        return None

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

    def shortcut(self, body: Payload) -> Later:
        """The "Summarise article" message shortcut."""
        message = body.get("message", {})
        channel = body.get("channel", {}).get("id")
        user = body.get("user", {}).get("id")
        jobs = self._message_jobs("shortcut", message, channel, user)
        if self._accept(body, jobs) and not jobs and body.get("response_url"):
            return self._respond(body["response_url"], "That message has no link I can read.")
        return None

    def command(self, command: Payload) -> str | None:
        """`/summarise [private] <link>`; returns the ephemeral ack text, if any."""
        text = command.get("text") or ""
        links = find_links(text, limit=1)
        if not links.urls:
            return USAGE
        private = wants_private(text)
        url = links.urls[0]
        job = NewJob(
            kind="command",
            url=url,
            canon=canonical_url(url),
            channel=command.get("channel_id"),
            user=command.get("user_id"),
            response_url=command.get("response_url"),
            private=private,
        )
        self._accept(command, [job])
        return f"Reading <{url}>… only you will see the summary." if private else None

    def feedback(self, body: Payload) -> Later:
        """👍/👎 on a digest: stored with it after the ack; the voter gets a thank-you."""
        vote = parse_vote(str(body["actions"][0].get("value") or ""))
        if vote is None:
            return None
        response_url = body.get("response_url")

        def record() -> None:
            assert vote is not None
            self.store.add_feedback(vote[0], body["user"]["id"], vote[1])
            if response_url:
                self._respond(response_url, "Thanks, noted.")()

        return record

    def home_opened(self, body: Payload, home: Callable[[str], dict[str, Any]]) -> Later:
        """The App Home tab was opened: publish the user's view, after the ack."""
        event = body.get("event", {})
        user = event.get("user")
        if event.get("tab") != "home" or not user:
            return None

        def publish() -> None:
            self.client.views_publish(user_id=user, view=home(user))

        return publish

    def assistant_thread_started(self, body: Payload) -> Later:
        """A new conversation in the assistant view: offer the suggested prompts after the
        ack (once: the event id is stored like any request's, so a retry offers nothing)."""
        event = body.get("event") or {}
        if not self._accept(body, []):
            return None
        return lambda: suggest_prompts(self.client, event)

    def full_digest(self, body: Payload) -> Later:
        """ "Full digest" on an unfurl: the whole digest in the thread of the shared link."""
        digest = self.store.digest(str(body["actions"][0].get("value") or ""))
        container = body.get("container") or {}
        channel = container.get("channel_id") or body.get("channel", {}).get("id")
        if digest is None or not digest.url or not channel:
            return None
        message = body.get("message") or {}
        thread = message.get("thread_ts") or container.get("thread_ts")
        job = NewJob(
            kind="unfurl",
            url=digest.url,
            canon=canonical_url(digest.url),
            channel=channel,
            thread_ts=thread or container.get("message_ts") or message.get("ts"),
            user=body.get("user", {}).get("id"),
        )
        self._accept(body, [job])
        return None

    def resummarise(self, body: Payload) -> Later:
        """ "Re-summarise": build the digest again, skipping the cache, in the same message."""
        digest = self.store.digest(body["actions"][0]["value"])
        if digest is None or not digest.url:
            return None
        message = body.get("message") or {}
        ephemeral = bool(body.get("container", {}).get("is_ephemeral"))
        job = NewJob(
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
        self._accept(body, [job])
        return None
