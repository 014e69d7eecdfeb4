"""Second training signal for the figure ranker: numbers that CNN/DM reference summaries kept.

CNN/DM rows of FRANK, SummEval and REALSumm (`summaries/*.jsonl`, PTB-tokenised: `$ 2.6`,
` , `, ` 's`) are lightly detokenised; a mention is positive when its number appears in one of
the article's references ("what summarisers kept"). Articles repeated across the sets are
used once.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from bot.eval.figures import article_of
from bot.figures import candidates
from bot.numbers import normalise, numbers_in

FILES = ("frank-validation.jsonl", "summeval-cnndm.jsonl", "realsumm-cnndm.jsonl")


def detokenise(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?%)'’]|'s|n't)", r"\1", text)
    text = re.sub(r"([$£€(])\s+", r"\1", text)
    return re.sub(r"``\s*|\s*''", '"', text)


def _references(row: dict[str, object]) -> list[str]:
    if "reference" in row:
        return [str(row["reference"])]
    refs = row.get("references", [])
    if isinstance(refs, str):
        refs = ast.literal_eval(refs)
    return [str(r) for r in refs]  # type: ignore[attr-defined]


def rows(data_dir: Path) -> list[tuple[str, set[str]]]:
    """(article text, numbers the references kept) for each CNN/DM article, once."""
    seen: set[str] = set()
    out = []
    for name in FILES:
        path = Path(data_dir) / "summaries" / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("dataset") != "cnndm":
                continue
            text = detokenise(str(row["article"]))
            key = re.sub(r"\W+", "", text.lower())[:300]
            if key in seen:
                continue
            seen.add(key)
            kept: set[str] = set()
            for ref in _references(row):
                kept |= numbers_in(detokenise(ref))
            out.append((text, kept))
    return out


def labelled(data_dir: Path) -> list[tuple[list[list[float]], list[int]]]:
    """Feature rows and labels (1 = the references kept that number) per article."""
    from bot.figure_rank import row

    out = []
    for text, kept in rows(data_dir):
        mentions = candidates(article_of(text))
        labels = [
            int(c.figure.number is not None and normalise(c.figure.number) in kept)
            or int(any(normalise(float(d)) in kept for d in _amounts(c.figure.value)))
            for c in mentions
        ]
        out.append(([row(c.features) for c in mentions], labels))
    return out


def _amounts(value: str) -> list[str]:
    return [d.replace(",", "") for d in re.findall(r"\d[\d,]*(?:\.\d+)?", value)]
