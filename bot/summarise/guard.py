"""The faithfulness guard: each model sentence must be supported by an article sentence.

Support (bot/summarise/support.py) aligns the sentence to the article sentence it draws on,
vetoes a quantity word or a negation that disagrees with it, and lets a learned decision judge
how much of the sentence the article states together; on top, no number or name may be one the
article lacks anywhere (the original check, kept: it catches fused names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import Any

from bot.article import Article
from bot.numbers import numbers_in
from bot.parse import article_language, pipeline
from bot.summarise.base import Summary
from bot.summarise.support import Evidence, Verdict, check

FELL_BACK = (
    "No model-written sentence passed the accuracy check, so this summary is extractive "
    "(sentences copied from the article)."
)

NO_CLAIM = "it states no claim (no finite verb)"
# Penn tags of a finite verb: past, present, modal.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})

# Capitalised only because they open a sentence, even when the article never uses them.
_OPENERS = frozenset(
    "a an the this that these those it its in on at by for from with after before as but and or "
    "so yet however meanwhile also while when where although though despite since still now then "
    "today yesterday earlier later according instead overall".split()
)
# Courtesy titles add no fact: "Mr Okafor" restates "Tom Okafor".
_HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame".split())
# Letters, then letters/digits/apostrophes/hyphens: "O'Neill", "al-Assad", "Covid-19".
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
# A new clause starts after these, so the next word may be capitalised for that reason alone.
_CLAUSE_START = re.compile(r"(?:^|[:;\"“‘(]|[.!?][\"”’)]?)\s*$")


@dataclass(frozen=True)
class Source:
    """What the article says, in the forms the checks compare against."""

    lowered: str  # title and text, lower-cased, every run of white space one plain space
    numbers: frozenset[str]
    words: frozenset[str]  # every word, lower-cased
    lowercase_words: frozenset[str]  # words the article writes in lower case somewhere

    @classmethod
    def of(cls, article: Article) -> Source:
        text = "\n\n".join(filter(None, (article.title, article.text)))
        words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(text)]
        return cls(
            # A no-break space joins "Windsor-born\xa0Haskell" as well as a plain one does.
            lowered=" ".join(text.lower().split()),
            numbers=frozenset(numbers_in(text)),
            words=frozenset(w.lower() for w in words),
            lowercase_words=frozenset(w for w in words if w.islower()),
        )


def guard(summary: Summary, article: Article, max_sentences: int = 3) -> Summary:
    """Keep the supported model sentences, with their support; none left -> extractive."""
    evidence = Evidence.of(article)
    if summary.method != "abstractive":  # copied sentences: record where each came from
        return replace(summary, support=provenance(summary.sentences, article, evidence))
    verdicts = judge(summary.sentences, article, evidence)
    kept = [(s, v.support) for s, v in zip(summary.sentences, verdicts, strict=True) if v.supported]
    warnings = summary.warnings
    dropped = len(summary.sentences) - len(kept)
    if dropped:
        plural = "" if dropped == 1 else "s"
        warnings += (f"Dropped {dropped} model sentence{plural} the article does not support.",)
    if kept:
        sentences, support = zip(*kept, strict=True)
        return replace(summary, sentences=sentences, support=support, warnings=warnings)
    fallback = guard(_extractive().summarise(article, max_sentences), article, max_sentences)
    return replace(fallback, warnings=(*warnings, FELL_BACK, *fallback.warnings))


def judge(
    sentences: Sequence[str], article: Article, evidence: Evidence | None = None
) -> list[Verdict]:
    """The guard's verdict on each sentence: supported, by which article sentences, or why not."""
    evidence = evidence or Evidence.of(article)
    source = Source.of(article)
    claims = states_claims(sentences, article_language(article))
    verdicts = []
    for sentence, claim in zip(sentences, claims, strict=True):
        verdict = check(sentence, evidence)
        numbers, names = unsupported(sentence, source)
        why = []
        if numbers or names:
            why.append(f"not in the article at all: {', '.join([*sorted(numbers), *names])}")
        if not claim:
            why.append(NO_CLAIM)
        if why:
            verdict = replace(verdict, supported=False, reasons=(*verdict.reasons, *why))
        verdicts.append(verdict)
    return verdicts


def states_claims(sentences: Sequence[str], language: str) -> list[bool]:
    """Whether each sentence has a finite verb (English, by spaCy's tags): a fragment such as
    "38 hours in a commission." states nothing a reader can hold the article to. On the QAGS
    dev halves such fragments were 8% of the unsupported sentences, 2% of the supported ones.
    Other languages: no tagger here, so every sentence counts as a claim."""
    if language != "en" or not sentences:
        return [True] * len(sentences)
    docs = pipeline("en").pipe(sentences)
    return [any(t.tag_ in _FINITE for t in doc) for doc in docs]


def provenance(
    sentences: Sequence[str], article: Article, evidence: Evidence | None = None
) -> tuple[tuple[int, ...], ...]:
    """Where each copied sentence sits in the article (its best match, if not verbatim)."""
    evidence = evidence or Evidence.of(article)
    return tuple(
        (evidence.sentences.index(s),) if s in evidence.sentences else check(s, evidence).support
        for s in sentences
    )


def invents(sentence: str, source: Source) -> bool:
    """Whether `sentence` has a number or a proper name that `source` lacks."""
    numbers, names = unsupported(sentence, source)
    return bool(numbers or names)


def unsupported(sentence: str, source: Source) -> tuple[frozenset[str], list[str]]:
    """The numbers (normalised) and the names in `sentence` that `source` lacks."""
    # "no one" is not a count; everything else that reads as a number must be in the source.
    spoken = re.sub(r"\bno one\b", "nobody", sentence, flags=re.IGNORECASE)
    numbers = frozenset(numbers_in(spoken) - source.numbers)
    names = [" ".join(run) for run in name_runs(sentence, source) if _invented_name(run, source)]
    return numbers, names


def name_runs(sentence: str, source: Source) -> list[list[str]]:
    """Runs of capitalised words, less a first word capitalised only for opening the clause."""
    runs: list[list[str]] = []
    current: list[str] = []
    previous_end = None
    for match in _WORD.finditer(sentence):
        word = match.group()
        joined = previous_end is not None and sentence[previous_end : match.start()].isspace()
        if current and (not word[0].isupper() or not joined):
            runs.append(current)
            current = []
        if word[0].isupper():
            if not current and _CLAUSE_START.search(sentence[: match.start()]):
                current = ["\0" + word]  # marked: capitalised by position, maybe not a name
            else:
                current.append(word)
        previous_end = match.end()
        if _POSSESSIVE.search(word) and current:  # "Iran's Khamenei": two names, not one
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [_drop_opener(run, source) for run in runs]


def _drop_opener(run: list[str], source: Source) -> list[str]:
    """Keep a clause-opening word only when it is part of a longer, unusual run ("Dominic Raab")."""
    if not run[0].startswith("\0"):
        return run
    first = run[0][1:]
    if len(run) == 1 or first.lower() in _OPENERS or first.lower() in source.lowercase_words:
        return run[1:]
    return [first, *run[1:]]


def _invented_name(run: list[str], source: Source) -> bool:
    words = [_POSSESSIVE.sub("", w) for w in run if w.rstrip(".").lower() not in _HONORIFICS]
    if any(len(w) > 1 and w.lower() not in source.words for w in words):
        return True
    # Words the article never writes in lower case are names; two of them side by side
    # ("Dominic Raab") must sit side by side in the article too, or the pairing is invented.
    return any(
        _is_name(first, source)
        and _is_name(second, source)
        and f"{first} {second}".lower() not in source.lowered
        for first, second in pairwise(words)
    )


def _is_name(word: str, source: Source) -> bool:
    return word.lower() not in source.lowercase_words


@lru_cache(maxsize=1)
def _extractive() -> Any:
    # Imported late: the extractive backend loads its scorer on first use only.
    from bot.summarise.extractive import ExtractiveSummariser

    return ExtractiveSummariser()
