"""Direct quotes and who said them."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from bot import attribution
from bot.article import Article
from bot.mixed_quotes import as_mixed, with_mixed
from bot.names import SPEAKING_PRONOUNS, Mention, NameIndex, name_mentions
from bot.parse import article_language
from bot.parsed import Parsed
from bot.quote_context import JOINER, Context, Found, attribute, in_a_tag, is_title
from bot.quote_marks import find_spans, styles_for
from bot.speech_checks import (
    a_things_words,
    cited_source,
    has_verb,
    named_by_a_participle,
    object_of_preposition,
    points_to_a_piece,
    proposes,
    tells,
)

SCARE_WORDS = 3  # "revenge scenarios": quoted words, not a statement, unless someone says them
# 'officials called the plan “a waste of money nobody asked for”': a lower-case phrase taken
# into the writer's own sentence is reported speech with a few quoted words (a "mixed" quote),
# not a direct quote, unless an attribution beside it hands the floor to a speaker.
PHRASE_WORDS = 7
# Chosen on the first 120 PolNeAR train articles (4: precision 0.879 -> 0.890 at the same F1;
# 7 and 12 gave more precision but lost more recall than they gained).
MIXED_WORDS = 4
# How the views label a mixed quote, whose text is not all the speaker's words.
REPORTED = "(reported speech)"
# Where the digest ranks a mixed quote: a tier below a direct quote of the same speaker kind.
MIXED_PENALTY = 1.0
HEADLINE_WORDS = 4  # a quote in Title Case this long is a headline's, not the story's
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Quote:
    """A direct quote (without its marks, verbatim), its speaker and its sentence."""

    text: str
    speaker: str | None
    sentence: str
    # "direct": `text` is the words inside the marks. "mixed": reported speech with some of
    # the speaker's words quoted; `text` is the reporting verb's whole complement, verbatim,
    # its inner quotation marks kept ('the plan was “a disgrace” and would fail').
    kind: str = "direct"


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

    def tier(speaker: str | None) -> int:
        """Named people first, then described ones ("a spokesperson"), then organisations."""
        if speaker is None:
            return 0
        return 2 if speaker[0].islower() else 3 if names.is_person(speaker) else 1

    def worth(f: Found) -> float:
        words = len(WORD.findall(f.text))
        if f.kind == "mixed":  # reported speech: after the direct quotes of its tier
            return tier(f.speaker) - MIXED_PENALTY + min(words, 12) / 12
        if f.speaker is None:
            return min(words, 12) / 12 + 0.5 * f.introduced
        return (
            tier(f.speaker) + min(words, 12) / 12 + 0.5 * f.introduced + mentions[f.speaker] / most
        )

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


def _woven(paragraphs: tuple[str, ...], found: Found) -> bool:
    """'Trump said the game “has become screwed up”': a lower-case quote running on from the
    writer's words, with no comma or colon to hand over, is a mixed quote (reported speech
    with quoted words in it); the digest keeps only the long ones."""
    before = paragraphs[found.span.paragraph][: found.span.opened].rstrip()
    p, _, end = found.span.pieces[-1]
    hands_over = paragraphs[p][:end].rstrip()[-1:] in (",", "!", "?")  # “…,” Haddad said
    return found.text[:1].islower() and before[-1:].isalnum() and not hands_over


def _verbless(found: Found, parsed: Parsed | None) -> bool:
    """Whether the parse finds no verb in any piece of a quote."""
    if parsed is None:
        return False
    return not any(
        has_verb(parsed, parsed.offset(p, s), parsed.offset(p, e)) for p, s, e in found.span.pieces
    )


def _fills_a_noun(found: Found, parsed: Parsed) -> bool:
    """Whether a quote stands where a preposition and a determiner want a noun ('a review of
    the “…”'): a title or a term, whatever attribution follows it."""
    return object_of_preposition(parsed, parsed.offset(found.span.paragraph, found.span.opened))


def _without_cut_short(found: list[Found]) -> list[Found]:
    """Without a mixed quote that is the start of a longer one of the same paragraph: 'the
    council was “acting in bad faith” and “hiding the costs' beside the same with its closing
    mark, each made from one of its quoted pieces."""
    mixed: dict[int, list[str]] = {}
    for f in found:
        if f.kind == "mixed":
            mixed.setdefault(f.span.paragraph, []).append(f.text)

    def cut_short(f: Found) -> bool:
        others = mixed.get(f.span.paragraph, []) if f.kind == "mixed" else []
        return any(len(o) > len(f.text) and o.startswith(f.text) for o in others)

    return [f for f in found if not cut_short(f)]


def _keep(found: Found, paragraphs: tuple[str, ...], parsed: Parsed | None = None) -> bool:
    """Drop empty quotes, titles in quotation marks and scare quotes: a few words nobody is
    said to have said."""
    words = len(WORD.findall(found.text))
    if words == 0 or (not found.introduced and is_title(found.text)):
        return False
    if found.text.rstrip().endswith(("(", "[")):
        return False  # 'was "a man who had used ["Leon"] for …"': cut at a quote inside it
    before = paragraphs[found.span.paragraph][: found.span.opened].rstrip()
    if is_title(found.text) and before[-1:].isalnum():
        return False  # 'she also wrote “Make Ahead Bread,” which…': a work's title, an object
    if parsed is not None and _verbless(found, parsed) and _fills_a_noun(found, parsed):
        return False  # 'In a review of the “Damaging effects of … on the lungs,” researchers'
    if found.speaker is None and parsed is not None:
        at = parsed.offset(found.span.paragraph, found.span.opened)
        if proposes(parsed, at, attribution.SPEECH_FORMS):
            return False  # 'Don't ever say, “…”', 'like saying “…”': an example, not a report
    unclaimed = not (found.introduced or found.attributed)
    if unclaimed and words <= PHRASE_WORDS and _verbless(found, parsed):
        return False  # 'a “Mason jar of waste” is impossible': a term, not speech
    if words >= HEADLINE_WORDS and is_title(found.text):
        return False  # 'Trump: ‘I’m the Worst Thing That Ever Happened…’': a headline
    if is_title(found.text) and _named_in_a_sentence(found, paragraphs):
        return False  # 'Jyll Bradley: ‘Running and Returning’ at The Box was …': a show
    if _woven(paragraphs, found) and words <= MIXED_WORDS:
        return False
    if not found.introduced and not found.attributed and found.text[:1].islower():
        return words > PHRASE_WORDS
    if found.speaker is not None and (found.attributed or _whole_sentence(found)):
        # '“Okay, great!”' after its speaker's quote: a short sentence of theirs; but a few
        # lowercase words that end no sentence, said by no one named ('most monitors warn
        # “abnormal”'), are a term the writer puts on a thing
        return not (words < SCARE_WORDS and _a_term(found.text, found.speaker))
    return words > SCARE_WORDS


def _a_term(text: str, speaker: str) -> bool:
    """Lowercase words that end no sentence, from a speaker with no name or pronoun."""
    if not text[:1].islower() or text.rstrip()[-1:] in ".!?…":
        return False
    return speaker.lower() not in SPEAKING_PRONOUNS and not any(
        word[:1].isupper() for word in speaker.split()
    )


def _named_in_a_sentence(found: Found, paragraphs: tuple[str, ...]) -> bool:
    """Whether the writer's sentence runs on after a quote with no punctuation to hand over
    and no verb of saying ('‘Running and Returning’ at The Box was a unified show'): the quoted
    words are a name the sentence uses, not words it reports."""
    p, _, end = found.span.pieces[-1]
    if found.span.closed is None or paragraphs[p][:end].rstrip()[-1:] in ".,!?;:…—–-":
        return False
    rest = paragraphs[p][found.span.closed :]
    words = rest.split(" ", 2)
    return (
        rest[:1] == " "
        and len(words) > 1
        and words[1][:1].islower()
        and not attribution.speech_verbs(rest[:LEAD_CHARS], after=True)
    )


def _whole_sentence(found: Found) -> bool:
    """A quote that is a sentence of its own, opening its clause: 'Neither do I.'"""
    text = found.text.rstrip()
    return found.introduced and text[:1].isupper() and text[-1:] in ".!?"


EXAMPLE_LEADS = (("such", "as"), ("e.g.",), ("for", "example"), ("for", "instance"), ("like",))
# 'I was like, “…”' reports words; 'questions like, “…”' gives examples of them.
QUOTATIVE_LIKE = frozenset("was is am are were be been being 's 'm 're ’s ’m ’re".split())
LIST_WORDS = frozenset({"or", "and", "even"})
LIST_PUNCT = ",;:—–("
LIST_LENGTH = 6  # quotes in one list of examples, at most, that are looked back over
LEAD_CHARS = 80  # the words before a quote that say it is an example
OPENING_MARKS = " “\"'‘«»„「″‶〝"


def _list_start(found: Found, para: str, closing: dict[int, int]) -> int:
    """Where the first quote opens of the list a quote ends ('“A?” or, “B?”', '“A,” “B” and
    “C”'): the quote's own opening mark when it ends none. `closing` maps where each quote of
    the paragraph closes to where it opens."""
    at = found.span.opened
    for _ in range(LIST_LENGTH):
        words = para[max(0, at - LEAD_CHARS) : at].split()
        while words and words[-1].strip(LIST_PUNCT).lower() in LIST_WORDS | {""}:
            words.pop()
        if not words:
            return at
        last = words[-1].rstrip(LIST_PUNCT)
        end = para.rfind(last, 0, at) + len(last) - 1
        if end not in closing:
            return at
        at = closing[end] - 1  # an earlier quote of the same list
    return at


def _an_example(found: Found, para: str, closing: dict[int, int]) -> bool:
    """Whether a quote, or the list it ends, is given as an example ('asked you questions
    like, “…?” or, “…?”', 'use phrases such as “…”'): words one might say, not words someone
    said."""
    at = _list_start(found, para, closing)
    low = [w.strip(LIST_PUNCT).lower() for w in para[max(0, at - LEAD_CHARS) : at].split()]
    while low and low[-1] in LIST_WORDS | {""}:
        low.pop()
    for lead in EXAMPLE_LEADS:
        if tuple(low[-len(lead) :]) == lead:
            return lead != ("like",) or (len(low) > 1 and low[-2] not in QUOTATIVE_LIKE)
    return False


def _no_quote(found: Found, para: str, closing: dict[int, int], parsed: Parsed | None) -> bool:
    """Whether a quote is given as no one's words: an example, an attribute of a tag printed as
    text, a thing's text or name, or a source cited ('Citing its “Asian sources,” …')."""
    if _an_example(found, para, closing) or in_a_tag(para, found.span):
        return True
    if parsed is None:
        return False
    at = parsed.offset(found.span.paragraph, found.span.opened)
    return _a_things_name(found, para, closing, parsed) or cited_source(parsed, at)


def _a_things_name(found: Found, para: str, closing: dict[int, int], parsed: Parsed) -> bool:
    """Whether a quote, or the list it ends, follows a noun for a thing's text or a verb with
    one for its subject ('chanting slogans: “A” and “B”', 'the signs read “A,” “B” and “C”')
    or a naming participle ('to be titled: “…”'): a title or a slogan, not speech, whoever
    is named near it (a slogan a crowd chants takes no one's name)."""
    at = parsed.offset(found.span.paragraph, _list_start(found, para, closing))
    return (
        a_things_words(parsed, at)
        or named_by_a_participle(parsed, at)
        or points_to_a_piece(parsed, at)
    )


def _told_as_speech(
    ctx: Context, found: list[Found], quoted: list[list[tuple[int, int]]]
) -> list[Found]:
    """The quotes the text presents as something said: those with a speaker, mixed quotes
    (reported speech), and those with a verb of saying in their paragraph or the one before
    (not one the reader is told to say) or a quote with a speaker beside them. A title, a
    heading, a term or a line of code in quotation marks is none of these."""
    parsed = ctx.parsed
    assert parsed is not None
    voiced = {f.span.paragraph + d for f in found if f.speaker is not None for d in (-1, 0, 1)}
    telling: dict[int, bool] = {}

    def paragraph_tells(q: int) -> bool:
        if q not in telling:
            inside = [(parsed.offset(q, s - 1), parsed.offset(q, e + 1)) for s, e in quoted[q]]
            start, end = parsed.offset(q, 0), parsed.offset(q, len(ctx.paragraphs[q]))
            telling[q] = tells(parsed, start, end, attribution.SPEECH_FORMS, inside)
        return telling[q]

    def said(f: Found) -> bool:
        p = f.span.paragraph
        if f.speaker is not None or f.kind == "mixed" or p in voiced:
            return True
        # a paragraph that is all quote may be followed by who said it ('“…” ¶ So said …')
        alone = not ctx.paragraphs[p][: f.span.opened].strip(OPENING_MARKS)
        return (
            paragraph_tells(p)
            or (p > 0 and paragraph_tells(p - 1))
            or (alone and p + 1 < len(ctx.paragraphs) and paragraph_tells(p + 1))
        )

    return [f for f in found if said(f)]


def find_quotes(article: Article, limit: int = 6) -> list[Quote]:
    """The article's most substantive direct quotes, best first. A quote split by its
    attribution is joined into one: its pieces, each verbatim, joined by " … "."""
    paragraphs = article.paragraphs
    language = article_language(article)
    spans = find_spans(paragraphs, styles_for(language, article.text))
    if not spans:
        return []
    quoted: list[list[tuple[int, int]]] = [[] for _ in paragraphs]
    for span in spans:
        for p, s, e in span.pieces:
            quoted[p].append((s, e))
    parsed = Parsed(article.doc, paragraphs, quoted) if language == "en" else None

    def vet(mention: Mention, name: str) -> str:
        """The name from its first word the parse tags a proper noun or a person."""
        assert parsed is not None
        at = parsed.offset(mention.paragraph, mention.start + mention.text.find(name))
        words = name.split(" ")
        for i, word in enumerate(words):
            if parsed.starts_a_name(at):
                return " ".join(words[i:])
            at += len(word) + 1
        return ""

    names = NameIndex(name_mentions(paragraphs, quoted), vet if parsed else None)
    ctx = Context(paragraphs, names, language, parsed)
    found = attribute(ctx, spans)
    if parsed is not None:
        found = with_mixed(ctx, found, quoted)
    # A mixed quote whose speaker is not certain is posted unattributed, as a direct one is.
    kept = []
    for i, f in enumerate(found):
        if f.writers:
            continue  # the writer's own words, a few quoted: 'I described the “…” approach'
        if f.kind == "mixed" or _keep(f, paragraphs, parsed):
            kept.append(f)
        elif (
            parsed is not None
            and (whole := as_mixed(ctx, f, found[:i], quoted, mostly_quoted=True))
            and not whole.writers
        ):
            # 'said Trump is “trying to campaign as a racial healer”': too few words outside
            # the marks to make it reported speech, too few inside to stand alone
            kept.append(whole)
    found = _without_cut_short(kept)
    closing = [{e: s for s, e in marks} for marks in quoted]
    found = [
        f
        for f in found
        if not _no_quote(f, paragraphs[f.span.paragraph], closing[f.span.paragraph], parsed)
    ]
    if parsed is not None:
        found = _told_as_speech(ctx, found, quoted)
    shown: list[tuple[str, Quote]] = []  # each quote with its words (`_words_of`)
    for f in _ranked(found, names):
        own = _words_of(f.text)
        if any(own in words for words, _ in shown):
            continue  # already shown, or inside a quote shown: "This is a small, quiet town"
        sentence = _sentence_of(article, f.span.paragraph, f.span.opened)
        quote = (own, Quote(f.text, f.speaker, sentence, f.kind))
        inside = [i for i, (words, _) in enumerate(shown) if words in own]
        if inside:  # the whole of a quote shown before in part: shown whole, in its place
            shown[inside[0]] = quote
            shown = [q for i, q in enumerate(shown) if i not in inside[1:]]
            continue
        shown.append(quote)
        if len(shown) >= limit:
            break
    return [q for _, q in shown[:limit]]


def _words_of(text: str) -> str:
    """A quote's words, lower-cased, between spaces: where one quote holds another, whatever
    marks and capitals each was given ("… is "at a disadvantage …"" holds "at a disadvantage …")."""
    return " " + " ".join(_WORD.findall(text.lower())) + " "


_WORD = re.compile(r"\w+")


def is_verbatim(text: str, article: Article) -> bool:
    """Whether each piece of a quote's text is in the article, its paragraph joins aside."""
    return all(_piece_is_verbatim(piece, article) for piece in text.split(JOINER))


def _piece_is_verbatim(text: str, article: Article) -> bool:
    if text in article.text:
        return True
    # A run-on quote joins its paragraphs' pieces with one space; the next piece may follow
    # the paragraph's opening mark.
    join = r"(?: |\n\n(?:“|„|``|''|\"|‘|'|«|»|″|‶|〝)?\s?)"
    pattern = join.join(re.escape(word) for word in text.split(" "))
    return re.search(pattern, article.text) is not None
