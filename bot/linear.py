"""The one shape of the bot's learned decisions: a logistic regression over standardised
features, kept as a small JSON file in bot/data. The sentence scorer, the figure ranker and the
guard are each one; training (bot.eval.train_scorer.fit) writes them, the bot only reads them."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import fsum
from pathlib import Path
from typing import Any, ClassVar, Self

from bot.errors import ModelUnavailable


@dataclass(frozen=True)
class Linear:
    """Coefficients over standardised features; subclasses name their features and may add
    fields (a threshold, a fallback flag), which are saved and read with the coefficients."""

    FEATURES: ClassVar[tuple[str, ...]] = ()
    WHAT: ClassVar[str] = "model"  # for messages: "the figure ranker …"

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def log_odds(self, row: Sequence[float]) -> float:
        z = zip(row, self.mean, self.scale, self.coef, strict=True)
        return self.intercept + fsum(c * (x - m) / s for x, m, s, c in z)

    def to_json(self, note: Mapping[str, object]) -> str:
        """Small, diff-friendly JSON (no article text): features, every field, then `note`."""
        fields = {k: _rounded(v) for k, v in dataclasses.asdict(self).items()}
        return json.dumps({"features": list(self.FEATURES), **fields, **note}, indent=1) + "\n"

    @classmethod
    def load(cls, path: Path) -> Self:
        """Read a file; one that cannot be read or was fit on other features is a packaging
        bug, said plainly."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ModelUnavailable(f"The {cls.WHAT} {path} cannot be read: {err}") from err
        if tuple(data.get("features", ())) != cls.FEATURES:
            raise ModelUnavailable(f"The {cls.WHAT} {path} was trained on other features.")
        names = {f.name for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in names
        }
        return cls(**values)


def _rounded(value: object) -> object:
    if isinstance(value, tuple):
        return [round(v, 6) for v in value]
    return round(value, 6) if isinstance(value, float) else value
