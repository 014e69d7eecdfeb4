"""Fit the extractive summariser's sentence scorer on dev references; write bot/data/*.json.

Run: `python -m bot.eval.train_scorer [--data PATH] [--out bot/data/sentence-scorer.json]`.
Labels are oracle sentences: the greedy set whose ROUGE-1+2 with the reference is highest.
It learns from the FRANK CNN/DM rows and the XSum rows together: 75 articles alone are too
few, and the XSum one-sentence references mark the most summary-like sentence of a BBC story
(repeated 5-fold CV: CNN/DM ROUGE-2 18.59 -> 18.96, ROUGE-1 41.52 -> 41.55; XSum ROUGE-1 +0.4).
The fit is a plain L2 logistic regression (Newton steps in numpy) so neither training nor the
bot needs scikit-learn; the bot only reads the coefficients.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from nltk.stem import porter
from rouge_score import tokenize, tokenizers

from bot.summarise.extractive import SCORER_PATH, Scorer, acceptable

L2 = 1.0  # ridge on standardised features; CV on the dev rows moves little between 0.1 and 10
ORACLE_SIZE = 4  # references hold 3-4 highlights
FOLDS = 5
# Fold assignments reshuffled this many times and averaged: at 75 articles one split moves
# ROUGE-2 by +-0.4, more than the changes we want to measure.
REPEATS = 5


class RougeTokenizer(tokenizers.Tokenizer):
    """rouge_score's default tokenizer (lower case, alphanumeric, Porter stems as ROUGE-1.5.5)
    with each word stemmed once per process: re-stemming the same words was most of the
    summaries eval's time."""

    def __init__(self) -> None:
        self.stem = cache(porter.PorterStemmer().stem)

    def tokenize(self, text: str) -> list[str]:
        return list(tokenize.tokenize(text, self))


TOKENIZER = RougeTokenizer()


@dataclass(frozen=True)
class Example:
    """One article's feature rows and oracle labels (1 = belongs in the summary)."""

    rows: list[list[float]]
    labels: list[int]
    usable: list[bool]  # only sentences the summariser may pick are learnt from


def example(sentences: Sequence[str], rows: list[list[float]], reference: str) -> Example:
    """Oracle labels over the sentences the summariser is allowed to pick."""
    usable = [acceptable(s, r) for s, r in zip(sentences, rows, strict=True)]
    return Example(rows, oracle_labels(sentences, reference, usable), usable)


def _grams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(pred: Counter[tuple[str, ...]], ref: Counter[tuple[str, ...]]) -> float:
    hits = sum((pred & ref).values())
    if not hits:
        return 0.0
    p, r = hits / sum(pred.values()), hits / sum(ref.values())
    return 2 * p * r / (p + r)


def training_examples(items: Sequence[Any]) -> list[Example]:
    """Oracle-labelled examples from eval items (anything with article, rows and reference)."""
    return [example(it.article.sentences, it.rows, it.reference) for it in items]


def oracle_labels(
    sentences: Sequence[str], reference: str, usable: Sequence[bool] | None = None
) -> list[int]:
    """Greedily add the sentence that most raises ROUGE-1+2 F against the reference."""
    ref_tokens = TOKENIZER.tokenize(reference)
    refs = (_grams(ref_tokens, 1), _grams(ref_tokens, 2))
    tokens = [TOKENIZER.tokenize(s) for s in sentences]
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < ORACLE_SIZE:
        gains = []
        for i in range(len(sentences)):
            if i in chosen or (usable is not None and not usable[i]):
                continue
            joined = [t for j in sorted([*chosen, i]) for t in tokens[j]]
            score = _f1(_grams(joined, 1), refs[0]) + _f1(_grams(joined, 2), refs[1])
            gains.append((score, -i))
        if not gains or max(gains)[0] <= best:
            break
        best, neg_i = max(gains)
        chosen.append(-neg_i)
    return [int(i in chosen) for i in range(len(sentences))]


def fit(examples: Sequence[Example], l2: float = L2) -> Scorer:
    """L2 logistic regression on standardised features, by Newton's method."""
    pairs = [
        (r, lab)
        for e in examples
        for r, lab, u in zip(e.rows, e.labels, e.usable, strict=True)
        if u
    ]
    x = np.array([r for r, _ in pairs], dtype=float)
    y = np.array([lab for _, lab in pairs], dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    ridge = np.eye(z.shape[1]) * l2
    ridge[0, 0] = 0.0  # the intercept is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + ridge @ w
        hess = (z * (p * (1 - p))[:, None]).T @ z + ridge
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Scorer(
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in w[1:]),
        intercept=float(w[0]),
    )


def fold_assignment(n: int, folds: int = FOLDS, seed: int = 0) -> list[int]:
    """The fold of each of n articles: a seeded shuffle dealt round-robin."""
    folds = max(1, min(folds, n))
    order = list(range(n))
    np.random.default_rng(seed).shuffle(order)
    fold_of = [0] * n
    for rank, article in enumerate(order):
        fold_of[article] = rank % folds
    return fold_of


def cross_validated_scores(
    examples: Sequence[Example], folds: int = FOLDS, seed: int = 0
) -> list[list[float]]:
    """Sentence scores for each article from a scorer that never saw that article."""
    folds = max(1, min(folds, len(examples)))
    fold_of = fold_assignment(len(examples), folds, seed)
    out: list[list[float]] = [[] for _ in examples]
    for fold in range(folds):
        train = [e for i, e in enumerate(examples) if fold_of[i] != fold]
        scorer = fit(train or list(examples))
        for i, e in enumerate(examples):
            if fold_of[i] == fold:
                out[i] = [scorer.score(r) for r in e.rows]
    return out


def main(argv: list[str] | None = None) -> int:
    """Train on every FRANK dev row, report repeated 5-fold CV ROUGE, write the scorer file."""
    # Imported here: summaries imports this module for its cross-validation.
    from bot.eval.run import default_data_dir
    from bot.eval.summaries import cnndm_items, cross_validated_rouge, xsum_items

    parser = argparse.ArgumentParser(prog="python -m bot.eval.train_scorer")
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, default=SCORER_PATH)
    args = parser.parse_args(argv)
    cnndm = cnndm_items(args.data) if args.data else []
    if not cnndm:
        print(f"No summaries dev set under {args.data}; nothing to train on.")
        return 1
    xsum = [it for it in xsum_items(args.data) if it.article.sentences]
    cv = cross_validated_rouge(cnndm, xsum)
    print(f"5-fold CV ROUGE, mean of {REPEATS} fold shuffles:", json.dumps(cv))
    gains = cv["fold_gain"]
    # Confidence: a fold one standard deviation below the mean still beats lead-3.
    confident = statistics.mean(gains) - statistics.pstdev(gains) > 0
    print(
        f"ROUGE-2 minus lead-3 per fold: mean {statistics.mean(gains):.2f}, "
        f"sd {statistics.pstdev(gains):.2f}; scorer {'kept' if confident else 'replaced by lead-3'}"
    )
    note: dict[str, object] = {
        "trained_on": f"CNN/DM articles of FRANK, SummEval, REALSumm ({len(cnndm)}) and "
        f"FRANK's XSum rows ({len(xsum)})",
        "cv": cv,
    }
    scorer = dataclasses.replace(
        fit(training_examples([*cnndm, *xsum])), lead_fallback=not confident
    )
    args.out.write_text(scorer.to_json(note), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
