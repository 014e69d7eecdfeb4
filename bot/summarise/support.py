"""Support per sentence: align a claim to the article sentences it draws on, then check them.

A claim is supported when a few article sentences (at most `WINDOW`) hold its content words,
and when its numbers, quantity words and negations are in those same sentences. Words that
occur somewhere else in the article do not count: a small model builds false claims out of
true words from different paragraphs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from math import fsum  # exact, so a set's order cannot move a score across a threshold

from rapidfuzz import fuzz, process

from bot.article import Article, split_sentences
from bot.numbers import numbers_in

#: At most this many article sentences may support one claim. One, measured: on the QAGS
#: dev halves two-sentence support kept many false fusions ("X left and Y will captain Z").
WINDOW = 1
#: Share of a claim's content words (weighted by rarity) its support must hold. Both thresholds
#: are what 5-fold CV by article on the QAGS dev halves picks in most folds (3 of 5); the
#: figures it reports come from held-out folds (`newsbot eval --only guard`).
MIN_COVERAGE = 0.95
#: Share of a claim's neighbouring content words that are near neighbours (within `_NEAR`
#: words, same order) in its support: true words in a new arrangement make a new claim.
MIN_ORDER = 0.9
_NEAR = 3
#: A negation bears on the next few content words ("never seen the water").
_NEGATED_SPAN = 2
#: A word spelled slightly differently ("Gaddafi"/"Qaddafi", "judgment"/"judgement").
_FUZZY_WORD = 88

_WORD = re.compile(r"[^\W_][\w'’]*")
_POSSESSIVE = re.compile(r"['’]s?$")
# Words that carry no claim of their own (function words, reporting verbs, fillers).
STOPWORDS = frozenset(
    """a about above after again against ago all also although am among an and any are around
    as at be because been before being below between both but by can could did do does doing
    down during each either else even ever for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just may me might mine more
    most much must my myself now of off on once onto or other our ours ourselves out over own per
    same shall she should since so some such than that the their theirs them themselves then
    there these they this those though through thus to too under until up upon us very was we
    were what when where whether which while who whom whose why will with within without would
    yet you your yours yourself said says say saying told tell tells according added adding
    reported reports report also just still well like one's mr mrs ms dr""".split()
)
# Words that flip or bound a claim: a claim may use one only if its support does too.
NEGATIONS = frozenset("not no never none nobody nothing neither nor without n't cannot".split())
QUANTIFIERS = frozenset(
    """single only all every entire whole both few several many most dozens hundreds thousands
    millions majority minority half first last sole alone""".split()
)


@dataclass(frozen=True)
class Verdict:
    """Whether the article supports one claim, which sentences (indices) and why not."""

    supported: bool
    support: tuple[int, ...]  # indices into the article's sentences
    coverage: float
    order: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Sentence:
    order: tuple[str, ...]  # content stems in reading order
    stems: frozenset[str]
    words: frozenset[str]  # every word, lower-cased
    numbers: frozenset[str]
    negated: bool
    negated_stems: frozenset[str]  # the first content words after each negation


@dataclass(frozen=True)
class Evidence:
    """An article's sentences in the forms the checks compare against."""

    sentences: tuple[str, ...]
    parsed: tuple[_Sentence, ...]
    weights: dict[str, float]  # inverse frequency of each stem over the sentences

    @classmethod
    def of(cls, article: Article) -> Evidence:
        sentences = article.sentences or tuple(
            s for p in article.paragraphs for s in split_sentences(p, article.language or "en")
        )
        parsed = tuple(_parse(s) for s in sentences)
        counts: dict[str, int] = {}
        for p in parsed:
            for stem in p.stems:
                counts[stem] = counts.get(stem, 0) + 1
        total = len(parsed) + 1
        weights = {stem: 1.0 + _log(total / n) for stem, n in counts.items()}
        return cls(sentences, parsed, weights)

    def weight(self, stem: str) -> float:
        """Rare words weigh more; a word the article never uses weighs most."""
        return self.weights.get(stem, 1.0 + _log(len(self.parsed) + 1))


def check(
    claim: str, evidence: Evidence, min_coverage: float = MIN_COVERAGE, min_order: float = MIN_ORDER
) -> Verdict:
    """Whether `evidence` supports `claim`, and the sentences (indices) it draws on."""
    parsed = _parse(claim)
    content = parsed.stems
    if not content or not evidence.parsed:
        return Verdict(False, (), 0.0, 0.0, ("it states nothing the article can be checked for",))
    chosen = _align(content, evidence)
    window = [evidence.parsed[i] for i in chosen]
    held = _held(content, frozenset().union(*(s.stems for s in window)))
    total = fsum(evidence.weight(w) for w in content)
    coverage = fsum(evidence.weight(w) for w in held) / total
    order = _order(parsed.order, [s.order for s in window])
    reasons = []
    if coverage < min_coverage:
        reasons.append(f"only {coverage:.0%} of its content is in the article sentences it matches")
    if order < min_order:
        reasons.append(f"its words are arranged differently there ({order:.0%} in the same order)")
    missing_numbers = parsed.numbers - frozenset().union(*(s.numbers for s in window))
    if missing_numbers:
        reasons.append(f"numbers not in those sentences: {', '.join(sorted(missing_numbers))}")
    bounds = (parsed.words & QUANTIFIERS) - frozenset().union(*(s.words for s in window))
    if bounds:
        reasons.append(f"quantity words not in those sentences: {', '.join(sorted(bounds))}")
    if parsed.negated and not any(s.negated for s in window):
        reasons.append("negation added")
    # A negation in the support that bears on words the claim states, unnegated.
    if not parsed.negated and any(s.negated_stems & content for s in window):
        reasons.append("negation dropped")
    return Verdict(not reasons, tuple(sorted(chosen)), coverage, order, tuple(reasons))


def _order(claim: tuple[str, ...], sources: list[tuple[str, ...]]) -> float:
    """Share of the claim's neighbouring word pairs that sit near, in order, in one source."""
    known = frozenset().union(*sources)
    pairs = [(a, b) for a, b in pairwise(claim) if a in known and b in known]
    if not pairs:
        return 1.0
    near = sum(any(_near(a, b, source) for source in sources) for a, b in pairs)
    return near / len(pairs)


def _near(first: str, second: str, source: tuple[str, ...]) -> bool:
    at = [i for i, w in enumerate(source) if w == first]
    return any(0 < j - i <= _NEAR for i in at for j, w in enumerate(source) if w == second)


def _align(content: frozenset[str], evidence: Evidence) -> list[int]:
    """Greedily pick up to `WINDOW` sentences that cover the most (weighted) content."""
    chosen: list[int] = []
    uncovered = set(content)
    for _ in range(WINDOW):
        best, gain = -1, 0.0
        for i, sentence in enumerate(evidence.parsed):
            if i in chosen:
                continue
            score = fsum(evidence.weight(w) for w in uncovered & sentence.stems)
            if score > gain:
                best, gain = i, score
        # A second sentence must add a real share, not one stray word.
        if best < 0 or (chosen and gain < 0.2 * fsum(evidence.weight(w) for w in content)):
            break
        chosen.append(best)
        uncovered -= evidence.parsed[best].stems
    return chosen


def _held(content: frozenset[str], stems: frozenset[str]) -> frozenset[str]:
    """Content stems found in `stems`, exactly or as a near spelling (rapidfuzz)."""
    exact = content & stems
    pool = [s for s in stems if len(s) >= 5]
    near = {
        w
        for w in content - exact
        if len(w) >= 5 and process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=_FUZZY_WORD)
    }
    return exact | near


def _parse(sentence: str) -> _Sentence:
    # "no one" is nobody, not a count of one.
    sentence = re.sub(r"\bno one\b", "nobody", sentence, flags=re.IGNORECASE)
    words = [_POSSESSIVE.sub("", w.lower()) for w in _WORD.findall(sentence)]
    order: list[str] = []
    negated_stems: list[str] = []
    since_negation = None  # content words seen since the last negation
    for word in words:
        if word in NEGATIONS or word.endswith(("n't", "n’t")):
            since_negation = 0
        elif word not in STOPWORDS:
            order.append(_stem(word))
            if since_negation is not None and since_negation < _NEGATED_SPAN:
                negated_stems.append(order[-1])
                since_negation += 1
    return _Sentence(
        order=tuple(order),
        stems=frozenset(order),
        words=frozenset(words),
        numbers=frozenset(numbers_in(sentence)),
        negated=since_negation is not None,
        negated_stems=frozenset(negated_stems),
    )


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


def _log(x: float) -> float:
    return math.log(x)
