"""HTML or plain text → `Article`: body, metadata, sentences; boilerplate and stubs refused."""

from __future__ import annotations

import dataclasses
import re

from bot.article import Article, count_words
from bot.errors import NotAnArticle
from bot.fetch import Page
from bot.furniture import strip_furniture
from bot.html_body import (
    FALLBACK_PARAGRAPH_WORDS,
    Pass,
    baseline_pass,
    best_pass,
    is_headline,
    last_resort,
    layout_tables_opened,
    recall_only,
    unwrapped,
)
from bot.markup import with_marks
from bot.metadata import Metadata, read_metadata

MIN_WORDS = 80
PAYWALL_MAX_WORDS = 350

_PAYWALL = re.compile(
    r"\b((subscribe|sign in|log in|login|register) (now )?(to|and) (continue|keep) reading"
    r"|(subscribe|sign in|log in|register) to (read|access|unlock)"
    r"|(this|the) (article|story|content) is (only )?(available|reserved|exclusive) (to|for)"
    r" (subscribers|members)|already a (subscriber|member)|create a free account to)",
    re.IGNORECASE,
)


def extract(page: Page) -> Article:
    """The article on `page`, or `NotAnArticle` with the reason."""
    article = read_body(page)
    check_is_article(article, page.content)
    return article


def read_body(page: Page) -> Article:
    """Body and metadata of `page`, however short (the evaluation scores this part)."""
    if looks_like_html(page.content, strict=page.content_type == "text/plain"):
        return _from_html(page)
    article = Article.from_paragraphs(strip_furniture(_plain_paragraphs(page.content)))
    return _with_url(article, page.url)


# What may precede the first tag of an HTML page: a BOM, whitespace, comments (conditional
# comments too), an XML declaration, scripts and styles. 12% of 2008-era news pages start with
# a comment or a script (issue 10), so the first bytes alone are not enough.
_PREAMBLE = re.compile(
    r"\A(?:\ufeff|\s+|<!--.*?-->|<\?xml[^>]*>|<script\b.*?</script\s*>|<style\b.*?</style\s*>)+",
    re.IGNORECASE | re.DOTALL,
)
_DOCUMENT_START = re.compile(r"<(!doctype\s+html|html|head|body|meta|title|link)\b", re.IGNORECASE)
_TAG = re.compile(
    r"</?(p|div|span|a|br|table|tr|td|ul|li|h[1-6]|img|meta|link|script|form|section|article)\b",
    re.IGNORECASE,
)
SNIFF_CHARS = 4096
MIN_SNIFFED_TAGS = 5  # a plain-text article may mention a tag or two; a page has dozens


def looks_like_html(content: str, strict: bool = False) -> bool:
    """HTML by its markup: a document tag after any preamble, or (unless `strict`) many tags."""
    head = content[:SNIFF_CHARS]
    preamble = _PREAMBLE.match(head)
    if _DOCUMENT_START.match(head, preamble.end() if preamble else 0):
        return True
    return not strict and len(_TAG.findall(head)) >= MIN_SNIFFED_TAGS


def _with_url(article: Article, url: str | None) -> Article:
    return article if not url else Article(**{**article.__dict__, "url": url})


def _from_html(page: Page) -> Article:
    meta = read_metadata(page.content, page.url)
    # the passes read the page with its wrapped lines joined (metadata reads it as published)
    page = dataclasses.replace(page, content=unwrapped(layout_tables_opened(page.content)))
    chosen = best_pass(page.content, page.url, meta.title)
    body = _body(chosen.text, meta.title)
    passes_found_it = _has_article(body)
    if not passes_found_it:  # the last resort, whose paragraphs no pass can judge
        body = last_resort(body, _body(baseline_pass(page.content).text, meta.title))
    if not body:
        raise NotAnArticle("I couldn't find an article on that page.")
    judge = chosen if passes_found_it else None
    return _without_comments(_article(body, meta, page, judge), meta, page, judge)


def _without_comments(article: Article, meta: Metadata, page: Page, chosen: Pass | None) -> Article:
    """`article` without the paragraphs the page holds in readers' comment sections (found by
    trafilatura's own expressions, `bot.markup.comment_sections`): under a short post, a long
    thread can give the passes the comments, and comments are never the article."""
    comments = [marks is not None and marks.holder == "comments" for marks in article.marks]
    if not any(comments):
        return article
    body = [p for p, comment in zip(article.paragraphs, comments, strict=True) if not comment]
    if not body:
        raise NotAnArticle("I couldn't find an article on that page, only readers' comments.")
    return _article(body, meta, page, chosen)


def _article(body: list[str], meta: Metadata, page: Page, chosen: Pass | None) -> Article:
    """The article of `body`; `chosen` is the pass that judges its paragraphs (`recall_only`),
    None for the last resort's."""
    article = Article.from_paragraphs(
        body,
        title=meta.title,
        site=meta.site,
        author=meta.author,
        published=meta.published,
        language=_html_lang(page.content),
        url=meta.url or page.url or None,
    )
    flags = recall_only(article.paragraphs, chosen) if chosen is not None else ()
    article = dataclasses.replace(article, recall_only=flags)
    return with_marks(article, page.content)


def _words(paragraphs: list[str]) -> int:
    return sum(count_words(p) for p in paragraphs)


def _has_article(paragraphs: list[str]) -> bool:
    """Enough words, or at least one real paragraph (a short post is still an article)."""
    return _words(paragraphs) >= MIN_WORDS or any(
        count_words(p) >= FALLBACK_PARAGRAPH_WORDS for p in paragraphs
    )


def _body(text: str, title: str | None) -> list[str]:
    """The pass's paragraphs without furniture, and without the <h1> when it repeats the
    headline we already carry (in any casing: an <h1> set in capitals)."""
    paragraphs = text.split("\n") if text else []
    if title and paragraphs and is_headline(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    return strip_furniture(paragraphs)


def _plain_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; single newlines inside one are wrapping."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks]


def _html_lang(html: str) -> str | None:
    match = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2})", html[:4000], re.IGNORECASE)
    return match.group(1).lower() if match else None


def check_is_article(article: Article, raw: str) -> None:
    words = article.word_count
    # A paywall notice inside a short body, or anywhere on a page with no real body.
    paywalled = (words < PAYWALL_MAX_WORDS and _PAYWALL.search(article.text)) or (
        words < MIN_WORDS and _PAYWALL.search(raw)
    )
    if paywalled:
        raise NotAnArticle(
            f"That page looks like a paywall or login page: only {words} words are readable."
        )
    if words < MIN_WORDS:
        raise NotAnArticle(f"That page has too little text to be an article ({words} words).")
