"""The inbox: events stored whole before their ack, dispatched through Bolt after it."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.slack.db import Database
from bot.slack.inbox import MAX_TRIES, STORE_WAIT_S, Inbox, InboxRunner

HEADERS = {"content-type": "application/json"}


def _body(event_id: str) -> bytes:
    return json.dumps({"type": "event_callback", "event_id": event_id, "event": {}}).encode()


class Listener:
    """What Bolt's dispatch would run: records each event id; `fail` ids answer 500."""

    def __init__(self, fail: frozenset[str] = frozenset()) -> None:
        self.seen: list[str] = []
        self.fail = fail
        self.called = threading.Condition()

    def __call__(self, request: BoltRequest) -> BoltResponse:
        event_id = str(request.body["event_id"])
        with self.called:
            self.seen.append(event_id)
            self.called.notify_all()
        return BoltResponse(status=500 if event_id in self.fail else 200)

    def wait_for(self, done: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        with self.called:
            while not done():
                assert self.called.wait(deadline - time.monotonic()), f"only {self.seen}"


def _add(inbox: Inbox, event_id: str) -> bool:
    return asyncio.run(inbox.add(event_id, _body(event_id), HEADERS))


def _empty(inbox: Inbox, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while inbox.count():  # deleted just after its listener returned
        assert time.monotonic() < deadline, "the inbox was not emptied"
        time.sleep(0.01)


def test_a_stored_event_runs_once_even_when_slack_sends_it_twice(tmp_path: Path) -> None:
    inbox = Inbox(Database(tmp_path / "bot.sqlite3"))
    assert _add(inbox, "Ev1") and _add(inbox, "Ev1")  # Slack's retry: stored once
    assert inbox.count() == 1
    listener = Listener()
    runner = InboxRunner(inbox, listener)
    runner.start()
    listener.wait_for(lambda: len(listener.seen) == 1)
    _empty(inbox)
    runner.stop()
    assert listener.seen == ["Ev1"]


def test_events_acked_before_a_crash_run_at_the_next_start_in_order(tmp_path: Path) -> None:
    first = Inbox(Database(tmp_path / "bot.sqlite3"))
    for event_id in ("Ev1", "Ev2", "Ev3"):
        assert _add(first, event_id)  # acked; the process dies before dispatching them
    listener = Listener()
    runner = InboxRunner(Inbox(Database(tmp_path / "bot.sqlite3")), listener)
    runner.start()
    listener.wait_for(lambda: len(listener.seen) == 3)
    runner.stop()
    assert listener.seen == ["Ev1", "Ev2", "Ev3"]


def test_a_failing_listener_is_tried_again_then_dropped_and_the_next_event_runs(
    tmp_path: Path,
) -> None:
    inbox = Inbox(Database(tmp_path / "bot.sqlite3"))
    assert _add(inbox, "Bad") and _add(inbox, "Ev2")
    listener = Listener(fail=frozenset({"Bad"}))
    runner = InboxRunner(inbox, listener, poll_s=0.01)
    runner.start()
    listener.wait_for(lambda: "Ev2" in listener.seen)
    _empty(inbox)
    runner.stop()
    assert listener.seen == ["Bad"] * MAX_TRIES + ["Ev2"]


def test_a_locked_store_turns_the_inbox_down_fast_and_for_a_while(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    inbox = Inbox(Database(path))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    started = time.monotonic()
    assert not _add(inbox, "Ev1")  # the caller dispatches it at once instead
    assert time.monotonic() - started < STORE_WAIT_S + 1.0
    other.execute("COMMIT")
    started = time.monotonic()
    assert not _add(inbox, "Ev2")  # within the pause: no second wait on the store
    assert time.monotonic() - started < STORE_WAIT_S
