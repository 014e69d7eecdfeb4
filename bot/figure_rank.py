"""The figure ranker: a logistic regression over a few general features of a number's mention,
learnt by `python -m bot.eval.train_figures` (NumHG headline numbers, CNN/DM summary numbers)
and read from bot/data/figure-ranker.json. The bot only reads coefficients."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.errors import ModelUnavailable

RANKER_PATH = Path(__file__).resolve().parent / "data" / "figure-ranker.json"

# What the ranker reads about a mention (bot.figures.features and candidates), all 0/1 except
# `repeated` (0-2), `relative_position` (0-1) and `log_number`. `lead_<kind>`: a number of that
# kind in the first two prose sentences; `first_of_kind`: the article's first money value, first
# percentage, first count of km... Added features were kept only when 5-fold CV recall@4 rose.
FEATURES = (
    "sentence0", "sentence1", "sentence2", "sentence3", "later", "first_in_article",
    "relative_position", "repeated",
    "count", "money", "percent", "word", "ordinal", "fraction", "date",
    "has_unit", "log_number", "small", "bare", "things", "modifier", "impact", "harm",
    "name", "quoted", "age", "span", "when", "frequency", "time_unit", "distance",
    "lead_count", "lead_money", "lead_percent", "lead_word", "lead_ordinal", "first_of_kind",
)  # fmt: skip


def row(features: Mapping[str, float]) -> list[float]:
    """A mention's features in the ranker's order (absent ones are 0)."""
    return [float(features.get(name, 0.0)) for name in FEATURES]


@dataclass(frozen=True)
class Ranker:
    """Standardised features, one coefficient each: the log-odds that a figure is the story's."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def score(self, features: Mapping[str, float]) -> float:
        z = zip(row(features), self.mean, self.scale, self.coef, strict=True)
        return self.intercept + sum(c * (x - m) / s for x, m, s, c in z)

    def to_json(self, note: Mapping[str, object]) -> str:
        data = {
            "features": list(FEATURES),
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "coef": [round(v, 6) for v in self.coef],
            "intercept": round(self.intercept, 6),
            **note,
        }
        return json.dumps(data, indent=1) + "\n"


@lru_cache(maxsize=1)
def ranker(path: Path = RANKER_PATH) -> Ranker:
    """The packaged ranker; a file for other features is a packaging bug, said plainly."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelUnavailable(f"The figure ranker {path} cannot be read: {err}") from err
    if tuple(data.get("features", ())) != FEATURES:
        raise ModelUnavailable(f"The figure ranker {path} was trained on other features.")
    return Ranker(
        tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]), float(data["intercept"])
    )
