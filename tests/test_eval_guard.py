"""The guard eval: balanced accuracy against crowd votes, the decision fitted CV'd by article."""

from __future__ import annotations

from bot.eval.guard import Judged, cross_validate, detokenise, folds, rates, shuffled, train
from bot.summarise.support import Verdict


def judged(article: int, supported: bool, novel: float, dataset: str = "cnndm") -> Judged:
    signals = {
        "coverage": 1.0 - novel,
        "novel_pairs": novel,
        "novel_words": 2 * novel,
        "in_order": 1.0 - novel,
    }
    return Judged(dataset, article, supported, Verdict(True, (0,), 1.0, 1.0, (), signals), True)


def test_rates_count_both_kinds_of_mistake():
    gold = [True, True, True, True, False, False]
    kept = [True, True, True, False, True, False]
    found = rates(gold, kept)
    assert found.dropped_supported == 0.25 and found.kept_unsupported == 0.5
    assert found.balanced_accuracy == 1 - (0.25 + 0.5) / 2


def test_folds_never_split_an_article():
    items = [judged(a, True, 0.0) for a in range(20) for _ in range(3)]
    fold = folds(items, k=5)
    for article in range(20):
        assert len({f for j, f in zip(items, fold, strict=True) if j.article == article}) == 1
    assert set(fold) == set(range(5))


def test_cross_validation_learns_a_decision_that_separates_the_classes():
    # Supported sentences restate their article (few new word pairs); unsupported ones do not.
    items = [judged(a, a % 2 == 0, 0.1 if a % 2 == 0 else 0.6) for a in range(40)]
    items += [judged(40 + a, a % 2 == 0, 0.2 if a % 2 == 0 else 0.7, "xsum") for a in range(20)]
    model = train(items)
    assert model.coef[1] < 0  # more new pairs, less support
    decided, report = cross_validate(items, k=4)
    assert decided == [j.supported for j in items]
    assert len(report) == 4 and all(r["cnndm"].balanced_accuracy == 1.0 for r in report)


def test_a_vetoed_sentence_is_dropped_whatever_the_model_says():
    vetoed = Judged("cnndm", 0, True, Verdict(False, (0,), 1.0, 1.0, ("negation added",), {}), True)
    assert vetoed.vetoed
    assert not Judged("cnndm", 0, True, Verdict(True, (0,), 1.0, 1.0), old_keeps=False).old_keeps


def test_numbers_split_by_the_datasets_tokeniser_are_joined():
    assert detokenise("took charge of 1, 056 matches; 98. 7 per cent") == (
        "took charge of 1,056 matches; 98.7 per cent"
    )
    assert detokenise("in 2014, 12 people") == "in 2014, 12 people"


def test_figures_are_the_mean_over_several_deals_of_the_articles_into_folds():
    items = [judged(a, a % 2 == 0, 0.1 if a % 2 == 0 else 0.6) for a in range(40)]
    items += [judged(40 + a, a % 3 == 0, 0.3, "xsum") for a in range(30)]
    found = shuffled(items, shuffles=3)
    assert found["cnndm"].rates.balanced_accuracy == 1.0 and found["cnndm"].fold_sd == 0.0
    assert 0.0 <= found["xsum"].rates.balanced_accuracy <= 1.0
    one = shuffled(items, shuffles=1)["xsum"].rates
    assert one == rates([j.supported for j in items[40:]], cross_validate(items)[0][40:])
