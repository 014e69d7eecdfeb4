"""Celery with the Redis broker: the app both roles share, the job task, and `newsbot worker`.

A job's message is acked only when the task returns (`task_acks_late`), one at a time per
process (prefetch 1); a process killed mid-job puts it back at once
(`task_reject_on_worker_lost`), a lost machine after the visibility timeout. Either way the
redelivered job is idempotent (`bot.slack.worker`).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any

import redis
from celery import Celery, Task
from celery.exceptions import Reject
from celery.signals import worker_process_init

from bot.config import Settings
from bot.errors import NewsbotError
from bot.slack.shared import BROKER_QUEUE, SharedState, connect
from bot.slack.unfurl import Unfurler
from bot.slack.worker import JobIdFilter, JobWorker
from bot.summarise.batcher import observe_batches

log = logging.getLogger(__name__)

TASK = "newsbot.job"
UNFURL_TASK = "newsbot.unfurl"  # a link_shared event's links: previews, not jobs
# A pool process loads its model before it says it is up; Celery's default of 4 s killed a
# replacement process (after one was lost) again and again while it loaded.
PROCESS_START_S = 600.0
READY_KEEP_S = 24 * 3600  # `nb:worker:<host:pid>`: a pool process that loaded its model
LOG_FORMAT = "%(asctime)s %(levelname)s %(processName)s job=%(job_id)s %(name)s: %(message)s"


def celery_app(settings: Settings) -> Celery:
    """The Celery app for `settings.broker_url`, configured for at-least-once delivery."""
    if not settings.broker_url:
        raise NewsbotError("Set NEWSBOT_BROKER_URL (redis://host:6379/0) to use workers.")
    if settings.visibility_timeout_s <= settings.job_hard_limit_s:
        raise NewsbotError(
            "NEWSBOT_VISIBILITY_TIMEOUT must exceed NEWSBOT_JOB_HARD_LIMIT, or a long job is "
            "handed to a second worker while the first still runs it."
        )
    app = Celery("newsbot", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        worker_prefetch_multiplier=1,
        task_reject_on_worker_lost=True,
        # A job past the hard limit goes back to the queue (its attempts are counted, and a
        # job that keeps killing its worker is answered with an error), never dropped.
        task_acks_on_timeout=False,
        task_soft_time_limit=settings.job_soft_limit_s,
        task_time_limit=settings.job_hard_limit_s,
        broker_transport_options={
            "visibility_timeout": settings.visibility_timeout_s,
            # A lost machine's job is restored within ~1 % of the timeout after it expires.
            "unacked_restore_interval": max(1, int(settings.visibility_timeout_s / 100)),
            "unacked_restore_throttle": 1,
        },
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # ride out a Redis restart, however long
        task_default_queue=BROKER_QUEUE,
        task_ignore_result=True,  # the job's record in Redis is the result
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_cancel_long_running_tasks_on_connection_loss=False,
        worker_proc_alive_timeout=PROCESS_START_S,
    )
    return app


class _Process:
    """This process's `JobWorker`: built once (the model loads once per process, and in a
    thread pool every thread shares it through the engine's batcher)."""

    settings: Settings | None = None
    worker: JobWorker | None = None
    unfurler: Unfurler | None = None
    _lock = threading.Lock()

    @classmethod
    def get(cls) -> JobWorker:
        with cls._lock:
            return cls.worker or cls._build()

    @classmethod
    def _build(cls) -> JobWorker:
        assert cls.settings is not None and cls.settings.broker_url
        from bot.slack.app import web_client
        from bot.slack.delivery import Delivery
        from bot.slack.pipeline import pipeline

        settings = cls.settings
        state = SharedState(connect(settings.broker_url or "", patient=True))
        delivery = Delivery(web_client(settings), settings)
        worker = cls.worker = JobWorker(state, delivery, pipeline(settings), settings)
        cls.unfurler = Unfurler(settings.unfurl_domain_list, state, delivery.client,
                                worker.pipeline, settings.cache_ttl_s)  # fmt: skip
        observe_batches(lambda jobs, _prompts: _observe_batch(state, jobs))
        state.r.set(f"nb:worker:{worker.name}", time.time(), ex=READY_KEEP_S)
        log.info("worker process %s ready (%s)", worker.name, settings.summariser)
        return worker


def _observe_batch(state: SharedState, jobs: int) -> None:
    try:
        state.observe("model_batch_jobs", jobs)
    except redis.RedisError:  # a metric is not worth failing or delaying a job
        log.info("batch size not recorded: Redis unreachable")


@worker_process_init.connect
def _load_model(**_: Any) -> None:
    # Each pool process loads the model when it starts, not on its first job.
    if _Process.settings is not None:
        _Process.get()


def register(app: Celery, settings: Settings) -> Task:
    """The job task on `app`; its worker is built from `settings` in each pool process."""
    _Process.settings = settings

    @app.task(name=TASK, bind=True, max_retries=None, acks_late=True, reject_on_worker_lost=True)
    def run_job(self: Task, job_id: int) -> str:
        worker = _Process.get()
        info = self.request.delivery_info or {}
        try:
            outcome = worker.run(job_id, redelivered=bool(info.get("redelivered")))
        except (redis.ConnectionError, redis.TimeoutError) as err:
            # Redis stayed away past the client's retries: back in the queue, not lost.
            raise Reject(f"shared store unreachable: {err}", requeue=True) from err
        if outcome.retry_in is not None:  # Slack or the site refused for now; a new message
            raise self.retry(countdown=outcome.retry_in)
        return outcome.status

    @app.task(name=UNFURL_TASK, acks_late=True, reject_on_worker_lost=True)
    def run_unfurl(event: dict[str, Any], urls: list[str]) -> None:
        _Process.get()
        assert _Process.unfurler is not None
        _Process.unfurler.unfurl(event, urls)  # chat.unfurl again after a redelivery: the same

    return run_job


def run_worker(settings: Settings) -> None:
    """`newsbot worker`: `settings.workers` pool processes, each with its own model and one
    job at a time; or, with `worker_threads` > 1, one process whose threads share a model."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    for handler in logging.getLogger().handlers:
        handler.addFilter(JobIdFilter())
    app = celery_app(settings)
    register(app, settings)
    name = f"newsbot-{os.getpid()}@{socket.gethostname()}"
    if settings.worker_threads > 1:
        # No child processes: the model loads here, once, before the first job is taken. A
        # killed process's jobs come back after the visibility timeout (as a lost machine's).
        _Process.get()
        pool = ["--pool=threads", f"--concurrency={settings.worker_threads}"]
    else:  # a killed pool process's job is put back at once (task_reject_on_worker_lost)
        # The parser loads here, before the fork: every pool process, and one started in
        # place of a lost one, has it at once (the model still loads in each pool process:
        # forking after torch has run its thread pools is not safe).
        from bot.parse import pipeline as parser

        parser("en")
        pool = ["--pool=prefork", f"--concurrency={settings.workers}"]
    app.worker_main(
        ["worker", "--loglevel=INFO", *pool, "--without-gossip", "--without-mingle", "-n", name]
    )


def ping_worker(settings: Settings, timeout_s: float = 5.0) -> bool:
    """Liveness and readiness of the worker on this host (`newsbot worker --ping`): its main
    process answers Celery's ping, and a pool process here has loaded its model."""
    host = socket.gethostname()
    app = celery_app(settings)
    replies = app.control.ping(timeout=timeout_s)
    alive = any(name.endswith("@" + host) for reply in replies for name in reply)
    state = SharedState(connect(settings.broker_url or "", patient=False))
    loaded = bool(state.r.keys(f"nb:worker:{host}:*"))
    return alive and loaded
