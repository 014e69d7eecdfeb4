"""The evaluation gate: no dev-set metric may fall below its floor in bot/eval/floors.toml."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import pytest

from bot.eval import floors
from bot.eval.floors import Threshold
from bot.eval.run import TASKS, Outcome, main, run_task
from bot.eval.table import Score
from tests.eval_floors import FINDERS, FLOORS, check_floor, floors_of

# The eval modules checked here; tests/test_eval_floors_finders.py checks the others, so that
# the two halves run side by side (one file per pytest worker).
HERE = ("summaries", "guard", "pages", "metadata")


def test_floors_file_is_well_formed():
    assert FLOORS
    assert {f.module for f in FLOORS} <= set(TASKS)
    assert len(floors.by_metric(FLOORS)) == len(FLOORS), "one threshold per (task, metric)"


def test_a_floor_holds_on_its_side_and_a_named_target_reads_the_anchor():
    rouge = Threshold("summaries", "t", "m", min=18.0, target="lead-3")
    assert rouge.holds(18.0) and not rouge.holds(17.9)
    assert rouge.bound() == "≥ 18"
    mistakes = Threshold("figures", "t", "m", max=0)
    assert mistakes.holds(0) and not mistakes.holds(1) and mistakes.lower_is_better
    score = Score("t", "m", 19.0, {"lead-3": 19.5})
    assert rouge.target_value(score) == 19.5 and rouge.meets_target(score) is False


def test_every_floor_is_checked_by_one_of_the_two_files():
    assert {f.module for f in FLOORS} <= set(HERE) | set(FINDERS)
    assert not set(HERE) & set(FINDERS)


@pytest.mark.parametrize("floor", floors_of(HERE), ids=lambda f: f"{f.task}: {f.metric}")
def test_metric_is_not_below_its_floor(floor: Threshold, measure):
    check_floor(floor, measure)


def test_eval_without_data_says_so_and_succeeds(tmp_path, capsys):
    assert main(["--data", str(tmp_path / "nowhere"), "--only", "summaries"]) == 0
    assert "No dev data" in capsys.readouterr().out


def test_eval_prints_one_table_with_anchors(data_dir, capsys):
    assert main(["--data", str(data_dir), "--only", "summaries", "--limit", "10"]) == 0
    out = capsys.readouterr().out
    for column in ("task", "metric", "ours", "anchors", "floor", "target", "n"):
        assert column in out
    assert "lead-3" in out and "bart-large-cnn" in out


# Floors measured on a fixed, evenly spaced subset of a big set (`limit` pages per set), so
# the gate stays fast in CI; `newsbot eval` reports the full sets.
SAMPLED_FLOORS = tomllib.loads(floors.FLOORS_PATH.read_text(encoding="utf-8")).get(
    "sampled_floor", []
)


@lru_cache(maxsize=8)
def _sampled(module: str, limit: int, data_dir: Path) -> Outcome:
    return run_task(module, data_dir, limit=limit)


@pytest.mark.parametrize(
    "floor", SAMPLED_FLOORS, ids=lambda f: f"{f['task']}: {f['metric']} (limit {f['limit']})"
)
def test_sampled_metric_is_not_below_its_floor(floor, data_dir):
    outcome = _sampled(floor["module"], floor["limit"], data_dir)
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
