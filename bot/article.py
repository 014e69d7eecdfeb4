"""The `Article`: what every stage after extraction reads."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import pysbd

from bot.furniture import is_data_row
from bot.quote_marks import DOUBLE_MARKS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from bot.markup import Marks

WORDS_PER_MINUTE = 230
#: Words of an article that are analysed (about 80 minutes of reading); the rest is left out,
#: so sentence splitting, figures and quotes take bounded time on any page.
MAX_WORDS = 20_000
# Longer "paragraphs" (a page without markup, a wall of quotes) are split near sentence ends:
# quote and figure finding look around each position within its paragraph.
PARAGRAPH_MAX_CHARS = 5_000
# Chinese and Japanese are written without spaces: each character of these scripts counts as a
# fraction of a word (Chinese words average about 1.5 characters). Korean uses spaces.
_UNSPACED = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)
CHARS_PER_WORD = 1.5


def count_words(text: str) -> int:
    """Words in `text`: spaced words, plus Chinese/Japanese characters / `CHARS_PER_WORD`."""
    unspaced = len(_UNSPACED.findall(text))
    spaced = len(_UNSPACED.sub(" ", text).split()) if unspaced else len(text.split())
    return spaced + math.ceil(unspaced / CHARS_PER_WORD)


def _pieces(paragraph: str) -> list[str]:
    """`paragraph` with whitespace normalised, in pieces of at most `PARAGRAPH_MAX_CHARS`."""
    rest = re.sub(r"[ \t\r\f\v]+", " ", paragraph).strip()
    pieces = []
    while len(rest) > PARAGRAPH_MAX_CHARS:
        cut = max(rest.rfind(end, 0, PARAGRAPH_MAX_CHARS) for end in (". ", "? ", "! ", "” "))
        if cut < PARAGRAPH_MAX_CHARS // 2:
            cut = rest.rfind(" ", 0, PARAGRAPH_MAX_CHARS)
        cut = cut + 1 if cut > 0 else PARAGRAPH_MAX_CHARS
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    return [*pieces, rest]


# pysbd builds about a thousand regular expressions on the fly (one per abbreviation and rule),
# twice what the `re` module keeps compiled by default (512), so every sentence split compiled
# most of them again: 60% of splitting time. A larger cache of compiled patterns (a few MB)
# makes splitting about 40% faster; nothing else changes.
re._MAXCACHE = max(getattr(re, "_MAXCACHE", 0), 4096)  # type: ignore[attr-defined]


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    try:
        return pysbd.Segmenter(language=language, clean=False)
    except ValueError:  # pysbd knows ~20 languages; English rules are the safest default
        return pysbd.Segmenter(language="en", clean=False)


_TRAILING_SPACE = re.compile(r"\s*")
DASHES = "—–"  # a sentence glued to the one before by a dash is one with it (`_glued`)


def split_sentences(paragraph: str, language: str = "en") -> list[str]:
    """Sentences of one paragraph, each a verbatim (stripped) substring of it.

    pysbd's `segment` finds each sentence back in the text with a regular expression built
    from the sentence (`Segmenter.sentences_with_char_spans`): one new pattern per sentence,
    half of all splitting time. This is the same search with `str.find`: each sentence at its
    first occurrence that ends after the previous one, dropped if it is not in the text.
    """
    if not paragraph:
        return []
    if is_data_row(paragraph.strip()):
        # "| Play Time | Varies, usually up to 1 hour. |": one row of a table, so that the
        # summary and the figures know it as one (a cell's full stop cut it into "sentences"
        # that no longer read as a row)
        return [paragraph.strip()]
    sentences: list[str] = []
    starts: list[int] = []
    end = 0
    for sentence in _segmenter(language).processor(paragraph).process():
        # Only an occurrence that ends after `end` can count (text at `end` is no space), so
        # the search starts there: a sentence repeated a thousand times is found in one pass.
        at = paragraph.find(sentence, max(0, end - len(sentence) + 1)) if sentence else -1
        while at >= 0:
            stop = _TRAILING_SPACE.match(paragraph, at + len(sentence)).end()  # type: ignore[union-attr]
            if stop > end:
                glued = (
                    at == end
                    and sentences
                    and (_glued(sentences[-1], sentence, language) or _dot_word(paragraph, at))
                )
                end = stop
                if glued:  # 'CENTENNIAL, Colo.—The gunman …', 'Nokia Corp. Monday unveiled
                    sentences[-1] = paragraph[starts[-1] : stop].strip()
                elif sentence.strip():
                    sentences.append(sentence.strip())
                    starts.append(at)
                break
            at = paragraph.find(sentence, stop)
    return [piece for sentence in sentences for piece in _split_inside_quotes(sentence, language)]


# pysbd keeps a quotation whole, however many sentences it holds: a post that quotes a whole
# report ('Jane Doe writes "…"') was one "sentence" of up to 245 words, and a summary line. A
# sentence of this many words is split inside its double quotation marks too.
LONG_SENTENCE_WORDS = 100
_DOUBLE_QUOTES = re.compile("[" + re.escape("".join(sorted(DOUBLE_MARKS))) + "]")


def _split_inside_quotes(sentence: str, language: str) -> list[str]:
    """A long sentence's sentences, read as if its double quotation marks were not there; each
    a verbatim piece of it, its marks kept (a closing mark with the sentence it ends)."""
    if len(sentence.split()) < LONG_SENTENCE_WORDS or not _DOUBLE_QUOTES.search(sentence):
        return [sentence]
    unquoted = _DOUBLE_QUOTES.sub(" ", sentence)  # the same length: offsets carry over
    starts, at = [0], 0
    for piece in split_sentences(unquoted, language)[1:]:
        at = unquoted.find(piece, at)
        if at < 0:
            return [sentence]
        starts.append(at)
    return [
        sentence[a:b].strip() for a, b in zip(starts, [*starts[1:], len(sentence)], strict=True)
    ]


def _glued(before: str, sentence: str, language: str) -> bool:
    """Whether a piece the splitter cut off goes on the sentence before it: one glued on by a
    dash ("CENTENNIAL, Colo.—The gunman …"), or, in English, what goes on in lower case after
    a unit's abbreviation ("6,000 sq." + "ft. homes") or the rest of a company's name and its
    verb in news style, its abbreviation taken for a sentence end ("Nokia Corp. Monday
    unveiled …")."""
    if sentence[:1] in DASHES:
        return True
    if language == "en" and _UNIT_END.search(before) and sentence[:1].islower():
        return True  # "6,000 sq." + "ft. of space": a unit's abbreviation, the sentence goes on
    return language == "en" and bool(_COMPANY_END.search(before) and _WEEKDAY_VERB.match(sentence))


def _dot_word(paragraph: str, at: int) -> bool:
    """The splitter cut a word that starts with a dot: "a .github/ folder", ".NET 8"."""
    return at >= 2 and paragraph[at - 2 : at] in (" .", "\u00a0.") and paragraph[at].isalnum()


# A unit abbreviated after a number: "6,000 sq.", "3 lb.", "12 oz.", "2 tbsp.".
_UNIT_END = re.compile(r"\d\s?(?:sq|ft|lbs?|oz|yds?|mi|gal|qts?|pts?|tbsp|tsp|cu|in)\.$")
_COMPANY_END = re.compile(r"\b(?:Corp|Inc|Co|Ltd|Cos|Bros|Plc|LLC|AG|SA|NV)\.$")
_WEEKDAY_VERB = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day [a-z]")


@dataclass(frozen=True)
class Article:
    """An extracted article; `text` is its paragraphs joined by blank lines."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date: YYYY-MM-DD, or YYYY-MM for a page dated to the month
    language: str | None = None
    url: str | None = None
    sentences: tuple[str, ...] = field(default=())
    words_left_out: int = 0  # beyond `MAX_WORDS`
    # The number (from 1) of each sentence's paragraph, where the sentences were split from
    # the paragraphs (`from_paragraphs`); empty where they were built some other way.
    sentence_paragraphs: tuple[int, ...] = field(default=())
    # What the page's markup says of each paragraph (bot.markup), when the article came from
    # HTML: one entry per paragraph, None where the page does not hold it; () otherwise.
    marks: tuple[Marks | None, ...] = ()
    # Per paragraph, whether only trafilatura's recall pass found it (bot.html_body.recall_only);
    # () when the precise pass's body was taken whole, or for plain text.
    recall_only: tuple[bool, ...] = ()

    @classmethod
    def from_paragraphs(cls, paragraphs: list[str], **meta: str | None) -> Article:
        """Build an article, normalising whitespace and splitting sentences (of `MAX_WORDS`)."""
        kept: list[str] = []
        words = left_out = 0
        for paragraph in (piece for raw in paragraphs for piece in _pieces(raw)):
            if not paragraph:
                continue
            # A run of 25 characters counts as a word at least: a 4 MB "word" is no shortcut.
            n = max(count_words(paragraph), len(paragraph) // 25)
            if left_out or words + n > MAX_WORDS:
                if not kept:  # one huge paragraph (a text file without blank lines): its head
                    paragraph = paragraph[: len(paragraph) * MAX_WORDS // n].rsplit(" ", 1)[0]
                    kept.append(paragraph)
                    n -= count_words(paragraph)
                left_out += n  # otherwise whole paragraphs only: quotes stay intact
                continue
            kept.append(paragraph)
            words += n
        lang = meta.get("language") or "en"
        split = [(n, s) for n, p in enumerate(kept, 1) for s in split_sentences(p, lang)]
        return cls(
            tuple(kept),
            sentences=tuple(s for _, s in split),
            sentence_paragraphs=tuple(n for n, _ in split),
            words_left_out=left_out,
            **meta,  # type: ignore[arg-type]
        )

    @property
    def doc(self) -> Doc:
        """The article's one spaCy parse (of `text`), made on first use and then shared."""
        from bot.parse import parse

        return parse(self)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return count_words(self.text)

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))


def paragraph_numbers(article: Article) -> list[int]:
    """For each of the article's sentences, the number (from 1) of its paragraph; none when
    `Article.sentences` was built some other way than by splitting the paragraphs."""
    numbers = list(article.sentence_paragraphs)
    return numbers if len(numbers) == len(article.sentences) else []
