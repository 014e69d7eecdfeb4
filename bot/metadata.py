"""Headline, author and date of a page: its structured data first, then trafilatura's guesses.

trafilatura already reads JSON-LD, OpenGraph and <h1>; what it lacks are the sanity checks a
reader applies: a headline is not the site's name, an author is not a date, and a publication
date is not the copyright year in the footer or today's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

from bot.page_header import (
    DATE_PIECE_MAX_CHARS,
    HEADER_AFTER,
    Header,
    element_text,
    headline_h1s,
)
from bot.publication_date import plausible_date, publication_date
from bot.structured import structured, unescape

_C1_CONTROL = re.compile("[\x80-\x9f]")
# What separates a headline from the site's name in <title>: "Headline | Site", "Site - Headline".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+|\s*[|·•»]\s*|\s+::\s+")
_MONTHS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|january|february|march|april|june|july"
    r"|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday"
)
_DATE_WORD = re.compile(rf"^(({_MONTHS})\.?,?|\d+(st|nd|rd|th)?,?|[ap]m|updated|posted)$", re.I)
# "By", "Written by", "View all posts by", "This article was written by" (up to four words
# before "by"; not "Edited by", "Reviewed by", "Photos by"), "Author:", and their German,
# French, Spanish, Italian and Dutch words.
_BYLINE_PREFIX = re.compile(
    r"^((?![\w\s]*\b(edited|reviewed|fact[- ]checked|photos?|photographs?|illustrations?"
    r"|illustrated|sponsored|updated|translated|produced)\s+by\b)(\w+\s+){0,4}by"
    r"|authors?:?|von|par|por|di|door)(\s+|:|$)",
    re.I,
)
# Elements a page marks as its author or byline (comment authors are skipped by ancestry).
_BYLINE_XPATH = (
    "//body//*[@rel='author' or @itemprop='author' or contains(@class, 'byline')"
    " or contains(@class, 'author') or contains(@id, 'byline')"
    " or (self::a and (contains(@href, '/author/') or contains(@href, '/authors/')))]"
)
# Elements whose own text opens a byline: "By <a>Jane Doe</a>", "Written by".
_BY_TEXT_XPATH = (
    "//body//*[not(self::script or self::style)][starts-with(normalize-space(text()), 'By ')"
    " or starts-with(normalize-space(text()), 'by ') or starts-with(normalize-space(text()), 'By:')"
    " or normalize-space(text()) = 'By' or normalize-space(text()) = 'by'"
    " or normalize-space(text()) = 'Written by'"
    " or starts-with(normalize-space(text()), 'Written by ')]"
)
# A class or id token that names an author or byline: "author", "post-author", "byline__name".
_BYLINE_CLASS = re.compile(r"(^|[\s_-])(author|byline)(s|name)?($|[\s_-])", re.I)
_BYLINE_MAX_CHARS = 80
_NAME_PARTICLES = frozenset(
    {"de", "la", "van", "von", "der", "den", "da", "di", "del", "du", "le", "bin", "al", "y"}
)
_AUTHOR_MAX_WORDS = 8
# Share of words (Jaccard) an <h1> must have with the meta title to be taken as the headline.
HEADLINE_OVERLAP = 0.3
# Words of an <h1> that is the headline although it shares few words with the meta title (a
# logo or a section name is shorter: "Our Blog", "VPN Services"), and the most a headline has
# (an <h1> holding a photo caption or the page's description is longer).
HEADLINE_WORDS = (4, 20)
# Placeholders that author fields of content-management systems are left holding.
_NOT_NAMES = frozenset({"username", "admin", "administrator", "author", "staff", "unknown"})
_ACCOUNT_WORDS = frozenset({"admin", "administrator", "webmaster"})
# A template's unfilled variable left in an author field: "page.head.author", "{{author}}".
_TEMPLATE_VARIABLE = re.compile(r"^[a-z_]+(\.[a-z_]+){2,}$|[{}]")
# Words of a byline box's labels and buttons, never of a name ("About the Author", "NOC Admin").
_NOT_NAME_WORDS = frozenset(
    {
        "about",
        "admin",
        "administrator",
        "author",
        "authors",
        "more",
        "posts",
        "read",
        "share",
        "follow",
        "view",
        "all",
        "comments",
        "updated",
        "published",
        "reviewed",
        "edited",
    }
)


@dataclass(frozen=True)
class Metadata:
    """What an article carries besides its text."""

    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD (YYYY-MM: a page dated to the month)
    site: str | None = None
    url: str | None = None


def read_metadata(html: str, url: str | None = None) -> Metadata:
    """The page's metadata: trafilatura's reading (JSON-LD, OpenGraph, htmldate), checked."""
    from trafilatura import extract_metadata  # heavy import: only when a page needs it

    doc = extract_metadata(html, default_url=url or None)
    guessed = Metadata(
        title=doc.title or None,
        author=doc.author or None,
        published=doc.date or None,
        site=doc.sitename or doc.hostname or None,
        url=doc.url or None,
    )
    return page_metadata(html, guessed)


def page_metadata(html: str, guessed: Metadata, today: date | None = None) -> Metadata:
    """Structured data first (JSON-LD, OpenGraph), then `guessed` (trafilatura), each checked."""
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return _checked(guessed, today)
    found = structured(tree)
    site = found.site or guessed.site
    headline = unescape(_headline(tree, found.headline, found.og_title) or found.meta_title)
    title = (_h1_part(tree, headline, site) or _strip_site(headline, site)) if headline else None
    if not title:
        title = _title_from_page(tree, site) or unescape(guessed.title)
    title = _repaired(_visible_headline(tree, title))
    header = Header.of(tree, today)  # the text pieces round the headline, walked once
    author = _repaired(_author(tree, found.author, guessed.author, site) or _header_byline(header))
    published = publication_date(tree, header, found.published, guessed.published, today)
    return Metadata(title, author, published, site, guessed.url)


def _author(tree: Any, structured: str | None, guessed: str | None, site: str | None) -> str | None:
    """The page's structured author, its visible byline, then trafilatura's guess; the site's
    own name (a company blog, a personal site) only when no one else is named."""
    candidates = [_clean_author(structured, None), _clean_author(guessed, None), _byline(tree)]
    named = [c for c in candidates if c]
    if not site:
        return named[0] if named else None
    people = [_drop_site(c, site) for c in named]
    return next((c for c in people if c), None) or (named[0] if named else None)


# Where a name in a header piece ends: a role or credentials after "|", "•", "/", a comma or
# a dash ("Aaron Ricadela | Senior Writer"), a parenthesis, or " in " a section.
_NAME_END = re.compile(r"\s*(?:[|•·/(]|,\s|\s[-–]\s|\sin\s).*$")
_HEADER_NAME_WORDS = (2, 4)
_DATE_NEIGHBOURS = 2  # pieces either side of a header name where its dateline may be


def _header_byline(header: Header) -> str | None:
    """A byline the markup does not mark: a piece of the article's header, between its <h1>
    and its text, that is a name of two to four capitalised words with a date at most two
    pieces away ("Aaron Ricadela | Senior Writer | July 2, 2025") that spaCy reads as a
    person's: a section name or a caption ("Personal Finance") seldom has a date beside it,
    and a blog's or a feature's name ("Recipe Index") is no person."""
    pieces, headline_at = header.pieces, header.headline_at
    if headline_at is None:
        return None
    after = [text for text, _ in pieces[headline_at + 1 : headline_at + HEADER_AFTER + 1]]
    body_at = next((i for i, t in enumerate(after) if len(t) > DATE_PIECE_MAX_CHARS), None)
    lines = after[:body_at]

    def dated(at: int) -> bool:
        near = lines[max(at - _DATE_NEIGHBOURS, 0) : at + _DATE_NEIGHBOURS + 1]
        return any(header.read_date(t) for t in near)

    for at, text in enumerate(lines):
        name = _NAME_END.sub("", _BYLINE_PREFIX.sub("", text).strip(" :,|-")).strip()
        low, high = _HEADER_NAME_WORDS
        words = len(name.split())
        if low <= words <= high and _looks_like_name(name) and dated(at) and _a_person(name):
            return name
    return None


def _a_person(name: str) -> bool:
    """spaCy's named-entity recogniser reads `name` (title-cased if in capitals) as one
    person: "Aaron Ricadela", not "Official Google Blog" or "Recipe Index"."""
    from bot.parse import pipeline  # heavy import: only when a header holds a candidate

    doc = pipeline("en")(name.title() if name.isupper() else name)
    return len(doc.ents) == 1 and doc.ents[0].label_ == "PERSON" and doc.ents[0].text == doc.text


def _drop_site(author: str, site: str) -> str | None:
    """ "Jane Doe; The Courier" or "Jane Doe, The Courier" -> "Jane Doe"; None when every name
    is the site's."""
    kept = []
    for name in author.split("; "):
        pieces = [p for p in name.split(", ") if not _same_name(p, site)]
        if pieces:
            kept.append(", ".join(pieces))
    return "; ".join(kept) or None


def _same_name(name: str, site: str) -> bool:
    """ "The Courier" names the site "Valley Courier": its words (less "the") are the site's."""
    words = _words(name) - {"the"}
    return bool(words) and words <= _words(site)


def _byline(tree: Any) -> str | None:
    """The visible byline: an element marked as the author (rel, itemprop, an "author" or
    "byline" class), else a short "By Jane Doe" / "Written by" line; never one in comments."""
    for el in tree.xpath(_BYLINE_XPATH):
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        href = el.get("href") or ""
        if not (
            el.get("rel") or el.get("itemprop") or _BYLINE_CLASS.search(marks) or "/author" in href
        ):
            continue  # "authority-control", "coauthors-widget"
        if _in_comments_or_footer(el):
            continue
        name = _byline_text(el)
        if name:
            return name
    for el in tree.xpath(_BY_TEXT_XPATH):
        if _in_comments_or_footer(el) or not _BYLINE_PREFIX.match((el.text or "").strip()):
            continue  # "<a>Content Management</a> by <b>Vendor</b>": the "by" is not leading
        name = _byline_text(el)
        if name:
            return name
    return None


def _byline_text(el: Any) -> str | None:
    """The names a byline element opens with, cut at the first piece that is not a name or a
    joining word: "By <a>Jane Doe</a> and <a>John Roe</a> <time>Dec 19</time>" -> both names."""
    pieces = _text_pieces(el)
    if not pieces or sum(len(p) for p in pieces) > _BYLINE_MAX_CHARS:
        return None
    first = _BYLINE_PREFIX.sub("", pieces[0]).strip(" :,|-")
    pieces = [first, *pieces[1:]] if first else pieces[1:]
    if not pieces:  # "<p>Written by</p><p>Jane Doe</p>"
        following = next((n for n in el.itersiblings() if isinstance(n.tag, str)), None)
        pieces = _text_pieces(following) if following is not None else []
        if not pieces or sum(len(p) for p in pieces) > _BYLINE_MAX_CHARS:
            return None
    names: list[str] = []
    expect_name = True
    for piece in pieces:
        if expect_name:
            cleaned = _clean_author(piece, None)
            if not cleaned or not all(_looks_like_name(n) for n in cleaned.split("; ")):
                break
            names.append(cleaned)
            expect_name = False
        elif piece.strip(" ,").lower() in {"", "and", "&", "und", "et", "y"}:
            expect_name = True
        else:
            break
    return "; ".join(names) or None


def _text_pieces(el: Any) -> list[str]:
    """An element's text, one piece per text node, whitespace-normalised, empties dropped."""
    pieces = (" ".join(t.split()) for t in el.itertext() if isinstance(t, str))
    return [p for p in pieces if p and p not in {"|", "·", "•", "-"}]


def _looks_like_name(name: str) -> bool:
    """Capitalised words, no digits, at most five: "Jane Doe", "Ana de la Cruz"."""
    tokens = name.split()
    if not 1 <= len(tokens) <= 5 or any(ch.isdigit() for ch in name):
        return False
    capitals = [t for t in tokens if t[:1].isupper()]
    if {t.lower() for t in tokens} & _NOT_NAME_WORDS:
        return False
    return bool(capitals) and all(t[:1].isupper() or t.lower() in _NAME_PARTICLES for t in tokens)


def _in_comments_or_footer(el: Any) -> bool:
    for node in el.iterancestors():
        if node.tag in ("footer", "nav", "aside"):
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if "comment" in marks or "related" in marks:
            return True
    return False


def _checked(meta: Metadata, today: date | None) -> Metadata:
    published = plausible_date(meta.published, today)
    author = _clean_author(meta.author, meta.site)
    return Metadata(meta.title, author, published, meta.site, meta.url)


def _headline(tree: Any, structured: str | None, opengraph: str | None) -> str | None:
    """JSON-LD's headline, unless OpenGraph or <title> and the page's <h1> agree on another one
    (a description or an old wording left in the structured data)."""
    if structured:
        own = _key(unescape(structured) or "")
        h1s = [_key(element_text(h)) for h in tree.xpath("//h1")]
        h1s = [k for h, k in zip(tree.xpath("//h1"), h1s, strict=True) if not _masthead(h, k, None)]
        titles = [" ".join(t.text_content().split()) for t in tree.xpath("//title")[:1]]
        for other in filter(None, [unescape(opengraph), *titles]):
            parts = {_key(p) for p in _TITLE_SEPARATOR.split(other)} | {_key(other)}
            if own not in h1s and own not in parts and parts & set(h1s):
                return opengraph or None
    return structured or opengraph or None


def _title_from_page(tree: Any, site: str | None) -> str | None:
    """<title> without the site's name; the <h1> when it is a part of <title> or <title> is
    only the site's name."""
    titles = tree.xpath("//title")
    raw = " ".join(titles[0].text_content().split()) if titles else ""
    h1s = [h for h in (element_text(h) for h in tree.xpath("//h1")) if h]
    title = _h1_part(tree, raw, site) or _strip_site(raw, site)
    if h1s and (not title or _is_site_name(title, site, tree)):
        return h1s[0]
    return title


def _h1_part(tree: Any, title: str, site: str | None) -> str | None:
    """The <h1> that is one of the title's parts: "Headline | Site" or "Headline | Deck" with
    <h1>Headline</h1>; not a masthead <h1> (the site's name or logo, a link to the home page).
    An <h1> set in capitals gives the title part's own casing."""
    parts = {_key(p): p.strip() for p in _TITLE_SEPARATOR.split(title)}
    for h1 in tree.xpath("//h1"):
        text = element_text(h1)
        if text and _key(text) in parts and not _masthead(h1, text, site):
            return parts[_key(text)] if text.isupper() else text
    return None


def _masthead(h1: Any, text: str, site: str | None) -> bool:
    marks = f"{h1.get('class') or ''} {h1.get('id') or ''}".lower()
    home = any(urlsplit(href).path.strip("/") == "" for href in h1.xpath(".//a/@href"))
    return "logo" in marks or home or bool(site and _same_name(text, site))


def _visible_headline(tree: Any, title: str | None) -> str | None:
    """The page's one <h1> when it reads as the headline: what the reader sees.

    Meta titles are often rewritten for search ("Top 10 ... for 2025 | Site") while the <h1>
    carries the headline. An <h1> that shares few words with the title is still the headline
    when it is one of four to twenty words not ending as a sentence or a lead-in ("." or ":");
    a shorter one is a logo or a section name, and a masthead (a logo, a link to the home page)
    never is. (Not checked against the site's name here: some pages name their site with the
    whole title.)
    """
    # An <h1> in a menu, footer or sidebar ("Choose your region") is no second headline.
    found = headline_h1s(tree)
    if len(found) != 1 or not title:
        return title
    h1, words = element_text(found[0]), _words(title)
    if _masthead(found[0], h1, None):
        return title
    if h1.isupper() and _key(h1) == _key(title):
        return title  # the same words in capitals: the title keeps the headline's own casing
    shared = len(_words(h1) & words) / max(len(_words(h1) | words), 1)
    size, (fewest, most) = len(h1.split()), HEADLINE_WORDS
    if shared >= HEADLINE_OVERLAP and size >= 3:
        return h1
    return h1 if fewest <= size <= most and not h1.endswith((".", ":")) else title


def _repaired(text: str | None) -> str | None:
    """UTF-8 read as Latin-1 ("Investorâ\x80\x99s" -> "Investor’s"): C1 control characters
    never stand in text, so a string holding them is decoded again when that works."""
    if not text or not _C1_CONTROL.search(text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _strip_site(title: str | None, site: str | None) -> str | None:
    """ "Headline | Site" -> "Headline": drop the parts that name the site, else keep it all."""
    if not title:
        return None
    parts = [p for p in _TITLE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title.strip()
    site_words = _words(site)
    kept = [p for p in parts if not (site_words and _words(p) <= site_words)]
    if len(kept) == len(parts):
        # No part names the site: the longest part is the headline if it clearly dominates.
        longest = max(parts, key=len)
        if len(longest) >= 0.6 * len(title):
            return longest.strip()
        return title.strip()
    return " - ".join(kept).strip() if kept else title.strip()


def _is_site_name(title: str, site: str | None, tree: Any) -> bool:
    words = _words(title)
    host = _words(" ".join(tree.xpath("//link[@rel='canonical']/@href")))
    return bool(words) and (words <= _words(site) or words <= host)


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


def _clean_author(author: str | None, site: str | None) -> str | None:
    """A person or organisation: never a date, a URL, a site's name or a sentence."""
    if not author:
        return None
    names = []
    for name in re.split(r";|\s+and\s+|\s*&\s*", unescape(author) or ""):
        name = _BYLINE_PREFIX.sub("", " ".join(name.split())).strip(" ,|-")
        tokens = name.split()
        if not tokens or len(tokens) > _AUTHOR_MAX_WORDS or "http" in name or "@" in name:
            continue
        while tokens and _DATE_WORD.match(tokens[-1]):  # "Joshua Sokol May": a date glued on
            tokens.pop()
        if (
            not tokens
            or all(_DATE_WORD.match(t) for t in tokens)
            or name.lower() in _NOT_NAMES
            or {t.lower() for t in tokens} & _NOT_NAME_WORDS  # "NOC Admin", "About the Author"
            or _TEMPLATE_VARIABLE.search(name)
        ):
            continue
        name = " ".join(tokens)
        if site and _words(name) == _words(site):
            continue
        names.append(name)
    return "; ".join(dict.fromkeys(names)) or None
