"""The evaluation gate: no dev-set metric may fall below its floor in bot/eval/floors.toml."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.eval.run import TASKS, Outcome, default_data_dir, main, run_task

FLOORS_PATH = Path(__file__).resolve().parents[1] / "bot" / "eval" / "floors.toml"
FLOORS = tomllib.loads(FLOORS_PATH.read_text(encoding="utf-8"))["floor"]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    found = default_data_dir()
    if found is None or not found.is_dir():
        pytest.skip("dev data (../shared/data or NEWSBOT_EVAL_DATA) is absent")
    return found


@pytest.fixture(scope="session")
def measure(data_dir: Path) -> Callable[[str], Outcome]:
    """Each eval module runs once per session, on first use (all of them: about a minute)."""
    cache: dict[str, Outcome] = {}

    def outcome(task: str) -> Outcome:
        if task not in cache:
            cache[task] = run_task(task, data_dir, limit=None)
        return cache[task]

    return outcome


def test_floors_file_is_well_formed():
    for floor in FLOORS:
        assert floor["module"] in TASKS, floor
        assert ("min" in floor) != ("max" in floor), f"give min or max, not both: {floor}"


@pytest.mark.parametrize("floor", FLOORS, ids=lambda f: f"{f['task']}: {f['metric']}")
def test_metric_is_not_below_its_floor(floor, measure):
    outcome = measure(floor["module"])
    if outcome.failed:
        pytest.fail(f"bot.eval.{floor['module']} crashed: {outcome.problem}")
    if not outcome.scores:
        pytest.skip(f"bot.eval.{floor['module']}: {outcome.problem}")
    found = [s for s in outcome.scores if (s.task, s.metric) == (floor["task"], floor["metric"])]
    assert found, f"{floor['module']} no longer reports {floor['metric']!r}; rename its floor"
    value = found[0].value
    if "min" in floor:
        assert value >= floor["min"], f"{floor['metric']} fell to {value} (floor {floor['min']})"
    else:
        assert value <= floor["max"], f"{floor['metric']} rose to {value} (ceiling {floor['max']})"


def test_eval_without_data_says_so_and_succeeds(tmp_path, capsys):
    assert main(["--data", str(tmp_path / "nowhere"), "--only", "summaries"]) == 0
    assert "No dev data" in capsys.readouterr().out


def test_eval_prints_one_table_with_anchors(data_dir, capsys):
    assert main(["--data", str(data_dir), "--only", "summaries", "--limit", "10"]) == 0
    out = capsys.readouterr().out
    for column in ("task", "metric", "ours", "anchors", "target", "n"):
        assert column in out
    assert "lead-3" in out and "bart-large-cnn" in out
