"""Shared fixtures: settings for tests (small timeouts, loopback allowed) and example pages."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

# numpy's OpenBLAS threads spin-wait: on two busy cores one small logistic-regression fit (the
# CV floors run dozens) took 2.7 s with two threads and 0.25 s with one. Set before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest

from bot.config import Settings
from bot.eval.run import Outcome, default_data_dir, run_task

EXAMPLE_PAGE = Path(__file__).parent.parent / "bot" / "examples" / "river-flood.html"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        allow_private_urls=True,
        fetch_connect_timeout_s=1.0,
        fetch_read_timeout_s=1.0,
        summariser="extractive",
        slack_retry_backoff_s=0.05,  # Slack's retries and requeues, ~0 in tests
        requeue_delay_s=0.2,
        stop_grace_s=3.0,
        data_dir=tmp_path / "data",
        _env_file=None,  # type: ignore[call-arg]  # never read a developer's .env in tests
    )


@pytest.fixture(scope="session")
def example_html() -> str:
    return EXAMPLE_PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    found = default_data_dir()
    if found is None or not found.is_dir():
        pytest.skip("dev data (../shared/data or NEWSBOT_EVAL_DATA) is absent")
    return found


@pytest.fixture(scope="session")
def measure(data_dir: Path) -> Callable[[str], Outcome]:
    """Each eval module runs once per test process, on first use (the floor files share it)."""
    cache: dict[str, Outcome] = {}

    def outcome(task: str) -> Outcome:
        if task not in cache:
            cache[task] = run_task(task, data_dir, limit=None)
        return cache[task]

    return outcome
