"""The guard against people: keep/drop on QAGS' BART sentences vs the crowd's majority vote.

The guard's two thresholds (content coverage, word order) are chosen by k-fold cross-validation
by article over both QAGS dev halves together: each fold's sentences are judged with the
thresholds that did best on the other folds. The old names/numbers guard needs no tuning.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.article import Article
from bot.eval.table import Score
from bot.summarise.guard import Source, invents
from bot.summarise.support import Evidence, Verdict, check

SETS = ("cnndm", "xsum")
DATA = "faithfulness/qags-{}-dev.jsonl"
FOLDS = 5
SEED = 13
COVERAGE_GRID = tuple(x / 20 for x in range(8, 21))
ORDER_GRID = tuple(x / 10 for x in range(11))


@dataclass(frozen=True)
class Judged:
    """One model sentence: the crowd's verdict and both guards' raw findings."""

    dataset: str
    article: int  # index of its article, for folds
    supported: bool  # at least two of three workers said yes
    verdict: Verdict  # the support check with no thresholds (hard findings only)
    old_keeps: bool  # the names/numbers guard keeps it


def load(data_dir: Path, limit: int | None = None) -> list[Judged]:
    """Every QAGS dev sentence, checked once by both guards."""
    judged: list[Judged] = []
    for dataset in SETS:
        path = data_dir / DATA.format(dataset)
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f][:limit]
        for row in rows:
            article = Article.from_paragraphs([row["article"]])
            evidence, source, key = Evidence.of(article), Source.of(article), len(judged)
            for item in row["summary_sentences"]:
                yes = sum(r["response"] == "yes" for r in item["responses"])
                sentence = item["sentence"]
                verdict = check(sentence, evidence, min_coverage=0.0, min_order=0.0)
                majority = yes * 2 > len(item["responses"])
                old = not invents(sentence, source)
                judged.append(Judged(dataset, key, majority, verdict, old))
    return judged


def keeps(j: Judged, coverage: float, order: float) -> bool:
    """The guard's decision at the given thresholds (`judge` in bot/summarise/guard.py)."""
    v = j.verdict
    return j.old_keeps and not v.reasons and v.coverage >= coverage and v.order >= order


@dataclass(frozen=True)
class Rates:
    balanced_accuracy: float
    kept_unsupported: float
    dropped_supported: float


def rates(gold: Sequence[bool], kept: Sequence[bool]) -> Rates:
    """Balanced accuracy with "supported" as the positive class, and the two error shares."""
    pos = sum(gold) or 1
    neg = (len(gold) - sum(gold)) or 1
    dropped = sum(g and not k for g, k in zip(gold, kept, strict=True)) / pos
    kept_bad = sum(k and not g for g, k in zip(gold, kept, strict=True)) / neg
    return Rates(1 - (dropped + kept_bad) / 2, kept_bad, dropped)


def _mean_ba(items: Sequence[Judged], coverage: float, order: float) -> float:
    """Mean over the sets of each set's balanced accuracy (XSum counts as much as CNN/DM)."""
    scores = []
    for dataset in SETS:
        mine = [j for j in items if j.dataset == dataset]
        if mine:
            kept = [keeps(j, coverage, order) for j in mine]
            scores.append(rates([j.supported for j in mine], kept).balanced_accuracy)
    return statistics.mean(scores) if scores else 0.0


def tune(items: Sequence[Judged]) -> tuple[float, float]:
    """The thresholds with the best mean balanced accuracy on `items` (on a tie, the laxest)."""
    grid = [(c, o) for c in COVERAGE_GRID for o in ORDER_GRID]
    return max(grid, key=lambda t: (_mean_ba(items, *t), -t[0], -t[1]))


def folds(items: Sequence[Judged], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """A fold number for each item, by article: one article's sentences share a fold."""
    articles = sorted({j.article for j in items})
    random.Random(seed).shuffle(articles)
    fold_of = {a: i % k for i, a in enumerate(articles)}
    return [fold_of[j.article] for j in items]


def cross_validate(items: Sequence[Judged], k: int = FOLDS) -> tuple[list[bool], list[dict]]:
    """Out-of-fold decisions for every item, and each fold's thresholds and scores."""
    fold = folds(items, k)
    decided = [False] * len(items)
    report = []
    for f in range(k):
        train = [j for j, g in zip(items, fold, strict=True) if g != f]
        coverage, order = tune(train)
        per_set = {}
        for i, j in enumerate(items):
            if fold[i] == f:
                decided[i] = keeps(j, coverage, order)
        for dataset in SETS:
            test = [i for i, j in enumerate(items) if fold[i] == f and j.dataset == dataset]
            gold = [items[i].supported for i in test]
            per_set[dataset] = rates(gold, [decided[i] for i in test]) if test else None
        report.append({"coverage": coverage, "order": order, **per_set})
    return decided, report


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Balanced accuracy and error shares per QAGS set, CV'd, next to the old guard."""
    items = load(Path(data_dir), limit)
    if not items:
        return []
    decided, report = cross_validate(items)
    scores: list[Score] = []
    for dataset in SETS:
        idx = [i for i, j in enumerate(items) if j.dataset == dataset]
        if not idx:
            continue
        gold = [items[i].supported for i in idx]
        ours = rates(gold, [decided[i] for i in idx])
        old = rates(gold, [items[i].old_keeps for i in idx])
        per_fold = [r[dataset].balanced_accuracy for r in report if r[dataset] is not None]
        spread = {"fold mean": statistics.mean(per_fold), "fold sd": statistics.pstdev(per_fold)}
        n = len(idx)
        scores += [
            Score(
                f"guard {dataset}",
                f"balanced accuracy ({FOLDS}-fold CV)",
                ours.balanced_accuracy,
                {"old guard": old.balanced_accuracy, **spread},
                n,
            ),
            Score(
                f"faithfulness guard {dataset}",
                "unsupported sentences kept (share)",
                ours.kept_unsupported,
                {"old guard": old.kept_unsupported},
                n,
            ),
            Score(
                f"faithfulness guard {dataset}",
                "supported sentences dropped (share)",
                ours.dropped_supported,
                {"old guard": old.dropped_supported},
                n,
            ),
        ]
    return scores


def _shown(value: object) -> object:
    return round(value.balanced_accuracy, 3) if isinstance(value, Rates) else value


if __name__ == "__main__":
    found = load(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
    _, folds_report = cross_validate(found)
    for r in folds_report:
        print({k: _shown(v) for k, v in r.items()})
    print("whole-set thresholds (for the defaults only, not for reporting):", tune(found))
