"""`newsbot eval`: score every dev set and print one table with the anchors side by side."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Small matrices only: OpenBLAS threads spin-wait and slow each fit ten-fold on busy cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from rich.console import Console
from rich.table import Table

from bot.eval import floors
from bot.eval.floors import Threshold
from bot.eval.table import Score

TASKS = (
    "summaries",
    "quotes",
    "figures",
    "extraction",
    "pages",
    "metadata",
    "faithfulness",
    "guard",
)
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Outcome:
    """What one eval module gave: its scores, or why it gave none."""

    task: str
    scores: list[Score]
    seconds: float
    problem: str | None = None  # "not implemented yet", "missing", or the error
    failed: bool = False  # a crash, as opposed to a module that is not there yet


def default_data_dir() -> Path | None:
    """NEWSBOT_EVAL_DATA, else ../shared/data beside the repo or the working directory."""
    if env := os.environ.get("NEWSBOT_EVAL_DATA"):
        return Path(env)
    for base in (REPO_ROOT, Path.cwd()):
        candidate = (base / ".." / "shared" / "data").resolve()
        if candidate.is_dir():
            return candidate
    return None


def run_task(task: str, data_dir: Path, limit: int | None) -> Outcome:
    """Import `bot.eval.<task>` and call its `evaluate`; a missing module is reported, not fatal."""
    start = time.perf_counter()
    name = f"bot.eval.{task}"
    try:
        module = importlib.import_module(name)
        scores = list(module.evaluate(data_dir, limit=limit))
    except ModuleNotFoundError as err:
        if err.name != name:
            return Outcome(task, [], time.perf_counter() - start, f"error: {err}", failed=True)
        return Outcome(task, [], time.perf_counter() - start, "missing (no bot/eval module yet)")
    except NotImplementedError:
        return Outcome(task, [], time.perf_counter() - start, "not implemented yet")
    except Exception as err:  # one broken task must not hide the others' numbers
        crash = f"error: {type(err).__name__}: {err}"
        return Outcome(task, [], time.perf_counter() - start, crash, failed=True)
    empty = None if scores else "no dev data for this task"
    return Outcome(task, scores, time.perf_counter() - start, empty)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.2f}" if abs(value) >= 10 else f"{value:.3g}"  # ROUGE x100 keeps 2 decimals


def _target(score: Score, threshold: Threshold | None) -> str:
    goal = threshold.target_value(score) if threshold else None
    if threshold is None or goal is None:
        return ""
    sign = "≤ " if threshold.lower_is_better else "≥ "
    named = f" ({threshold.target})" if isinstance(threshold.target, str) else ""
    met = "" if threshold.meets_target(score) else " [yellow]not met[/]"
    return sign + _number(goal) + named + met


def render(outcomes: Sequence[Outcome], console: Console) -> None:
    """Print one table: task | metric | ours | anchors | floor | target | n."""
    thresholds = floors.by_metric(floors.load())
    table = Table(title="newsbot eval", show_lines=False)
    for column in ("task", "metric", "ours", "anchors", "floor", "target", "n"):
        table.add_column(column, justify="right" if column in ("ours", "n") else "left")
    for outcome in outcomes:
        if outcome.problem:
            table.add_row(outcome.task, f"[italic]{outcome.problem}[/]", "", "", "", "", "")
        for s in outcome.scores:
            threshold = thresholds.get((s.task, s.metric))
            anchors = " · ".join(f"{k} {_number(v)}" for k, v in s.anchors.items())
            below = threshold is not None and not threshold.holds(s.value)
            ours = f"[red]{_number(s.value)}[/]" if below else _number(s.value)
            floor = threshold.bound() if threshold else ""
            target = _target(s, threshold)
            table.add_row(s.task, s.metric, ours, anchors, floor, target, str(s.items))
    console.print(table)
    timings = ", ".join(f"{o.task} {o.seconds:.1f}s" for o in outcomes)
    console.print(f"time: {timings}")


def main(argv: list[str] | None = None) -> int:
    """Entry point of `newsbot eval` and `python -m bot.eval.run`; 1 if a task crashed or a
    metric broke its floor."""
    parser = argparse.ArgumentParser(prog="newsbot eval", description=__doc__)
    parser.add_argument("--data", type=Path, default=None, help="dev data folder")
    parser.add_argument("--limit", type=int, default=None, help="at most N items per dev set")
    parser.add_argument("--only", default=",".join(TASKS), help="comma-separated tasks")
    args = parser.parse_args(argv)
    # Piped output (CI logs) would wrap at 80 columns and split every anchor over lines.
    console = Console() if sys.stdout.isatty() else Console(width=160)
    data_dir = args.data or default_data_dir()
    if data_dir is None or not data_dir.is_dir():
        where = data_dir or "../shared/data"
        console.print(f"No dev data at {where} (set NEWSBOT_EVAL_DATA or pass --data); skipped.")
        return 0
    tasks = [t.strip() for t in args.only.split(",") if t.strip()]
    unknown = sorted(set(tasks) - set(TASKS))
    if unknown:
        parser.error(f"unknown task(s) {', '.join(unknown)}; choose from {', '.join(TASKS)}")
    outcomes = [run_task(task, data_dir, args.limit) for task in tasks]
    render(outcomes, console)
    thresholds = floors.by_metric(floors.load())
    broken = [
        s
        for o in outcomes
        for s in o.scores
        if (t := thresholds.get((s.task, s.metric))) is not None and not t.holds(s.value)
    ]
    # A --limit run measures a sample: its numbers are not held to the full set's floors.
    return 1 if (broken and args.limit is None) or any(o.failed for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
