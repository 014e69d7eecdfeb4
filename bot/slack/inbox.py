"""Events API requests stored whole before their ack, and run through Bolt after it.

Slack wants its 200 within 3 s, and 200 mentions can arrive at once. Bolt's dispatch, our
link parsing and the job insert cost ~2 ms of one core per request, all under one GIL, so
a burst of 200 was acked in 0.3-0.6 s. Now the front door only checks the signature, stores
the signed request (grouped with the others arriving meanwhile into one transaction) and
answers 200. `InboxRunner` then hands each stored request to the same Bolt app, once the
burst is over, and deletes it when its listener has run. The listener stores the jobs keyed
by the event id, so a request run twice (a crash between the two) adds nothing.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.errors import StoreBusy
from bot.slack.db import Database
from bot.slack.queue import GroupCommit

log = logging.getLogger(__name__)

# The ack waits at most this long for the store, then the request goes through Bolt at once
# (whose intake spools it); after a busy store, the next second skips the inbox.
STORE_WAIT_S = 0.25
BUSY_PAUSE_S = 1.0
# Stored requests wait until no new one arrived for QUIET_S (at most MAX_DEFER_S), so a
# burst's acks never share the CPU with its dispatch (20 ms: a pause between two group
# commits of a burst let the workers start, and 200 acks took p50 100-265 ms, not 66-83).
QUIET_S = 0.1
MAX_DEFER_S = 0.5
POLL_S = 1.0  # the longest a missed wake-up (or a retry) waits
BATCH = 32
MAX_TRIES = 3  # a request whose listener fails this often is dropped, with an error logged

Item = tuple[str, bytes, dict[str, str]]  # (key, body, headers)


class Stored(NamedTuple):
    key: str
    body: bytes
    headers: dict[str, str | Sequence[str]]
    tries: int


class Inbox:
    """The `inbox` table of the bot's SQLite file: signed requests not yet dispatched."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.writer: GroupCommit[Item, None] = GroupCommit(self._add_all, "newsbot-inbox")
        self._busy_until = 0.0

    async def add(self, key: str, body: bytes, headers: Mapping[str, str]) -> bool:
        """Store one request before its ack; False when the store is busy (the caller
        then dispatches it at once). A repeat of a stored key is stored once."""
        if time.monotonic() < self._busy_until:
            return False
        try:  # each transaction gives up after STORE_WAIT_S: no timer of its own needed
            await asyncio.wrap_future(self.writer.submit((key, body, dict(headers))))
        except StoreBusy:
            self._busy_until = time.monotonic() + BUSY_PAUSE_S
            log.warning("store locked; dispatching requests at once")
            return False
        return True

    def _add_all(self, items: list[Item]) -> list[None]:
        def body(db: sqlite3.Connection) -> list[None]:
            now = time.time()
            db.executemany(
                "INSERT OR IGNORE INTO inbox (key, body, headers, received) VALUES (?, ?, ?, ?)",
                [(key, raw, json.dumps(headers), now) for key, raw, headers in items],
            )
            return [None] * len(items)

        return self.db.write(body, STORE_WAIT_S)

    def oldest(self, limit: int) -> list[Stored]:
        rows = self.db.read(
            lambda db: db.execute(
                "SELECT key, body, headers, tries FROM inbox ORDER BY rowid LIMIT ?", (limit,)
            ).fetchall()
        )
        return [Stored(r[0], bytes(r[1]), json.loads(r[2]), int(r[3])) for r in rows]

    def failed(self, key: str) -> None:
        self.db.write(
            lambda db: db.execute("UPDATE inbox SET tries = tries + 1 WHERE key = ?", (key,))
        )

    def done(self, key: str) -> None:
        self.db.write(lambda db: db.execute("DELETE FROM inbox WHERE key = ?", (key,)))

    def count(self) -> int:
        return int(self.db.read(lambda db: db.execute("SELECT count(*) FROM inbox").fetchone()[0]))


class InboxRunner:
    """One thread that dispatches stored requests, oldest first, after each burst."""

    def __init__(
        self,
        inbox: Inbox,
        dispatch: Callable[[BoltRequest], BoltResponse],
        poll_s: float = POLL_S,
    ) -> None:
        self.inbox = inbox
        self.dispatch = dispatch
        self.poll_s = poll_s
        self._work = threading.Event()
        self._stopping = threading.Event()
        self._last = 0.0
        self._thread: threading.Thread | None = None

    def arrived(self) -> None:
        """A request was stored: run it once the burst it came with is over."""
        self._last = time.monotonic()
        self._work.set()

    def start(self) -> None:
        """Start the thread; requests left from an earlier run go first."""
        self._work.set()
        self._thread = threading.Thread(target=self._run, name="newsbot-inbox", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Finish the request in progress; the others stay stored for the next start."""
        self._stopping.set()
        self._work.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._work.wait(self.poll_s)
            self._work.clear()
            self._after_the_burst()  # once: under a steady stream the inbox drains on
            try:
                while self._round():
                    pass
            except Exception:  # a locked store: the next round tries again
                log.exception("inbox round failed")

    def _round(self) -> bool:
        """Dispatch up to BATCH stored requests; False when there were none (or one failed)."""
        stored = self.inbox.oldest(BATCH)
        for request in stored:
            if self._stopping.is_set() or not self._dispatch(request):
                return False
        return bool(stored)

    def _after_the_burst(self) -> None:
        started = time.monotonic()
        while not self._stopping.is_set():
            left = min(self._last + QUIET_S, started + MAX_DEFER_S) - time.monotonic()
            if left <= 0:
                return
            self._stopping.wait(left)

    def _dispatch(self, request: Stored) -> bool:
        """Run one request's listener; False when it failed and will be tried again."""
        try:
            status = self.dispatch(
                BoltRequest(body=request.body.decode("utf-8"), headers=request.headers)
            ).status
        except Exception:
            log.exception("dispatching a stored request failed")
            status = 500
        if status >= 500 and request.tries + 1 < MAX_TRIES:
            self.inbox.failed(request.key)
            return False
        if status >= 500:
            log.error("dropped a request that failed %d times (key %s)", MAX_TRIES, request.key)
        self.inbox.done(request.key)
        return True
