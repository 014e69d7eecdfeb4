"""The article's author: the byline the page marks or shows, checked as a person's name.

Candidates come from the structured data (JSON-LD, meta tags), trafilatura's guess, the
elements a page marks as its byline ("By Jane Doe"), and a name in the header under the
headline; each is cleaned (no date, URL, site name, placeholder or label), and the site's own
name is the author only when no one else is named.
"""

from __future__ import annotations

import re
from typing import Any

from bot.page_header import DATE_PIECE_MAX_CHARS, HEADER_AFTER, Header
from bot.structured import unescape

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
    " or normalize-space(text()) = 'Written by' or normalize-space(text()) = 'Posted by'"
    " or starts-with(normalize-space(text()), 'Posted by ')"
    " or starts-with(normalize-space(text()), 'Written by ')]"
)
# A class or id token that names an author or byline: "author", "post-author", "byline__name".
_BYLINE_CLASS = re.compile(r"(^|[\s_-])(author|byline)(s|name)?($|[\s_-])", re.I)
_BYLINE_MAX_CHARS = 80
# A link to one author's page ("/author/jane-doe"), not to the list of them all ("/authors/").
_AUTHOR_PAGE = re.compile(r"/authors?/[^/?#]")
_NAME_PARTICLES = frozenset(
    {"de", "la", "van", "von", "der", "den", "da", "di", "del", "du", "le", "bin", "al", "y"}
)
_AUTHOR_MAX_WORDS = 8
# Placeholders that author fields of content-management systems are left holding.
_NOT_NAMES = frozenset(
    {"username", "admin", "administrator", "author", "staff", "unknown"}
    # a script's empty value written into the page ("undefined", "null")
    | {"undefined", "null", "none", "n/a"}
    # a post's category label or the site's keeper, no writer
    | {"category", "categories", "uncategorized", "uncategorised", "webmaster"}
    # a page's labels and buttons picked up as a byline: a comment form's "Name", "Contact"
    | set("name email e-mail contact homepage home website profile list topic topics".split())
)
# A job title after a name ("Jane Doe, Staff Writer", "Peter Hamby, CNN Political Reporter"),
# or standing as a piece of its own ("Product Manager").
_ROLE_WORDS = (
    r"(?:reporter|writer|editor|correspondent|manager|contributor|columnist|producer|intern"
    r"|director|analyst|blogger|photographer|staff|engineer|scientist|strategist|specialist"
    r"|consultant|coordinator|designer|developer|attorney|lawyer|educator|professor|researcher"
    r"|officer|founder|team|bureau)s?"
)
# A title or credential standing alone after a name ("Danielle Padula; Head", "Jane Doe; MD"):
# as a surname ("Jonathan Head") it has a first name before it.
_ROLE_ALONE = r"|head|lead|ceo|cto|cfo|coo|co-founder|m\.?d\.?|ph\.?d\.?"
_ROLE = re.compile(rf"(?:[\w.'’-]+\s+){{0,3}}{_ROLE_WORDS}{_ROLE_ALONE}", re.IGNORECASE)
_ROLE_AFTER = re.compile(rf",\s*(?:[\w.'’-]+\s+){{0,3}}{_ROLE_WORDS}$", re.IGNORECASE)
# A job title glued to the name with no comma, as a byline box's two lines are read: "Linda
# Rosencrance Contributing Writer", "Ben Silverman Games Editor", "Jane Doe - Editorial Team".
# One person's title (not "Valley Courier Staff", "The Upwork Team": a group's byline is the
# author), unless a dash or bar sets it off from the name.
_ROLE_GLUED = re.compile(
    rf"\s+(?:(?P<mark>[-–|])\s+)?(?P<role>(?:[\w.'’-]+\s+){{0,3}}{_ROLE_WORDS})$", re.IGNORECASE
)
_GROUP_ROLES = frozenset({"team", "teams", "staff", "bureau", "bureaus"})
_GLUED_NAME_WORDS = (2, 4)
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
        "articles",
        "reblogged",  # "Jo Bloggs reblogged this"
        "www",  # a web address read as a name: "Www Facebook Com"
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
        # a reader's comment signed "Jane Doe says:" or "… wrote:"
        "says",
        "wrote",
    }
)


def author_of(
    tree: Any, header: Header, structured: str | None, guessed: str | None, site: str | None
) -> str | None:
    """The author the page names (`structured`: its JSON-LD or meta tags'; `guessed`:
    trafilatura's), else a name in its header the markup does not mark."""
    return _author(tree, structured, guessed, site) or _header_byline(header)


def _author(tree: Any, structured: str | None, guessed: str | None, site: str | None) -> str | None:
    """The page's structured author, trafilatura's guess, then its visible byline; the site's
    own name (a company blog, a personal site) only when no one else is named."""
    byline = _byline(tree)
    guess = clean_author(guessed, None)
    if guess and ";" in guess and all(len(part.split()) == 1 for part in guess.split("; ")):
        # "Center; Research; Office": trafilatura cut an organisation's name into words
        # ("Center for Drug Evaluation and Research,Office of …"); a list of authors names
        # each by more than one word
        guess = None
    if guess and _only_in_credits(tree, guess):
        guess = None  # the photographer: "<cite><span class='byline'>Jane Doe / </span>AP</cite>"
    if guess and byline and _full_name(byline) and word_set(byline) < word_set(guess):
        # "Alan Boyle NBC News", "Jason Hart; RESIZE A A A" where the byline is "By Alan
        # Boyle": trafilatura took the text after the name too (not "CM", an avatar's initials)
        guess = byline
    if guess and byline and len(guess.split()) == 1 and len(byline.split()) > 1:
        guess = byline  # a handle or a word ("Google", "Fullysecret") against a full name
    candidates = [clean_author(structured, None), guess, byline]
    named = [c for c in candidates if c]
    if len(named) > 1 and _handle(named[0]) and any(len(c.split()) > 1 for c in named[1:]):
        named = named[1:]  # a login name in the structured data: "kffnirmitap", "jane.doe"
    if not site:
        return named[0] if named else None
    people = [_drop_site(c, site) for c in named]
    return next((c for c in people if c), None) or (named[0] if named else None)


def _handle(name: str) -> bool:
    """A user name, not how a person is named: one word without a capital letter, or with a
    dot, an underscore or digits inside it ("kffnirmitap", "andrew.keaveney", "jdoe_12")."""
    word = name.strip()
    if "." in word and word.rsplit(".", 1)[1].lower() in WEB_WORDS | _MORE_DOMAINS:
        return False  # "AccountingDepartment.com": the site's address, no login name
    return " " not in word and (word.islower() or bool(re.search(r"\w[._\d]\w", word)))


# Top-level domains beyond WEB_WORDS that end a site's address given as its author.
_MORE_DOMAINS = frozenset("io dev ai app news edu gov biz".split())


def _full_name(name: str) -> bool:
    """More than initials: "Alan Boyle", "LaborUnionReport", not "CM"."""
    return len(name.split()) > 1 or len(name) > 3


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
        pieces = [p for p in name.split(", ") if not same_name(p, site)]
        if pieces:
            kept.append(", ".join(pieces))
    return "; ".join(kept) or None


def same_name(name: str, site: str) -> bool:
    """ "The Courier" names the site "Valley Courier": its words (less "the") are the site's;
    "CBSNews.com" names "CBS News": the same letters, less the web address's parts."""
    words = word_set(name) - {"the"}
    return bool(words) and (words <= word_set(site) or _squashed(name) == _squashed(site))


def _squashed(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", name.lower())
    return "".join(w for w in words if w not in WEB_WORDS and w != "the")


# The parts of a web address that name no site: "www.cbsnews.com", "bbc.co.uk".
WEB_WORDS = frozenset("www com net org co uk info".split())


def _byline(tree: Any) -> str | None:
    """The visible byline: an element marked as the author (rel, itemprop, an "author" or
    "byline" class), else a short "By Jane Doe" / "Written by" line; never one in comments."""
    for el in tree.xpath(_BYLINE_XPATH):
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        href = el.get("href") or ""
        if not (
            el.get("rel")
            or el.get("itemprop")
            or _BYLINE_CLASS.search(marks)
            or _AUTHOR_PAGE.search(href)
        ):
            continue  # "authority-control", "coauthors-widget", "/authors/" (the list of all)
        if _in_comments_or_footer(el):
            continue
        name = _byline_text(el)
        if name:
            return name
    for el in tree.xpath(_BY_TEXT_XPATH):
        if _in_comments_or_footer(el) or not _BYLINE_PREFIX.match((el.text or "").strip()):
            continue  # "<a>Content Management</a> by <b>Vendor</b>": the "by" is not leading
        name = _byline_text(el)
        if (
            name
            and el.tag == "a"
            and " " not in name
            and not _AUTHOR_PAGE.search(el.get("href") or "")
        ):
            continue  # a link "By Category", "By Manufacturer": a way to browse, no byline
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
            cleaned = clean_author(piece, None)
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


def _only_in_credits(tree: Any, name: str) -> bool:
    """The page shows `name` (the first of a list) only inside <figure>, <figcaption> and
    <cite> or a comment thread: a photographer's credit, or a reader's comment signed
    "<cite>Jo Bloggs</cite>" or "<h4>Fabio</h4>". A name the page never shows whole (a
    commenter's name run into the comment, "Fabio Re-building bridges …") is looked up by its
    first word. (A byline inside <cite> is still read as a byline.)"""
    first = name.split("; ")[0].lower()
    shown = _texts_with(tree, first) or _texts_with(tree, first.split()[0])
    return bool(shown) and all(_in_credit(text.getparent()) for text in shown)


def _texts_with(tree: Any, words: str) -> list[Any]:
    return tree.xpath(  # type: ignore[no-any-return]
        "//body//text()[contains(translate(., $upper, $lower), $words)]",
        upper=_UPPER,
        lower=_UPPER.lower(),
        words=words,
    )


def _in_credit(el: Any) -> bool:
    if el.tag in _CREDITS or next(el.iterancestors(_CREDITS), None) is not None:
        return True
    return any(_COMMENT.match(mark) for node in el.iterancestors() for mark in _marks(node))


def _marks(el: Any) -> list[str]:
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CREDITS = ("figure", "figcaption", "cite")
# A class or id of a comment thread, or of a numbered comment in it: "comments", "commentlist",
# "comment-15684" (not a bare "comment": a site may so mark its byline, "Written by Ed Avis").
_COMMENT = re.compile(r"(?:comments|comment-?list|comment-?container)(?:-\d+)?$|comment-\d+$")


def _in_comments_or_footer(el: Any) -> bool:
    """In a comment, a footer, a menu, a box of related links, or a picture's caption."""
    for node in el.iterancestors():
        if node.tag in ("footer", "nav", "aside", "figure", "figcaption"):
            return True
        marks = " ".join(_marks(node))
        if "comment" in marks or "related" in marks:
            return True
    return False


def clean_author(author: str | None, site: str | None) -> str | None:
    """A person or organisation: never a date, a URL, a site's name or a sentence."""
    if not author:
        return None
    names = []
    for at, name in enumerate(_names_in(unescape(author) or "")):
        # '"Jane Doe"': a CMS that wrote the name's JSON string into JSON-LD once more
        name = _BYLINE_PREFIX.sub("", " ".join(name.split())).strip(' ,|-"“”')
        name = _ROLE_AFTER.sub("", name)  # "Jane Doe, Staff Writer" -> "Jane Doe"
        name = _without_glued_role(name)
        if at and _ROLE.fullmatch(name):
            # "Rudy Galfi; Product Manager": the name's job title, no second author, and what
            # follows it is the job's ("Karl Schmidt; Software Engineer; Google Maps")
            break
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
        name = " ".join(tokens).rstrip(" ,|-")  # "Lim Cheng Soon, 10 November 2010"
        if site and word_set(name) == word_set(site):
            continue
        names.append(name)
    return "; ".join(dict.fromkeys(names)) or None


def _names_in(author: str) -> list[str]:
    """The names an author field lists: split at ";", and at "and" or "&" where every part
    reads as a name ("Jane Doe and Jonathan Head"), not inside an organisation's name
    ("Center for Drug Evaluation and Research") or a site's ("Mac & i")."""
    names: list[str] = []
    for piece in author.split(";"):
        parts = re.split(r"\s+and\s+|\s*&\s*", piece)
        named = all(_looks_like_name(_BYLINE_PREFIX.sub("", p.strip())) for p in parts)
        names += parts if len(parts) == 1 or named else [piece]
    return names


def _without_glued_role(name: str) -> str:
    """ "Linda Rosencrance Contributing Writer" -> "Linda Rosencrance": the shortest start of
    two to four words that spaCy reads as a person, before a job title (`_ROLE_GLUED`)."""
    tokens = name.split()
    low, high = _GLUED_NAME_WORDS
    for size in range(low, min(high, len(tokens) - 1) + 1):
        person, rest = " ".join(tokens[:size]), " " + " ".join(tokens[size:])
        match = _ROLE_GLUED.fullmatch(rest)
        if match is None:
            continue
        one_person = match.group("role").split()[-1].lower() not in _GROUP_ROLES
        if (one_person or match.group("mark")) and _looks_like_name(person) and _a_person(person):
            return person
    return name


def word_set(text: str | None) -> set[str]:
    """The lowercased words of `text`, as a set."""
    return set(re.findall(r"\w+", (text or "").lower()))
