"""Shared fixtures: settings for tests (small timeouts, loopback allowed) and example pages."""

from __future__ import annotations

import os
from pathlib import Path

# numpy's OpenBLAS threads spin-wait: on two busy cores one small logistic-regression fit (the
# CV floors run dozens) took 2.7 s with two threads and 0.25 s with one. Set before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest

from bot.config import Settings

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
