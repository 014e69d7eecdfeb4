"""The embedded job queue (SQLite): accept, claim, requeue, finish. Apart from the store
(cache, feedback), so another queue (Celery) can take its place behind the same methods."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from bot.errors import StoreBusy
from bot.slack.db import Database

# A job that was running when the process died more than this many times is given up on:
# it may be the very thing killing the process.
MAX_ATTEMPTS = 3
SEEN_EVENTS_KEEP_S = 24 * 3600
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class NewJob:
    """A request accepted from Slack: which link, and where and how to answer."""

    kind: str  # mention, dm, reaction, shortcut, command, resummarise, unfurl; ":quotes" etc.
    url: str
    canon: str
    channel: str | None = None
    thread_ts: str | None = None  # reply in this thread; None for a slash command
    message_ts: str | None = None  # the message that gets the ⏳/✅ reactions
    user: str | None = None
    response_url: str | None = None
    private: bool = False
    fresh: bool = False  # bypass the digest cache ("Re-summarise")
    note: str | None = None  # e.g. "I read the first 3 links"
    placeholder_ts: str | None = None  # the message to replace with the digest

    @property
    def repeat_key(self) -> str | None:
        """Jobs with the same key within the window are one request: the same link and part
        ("quotes only X" after "summarise X" is a new request) in the same thread. None: never
        a repeat (no thread, or "Re-summarise")."""
        if not self.thread_ts or self.fresh:
            return None
        _, _, part = self.kind.partition(":")
        return f"{self.channel}:{self.thread_ts}:{self.canon}:{part}"


@dataclass(frozen=True)
class Job(NewJob):
    """A stored job."""

    id: int = 0
    status: str = "pending"
    attempts: int = 0
    digest_id: str | None = None  # built already: a retried delivery reuses it
    deliveries: int = 0


class Accepting(Protocol):
    """Where the front end stores accepted requests: this SQLite queue, or Redis."""

    def accept(
        self, key: str, jobs: list[NewJob], dedupe_window_s: float, wait_s: float | None = None
    ) -> list[int] | None: ...

    def accept_all(
        self,
        requests: list[tuple[str, list[NewJob]]],
        dedupe_window_s: float,
        wait_s: float | None = None,
    ) -> list[list[int] | None]: ...

    def count(self, status: str) -> int: ...


class JobQueue:
    """Jobs in the bot's SQLite file; each method is one short transaction."""

    def __init__(self, db: Database, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self._clock = clock  # injectable, so de-duplication windows test without sleeps

    def accept(
        self, key: str, jobs: list[NewJob], dedupe_window_s: float, wait_s: float | None = None
    ) -> list[int] | None:
        """Store a request's jobs, once per `key` (Slack's event id): None for a repeat.

        The seen key and the jobs commit together, so a crash can't keep one without the
        other; a link asked for in the same thread within the window is left out.
        """

        return self.accept_all([(key, jobs)], dedupe_window_s, wait_s)[0]

    def accept_all(
        self,
        requests: list[tuple[str, list[NewJob]]],
        dedupe_window_s: float,
        wait_s: float | None = None,
    ) -> list[list[int] | None]:
        """`accept` for many requests in one transaction (one commit for a burst of acks)."""

        def body(db: sqlite3.Connection) -> list[list[int] | None]:
            now = self._clock()
            db.execute("DELETE FROM seen_events WHERE at < ?", (now - SEEN_EVENTS_KEEP_S,))
            return [_accept(db, key, jobs, now, dedupe_window_s) for key, jobs in requests]

        return self.db.write(body, wait_s)

    def claim(self) -> Job | None:
        """Mark the oldest ready job running and return it (None when there is none)."""

        def body(db: sqlite3.Connection) -> Job | None:
            now = self._clock()
            row = db.execute(
                "UPDATE jobs SET status = 'running', attempts = attempts + 1, updated = ?"
                " WHERE id = (SELECT id FROM jobs WHERE status = 'pending' AND run_after <= ?"
                " ORDER BY id LIMIT 1) RETURNING *",
                (now, now),
            ).fetchone()
            return _job(row) if row else None

        return self.db.write(body)

    def set_placeholder(self, job_id: int, ts: str) -> None:
        """Remember the placeholder message so a resumed job updates it instead of re-posting."""
        self._update(job_id, "placeholder_ts = ?", ts)

    def set_digest(self, job_id: int, digest_id: str) -> None:
        """Remember the built digest: a retried delivery sends it without rebuilding."""
        self._update(job_id, "digest_id = ?", digest_id)

    def finish(
        self, job_id: int, *, digest_id: str | None = None, error: str | None = None
    ) -> None:
        """Mark a job done (with its digest) or failed (with the user's sentence)."""
        status = "failed" if error else "done"
        self._update(
            job_id,
            "status = ?, digest_id = coalesce(?, digest_id), error = ?",
            status,
            digest_id,
            error,
        )

    def requeue(self, job_id: int, delay_s: float = 0.0, *, delivery: bool = False) -> None:
        """Back to pending, ready after `delay_s`: Slack refused the answer for now
        (`delivery`), or the process is stopping. Not a crash, so no attempt is counted."""
        self._update(
            job_id,
            "status = 'pending', attempts = max(attempts - 1, 0), run_after = ?,"
            " deliveries = deliveries + ?",
            self._clock() + delay_s,
            int(delivery),
        )

    def requeue_interrupted(self) -> int:
        """At start-up: jobs left running by a dead process go back to pending."""

        def body(db: sqlite3.Connection) -> int:
            db.execute(
                "UPDATE jobs SET status = 'failed', error = 'gave up after repeated crashes'"
                " WHERE status = 'running' AND attempts >= ?",
                (MAX_ATTEMPTS,),
            )
            return db.execute(
                "UPDATE jobs SET status = 'pending' WHERE status = 'running'"
            ).rowcount

        return self.db.write(body)

    def count(self, status: str) -> int:
        """How many jobs are in a status."""
        return self.db.read(
            lambda db: int(
                db.execute("SELECT COUNT(*) FROM jobs WHERE status = ?", (status,)).fetchone()[0]
            )
        )

    def job(self, job_id: int) -> Job | None:
        """One job by id."""
        row = self.db.read(
            lambda db: db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        )
        return _job(row) if row else None

    def _update(self, job_id: int, assignments: str, *values: object) -> None:
        self.db.write(
            lambda db: db.execute(
                f"UPDATE jobs SET {assignments}, updated = ? WHERE id = ?",
                (*values, self._clock(), job_id),
            )
        )


class GroupCommit(Generic[T, R]):
    """One thread that writes, in one transaction, every item that arrived while the previous
    transaction committed (`write_all(items)` gives a result per item); each caller waits on
    its own future and acks only once its transaction committed (store, then ack)."""

    def __init__(self, write_all: Callable[[list[T]], list[R]], name: str) -> None:
        self.write_all = write_all
        self._pending: list[tuple[T, Future[R]]] = []
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, item: T) -> Future[R]:
        """The future result of writing `item`; `StoreBusy` (in the future, or here when
        closed) when the store can't take it."""
        future: Future[R] = Future()
        with self._cond:
            if self._closed:
                raise StoreBusy("The bot is stopping; try again soon.")
            self._pending.append((item, future))
            self._cond.notify()
        return future

    def write(self, item: T, timeout_s: float) -> R:
        """`submit` and wait; `StoreBusy` when not committed within `timeout_s` (the item
        may still commit later: a spooled copy is then dropped by its key)."""
        try:
            return self.submit(item).result(timeout_s)
        except FutureTimeout:
            raise StoreBusy("The bot's store is busy; try again soon.") from None

    def close(self, timeout_s: float = 5.0) -> None:
        """Store what is waiting, then end the writer thread."""
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join(timeout_s)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not (self._pending or self._closed):
                    self._cond.wait()
                if not self._pending:
                    return
                batch, self._pending = self._pending, []
            try:
                results = self.write_all([item for item, _ in batch])
            except Exception as err:  # StoreBusy (locked elsewhere): each caller falls back
                for _, future in batch:
                    future.set_exception(err)
            else:
                for (_, future), result in zip(batch, results, strict=True):
                    future.set_result(result)


def _accept(
    db: sqlite3.Connection, key: str, jobs: list[NewJob], now: float, dedupe_window_s: float
) -> list[int] | None:
    if db.execute("INSERT OR IGNORE INTO seen_events VALUES (?, ?)", (key, now)).rowcount:
        return [i for job in jobs if (i := _insert(db, job, now, dedupe_window_s))]
    return None


def _insert(db: sqlite3.Connection, job: NewJob, now: float, dedupe_window_s: float) -> int:
    if job.repeat_key is not None:
        earlier = db.execute(
            "SELECT * FROM jobs WHERE channel = ? AND thread_ts = ? AND canon = ?"
            " AND created >= ? AND fresh = 0",
            (job.channel, job.thread_ts, job.canon, now - dedupe_window_s),
        ).fetchall()
        if any(_job(row).repeat_key == job.repeat_key for row in earlier):
            return 0
    values = dataclasses.asdict(job)
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = db.execute(
        f"INSERT INTO jobs ({cols}, created, updated) VALUES ({marks}, ?, ?)",
        (*values.values(), now, now),
    )
    return int(cur.lastrowid or 0)


def _job(row: sqlite3.Row) -> Job:
    names = {f.name for f in dataclasses.fields(Job)}
    values = {k: row[k] for k in row.keys() if k in names}  # noqa: SIM118 (sqlite3.Row)
    values["private"] = bool(values["private"])
    values["fresh"] = bool(values["fresh"])
    return Job(**values)
