"""Scale-out end to end: the real bot (front end only) + 2 real `newsbot worker` processes
(Celery) + a real redis-server (AOF on) + the fake Slack, all over loopback.

Each mention is delivered twice (the second as Slack's retry) and must get exactly one digest;
a worker process SIGKILLed mid-job and Redis SIGKILLed and restarted mid-run lose nothing and
duplicate nothing. Each link is a short article of our own (`SHORT`, ~0.1 s to read and
digest), so the burst's time is the queue's and Slack's, not the parser's. Run with `-s` to see
the figures.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.fakes.articles import ArticleServer, Page
from tests.fakes.slack import FakeSlack
from tests.slack.cluster import SHORT, Cluster
from tests.slack.conftest import digests, send_interaction
from tests.slack.process import serve_process
from tests.slack.test_unfurl import SHARED_TS, link_shared

MENTIONS = 200  # the burst, each sent twice
STALL_S = 3.0  # Redis answers nothing this long (the embedded write-lock test holds 3 s too)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    with FakeSlack() as slack, ArticleServer() as articles:
        run = Cluster(tmp_path_factory.mktemp("scale"), slack, articles,
                      unfurl_domains="127.0.0.1")  # fmt: skip
        try:
            yield run
        finally:
            run.close()


def test_each_mention_sent_twice_gets_exactly_one_digest(cluster: Cluster) -> None:
    events = cluster.events("twice", MENTIONS)
    started = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        sent = list(pool.map(lambda e: cluster.send(e[0], e[1]),
                             [(e, retry) for e in events for retry in (False, True)]))  # fmt: skip
    assert all(s and s.status == 200 for s in sent)
    cluster.settle(events)
    took = time.monotonic() - started
    print(f"\n[{MENTIONS} mentions x2, 2 workers] all answered in {took:.1f} s")
    assert cluster.tally("each mention sent twice", events) == {
        "answered": MENTIONS, "lost": 0, "duplicated": 0, "stray_messages": 0
    }  # fmt: skip
    assert cluster.bot.health()["role"] == "front"
    metrics = httpx.get(f"{cluster.bot.base_url}/metrics", timeout=5).text
    values = dict(line.rsplit(" ", 1) for line in metrics.splitlines() if line[0] != "#")
    print(f"[metrics] {values}")
    assert values["newsbot_queue_depth"] == "0"
    assert values["newsbot_jobs_done_total"] == str(MENTIONS)
    assert values["newsbot_job_latency_seconds_count"] == str(MENTIONS)
    assert values["newsbot_model_latency_seconds_count"] == str(MENTIONS)


def test_worker_process_sigkilled_mid_job_still_answers_once(cluster: Cluster) -> None:
    slow = cluster.events("killed", 1, Page(SHORT, delay_s=2))
    others = cluster.events("beside", 10)
    sent = cluster.send(slow[0])
    assert sent and sent.status == 200
    url = cluster.articles.url("/killed/0")

    def running() -> dict[str, str] | None:
        for job in cluster.jobs().values():
            if url in job["new"] and job.get("status") == "running":
                return job
        return None

    deadline = time.monotonic() + 20
    while (job := running()) is None:
        assert time.monotonic() < deadline, "the slow job never started"
        time.sleep(0.02)
    pid = int(job["worker"].rsplit(":", 1)[1])
    os.kill(pid, signal.SIGKILL)  # the pool process running it, mid-fetch
    print(f"\n[SIGKILL] killed worker process {pid} on its job")
    assert all(s and s.status == 200 for s in map(cluster.send, others))
    cluster.settle(slow + others)
    tally = cluster.tally("worker SIGKILLed mid-job", slow + others)
    assert tally["lost"] == tally["duplicated"] == tally["stray_messages"] == 0
    attempts = next(j for j in cluster.jobs().values() if url in j["new"])["attempts"]
    assert int(attempts) >= 2  # it really was redelivered


def test_front_end_killed_right_after_the_acks_loses_nothing(cluster: Cluster) -> None:
    """kill -9 of `newsbot serve` just after a burst was acked: each request was in Redis (or
    the spool) before its ack, and the next front end sends what the broker never got."""
    events = cluster.events("frontkill", 12)
    with ThreadPoolExecutor(len(events)) as pool:
        sent = list(pool.map(cluster.send, events))
    assert all(s and s.status == 200 for s in sent)
    cluster.bot.kill(signal.SIGKILL)
    unsent = cluster.r.zcard("nb:unsent")
    cluster.bot = serve_process(cluster.settings)
    cluster.settle(events)
    tally = cluster.tally(f"front end kill -9 after 12 acks ({unsent} not yet queued)", events)
    assert tally["lost"] == tally["duplicated"] == tally["stray_messages"] == 0


def test_slack_500s_for_seconds_delay_digests_but_lose_none(cluster: Cluster) -> None:
    events = cluster.events("outage", 4)
    methods = ("chat.postMessage", "chat.update")
    cluster.slack.outage(methods, 2.0)  # past slack_sdk's own retries: Celery retries later
    assert all(s and s.status == 200 for s in map(cluster.send, events))
    cluster.settle(events)
    tally = cluster.tally("Slack 500 on post+update for 2 s", events)
    assert tally["lost"] == tally["duplicated"] == tally["stray_messages"] == 0
    failed = [c for c in cluster.slack.calls if c.method in methods and not c.result.get("ok")]
    assert failed  # the outage was real


def test_redis_restarted_mid_run_loses_nothing_accepted(cluster: Cluster) -> None:
    events = cluster.events("restart", 20)
    half = len(events) // 2
    with ThreadPoolExecutor(8) as pool:
        first = list(pool.map(cluster.send, events[:half]))
        cluster.slack.wait_for(lambda: any(digests(cluster.slack, e["event"]["ts"])
                                           for e in events[:half]))  # fmt: skip
        restarting = pool.submit(cluster.redis.restart)
        second = list(pool.map(cluster.send, events[half:]))  # some while Redis is away
        restarting.result()
    sent = first + second
    unacked = [e for e, s in zip(events, sent, strict=True) if not (s and s.status == 200)]
    for event in unacked:  # Slack re-sends what was not acknowledged
        again = cluster.send(event, retry=True)
        assert again and again.status == 200
    cluster.settle(events, timeout=90)
    tally = cluster.tally(f"Redis restarted mid-run ({len(unacked)} re-sent)", events)
    assert tally["lost"] == tally["duplicated"] == 0


def test_redis_stalled_for_seconds_keeps_acks_fast_and_loses_nothing(cluster: Cluster) -> None:
    """Broker mode's counterpart of the embedded store's external write lock: Redis itself
    stops answering (`CLIENT PAUSE … ALL`) for STALL_S while a burst arrives. The front end
    gives up on Redis within its 0.5 s socket timeout, spools and acks; workers wait it out."""
    events = cluster.events("stall", 20)
    cluster.r.execute_command("CLIENT", "PAUSE", int(STALL_S * 1000), "ALL")
    started = time.monotonic()
    with ThreadPoolExecutor(len(events)) as pool:
        sent = list(pool.map(cluster.send, events))
    health_s = time.monotonic()
    health = cluster.bot.health()
    health_s = time.monotonic() - health_s
    assert time.monotonic() - started < STALL_S, "the burst outlasted the stall"
    assert all(s and s.status == 200 for s in sent)
    ms = sorted(s.seconds * 1000 for s in sent if s)
    print(f"\n[Redis paused {STALL_S:g} s] acks p50 {ms[len(ms) // 2]:.0f} ms, max {ms[-1]:.0f} ms;"
          f" /healthz in {health_s * 1000:.0f} ms: {health}")  # fmt: skip
    assert ms[-1] < 1500 and health_s < 1.5
    cluster.settle(events)
    tally = cluster.tally(f"Redis paused {STALL_S:g} s", events)
    assert tally["lost"] == tally["duplicated"] == tally["stray_messages"] == 0


def test_unfurls_are_answered_by_the_workers(cluster: Cluster) -> None:
    """link_shared in broker mode: the front end only queues the links on our domains; a
    worker digests them (the cache first) and calls chat.unfurl; "Full digest" is a job."""
    (event,) = cluster.events("unfurl", 1)
    ours = cluster.articles.url("/unfurl/0")
    theirs = f"http://localhost:{cluster.articles.port}/unfurl/0"  # the same page, not ours
    sent = cluster.send(link_shared(theirs, ours))
    assert sent and sent.status == 200 and sent.seconds < 1
    [call] = cluster.slack.wait_for(lambda: cluster.slack.calls_to("chat.unfurl"), 30)
    assert call.result["ok"] and list(call.args["unfurls"]) == [ours]
    blocks = call.args["unfurls"][ours]["blocks"]
    button = next(e for b in blocks if b["type"] == "actions" for e in b["elements"])
    click = {
        "type": "block_actions", "trigger_id": "t", "team": {"id": "T0001"},
        "user": {"id": "U0EDITOR"}, "channel": {"id": event["event"]["channel"]},
        "container": {"type": "message_attachment", "message_ts": SHARED_TS,
                      "channel_id": event["event"]["channel"], "is_app_unfurl": True,
                      "app_unfurl_url": ours},
        "actions": [{"action_id": button["action_id"], "value": button["value"],
                     "type": "button"}],
    }  # fmt: skip
    assert send_interaction(cluster.bot.base_url, click).status == 200
    [digest] = cluster.slack.wait_for(lambda: digests(cluster.slack, SHARED_TS), 30)
    assert digest["metadata"]["event_payload"]["digest_id"] == button["value"]  # the cached one
