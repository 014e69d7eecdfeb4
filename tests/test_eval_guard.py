"""The guard eval: balanced accuracy against crowd votes, thresholds CV-tuned by article."""

from __future__ import annotations

from bot.eval.guard import Judged, cross_validate, folds, rates, tune
from bot.summarise.support import Verdict


def judged(article: int, supported: bool, coverage: float, dataset: str = "cnndm") -> Judged:
    verdict = Verdict(True, (0,), coverage, 1.0)
    return Judged(dataset, article, supported, verdict, old_keeps=True)


def test_rates_count_both_kinds_of_mistake():
    gold = [True, True, True, True, False, False]
    kept = [True, True, True, False, True, False]
    found = rates(gold, kept)
    assert found.dropped_supported == 0.25 and found.kept_unsupported == 0.5
    assert found.balanced_accuracy == 1 - (0.25 + 0.5) / 2


def test_folds_never_split_an_article():
    items = [judged(a, True, 1.0) for a in range(20) for _ in range(3)]
    fold = folds(items, k=5)
    for article in range(20):
        assert len({f for j, f in zip(items, fold, strict=True) if j.article == article}) == 1
    assert set(fold) == set(range(5))


def test_cross_validation_finds_a_threshold_that_separates_the_classes():
    # Supported sentences cover 0.9+ of their content, unsupported ones at most 0.6.
    items = [judged(a, a % 2 == 0, 0.95 if a % 2 == 0 else 0.55) for a in range(40)]
    items += [judged(40 + a, a % 2 == 0, 0.9 if a % 2 == 0 else 0.6, "xsum") for a in range(20)]
    coverage, _ = tune(items)
    assert 0.6 < coverage <= 0.9
    decided, report = cross_validate(items, k=4)
    assert decided == [j.supported for j in items]
    assert len(report) == 4 and all(r["cnndm"].balanced_accuracy == 1.0 for r in report)
