"""Requests accepted while the SQLite file is locked: appended (fsync'd) to a file before
the ack, moved into the queue once the lock lifts. Slack must never wait on the store."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import threading
from pathlib import Path

from bot.errors import StoreBusy
from bot.slack.queue import Accepting, NewJob

log = logging.getLogger(__name__)


class Spool:
    """An append-only file of `{"key", "jobs"}` lines; draining it is idempotent by key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._draining = path.with_name(path.name + ".draining")
        self._lock = threading.Lock()

    def add(self, key: str, jobs: list[NewJob]) -> None:
        """Append one request durably (it is on disk when this returns)."""
        line = json.dumps({"key": key, "jobs": [dataclasses.asdict(j) for j in jobs]}) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)  # the front end has no SQLite
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(line)
            out.flush()
            os.fsync(out.fileno())

    def pending(self) -> bool:
        return self.path.exists() or self._draining.exists()

    def drain(self, queue: Accepting, dedupe_window_s: float) -> int:
        """Move spooled requests into the queue; returns how many jobs were added.

        A request already in the queue (same key) is skipped, so a drain cut short by a
        crash or by the lock coming back is simply run again.
        """
        with self._lock:
            if not self._draining.exists():
                if not self.path.exists():
                    return 0
                self.path.rename(self._draining)
        added = 0
        for line in self._draining.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                jobs = [NewJob(**job) for job in entry["jobs"]]
            except (ValueError, KeyError, TypeError):
                # a torn last line: the process died mid-append, before that request's ack
                log.warning("skipping an unreadable spool line")
                continue
            try:
                added += len(queue.accept(entry["key"], jobs, dedupe_window_s, 1.0) or [])
            except StoreBusy:
                return added  # still locked: the rest waits for the next drain
        self._draining.unlink()
        return added
