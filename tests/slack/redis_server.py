"""A real `redis-server` of the tests' own: a free loopback port, a temp dir, AOF on.

Outside CI a machine without redis-server skips these tests with the reason; with CI=true
(where `.ci/setup` installs it) a missing redis-server fails them instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import redis

from tests.slack.conftest import free_port


def redis_server_binary() -> str:
    """The redis-server path, or skip (fail under CI) with the reason."""
    found = shutil.which("redis-server")
    if found:
        return found
    reason = "redis-server is not installed (CI installs it: apt-get install redis-server)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + "; .ci/setup should have installed it")
    pytest.skip(reason)


class RedisServer:
    """One redis-server process; `restart` keeps its port and its data dir (the AOF)."""

    def __init__(self, directory: Path) -> None:
        self.binary = redis_server_binary()
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", str(self.dir), "--appendonly", "yes", "--appendfsync", "always",
                "--save", "", "--daemonize", "no", "--loglevel", "warning"]  # fmt: skip
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            assert self.proc.poll() is None, "redis-server exited at start"
            try:
                if client.ping():
                    return
            except (redis.ConnectionError, redis.BusyLoadingError):
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.02)

    def kill(self, sig: signal.Signals = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(10)

    def restart(self) -> None:
        """SIGKILL (no clean shutdown: only the AOF keeps what was acked), then start."""
        self.kill(signal.SIGKILL)
        self.start()
