"""Extraction quality on the Zyte article-extraction benchmark, next to plain trafilatura."""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from bot.article import Article
from bot.errors import NewsbotError
from bot.eval import memo
from bot.eval.table import Score

DATASET = Path("extraction") / "zyte-aeb"
_TOKEN = re.compile(r"\w+")


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Word-level and 4-gram-shingle F1 of our article bodies against the human ones."""
    folder = data_dir / DATASET
    if not (folder / "ground-truth.json").is_file():
        return []
    pages = list(load_pages(data_dir, limit))
    ours = [_ours(html, gold.get("url")) for html, gold in pages]
    plain = [plain_trafilatura(html) for html, _ in pages]
    golds = [gold.get("articleBody", "") for _, gold in pages]
    scores = []
    for n, metric in ((1, "word F1"), (4, "4-gram shingle F1")):
        anchors = {"trafilatura default (this run)": f1(golds, plain, n)}
        if n == 4:
            anchors["trafilatura 2.0.0 (published)"] = 0.958
        scores.append(Score("extraction", metric, f1(golds, ours, n), anchors, len(golds)))
    return scores


def load_pages(data_dir: Path, limit: int | None = None) -> Iterator[tuple[str, dict[str, str]]]:
    """(raw HTML, {articleBody, url}) for each benchmark page, in a stable order."""
    folder = data_dir / DATASET
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for key, value in sorted(truth.items())[:limit]:
        yield _read_html(folder, key), value


def _read_html(folder: Path, key: str) -> str:
    with gzip.open(folder / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as handle:
        return handle.read()


def _ours(html: str, url: str | None) -> str:
    # The body as extracted, before the "is it an article?" gate: that gate is a product
    # choice (an 18-word post is not worth a digest), not an extraction error.
    body = memo.body_of(url, html)
    return "" if isinstance(body, NewsbotError) else body.text


def article_of(html: str, url: str | None) -> Article | None:
    """Our article for a page (before the is-it-an-article gate), built once per run."""
    body = memo.body_of(url, html)
    return None if isinstance(body, NewsbotError) else body


@lru_cache(maxsize=4096)
def plain_trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def f1(golds: list[str], predictions: list[str], n: int = 1) -> float:
    """The benchmark's F1: mean precision and mean recall over pages of n-gram counts."""
    precisions, recalls = [], []
    for gold, prediction in zip(golds, predictions, strict=True):
        true, pred = _ngrams(gold, n), _ngrams(prediction, n)
        tp = sum((true & pred).values())
        if not true and not pred:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        # An empty prediction has no precision to average (as in the benchmark's evaluate.py).
        if pred:
            precisions.append(tp / sum(pred.values()))
        if true:
            recalls.append(tp / sum(true.values()))
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ngrams(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def _print(scores: list[Score], write: Callable[[str], object] = print) -> None:
    for s in scores:
        anchors = ", ".join(f"{k} {v:.3f}" for k, v in s.anchors.items())
        write(f"{s.task:<11} {s.metric:<18} {s.value:.3f}  ({anchors}; n={s.items})")


if __name__ == "__main__":
    _print(evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")))
