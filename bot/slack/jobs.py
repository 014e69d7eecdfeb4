"""The worker pool: takes accepted jobs from the store, runs the pipeline, answers in Slack."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from bot.digest import Digest, Progress
from bot.errors import NewsbotError
from bot.render.slack import (
    METADATA_EVENT,
    digest_message,
    digest_metadata,
    error_message,
    placeholder_message,
)
from bot.slack.assistant import part_of
from bot.slack.store import Job, Store

log = logging.getLogger(__name__)


class Build(Protocol):
    """link → Digest; `progress` hears each stage's name as it starts."""

    def __call__(self, source: str, progress: Progress | None = None) -> Digest: ...


Track = Callable[[Job], AbstractContextManager[Progress | None]]  # a job's progress callback
Message = tuple[str, list[dict[str, Any]]]
Metadata = dict[str, Any]

WORKING, DONE, FAILED = "hourglass_flowing_sand", "white_check_mark", "warning"
UNEXPECTED = "Something went wrong while reading that link; please try again later."
# Workers are woken when a job is stored; the poll only bounds how long a missed wake-up waits.
IDLE_POLL_S = 1.0


def respond(response_url: str, message: Message, *, private: bool) -> None:
    """Post to a `response_url` (slash commands, shortcuts, buttons)."""
    text, blocks = message
    hook = WebhookClient(
        response_url, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3)]
    )
    resp = hook.send(
        text=text,
        blocks=blocks,
        response_type="ephemeral" if private else "in_channel",
        replace_original=False,
    )
    if resp.status_code >= 400:
        raise SlackApiError(f"response_url answered {resp.status_code}", resp)  # type: ignore[arg-type]


class Runner:
    """Runs one job at a time per thread; a failing job never stops its worker."""

    def __init__(
        self,
        store: Store,
        client: WebClient,
        build: Build,
        cache_ttl_s: float,
        track: Track | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.build = build
        self.cache_ttl_s = cache_ttl_s
        self.track: Track = track or (lambda job: nullcontext(None))
        self._wake = threading.Condition()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    # -- the pool --------------------------------------------------------------------------

    def start(self, workers: int) -> None:
        """Resume what a previous process accepted, then start `workers` threads."""
        resumed = self.store.requeue_interrupted()
        if resumed:
            log.info("resuming %d interrupted job(s)", resumed)
        for i in range(workers):
            thread = threading.Thread(target=self._loop, name=f"newsbot-worker-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wake(self) -> None:
        """A job was stored: let one idle worker take it."""
        with self._wake:
            self._wake.notify()

    def stop(self, timeout_s: float = 5.0) -> bool:
        """Let the workers finish their current job; False if one is still busy."""
        self._stopping.set()
        with self._wake:
            self._wake.notify_all()
        deadline = time.monotonic() + timeout_s
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self._threads)

    @property
    def running(self) -> bool:
        return bool(self._threads) and all(t.is_alive() for t in self._threads)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            job = self.store.claim_job()
            if job is None:
                with self._wake:
                    self._wake.wait(IDLE_POLL_S)
                continue
            try:
                self.run(job)
            except Exception:  # the last line of defence: keep the worker alive
                log.exception("job %s failed while answering", job.id)
                self.store.finish_job(job.id, error=UNEXPECTED)

    # -- one job ---------------------------------------------------------------------------

    def run(self, job: Job) -> None:
        """Placeholder, pipeline, answer, reactions."""
        started = time.monotonic()
        if job.attempts > 1:  # resumed after a crash: what did Slack already receive?
            job = self._already_delivered(job)
            if job.status == "done":
                return
        self._react(job, add=WORKING)
        if not job.private and job.channel and not job.placeholder_ts:
            self._post_placeholder(job)
            job = self.store.job(job.id) or job
        try:
            digest_id, digest = self._digest(job)
        except NewsbotError as err:
            self._fail(job, str(err))
        except Exception:
            log.exception("pipeline crashed on %s", job.url)
            self._fail(job, UNEXPECTED)
        else:
            self._deliver_digest(job, digest_id, digest)
            self.store.finish_job(job.id, digest_id=digest_id)
            self._react(job, remove=WORKING, add=DONE)
        if job.note:
            self._deliver(job, (job.note, []), new_message=True)
        log.info("job %s (%s) answered in %.2f s", job.id, job.kind, time.monotonic() - started)

    def _fail(self, job: Job, sentence: str) -> None:
        self._deliver(job, error_message(sentence, job.url))
        self.store.finish_job(job.id, error=sentence)
        self._react(job, remove=WORKING, add=FAILED)

    def _digest(self, job: Job) -> tuple[str, Digest]:
        if not job.fresh:
            cached = self.store.cached_digest(job.canon, self.cache_ttl_s)
            if cached:
                return cached
        with self.track(job) as progress:
            digest = self.build(job.url, progress=progress)
        return self.store.save_digest(job.canon, digest), digest

    def _deliver_digest(self, job: Job, digest_id: str, digest: Digest) -> None:
        """The digest with its provenance; the section-only layout if Slack refuses the blocks."""
        updated = job.kind == "resummarise"
        meta = digest_metadata(
            digest, canon=job.canon, digest_id=digest_id, job_id=job.id, updated=updated
        )
        only = part_of(job.kind)  # "quotes only" / "figures only"
        try:
            self._deliver(job, digest_message(digest, digest_id, updated=updated, only=only), meta)
        except SlackApiError as err:
            if err.response.get("error") != "invalid_blocks":
                raise
            log.info("blocks refused (%s); sending the section layout", err.response.get("errors"))
            message = digest_message(digest, digest_id, rich=False, updated=updated, only=only)
            self._deliver(job, message, meta)

    def _already_delivered(self, job: Job) -> Job:
        """Find this job's message by its metadata: a digest there finishes the job without a
        second post; a placeholder there is the one to update."""
        if not job.channel or job.private:
            return job
        try:
            if job.thread_ts:
                resp = self.client.conversations_replies(
                    channel=job.channel, ts=job.thread_ts, include_all_metadata=True, limit=200
                )
            else:
                resp = self.client.conversations_history(
                    channel=job.channel, include_all_metadata=True, limit=50
                )
        except SlackApiError as err:
            log.info("cannot look for job %s's message: %s", job.id, err.response.get("error"))
            return job
        for message in resp.get("messages") or []:
            meta = message.get("metadata") or {}
            payload = meta.get("event_payload") or {}
            if meta.get("event_type") != METADATA_EVENT or payload.get("job_id") != job.id:
                continue
            if payload.get("digest_id"):
                log.info("job %s was delivered before the restart; not posting again", job.id)
                self.store.finish_job(job.id, digest_id=str(payload["digest_id"]))
                self._react(job, remove=WORKING, add=DONE)
                return dataclasses.replace(job, status="done")
            self.store.set_placeholder(job.id, str(message["ts"]))
            return dataclasses.replace(job, placeholder_ts=str(message["ts"]))
        return job

    def _post_placeholder(self, job: Job) -> None:
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
        except SlackApiError as err:
            # e.g. a slash command in a channel the bot is not in: answer via response_url.
            log.info("no placeholder for job %s: %s", job.id, err.response.get("error"))
            return
        self.store.set_placeholder(job.id, str(resp["ts"]))

    def _deliver(
        self,
        job: Job,
        message: Message,
        metadata: Metadata | None = None,
        *,
        new_message: bool = False,
    ) -> None:
        """Replace the placeholder, or post in the thread, or answer via response_url."""
        text, blocks = message
        if job.private or (job.channel is None and job.response_url):
            respond(job.response_url or "", message, private=True)
        elif job.placeholder_ts and not new_message:
            self.client.chat_update(
                channel=job.channel or "",
                ts=job.placeholder_ts,
                text=text,
                blocks=blocks,
                metadata=metadata,
            )
        elif job.channel:
            try:
                self.client.chat_postMessage(
                    channel=job.channel,
                    thread_ts=job.thread_ts,
                    text=text,
                    blocks=blocks,
                    unfurl_links=False,
                    metadata=metadata,
                )
            except SlackApiError as err:
                if not job.response_url or err.response.get("error") == "invalid_blocks":
                    raise
                respond(job.response_url, message, private=False)

    def _react(self, job: Job, *, add: str | None = None, remove: str | None = None) -> None:
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
            except SlackApiError as err:
                # already_reacted / no_reaction after a resumed job: harmless.
                log.debug("reaction %s on job %s: %s", name, job.id, err.response.get("error"))
