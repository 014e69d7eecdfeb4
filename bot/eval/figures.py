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


PHRASE_ROWS = 150  # the first rows, parsed for the phrase checks (the parse is the slow part)
MAX_PHRASE_WORDS = 12
_JUNK = re.compile(
    r"^\d{1,2}:\d\d|^\d{1,2}(?:[:.]\d\d)?\s?[ap]\.?m\.?$|^\+?[\d(][\d\s().-]{7,}\d$", re.IGNORECASE
)


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Headline-number recall in the first four figures (5-fold CV of the learned ranker, and
    the shipped ranker in sample), figures per article, and phrase checks on a fixed subset."""
    from bot.eval.train_figures import Item, cross_validate, hit_at, summary
    from bot.figure_rank import ranker

    if not (Path(data_dir) / DATA_FILE).exists():
        return []
    rows = list(load_rows(data_dir, limit))
    if not rows:
        return []
    articles = [article_of(text) for text, _ in rows]
    data = [Item(list(memo.mentions_of(a)), g) for a, (_, g) in zip(articles, rows, strict=True)]
    cv = summary(cross_validate(data)) if len(data) >= 10 else None
    n = len(rows)
    anchor = {"first four numbers": sum(_anchor_hit(t, g) for t, g in rows) / n}
    shipped = sum(hit_at(it, ranker()) for it in data) / n
    distinct = sum(min(len({c.key for c in it.mentions}), 8) for it in data) / n
    scores = []
    if cv is not None:
        spread = {"fold sd": float(cv["recall_at_4_sd"]), **anchor}  # type: ignore[arg-type]
        cv_mean = float(cv["recall_at_4_mean"])  # type: ignore[arg-type]
        scores.append(
            Score("figures", "headline number in first 4 (5-fold CV)", cv_mean, spread, items=n)
        )
    scores += [
        Score("figures", "headline number in first 4", shipped, anchor, items=n),
        Score("figures", "figures per article (<= 8)", distinct, {}, items=n),
    ]
    scores += _phrase_checks(articles[:PHRASE_ROWS])
    # For information: headlines whose number the text spells in words ("seven" -> 7)
    words = list(load_rows(data_dir, limit, how="Trans"))
    if words:
        items = [Item(list(memo.mentions_of(article_of(t))), g) for t, g in words]
        got = sum(hit_at(item, ranker()) for item in items)
        scores.append(
            Score(
                "figures", "same, number in words (Trans)", got / len(words), {}, items=len(words)
            )
        )
    return scores


def _anchor_hit(text: str, gold: str) -> bool:
    return any(same_number(v, gold) for v in first_numbers(text))


def _phrase_checks(articles: list[Article]) -> list[Score]:
    """On the parsed subset: phrases verbatim, at most 12 words, not a bare number, no clock
    times or phone numbers among the figures."""
    figures = [(a, f) for a in articles for f in memo.figures_of(a)]
    n = len(articles)
    unfaithful = sum(f.text not in a.text or f.value not in f.text for a, f in figures)
    long = sum(len(f.text.split()) > MAX_PHRASE_WORDS for _, f in figures)
    bare = sum(f.text.strip() == f.value.strip() for _, f in figures)
    junk = sum(bool(_JUNK.match(f.value)) for _, f in figures)
    total = max(len(figures), 1)
    return [
        Score("faithfulness", "figures not verbatim", float(unfaithful), {}, items=n),
        Score("figures", "phrases over 12 words", float(long), {"figures": float(total)}, items=n),
        Score("figures", "bare-number share", bare / total, {}, items=n),
        Score("figures", "clock times and phone numbers", float(junk), {}, items=n),
    ]


def _print(scores: list[Score]) -> None:
    for s in scores:
        anchors = ", ".join(f"{k} {v:.3f}" for k, v in s.anchors.items())
        print(f"{s.task:13} {s.metric:40} {s.value:.3f}  n={s.items}  {anchors}")


if __name__ == "__main__":
    _print(evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")))
