"""Fit the figure ranker on NumHG headline numbers; write bot/data/figure-ranker.json.

Run: `python -m bot.eval.train_figures [--data PATH] [--out bot/data/figure-ranker.json]`.
A mention is positive when its number is the one the human headline took from the text (NumHG
fold 1, "Copy" rows, years left out), or, for the CNN/DM articles of `summaries/`, when a
reference summary kept it (bot.eval.figure_summaries). Those articles are in every training
fold; recall@4 is measured on the held-out NumHG articles only. The fit is the house L2
logistic regression (bot.eval.train_scorer.fit); k-fold cross-validation is by article, and
recall@4 (the headline number among the first four figures) is reported per fold, with mean
and spread.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.eval.figures import TOP, article_of, load_rows, same_number
from bot.eval.train_scorer import Example, fit
from bot.figure_rank import RANKER_PATH, Ranker, row
from bot.figures import Candidate, candidates

FOLDS = 5


@dataclass(frozen=True)
class Item:
    """One article's mentions and its headline number."""

    mentions: list[Candidate]
    gold: str


def items(data_dir: Path, limit: int | None = None) -> list[Item]:
    return [Item(candidates(article_of(text)), gold) for text, gold in load_rows(data_dir, limit)]


def _example(item: Item) -> Example:
    rows = [row(c.features) for c in item.mentions]
    labels = [int(same_number(c.figure.value, item.gold)) for c in item.mentions]
    return Example(rows, labels, [True] * len(rows))


def to_ranker(examples: Sequence[Example]) -> Ranker:
    s = fit(examples)
    return Ranker(s.mean, s.scale, s.coef, s.intercept)


def hit_at(item: Item, model: Ranker, top: int = TOP) -> bool:
    """Is the headline number among the `top` best distinct figures?"""
    best: dict[str, tuple[float, Candidate]] = {}
    for c in item.mentions:
        score = model.score(c.features)
        if c.key not in best or score > best[c.key][0]:
            best[c.key] = (score, c)
    order = sorted(best.values(), key=lambda sc: (-sc[0], sc[1].order))[:top]
    return any(same_number(c.figure.value, item.gold) for _, c in order)


def cross_validate(
    data: Sequence[Item], extra: Sequence[Example] = (), folds: int = FOLDS, seed: int = 0
) -> list[float]:
    """Recall@4 on each fold, from a ranker fitted on the other folds (split by article)."""
    order = list(range(len(data)))
    np.random.default_rng(seed).shuffle(order)
    fold_of = {article: rank % folds for rank, article in enumerate(order)}
    examples = [_example(it) for it in data]
    out = []
    for fold in range(folds):
        train = [e for i, e in enumerate(examples) if fold_of[i] != fold]
        model = to_ranker([*train, *extra])
        test = [it for i, it in enumerate(data) if fold_of[i] == fold]
        out.append(sum(hit_at(it, model) for it in test) / max(len(test), 1))
    return out


def summary(per_fold: Sequence[float]) -> dict[str, object]:
    return {
        "recall_at_4_folds": [round(v, 4) for v in per_fold],
        "recall_at_4_mean": round(statistics.mean(per_fold), 4),
        "recall_at_4_sd": round(statistics.pstdev(per_fold), 4),
    }


def main(argv: list[str] | None = None) -> int:
    from bot.eval.run import default_data_dir

    parser = argparse.ArgumentParser(prog="python -m bot.eval.train_figures")
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, default=RANKER_PATH)
    args = parser.parse_args(argv)
    data = items(args.data) if args.data else []
    if not data:
        print(f"No NumHG rows under {args.data}; nothing to train on.")
        return 1
    from bot.eval.figure_summaries import labelled

    kept = [Example(r, lab, [True] * len(r)) for r, lab in labelled(args.data) if r]
    cv = summary(cross_validate(data, kept))
    print(f"{FOLDS}-fold CV by article:", json.dumps(cv))
    note = {
        "trained_on": f"NumHG fold 1 'Copy' rows ({len(data)} articles) and CNN/DM reference "
        f"summaries ({len(kept)} articles)",
        "cv": cv,
    }
    model = to_ranker([*(_example(it) for it in data), *kept])
    args.out.write_text(model.to_json(note), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
