"""Summaries: ROUGE of the extractive summariser on FRANK, next to lead-3 and bart-large-cnn."""

from __future__ import annotations

import json
import re
import statistics
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
# More CNN/DM test articles with human references (PTB-tokenised): SummEval and REALSumm.
MORE_CNNDM = (
    Path("summaries") / "summeval-cnndm.jsonl",
    Path("summaries") / "realsumm-cnndm.jsonl",
)
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
    all_references: tuple[tuple[str, ...], ...] = ()  # SummEval has 11 per article


def _detokenise(text: str) -> str:
    for old, new in _PTB:
        text = text.replace(old, new)
    return text


# PTB spacing undone for articles, so the sentence splitter sees ordinary text.
_PTB_SPACES = (
    (re.compile(r" ([.,;:!?%)\]}]|'s\b|'re\b|'ve\b|'m\b|'ll\b|'d\b|n't\b)"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r"`` ?| ?''"), '"'),
)


def detokenise_article(text: str) -> str:
    """ "( CNN ) Sterling 's remarks ." -> "(CNN) Sterling's remarks."."""
    for pattern, replacement in _PTB_SPACES:
        text = pattern.sub(replacement, text)
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
@lru_cache(maxsize=4)
def cnndm_items(data_dir: Path, limit: int | None = None) -> list[Item]:
    """CNN/DailyMail articles of FRANK, SummEval and REALSumm, each article once (built once
    per run: the faithfulness sweep reads them again)."""
    items = [_item(r) for r in _rows(data_dir, "cnndm", None)]
    seen = {_article_key(it.article.text) for it in items}
    for path in MORE_CNNDM:
        if not (Path(data_dir) / path).is_file():
            continue
        with (Path(data_dir) / path).open(encoding="utf-8") as f:
            for row in map(json.loads, f):
                key = _article_key(row["article"])
                if key not in seen and row.get("references"):
                    seen.add(key)
                    items.append(_multi_reference_item(row))
    return items[:limit] if limit is not None else items


def _article_key(text: str) -> str:
    """The same article from two sets, however tokenised or cased."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower())[:30])


def _multi_reference_item(row: dict) -> Item:
    article = Article.from_paragraphs([detokenise_article(row["article"])])
    references = tuple(reference_lines(ref) for ref in row["references"])
    return Item(
        article=article,
        reference=" ".join(references[0]),
        reference_lines=references[0],
        bart_lines=(),
        rows=sentence_features(article) if article.sentences else [],
        all_references=references,
    )


@lru_cache(maxsize=4)
def xsum_items(data_dir: Path, limit: int | None = None) -> list[Item]:
    """The XSum rows of FRANK (one-sentence references)."""
    return [_item(r) for r in _rows(data_dir, "xsum", limit)]


@lru_cache(maxsize=1)
def _scorer():  # type: ignore[no-untyped-def]
    from rouge_score import rouge_scorer  # eval extra; the bot itself never needs it

    from bot.eval.train_scorer import TOKENIZER

    return rouge_scorer.RougeScorer(list(METRICS), tokenizer=TOKENIZER)


def rouge(summaries: Sequence[Sequence[str]], references: Sequence[Sequence[str]]) -> dict:
    """Mean F-measure x100 per metric; sentences joined by newlines (for Lsum)."""
    return rouge_multi(summaries, [[ref] for ref in references])


def rouge_multi(
    summaries: Sequence[Sequence[str]], references: Sequence[Sequence[Sequence[str]]]
) -> dict:
    """As `rouge`, against the best of several references per article (SummEval has 11)."""
    per_article = rouge_per_article(summaries, references)
    n = max(len(summaries), 1)
    return {key: round(100 * sum(a[key] for a in per_article) / n, 2) for key in METRICS}


def rouge_per_article(
    summaries: Sequence[Sequence[str]], references: Sequence[Sequence[Sequence[str]]]
) -> list[dict[str, float]]:
    """F-measure per article and metric, the best over that article's references."""
    return [
        dict(_best_rouge(tuple(pred), tuple(tuple(ref) for ref in refs)))
        for pred, refs in zip(summaries, references, strict=True)
    ]


@lru_cache(maxsize=16_384)
def _best_rouge(pred: tuple[str, ...], refs: tuple[tuple[str, ...], ...]) -> dict[str, float]:
    """One article's scores, kept: the reshuffled folds mostly pick the same sentences again."""
    best = dict.fromkeys(METRICS, 0.0)
    for ref in refs:
        scores = _scorer().score("\n".join(ref), "\n".join(pred))
        best = {key: max(best[key], scores[key].fmeasure) for key in METRICS}
    return best


def references_of(item: Item) -> tuple[tuple[str, ...], ...]:
    return item.all_references or (item.reference_lines,)


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
    the folds are reshuffled `REPEATS` times and the ROUGE averaged. "fold_gain" holds, for
    every fold of every shuffle, ROUGE-2 of ours minus lead-3 on that fold's CNN/DM articles.
    """
    from bot.eval.train_scorer import (
        FOLDS,
        REPEATS,
        cross_validated_scores,
        fold_assignment,
        training_examples,
    )

    examples = training_examples([*cnndm, *xsum])
    refs = [references_of(it) for it in cnndm]
    lead_each = rouge_per_article([lead(it.article, 3) for it in cnndm], refs)
    ours: list[dict] = []
    ours_xsum: list[dict] = []
    fold_gain: list[float] = []
    for seed in range(REPEATS):
        cv = cross_validated_scores(examples, seed=seed)
        picks = _pick(cnndm, cv[: len(cnndm)], 3)
        each = rouge_per_article(picks, refs)
        ours.append(_average(each))
        folds = fold_assignment(len(examples), FOLDS, seed)[: len(cnndm)]
        for fold in range(FOLDS):
            members = [i for i, f in enumerate(folds) if f == fold]
            if members:
                gain = sum(each[i]["rouge2"] - lead_each[i]["rouge2"] for i in members)
                fold_gain.append(round(100 * gain / len(members), 2))
        if xsum:
            picks = _pick(xsum, cv[len(cnndm) :], 1)
            ours_xsum.append(rouge(picks, [it.reference_lines for it in xsum]))
    out = {"ours": _mean(ours), "lead-3": _average(lead_each), "fold_gain": fold_gain}
    return out | ({"xsum": _mean(ours_xsum)} if xsum else {})


def _average(per_article: Sequence[dict[str, float]]) -> dict:
    n = max(len(per_article), 1)
    return {key: round(100 * sum(a[key] for a in per_article) / n, 2) for key in METRICS}


def lead(article: Article, k: int) -> list[str]:
    """The first k sentences: the baseline a learned summary must beat."""
    return list(article.sentences[:k])


def _cnndm_scores(items: Sequence[Item], cv: dict, shipped: Sequence[Sequence[str]]) -> list[Score]:
    """The cross-validated rows, with the shipped scorer's summaries (`shipped`) alongside."""
    refs = [references_of(it) for it in items]
    seen = rouge_multi(shipped, refs)
    frank = [it for it in items if it.bart_lines]
    bart = rouge([it.bart_lines for it in frank], [it.reference_lines for it in frank])
    rows = [
        Score(
            task="summaries cnndm",
            metric=f"{name} (5-fold CV)",
            value=cv["ours"][key],
            anchors={
                "lead-3": cv["lead-3"][key],
                f"bart-large-cnn (FRANK's {len(frank)})": bart[key],
                "shipped scorer (trained on these)": seen[key],
            },
            items=len(items),
        )
        for key, name in METRICS.items()
    ]
    gains = cv["fold_gain"]
    spread = {"min": min(gains), "max": max(gains), "sd": round(statistics.pstdev(gains), 2)}
    mean = round(statistics.mean(gains), 2)
    rows.append(Score("summaries cnndm", "ROUGE-2 minus lead-3 per fold", mean, spread, len(gains)))
    return rows


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


def _faithfulness_scores(items: Sequence[Item], shipped: Sequence[Sequence[str]]) -> list[Score]:
    """Unsupported numbers/names in bart-large-cnn's summaries and in ours (`shipped`, which
    must be 0).

    FRANK stores bart's outputs lower-cased, so the guard's name check (which reads capitals)
    cannot fire on them: bart's count is of numbers only, a lower bound on what it invents.
    """
    bart, ours = Unsupported(), Unsupported()
    for it, summary in zip(items, shipped, strict=True):
        bart.add(it.bart_lines, it.article)
        ours.add(summary, it.article)
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
    summariser = ExtractiveSummariser()  # the shipped scorer, summarising each article once
    shipped = [summariser.summarise(it.article, 3).sentences for it in cnndm]
    return [
        *_cnndm_scores(cnndm, cv, shipped),
        *(_xsum_scores(xsum, cv) if xsum else []),
        *_faithfulness_scores(cnndm, shipped),
    ]
