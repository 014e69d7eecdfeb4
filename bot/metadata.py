"""Headline, author and date of a page: its structured data first, then trafilatura's guesses.

trafilatura already reads JSON-LD, OpenGraph and <h1>; what it lacks are the sanity checks a
reader applies: a headline is not the site's name, an author is not a date, and a publication
date is not the copyright year in the footer or today's date. The headline is chosen here; the
author is read in `bot/byline.py`, the date in `bot/publication_date.py`, from the page's
structured data (`bot/structured.py`) and its header (`bot/page_header.py`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import unquote, urlsplit

import ftfy
from lxml import html as lxml_html

from bot.byline import WEB_WORDS, author_of, clean_author, same_name, word_set
from bot.furniture import is_furniture
from bot.page_header import Header, element_text, headline_h1s
from bot.publication_date import plausible_date, publication_date
from bot.structured import structured, unescape

# What separates a headline from the site's name in <title>: "Headline | Site", "Site - Headline".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»«]\s+|\s*[|·•»]\s*|\s+::\s+")
# Share of words (Jaccard) an <h1> must have with the meta title to be taken as the headline.
HEADLINE_OVERLAP = 0.3
# Words of an <h1> that is the headline although it shares few words with the meta title (a
# logo or a section name is shorter: "Our Blog", "VPN Services"), and the most a headline has
# (an <h1> holding a photo caption or the page's description is longer).
HEADLINE_WORDS = (4, 20)
# A folder that this many of a page's links go deeper into is a front page (`_front_page`).
FRONT_PAGE_LINKS = 5


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
    return page_metadata(html, guessed, url=url)


def page_metadata(
    html: str, guessed: Metadata, today: date | None = None, url: str | None = None
) -> Metadata:
    """Structured data first (JSON-LD, OpenGraph), then `guessed` (trafilatura), each checked;
    `url` is the page's own address."""
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return _checked(guessed, today)
    found = structured(tree)
    guessed_site = _clean_site(guessed.site)
    if guessed_site and guessed.title and _key(guessed_site) == _key(guessed.title):
        # trafilatura gave one text as title and site name: the headline (cut from the
        # title as if it were the site's name, it left "Healthcare Economist" as the title)
        # or the site's name; the host names the site either way
        guessed_site = _host(tree, url)
    site = _clean_site(found.site) or guessed_site
    headline = unescape(_headline(tree, found.headline, found.declared_title) or found.meta_title)
    title = (_h1_part(tree, headline, site) or _strip_site(headline, site)) if headline else None
    if not title:
        title = _title_from_page(tree, site) or unescape(guessed.title)
    title = _repaired(_shown_part(tree, _visible_headline(tree, title, site)))
    name = _masthead_name(tree)
    if title and site and not name:  # "Kalyn's Kitchen®: Soup Recipe" on kalynskitchen.com
        title = _without_site_prefix(title, site)
    if name and title:  # "Virtual Geek" in the masthead: "Headline - Virtual Geek" -> "Headline"
        if _key(title) != _key(name):
            title = _without_name(title, name)
        else:  # the title was the blog's name: the headline or <title> without it, if it has one
            whole = headline or _page_title(tree)
            stripped = _without_name(whole, name)
            title = stripped if stripped != whole else title
    title = _without_loose_marks(title)
    title = " ".join(title.split()) if title else title  # "Goodbye for\xa0now.": no widow's space
    header = Header.of(tree, today)  # the text pieces round the headline, walked once
    author = _repaired(author_of(tree, header, found.author, guessed.author, site))
    published = publication_date(tree, header, found.published, guessed.published, today, url)
    if site and title and not found.site and _is_headline(site, title):
        site = name or _host(tree, url)  # trafilatura took the headline for the site's name
    return Metadata(title, author, published, site, guessed.url and _unquoted_address(guessed.url))


def _is_headline(site: str, title: str) -> bool:
    """A "site name" that is the headline, or a long opening of it."""
    return _key(site) == _key(title) or (
        len(site.split()) > 5 and _key(title).startswith(_key(site))
    )


def _host(tree: Any, url: str | None) -> str | None:
    """The site's host from the page's address or its canonical link ("www.example.com")."""
    for address in (url or "", *tree.xpath("//link[@rel='canonical']/@href")):
        host = urlsplit(address).netloc
        if host:
            return host
    return None


def _clean_site(site: str | None) -> str | None:
    """The site's name without a copyright notice round it ("Copyright (c) 2012 ABC News
    Internet Ventures. All Rights Reserved." -> "ABC News Internet Ventures"); a URL gives its
    host; None when nothing is left."""
    if not site:
        return None
    if _ESCAPED.search(site) and " " not in site.strip():
        site = _unquoted_address(site)  # a page address escaped whole: "blog.example.fr%2Fposts"
        return urlsplit(site if "//" in site else f"//{site}").netloc or None
    if re.match(r"https?://", site.strip()):
        return urlsplit(site.strip()).netloc or None
    if not _COPYRIGHT_MARK.search(site):
        return site
    name = _COPYRIGHT.sub(" ", site)
    name = re.sub(r"\ball rights reserved\.?", " ", name, flags=re.IGNORECASE)
    name = _AFTER_THE_HOLDER.split(name, maxsplit=1)[0]  # "UC Regents. For more information …"
    name = " ".join(name.split()).strip(" .,-–—|©")
    return name if any(ch.isalpha() for ch in name) and not name.endswith("...") else None


_ESCAPED = re.compile(r"%[0-9A-Fa-f]{2}")


def _unquoted_address(address: str) -> str:
    """A page address whose slashes the page escaped with the rest
    ("https://blog.example.fr%2Fposts%2Fone") as a browser reads it; others as they are."""
    host = urlsplit(address.strip() if "//" in address else f"//{address.strip()}").netloc
    return unquote(address.strip()) if _ESCAPED.search(host) else address


# "Copyright", "(c)", "©", years and months and "by" before the holder's name.
_COPYRIGHT_MARK = re.compile(r"copyright|©|\(c\)", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"^\s*(?:(?:copyright|\(c\)|©|by|\d{4}(?:\s*[-–]\s*\d{2,4})?|(?:jan(?:uary)?|feb(?:ruary)?"
    r"|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)\b)[\s,.:]*)+",
    re.IGNORECASE,
)


# The end of the holder's name: a full stop after a word ("Regents. For …"; "U.S. News" goes on).
_AFTER_THE_HOLDER = re.compile(r"(?<=[a-z]{2})\.\s")


def _checked(meta: Metadata, today: date | None) -> Metadata:
    published = plausible_date(meta.published, today)
    author = clean_author(meta.author, meta.site)
    return Metadata(meta.title, author, published, meta.site, meta.url)


def _headline(tree: Any, structured: str | None, declared: str | None) -> str | None:
    """JSON-LD's headline, unless the declared title (Dublin Core's or OpenGraph's) or <title> and
    the page's <h1> agree on another one (a description or an old wording left in the structured
    data)."""
    if structured:
        own = _key(unescape(structured) or "")
        h1s = [_key(element_text(h)) for h in tree.xpath("//h1")]
        h1s = [k for h, k in zip(tree.xpath("//h1"), h1s, strict=True) if not _masthead(h, k, None)]
        titles = [" ".join(t.text_content().split()) for t in tree.xpath("//title")[:1]]
        for other in filter(None, [unescape(declared), *titles]):
            parts = {_key(p) for p in _TITLE_SEPARATOR.split(other)} | {_key(other)}
            if own not in h1s and own not in parts and parts & set(h1s):
                return declared or None
    return structured or declared or None


def _title_from_page(tree: Any, site: str | None) -> str | None:
    """<title> without the site's name; the <h1> when it is a part of <title> or <title> is
    only the site's name."""
    raw = _page_title(tree)
    h1s = [h for h in (element_text(h) for h in tree.xpath("//h1")) if h]
    title = _h1_part(tree, raw, site) or _strip_site(raw, site)
    if h1s and (not title or _is_site_name(title, site, tree)):
        return h1s[0]
    return title


def _page_title(tree: Any) -> str:
    titles = tree.xpath("//title")
    return " ".join(titles[0].text_content().split()) if titles else ""


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
    """The site's name or logo set as an <h1>: marked as a logo, the site's own name, or a link
    to the home page or to a blog's front page (`_front_page`); or a section's anchor, no
    headline either."""
    marks = f"{h1.get('class') or ''} {h1.get('id') or ''}".lower()
    return (
        "logo" in marks
        or _links_home(h1, text)
        or _anchors_a_section(h1)
        or bool(site and same_name(text, site))
    )


def _anchors_a_section(h1: Any) -> bool:
    """An <h1> that links to a place in the page ("<h1><a href='#setup'>Setup</a></h1>"): a
    section's heading inside the article, not its headline."""
    return any((a.get("href") or "").strip().startswith("#") for a in h1.iter("a"))


def _links_home(h1: Any, text: str, whole: bool = False) -> bool:
    """The <h1> links to the home page, or is as a whole a link to a blog's front page
    (`_front_page`); a section link inside a headline ("… <a href='/world/'>World</a>") is
    not one. `whole`: the home page's link too must be the whole <h1>."""
    for a in h1.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue  # an anchor in the page ("<a href='#section'>"), no link home
        path = urlsplit(href).path
        is_whole = _key(element_text(a)) == _key(text)
        if path.strip("/") == "" and (is_whole or not whole):
            return True
        if is_whole and _front_page(path, h1):
            return True
    return False


def _front_page(path: str, h1: Any) -> bool:
    """A folder one or two levels from the top of the site, with no digits or document in it,
    that `FRONT_PAGE_LINKS` of the page's links go deeper into: a blog's front page
    ("/virtual_geek/", its posts under "/virtual_geek/2012/10/…"; on a network of blogs
    "/blogs/onemileatatime/"). A story's own link ("/melaka-worth-a-visit/") leads nowhere
    deeper but to its feed."""
    folder = path.strip("/")
    if folder.count("/") > 1 or "." in folder or any(ch.isdigit() for ch in folder):
        return False  # deeper, a document ("/story.html") or a dated story's folder
    return _links_under(h1)[folder] >= FRONT_PAGE_LINKS


def _links_under(el: Any) -> Counter[str]:
    """How many of the page's distinct link paths go deeper into each folder of the first two
    levels; read once per page (the last page's count is kept: a page's <h1>s are checked many
    times)."""
    global _LINKS_UNDER
    root = el.getroottree().getroot()
    cached_root, counts = _LINKS_UNDER  # one read: another thread may replace it meanwhile
    if cached_root is not root:
        paths = {urlsplit(href).path for href in root.xpath("//a/@href")}
        counts = Counter()
        for parts in (p.strip("/").split("/") for p in paths):
            counts.update("/".join(parts[:n]) for n in (1, 2) if len(parts) > n and parts[n])
        _LINKS_UNDER = (root, counts)
    return counts


_LINKS_UNDER: tuple[Any, Counter[str]] = (None, Counter())


def _masthead_name(tree: Any) -> str | None:
    """The site's name as its masthead <h1> gives it, the whole <h1> a link to the home page
    or a blog's front page; or None."""
    for h1 in tree.xpath("//h1"):
        text = element_text(h1)
        if text and _links_home(h1, text, whole=True):
            return text
    return None


def _without_name(title: str, name: str) -> str:
    """`title` without the site's `name` before or after it ("Blog: Headline", "Headline -
    Blog"), when a headline of two words or more is left."""
    parts = [_NAME_FIRST.format(re.escape(name)), _NAME_LAST.format(re.escape(name))]
    if _HOST.fullmatch(name):  # "davidbau.com Vibe Coding": an address needs no mark after it
        parts.append(rf"^\s*{re.escape(name)}\s+")
    for part in parts:
        rest = re.sub(part, "", title, count=1, flags=re.IGNORECASE).strip()
        if rest != title.strip() and len(rest.split()) >= 2:
            return rest
    return title


def _without_site_prefix(title: str, site: str) -> str:
    """`title` without an opening part that spells the site's name ("Kalyn's Kitchen®: …" on
    kalynskitchen.com, "Art Bead Scene Blog: …" on artbeadscene.blogspot.com), when a
    headline of two words or more is left."""
    parts = re.match(rf"^(.{{3,60}}?)\s*{_PART_MARK}\s+(.+)$", title)
    if not parts or len(parts.group(2).split()) < 2 or len(site.split()) > _SITE_NAME_WORDS:
        return title  # a "site" as long as a headline is one trafilatura misread
    own = _spelled(site)
    return parts.group(2) if own and _spelled(parts.group(1)) == own else title


def _spelled(name: str) -> str:
    """A name's letters and digits, less a web address's parts and "blog" ("Art Bead Scene
    Blog", "artbeadscene.blogspot.com": "artbeadscene"; "garnix.io": "garnix")."""
    if _HOST.fullmatch(name.strip()):
        name = name.strip().rsplit(".", 1)[0]  # the top-level domain: ".io", ".dev", ".com"
    words = re.findall(r"[a-z0-9]+", name.lower())
    return "".join(w for w in words if w not in WEB_WORDS and w not in ("blog", "blogspot"))


# A host name: "davidbau.com", "blog.example.co.uk".
_HOST = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
# The mark between a site's name and the headline in a title: "Blog: Headline", "Headline « Blog".
_PART_MARK = r"(?:[:|\-–—·•»«]|::)"
_NAME_FIRST = r"^\s*{}\s*" + _PART_MARK + r"\s+"
_NAME_LAST = r"\s+" + _PART_MARK + r"\s*{}\s*$"


def _without_loose_marks(title: str | None) -> str | None:
    """`title` without a mark that has nothing on one side ("» Headline", "Headline |"): the
    site's name stood there and was taken away, by the site or by us."""
    words = (title or "").split()
    first, last = 0, len(words)
    while last - first > 1 and re.fullmatch(_PART_MARK, words[first]):
        first += 1
    while last - first > 1 and re.fullmatch(_PART_MARK, words[last - 1]):
        last -= 1
    return " ".join(words[first:last]) if (first, last) != (0, len(words)) else title


def _visible_headline(tree: Any, title: str | None, site: str | None = None) -> str | None:
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
    h1, words = element_text(found[0]), word_set(title)
    if _masthead(found[0], h1, None):
        return title
    if h1.isupper() and _key(h1) == _key(title):
        return title  # the same words in capitals: the title keeps the headline's own casing
    blog = re.match(rf"{re.escape(h1)}\s*:\s+(.+)$", title, re.IGNORECASE)
    if blog and len(blog.group(1).split()) >= len(h1.split()):
        return blog.group(1)  # "Schneier on Security: How …" with <h1>Schneier on Security</h1>
    own = found[0].text or ""
    if _key(own) == _key(title) and _key(h1) != _key(title):
        return title  # "Headline <span>Politics news, Updated Nov 06</span>": a label inside
    shared = len(word_set(h1) & words) / max(len(word_set(h1) | words), 1)
    size, (fewest, most) = len(h1.split()), HEADLINE_WORDS
    if shared >= HEADLINE_OVERLAP and size >= 3:
        return h1
    if _names_site(h1, site):  # "Designer Daily, design inspiration & resources": a slogan
        return title
    return h1 if fewest <= size <= most and not h1.endswith((".", ":")) else title


def _shown_part(tree: Any, title: str | None) -> str | None:
    """The part of <title> that the page shows as a heading, when `title` is shown as none.

    A heading that spells the same as `title` is the headline as the page shows it, with the
    punctuation its <title> lost. Older blogs set the post's headline as an <h2> or <h3> under
    their name's <h1>, and their <title> holds both ("Headline | Blog", "Blog - Headline");
    when `title` came out as the blog's name (or a misread site name took the headline part
    away), the longest run of <title>'s parts that a heading, or an element of one
    ("<h2><a>Section</a> <a>Headline</a>"), shows whole is the headline. A run of fewer than
    `SHOWN_PART_WORDS` words is a section or a name, and a date is no headline, unless the
    heading is the post's permalink (a `rel="bookmark"` link to the page's own address: "In
    Copenhagen…").
    """
    if not title:
        return title
    shown, permalinked = set(), set()
    letters: dict[str, str] = {}  # each heading's text by its letters alone
    own_address = _own_address(tree)
    for heading in tree.xpath("//h1 | //h2 | //h3"):
        text = element_text(heading)
        if text and not _masthead(heading, text, None):
            shown |= {_key(text), *(_key(element_text(el)) for el in heading.iterchildren("*"))}
            letters.setdefault(_letters(text), text)
            links = heading.xpath(".//a[contains(concat(' ', @rel, ' '), ' bookmark ')]/@href")
            if own_address and any(_address(h) == own_address for h in links):
                permalinked.add(_key(text))
    own = _key(title)
    if own in shown:
        return title
    shown_as = letters.get(_letters(title))
    if shown_as and len(_key(shown_as).split()) > len(own.split()):
        return shown_as  # "Chads World 15Flash" shown as "Chad’s World 15–Flash"
    for run in _runs(_page_title(tree)):
        key = _key(run)
        if own in key:
            continue  # the title with a site's or section's name or a date: "Headline - Video"
        long_enough = len(key.split()) >= SHOWN_PART_WORDS or key in permalinked
        if long_enough and key in shown and not is_furniture(run):
            return run
    return title


def _own_address(tree: Any) -> str | None:
    """The page's canonical address, scheme and trailing slash aside; None without one."""
    found = tree.xpath("//link[@rel='canonical']/@href")
    return _address(found[0]) if found else None


def _address(href: str) -> str:
    parts = urlsplit(href.strip())
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}"


def _runs(title: str) -> list[str]:
    """Each run of consecutive parts of a <title>, longest first: "A | B | C" gives "A | B |
    C", "A | B", "B | C", "A", "B", "C"; none for a title of more than `MAX_TITLE_PARTS`
    parts (a list, not a headline and names: and the runs grow as its square)."""
    cuts = [(m.start(), m.end()) for m in _TITLE_SEPARATOR.finditer(title)]
    if len(cuts) >= MAX_TITLE_PARTS:
        return []
    starts = [0, *(end for _, end in cuts)]
    ends = [*(start for start, _ in cuts), len(title)]
    runs = [
        title[starts[i] : ends[j]].strip() for i in range(len(starts)) for j in range(i, len(ends))
    ]
    return sorted(runs, key=len, reverse=True)


SHOWN_PART_WORDS = 3
MAX_TITLE_PARTS = 8


def _names_site(text: str, site: str | None) -> bool:
    """`text` holds all the words of the site's short name ("designer-daily.com": "Designer
    Daily") and more; a "site" as long as a headline is one trafilatura misread."""
    words = word_set(site) - WEB_WORDS - {"blog", "blogspot"}
    return 0 < len(words) <= _SITE_NAME_WORDS and words < word_set(text)


_SITE_NAME_WORDS = 4


def _repaired(text: str | None) -> str | None:
    """Mojibake repaired ("Investorâ\x80\x99s" -> "Investor’s"), as a fetched page's text is
    (bot.decode): trafilatura's reading of a page given as text may still hold it."""
    return ftfy.fix_encoding(text) if text else text


def _letters(text: str) -> str:
    """Only the letters and digits of `text`, lowercased: a title as a site mangled it (its
    apostrophes and dashes dropped) spells the same as the heading it shows."""
    return "".join(re.findall(r"[^\W_]+", text.lower()))


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _strip_site(title: str | None, site: str | None) -> str | None:
    """ "Headline | Site" -> "Headline": drop the parts that name the site, else keep it all."""
    if not title:
        return None
    parts = [p for p in _TITLE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title.strip()
    kept = [p for p in parts if not (site and same_name(p, site))]  # "The Everywhereist"
    if not kept:
        return title.strip()
    # The longest part left is the headline if it clearly dominates ("Headline | Section").
    rest = " | ".join(kept) if len(kept) < len(parts) else title
    longest = max(kept, key=len)
    if len(longest) >= 0.6 * len(rest):
        return longest.strip()
    return " - ".join(kept).strip() if len(kept) < len(parts) else title.strip()


def _is_site_name(title: str, site: str | None, tree: Any) -> bool:
    words = word_set(title)
    # the canonical link's host ("www.valley-notes.com"), not its path, which holds the slug
    host = word_set(
        " ".join(urlsplit(h).netloc for h in tree.xpath("//link[@rel='canonical']/@href"))
    )
    return bool(words) and (words <= word_set(site) or words <= host)
