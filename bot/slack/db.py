"""The SQLite file behind the embedded queue and store: one connection, short retried writes."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from bot.errors import NewsbotError, StoreBusy

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL, url TEXT NOT NULL, canon TEXT NOT NULL,
    channel TEXT, thread_ts TEXT, message_ts TEXT, user TEXT, response_url TEXT,
    private INTEGER NOT NULL DEFAULT 0, fresh INTEGER NOT NULL DEFAULT 0, note TEXT,
    status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
    placeholder_ts TEXT, digest_id TEXT, error TEXT,
    created REAL NOT NULL, updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_thread ON jobs(channel, thread_ts, canon, created);
CREATE TABLE IF NOT EXISTS seen_events (event_id TEXT PRIMARY KEY, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS digests (
    id TEXT PRIMARY KEY, canon TEXT NOT NULL, data TEXT NOT NULL, created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS digests_canon ON digests(canon, created);
CREATE TABLE IF NOT EXISTS inbox (
    key TEXT PRIMARY KEY, body BLOB NOT NULL, headers TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0, received REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    digest_id TEXT NOT NULL, user TEXT NOT NULL, vote INTEGER NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (digest_id, user)
);
"""
# Columns added after the first release: an existing data dir gets them on start.
_ADDED = {
    "run_after": "REAL NOT NULL DEFAULT 0",  # a requeued job waits out its back-off
    "deliveries": "INTEGER NOT NULL DEFAULT 0",  # times Slack refused the answer for now
}
_INDEX = "CREATE INDEX IF NOT EXISTS jobs_ready ON jobs(status, run_after, id)"
# `PRAGMA user_version` of the file. 0: before versioning (brought up to 1 by the idempotent
# statements above). A later schema change adds its statements to `_migrate`, guarded by the
# version read there, and bumps this; a file from a newer newsbot is refused, not misread.
# 2: the inbox of requests acked but not yet dispatched (a newsbot that knows only 1 would
# leave them unanswered, so it refuses the file).
SCHEMA_VERSION = 2


def _locked(err: sqlite3.OperationalError) -> bool:
    text = str(err).lower()
    return "locked" in text or "busy" in text


class Database:
    """One connection; every write is a short `BEGIN IMMEDIATE` transaction, retried while
    another process holds the file, for at most `wait_s`, then `StoreBusy`."""

    def __init__(self, path: Path, wait_s: float = 60.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.wait_s = wait_s
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            path, check_same_thread=False, isolation_level=None, timeout=wait_s
        )
        self._db.row_factory = sqlite3.Row
        # WAL: readers (healthz, the cache) never wait for a writer, nor a writer for them.
        self._db.execute("PRAGMA journal_mode=WAL")
        # A commit reaches the OS before the ack (a killed process loses nothing), without an
        # fsync per commit, which serialised 200 acks at once to ~10 ms each (p50 2.7 s).
        self._db.execute("PRAGMA synchronous=NORMAL")
        self.write(self._migrate)

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise NewsbotError(
                f"{self.path} was written by a newer newsbot (schema {version}; this one "
                f"knows up to {SCHEMA_VERSION}): upgrade newsbot or use another data dir."
            )
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        have = {row["name"] for row in db.execute("PRAGMA table_info(jobs)")}
        for name, decl in _ADDED.items():
            if name not in have:
                db.execute(f"ALTER TABLE jobs ADD COLUMN {name} {decl}")
        db.execute(_INDEX)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def write(self, body: Callable[[sqlite3.Connection], T], wait_s: float | None = None) -> T:
        """Run `body` in one write transaction; rerun while the file is locked elsewhere."""
        deadline = time.monotonic() + (self.wait_s if wait_s is None else wait_s)
        pause = 0.005
        while True:
            left = deadline - time.monotonic()
            # The wait for this connection (another thread's try) counts against `wait_s` too.
            if not self._lock.acquire(timeout=max(0.0, left)):
                raise StoreBusy("The bot's store is busy; try again soon.")
            try:
                # Each try waits at most 0.5 s inside SQLite, so the Python lock is let go
                # often: a reader of this connection never waits long behind a locked writer.
                left = deadline - time.monotonic()
                self._db.execute(f"PRAGMA busy_timeout = {int(max(0.0, min(left, 0.5)) * 1000)}")
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                    try:
                        result = body(self._db)
                        self._db.execute("COMMIT")
                        return result
                    except BaseException:
                        if self._db.in_transaction:
                            self._db.execute("ROLLBACK")
                        raise
                except sqlite3.OperationalError as err:
                    if not _locked(err):
                        raise
            finally:
                self._lock.release()
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreBusy("The bot's store is locked by another process; try again soon.")
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.25)

    def read(self, body: Callable[[sqlite3.Connection], T]) -> T:
        """Run `body` outside a write transaction (WAL: it does not wait for writers)."""
        with self._lock:
            return body(self._db)

    def close(self) -> None:
        with self._lock:
            self._db.close()
