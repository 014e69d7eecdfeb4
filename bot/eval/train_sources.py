"""Which common nouns name a source in news copy; write bot/data/source-nouns.json.

Run: `python -m bot.eval.train_sources [--data PATH] [--out bot/data/source-nouns.json]
[--folds 5]`. A noun is a source noun when it heads the gold Source of at least MIN_COUNT
quotes of PolNeAR train ("the campaign said", "a spokesman said", "the statement said"):
the head of each Source phrase by the parse, written in lower case or a plural opening the
phrase (a name is not a common noun). The bot reads the list (bot.speaker_phrases): when the
reporting verb of a mixed quote takes an object, not a clause ('add value', 'maintain a
pipeline'), its subject must be a person, a name, a pronoun, or one of these nouns (singular
or plural), else no one is named ('These types of projects add “long-term value”'); and a
thing that is none of these speaks only as the subject of a verb of saying.

The cross-validation is by article: for each fold, the nouns come from the other folds'
articles only and the fold's own articles are scored with them; it reports each headline
figure's mean and spread over the folds.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from bot import speaker_phrases
from bot.eval import quotes as Q
from bot.parse import pipeline

# Gold Sources a noun must head, at least (5-fold CV: 1 kept a few more right speakers than 2).
MIN_COUNT = 1
FOLDS = 5
SPLIT = Path("quotes") / "polnear-train"


def source_nouns(docs: Iterable[Q.Doc]) -> frozenset[str]:
    """The lower-case common nouns heading at least MIN_COUNT gold Sources of the articles."""
    phrases = [s.strip() for d in docs for g in d.gold for s in g.sources if s.strip()]
    counts: Counter[str] = Counter()
    for parsed in pipeline("en").pipe(phrases, batch_size=256):
        head = parsed[:].root if len(parsed) else None
        if head is None or head.pos_ != "NOUN":
            continue
        # 'Aides said': a plural opening the phrase is a noun; a singular there is mostly a
        # name the tagger took for one ('Trump said')
        if head.text.islower() or (head.i == 0 and head.tag_ == "NNS"):
            counts[head.lower_] += 1
    return frozenset(noun for noun, n in counts.items() if n >= MIN_COUNT)


def cross_validate(docs: list[Q.Doc], folds: int) -> dict[str, tuple[float, float]]:
    """Each headline figure's mean and sd over folds; a fold's nouns from the other folds."""
    pairs = Q.parsed(docs)
    per_fold = []
    for k in range(folds):
        train = [d for i, d in enumerate(docs) if i % folds != k]
        speaker_phrases.SOURCE_NOUNS = source_nouns(train)
        held_out = pairs[k::folds]  # each article is scored once, in its own fold
        per_fold.append(Q.headline(Q._tally(held_out, Q.our_quotes, Q.ALL_QUOTES)))
    return {
        metric: (statistics.mean(v), statistics.stdev(v))
        for metric in per_fold[0]
        for v in [[fold[metric] for fold in per_fold]]
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--data", type=Path, default=Path("../shared/data"))
    args.add_argument("--out", type=Path, default=speaker_phrases.SOURCE_NOUNS_PATH)
    args.add_argument("--folds", type=int, default=FOLDS)
    opts = args.parse_args(argv)
    docs = Q.load(opts.data, SPLIT)
    if opts.folds > 1:
        for metric, (mean, sd) in cross_validate(docs, opts.folds).items():
            print(f"polnear-train {metric:28} {mean:6.3f} ± {sd:.3f}  ({opts.folds} folds)")
    nouns = sorted(source_nouns(docs))
    note = f"heads of >= {MIN_COUNT} gold Sources, PolNeAR train; bot.eval.train_sources"
    opts.out.write_text(json.dumps({"note": note, "nouns": nouns}, indent=0) + "\n")
    print(f"{len(nouns)} source nouns -> {opts.out}")


if __name__ == "__main__":
    main()
