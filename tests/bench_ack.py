"""Benchmark of the ack (not a test): N signed mentions written at once to `newsbot serve`
(embedded store, extractive), each ack timed from its write to the end of its response.

    .venv/bin/python -m tests.bench_ack --mentions 200 --runs 3
    .venv/bin/python -m tests.bench_ack --stalled     # every page hangs: workers only wait

The bot runs in a process of its own (tests/slack/process.py), the sender in another
(tests/slack/burst.py), so neither times the other. Printed per run: ack p50/p99/max, the
bot's CPU seconds over the burst, and whether every mention got exactly one digest.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import tempfile
import time
from pathlib import Path

from bot.config import Settings
from tests.conftest import EXAMPLE_PAGE
from tests.fakes.articles import ArticleServer, Page
from tests.fakes.slack import FakeSlack
from tests.slack.burst import burst
from tests.slack.conftest import SECRET, digests, mention
from tests.slack.process import serve_process


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(mentions: int, stalled: bool) -> str:
    html = EXAMPLE_PAGE.read_bytes()
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as slack, ArticleServer() as articles:
        settings = Settings(  # type: ignore[call-arg]
            allow_private_urls=True,
            summariser="extractive",
            data_dir=Path(tmp),
            slack_bot_token="xoxb-test",
            slack_signing_secret=SECRET,
            slack_api_url=slack.api_url,
            fetch_read_timeout_s=30.0,
            stop_grace_s=1.0,
            _env_file=None,
        )
        events = []
        for i in range(mentions):  # 10 distinct links: the digest cache answers the rest
            articles.pages[f"/many/{i % 10}"] = Page(html, delay_s=60.0 if stalled else 0.0)
            events.append(mention(articles.url(f"/many/{i % 10}")))
        bot = serve_process(settings)
        try:
            before = cpu_s(bot.pid)
            acks = burst(bot.base_url, events, SECRET)
            used = cpu_s(bot.pid) - before
            ms = sorted(seconds * 1000 for _, seconds in acks)
            line = (
                f"ack p50 {statistics.median(ms):.0f} ms, p99 {ms[int(len(ms) * 0.99) - 1]:.0f}"
                f" ms, max {ms[-1]:.0f} ms; bot CPU over the burst {used:.2f} s; "
                f"{sum(status == 200 for status, _ in acks)}/{mentions} acked 200"
            )
            if not stalled:
                threads = [e["event"]["ts"] for e in events]
                slack.wait_for(lambda: all(digests(slack, t) for t in threads), 300)
                once = sum(len(digests(slack, t)) == 1 for t in threads)
                line += f"; {once}/{mentions} answered exactly once"
            return line + f"; load {os.getloadavg()[0]:.1f}"
        finally:
            bot.kill(signal.SIGTERM)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stalled", action="store_true", help="every page hangs for 60 s")
    args = parser.parse_args()
    for i in range(args.runs):
        print(f"run {i + 1}: {run(args.mentions, args.stalled)}", flush=True)
        time.sleep(1.0)  # let the last run's processes go before the next one starts


if __name__ == "__main__":
    main()
