"""One model call for many waiting prompts: concurrent jobs share the engine's batches.

Jobs call `generate` from their own threads; one batching thread takes the oldest request,
waits at most `max_wait_s` for others with the same settings, and runs them in one call of
at most `max_batch` prompts. The engine is only ever called from that thread, so a model
needs no lock of its own (this replaces the server's old one-article-at-a-time lock).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

# Called after each model call with (jobs' requests in it, prompts in it): a worker's metrics.
BatchObserver = Callable[[int, int], None]
_observers: list[BatchObserver] = []


def observe_batches(observer: BatchObserver) -> Callable[[], None]:
    """Hear about every batch any `Batcher` of this process runs (e.g. for `/metrics`);
    the returned function stops it."""
    _observers.append(observer)
    return lambda: _observers.remove(observer)


@dataclass
class _Request:
    prompts: list[str]
    settings: tuple[int, int]  # max_new_tokens, beams: only equal ones share a call
    future: Future[list[str]] = field(default_factory=Future)


class Batcher:
    """An engine in front of an engine; everything but `generate` is the inner engine's."""

    def __init__(self, engine: Any, max_batch: int = 16, max_wait_s: float = 0.02) -> None:
        self.engine = engine
        self.max_batch = max(1, max_batch)
        self.max_wait_s = max(0.0, max_wait_s)
        self._queue: deque[_Request] = deque()
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def __getattr__(self, name: str) -> Any:  # count_tokens, window, chat_prompt, name, …
        return getattr(self.engine, name)

    def generate(self, prompts: Sequence[str], max_new_tokens: int, beams: int) -> list[str]:
        """Queue `prompts` and wait for their outputs (an engine error is raised here)."""
        if not prompts:
            return []
        request = _Request(list(prompts), (max_new_tokens, beams))
        with self._ready:
            self._queue.append(request)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._serve, name="newsbot-batcher", daemon=True
                )
                self._thread.start()
            self._ready.notify_all()
        return request.future.result()

    def waiting(self) -> int:
        """Requests queued for the next model call (not the ones in the call running now)."""
        with self._ready:
            return len(self._queue)

    def _serve(self) -> None:
        while True:
            batch = self._next_batch()
            prompts = [p for r in batch for p in r.prompts]
            try:
                outputs = self.engine.generate(prompts, *batch[0].settings)
            except BaseException as err:  # every waiting job must hear about it
                for request in batch:
                    request.future.set_exception(err)
                continue
            start = 0
            for request in batch:
                request.future.set_result(outputs[start : start + len(request.prompts)])
                start += len(request.prompts)
            for observer in _observers:  # after the answers: the jobs need not wait for it
                with contextlib.suppress(Exception):  # metrics must never fail a job
                    observer(len(batch), len(prompts))

    def _next_batch(self) -> list[_Request]:
        """The oldest request and those that join it before the batch is full or time is up."""
        with self._ready:
            while not self._queue:
                self._ready.wait()
            batch = [self._queue.popleft()]
            size = len(batch[0].prompts)
            deadline = time.monotonic() + self.max_wait_s
            while size < self.max_batch:
                for request in list(self._queue):
                    fits = size + len(request.prompts) <= self.max_batch
                    if fits and request.settings == batch[0].settings:
                        self._queue.remove(request)
                        batch.append(request)
                        size += len(request.prompts)
                left = deadline - time.monotonic()
                if size >= self.max_batch or left <= 0:
                    break
                self._ready.wait(left)
            return batch
