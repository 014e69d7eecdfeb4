"""Headline, author and date of a page: its structured data first, then trafilatura's guesses.

trafilatura already reads JSON-LD, OpenGraph and <h1>; what it lacks are the sanity checks a
reader applies: a headline is not the site's name, an author is not a date, and a publication
date is not the copyright year in the footer or today's date.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from lxml import html as lxml_html

_ARTICLE_TYPES = re.compile(r"(News)?Article$|BlogPosting$|Report$|Posting$", re.IGNORECASE)
# What separates a headline from the site's name in <title>: "Headline | Site", "Site - Headline".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+|\s*[|·•»]\s*|\s+::\s+")
_MONTHS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|january|february|march|april|june|july"
    r"|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday"
)
_DATE_WORD = re.compile(rf"^(({_MONTHS})\.?,?|\d+(st|nd|rd|th)?,?|[ap]m|updated|posted)$", re.I)
_BYLINE_PREFIX = re.compile(r"^(by|written by|posted by|von|par|por|di|door)(\s+|$)", re.I)
_AUTHOR_MAX_WORDS = 8
# Share of words (Jaccard) an <h1> must have with the meta title to be taken as the headline.
HEADLINE_OVERLAP = 0.3
# Placeholders that author fields of content-management systems are left holding.
_NOT_NAMES = frozenset({"username", "admin", "administrator", "author", "staff", "unknown"})


@dataclass(frozen=True)
class Metadata:
    """What an article carries besides its text."""

    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    site: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class _Structured:
    headline: str | None = None
    author: str | None = None
    published: str | None = None
    site: str | None = None


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
    found = _structured(tree)
    site = found.site or guessed.site
    title = _strip_site(_unescape(found.headline), site) if found.headline else None
    if not title:
        title = _title_from_page(tree, site) or _unescape(guessed.title)
    title = _visible_headline(tree, title)
    author = _clean_author(found.author, site) or _clean_author(guessed.author, site)
    # htmldate (trafilatura's date) reads the same structured data and converts time zones
    # as the site does; the page's own datePublished is the fallback when its guess fails.
    published = _plausible_date(guessed.published, today) or _iso_date(found.published)
    return Metadata(title, author, published, site, guessed.url)


def _checked(meta: Metadata, today: date | None) -> Metadata:
    published = _plausible_date(meta.published, today)
    author = _clean_author(meta.author, meta.site)
    return Metadata(meta.title, author, published, meta.site, meta.url)


def _plausible_date(value: str | None, today: date | None) -> str | None:
    """Not htmldate's last resorts: a bare year ("© 2008" -> 2008-01-01), or the crawl date."""
    published = _iso_date(value)
    latest = (today or date.today()).isoformat()
    if published and (published.endswith("-01-01") or published >= latest):
        return None
    return published


def _iso_date(value: str | None) -> str | None:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    return match.group(0) if match else None


def _structured(tree: Any) -> _Structured:
    """JSON-LD's article object, then OpenGraph/article: meta tags."""
    meta = {
        (el.get("property") or el.get("name") or "").lower(): (el.get("content") or "").strip()
        for el in tree.iter("meta")
    }
    ld = _json_ld_article(tree)
    publisher = ld.get("publisher")
    return _Structured(
        headline=_text(ld.get("headline")) or meta.get("og:title") or meta.get("twitter:title"),
        author=_names(ld.get("author")) or _author_meta(meta),
        published=_text(ld.get("datePublished"))
        or meta.get("article:published_time")
        or meta.get("og:published_time")
        or None,
        site=meta.get("og:site_name") or _names(publisher) or None,
    )


def _author_meta(meta: dict[str, str]) -> str | None:
    for key in ("author", "article:author", "dc.creator", "byl", "sailthru.author"):
        value = meta.get(key, "")
        if value and not value.startswith("http"):
            return value
    return None


def _json_ld_article(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object whose @type is an article (searching @graph and lists)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        for item in _walk(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and _ARTICLE_TYPES.search(t) for t in types):
                return item
    return {}


def _walk(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for entry in data for item in _walk(entry)]
    if isinstance(data, dict):
        return [data, *_walk(data.get("@graph", []))]
    return []


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _names(value: Any) -> str | None:
    """ "Jane Doe", {"name": "Jane Doe"} or a list of them, as "Jane Doe; John Roe"."""
    entries = value if isinstance(value, list) else [value]
    names = []
    for entry in entries:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str) and name.strip() and not name.startswith("http"):
            names.append(name.strip())
    return "; ".join(dict.fromkeys(names)) or None


def _title_from_page(tree: Any, site: str | None) -> str | None:
    """<title> without the site's name; the <h1> when it is a part of <title> or <title> is
    only the site's name."""
    titles = tree.xpath("//title")
    raw = " ".join(titles[0].text_content().split()) if titles else ""
    h1s = [h for h in (" ".join(h.text_content().split()) for h in tree.xpath("//h1")) if h]
    parts = {_key(p) for p in _TITLE_SEPARATOR.split(raw)}
    for h1 in h1s:
        if _key(h1) in parts:  # "Headline | Site" with <h1>Headline</h1>
            return h1
    title = _strip_site(raw, site)
    if h1s and (not title or _is_site_name(title, site, tree)):
        return h1s[0]
    return title


def _visible_headline(tree: Any, title: str | None) -> str | None:
    """The page's one <h1> when it is a wording of the same headline: what the reader sees.

    Meta titles are often rewritten for search ("Top 10 ... for 2025 | Site") while the <h1>
    carries the headline; an <h1> that shares few words with the title is a logo or a section
    name, not the headline, and is left alone.
    """
    h1s = [h for h in (" ".join(h.text_content().split()) for h in tree.xpath("//h1")) if h]
    if len(h1s) != 1 or not title:
        return title
    h1, words = h1s[0], _words(title)
    shared = len(_words(h1) & words) / max(len(_words(h1) | words), 1)
    return h1 if shared >= HEADLINE_OVERLAP and len(h1.split()) >= 3 else title


def _unescape(text: str | None) -> str | None:
    """Meta tags double-escape entities ("&amp;#8230;"): undo both layers."""
    return html_lib.unescape(html_lib.unescape(text)) if text else text


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
    for name in re.split(r";|\s+and\s+|\s*&\s*", author):
        name = _BYLINE_PREFIX.sub("", " ".join(name.split())).strip(" ,|-")
        tokens = name.split()
        if not tokens or len(tokens) > _AUTHOR_MAX_WORDS or "http" in name or "@" in name:
            continue
        while tokens and _DATE_WORD.match(tokens[-1]):  # "Joshua Sokol May": a date glued on
            tokens.pop()
        if not tokens or all(_DATE_WORD.match(t) for t in tokens) or name.lower() in _NOT_NAMES:
            continue
        name = " ".join(tokens)
        if site and _words(name) == _words(site):
            continue
        names.append(name)
    return "; ".join(dict.fromkeys(names)) or None
