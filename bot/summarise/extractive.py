"""Offline extractive summaries: the article's best sentences, verbatim and in article order."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.article import Article, count_words
from bot.attribution import REPORTING_VERB
from bot.furniture import holds_navigation, is_furniture
from bot.html_body import is_headline
from bot.linear import Linear
from bot.markup import doubtful_sentences
from bot.parse import article_language, pipeline
from bot.summarise.base import Summary

if TYPE_CHECKING:
    from spacy.tokens import Doc

SCORER_PATH = Path(__file__).resolve().parent.parent / "data" / "sentence-scorer.json"

# Sentences outside these bounds are captions, fragments or run-ons in news copy.
MIN_WORDS = 6
MAX_WORDS = 60
# A candidate sharing this many word trigrams with a chosen sentence restates it.
MAX_SHARED_TRIGRAMS = 2
# Reference highlights run ~55 words; past this budget another sentence costs the reader more
# than it tells them (5-fold CV on the FRANK CNN/DM rows: ROUGE-1 +0.5 over no budget).
WORD_BUDGET = 60
MIN_SENTENCES = 2  # the digest promises a summary of 2-4 sentences
NO_SENTENCES = "No sentence on this page reads as article text, so there is no summary."
HEADING_WORDS = 20  # headings and decks without a sentence end are shorter than this
# Log-odds given up per word, so a long sentence must be that much more summary-like.
LENGTH_PENALTY = 0.02

_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_NUMBER = re.compile(r"\d")
_QUOTE_CHARS = '"“”'
_STOP = frozenset(
    """a about after all also an and any are as at be been but by can could did do does for
    from had has have he her him his how i if in into is it its just more most my new no not
    now of on one or our out over said says she so some than that the their them then there
    these they this those to up was we were what when which who will with would you your
    after before while where being may might should very much many other such only own""".split()
)
_OPENERS = frozenset(
    "he she it they this that these those but and however his her their its also so".split()
)
# Openers that need the previous sentence: pronouns and connectives ("Which remains …"
# goes on from a headline, "Plus, …" from the sentence before).
_DANGLING = frozenset(
    """he she it they him them his her its their this these those that such then but and
    so also however yet still meanwhile instead moreover furthermore besides nevertheless
    thus therefore hence otherwise which plus""".split()
)
# Openers of more than one word that point back as the words above do ("In fact, …", "As a
# result, …", "If so, …"); "In addition to the fees, …" carries what it adds to.
_DANGLING_OPENER = re.compile(
    r"(?:if so|if not|as a result|for example|for instance|in addition(?!\s+to\b)|in fact"
    r"|even so|that said|on the other hand|in other words|as such|in turn|by contrast"
    r"|in contrast|at the same time|despite (?:this|that)|because of (?:this|that)"
    r"|after that|on top of that|to that end|in that case)\b",
    re.IGNORECASE,
)
# "If you fall into the latter category, …": one of two things named before.
_THE_LATTER = re.compile(r"\bthe latter\b", re.IGNORECASE)
# Words said by a pronoun, who is named before: "Most disturbing, she said, was …", "“We
# will appeal,” he told reporters."
_PRONOUN_SAID = re.compile(
    r"(?:^|[,“”\"—–])\s*(?:he|she|they)\s" + REPORTING_VERB.pattern, re.IGNORECASE
)
# Page furniture that slips into article bodies: video prompts, share bars, photo credits, and
# pointers to the site's other pages ("For more information, see our full review", "Check out
# our moving checklist").
_BOILERPLATE = re.compile(
    r"scroll down|click here|watch the video|share this|follow us|sign up|subscribe"
    r"|(?:^|[,;:(]\s*|\b(?:please|sure to|and|also)\s+)(?:see|read|check out|visit|explore)\s+our\b"
    r"|all rights reserved|copyright|\bphoto(?:graph)?s?:|\bpictured\b|getty images|https?://|@\w",
    re.IGNORECASE,
)
# A short line that sends the reader to a link: "You can read more about the mission here."
_HERE_POINTER = re.compile(
    r"\b(?:find|read|see|watch|view|download|get|check|learn|access|listen)\b[^.!?]{0,80}"
    r"\bhere[.!]?[\"”)]*$",
    re.IGNORECASE,
)
POINTER_WORDS = 16


def _boilerplate(sentence: str, words: int) -> bool:
    return bool(_BOILERPLATE.search(sentence)) or (
        words <= POINTER_WORDS and _HERE_POINTER.search(sentence) is not None
    )


# Photo captions fused into the text: "Smith (left) and his wife", "Gone: The house ...",
# "A screenshot shows a console for sale", "This image from the satellite shows the storm".
_CAPTION = re.compile(
    r"\((?:far )?(?:left|right|centre|center|middle|top|bottom|above|below|pictured|inset)\)"
    r"|^(?:an?|this|the)(?: \w+)? (?:screenshot|screen shot|photo|photograph|picture|image)"
    r"(?: from [^.,]{1,40})? shows\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』]*\s*$")
_LIST_ITEM = re.compile(r"^[-•*·]\s")
# A first word in lower case ('problem is a must have …' after 'Who’s my market?'); not a name
# written with a capital inside ('iPhone', 'eBay')
_LOWER_START = re.compile(r"[a-z][a-z'’-]*\s")
_LABEL = re.compile(r"^[A-Z][a-z]+(?: [a-z]+){0,2}: ")
_SPEECH = re.compile(r"\b(?:said|says|added|told|asked|wrote|explained|continued):")
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})

FEATURES = (
    "first",
    "position_inverse",
    "position_relative",
    "in_lead3",
    "log_words",
    "short",
    "long",
    "title_overlap",
    "title_overlap_relative",
    "lead_overlap",
    "centrality",
    "centrality_relative",
    "has_number",
    "quoted_fraction",
    "starts_with_quote",
    "quote_fragment",
    "attribution",
    "capitalised",
    "pronoun_opener",
    "question",
    "boilerplate",
    "caption",
    "label_prefix",
)


def content_words(text: str) -> list[str]:
    """Lower-cased, lightly stemmed words that carry meaning (no stopwords)."""
    words = (w.lower().split("'")[0] for w in _WORD.findall(text))
    return [_stem(w) for w in words if len(w) > 2 and w not in _STOP]


def _stem(word: str) -> str:
    # Plural/singular is the variation that matters for overlap; a full stemmer is overkill.
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _overlap(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(other) if other else 0.0


def _cosine_to_rest(bag: Counter[str], total: Counter[str], total_sq: int) -> float:
    """Cosine of `bag` and `total - bag` in time linear in `bag` (no copy of `total`)."""
    dot = sum(v * (total[k] - v) for k, v in bag.items())
    rest_sq = total_sq - sum(total[k] ** 2 - (total[k] - v) ** 2 for k, v in bag.items())
    norm = math.sqrt(sum(v * v for v in bag.values())) * math.sqrt(max(rest_sq, 0))
    return dot / norm if norm else 0.0


def _title_words(article: Article) -> set[str]:
    """The headline's words, or the URL slug's when there is no headline."""
    if article.title:
        return set(content_words(article.title))
    slug = (article.url or "").rstrip("/").rsplit("/", 1)[-1]
    slug = re.sub(r"\.\w+$|\d+", " ", slug)  # drop ".html" and ids
    return set(content_words(slug.replace("-", " ").replace("_", " ")))


def _quoted_fraction(sentence: str) -> float:
    inside = re.findall(r"[\"“]([^\"“”]*)[\"”]", sentence)
    return sum(len(q) for q in inside) / max(len(sentence), 1)


def sentence_features(article: Article) -> list[list[float]]:
    """One feature row per sentence of the article, in the order of `FEATURES`."""
    sentences = article.sentences
    n = len(sentences)
    words = [content_words(s) for s in sentences]
    bags = [Counter(w) for w in words]
    total: Counter[str] = Counter(w for ws in words for w in ws)
    title = _title_words(article)
    lead = set(words[0]) | set(words[1] if n > 1 else [])
    total_sq = sum(v * v for v in total.values())
    central = [_cosine_to_rest(bag, total, total_sq) for bag in bags]
    fragments = quote_fragments(article)
    titled = [_overlap(set(w), title) for w in words]
    top_central, top_title = max(central, default=0.0) or 1.0, max(titled, default=0.0) or 1.0
    rows = []
    for i, sentence in enumerate(sentences):
        tokens = sentence.split()
        caps = sum(1 for t in tokens[1:] if t[:1].isupper())
        rows.append(
            [
                float(i == 0),
                1.0 / (i + 1),
                i / max(n - 1, 1),
                float(i < 3),
                math.log1p(len(tokens)),
                float(len(tokens) < MIN_WORDS + 4),
                float(len(tokens) > MAX_WORDS - 15),
                titled[i],
                titled[i] / top_title,
                _overlap(set(words[i]), lead) if i > 1 else 1.0,
                central[i],
                central[i] / top_central,
                float(bool(_NUMBER.search(sentence))),
                _quoted_fraction(sentence),
                float(sentence[:1] in _QUOTE_CHARS or sentence[:1] == "'"),
                float(fragments[i]),
                float(bool(re.search(r"\b(?:said|says|told|according to)\b", sentence))),
                caps / max(len(tokens), 1),
                float(tokens[0].lower().strip("\"'“,") in _OPENERS) if tokens else 0.0,
                float(sentence.rstrip("\"'” ").endswith("?")),
                float(_boilerplate(sentence, len(tokens))),
                float(bool(_CAPTION.search(sentence))),
                float(bool(_LABEL.match(sentence)) and not _SPEECH.search(sentence[:40])),
            ]
        )
    return rows


def _quote_marks(sentence: str) -> int:
    """Opening minus closing marks; a straight mark toggles, so count it as one either way."""
    return sentence.count('"') + sentence.count("“") - sentence.count("”")


def quote_fragments(article: Article) -> list[bool]:
    """True for sentences that start inside a quotation or leave one open.

    The sentence splitter cuts multi-sentence quotes into pieces ('"It was at the door.' /
    'Then it was in the kitchen."'); a piece read alone misattributes or truncates the quote.
    """
    flags: list[bool] = []
    sentences = iter(article.sentences)
    for paragraph in article.paragraphs:
        open_marks, pos = 0, 0
        for sentence in sentences:
            inside = open_marks % 2 == 1
            open_marks += _quote_marks(sentence)
            flags.append(inside or open_marks % 2 == 1)
            pos = paragraph.find(sentence, pos) + len(sentence)
            if pos >= len(paragraph.rstrip()):
                break
    flags += [False] * (len(article.sentences) - len(flags))  # built by hand, not by paragraphs
    return flags


@dataclass(frozen=True)
class Scorer(Linear):
    """A linear model over standardised sentence features (bot/data/sentence-scorer.json)."""

    FEATURES = FEATURES
    WHAT = "sentence scorer"

    # Set by training when the scorer does not beat lead-k with confidence out of sample.
    lead_fallback: bool = False

    def score(self, row: Sequence[float]) -> float:
        """Log-odds that a sentence belongs in the summary."""
        return self.log_odds(row)


@lru_cache(maxsize=1)
def default_scorer() -> Scorer:
    """The scorer shipped with the package, read once per process."""
    return Scorer.load(SCORER_PATH)


def _trigrams(sentence: str) -> set[tuple[str, ...]]:
    w = [t.lower() for t in _WORD.findall(sentence)]
    return {tuple(w[i : i + 3]) for i in range(len(w) - 2)}


def acceptable(sentence: str, row: Sequence[float]) -> bool:
    """False for fragments, page furniture and sentences too short or long to stand alone."""
    n_words = len(_LIST_ITEM.sub("", sentence).split())  # a list's dash is no word
    flagged = ("quote_fragment", "boilerplate", "caption")
    if not MIN_WORDS <= n_words <= MAX_WORDS or any(row[FEATURES.index(f)] for f in flagged):
        return False
    # The body filter judges paragraphs; a furniture line glued into one ("By Jane Doe on May
    # 3, 2012 at 3:56 p.m." before the first sentence) is caught here, sentence by sentence.
    return not _furniture(sentence)


def complete(sentence: str) -> bool:
    """Starts and ends as a sentence does. A short line without a sentence end is a heading, a
    deck or a caption ("Top Tools and Key Strategies", the headline again): picked only when
    too few others. (A long one is usually sentences run together, as in the CNN/DM texts.)"""
    if _LIST_ITEM.match(sentence):  # an item of a list ("- Stream these at home.") needs it
        return False
    if _LOWER_START.match(sentence):  # the rest of a sentence cut at a '?' inside it
        return False
    return _SENTENCE_END.search(sentence) is not None or len(sentence.split()) > HEADING_WORDS


def _may_fill(sentence: str, row: Sequence[float]) -> bool:
    """A sentence that is not clean may still fill a short summary: a long one, a caption; never
    furniture, a table row, a fragment of a few words ("- Adam Bear") or a boilerplate line."""
    return (
        count_words(_LIST_ITEM.sub("", sentence)) >= MIN_WORDS  # Chinese and Japanese too
        and not row[FEATURES.index("boilerplate")]
        and not _furniture(sentence)
    )


@lru_cache(maxsize=16_384)  # evaluation asks again for each fold; the rules are pure regexes
def _furniture(sentence: str) -> bool:
    """Page furniture, a row of a table or a piece of one (article data, but no sentence for a
    summary: "| He should not be closing, but pitching late in close games." is the first
    cell of a poll's row "… | 114 | 56% |") or a sentence a navigation row is glued to."""
    piece = sentence.strip()
    in_a_row = piece.startswith("|") or piece.endswith(" |") or " | " in piece
    return is_furniture(sentence) or in_a_row or holds_navigation(sentence)


def select(
    sentences: Sequence[str],
    rows: Sequence[Sequence[float]],
    scores: Sequence[float],
    k: int,
    furniture: Sequence[bool] = (),
    calls: Collection[int] = (),
) -> list[int]:
    """Indexes of up to k best sentences, skipping fragments, furniture and restatements.
    `furniture` marks sentences the page's markup gives away as furniture (see
    `bot.markup.doubtful_sentences`): they are never picked, not even to fill a short summary.
    `calls` are the indexes of calls to action and verbless lines: picked only to fill."""
    lengths = [len(s.split()) for s in sentences]
    adjusted = [score - LENGTH_PENALTY * n for score, n in zip(scores, lengths, strict=True)]
    order = sorted(range(len(scores)), key=lambda i: (-adjusted[i], i))
    order = [i for i in order if not (furniture and furniture[i])]
    # Prefer clean, complete sentences; fall back to the rest only when an article has too few,
    # and never to page furniture or a table row (a short summary beats a share bar).
    clean = [i for i in order if acceptable(sentences[i], rows[i])]
    ranked = [i for i in clean if complete(sentences[i]) and i not in calls]
    ranked += [i for i in clean if i not in ranked]
    ranked += [i for i in order if i not in clean and _may_fill(sentences[i], rows[i])]
    # Nothing else: a page of fragments ("How To", "Twitter", "- Adam Bear") gets no summary,
    # as from `lead`; `ExtractiveSummariser` says why.
    chosen: list[int] = []
    seen: list[set[tuple[str, ...]]] = []
    # A sentence that leans on the one before ("He said ...", "Then there is ...") waits until
    # that one is chosen. A one-line pick is a ranking probe (XSum), not a digest, which
    # always has 2-4 sentences.
    hygiene = k >= MIN_SENTENCES
    left = list(ranked)
    while left:
        i = next(
            (j for j in left if not (hygiene and dangling(sentences[j]) and j - 1 not in chosen)),
            None,
        )
        if i is None:
            break
        left.remove(i)
        grams = _trigrams(sentences[i])
        if any(len(grams & other) > MAX_SHARED_TRIGRAMS for other in seen):
            continue
        chosen.append(i)
        seen.append(grams)
        words = sum(lengths[j] for j in chosen)
        if len(chosen) == k or (len(chosen) >= MIN_SENTENCES and words >= WORD_BUDGET):
            break
    return sorted(chosen)


def repeats_headline(sentence: str, title: str | None) -> bool:
    """The sentence is the headline again, in any casing or punctuation ("Astros acquire Tyler
    Greene from Cardinals." under "Astros Acquire Tyler Greene from Cardinals"), or the
    headline's part of a title that still holds the site's name ("#3 (and a few other
    stuffs)" under "#3 (and a few other stuffs) - Hacker Monthly Blog"; `is_headline`)."""
    words = [w.lower() for w in _WORD.findall(sentence)]
    if not title or not words:
        return False
    own = sentence.strip().removesuffix(".")
    return words == [w.lower() for w in _WORD.findall(title)] or is_headline(own, title)


@lru_cache(maxsize=512)
def _parsed_alone(sentence: str) -> Doc:
    """A picked sentence parsed on its own, once for all the checks on it (only the few
    sentences a summary picks are parsed). The checks read tags and the parse, never names:
    without the entity recogniser a sentence parses in half the time."""
    return pipeline("en")(sentence, disable=["ner"])


def call_to_action(sentence: str) -> bool:
    """An English sentence that tells the reader to do something: it opens with a bare verb
    with no subject ("Explore the best tools for 2025.", "Click through to see more photos.").
    A promo, a teaser or a standfirst more often than article text: on the even-numbered
    WCXB-dev pages, 5 of the 46 such summary sentences were not article text, against 6 of the
    other 1,132."""
    words = [t for t in _parsed_alone(sentence) if not (t.is_punct or t.is_space)]
    if not words:
        return False
    first = words[0]
    return (
        first.tag_ == "VB"
        and first.dep_ == "ROOT"
        and not any(child.dep_ in _SUBJECTS for child in first.children)
    )


# A finite verb or a bare one: a line with none is no sentence of the article's own.
_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "VB"})


def verbless(sentence: str) -> bool:
    """An English line with no verb to make it a sentence: a photo caption ("Rebekah Brooks,
    former chief executive of News International, in London, June 13, 2012."), a label or a
    fragment ("Increasing attendance and awareness of …", "Healthy plant oils – in
    moderation."). Picked only to fill, as a call to action is; the small tagger reads a few
    verbs as plural nouns ("the novel treats …"), which then only make way for the next best
    sentence."""
    return not any(t.tag_ in _VERB_TAGS for t in _parsed_alone(sentence))


def dangling(sentence: str) -> bool:
    """Opens with a pronoun or connective that points back at an earlier sentence, also when
    contracted ("That's where ...", "They're ..."), or with such a phrase ("In fact, ..."); also
    inside an opening quote mark or bracket ("(She's the daughter of …)")."""
    first = sentence.split(maxsplit=1)[0].lower().strip("\"'“‘,([") if sentence.strip() else ""
    root, *contracted = re.split(r"['’]", first, maxsplit=1)
    return (
        first in _DANGLING
        or (bool(contracted) and root != "it" and root in _DANGLING)
        or _DANGLING_OPENER.match(sentence.lstrip("\"'“‘([ ")) is not None
        or _PRONOUN_SAID.search(sentence) is not None
        or _THE_LATTER.search(sentence) is not None
    )


def lead(
    sentences: Sequence[str],
    rows: Sequence[Sequence[float]],
    k: int,
    furniture: Sequence[bool] = (),
    calls: Collection[int] = (),
) -> list[int]:
    """The first k clean, complete sentences (lead-k), each with its antecedent; never one
    that `furniture` marks, and a call to action only to fill (as in `select`)."""
    clean = [
        acceptable(s, row) and not (furniture and furniture[i])
        for i, (s, row) in enumerate(zip(sentences, rows, strict=True))
    ]
    best = [ok and complete(sentences[i]) and i not in calls for i, ok in enumerate(clean)]
    if sum(best) >= k:
        clean = best
    chosen: list[int] = []
    for i, sentence in enumerate(sentences):
        if clean[i] and not (dangling(sentence) and i - 1 not in chosen):
            chosen.append(i)
        if len(chosen) == k:
            break
    return chosen


class ExtractiveSummariser:
    """Picks the article's most summary-like sentences with a small learned scorer."""

    def __init__(self, scorer: Scorer | None = None) -> None:
        self.scorer = scorer or default_scorer()

    def summarise(self, article: Article, max_sentences: int = 3) -> Summary:
        """The best `max_sentences` sentences, copied verbatim, in article order."""
        if not article.sentences or max_sentences < 1:
            return Summary(sentences=(), method="extractive", model=None)
        rows = sentence_features(article)
        scores = [self.scorer.score(row) for row in rows]
        furniture = doubtful_sentences(article)
        repeats = [repeats_headline(sentence, article.title) for sentence in article.sentences]
        if any(repeats):  # the digest shows the headline already
            furniture = [r or (bool(furniture) and furniture[i]) for i, r in enumerate(repeats)]
        english = article_language(article) == "en"
        calls: set[int] = set()
        while True:  # a call to action or a verbless line picked makes way for the next best
            if self.scorer.lead_fallback:
                picked = lead(article.sentences, rows, max_sentences, furniture, calls)
            else:
                picked = select(article.sentences, rows, scores, max_sentences, furniture, calls)
            new = {i for i in picked if english and i not in calls}
            new = {
                i
                for i in new
                if call_to_action(article.sentences[i]) or verbless(article.sentences[i])
            }
            if not new:
                break
            calls |= new
        # A page of headings, links and list items has no sentence a summary can stand on.
        warnings = () if picked else (NO_SENTENCES,)
        return Summary(
            sentences=tuple(article.sentences[i] for i in picked),
            method="extractive",
            model=None,
            warnings=warnings,
        )
