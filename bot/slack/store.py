"""The bot's embedded store (SQLite): accepted jobs, seen events, cached digests, feedback."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.digest import Digest
from bot.figures import Figure
from bot.quotes import Quote

# A job that was running when the process died more than this many times is given up on:
# it may be the very thing killing the process.
MAX_ATTEMPTS = 3
SEEN_EVENTS_KEEP_S = 24 * 3600

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
CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status, id);
CREATE INDEX IF NOT EXISTS jobs_thread ON jobs(channel, thread_ts, canon, created);
CREATE TABLE IF NOT EXISTS seen_events (event_id TEXT PRIMARY KEY, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS digests (
    id TEXT PRIMARY KEY, canon TEXT NOT NULL, data TEXT NOT NULL, created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS digests_canon ON digests(canon, created);
CREATE TABLE IF NOT EXISTS feedback (
    digest_id TEXT NOT NULL, user TEXT NOT NULL, vote INTEGER NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (digest_id, user)
);
"""


@dataclass(frozen=True)
class NewJob:
    """A request accepted from Slack: which link, and where and how to answer."""

    kind: str  # mention, dm, reaction, shortcut, command, resummarise
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


@dataclass(frozen=True)
class Job(NewJob):
    """A stored job."""

    id: int = 0
    status: str = "pending"
    attempts: int = 0


def digest_to_json(digest: Digest) -> str:
    """A digest as JSON (figures and quotes as objects)."""
    return json.dumps(dataclasses.asdict(digest), ensure_ascii=False)


def digest_from_json(data: str) -> Digest:
    """The inverse of `digest_to_json`; unknown keys from older versions are ignored."""
    raw = json.loads(data)
    known = {f.name for f in dataclasses.fields(Digest)}
    values = {k: v for k, v in raw.items() if k in known}
    values["summary"] = tuple(values.get("summary", ()))
    values["warnings"] = tuple(values.get("warnings", ()))
    values["figures"] = tuple(Figure(**f) for f in values.get("figures", ()))
    values["quotes"] = tuple(Quote(**q) for q in values.get("quotes", ()))
    values["summary_support"] = tuple(tuple(s) for s in values.get("summary_support", ()))
    return Digest(**values)


class Store:
    """Thread-safe access to the SQLite file; every method is one short transaction."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock  # injectable, so TTL and de-duplication windows test without sleeps
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        # WAL lets a reader (healthz, tests) look while a worker writes.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- events and jobs -------------------------------------------------------------------

    def first_delivery(self, event_id: str) -> bool:
        """True the first time an event id is seen; Slack re-sends events after a slow ack."""
        now = self._clock()
        with self._tx() as db:
            db.execute("DELETE FROM seen_events WHERE at < ?", (now - SEEN_EVENTS_KEEP_S,))
            cur = db.execute("INSERT OR IGNORE INTO seen_events VALUES (?, ?)", (event_id, now))
            return cur.rowcount == 1

    def add_job(self, job: NewJob, dedupe_window_s: float) -> int | None:
        """Store a job; None when the same link was asked for in the same thread just now."""
        now = self._clock()
        with self._tx() as db:
            if job.thread_ts and not job.fresh:
                dup = db.execute(
                    "SELECT 1 FROM jobs WHERE channel = ? AND thread_ts = ? AND canon = ?"
                    " AND created >= ? AND fresh = 0 LIMIT 1",
                    (job.channel, job.thread_ts, job.canon, now - dedupe_window_s),
                ).fetchone()
                if dup:
                    return None
            values = dataclasses.asdict(job)
            cols = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            cur = db.execute(
                f"INSERT INTO jobs ({cols}, created, updated) VALUES ({marks}, ?, ?)",
                (*values.values(), now, now),
            )
            return int(cur.lastrowid or 0)

    def claim_job(self) -> Job | None:
        """Mark the oldest pending job running and return it (None when there is none)."""
        with self._tx() as db:
            row = db.execute(
                "UPDATE jobs SET status = 'running', attempts = attempts + 1, updated = ?"
                " WHERE id = (SELECT id FROM jobs WHERE status = 'pending' ORDER BY id LIMIT 1)"
                " RETURNING *",
                (self._clock(),),
            ).fetchone()
        return _job(row) if row else None

    def set_placeholder(self, job_id: int, ts: str) -> None:
        """Remember the placeholder message so a resumed job updates it instead of re-posting."""
        with self._tx() as db:
            db.execute("UPDATE jobs SET placeholder_ts = ? WHERE id = ?", (ts, job_id))

    def finish_job(
        self, job_id: int, *, digest_id: str | None = None, error: str | None = None
    ) -> None:
        """Mark a job done (with its digest) or failed (with the user's sentence)."""
        status = "failed" if error else "done"
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET status = ?, digest_id = ?, error = ?, updated = ? WHERE id = ?",
                (status, digest_id, error, self._clock(), job_id),
            )

    def requeue_interrupted(self) -> int:
        """At start-up: jobs left running by a dead process go back to pending."""
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET status = 'failed', error = 'gave up after repeated crashes'"
                " WHERE status = 'running' AND attempts >= ?",
                (MAX_ATTEMPTS,),
            )
            cur = db.execute("UPDATE jobs SET status = 'pending' WHERE status = 'running'")
            return cur.rowcount

    def count_jobs(self, status: str) -> int:
        """How many jobs are in a status."""
        with self._tx() as db:
            return int(
                db.execute("SELECT COUNT(*) FROM jobs WHERE status = ?", (status,)).fetchone()[0]
            )

    def job(self, job_id: int) -> Job | None:
        """One job by id."""
        with self._tx() as db:
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    # -- digests and feedback --------------------------------------------------------------

    def cached_digest(self, canon: str, ttl_s: float) -> tuple[str, Digest] | None:
        """The newest digest of a link made within `ttl_s`, with its id."""
        with self._tx() as db:
            row = db.execute(
                "SELECT id, data FROM digests WHERE canon = ? AND created >= ?"
                " ORDER BY created DESC LIMIT 1",
                (canon, self._clock() - ttl_s),
            ).fetchone()
        return (row["id"], digest_from_json(row["data"])) if row else None

    def save_digest(self, canon: str, digest: Digest) -> str:
        """Store a digest; its id goes into the feedback buttons."""
        digest_id = uuid.uuid4().hex[:16]
        with self._tx() as db:
            db.execute(
                "INSERT INTO digests VALUES (?, ?, ?, ?)",
                (digest_id, canon, digest_to_json(digest), self._clock()),
            )
        return digest_id

    def digest(self, digest_id: str) -> Digest | None:
        """One stored digest by id."""
        with self._tx() as db:
            row = db.execute("SELECT data FROM digests WHERE id = ?", (digest_id,)).fetchone()
        return digest_from_json(row["data"]) if row else None

    def add_feedback(self, digest_id: str, user: str, vote: int) -> None:
        """Record a 👍 (+1) or 👎 (-1); a user's later vote replaces their earlier one."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO feedback VALUES (?, ?, ?, ?)",
                (digest_id, user, vote, self._clock()),
            )

    def feedback(self, digest_id: str) -> dict[str, int]:
        """Votes on a digest by user."""
        with self._tx() as db:
            rows = db.execute(
                "SELECT user, vote FROM feedback WHERE digest_id = ?", (digest_id,)
            ).fetchall()
        return {r["user"]: r["vote"] for r in rows}


def _job(row: sqlite3.Row) -> Job:
    names = {f.name for f in dataclasses.fields(Job)}
    values = {k: row[k] for k in row.keys() if k in names}  # noqa: SIM118 (sqlite3.Row)
    values["private"] = bool(values["private"])
    values["fresh"] = bool(values["fresh"])
    return Job(**values)


def recent_digests(store: Store, user: str, limit: int = 10) -> list[tuple[str, Digest, float]]:
    """A user's newest delivered digests (id, digest, when), newest first, one per link."""
    with store._tx() as db:
        rows = db.execute(
            "SELECT d.id, d.data, MAX(j.updated) AS at FROM jobs j JOIN digests d"
            " ON d.id = j.digest_id WHERE j.user = ? AND j.status = 'done'"
            " GROUP BY d.canon ORDER BY at DESC LIMIT ?",
            (user, limit),
        ).fetchall()
    return [(row["id"], digest_from_json(row["data"]), float(row["at"])) for row in rows]
