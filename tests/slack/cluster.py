"""Scale-out harness: redis-server, `newsbot worker` processes and the front end in processes
of their own, the fake Slack and the article server in this one (tests and the benchmark)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import redis

from bot.config import Settings
from tests.fakes.articles import ArticleServer, Page
from tests.fakes.slack import FakeSlack
from tests.slack.conftest import (
    SECRET,
    Sent,
    is_digest,
    mention,
    send_event,
    thread_messages,
)
from tests.slack.process import ROOT, BotProcess, serve_process, settings_env
from tests.slack.redis_server import RedisServer

RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
EXAMPLE = ROOT / "bot" / "examples" / "river-flood.html"
# A short article of our own (about 100 words, one quote, three figures): cheap to read and
# digest (~0.1 s), so a burst's time is the queue's, not the parser's.
SHORT = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ferry service to resume on Monday | The Harbour Gazette</title>
<meta name="author" content="Lena Okafor"></head><body><article>
<h1>Ferry service to resume on Monday</h1>
<p>The island ferry will run again from Monday after repairs to its landing ramp were finished
ahead of schedule, the port authority said on Friday.</p>
<p>The service carries about 900 passengers a day in summer and was stopped for 11 days after
the ramp was damaged in a storm.</p>
<p>“We know how hard the last two weeks have been for people on the island,”
said harbour master Daniel Reyes. “The crews worked through the weekend to get the ramp
ready.”</p>
<p>Extra sailings will run on Monday and Tuesday to clear the backlog of bookings, and tickets
bought for cancelled crossings will be refunded in full.</p>
</article></body></html>""".encode()


class Cluster:
    """Redis, worker processes (one pool process each) and the front end."""

    def __init__(
        self,
        tmp: Path,
        slack: FakeSlack,
        articles: ArticleServer,
        workers: int = 2,
        ready_timeout: float = 180,
        **overrides: Any,
    ) -> None:
        self.slack, self.articles, self.tmp = slack, articles, tmp
        self.redis = RedisServer(tmp / "redis")
        self.redis.start()
        self.settings = Settings(
            slack_bot_token="xoxb-test",
            slack_signing_secret=SECRET,
            slack_api_url=slack.api_url,
            broker_url=self.redis.url,
            data_dir=tmp / "front",
            allow_private_urls=True,
            summariser="extractive",
            workers=1,  # pool processes per worker: two workers, one process each
            fetch_connect_timeout_s=1.0,
            fetch_read_timeout_s=5.0,
            slack_retry_backoff_s=0.05,
            requeue_delay_s=0.2,
            stop_grace_s=1.0,
            job_soft_limit_s=15.0,
            job_hard_limit_s=20.0,
            visibility_timeout_s=25.0,
            _env_file=None,  # type: ignore[call-arg]
        ).model_copy(update=overrides)
        self.r: Any = redis.Redis.from_url(self.redis.url, decode_responses=True)
        self.workers = [self._worker(i) for i in range(workers)]
        try:
            self.bot: BotProcess = serve_process(self.settings)
            self.wait_ready(ready_timeout)
        except BaseException:
            self.close()  # no orphaned workers or redis-server
            raise

    def _worker(self, i: int) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "NEWSBOT_ALLOW_PRIVATE_URLS": "1",
            "PYTHONPATH": str(ROOT),
            # Workers share this machine's cores: one torch thread each. With two threads per
            # process on a busy 2-core machine the tiny T5 took 5 s a summary, not 0.3 s.
            "OMP_NUM_THREADS": "1",
            **settings_env(self.settings),
        }
        log = (self.tmp / f"worker-{i}.log").open("wb")
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "worker"], cwd=ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_ready(self, timeout: float = 180) -> None:
        """Both workers' pool processes loaded their summariser."""
        deadline = time.monotonic() + timeout
        while len(self.r.keys("nb:worker:*")) < len(self.workers):
            assert all(w.poll() is None for w in self.workers), self.logs()
            assert time.monotonic() < deadline, "workers not ready: " + self.logs()
            time.sleep(0.05)

    def logs(self) -> str:
        return "\n".join(p.read_text()[-3000:] for p in sorted(self.tmp.glob("worker-*.log")))

    def events(self, prefix: str, n: int, page: Page | None = None) -> list[dict[str, Any]]:
        body = SHORT
        out = []
        for i in range(n):
            self.articles.pages[f"/{prefix}/{i}"] = page or Page(body)
            out.append(mention(self.articles.url(f"/{prefix}/{i}")))
        return out

    def send(self, event: dict[str, Any], retry: bool = False) -> Sent | None:
        try:
            return send_event(self.bot.base_url, event, headers=RETRY if retry else None)
        except httpx.TransportError:
            return None

    def jobs(self) -> dict[int, dict[str, str]]:
        return {int(k.split(":")[-1]): self.r.hgetall(k) for k in self.r.keys("nb:job:*")}

    def settle(self, events: list[dict[str, Any]], timeout: float = 180) -> None:
        """Every event answered and every job finished (nothing left to answer twice). The
        deadline is generous: CI runs this beside the dev-set evals on two cores."""
        deadline = time.monotonic() + timeout
        try:
            self.slack.wait_for(lambda: self.answered(events), timeout)
        except AssertionError:
            unanswered = sum(not self.answered([e]) for e in events)
            open_jobs = {i: j.get("status") for i, j in self.jobs().items()
                         if j.get("status") not in ("done", "failed")}  # fmt: skip
            raise AssertionError(
                f"{unanswered} of {len(events)} unanswered after {timeout:g} s; open jobs "
                f"{open_jobs}; unsent {self.r.zcard('nb:unsent')}; logs:\n{self.logs()}"
            ) from None
        while not all(j.get("status") in ("done", "failed") for j in self.jobs().values()):
            assert time.monotonic() < deadline, "jobs left unfinished: " + self.logs()
            time.sleep(0.05)
        # The dispatcher lists a job as sent just after handing it over, and a job handed over
        # twice (before and after a front end's kill) is dropped by the worker that pops it:
        # both may lag the job's end by a moment, so wait for them too.
        while self.r.zcard("nb:unsent") or self.r.llen("celery"):
            assert time.monotonic() < deadline, "broker queue not drained: " + self.logs()
            time.sleep(0.05)

    def answered(self, events: list[dict[str, Any]]) -> bool:
        """Every event's thread has a digest. One pass over Slack's calls, not one per event:
        the fake re-checks after every call it takes, holding its lock."""
        by_thread = thread_messages(self.slack)
        return all(any(map(is_digest, by_thread.get(e["event"]["ts"], []))) for e in events)

    def tally(self, label: str, events: list[dict[str, Any]]) -> dict[str, int]:
        by_thread = thread_messages(self.slack)
        counts = [sum(map(is_digest, by_thread.get(e["event"]["ts"], []))) for e in events]
        tally = {
            "answered": sum(c >= 1 for c in counts),
            "lost": sum(c == 0 for c in counts),
            "duplicated": sum(c > 1 for c in counts),
            "stray_messages": sum(len(by_thread.get(e["event"]["ts"], [])) > 1 for e in events),
        }
        print(f"\n[{label}] {tally} of {len(events)}")
        return tally

    def close(self) -> None:
        bot: BotProcess | None = getattr(self, "bot", None)  # None: it failed to start
        if bot is not None:
            bot.kill(signal.SIGTERM)
        # A thread pool's warm shutdown waits out jobs still fetching slow pages; at the end of
        # a test module a cold one will do (their messages go back to Redis, which stops too).
        stop = signal.SIGQUIT if self.settings.worker_threads > 1 else signal.SIGTERM
        for worker in self.workers:
            worker.send_signal(stop)
        for worker in self.workers:
            try:
                worker.wait(15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(5)
        self.redis.kill(signal.SIGTERM)
