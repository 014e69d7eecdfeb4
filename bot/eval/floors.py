"""The one threshold system: `floors.toml` gives each metric its floor (and maybe a target)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from bot.eval.table import Score

FLOORS_PATH = Path(__file__).with_name("floors.toml")


@dataclass(frozen=True)
class Threshold:
    """One row of floors.toml: the floor CI enforces, and the target we aim for."""

    module: str  # the bot.eval module that reports the metric
    task: str
    metric: str
    min: float | None = None  # the metric must stay at or above it ...
    max: float | None = None  # ... or, for counts of mistakes, at or below it
    target: float | str | None = None  # a number, or the name of an anchor to beat ("lead-3")

    @property
    def lower_is_better(self) -> bool:
        return self.max is not None

    def holds(self, value: float) -> bool:
        """True when the value is on the right side of the floor (or ceiling)."""
        if self.min is not None:
            return value >= self.min
        return self.max is None or value <= self.max

    def bound(self) -> str:
        return f"≥ {self.min:g}" if self.min is not None else f"≤ {self.max:g}"

    def target_value(self, score: Score) -> float | None:
        """The target as a number: a named anchor is read from the same run's score."""
        if isinstance(self.target, str):
            return score.anchors.get(self.target)
        return self.target

    def meets_target(self, score: Score) -> bool | None:
        goal = self.target_value(score)
        if goal is None:
            return None
        return score.value <= goal if self.lower_is_better else score.value >= goal


def load(path: Path = FLOORS_PATH) -> list[Threshold]:
    """Every threshold, checked for form: exactly one of min and max."""
    rows = tomllib.loads(path.read_text(encoding="utf-8"))["floor"]
    thresholds = [Threshold(**row) for row in rows]
    for t in thresholds:
        if (t.min is None) == (t.max is None):
            raise ValueError(f"{path.name}: give min or max, not both or neither: {t}")
    return thresholds


def by_metric(thresholds: list[Threshold]) -> dict[tuple[str, str], Threshold]:
    return {(t.task, t.metric): t for t in thresholds}
