"""`newsbot check`: the digest's guard on any text, sentence by sentence, with where it stands."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from bot.article import Article, paragraph_numbers, split_sentences
from bot.errors import BadInput
from bot.summarise.guard import judge
from bot.summarise.support import Verdict


def claims(text: str, language: str = "en") -> list[str]:
    """The sentences of a draft: its paragraphs (blank-line or line breaks) split."""
    lines = (line.strip() for line in text.splitlines())
    return [s for line in lines if line for s in split_sentences(line, language)]


def describe(sentence: str, verdict: Verdict, article: Article, paragraphs: list[int]) -> str:
    """One reader's line (or two) for a sentence: supported where, or why not."""
    mark = "✓ supported" if verdict.supported else "✗ not supported"
    lines = [f"{mark}: {sentence}"]
    for i in verdict.support:
        where = f"paragraph {paragraphs[i]}, " if paragraphs else ""
        role = "from" if verdict.supported else "closest"
        lines.append(f"    {role} {where}sentence {i + 1}: {article.sentences[i]}")
    lines += [f"    because {reason}" for reason in verdict.reasons]
    return "\n".join(lines)


def check_text(article: Article, text: str) -> list[str]:
    """The report on every sentence of `text` against `article`."""
    sentences = claims(text, article.language or "en")
    if not sentences:
        raise BadInput("--text has no sentence to check.")
    paragraphs = paragraph_numbers(article)
    verdicts = judge(sentences, article)
    return [describe(s, v, article, paragraphs) for s, v in zip(sentences, verdicts, strict=True)]


def check_jsonl(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """For each {"article", "sentences"} line, {"supported": [...], "support": [[...], ...]}."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text, sentences = record["article"], record["sentences"]
        except (ValueError, KeyError, TypeError) as err:
            shape = '{"article": …, "sentences": […]}'
            raise BadInput(f"line {number} is not {shape}: {err}") from err
        article = Article.from_paragraphs(text.split("\n\n"))
        verdicts = judge(sentences, article)
        yield {
            "supported": [v.supported for v in verdicts],
            "support": [list(v.support) for v in verdicts],
        }
