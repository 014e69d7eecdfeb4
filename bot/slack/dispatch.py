"""The front end's hand-over to the broker: jobs accepted into Redis (before the ack) are sent
as Celery tasks by one thread, off the ack path. A job stays listed as unsent until the broker
has it, so a crash or a Redis restart between the two only delays it (a job sent twice is
skipped by the worker that finds it finished or leased)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from celery import Celery

from bot.config import Settings
from bot.slack.shared import SharedState
from bot.slack.spool import Spool
from bot.slack.tasks import TASK

log = logging.getLogger(__name__)

POLL_S = 0.5  # bounds how long a missed wake-up or an unsent job waits


class Dispatcher:
    """The `Runner` of the front-end role: wake, start, stop, health; never loads a model."""

    def __init__(self, state: SharedState, app: Celery, spool: Spool, settings: Settings) -> None:
        self.state = state
        self.app = app
        self.spool = spool
        self.settings = settings
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.sent = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="newsbot-dispatch", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout_s: float | None = None) -> bool:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(self.settings.stop_grace_s if timeout_s is None else timeout_s)
        return not (self._thread and self._thread.is_alive())

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stopping.is_set()

    def health(self) -> dict[str, Any]:
        return {"role": "front", "dispatcher": self.running, "sent": self.sent}

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(POLL_S)
            self._wake.clear()
            try:
                if self.spool.pending():  # requests acked while Redis was away
                    self.spool.drain(self.state, self.settings.dedupe_window_s)
                self._send_unsent()
            except Exception as err:  # Redis restarting: the next round tries again
                log.warning("dispatch round failed: %s", err)

    def _send_unsent(self) -> None:
        while not self._stopping.is_set():
            ids = self.state.unsent()
            if not ids:
                return
            for job_id in ids:
                self.app.send_task(TASK, args=[job_id])
                self.state.sent(job_id)
                self.sent += 1
                log.debug("job %s: queued", job_id)
