"""The Redis state behind the scaled-out roles, against a real redis-server: acceptance is
once per event and per link (atomic), a job has one lease at a time, and a finished job is
never run again."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from bot.digest import Digest
from bot.slack.queue import NewJob
from bot.slack.shared import SharedState, connect
from tests.slack.redis_server import RedisServer


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    redis_server = RedisServer(tmp_path_factory.mktemp("redis"))
    redis_server.start()
    yield redis_server
    redis_server.kill()


@pytest.fixture
def state(server: RedisServer) -> SharedState:
    shared = SharedState(connect(server.url, patient=False))
    shared.r.flushdb()
    return shared


def _job(url: str = "https://e.com/a", thread: str | None = "1.1") -> NewJob:
    return NewJob(kind="mention", url=url, canon=url, channel="C1", thread_ts=thread)


def test_an_event_is_accepted_once_and_a_link_once_per_thread(state: SharedState) -> None:
    assert state.accept("Ev1", [_job()], 300) == [1]
    assert state.accept("Ev1", [_job()], 300) is None  # Slack's retry of the same event
    assert state.accept("Ev2", [_job()], 300) == []  # same link, same thread, in the window
    assert state.accept("Ev3", [_job(thread="2.2")], 300) == [2]
    assert state.unsent() == [1, 2]
    state.sent(1)
    assert state.unsent() == [2]
    assert state.count("pending") == 1


def test_quotes_only_after_the_full_digest_is_a_new_request(state: SharedState) -> None:
    quotes = dataclasses.replace(_job(), kind="dm:quotes")
    assert state.accept("Ev1", [_job()], 300) == [1]
    assert state.accept("Ev2", [quotes], 300) == [2]
    assert state.accept("Ev3", [quotes], 300) == []


def test_one_lease_at_a_time_and_a_finished_job_is_skipped(state: SharedState) -> None:
    (job_id,) = state.accept("Ev1", [_job()], 300) or []
    assert state.claim(job_id, "a", "w1") == "1"
    assert state.claim(job_id, "b", "w2").startswith("leased:")  # a duplicate delivery
    state.release(job_id, "a", again=True)  # handed back (retry later): not an attempt
    assert state.claim(job_id, "b", "w2") == "1"
    state.finish(job_id, digest_id="d1")
    state.release(job_id, "b", again=False)
    assert state.claim(job_id, "c", "w3") == "finished"
    assert state.claim(99, "c", "w3") == "gone"
    assert state.metrics()["jobs_done"] == 1


def test_a_job_survives_a_redis_restart(server: RedisServer, state: SharedState) -> None:
    assert state.accept("Ev1", [_job()], 300) == [1]
    server.restart()  # SIGKILL: only the AOF (appendfsync always) keeps the job
    again = SharedState(connect(server.url, patient=False))
    job = again.job(1)
    assert job is not None and job.url == "https://e.com/a" and again.unsent() == [1]


def test_digests_cache_and_feedback(state: SharedState) -> None:
    digest = Digest(input="https://e.com/a", url="https://e.com/a", title="T", site=None,
                    author=None, published=None, language="en", text="One.", summary=("One.",),
                    summary_method="extractive", model=None, figures=(), quotes=(),
                    reading_minutes=1)  # fmt: skip
    digest_id = state.save_digest("https://e.com/a", digest, ttl_s=60)
    cached = state.cached_digest("https://e.com/a", 60)
    assert cached is not None and cached[0] == digest_id and cached[1].title == "T"
    state.add_feedback(digest_id, "U1", 1)
    state.add_feedback(digest_id, "U1", -1)
    assert state.feedback(digest_id) == {"U1": -1}
    state.delivered_to("U1", digest_id)
    assert [d for d, _, _ in state.recent_digests("U1")] == [digest_id]
