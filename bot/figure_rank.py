"""The figure ranker: a logistic regression over a few general features of a number's mention,
learnt by `python -m bot.eval.train_figures` (NumHG headline numbers, CNN/DM summary numbers)
and read from bot/data/figure-ranker.json. The bot only reads coefficients."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.linear import Linear

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
class Ranker(Linear):
    """Standardised features, one coefficient each: the log-odds that a figure is the story's."""

    FEATURES = FEATURES
    WHAT = "figure ranker"

    def score(self, features: Mapping[str, float]) -> float:
        return self.log_odds(row(features))


@lru_cache(maxsize=1)
def ranker(path: Path = RANKER_PATH) -> Ranker:
    """The packaged ranker."""
    return Ranker.load(path)
