"""Live progress while a job runs: the stage names ("Fetching", "Summarising", …), never
model text. In an assistant thread every stage goes to `assistant.threads.setStatus`;
elsewhere a stage that lasts `show_after_s` is written into the placeholder."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digest import Progress
from bot.render.slack import METADATA_EVENT, placeholder_message
from bot.slack.queue import Job

log = logging.getLogger(__name__)


def in_assistant_thread(job: Job) -> bool:
    """A DM inside a thread: in the assistant view every conversation is one."""
    return (
        job.kind.split(":")[0] == "dm"
        and bool(job.channel and job.thread_ts)
        and job.thread_ts != job.message_ts
    )


class AssistantStatus:
    """Each stage as the thread's status; cleared before the answer is delivered."""

    def __init__(self, client: WebClient, channel: str, thread_ts: str) -> None:
        self.client, self.channel, self.thread_ts = client, channel, thread_ts
        self._set = False
        self._refused = False

    def __call__(self, stage: str) -> None:
        self._status(f"{stage}…")

    def clear(self) -> None:
        if self._set:
            self._status("")

    def _status(self, text: str) -> None:
        if self._refused:
            return
        try:
            self.client.assistant_threads_setStatus(
                channel_id=self.channel, thread_ts=self.thread_ts, status=text
            )
            self._set = bool(text)
        except SlackApiError as err:  # not an assistant thread after all: stay quiet
            log.info("setStatus refused: %s", err.response.get("error"))
            self._refused = True


class PlaceholderStage:
    """A stage still running after `show_after_s` is shown in the placeholder. Updates run on a
    timer under a lock, and `close()` takes the lock: none can land after the answer."""

    def __init__(self, client: WebClient, job: Job, show_after_s: float) -> None:
        self.client, self.job, self.show_after_s = client, job, show_after_s
        self._lock = threading.Lock()
        self._current: str | None = None
        self._timer: threading.Timer | None = None
        self._closed = False

    def __call__(self, stage: str) -> None:
        with self._lock:
            if self._closed:
                return
            self._current = stage
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.show_after_s, self._show, (stage,))
            self._timer.daemon = True
            self._timer.start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()

    def _show(self, stage: str) -> None:
        with self._lock:
            if self._closed or stage != self._current:
                return
            text, blocks = placeholder_message(self.job.url, stage)
            try:
                self.client.chat_update(
                    channel=self.job.channel or "",
                    ts=self.job.placeholder_ts or "",
                    text=text,
                    blocks=blocks,
                    metadata={
                        "event_type": METADATA_EVENT,
                        "event_payload": {"job_id": self.job.id},
                    },
                )
            except SlackApiError as err:  # progress is a courtesy: never fail the job for it
                log.info("progress update refused: %s", err.response.get("error"))


class Tracker:
    """The progress callback for one job, as a context: `with tracker(job) as progress:`."""

    def __init__(self, client: WebClient, show_after_s: float) -> None:
        self.client = client
        # Placeholder updates go without 429 retries: a rate-limited courtesy is dropped, and
        # the worker never sleeps on Retry-After for it.
        self.quiet_client = WebClient(token=client.token, base_url=client.base_url)
        self.show_after_s = show_after_s

    @contextmanager
    def __call__(self, job: Job) -> Iterator[Progress | None]:
        if job.private or not job.channel:
            yield None
        elif in_assistant_thread(job):
            status = AssistantStatus(self.client, job.channel, job.thread_ts or "")
            try:
                yield status
            finally:
                status.clear()
        elif job.placeholder_ts:
            shown = PlaceholderStage(self.quiet_client, job, self.show_after_s)
            try:
                yield shown
            finally:
                shown.close()
        else:
            yield None
