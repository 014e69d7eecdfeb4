"""What a page declares about itself: its JSON-LD objects and <meta> tags.

The headline, the author, the publication and modification dates and the site's name as the
page states them for machines; `bot/metadata.py` and its readers check them against what the
page shows.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_ARTICLE_TYPES = re.compile(r"(News)?Article$|BlogPosting$|Report$|Posting$", re.IGNORECASE)
# A CDATA wrapper round a script's JSON, bare or inside JavaScript comments.
_CDATA = re.compile(r"^\s*(//|/\*)?\s*<!\[CDATA\[\s*(\*/)?|(//|/\*)?\s*\]\]>\s*(\*/)?\s*$")
# The title a page declares for the record: Dublin Core's before OpenGraph's (a share card's,
# sometimes reworded for social media), as Mozilla's Readability ranks them.
_DECLARED_TITLES = ("dc:title", "dc.title", "dcterms.title", "og:title")
# Title tags after those: Twitter's, Parse.ly's.
_META_TITLES = ("twitter:title", "parsely-title")


@dataclass(frozen=True)
class Structured:
    """The article's fields as its structured data states them."""

    headline: str | None = None  # JSON-LD's
    declared_title: str | None = None  # the first of Dublin Core's and OpenGraph's
    meta_title: str | None = None  # the first of Twitter's and Parse.ly's
    author: str | None = None
    published: str | None = None
    site: str | None = None


def structured(tree: Any) -> Structured:
    """JSON-LD's article object, then OpenGraph/article: meta tags."""
    # One tag may name several properties: <meta property="og:title twitter:title" content=…>.
    meta = {
        key: (el.get("content") or "").strip()
        for el in tree.iter("meta")
        if (el.get("content") or "").strip()
        for key in (el.get("property") or el.get("name") or "").lower().split()
    }
    ld = _json_ld_article(tree)
    publisher = ld.get("publisher")
    titles = (meta.get(key) for key in _META_TITLES)
    return Structured(
        headline=_text(ld.get("headline")),
        declared_title=next(filter(None, (meta.get(key) for key in _DECLARED_TITLES)), None),
        meta_title=next(filter(None, titles), None),
        author=_names(ld.get("author")) or _author_meta(meta) or _citation_authors(tree),
        published=_text(ld.get("datePublished"))
        or meta.get("article:published_time")
        or meta.get("og:published_time")
        or None,
        site=meta.get("og:site_name") or _names(publisher) or None,
    )


def declared_dates(tree: Any) -> tuple[set[str], set[str]]:
    """The days a page declares it was published and modified: JSON-LD (any object, @graph
    included) and <meta> (article:published_time, og:updated_time, itemprop, "date")."""
    published: set[str] = set()
    modified: set[str] = set()
    for item in _json_ld_objects(tree):
        published.update(filter(None, [iso_date(_text(item.get("datePublished")))]))
        modified.update(filter(None, [iso_date(_text(item.get("dateModified")))]))
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        day = iso_date(el.get("content"))
        if not day:
            continue
        if "modified" in key or "updated" in key:
            modified.add(day)
        elif "published" in key or "created" in key or "date" in key:
            published.add(day)
    return published, modified


def iso_date(value: str | None) -> str | None:
    """The YYYY-MM-DD a value opens with ("2024-01-03T09:00:00Z" -> "2024-01-03")."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    return match.group(0) if match else None


def unescape(text: str | None) -> str | None:
    """Meta tags double-escape entities ("&amp;#8230;"): undo both layers."""
    return html_lib.unescape(html_lib.unescape(text)) if text else text


def _author_meta(meta: dict[str, str]) -> str | None:
    for key in ("author", "article:author", "dc.creator", "byl", "sailthru.author"):
        value = meta.get(key, "")
        if value and not value.startswith("http"):
            return value
    return None


def _citation_authors(tree: Any) -> str | None:
    """The authors of a paper's page, as its Highwire Press tags (Google Scholar's) list them:
    one <meta name="citation_author"> each, "Roy, Aniruddha" or "Aniruddha Roy" ->
    "Aniruddha Roy; …"."""
    names = tree.xpath("//meta[@name='citation_author' or @name='citation_authors']/@content")
    listed = [name.strip() for value in names for name in value.split(";") if name.strip()]
    return "; ".join(_given_name_first(name) for name in listed) or None


def _given_name_first(name: str) -> str:
    """ "Roy, Aniruddha" -> "Aniruddha Roy"; "King, Jr." and "A. Roy" stay as written."""
    family, comma, given = name.partition(",")
    given = given.strip()
    if not comma or not given or "," in given or _SUFFIX.fullmatch(given):
        return name
    return f"{given} {family.strip()}"


# What follows a comma in a name that is no given name: "Martin Luther King, Jr.", "…, PhD".
_SUFFIX = re.compile(r"(?:jr|sr|ii|iii|iv|phd|md)\.?", re.IGNORECASE)


def _json_ld_article(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object whose @type is an article (searching @graph and lists)."""
    for item in _json_ld_objects(tree):
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and _ARTICLE_TYPES.search(t) for t in types):
            return item
    return {}


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, in page order (@graph and lists searched)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(_CDATA.sub("", script.text_content()))
        except ValueError:
            continue
        yield from _walk(data)


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
