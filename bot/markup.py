"""What the page's markup says about each paragraph of the extracted body.

trafilatura returns text; the markup around a paragraph is lost with it, yet it is what gives
away furniture that reads as prose: a promo or "related" teaser is a link, a deck or a promo
line is set in bold or italics, a caption sits in a <figcaption> or next to an image. Each
paragraph of the body is found back in the page's text (letters and digits only, in page
order), and the text nodes it covers say how much of it is link text or emphasis, and which
block elements hold it. A paragraph that cannot be found gets no facts (`None`): it is judged
by its text alone.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from bot.furniture import is_aside

if TYPE_CHECKING:
    from bot.article import Article

# Ancestors worth knowing about (the rest is layout).
_KEPT_TAGS = frozenset(
    "a li figure figcaption caption blockquote aside header footer nav table h1 h2 h3 h4 h5 h6"
    " small cite address form button label dd dt pre code".split()
)
_EMPHASIS = frozenset("b strong em i".split())
_SKIPPED = frozenset("script style noscript template head title svg".split())
_BLOCKS = frozenset(
    "p div li td th blockquote figure figcaption section article aside header footer"
    " h1 h2 h3 h4 h5 h6 dd dt ul ol table tr body".split()
)
_KEY = re.compile(r"[\W_]+")
# A paragraph shorter than this (in letters and digits) is not looked for: it could be anywhere.
MIN_KEY = 12
# Each paragraph not found costs a scan of the whole page: after this many, the rest are not
# looked for (a page whose text is not the body's), so a huge page costs linear time.
MAX_MISSES = 100


@dataclass(frozen=True)
class Marks:
    """Markup facts of one paragraph: the share of its letters in links and in emphasis, and
    the kept tags (`_KEPT_TAGS`) of the elements holding it; `image_near` when the block that
    holds it, or the block just before or after, has an image."""

    links: float
    emphasis: float
    tags: frozenset[str]
    image_near: bool
    # "comments" when the page holds it in a readers' comment section (`comment_sections`).
    holder: str | None = None


@cache
def comment_sections() -> tuple[object, ...]:
    """The expressions trafilatura itself prunes readers' comment sections with (ids and
    classes "comments", "comment-…" but not "commentary", Disqus threads), to run on the page
    it extracted from: its fallbacks can still return a thread the main pass pruned."""
    from trafilatura import xpaths  # heavy import: only when a page has a comment section

    return tuple(xpaths.REMOVE_COMMENTS_XPATH)


# The expression needs one of these in an id or class: a page without any is not searched.
_COMMENT_WORDS = ("omment", "comol", "disqus_thread", "dsq-comments")


@dataclass
class _Piece:
    start: int  # offset in the page's key text
    end: int
    link: bool
    emphasis: bool
    element: object  # the element whose text this is


def _key(text: str) -> str:
    return _KEY.sub("", unicodedata.normalize("NFC", text))


def paragraph_marks(html: str, paragraphs: Sequence[str]) -> tuple[Marks | None, ...]:
    """For each paragraph, its `Marks`, or None when the page does not hold it."""
    root, pieces, spans = _walk(html)
    if not pieces:
        return tuple(None for _ in paragraphs)
    sections: set[object] = set()
    if any(word in html for word in _COMMENT_WORDS):
        for expression in comment_sections():
            sections.update(expression(root))  # type: ignore[operator]
    text = "".join(_piece_text for _piece_text, _ in pieces)
    index = [p.start for _, p in pieces]
    out: list[Marks | None] = []
    cursor = misses = 0
    for paragraph in paragraphs:
        key = _key(paragraph)
        if len(key) < MIN_KEY:
            out.append(None)
            continue
        at = text.find(key, cursor) if misses < MAX_MISSES else -1
        if at < 0 and misses < MAX_MISSES:
            at = text.find(key)
        if at < 0:
            misses += 1
            out.append(None)
            continue
        end = at + len(key)
        cursor = end
        out.append(_marks(pieces, index, spans, sections, (at, end)))
    return tuple(out)


def _marks(
    pieces: list[tuple[str, _Piece]],
    index: list[int],
    spans: dict[object, tuple[int, int]],
    sections: set[object],
    where: tuple[int, int],
) -> Marks:
    """The `Marks` of the page text between two offsets (`where`); "comments" its holder when
    one of the comment `sections` holds the element its text starts in."""
    at, end = where
    first = bisect.bisect_right(index, at) - 1
    linked = emphasised = total = 0
    i = first
    while i < len(pieces) and pieces[i][1].start < end:
        piece = pieces[i][1]
        n = min(piece.end, end) - max(piece.start, at)
        if n > 0:
            total += n
            linked += n * piece.link
            emphasised += n * piece.emphasis
        i += 1
    tags: set[str] = set()
    container = holder = None
    node = pieces[first][1].element
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""  # type: ignore[attr-defined]
        if tag in _KEPT_TAGS:
            tags.add(tag)
        if node in sections:
            holder = "comments"
        span = spans.get(node)
        if container is None and tag in _BLOCKS and span and span[1] >= end:
            container = node
        node = node.getparent()  # type: ignore[attr-defined]
    return Marks(
        links=linked / max(total, 1),
        emphasis=emphasised / max(total, 1),
        tags=frozenset(tags),
        image_near=_image_near(container),
        holder=holder,
    )


def _image_near(block: object) -> bool:
    if block is None or getattr(block, "tag", "") == "body":
        return False
    around = [block, block.getprevious(), block.getnext()]  # type: ignore[attr-defined]
    for node in around:
        if node is None or not isinstance(node.tag, str):
            continue
        if (
            node.tag in ("img", "picture", "figure")
            or next(node.iter("img", "picture"), None) is not None
        ):
            return True
    return False


def _walk(html: str) -> tuple[object, list[tuple[str, _Piece]], dict[object, tuple[int, int]]]:
    """The parsed page; its text nodes in order, as letters and digits, each with its link and
    emphasis state; and the span of each element in that text."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
        root = lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None, [], {}
    pieces: list[tuple[str, _Piece]] = []
    spans: dict[object, tuple[int, int]] = {}
    offset = 0
    links = emphasis = skipped = 0
    starts: list[int] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            starts.append(offset)
            links += tag == "a"
            emphasis += tag in _EMPHASIS
            skipped += tag in _SKIPPED
            if element.text and not skipped:
                key = _key(element.text)
                if key:
                    piece = _Piece(offset, offset + len(key), links > 0, emphasis > 0, element)
                    pieces.append((key, piece))
                    offset += len(key)
            continue
        spans[element] = (starts.pop(), offset)
        links -= tag == "a"
        emphasis -= tag in _EMPHASIS
        skipped -= tag in _SKIPPED
        parent = element.getparent()
        if element.tail and parent is not None and not skipped:
            key = _key(element.tail)
            if key:
                piece = _Piece(offset, offset + len(key), links > 0, emphasis > 0, parent)
                pieces.append((key, piece))
                offset += len(key)
    return root, pieces, spans


# A paragraph whose letters are mostly link text is a teaser, a promo or a list of links ("Read
# next: …", "- Jane Doe: A Book Title"), not summary material, even where it is article text.
LINK_SHARE = 0.5


def link_block(marks: Marks | None) -> bool:
    """True when the page sets the paragraph mostly as link text."""
    return marks is not None and marks.links >= LINK_SHARE


def link_sentences(article: Article) -> list[bool]:
    """For each sentence, whether its paragraph is a link block (`link_block`): no summary
    sentence and no figure's source. [] for an article without markup (plain text)."""
    blocks = [link_block(marks) for marks in article.marks]
    if not any(blocks):
        return []
    at = sentence_paragraphs(article)
    return [blocks[p] if p < len(blocks) else False for p in at]


def code_block(marks: Marks | None) -> bool:
    """True when the page sets the paragraph in a <pre> or <code> element: a line of a program
    ("const size = 7;", '<div class="mb-4">'), whose numbers and words are not prose."""
    return marks is not None and bool(marks.tags & _CODE)


_CODE = frozenset(("pre", "code"))


def code_lines(marks: Sequence[Marks | None]) -> list[bool]:
    """For each paragraph, whether it is a line of code (`code_block`); a line too short to be
    found on the page ("os.Exit(1)", "}") is one when the nearest found lines on both sides are."""
    code = [code_block(m) for m in marks]
    found = [i for i, m in enumerate(marks) if m is not None]
    for i, m in enumerate(marks):
        if m is None:
            at = bisect.bisect_left(found, i)
            before, after = found[at - 1] if at else None, found[at] if at < len(found) else None
            code[i] = before is not None and after is not None and code[before] and code[after]
    return code


def doubtful_sentences(article: Article) -> list[bool]:
    """For each sentence, whether its paragraph is a link block (`link_sentences`), one only
    the recall pass found (`Article.recall_only`), an aside (`bot.furniture.is_aside`: a
    credited caption, a disclaimer, a teaser, a note on the author) or a line of code
    (`code_block`): no summary sentence and no figure's source. [] when no paragraph is any
    of these."""
    links = link_sentences(article)
    asides = [is_aside(p, article.author) for p in article.paragraphs]
    code = code_lines(article.marks)
    if not any(article.recall_only) and not any(asides) and not any(code):
        return links
    at = sentence_paragraphs(article)
    only = article.recall_only
    return [
        (bool(links) and links[i])
        or (p < len(only) and only[p])
        or asides[p]
        or (p < len(code) and code[p])
        for i, p in enumerate(at)
    ]


def sentence_paragraphs(article: Article) -> list[int]:
    """The index of each sentence's paragraph: as split (`Article.sentence_paragraphs`), else
    found in order (sentences are cut from paragraphs in order); the last paragraph for
    sentences that are not found (an article built by hand)."""
    sentences, paragraphs = article.sentences, article.paragraphs
    if len(article.sentence_paragraphs) == len(sentences):
        return [n - 1 for n in article.sentence_paragraphs]
    out: list[int] = []
    at = 0
    for p, paragraph in enumerate(paragraphs):
        pos = 0
        while at < len(sentences):
            found = paragraph.find(sentences[at], pos)
            if found < 0:
                break
            out.append(p)
            pos = found + len(sentences[at])
            at += 1
    return out + [max(len(paragraphs) - 1, 0)] * (len(sentences) - len(out))


def with_marks(article: Article, html: str) -> Article:
    """`article` carrying the markup facts of each of its paragraphs on `html`."""
    return dataclasses.replace(article, marks=paragraph_marks(html, article.paragraphs))
