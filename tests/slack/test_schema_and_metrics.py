"""The SQLite file's schema version, and `/metrics` of the embedded bot."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest

from bot.errors import NewsbotError
from bot.slack.db import SCHEMA_VERSION, Database
from bot.slack.queue import JobQueue, NewJob
from tests.slack.conftest import Running

# The jobs table as the first release wrote it (no run_after, no deliveries), unversioned.
_OLD = """
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL, url TEXT NOT NULL, canon TEXT NOT NULL,
    channel TEXT, thread_ts TEXT, message_ts TEXT, user TEXT, response_url TEXT,
    private INTEGER NOT NULL DEFAULT 0, fresh INTEGER NOT NULL DEFAULT 0, note TEXT,
    status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
    placeholder_ts TEXT, digest_id TEXT, error TEXT,
    created REAL NOT NULL, updated REAL NOT NULL
);
INSERT INTO jobs (kind, url, canon, created, updated)
    VALUES ('mention', 'https://e.com/a', 'https://e.com/a', 1, 1);
"""


def _version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def test_a_new_file_gets_the_current_schema_version(tmp_path: Path) -> None:
    Database(tmp_path / "new.sqlite3").close()
    assert _version(tmp_path / "new.sqlite3") == SCHEMA_VERSION


def test_an_unversioned_file_is_upgraded_and_keeps_its_jobs(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(_OLD)
    database = Database(path)
    jobs = JobQueue(database)
    claimed = jobs.claim()  # needs the columns added since (run_after)
    assert claimed is not None and claimed.url == "https://e.com/a"
    assert jobs.accept("Ev1", [NewJob(kind="dm", url="u", canon="u")], 300)
    database.close()
    assert _version(path) == SCHEMA_VERSION


def test_a_file_from_a_newer_newsbot_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(NewsbotError, match="newer newsbot"):
        Database(path)


def test_metrics_of_the_embedded_bot_in_prometheus_text(running: Running) -> None:
    resp = httpx.get(f"{running.base_url}/metrics", timeout=5)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/plain; version=0.0.4")
    lines = dict(line.rsplit(" ", 1) for line in resp.text.splitlines() if line[0] != "#")
    assert lines["newsbot_queue_depth"] == "0"
    assert lines["newsbot_jobs_done_total"] == "0"
    assert "# TYPE newsbot_jobs_failed_total counter" in resp.text
