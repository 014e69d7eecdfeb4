"""The real bot in a process of its own (`run_http`, extractive), for kill and lock tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bot.config import Settings
from tests.slack.conftest import SECRET, free_port

ROOT = Path(__file__).parents[2]
_CODE = (
    "import logging; logging.basicConfig(level=logging.INFO);"
    "from bot.config import Settings; from bot.slack.server import Bot, pipeline, run_http;"
    "from bot.summarise.extractive import ExtractiveSummariser;"
    "s = Settings(_env_file=None);"
    "b = Bot(s, None if s.broker_url else pipeline(s, ExtractiveSummariser())); run_http(b)"
)
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


@dataclass
class BotProcess:
    """`newsbot serve` as Slack would see it: a port, and a process to kill."""

    proc: subprocess.Popen[bytes]
    base_url: str

    def health(self) -> dict[str, object]:
        return dict(httpx.get(f"{self.base_url}/healthz", timeout=5).json())

    def kill(self, sig: signal.Signals = signal.SIGKILL, timeout: float = 15) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        self.proc.wait(timeout)


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
    proc = subprocess.Popen([sys.executable, "-c", _CODE], cwd=ROOT, env=env)
    bot = BotProcess(proc, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 120  # loading the parser: seconds, more on a busy machine
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the bot exited at start"
        try:
            if httpx.get(f"{bot.base_url}/healthz").status_code == 200:
                return bot
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    bot.kill()
    raise AssertionError("the bot did not become healthy")
