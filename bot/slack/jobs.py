"""The worker pool: fetchers read pages, workers summarise and answer, a watchdog keeps
them alive. A slow page holds one fetcher, never the model; a failing job never a thread."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.article import Article
from bot.config import Settings
from bot.digest import Digest, Progress
from bot.errors import NewsbotError, SlackUnavailable
from bot.render.slack import digest_message, digest_metadata, error_message
from bot.slack.assistant import part_of
from bot.slack.delivery import Delivery, Message
from bot.slack.pipeline import Pipeline
from bot.slack.queue import Job, JobQueue
from bot.slack.spool import Spool
from bot.slack.store import Store

log = logging.getLogger(__name__)

Track = Callable[[Job], AbstractContextManager[Progress | None]]  # a job's progress callback
WORKING, DONE, FAILED = "hourglass_flowing_sand", "white_check_mark", "warning"
UNEXPECTED = "Something went wrong while reading that link; please try again later."
SLACK_GAVE_UP = "Slack kept refusing the answer"
# Threads are woken when a job is stored; the poll only bounds how long a missed wake-up waits.
IDLE_POLL_S = 1.0
WATCH_S = 0.25
MAX_REQUEUE_DELAY_S = 300.0
MAX_DELIVERIES = 12  # with the capped back-off, about half an hour of Slack refusing


@dataclass
class Slot:
    """One pool thread and what it is doing."""

    role: str  # fetcher or worker
    thread: threading.Thread
    job_id: int | None = None
    busy_since: float | None = None
    retired: bool = False  # stuck: a replacement took its place; it exits when it can


@dataclass
class Read:
    """A fetched article on its way to a worker, with the job's progress, which stays open
    (one status line from "Fetching" to the answer) until the worker closes `stages`."""

    job: Job
    article: Article
    progress: Progress | None
    stages: ExitStack


class Runner:
    """Fetchers (`fetch_concurrency`) → model queue → workers (`workers`), plus a watchdog."""

    def __init__(
        self,
        jobs: JobQueue,
        store: Store,
        delivery: Delivery,
        pipeline: Pipeline,
        settings: Settings,
        spool: Spool | None = None,
        track: Track | None = None,
    ) -> None:
        self.jobs = jobs
        self.store = store
        self.delivery = delivery
        self.pipeline = pipeline
        self.settings = settings
        self.spool = spool
        self.track: Track = track or (lambda job: nullcontext(None))
        self._wake = threading.Condition()
        self._stopping = threading.Event()
        self._read: queue.Queue[Read] = queue.Queue(maxsize=settings.workers)
        self._slots: list[Slot] = []
        self._slots_lock = threading.Lock()
        self._watchdog: threading.Thread | None = None
        self.replaced = 0  # threads found dead or stuck and replaced since start

    # -- the pool --------------------------------------------------------------------------

    def start(self) -> None:
        """Resume what a previous process accepted, then start the threads."""
        resumed = self.jobs.requeue_interrupted()
        if resumed:
            log.info("resuming %d interrupted job(s)", resumed)
        self._drain()
        for _ in range(self.settings.fetch_concurrency):
            self._spawn("fetcher")
        for _ in range(self.settings.workers):
            self._spawn("worker")
        self._watchdog = threading.Thread(target=self._watch, name="newsbot-watchdog", daemon=True)
        self._watchdog.start()

    def _spawn(self, role: str) -> None:
        slot = Slot(role, threading.Thread(daemon=True))
        target = self._fetch_loop if role == "fetcher" else self._work_loop
        slot.thread = threading.Thread(target=target, args=(slot,), daemon=True,
                                       name=f"newsbot-{role}-{len(self._slots)}")  # fmt: skip
        with self._slots_lock:
            self._slots.append(slot)
        slot.thread.start()

    def wake(self) -> None:
        """A job was stored: let an idle fetcher take it."""
        with self._wake:
            self._wake.notify()

    def stop(self, timeout_s: float | None = None) -> bool:
        """Let the threads finish their job within the grace period, then hand back the
        rest to the queue (it resumes on the next start); False if a thread is still busy."""
        grace = self.settings.stop_grace_s if timeout_s is None else timeout_s
        self._stopping.set()
        with self._wake:
            self._wake.notify_all()
        deadline = time.monotonic() + grace
        for slot in list(self._slots):
            slot.thread.join(max(0.0, deadline - time.monotonic()))
        waiting = _empty(self._read)
        for read in waiting:
            read.stages.close()
        handed_back = [read.job.id for read in waiting]
        handed_back += [s.job_id for s in self._slots if s.thread.is_alive() and s.job_id]
        for job_id in handed_back:
            try:
                self.jobs.requeue(job_id)
            except Exception:
                log.exception("job %s stays running; the next start resumes it", job_id)
        if handed_back:
            log.info("handed back %d job(s) to the queue", len(handed_back))
        return not any(s.thread.is_alive() for s in self._slots)

    @property
    def running(self) -> bool:
        return (
            self._watchdog is not None and self._watchdog.is_alive() and not self._stopping.is_set()
        )

    def health(self) -> dict[str, Any]:
        """Threads alive per role, stuck ones, and how many were replaced since start."""
        now = time.monotonic()
        live = [s for s in self._slots if s.thread.is_alive() and not s.retired]
        stuck = [
            s.job_id
            for s in self._slots
            if s.busy_since and now - s.busy_since > self.settings.stuck_after_s
        ]
        return {
            "fetchers": sum(s.role == "fetcher" for s in live),
            "workers": sum(s.role == "worker" for s in live),
            "stuck_jobs": stuck,
            "replaced": self.replaced,
        }

    def _watch(self) -> None:
        while not self._stopping.wait(WATCH_S):
            try:
                self._drain()
                self._replace_dead_and_stuck()
            except Exception:  # the watchdog must outlive whatever it watches
                log.exception("watchdog round failed")

    def _drain(self) -> None:
        spool = self.spool
        if (
            spool is not None
            and spool.pending()
            and spool.drain(self.jobs, self.settings.dedupe_window_s)
        ):
            with self._wake:
                self._wake.notify_all()

    def _replace_dead_and_stuck(self) -> None:
        now = time.monotonic()
        for slot in list(self._slots):
            if slot.retired or self._stopping.is_set():
                continue
            if not slot.thread.is_alive():
                log.error("%s died; starting another", slot.thread.name)
            elif slot.busy_since and now - slot.busy_since > self.settings.stuck_after_s:
                log.error("%s stuck on job %s; starting another", slot.thread.name, slot.job_id)
            else:
                continue
            slot.retired = True
            self.replaced += 1
            self._spawn(slot.role)
            if not slot.thread.is_alive():
                with self._slots_lock:
                    self._slots.remove(slot)

    def _idle(self) -> None:
        with self._wake:
            self._wake.wait(IDLE_POLL_S)

    # -- the two loops ---------------------------------------------------------------------

    def _fetch_loop(self, slot: Slot) -> None:
        while not (self._stopping.is_set() or slot.retired):
            try:
                job = self.jobs.claim()
            except Exception:  # e.g. the store stayed locked: wait and try again
                log.exception("cannot claim a job")
                self._idle()
                continue
            if job is None:
                self._idle()
                continue
            self._guarded(slot, job, self._prepare)

    def _work_loop(self, slot: Slot) -> None:
        while not (self._stopping.is_set() or slot.retired):
            try:
                read = self._read.get(timeout=0.2)
            except queue.Empty:
                continue
            self._guarded(slot, read.job, partial(self._summarise, read=read))

    def _guarded(self, slot: Slot, job: Job, step: Callable[[Job], None]) -> None:
        slot.job_id, slot.busy_since = job.id, time.monotonic()
        try:
            step(job)
        except Exception:  # the last line of defence: keep the thread alive
            log.exception("job %s failed while answering", job.id)
            try:
                self.jobs.finish(job.id, error=UNEXPECTED)
                self.delivery.react(job, remove=WORKING, add=FAILED)
            except Exception:
                log.exception("job %s stays running; the next start resumes it", job.id)
        finally:
            slot.job_id = slot.busy_since = None

    # -- one job ---------------------------------------------------------------------------

    def _prepare(self, job: Job) -> None:
        """Fetcher side: ⏳, placeholder, then a ready digest, an error, or the article."""
        if job.attempts > 1:  # resumed after a crash: what did Slack already receive?
            digest_id, ts = self.delivery.delivered(job)
            if digest_id:
                log.info("job %s was delivered before the restart; not posting again", job.id)
                self.jobs.finish(job.id, digest_id=digest_id)
                self.delivery.react(job, remove=WORKING, add=DONE)
                return
            if ts and ts != job.placeholder_ts:
                self.jobs.set_placeholder(job.id, ts)
                job = replace(job, placeholder_ts=ts)
        self.delivery.react(job, add=WORKING)
        if not job.private and job.channel and not job.placeholder_ts:
            ts = self.delivery.placeholder(job)
            if ts:
                self.jobs.set_placeholder(job.id, ts)
                job = replace(job, placeholder_ts=ts)
        ready = self._ready_digest(job)
        if ready:
            self._answer(job, *ready)
            return
        # The job's progress opens here and closes in the worker, before the answer: a stage
        # shown after it (an assistant status, a placeholder update) would outlive it.
        stages, handed = ExitStack(), False
        try:
            progress = stages.enter_context(self.track(job))
            article = self.pipeline.read(job.url, progress)
            handed = self._hand_over(Read(job, article, progress, stages))
        except NewsbotError as err:
            stages.close()
            self._fail(job, str(err))
        finally:
            if not handed:
                stages.close()

    def _hand_over(self, read: Read) -> bool:
        """Queue an article for the workers; False when stopping (the job is handed back)."""
        while True:  # the workers are behind: wait for room, or hand the job back
            try:
                self._read.put(read, timeout=0.2)
                return True
            except queue.Full:
                if self._stopping.is_set():
                    self.jobs.requeue(read.job.id)
                    return False

    def _summarise(self, job: Job, *, read: Read) -> None:
        """Worker side: the model, then the answer (after the progress closed)."""
        try:
            with read.stages:
                digest = self.pipeline.digest(read.article, job.url, read.progress)
        except NewsbotError as err:
            self._fail(job, str(err))
            return
        digest_id = self.store.save_digest(job.canon, digest)
        self.jobs.set_digest(job.id, digest_id)  # a retried delivery sends this one
        self._answer(job, digest_id, digest)

    def _ready_digest(self, job: Job) -> tuple[str, Digest] | None:
        if job.digest_id:
            digest = self.store.digest(job.digest_id)
            if digest is not None:
                return job.digest_id, digest
        if job.fresh:
            return None
        return self.store.cached_digest(job.canon, self.settings.cache_ttl_s)

    def _answer(self, job: Job, digest_id: str, digest: Digest) -> None:
        """The digest with its provenance; the section-only layout if Slack refuses blocks."""
        updated = job.kind == "resummarise"
        meta = digest_metadata(
            digest, canon=job.canon, digest_id=digest_id, job_id=job.id, updated=updated
        )
        only = part_of(job.kind)  # "quotes only" / "figures only"
        message = digest_message(digest, digest_id, updated=updated, only=only)
        plain = digest_message(digest, digest_id, rich=False, updated=updated, only=only)
        if self._send(job, message, meta, fallback=plain):
            self.jobs.finish(job.id, digest_id=digest_id)
            self.delivery.react(job, remove=WORKING, add=DONE)
            self._note(job)

    def _fail(self, job: Job, sentence: str) -> None:
        if self._send(job, error_message(sentence, job.url)):
            self.jobs.finish(job.id, error=sentence)
            self.delivery.react(job, remove=WORKING, add=FAILED)
            self._note(job)

    def _send(
        self,
        job: Job,
        message: Message,
        meta: dict[str, Any] | None = None,
        *,
        fallback: Message | None = None,
    ) -> bool:
        """Deliver; False when Slack refused (requeued for later, or given up on)."""
        try:
            try:
                self.delivery.send(job, message, meta)
            except SlackApiError as err:
                if fallback is None or err.response.get("error") != "invalid_blocks":
                    raise
                log.info("blocks refused (%s); sending the section layout", err.response)
                self.delivery.send(job, fallback, meta)
            return True
        except SlackUnavailable as err:
            if job.deliveries + 1 >= MAX_DELIVERIES:
                self.jobs.finish(job.id, error=f"{SLACK_GAVE_UP} ({err})")
                return False
            delay = min(self.settings.requeue_delay_s * 2**job.deliveries, MAX_REQUEUE_DELAY_S)
            log.info("job %s: %s; back in the queue for %.1f s", job.id, err, delay)
            self.jobs.requeue(job.id, delay, delivery=True)
        except SlackApiError as err:  # permanent: channel_not_found, not_in_channel, …
            log.warning("job %s: Slack refused the answer: %s", job.id, err.response.get("error"))
            self.jobs.finish(job.id, error=f"{SLACK_GAVE_UP} ({err.response.get('error')})")
        return False

    def _note(self, job: Job) -> None:
        if not job.note:
            return
        try:
            self.delivery.send(job, (job.note, []), new_message=True)
        except (NewsbotError, SlackApiError) as err:
            log.info("job %s: note not sent: %s", job.id, err)


def _empty(q: queue.Queue[Read]) -> list[Read]:
    items = []
    while True:
        try:
            items.append(q.get_nowait())
        except queue.Empty:
            return items
