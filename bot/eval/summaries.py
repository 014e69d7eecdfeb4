"""Summaries: ROUGE of the extractive summariser on FRANK, next to lead-3 and bart-large-cnn."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.article import Article
from bot.eval import memo
from bot.eval.table import Score
from bot.summarise.extractive import ExtractiveSummariser, select, sentence_features
from bot.summarise.guard import Source, unsupported

FRANK = Path("summaries") / "frank-validation.jsonl"
METRICS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeLsum": "ROUGE-Lsum"}

# The FRANK texts lost their paragraph breaks; XSum glues paragraphs ("said.The"), so split
# there. CNN/DM double spaces are not breaks: they fall mid-sentence in Daily Mail copy.
_GLUED = re.compile(r"(?<=[a-z0-9][.!?])(?=[A-Z])|(?<=[a-z0-9][.!?][\"'])(?=[A-Z])")
# PTB tokens that change ROUGE tokens ("are n't" -> "are n t" but "aren't" -> "aren t").
_PTB = ((" n't", "n't"), ("`` ", '"'), (" ''", '"'))


@dataclass(frozen=True)
class Item:
    """One dev article with its references, built the way the bot builds articles."""

    article: Article
    reference: str
    reference_lines: tuple[str, ...]
    bart_lines: tuple[str, ...]
    rows: list[list[float]]


def _detokenise(text: str) -> str:
    for old, new in _PTB:
        text = text.replace(old, new)
    return text


def reference_lines(text: str) -> tuple[str, ...]:
    """A PTB-tokenised reference split into sentences (one per line for ROUGE-Lsum)."""
    parts = re.split(r"(?<=[.!?]) +(?=\S)", _detokenise(text).strip())
    return tuple(p for p in parts if p.strip())


def article_from_row(row: dict[str, str]) -> Article:
    """The row's article as the bot would see it (no headline in FRANK; the URL is kept)."""
    paragraphs = tuple(p for p in _GLUED.split(row["article"]) if p.strip())
    return memo.build(paragraphs, url=row.get("url"))


def _rows(data_dir: Path, dataset: str, limit: int | None) -> list[dict[str, str]]:
    path = Path(data_dir) / FRANK
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as f:
        rows = [r for r in map(json.loads, f) if r.get("dataset") == dataset]
    return rows[:limit] if limit is not None else rows


def _item(row: dict[str, str]) -> Item:
    article = article_from_row(row)
    return Item(
        article=article,
        reference=_detokenise(row["reference"]),
        reference_lines=reference_lines(row["reference"]),
        bart_lines=reference_lines(row.get("bart_large_cnn_output", "")),
        rows=sentence_features(article) if article.sentences else [],
    )


@lru_cache(maxsize=4)
def cnndm_items(data_dir: Path, limit: int | None = None) -> list[Item]:
    """The CNN/DailyMail rows of FRANK (multi-sentence highlights)."""
    return [_item(r) for r in _rows(data_dir, "cnndm", limit)]


@lru_cache(maxsize=4)
def xsum_items(data_dir: Path, limit: int | None = None) -> list[Item]:
    """The XSum rows of FRANK (one-sentence references)."""
    return [_item(r) for r in _rows(data_dir, "xsum", limit)]


@lru_cache(maxsize=1)
def _scorer():  # type: ignore[no-untyped-def]
    from rouge_score import rouge_scorer  # eval extra; the bot itself never needs it

    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def rouge(summaries: Sequence[Sequence[str]], references: Sequence[Sequence[str]]) -> dict:
    """Mean F-measure x100 per metric; sentences joined by newlines (for Lsum)."""
    totals = dict.fromkeys(METRICS, 0.0)
    for pred, ref in zip(summaries, references, strict=True):
        scores = _scorer().score("\n".join(ref), "\n".join(pred))
        for key in METRICS:
            totals[key] += scores[key].fmeasure
    n = max(len(summaries), 1)
    return {key: round(100 * v / n, 2) for key, v in totals.items()}


def _pick(items: Sequence[Item], scores: Sequence[Sequence[float]], k: int) -> list[list[str]]:
    out = []
    for it, sentence_scores in zip(items, scores, strict=True):
        picked = select(it.article.sentences, it.rows, sentence_scores, k)
        out.append([it.article.sentences[j] for j in picked])
    return out


def _mean(runs: Sequence[dict]) -> dict:
    return {key: round(sum(r[key] for r in runs) / len(runs), 2) for key in runs[0]}


def cross_validated_rouge(cnndm: Sequence[Item], xsum: Sequence[Item] = ()) -> dict:
    """ROUGE of summaries from scorers that never saw the article, with lead-k alongside.

    Both sets train the scorer (as the shipped one is trained), so both are cross-validated;
    the folds are reshuffled `REPEATS` times and the ROUGE averaged.
    """
    from bot.eval.train_scorer import REPEATS, cross_validated_scores, training_examples

    examples = training_examples([*cnndm, *xsum])
    ours: list[dict] = []
    ours_xsum: list[dict] = []
    for seed in range(REPEATS):
        cv = cross_validated_scores(examples, seed=seed)
        picks = _pick(cnndm, cv[: len(cnndm)], 3)
        ours.append(rouge(picks, [it.reference_lines for it in cnndm]))
        if xsum:
            picks = _pick(xsum, cv[len(cnndm) :], 1)
            ours_xsum.append(rouge(picks, [it.reference_lines for it in xsum]))
    lead = rouge([it.article.sentences[:3] for it in cnndm], [it.reference_lines for it in cnndm])
    out = {"ours": _mean(ours), "lead-3": lead}
    return out | ({"xsum": _mean(ours_xsum)} if xsum else {})


def _cnndm_scores(items: Sequence[Item], cv: dict) -> list[Score]:
    refs = [it.reference_lines for it in items]
    shipped = ExtractiveSummariser()
    seen = rouge([shipped.summarise(it.article, 3).sentences for it in items], refs)
    bart = rouge([it.bart_lines for it in items], refs)
    return [
        Score(
            task="summaries cnndm",
            metric=f"{name} (5-fold CV)",
            value=cv["ours"][key],
            anchors={
                "lead-3": cv["lead-3"][key],
                "bart-large-cnn": bart[key],
                "shipped scorer (trained on these)": seen[key],
            },
            items=len(items),
        )
        for key, name in METRICS.items()
    ]


def _xsum_scores(items: Sequence[Item], cv: dict) -> list[Score]:
    """One-sentence summaries of the XSum rows, cross-validated like the CNN/DM rows."""
    refs = [it.reference_lines for it in items]
    lead = rouge([it.article.sentences[:1] for it in items], refs)
    return [
        Score(
            "summaries xsum",
            f"{name} (1 sentence)",
            cv["xsum"][key],
            {"lead-1": lead[key]},
            len(items),
        )
        for key, name in METRICS.items()
    ]


@dataclass
class Unsupported:
    """What the guard finds in a set of summaries: numbers and names the article lacks."""

    sentences: int = 0
    dropped: int = 0  # sentences the guard would drop
    numbers: int = 0
    names: int = 0

    def add(self, sentences: Sequence[str], article: Article) -> None:
        """Check each sentence with the guard's own functions, as the bot would."""
        source = Source.of(article)
        for sentence in sentences:
            self.sentences += 1
            numbers, names = unsupported(sentence, source)
            self.dropped += bool(numbers or names)  # exactly the sentences the guard drops
            self.numbers += len(numbers)
            self.names += len(names)


def _faithfulness_scores(items: Sequence[Item]) -> list[Score]:
    """Unsupported numbers/names in bart-large-cnn's summaries and in ours (which must be 0).

    FRANK stores bart's outputs lower-cased, so the guard's name check (which reads capitals)
    cannot fire on them: bart's count is of numbers only, a lower bound on what it invents.
    """
    bart, ours = Unsupported(), Unsupported()
    summariser = ExtractiveSummariser()
    for it in items:
        bart.add(it.bart_lines, it.article)
        ours.add(summariser.summarise(it.article, 3).sentences, it.article)
    rows = []
    for name, found in (("bart-large-cnn", bart), ("extractive", ours)):
        anchors = {
            "numbers": float(found.numbers),
            "names": float(found.names),
            "sentences the guard drops": float(found.dropped),
            "sentences": float(found.sentences),
        }
        metric = f"{name}: unsupported numbers/names (cnndm)"
        rows.append(Score("faithfulness", metric, found.numbers + found.names, anchors, len(items)))
    return rows


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """ROUGE rows for CNN/DM and XSum (cross-validated), guard counts; [] without the dev set."""
    cnndm = cnndm_items(data_dir, limit)
    xsum = [it for it in xsum_items(data_dir, limit) if it.article.sentences]
    if not cnndm:
        return []  # the scorer trains on the CNN/DM rows; without them there is nothing to show
    cv = cross_validated_rouge(cnndm, xsum)
    return [
        *_cnndm_scores(cnndm, cv),
        *(_xsum_scores(xsum, cv) if xsum else []),
        *_faithfulness_scores(cnndm),
    ]
