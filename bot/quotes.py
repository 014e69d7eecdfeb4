"""Direct quotes and who said them."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from bot.article import Article
from bot.attribution import speaker_after, speaker_before, speaker_in
from bot.names import PERSON_PRONOUNS, NameIndex, name_mentions

# Opening, closing and two-way double quotation marks; "''" is how some wire copy writes one.
MARK = re.compile(r"“|”|„|``|''|\"")
OPENING = frozenset({"“", "„", "``"})
CLOSING = frozenset({"”"})
# Where a sentence ends outside a quote; the look-behinds keep "Mr." and "U.S." inside.
ABBREVIATIONS = (
    "Mr Mrs Ms Dr St Gov Sen Sens Rep Reps Rev Gen Col Lt Sgt Capt Prof Jr Sr No Co Inc Corp Ltd"
)
SENTENCE_END = re.compile(
    "".join(rf"(?<!\b{a})" for a in ABBREVIATIONS.split())
    + r"(?<!\b[A-Z])[.!?][’'\")\]]*\s+(?=[“\"'‘(A-Z0-9])"
)
SCARE_WORDS = 3  # "revenge scenarios": quoted words, not a statement, unless someone says them
# 'officials called the plan “a waste of money nobody asked for”': a lower-case phrase taken
# into the writer's own sentence is reported speech with a few quoted words (a "mixed" quote),
# not a direct quote, unless an attribution beside it hands the floor to a speaker.
PHRASE_WORDS = 7
WORD = re.compile(r"\w+")
TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by as is".split())


@dataclass(frozen=True)
class Quote:
    """A direct quote (without its marks, verbatim), its speaker and its sentence."""

    text: str
    speaker: str | None
    sentence: str


@dataclass(frozen=True)
class Span:
    """A quotation in paragraph coordinates: its pieces and where its marks are."""

    pieces: tuple[tuple[int, int, int], ...]  # (paragraph, start, end) of the words inside
    paragraph: int
    opened: int  # offset of the opening mark
    closed: int | None  # offset just after the closing mark in the last piece's paragraph

    @property
    def last_paragraph(self) -> int:
        return self.pieces[-1][0]

    def extended(self, piece: tuple[int, int, int], closed: int | None) -> Span:
        """This quote running on into one more paragraph."""
        return Span((*self.pieces, piece), self.paragraph, self.opened, closed)


def _opens(para: str, i: int, mark: str, inside: bool) -> bool:
    if mark in OPENING:
        return True
    if mark in CLOSING:
        return False
    # A two-way mark opens when it follows a space or starts the paragraph and we are outside.
    return not inside and (i == 0 or not para[i - 1].isalnum())


def _paragraph_marks(para: str) -> tuple[list[tuple[int, int, int, int]], tuple[int, int] | None]:
    """Closed quotes (opening mark, inner start, inner end, after closing mark) and an
    unclosed opening (mark, inner start)."""
    closed: list[tuple[int, int, int, int]] = []
    opened: tuple[int, int] | None = None
    for m in MARK.finditer(para):
        if _opens(para, m.start(), m.group(), opened is not None):
            opened = (m.start(), m.end())  # an opening inside an open quote restarts it
        elif opened is not None:
            closed.append((opened[0], opened[1], m.start(), m.end()))
            opened = None
    return closed, opened


def _starts_with_opening(para: str) -> bool:
    m = MARK.match(para)
    return m is not None and _opens(para, 0, m.group(), False)


def find_spans(paragraphs: tuple[str, ...]) -> list[Span]:
    """Every quotation, joining a quote that runs on into paragraphs opening with a mark."""
    spans: list[Span] = []
    carried: Span | None = None
    for p, para in enumerate(paragraphs):
        closed, unclosed = _paragraph_marks(para)
        if carried is not None:
            if closed and closed[0][0] == 0:
                _, start, end, after = closed.pop(0)
                spans.append(carried.extended((p, start, end), after))
                carried = None
            elif unclosed is not None and unclosed[0] == 0:
                carried = carried.extended((p, unclosed[1], len(para)), None)
                continue
            else:  # the run-on quote ended without a closing mark
                spans.append(carried)
                carried = None
        spans.extend(Span(((p, s, e),), p, o, a) for o, s, e, a in closed)
        if unclosed is not None:
            pending = Span(((p, unclosed[1], len(para)),), p, unclosed[0], None)
            if p + 1 < len(paragraphs) and _starts_with_opening(paragraphs[p + 1]):
                carried = pending
            else:
                spans.append(pending)
    if carried is not None:
        spans.append(carried)
    return spans


@dataclass(frozen=True)
class Found:
    """A quotation with its speaker and how it is attributed."""

    span: Span
    text: str
    speaker: str | None
    introduced: bool  # starts its clause, or follows "X said:" / "X said,"
    attributed: bool  # an attribution right beside it names who said it


def _clause_start(para: str, floor: int, upto: int) -> int:
    """Where the sentence holding `upto` starts, not before `floor`."""
    start = floor
    for m in SENTENCE_END.finditer(para, floor, upto + 1):  # +1: the look-ahead sees the mark
        start = m.end()
    return start


def _clause_before(paragraphs: tuple[str, ...], span: Span, floor: int) -> str:
    """The words of the quote's sentence before its opening mark."""
    para = paragraphs[span.paragraph]
    before = para[_clause_start(para, floor, span.opened) : span.opened]
    if not before.strip() and span.paragraph > 0 and span.opened == 0:
        previous = paragraphs[span.paragraph - 1].rstrip()
        if previous.endswith(":"):  # "Raab said:" closing the paragraph before the quote
            return previous[_clause_start(previous, 0, len(previous)) :]
    return before


def _clause_after(para: str, span: Span, ceiling: int) -> str:
    """The words after the closing mark up to the end of the sentence or the next quote."""
    if span.closed is None:
        return ""
    after = para[span.closed : ceiling]
    end = SENTENCE_END.search(after)
    return after[: end.start() + 1] if end else after


def _raw_speaker(inner: str, before: str, after: str) -> tuple[str | None, bool, bool]:
    """(speaker phrase, introduced, attributed) from the words around one quote."""
    by_before, introduces = speaker_before(before) if before.strip() else (None, False)
    introduced = not before.strip() or introduces
    # "..., he said": the quote's own punctuation hands over to the attribution.
    hands_over = (
        inner.rstrip(" ’'\")]")[-1:] in ",!?.…—-"
        or after.lstrip()[:1] in ",—–"
        or not before.strip()  # "“...” of the plan, Mr. Smith said."
    )
    by_after = speaker_after(after) if after.strip() and hands_over else None
    if by_after and (not before.strip() or not by_before):
        return by_after, introduced, True
    if by_before:
        return by_before, introduced, introduces
    return by_after, introduced, by_after is not None


def _resolve(phrase: str | None, names: NameIndex, span: Span) -> str | None:
    """A pronoun or surname turned into the full name mentioned earlier."""
    if phrase is None or not any(c.isalpha() for c in phrase) or MARK.search(phrase):
        return None
    low = phrase.lower()
    if low in PERSON_PRONOUNS:
        return names.last_person_before(span.paragraph, span.opened)
    if low in {"they", "it", "we", "i", "you", "them", "us", "this"}:
        return None
    return names.resolve(phrase) if phrase[0].isupper() else phrase


def _quote_text(paragraphs: tuple[str, ...], span: Span) -> str:
    pieces = (paragraphs[p][s:e].strip() for p, s, e in span.pieces)
    return " ".join(piece for piece in pieces if piece).rstrip(" ,;:")


def _same_sentence(paragraphs: tuple[str, ...], span: Span, floor: int) -> bool:
    """Whether no sentence ends between the quote before (ending at `floor`) and this one."""
    return _clause_start(paragraphs[span.paragraph], floor, span.opened) == floor


def _earlier_speaker(
    paragraphs: tuple[str, ...], span: Span, floor: int, found: list[Found], names: NameIndex
) -> str | None:
    """Speaker of a stand-alone quote with no attribution of its own, from what precedes it:
    the quote before it in the paragraph, or a sentence like "Mr. Obama said the stakes were
    high." just before it, or the quote or sentence ending the paragraph before."""
    para = paragraphs[span.paragraph]
    prev = found[-1] if found else None
    if prev and prev.introduced and prev.span.last_paragraph == span.paragraph:
        return prev.speaker
    earlier = para[floor : _clause_start(para, floor, span.opened)]
    if earlier.strip():
        return _resolve(speaker_in(earlier), names, span)
    if span.opened or not span.paragraph:
        return None
    above = paragraphs[span.paragraph - 1]
    if prev and prev.introduced and prev.span.last_paragraph == span.paragraph - 1:
        rest = above[prev.span.closed or len(above) :]
        if len(rest.split()) <= 15:  # only the attribution follows that quote
            return prev.speaker
    if prev and prev.span.last_paragraph == span.paragraph - 1:
        return None
    return _resolve(speaker_in(above[_clause_start(above, 0, len(above)) :]), names, span)


def _attribute(paragraphs: tuple[str, ...], spans: list[Span], names: NameIndex) -> list[Found]:
    """Speakers for all quotes, from the words around each or, failing them, before it."""
    found: list[Found] = []
    for i, span in enumerate(spans):
        prev = spans[i - 1] if i else None
        floor = (prev.closed or 0) if prev and prev.last_paragraph == span.paragraph else 0
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        last = paragraphs[span.last_paragraph]
        ceiling = nxt.opened if nxt and nxt.paragraph == span.last_paragraph else len(last)
        before = _clause_before(paragraphs, span, floor)
        inner = last[: span.pieces[-1][2]]
        after = _clause_after(last, span, ceiling)
        raw, introduced, attributed = _raw_speaker(inner, before, after)
        speaker = _resolve(raw, names, span)
        if raw is None and not before.strip():
            speaker = _earlier_speaker(paragraphs, span, floor, found, names)
        elif raw is None and found and floor and _same_sentence(paragraphs, span, floor):
            speaker = found[-1].speaker  # 'called it “reckless” and “a disgrace”'
            attributed = found[-1].attributed
        found.append(Found(span, _quote_text(paragraphs, span), speaker, introduced, attributed))
    return found


def _sentence_of(article: Article, paragraph: int, offset: int) -> str:
    """The article sentence holding a paragraph offset, verbatim; when the sentence splitter
    cut a quotation mark off on its own, the sentences after it are taken in too."""
    para = article.paragraphs[paragraph]
    cursor = 0
    start = None
    for sentence in article.sentences:
        at = para.find(sentence, cursor)
        if at < 0:
            continue
        cursor = at + len(sentence)
        if start is None and at <= offset < cursor:
            start = at
        if start is not None and len(WORD.findall(para[start:cursor])) >= 3:
            return para[start:cursor]
    return para[start:] if start is not None else para


def _ranked(found: list[Found], names: NameIndex) -> Iterator[Found]:
    """Most substantive first: quotes of named people before those of described people
    ("a spokesperson") and of organisations, longer and stand-alone quotes first, the article's
    most mentioned people first; each further quote of one speaker drops a tier, so that the
    digest hears several voices."""
    mentions = Counter(names.resolve(m.text) for m in names.mentions)
    most = max(mentions.values(), default=1)

    def worth(f: Found) -> float:
        words = len(WORD.findall(f.text))
        if f.speaker is None:
            return min(words, 12) / 12 + 0.5 * f.introduced
        # Named people first, then described ones ("a spokesperson"), then organisations.
        tier = 2 if f.speaker[0].islower() else 3 if names.is_person(f.speaker) else 1
        return tier + min(words, 12) / 12 + 0.5 * f.introduced + mentions[f.speaker] / most

    # Greedy: the best quote after each pick's speaker penalty. Penalties only grow, so a
    # heap re-checked lazily gives the same order as a full scan, in O(n log n) not O(n²).
    order = sorted(found, key=worth, reverse=True)  # stable: ties keep reading order
    heap = [(-worth(f), i, 0) for i, f in enumerate(order)]
    heapq.heapify(heap)
    heard: Counter[str | None] = Counter()
    while heap:
        score, i, penalty = heapq.heappop(heap)
        speaker = order[i].speaker
        if penalty != heard[speaker]:  # scored before this speaker was heard again
            heapq.heappush(heap, (score + heard[speaker] - penalty, i, heard[speaker]))
            continue
        heard[speaker] += 1
        yield order[i]


def _is_title(text: str) -> bool:
    """'The Steve Harvey Morning Show': a name of a work or a show, not words someone said."""
    words = re.findall(r"[\w’']+", text)
    return bool(words) and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)


def _keep(found: Found) -> bool:
    """Drop empty quotes, titles in quotation marks and scare quotes: a few words nobody is
    said to have said."""
    words = len(WORD.findall(found.text))
    if words == 0 or (not found.introduced and _is_title(found.text)):
        return False
    if not found.introduced and not found.attributed and found.text[:1].islower():
        return words > PHRASE_WORDS
    return words > SCARE_WORDS or (found.attributed and found.speaker is not None)


def find_quotes(article: Article, limit: int = 6) -> list[Quote]:
    """The article's most substantive direct quotes, best first."""
    paragraphs = article.paragraphs
    spans = find_spans(paragraphs)
    quoted: list[list[tuple[int, int]]] = [[] for _ in paragraphs]
    for span in spans:
        for p, s, e in span.pieces:
            quoted[p].append((s, e))
    names = NameIndex(name_mentions(paragraphs, quoted))
    found = [f for f in _attribute(paragraphs, spans, names) if _keep(f)]
    seen: set[str] = set()
    quotes = []
    for f in _ranked(found, names):
        if f.text in seen:
            continue
        seen.add(f.text)
        sentence = _sentence_of(article, f.span.paragraph, f.span.opened)
        quotes.append(Quote(f.text, f.speaker, sentence))
        if len(quotes) >= limit:
            break
    return quotes[:limit]


def is_verbatim(text: str, article: Article) -> bool:
    """Whether a quote's text is in the article, its paragraph joins aside."""
    if text in article.text:
        return True
    # A run-on quote joins its paragraphs' pieces with one space; the next piece may follow
    # the paragraph's opening mark.
    join = r"(?: |\n\n(?:“|„|``|''|\")?)"
    pattern = join.join(re.escape(word) for word in text.split(" "))
    return re.search(pattern, article.text) is not None
