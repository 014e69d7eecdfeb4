"""Score direct-quote extraction and speakers on PolNeAR (brat attribution annotations).

Gold quotes, as issue 4 defines them, are the Content spans holding a quotation mark. Some of
those are mixed quotes (PARC's term): reported speech with a few quoted words inside, such as
'he has “extraordinarily good health” for his age'; about a fifth of the gold is of this kind.
A direct quote's text is what stands inside the marks, which matches no such span at >= 0.5
of its words; a mixed quote's text is the reporting verb's whole clause (bot/mixed_quotes.py),
which can. The rows marked "direct only" also score the direct quotes alone (at least half
the span's words inside the marks), where a prediction inside a mixed quote counts neither for
nor against. Run: `python -m bot.eval.quotes ../shared/data`.
"""

from __future__ import annotations

import re
import statistics
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from bot.article import Article
from bot.eval import memo
from bot.eval.table import Score
from bot.parse import parse_all
from bot.quote_context import JOINER
from bot.quotes import Quote, is_verbatim

DATASET = Path("quotes") / "polnear-dev"
ANCHORS_F1 = {"spaCy rule-based (own set)": 0.84}
ANCHORS_SPEAKER = {"spaCy rule-based (own set)": 0.87}
ALL_QUOTES = 10_000  # recall is measured over every quote, not the digest's six
DIGEST_LIMIT = 6

# "''" is how the NYT files in this set write a double quotation mark.
QUOTE_MARK = re.compile(r"[\"“”]|''")
WORD = re.compile(r"\w+")
# A naive extractor: anything between a pair of double quotation marks.
NAIVE = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|''(.+?)''", re.S)
INSIDE_MARKS = re.compile(r"(?:“|\"|'')(.+?)(?:”|\"|''|$)", re.S)
PARAGRAPH_BREAK = re.compile(r"(?<=[.!?:”\"’'])[ \t]*\n(?=[ \t]*[“\"A-Z])")
# Relative pronouns ('Obama, who called …': source "who") name no one either.
PRONOUNS = frozenset(
    "i you he she it we they me him her us them his its our their one who that which".split()
)
# Words that don't identify a speaker: articles, honorifics, party tags ("R-Wis."), titles.
STOPWORDS = frozenset("a an the of and in at for to on by with from says said r d".split())
NON_NAMES = frozenset(
    """former new mr mrs ms miss dr sir gov sen rep rev gen col lt sgt jr sr president vice senator
    governor secretary minister chairman chief director spokesman spokeswoman""".split()
)


@dataclass(frozen=True)
class Gold:
    """One gold direct quote: the raw text's word indices it covers and its sources."""

    words: frozenset[int]
    sources: tuple[str, ...]
    direct: bool  # at least half its words inside the marks (PARC's "direct", not "mixed")


@dataclass(frozen=True)
class Doc:
    """One dev article: its raw text, word offsets and gold quotes (annotators combined)."""

    name: str
    text: str
    word_spans: tuple[tuple[int, int], ...]
    gold: tuple[Gold, ...]

    @cached_property
    def starts(self) -> list[int]:
        return [s for s, _ in self.word_spans]

    @cached_property
    def ends(self) -> list[int]:
        return [e for _, e in self.word_spans]


@dataclass
class Tally:
    """Counts for precision, recall and speaker accuracy."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_checked: int = 0
    speaker_right: int = 0
    not_verbatim: int = 0
    unattributed: int = 0  # predicted quotes posted without a speaker
    attributed_checked: int = 0  # matched, with a named gold source, and a speaker of ours
    attributed_right: int = 0


def _words_in(spans: tuple[tuple[int, int], ...], start: int, end: int) -> set[int]:
    return {i for i, (s, e) in enumerate(spans) if s >= start and e <= end}


def _words_between(doc: Doc, start: int, end: int) -> set[int]:
    """`_words_in(doc.word_spans, start, end)` by bisection (the spans are in text order)."""
    return set(range(bisect_left(doc.starts, start), bisect_right(doc.ends, end)))


def _parse_ann(path: Path, text: str) -> list[tuple[list[tuple[int, int]], str]]:
    """(content fragments, source text) of each attribution in one .ann file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    attributions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            offsets = fields[1].split(" ", 1)[1]
            spans[fields[0]] = [
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            ]
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg)
            attributions.append(roles)
    found = []
    for roles in attributions:
        content = spans.get(roles.get("Content", ""))
        if not content:
            continue
        source = " ".join(text[s:e] for s, e in spans.get(roles.get("Source", ""), []))
        found.append((content, source))
    return found


def _gold_quotes(doc_text: str, spans, ann_files: list[Path]) -> tuple[Gold, ...]:
    """Gold direct quotes of one article, all annotators combined.

    A direct quote is the quotation-marked part of a Content: its fragments that hold a
    quotation mark, together. A discontinuous Content ('“A,” he said, “B.”') is one quote, as
    the digest joins such a split quote into one; where a sentence ends between two fragments
    ('“A,” he said. “B.”') they are two quotes, as in the digest.

    Annotators mostly differ by missing attributions, not by inventing them, so their
    quotes are pooled: the union, where a quote overlapping one already kept (>= 0.5 of each)
    only adds its source to that one.
    """
    kept: list[tuple[set[int], list[str], bool]] = []
    for ann in ann_files:
        for fragments, source in _parse_ann(ann, doc_text):
            quoted = [(a, b) for a, b in fragments if QUOTE_MARK.search(doc_text[a:b])]
            for group in _split_quotes(doc_text, quoted):
                words = set().union(*(_words_in(spans, a, b) for a, b in group))
                direct = all(_is_direct(doc_text, spans, a, b) for a, b in group)
                same = next((k for k in kept if _matches(words, k[0])), None)
                if same is None:
                    kept.append((words, [source], direct))
                elif source not in same[1]:
                    same[1].append(source)
    return tuple(Gold(frozenset(w), tuple(s), d) for w, s, d in kept if w)


def _split_quotes(text: str, fragments: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Fragments grouped into quotes: one continues the one before when only a mid-sentence
    attribution stands between them ('“A,” he said, “B.”')."""
    groups: list[list[tuple[int, int]]] = []
    for a, b in sorted(fragments):
        if groups:
            gap = text[groups[-1][-1][1] : a].strip(" \n“”\"'")
            if gap.endswith(",") and len(gap.split()) <= 12:
                groups[-1].append((a, b))
                continue
        groups.append([(a, b)])
    return groups


def _is_direct(text: str, spans, start: int, end: int) -> bool:
    """Whether most of a Content fragment is inside quotation marks (its marks may lie
    just outside the annotated span)."""
    window = text[max(0, start - 2) : end + 2]
    offset = max(0, start - 2)
    inside: set[int] = set()
    for m in INSIDE_MARKS.finditer(window):
        inside |= _words_in(spans, offset + m.start(1), offset + m.end(1))
    return len(inside & _words_in(spans, start, end)) >= 0.5 * len(_words_in(spans, start, end))


def load(data_dir: Path, dataset: Path = DATASET) -> list[Doc]:
    """Every article of a split with its gold quotes; [] when the data is absent."""
    root = data_dir / dataset
    if not (root / "text").is_dir():
        return []
    docs = []
    for txt in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        spans = tuple((m.start(), m.end()) for m in WORD.finditer(text))
        docs.append(Doc(txt.stem, text, spans, _gold_quotes(text, spans, anns)))
    return docs


def _matches(pred: set[int] | frozenset[int], gold: set[int] | frozenset[int]) -> bool:
    shared = len(pred & gold)
    return shared > 0 and shared >= 0.5 * len(pred) and shared >= 0.5 * len(gold)


def _located_words(doc: Doc, quote_text: str) -> set[int]:
    """The raw text's words that a predicted quote covers, each of its joined pieces found."""
    words: set[int] = set()
    for piece in quote_text.split(JOINER):
        where = _locate(doc.text, piece)
        words |= _words_between(doc, *where) if where else set()
    return words


# Article.from_paragraphs collapses spaces; a run-on quote skips the next opening mark.
_OPENING_MARKS = ("“", '"', "„", "''", "``")


@lru_cache(maxsize=65_536)
def _locate(text: str, quote_text: str) -> tuple[int, int] | None:
    """Where a predicted quote sits in the raw text (whitespace may differ), or None. Kept:
    every tally of a run (capped, uncapped, direct only) locates the same quotes again. Found
    word by word with str.find: a regular expression per quote cost a third of the quote
    floors' time to compile."""
    first, *rest = quote_text.split() or [""]
    if not first:
        return None
    start = text.find(first)
    while start != -1:
        end = _follow(text, start + len(first), rest)
        if end is not None:
            return start, end
        start = text.find(first, start + 1)
    return None


def _follow(text: str, at: int, pieces: list[str]) -> int | None:
    """The end of `pieces` read on from `at`, each after whitespace and maybe an opening mark."""
    for piece in pieces:
        gap = at
        while gap < len(text) and text[gap].isspace():
            gap += 1
        if gap == at:
            return None
        mark = next((m for m in _OPENING_MARKS if text.startswith(m, gap)), "")
        if mark and text.startswith(piece, gap + len(mark)):
            at = gap + len(mark) + len(piece)
        elif text.startswith(piece, gap):
            at = gap + len(piece)
        else:
            return None
    return at


def name_tokens(phrase: str | None) -> set[str]:
    """The words of a speaker phrase that can identify who it is ("the president" has only
    its title to go by)."""
    words = {w.lower() for w in WORD.findall(phrase or "")} - PRONOUNS - STOPWORDS
    return (words - NON_NAMES) or words


def _is_pronoun(source: str) -> bool:
    return source.strip().lower() in PRONOUNS


def _pairs(preds: list[set[int]], golds: list[Gold]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of predicted and gold quotes, largest overlap first."""
    ranked = sorted(
        ((len(p & g.words), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in ranked:
        if i not in used_p and j not in used_g and _matches(preds[i], golds[j].words):
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _score_doc(
    doc: Doc, article: Article, quotes: list[Quote], tally: Tally, direct_only: bool
) -> None:
    tally.not_verbatim += sum(not is_verbatim(q.text, article) for q in quotes)
    preds = [_located_words(doc, q.text) for q in quotes]
    golds = [g for g in doc.gold if g.direct or not direct_only]
    pairs = _pairs(preds, golds)
    matched = {i for i, _ in pairs}
    # Direct-only: a fragment of a mixed quote ('he called it “a disgrace”') is neither
    # right nor wrong there, as mixed quotes are left out of that gold.
    ignored = {
        i
        for i, p in enumerate(preds)
        if direct_only and i not in matched
        for g in doc.gold
        if not g.direct and len(p & g.words) >= 0.5 * len(p) > 0
    }
    tally.predicted += len(preds) - len(ignored)
    tally.unattributed += sum(q.speaker is None for i, q in enumerate(quotes) if i not in ignored)
    tally.gold += len(golds)
    tally.matched += len(pairs)
    for i, j in pairs:
        named = [s for s in golds[j].sources if s.strip() and not _is_pronoun(s)]
        if named:
            tally.speaker_checked += 1
            said = name_tokens(quotes[i].speaker)
            right = any(said & name_tokens(s) for s in named)
            tally.speaker_right += right
            if quotes[i].speaker is not None:
                tally.attributed_checked += 1
                tally.attributed_right += right


def article_of(doc: Doc) -> Article:
    """The dev text as the bot would see it: paragraphs are split by blank lines, and by single
    line breaks after a sentence's end (some files have both), other line breaks are wraps."""
    blocks = re.split(r"\n\s*\n", doc.text)
    lines = (line for block in blocks for line in PARAGRAPH_BREAK.split(block))
    return memo.build(tuple(line.replace("\n", " ") for line in lines))


def our_quotes(article: Article, limit: int) -> list[Quote]:
    """The bot's quotes, ranked, cut to `limit` (computed once per article per run)."""
    return list(memo.quotes_of(article)[:limit])


def naive_quotes(article: Article, limit: int = ALL_QUOTES) -> list[Quote]:
    """The naive anchor: every span between double quotation marks, no speaker."""
    found = (next(g for g in m.groups() if g is not None) for m in NAIVE.finditer(article.text))
    return [Quote(text.strip(), None, "") for text in found if text.strip()][:limit]


def _tally(
    docs: list[tuple[Doc, Article]],
    extract: Callable[[Article, int], list[Quote]],
    limit: int,
    direct_only: bool = False,
) -> Tally:
    tally = Tally()
    for doc, article in docs:
        _score_doc(doc, article, extract(article, limit), tally, direct_only)
    return tally


def _prf(t: Tally) -> tuple[float, float, float]:
    p = t.matched / t.predicted if t.predicted else 0.0
    r = t.matched / t.gold if t.gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _speaker(t: Tally) -> float:
    return t.speaker_right / t.speaker_checked if t.speaker_checked else 0.0


def _attributed_speaker(t: Tally) -> float:
    return t.attributed_right / t.attributed_checked if t.attributed_checked else 0.0


def _unattributed(t: Tally) -> float:
    return t.unattributed / t.predicted if t.predicted else 0.0


def parsed(docs: list[Doc]) -> list[tuple[Doc, Article]]:
    """Each document with its article, all parsed in one batched pass (`nlp.pipe`)."""
    pairs = [(doc, article_of(doc)) for doc in docs]
    parse_all(article for _, article in pairs)
    return pairs


def headline(t: Tally) -> dict[str, float]:
    """The figures the issue's targets are set on, no cap on the number of quotes."""
    p, r, f = _prf(t)
    return {
        "precision": p,
        "recall": r,
        "F1": f,
        "speaker accuracy": _speaker(t),
        "speaker acc. (attributed)": _attributed_speaker(t),
        "unattributed rate": _unattributed(t),
    }


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Precision, recall, F1 and speaker accuracy; also direct quotes only and the top six."""
    docs = parsed(load(data_dir)[:limit])
    if not docs:
        return []
    ours, naive = _tally(docs, our_quotes, ALL_QUOTES), _tally(docs, naive_quotes, ALL_QUOTES)
    direct = _tally(docs, our_quotes, ALL_QUOTES, direct_only=True)
    naive_direct = _tally(docs, naive_quotes, ALL_QUOTES, direct_only=True)
    top = _tally(docs, our_quotes, DIGEST_LIMIT)
    (p, r, f), (np_, nr, nf) = _prf(ours), _prf(naive)
    n = len(docs)
    return [
        Score("quotes", "precision", p, {"naive regex": np_}, n),
        Score("quotes", "recall", r, {"naive regex": nr}, n),
        Score("quotes", "F1", f, {"naive regex": nf, **ANCHORS_F1}, n),
        Score("quotes", "speaker accuracy", _speaker(ours), ANCHORS_SPEAKER, n),
        Score("quotes", "speaker acc. (attributed)", _attributed_speaker(ours), {}, n),
        Score("quotes", "unattributed rate", _unattributed(ours), {}, n),
        Score(
            "quotes",
            "F1 (direct only)",
            _prf(direct)[2],
            {"naive regex": _prf(naive_direct)[2]},
            n,
        ),
        Score("quotes", "speaker acc. (direct only)", _speaker(direct), {}, n),
        Score("quotes", "precision (top 6)", _prf(top)[0], {}, n),
        Score("quotes", "recall (top 6)", _prf(top)[1], {}, n),
        Score("faithfulness", "non-verbatim quotes", float(ours.not_verbatim), {}, n),
    ]


def cross_validate(data_dir: Path, split: str, folds: int) -> dict[str, tuple[float, float]]:
    """Each headline figure's mean and standard deviation over `folds` folds of articles
    (every k-th article of the sorted list in one fold). The rules learn nothing from a fold,
    so this measures how much the figures vary from one set of articles to another."""
    docs = parsed(load(data_dir, Path("quotes") / split))
    per_fold = [headline(_tally(docs[k::folds], our_quotes, ALL_QUOTES)) for k in range(folds)]
    return {
        metric: (statistics.mean(v), statistics.stdev(v) if len(v) > 1 else 0.0)
        for metric in per_fold[0]
        for v in [[fold[metric] for fold in per_fold]]
    }


def main(argv: list[str]) -> None:
    """`python -m bot.eval.quotes DATA [SPLIT [FOLDS]]`: the dev table, or a split's
    figures as mean ± sd over folds (`... ../shared/data polnear-train 5`)."""
    data_dir = Path(argv[0] if argv else "../shared/data")
    if len(argv) > 1:
        folds = int(argv[2]) if len(argv) > 2 else 5
        for metric, (mean, sd) in cross_validate(data_dir, argv[1], folds).items():
            print(f"{argv[1]:14} {metric:28} {mean:6.3f} ± {sd:.3f}  ({folds} folds)")
        return
    for row in evaluate(data_dir):
        anchors = ", ".join(f"{k} {v:.3f}" for k, v in row.anchors.items())
        print(f"{row.task:12} {row.metric:28} {row.value:6.3f}  {anchors}")


if __name__ == "__main__":
    main(sys.argv[1:])
