"""Benchmark of the scaled-out roles (not a test): throughput (digests/min) and p50/p95
mention → digest latency for 1 and 2 worker processes, on this machine.

    .venv/bin/python -m tests.bench_scale --mentions 200
    .venv/bin/python -m tests.bench_scale --mentions 12 --summariser chat --model <id or path>
    .venv/bin/python -m tests.bench_scale --mentions 12 --summariser chat --model <…> --threads 4

Each run starts its own redis-server (AOF on), the front end, the workers (one pool process
each, or with --threads one process whose threads share its model), the fake Slack and the
article server, sends the mentions as one burst over HTTP (each link a short article of our
own, `tests.slack.cluster.SHORT`) and times each one from its request to the Slack call that
carried its digest. Workers run one torch thread each (OMP_NUM_THREADS=1).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tests.fakes.articles import ArticleServer
from tests.fakes.slack import FakeSlack
from tests.slack.cluster import Cluster
from tests.slack.conftest import is_digest


def digest_times(slack: FakeSlack) -> dict[str, float]:
    """When each thread first got its digest (time.monotonic of the Slack call)."""
    thread_of: dict[str, str | None] = {}
    first: dict[str, float] = {}
    for call in list(slack.calls):
        if not call.result.get("ok"):
            continue
        if call.method == "chat.postMessage":
            thread_of[call.result["ts"]] = call.args.get("thread_ts")
        if call.method in ("chat.postMessage", "chat.update") and is_digest(call.args):
            thread = call.args.get("thread_ts") or thread_of.get(call.args.get("ts", ""))
            if thread:
                first.setdefault(thread, call.at)
    return first


def run(workers: int, mentions: int, overrides: dict[str, Any]) -> dict[str, float]:
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeSlack() as slack,
        ArticleServer() as articles,
    ):
        cluster = Cluster(Path(tmp), slack, articles, workers=workers, ready_timeout=900,
                          **overrides)  # fmt: skip
        try:
            events = cluster.events(f"bench{workers}", mentions)
            with ThreadPoolExecutor(16) as pool:
                sent = list(pool.map(cluster.send, events))
            assert all(s and s.status == 200 for s in sent), "a mention was not acked"
            cluster.settle(events, timeout=600)
            done = digest_times(slack)
            latencies = sorted(
                done[e["event"]["ts"]] - s.sent_at for e, s in zip(events, sent, strict=True) if s
            )
            start = min(s.sent_at for s in sent if s)
            span = max(done[e["event"]["ts"]] for e in events) - start
        finally:
            cluster.close()
    return {
        "workers": workers,
        "digests_per_min": mentions / span * 60,
        "p50_s": statistics.median(latencies),
        "p95_s": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=60)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--summariser", default="extractive")
    parser.add_argument("--model", help="model id or path (seq2seq/chat)")
    parser.add_argument("--max-new-tokens", type=int, help="NEWSBOT_MAX_NEW_TOKENS")
    parser.add_argument("--threads", type=int, default=1, help="NEWSBOT_WORKER_THREADS")
    args = parser.parse_args()
    overrides: dict[str, Any] = {"summariser": args.summariser}
    if args.model:
        overrides["model"] = args.model
    if args.max_new_tokens:
        overrides["max_new_tokens"] = args.max_new_tokens
    overrides["worker_threads"] = args.threads
    if args.summariser != "extractive":  # a model on a shared CPU: room for slow jobs
        overrides.update(job_soft_limit_s=300.0, job_hard_limit_s=360.0,
                         visibility_timeout_s=3600.0)  # fmt: skip
    print(f"{args.mentions} mentions in one burst, summariser {args.summariser}"
          f" {args.model or ''}, {args.threads} thread(s) per worker")  # fmt: skip
    print("workers  digests/min  p50 (s)  p95 (s)")
    for n in args.workers:
        started = time.monotonic()
        r = run(n, args.mentions, overrides)
        print(
            f"{n:>7}  {r['digests_per_min']:>11.0f}  {r['p50_s']:>7.2f}  {r['p95_s']:>7.2f}"
            f"   ({time.monotonic() - started:.0f} s with start-up)",
            flush=True,
        )


if __name__ == "__main__":
    main()
