"""A `newsbot worker` with a thread pool (NEWSBOT_WORKER_THREADS=4): one process, one model
(the tiny random-weight T5), the jobs' threads feeding it through the engine's batcher.

Batching across jobs is asserted from `/metrics` (a model call shared by more than one job),
never the summaries' quality. A slow site holds only its own thread: a fast page sent after
slow ones is answered while they still wait (the embedded mode's fault test, in broker mode).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.fakes.articles import ArticleServer, Page
from tests.fakes.slack import FakeSlack
from tests.slack.cluster import SHORT, Cluster
from tests.slack.conftest import digests
from tests.summarise.conftest import tiny_t5  # noqa: F401  (the model fixture)

THREADS = 4
FETCH_DEADLINE_S = 4.0


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, tiny_t5: Path) -> Iterator[Cluster]:  # noqa: F811
    with FakeSlack() as slack, ArticleServer() as articles:
        run = Cluster(
            tmp_path_factory.mktemp("threads"), slack, articles, workers=1,
            worker_threads=THREADS, summariser="seq2seq", model=str(tiny_t5),
            engine="transformers", num_beams=1, max_new_tokens=12,
            batch_wait_s=0.3,  # the jobs of one burst reach the model well within this
            fetch_deadline_s=FETCH_DEADLINE_S,
        )  # fmt: skip
        try:
            yield run
        finally:
            run.close()


def _metrics(cluster: Cluster) -> dict[str, str]:
    text = httpx.get(f"{cluster.bot.base_url}/metrics", timeout=5).text
    return dict(line.rsplit(" ", 1) for line in text.splitlines() if line[0] != "#")


def test_one_process_feeds_several_jobs_to_one_model_call(cluster: Cluster) -> None:
    events = cluster.events("batch", THREADS * 2)
    with ThreadPoolExecutor(len(events)) as pool:
        sent = list(pool.map(cluster.send, events))
    assert all(s and s.status == 200 for s in sent)
    cluster.settle(events)
    assert cluster.tally("thread pool, tiny T5", events)["duplicated"] == 0
    values = _metrics(cluster)
    calls = int(values["newsbot_model_batch_jobs_count"])
    alone = int(values['newsbot_model_batch_jobs_bucket{le="1"}'])
    print(f"[batches] {calls} model calls for {len(events)} jobs; {calls - alone} shared by 2+")
    assert calls < len(events) and alone < calls  # some call carried more than one job


def test_slow_pages_do_not_hold_up_a_fast_one(cluster: Cluster) -> None:
    slow = cluster.events("slow", THREADS - 1, Page(SHORT, delay_s=FETCH_DEADLINE_S * 3))
    with ThreadPoolExecutor(len(slow)) as pool:
        assert all(s and s.status == 200 for s in pool.map(cluster.send, slow))
    cluster.slack.wait_for(lambda: sum("/slow/" in p for p, _ in cluster.articles.requests)
                           >= len(slow))  # fmt: skip
    (fast,) = cluster.events("fast", 1)
    sent = cluster.send(fast)
    assert sent and sent.status == 200
    cluster.slack.wait_for(lambda: digests(cluster.slack, fast["event"]["ts"]), 30)
    waited = time.monotonic() - sent.sent_at
    print(f"\n[{len(slow)} slow pages + 1 fast, {THREADS} threads] fast answered in {waited:.2f} s")
    assert waited < FETCH_DEADLINE_S  # answered while every slow fetch still waits
    assert not any(digests(cluster.slack, e["event"]["ts"]) for e in slow)
