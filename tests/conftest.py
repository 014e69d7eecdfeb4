"""Shared fixtures: settings for tests (small timeouts, loopback allowed) and example pages."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

# numpy's OpenBLAS threads spin-wait: on two busy cores one small logistic-regression fit (the
# CV floors run dozens) took 2.7 s with two threads and 0.25 s with one. Set before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# torch and CTranslate2 (OpenMP) likewise: the two pytest workers share two cores, and two
# threads per process made the GGUF model's 48 tokens take 58 s instead of 7.5 s (every op
# waited for the other thread's turn). Child processes (bots, workers) inherit it.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import pytest

from bot.config import Settings
from bot.eval.run import Outcome, default_data_dir, run_task

EXAMPLE_PAGE = Path(__file__).parent.parent / "bot" / "examples" / "river-flood.html"

# The longest test files (seconds on two cores), run first: pytest-xdist hands out whole files
# (`--dist loadfile`, `--no-loadscope-reorder` in pyproject.toml), and a long file taken last
# leaves the other worker idle at the end. Every other file keeps its place after these.
LONGEST_FIRST = (
    "tests/test_eval_floors_finders.py",  # ~130 s: quotes, figures, extraction, the sweep
    "tests/test_eval_floors.py",  # ~85 s: summaries, guard, pages, metadata
    "tests/test_hostile.py",  # ~60 s
    "tests/slack/test_faults.py",  # ~55 s: bot processes killed and restarted
    "tests/slack/test_scale.py",  # ~30 s: Redis, Celery workers
    "tests/test_cli.py",  # ~25 s
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the order within a file, and of the other files, stays


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
