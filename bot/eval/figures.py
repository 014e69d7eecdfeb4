"""Key-figure evaluation: is the headline's number among the digest's first four figures?

Data: NumHG fold 1 validation (`figures/numhg-fold1-val.csv`), rows whose headline number was
copied from the text (`cloze_annotation` starts with "Copy"), years left out.
Run: `python -m bot.eval.figures /work/shared/data`.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from bot.article import Article
from bot.eval import memo
from bot.eval.table import Score
from bot.numbers import find_numbers, normalise

DATA_FILE = Path("figures") / "numhg-fold1-val.csv"
TOP = 4  # a reporter reads the first few figures; the headline number should be there
_YEAR = re.compile(r"(?:19\d\d|20\d\d|2100)")


def load_rows(
    data_dir: Path, limit: int | None = None, how: str = "Copy"
) -> Iterator[tuple[str, str]]:
    """(text, headline number) for each row whose number was derived `how` ("Copy", "Trans")."""
    path = Path(data_dir) / DATA_FILE
    with path.open(newline="", encoding="utf-8") as f:
        kept = 0
        for row in csv.DictReader(f):
            gold = row["cloze_gt"].strip()
            if not row["cloze_annotation"].startswith(how) or _YEAR.fullmatch(gold):
                continue
            if limit is not None and kept >= limit:
                return
            kept += 1
            yield row["text"], gold


def article_of(text: str) -> Article:
    """The rows are one line each (no paragraph breaks), so the text is one paragraph."""
    return memo.build(tuple(p for p in text.split("\n") if p.strip()))


def same_number(value: str, gold: str) -> bool:
    """True when a figure's value means the headline number: "1,500" = "1500", "five" = "5"."""
    gold_key = _canonical(gold)
    if gold_key is None:
        return False
    if "/" in gold:  # "9/11", "24/7": names more than quantities, compared as written
        return gold in value
    amounts = [n.amount for n in find_numbers(value) if n.amount is not None]
    if not amounts:  # a date that is the news: "Nov. 15"
        amounts = [float(d) for d in re.findall(r"\d+", value)[:1]]
    return bool(amounts) and normalise(amounts[0]) == gold_key


def _canonical(number: str) -> str | None:
    try:
        return normalise(float(number.replace(",", "")))
    except ValueError:
        return number.strip() or None


def first_numbers(text: str, count: int = TOP) -> list[str]:
    """The anchor: the first `count` numbers of the text, whatever they are."""
    return [m.group() for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", text)][:count]


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Headline-number recall in the first four figures, figures per article, faithfulness."""
    if not (Path(data_dir) / DATA_FILE).exists():
        return []
    hits = anchor_hits = rows = figures = unfaithful = 0
    for text, gold in load_rows(data_dir, limit):
        article = article_of(text)
        found = memo.figures_of(article)
        rows += 1
        figures += len(found)
        unfaithful += sum(f.text not in article.text or f.value not in f.text for f in found)
        hits += any(same_number(f.value, gold) for f in found[:TOP])
        anchor_hits += any(same_number(v, gold) for v in first_numbers(text))
    if not rows:
        return []
    anchor = {"first four numbers": anchor_hits / rows}
    scores = [
        Score("figures", "headline number in first 4", hits / rows, anchor, rows),
        Score("figures", "figures per article (<= 8)", figures / rows, {}, rows),
        Score("faithfulness", "figures not verbatim", float(unfaithful), {}, rows),
    ]
    # For information: headlines whose number the text spells in words ("seven" -> 7)
    words = [(t, g) for t, g in load_rows(data_dir, limit, how="Trans")]
    if words:
        got = sum(_found_in_first(t, g) for t, g in words)
        scores.append(
            Score("figures", "same, number in words (Trans)", got / len(words), {}, len(words))
        )
    return scores


def _found_in_first(text: str, gold: str) -> bool:
    return any(same_number(f.value, gold) for f in memo.figures_of(article_of(text))[:TOP])


def _print(scores: list[Score]) -> None:
    for s in scores:
        anchors = ", ".join(f"{k} {v:.3f}" for k, v in s.anchors.items())
        print(f"{s.task:13} {s.metric:30} {s.value:.3f}  n={s.items}  {anchors}")


if __name__ == "__main__":
    _print(evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")))
