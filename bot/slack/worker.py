"""One job in a `newsbot worker` process, idempotent by job id: a redelivered job (its worker
was killed, the broker handed it out twice) finds what was already done and does the rest.

The delivery record lives with the job in Redis: the placeholder `ts` (a redelivery updates
that message instead of posting another), the digest id (never rebuilt), `posted` and
`note_sent` (never sent twice), and the final status (a finished job is skipped).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass, replace

import redis
from celery.exceptions import SoftTimeLimitExceeded
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.digest import Digest
from bot.errors import NewsbotError, SiteTooSlow, SlackUnavailable
from bot.render.slack import digest_message, digest_metadata, error_message
from bot.slack.delivery import Delivery, Message, Metadata
from bot.slack.jobs import (
    DONE,
    FAILED,
    MAX_DELIVERIES,
    MAX_REQUEUE_DELAY_S,
    SLACK_GAVE_UP,
    UNEXPECTED,
    WORKING,
)
from bot.slack.pipeline import Pipeline
from bot.slack.queue import MAX_ATTEMPTS, Job
from bot.slack.shared import LEASE_MS, SharedState

log = logging.getLogger(__name__)
# The job a log record is about: `JobIdFilter` puts it on every record (`%(job_id)s`).
current_job: ContextVar[str] = ContextVar("current_job", default="-")


class JobIdFilter(logging.Filter):
    """Adds `job_id` to each record, so every line a job causes can be found by its id."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.job_id = current_job.get()
        return True


SLOW_SITE_RETRIES = 2  # a page past the fetch deadline is tried again this often
CRASHED = "I gave up on that link: reading it stopped the worker several times."
TOO_LONG = "Reading that link took too long; please try again later."


@dataclass(frozen=True)
class Outcome:
    """What the task does next: nothing (`retry_in` None) or run again after `retry_in` s."""

    status: str  # done, failed, skipped (finished already), leased (running elsewhere), retry
    retry_in: float | None = None


class _Lease:
    """Holds a job's lease while it runs: renewed every second by a thread, so a killed
    worker's lease lapses within `LEASE_MS` and the redelivered job can start."""

    def __init__(self, state: SharedState, job_id: int, token: str) -> None:
        self.state, self.job_id, self.token = state, job_id, token
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew, daemon=True, name="newsbot-lease")

    def __enter__(self) -> _Lease:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def _renew(self) -> None:
        while not self._stop.wait(LEASE_MS / 5000):
            try:
                self.state.renew(self.job_id, self.token)
            except Exception:  # Redis restarting: the next round tries again
                log.warning("job %s: lease not renewed", self.job_id)


class JobWorker:
    """The steps of one job; the model is loaded once per process (the pipeline's)."""

    def __init__(
        self, state: SharedState, delivery: Delivery, pipeline: Pipeline, settings: Settings
    ) -> None:
        self.state = state
        self.delivery = delivery
        self.pipeline = pipeline
        self.settings = settings
        self.name = f"{socket.gethostname()}:{os.getpid()}"

    def run(self, job_id: int, redelivered: bool = False) -> Outcome:
        """Run job `job_id` if it is not finished and nobody else holds it."""
        marker = current_job.set(str(job_id))
        try:
            return self._run(job_id, redelivered)
        finally:
            current_job.reset(marker)

    def _run(self, job_id: int, redelivered: bool) -> Outcome:
        token = uuid.uuid4().hex
        claim = self.state.claim(job_id, token, self.name)
        if claim in ("gone", "finished"):
            log.info("job %s: %s already; nothing to do", job_id, claim)
            return Outcome("skipped")
        if claim.startswith("leased:"):
            left_ms = max(int(claim.split(":", 1)[1]), 0)
            return Outcome("leased", left_ms / 1000 + 0.1)
        if redelivered or int(claim) > 1:
            self.state.incr("jobs_redelivered")
        job = self.state.job(job_id)
        assert job is not None  # claimed just now
        if job.attempts > MAX_ATTEMPTS:  # it killed its worker each time: stop trying
            outcome = self._answer(job, error_message(CRASHED, job.url), error=CRASHED)
            self.state.release(job_id, token, again=outcome.retry_in is not None)
            return outcome
        log.info("job %s: started (attempt %d) %s", job_id, job.attempts, job.url)
        with _Lease(self.state, job_id, token):
            try:
                outcome = self._steps(job)
            except Exception as err:
                if isinstance(err, redis.RedisError):
                    raise  # the shared store is away: the task puts the job back
                # a bug or the soft time limit: the job ends with a sentence, the process lives
                log.exception("job %s failed while answering", job_id)
                sentence = TOO_LONG if isinstance(err, SoftTimeLimitExceeded) else UNEXPECTED
                job = self.state.job(job_id) or job
                outcome = self._answer(job, error_message(sentence, job.url), error=sentence)
        self.state.release(job_id, token, again=outcome.retry_in is not None)
        if outcome.status in ("done", "failed"):
            created = float(self.state.field(job_id, "created") or time.time())
            self.state.observe("job_latency_seconds", time.time() - created)
            log.info("job %s: %s", job_id, outcome.status)
        return outcome

    def _steps(self, job: Job) -> Outcome:
        if job.attempts > 1:  # its worker died: did Slack get the message before that?
            digest_id, ts = self.delivery.delivered(job)
            if digest_id:
                log.info("job %s was delivered before its worker died; not again", job.id)
                self.state.finish(job.id, digest_id=digest_id)
                self.delivery.react(job, remove=WORKING, add=DONE)
                return Outcome("done")
            if ts and ts != job.placeholder_ts:
                self.state.set(job.id, placeholder_ts=ts)
                job = replace(job, placeholder_ts=ts)
        self.delivery.react(job, add=WORKING)
        wants_placeholder = not job.private and job.channel and not job.placeholder_ts
        if wants_placeholder and not self.state.field(job.id, "posted"):
            ts = self.delivery.placeholder(job)
            if ts:
                self.state.set(job.id, placeholder_ts=ts)
                job = replace(job, placeholder_ts=ts)
        ready = self._ready_digest(job)
        if ready is None:
            try:
                article = self.pipeline.read(job.url)
                started = time.monotonic()
                digest = self.pipeline.digest(article, job.url)
                self.state.observe("model_latency_seconds", time.monotonic() - started)
            except SiteTooSlow as err:
                tries = int(self.state.r.hincrby(f"nb:job:{job.id}", "slow_tries", 1))
                if tries <= SLOW_SITE_RETRIES:
                    return Outcome("retry", self.settings.requeue_delay_s * 2**tries)
                return self._answer(job, error_message(str(err), job.url), error=str(err))
            except NewsbotError as err:
                return self._answer(job, error_message(str(err), job.url), error=str(err))
            digest_id = self.state.save_digest(job.canon, digest, self.settings.cache_ttl_s)
            self.state.set(job.id, digest_id=digest_id)
            ready = digest_id, digest
        return self._digest(job, *ready)

    def _digest(self, job: Job, digest_id: str, digest: Digest) -> Outcome:
        """The digest with its provenance; the section-only layout if Slack refuses blocks."""
        updated = job.kind == "resummarise"
        meta = digest_metadata(
            digest, canon=job.canon, digest_id=digest_id, job_id=job.id, updated=updated
        )
        message = digest_message(digest, digest_id, updated=updated)
        plain = digest_message(digest, digest_id, rich=False, updated=updated)
        return self._answer(job, message, digest_id=digest_id, meta=meta, fallback=plain)

    def _ready_digest(self, job: Job) -> tuple[str, Digest] | None:
        if job.digest_id:
            digest = self.state.digest(job.digest_id)
            if digest is not None:
                return job.digest_id, digest
        if job.fresh:
            return None
        return self.state.cached_digest(job.canon, self.settings.cache_ttl_s)

    def _answer(
        self,
        job: Job,
        message: Message,
        *,
        digest_id: str | None = None,
        error: str | None = None,
        meta: Metadata | None = None,
        fallback: Message | None = None,
    ) -> Outcome:
        try:
            if job.placeholder_ts or not self.state.field(job.id, "posted"):
                # Updating the placeholder again writes the same message: idempotent.
                try:
                    self.delivery.send(job, message, meta)
                except SlackApiError as err:
                    if fallback is None or err.response.get("error") != "invalid_blocks":
                        raise
                    self.delivery.send(job, fallback, meta)
                self.state.set(job.id, posted=1)
        except SlackUnavailable as err:
            deliveries = int(self.state.r.hincrby(f"nb:job:{job.id}", "deliveries", 1))
            if deliveries >= MAX_DELIVERIES:
                self.state.finish(job.id, error=f"{SLACK_GAVE_UP} ({err})")
                return Outcome("failed")
            delay = min(self.settings.requeue_delay_s * 2 ** (deliveries - 1), MAX_REQUEUE_DELAY_S)
            log.info("job %s: %s; again in %.1f s", job.id, err, delay)
            return Outcome("retry", delay)
        except SlackApiError as err:  # permanent: channel_not_found, not_in_channel, …
            self.state.finish(job.id, error=f"{SLACK_GAVE_UP} ({err.response.get('error')})")
            return Outcome("failed")
        self.state.finish(job.id, digest_id=digest_id, error=error)
        if digest_id and job.user:
            self.state.delivered_to(job.user, digest_id)
        self.delivery.react(job, remove=WORKING, add=FAILED if error else DONE)
        if job.note and not self.state.field(job.id, "note_sent"):
            try:
                self.delivery.send(job, (job.note, []), new_message=True)
                self.state.set(job.id, note_sent=1)
            except (NewsbotError, SlackApiError) as err:
                log.info("job %s: note not sent: %s", job.id, err)
        return Outcome("failed" if error else "done")
