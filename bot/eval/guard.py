"""The guard against people: keep/drop on QAGS' BART sentences vs the crowd's majority vote.

The guard's learned decision (bot/summarise/support.py, `GuardModel`) is scored by k-fold
cross-validation by article over both QAGS dev halves together: each fold's sentences are
judged by a model, and a threshold, fitted on the other folds only. One deal of articles into
folds is a noisy draw (CNN/DM balanced accuracy 0.75 +/- 0.02 over deals), so the figures are
the mean over `SHUFFLES` deals, with the spread over all their folds. The old names/numbers
guard needs no tuning. `python -m bot.eval.guard --write` fits the packaged model on every
sentence (bot/data/guard-model.json) after printing the per-fold figures.

QAGS' texts are tokenised ("1, 056 matches", "98. 7 per cent"); the loader joins such split
numbers back, so that the number checks compare what a page would print.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from bot.article import Article
from bot.eval.table import Score
from bot.eval.train_scorer import Example, fit
from bot.summarise.guard import Source, invents, states_claims
from bot.summarise.support import FEATURES, MODEL_PATH, Evidence, GuardModel, Verdict, examine

SETS = ("cnndm", "xsum")
DATA = "faithfulness/qags-{}-dev.jsonl"
FOLDS = 5
SEED = 13
SHUFFLES = 5  # deals of the articles into folds: seeds SEED, SEED + 1, ...
L2 = 1.0  # ridge on standardised signals, as the other learned scorers
# "1, 056" -> "1,056"; "98. 7" -> "98.7" (a digit group split by the dataset's tokeniser).
_SPLIT_THOUSANDS = re.compile(r"(?<=\d), (?=\d{3}\b)")
_SPLIT_DECIMAL = re.compile(r"(?<=\d)\. (?=\d)")


@dataclass(frozen=True)
class Judged:
    """One model sentence: the crowd's verdict and both guards' raw findings."""

    dataset: str
    article: int  # index of its article, for folds
    supported: bool  # at least two of three workers said yes
    verdict: Verdict  # the hard findings and the signals, before the learned decision
    old_keeps: bool  # the names/numbers guard keeps it (the new guard keeps that veto too)
    claim: bool = True  # it has a finite verb (a fragment is vetoed)

    @property
    def vetoed(self) -> bool:
        return not self.old_keeps or not self.claim or bool(self.verdict.reasons)

    @property
    def row(self) -> list[float]:
        signals = self.verdict.signals or {}
        return [signals.get(name, 0.0) for name in FEATURES]


def detokenise(text: str) -> str:
    return _SPLIT_DECIMAL.sub(".", _SPLIT_THOUSANDS.sub(",", text))


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
            article = Article.from_paragraphs([detokenise(row["article"])])
            evidence, source, key = Evidence.of(article), Source.of(article), len(judged)
            items = row["summary_sentences"]
            sentences = [detokenise(item["sentence"]) for item in items]
            claims = states_claims(sentences, "en")
            for item, sentence, claim in zip(items, sentences, claims, strict=True):
                yes = sum(r["response"] == "yes" for r in item["responses"])
                majority = yes * 2 > len(item["responses"])
                old = not invents(sentence, source)
                verdict = examine(sentence, evidence)
                judged.append(Judged(dataset, key, majority, verdict, old, claim))
    return judged


def keeps(j: Judged, model: GuardModel) -> bool:
    """The guard's decision (`judge` in bot/summarise/guard.py): no veto, and the model keeps it."""
    return not j.vetoed and j.verdict.signals is not None and model.keeps(j.verdict.signals)


@dataclass(frozen=True)
class Rates:
    FIELDS: ClassVar[tuple[str, ...]] = (
        "balanced_accuracy",
        "kept_unsupported",
        "dropped_supported",
    )

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


def _mean_ba(items: Sequence[Judged], kept: Sequence[bool]) -> float:
    """Mean over the sets of each set's balanced accuracy (XSum counts as much as CNN/DM)."""
    scores = []
    for dataset in SETS:
        idx = [i for i, j in enumerate(items) if j.dataset == dataset]
        if idx:
            gold = [items[i].supported for i in idx]
            scores.append(rates(gold, [kept[i] for i in idx]).balanced_accuracy)
    return statistics.mean(scores) if scores else 0.0


def train(items: Sequence[Judged]) -> GuardModel:
    """Fit the regression on `items` (the shared L2 logistic fit), then the threshold on its
    log-odds with the best mean balanced accuracy there (on a tie, the strictest)."""
    learnable = [j for j in items if j.verdict.signals is not None]
    rows, labels = [j.row for j in learnable], [int(j.supported) for j in learnable]
    fitted = fit([Example(rows, labels, [True] * len(rows))], L2)
    model = GuardModel(fitted.mean, fitted.scale, fitted.coef, fitted.intercept, 0.0)
    scores = sorted({model.score(j.verdict.signals or {}) for j in learnable})
    # Each sentence's log-odds once: `keeps` at threshold t is "not vetoed and score >= t".
    open_to = [
        model.score(j.verdict.signals) if not j.vetoed and j.verdict.signals is not None else None
        for j in items
    ]
    best, threshold = -1.0, 0.0
    for t in scores:
        ba = _mean_ba(items, [s is not None and s >= t for s in open_to])
        if ba >= best:
            best, threshold = ba, t
    return GuardModel(model.mean, model.scale, model.coef, model.intercept, threshold)


def folds(items: Sequence[Judged], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """A fold number for each item, by article: one article's sentences share a fold."""
    articles = sorted({j.article for j in items})
    random.Random(seed).shuffle(articles)
    fold_of = {a: i % k for i, a in enumerate(articles)}
    return [fold_of[j.article] for j in items]


def cross_validate(
    items: Sequence[Judged], k: int = FOLDS, seed: int = SEED
) -> tuple[list[bool], list[dict]]:
    """Out-of-fold decisions for every item, and each fold's threshold and scores."""
    fold = folds(items, k, seed)
    decided = [False] * len(items)
    report = []
    for f in range(k):
        model = train([j for j, g in zip(items, fold, strict=True) if g != f])
        per_set = {}
        for i, j in enumerate(items):
            if fold[i] == f:
                decided[i] = keeps(j, model)
        for dataset in SETS:
            test = [i for i, j in enumerate(items) if fold[i] == f and j.dataset == dataset]
            gold = [items[i].supported for i in test]
            per_set[dataset] = rates(gold, [decided[i] for i in test]) if test else None
        report.append({"threshold": round(model.threshold, 3), **per_set})
    return decided, report


@dataclass(frozen=True)
class Figures:
    """One set's out-of-fold figures, each the mean over the deals, and the folds' spread."""

    rates: Rates
    fold_mean: float
    fold_sd: float


def shuffled(items: Sequence[Judged], shuffles: int = SHUFFLES) -> dict[str, Figures]:
    """Cross-validate over `shuffles` deals of the articles into folds; per set, the mean of
    each deal's rates and the mean and sd of balanced accuracy over every fold of every deal."""
    per_deal: dict[str, list[Rates]] = {d: [] for d in SETS}
    per_fold: dict[str, list[float]] = {d: [] for d in SETS}
    for seed in range(SEED, SEED + shuffles):
        decided, report = cross_validate(items, seed=seed)
        for dataset in SETS:
            idx = [i for i, j in enumerate(items) if j.dataset == dataset]
            if not idx:
                continue
            gold = [items[i].supported for i in idx]
            per_deal[dataset].append(rates(gold, [decided[i] for i in idx]))
            per_fold[dataset] += [r[dataset].balanced_accuracy for r in report if r[dataset]]
    return {
        dataset: Figures(
            Rates(*(statistics.mean(getattr(r, f) for r in deals) for f in Rates.FIELDS)),
            statistics.mean(per_fold[dataset]),
            statistics.pstdev(per_fold[dataset]),
        )
        for dataset, deals in per_deal.items()
        if deals
    }


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Balanced accuracy and error shares per QAGS set, CV'd, next to the old guard."""
    items = load(Path(data_dir), limit)
    if not items:
        return []
    scores: list[Score] = []
    for dataset, found in shuffled(items).items():
        idx = [i for i, j in enumerate(items) if j.dataset == dataset]
        ours = found.rates
        old = rates([items[i].supported for i in idx], [items[i].old_keeps for i in idx])
        spread = {"fold mean": found.fold_mean, "fold sd": found.fold_sd}
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
    if isinstance(value, Rates):
        return {k: round(v, 3) for k, v in vars(value).items()}
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.eval.guard")
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data"))
    parser.add_argument("--write", action="store_true", help=f"fit on all, write {MODEL_PATH}")
    args = parser.parse_args(argv)
    found = load(args.data)
    if not found:
        print(f"No QAGS dev halves under {args.data}.")
        return 1
    _, folds_report = cross_validate(found)
    for r in folds_report:  # the first deal's folds, for a look at their thresholds
        print({k: _shown(v) for k, v in r.items()})
    figures = {
        dataset: {**_shown(f.rates), "fold_sd": round(f.fold_sd, 3)}  # type: ignore[dict-item]
        for dataset, f in shuffled(found).items()
    }
    print(f"{FOLDS}-fold CV by article, mean of {SHUFFLES} deals:", json.dumps(figures))
    if args.write:
        model = train(found)
        note = {
            "trained_on": f"QAGS dev halves, CNN/DM and XSum ({len(found)} sentences)",
            "cv": figures,
        }
        MODEL_PATH.write_text(model.to_json(note), encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
