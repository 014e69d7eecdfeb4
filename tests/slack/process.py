"""The real bot in a process of its own (`run_http`, extractive), for kill and lock tests."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bot.config import Settings
from tests.slack.conftest import SECRET, free_port

ROOT = Path(__file__).parents[2]
# Bots are forked from one server per test process that has imported the bot and loaded the
# parser (tests/slack/preloaded.py): seconds of start-up each, not five.
_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload(["tests.slack.preloaded"])
# Settings field → the env var the process reads it from.
_ENV = {
    "slack_api_url": "SLACK_API_URL",
    "data_dir": "NEWSBOT_DATA_DIR",
    "workers": "NEWSBOT_WORKERS",
    "fetch_concurrency": "NEWSBOT_FETCH_CONCURRENCY",
    "fetch_deadline_s": "NEWSBOT_FETCH_DEADLINE",
    "fetch_read_timeout_s": "NEWSBOT_READ_TIMEOUT",
    "fetch_connect_timeout_s": "NEWSBOT_CONNECT_TIMEOUT",
    "slack_retry_backoff_s": "NEWSBOT_SLACK_RETRY_BACKOFF",
    "requeue_delay_s": "NEWSBOT_REQUEUE_DELAY",
    "stop_grace_s": "NEWSBOT_STOP_GRACE",
    "broker_url": "NEWSBOT_BROKER_URL",
    "job_soft_limit_s": "NEWSBOT_JOB_SOFT_LIMIT",
    "job_hard_limit_s": "NEWSBOT_JOB_HARD_LIMIT",
    "visibility_timeout_s": "NEWSBOT_VISIBILITY_TIMEOUT",
    "summariser": "NEWSBOT_SUMMARISER",
    "model": "NEWSBOT_MODEL",
    "engine": "NEWSBOT_ENGINE",
    "num_beams": "NEWSBOT_NUM_BEAMS",
    "max_new_tokens": "NEWSBOT_MAX_NEW_TOKENS",
    "worker_threads": "NEWSBOT_WORKER_THREADS",
    "max_batch": "NEWSBOT_MAX_BATCH",
    "batch_wait_s": "NEWSBOT_BATCH_WAIT",
    "unfurl_domains": "NEWSBOT_UNFURL_DOMAINS",
}


def settings_env(settings: Settings) -> dict[str, str]:
    """The env vars that give a process `settings` (those the fault tests vary)."""
    values = {name: getattr(settings, field) for field, name in _ENV.items()}
    return {name: str(value) for name, value in values.items() if value is not None}


def _serve(env: dict[str, str], cwd: str) -> None:
    """In the forked bot: `newsbot serve` (importing the server's module there, not here)."""
    from tests.slack.preloaded import serve

    serve(env, cwd)


@dataclass
class BotProcess:
    """`newsbot serve` as Slack would see it: a port, and a process to kill."""

    proc: multiprocessing.process.BaseProcess
    base_url: str

    @property
    def pid(self) -> int:
        assert self.proc.pid is not None, "the bot was never started"
        return self.proc.pid

    def health(self) -> dict[str, object]:
        return dict(httpx.get(f"{self.base_url}/healthz", timeout=5).json())

    def kill(self, sig: signal.Signals = signal.SIGKILL, timeout: float = 15) -> None:
        if self.proc.exitcode is None:
            os.kill(self.pid, sig)
        self.proc.join(timeout)
        assert self.proc.exitcode is not None, f"the bot outlived {sig.name} by {timeout:g} s"


def serve_process(settings: Settings) -> BotProcess:
    """Start the bot with `settings` (through its env vars) and wait until it is healthy."""
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "NEWSBOT_PORT": str(port),
        "NEWSBOT_ALLOW_PRIVATE_URLS": "1",
        "PYTHONPATH": str(ROOT),
        **settings_env(settings),
    }
    proc = _FORKS.Process(target=_serve, args=(env, str(ROOT)), daemon=True)
    proc.start()
    bot = BotProcess(proc, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 120  # loading the parser: seconds, more on a busy machine
    while time.monotonic() < deadline:
        assert proc.exitcode is None, "the bot exited at start"
        try:
            if httpx.get(f"{bot.base_url}/healthz").status_code == 200:
                return bot
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    bot.kill()
    raise AssertionError("the bot did not become healthy")
