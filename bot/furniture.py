"""The one article-body filter: page furniture that must never reach summary, figures or quotes.

Extraction runs every body through `strip_furniture`, so summary, figures and quotes all read
the same cleaned paragraphs. The rules are general shapes of furniture (a line that is mostly a
date, a byline, a row of share links, a pipe-separated menu, a photo credit, a disclaimer, a
"related" heading), never site names or page-specific strings.
"""

from __future__ import annotations

import re

from bot.numbers import WEEKDAY

# A body this long is an article; a trailer heading after it ends the article.
BODY_WORDS = 80
# Furniture lines are short: a real paragraph that merely mentions a date or "share" is not one.
SHORT_LINE_WORDS = 14
DISCLAIMER_WORDS = 40

# Headings that start the page furniture after an article. Checked only as short paragraphs
# of their own, so a sentence that mentions "related" survives. A comment form or section
# always ends the article.
_COMMENTS = re.compile(
    r"^(leave a (reply|comment)|post a comment|comments?( \(\d+\))?|join the conversation"
    r"|\d+ (comments?|responses?|replies)( so far)?)[:.]?$",
    re.IGNORECASE,
)
# A blog's feed links ("Subscribe to: Post Comments (Atom)") sit under the post, never above
# it: they end the article however short it is.
_FEED_LINKS = re.compile(
    r"^(subscribe to:?\s*)?(posts?|comments|post comments)\s\((atom|rss)\)$", re.IGNORECASE
)
# Teaser headings ("Related", "More from ...") end the article when what follows is shorter
# than the article itself; mid-article they head a box of teaser links, which is skipped.
_TRAILER = re.compile(
    r"^(you (may|might) also (like|be interested in)|related( articles| stories| content"
    r"| coverage| posts| links| news| topics)?|more (from|on|stories|news|in)\b.*"
    r"|recommended( for you| reading)?|most (read|popular|viewed|emailed)|trending( now)?"
    r"|share this( article| story| page)?|about the author|sign up\b.*|see also|further reading"
    r"|what(’|')s next|top stories|latest (news|stories))[:.]?$",
    re.IGNORECASE,
)
# In a teaser box, the links are short lines; the article resumes at a real paragraph.
TEASER_WORDS = 20
PROSE_PARAGRAPH_WORDS = 30  # a paragraph this long, ending a sentence, is no teaser
# Lines of furniture that can sit anywhere in the body.
_FURNITURE = re.compile(
    r"^(advertisement|sponsored( content)?|scroll down for video"
    r"|your email address will not be published\b.*|required fields are marked\b.*"
    r"|share on (facebook|twitter|x)|follow us on\b.*"
    r"|subscribe to:?|subscribe to our newsletter\b.*"
    r"|notify me of (follow-?up |new )?(comments|posts)\b.*"
    r"|please select which sections\b.*)$",
    re.IGNORECASE,
)
# Furniture that is only ever a short line of its own: credits, notices, disclaimers.
_SHORT_FURNITURE = re.compile(
    r"^((all rights reserved|copyright|©).*|.*\ball rights reserved\.?"
    r"|(click|tap) here\b.{0,80}|read more\b.{0,40}"
    r"|.*\b(views|opinions) expressed (here|(in|on) (this|these|the) (article|post|blog|site"
    r"|column)s?|by (the )?(authors?|contributors?|columnists?|bloggers?))\b.*"
    r"|.*\b(views|opinions) expressed\b.*\bnot necessarily\b.*"
    r"|.*\bnot necessarily (reflect|represent)s? the (views|opinions|position)\b.*"
    r"|.*\bis not responsible for the content of\b.*|.*©\s?\d{4}\b.*"
    r"|.*\blicensed under (a |the )?creative commons\b.*"
    r"|[\[(]?\s*(also (read|see)|see also)\b.{0,100}|related( \w+)?:.{0,100}"
    # reading times and relative timestamps: "8 min read", "May 3, 2012 // 8 min read",
    # "Published 4 hours ago", "2 days ago"
    r"|\d+ min(ute)?s?|.{0,60}\b\d+[\s-]?min(ute)?s?\.? read|(estimated )?reading time:?.{0,30}"
    r"|((published|posted|updated|last updated):?\s+)?(about |over )?(\d+|an?|one)"
    r" (seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago"
    # browser notices and blog trackback lines
    r"|.*\b(enable|enabling|turn on|upgrad(e|ing)) (your )?(javascript|browser|style sheets)\b.*"
    r"|.*\b(javascript|style sheets) (is )?(required|disabled|enabled)\b.*|.*\btrack ?backs?\b.*"
    r"|.*\blinks to (weblogs|blogs|posts|sites) that (reference|link to)\b.*"
    r"|.*\b(photo|image|picture|video)s? (credit|courtesy)\b.*"
    r"|\(?(photo|image|picture|file photo|credit|source)s?( by)?:.{0,80}"
    r"|\(?(photo|image|picture)s?( (at|on) (the )?(top|bottom|left|right)| above| below)? by [A-Z]"
    r".{0,60}"
    # captions: "left: a tent on the trail. right: ...", "... effectively. Picture: Getty"
    r"|(left|right|above|below|top|bottom|centre|center|inset|pictured)( (to|and) (left|right))?:"
    r"\s.*"
    r"|.*[.!?]\s+\(?(photo|image|picture|photograph|credit)s?( by)?:\s*(?-i:[A-Z])[^.!?]{0,40}"
    # a newsletter's own promotion: "Sign up to get it in your inbox", "X is a weekly newsletter"
    r"|.*\b(sign up|subscribe|delivered|straight|right)\b.*\b(to|in|into) your inbox\b.*"
    r"|.*\bnewsletter\b.*\b(sign up|subscribe|your inbox)\b.*"
    r"|.*\bis an? ((free|weekly|daily|monthly) )+newsletter\b.*"
    r"|.*\b(sign up|subscribe|register) (for|to) (our|the)( \w+){0,3} newsletters?\b.*"
    # a sign-up form's consent line: "By entering your email address you agree to our Terms"
    r"|by ((entering|providing|submitting) your e-?mail|signing up|subscribing|registering)\b"
    r".*\byou (agree|consent|accept)\b.*"
    # a post's meta line: "Posted by Jane Doe on May 3, 2012 in Buses, Harwick", "Filed under: News"
    r"|(posted|filed) (by|in|on|under)\b[^.!?]{0,150}"
    # the site selling its own wares: "Get our bestselling cookbook", "Download our free app"
    r"|(get|grab|download|order|pre-?order|buy|try) our\b.*"
    # affiliate and citation notices, "powered by" credits, follow-us and contact lines
    r"|.*\b(we|i|site) (may )?(earn|receive|get) (a )?(small )?(commission|compensation|fee)s?\b.*"
    r"|.*\b(earn|receive|get)s? (a )?(small )?(commission|compensation)s?\b.*"
    r"\b(links?|purchases?|orders?|buy)\b.*"
    r"|.*\b(products|items|services|companies)( \w+){0,2} (are|is|were|been) independently"
    r" (chosen|selected|reviewed|tested)\b.*"
    # review credits ("Reviewed by Dr Jane Doe, MD") and template filler
    r"|([-•*] )?(medically |expert[- ])?(reviewed|fact[- ]checked) by (?-i:[A-Z]).*"
    r"|lorem ipsum\b.*"
    r"|.*\baffiliate (links?|commission|partner)s?\b.*"
    r"|.*\b(citation style|style manual)\b.*"
    r"|.{0,40}\bpowered by( [^\s.!?]+){0,3}"
    r"|(you (should|can) |please )?(like|follow|join|find) .{0,40}"
    r"\bon (facebook|twitter|instagram)\b.*"
    r"|.*(::|\[|\()\s*at\s*(::|\]|\)).*(::|\[|\()\s*dot\s*(::|\]|\)).*)$",
    re.IGNORECASE,
)
# The opening sentence of a disclosure paragraph ("This post may contain affiliate links. This
# means … I only recommend products I use. Thank you for supporting …"): the whole paragraph is
# the notice, up to `DISCLOSURE_PARAGRAPH_WORDS`.
_DISCLOSURE = re.compile(
    r"[^.!?]*\b((contains?|includes?|are|uses?|has|have) (some )?affiliate links?"
    r"|(i|we) (may )?(earn|make|receive|get) (a )?(small )?commission"
    r"|(views|opinions) expressed (here|(in|on) this)|not necessarily (reflect|represent)s? the"
    r" (views|opinions|position)|sponsored (post|content))\b",
    re.IGNORECASE,
)
DISCLOSURE_PARAGRAPH_WORDS = 2 * DISCLAIMER_WORDS
# A photo caption closed by its credit, photographer and agency: "... were killed. (Jane
# Doe/Agency)". It stays in the body (where a gallery's gold text is its captions, cutting them
# cost word F1), but is never a summary sentence or a figure's source (`is_caption`).
# A video's blurb closed by its reporter, "... in Niagara County. CNN's Jane Doe reports.", is
# one too (4 paragraphs on the even Dragnet pages, none of them in the gold article).
_CREDITED_CAPTION = re.compile(
    r".*[.!?][\"'”’]?\s+(\([^()\s/][^()/]{0,40}(?:/[^()/\s][^()/]{0,40}){1,3}(?<![.!?])\)"
    r"|((?-i:[A-Z])\S* ){0,2}\S+['’]s( (?-i:[A-Z])[\w.'’-]*){1,3} reports\.)$",
    re.IGNORECASE,
)
# Previous/next links of a blog ("« Older post | Main | Newer post »") and layout rows ("| | |").
_NAVIGATION = re.compile(r"^[«‹][^»]*\s\|\s|\s\|\s[^«]*[»›]$|\|\s*\||(\s[›»]\s.*){2}")
# Words of share/print/e-mail bars and menus ("E-mail article Print view Share: Digg").
_BAR_WORDS = frozenset(
    """share shares sharing print printer printable email e-mail mail tweet twitter facebook
    linkedin reddit digg newsvine delicious stumbleupon pinterest whatsapp google+ google
    buzz comment comments view views article story page font text size increase decrease
    reprint reprints save bookmark rss feed subscribe follow like recommend permalink link
    copy yahoo myspace more close menu home login log in sign up register search next previous
    back top reset license licensing rate rating""".split()
)
_MONTH = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?"
)
# Tokens a dateline or timestamp is made of: dates, times, zones, "updated", "posted".
_DATE_TOKEN = re.compile(
    rf"^(({_MONTH})\.?|({WEEKDAY})[.,]?|\d{{1,4}}(st|nd|rd|th)?[,.]?|\d{{1,2}}[:.]\d{{2}}"
    r"([:.]\d{2})?|[ap]\.?m\.?|(?-i:[A-Z]{2,4})|gmt|utc|et|pt|bst|cet|updated|posted|published"
    r"|last|modified|on|at|by|de|del|le|am|um|page|[-–—|/,:•·]|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})$",
    re.IGNORECASE,
)
# What makes a line a date: a month or weekday name, a clock time or a numeric date.
_DATE_CORE = re.compile(
    rf"^(({_MONTH}|{WEEKDAY})[.,]?|\d{{1,2}}[:.]\d{{2}}([:.]\d{{2}})?([ap]\.?m\.?)?[,.]?"
    r"|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[,.]?)$",
    re.IGNORECASE,
)
# A data table's value cell ("+13.6%", "$147", "8.5", "1,200"): a row of a date and its values
# ("| 10/1/2021 | +13.6% |") is data, not a dateline.
_VALUE = re.compile(r"^[-+−]?[$€£¥]?\d[\d,.]*\s?(%|[kmb]n?)?$", re.IGNORECASE)
_SEPARATORS = frozenset("| • · - – — / »".split())
_LIST_MARK = re.compile(r"^[•·*-]\s+")
# A teaser's byline and date: "... By Jane Doe on October 30, 2012 at 02:10 p.m."
_DATED_BYLINE = re.compile(
    rf"\b[Bb]y( [A-Z][\w.'’-]+){{1,3}},? (on )?(?i:{_MONTH})\.? \d{{1,2}}(st|nd|rd|th)?, \d{{4}}"
    r"(,? (at )?\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?)?)?\s*$"
)
_BYLINE = re.compile(
    r"^(by|written by|story by|words by|text by|reporting by|from)(\s*:)?\s+\S+", re.IGNORECASE
)
# The most words a glued date has ("Sunday, December 30, 2007 - Page updated at 12:00 AM").
DATELINE_TOKENS = 12
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")


def strip_furniture(paragraphs: list[str]) -> list[str]:
    """Drop furniture lines, boxes of teaser links, and everything after a comment heading or,
    at the end of the article, a teaser heading."""
    lines = [p.strip() for p in paragraphs]
    kept: list[str] = []
    words = 0
    teasers = False  # inside a box of teaser links
    for at, paragraph in enumerate(lines):
        if _FEED_LINKS.match(paragraph):
            break
        if not paragraph or is_furniture(paragraph):
            continue
        paragraph = without_leading_dateline(paragraph)
        n = len(paragraph.split())
        # "Related" after a real body ends the article; at the very top it is a menu label.
        if words >= BODY_WORDS and n <= 6:
            if _COMMENTS.match(paragraph):
                break
            if _TRAILER.match(paragraph):
                rest = sum(len(line.split()) for line in lines[at + 1 :])
                if rest < words and not _prose_follows(lines[at + 1 :]):
                    break
                teasers = True
                continue
        if teasers and n < TEASER_WORDS:
            continue
        teasers = False
        kept.append(paragraph)
        words += n
    return kept


def without_leading_dateline(paragraph: str) -> str:
    """A paragraph without the post's date glued before its first sentence ("Tuesday, October
    23rd, 2012 Warning: This contains …" -> "Warning: This contains …"): a date of a weekday or
    a month with its year, then a capital. A sentence that opens with a date goes on without
    a capital or after a comma ("October 23, 2012, was …"), and a date after "On" is kept.
    The whole date goes or none of it: never "Page updated at 12:00 AM" left behind."""
    tokens = paragraph.split(" ")
    if not re.fullmatch(rf"(?:{_MONTH}|{WEEKDAY})[.,]?", tokens[0], re.IGNORECASE):
        return paragraph
    for k in range(min(DATELINE_TOKENS, len(tokens) - 3), 1, -1):
        prefix, first = tokens[:k], tokens[k]
        year = any(re.fullmatch(r"(?:1[89]|20)\d\d", t) for t in prefix)
        starts = first[:1].isupper() and not _DATE_TOKEN.match(first)  # not "Page updated"
        whole = all(_DATE_TOKEN.match(t) for t in prefix) and _is_dateline(prefix)
        if year and starts and not prefix[-1].endswith(",") and whole:
            return " ".join(tokens[k:])
    return paragraph


def _prose_follows(lines: list[str]) -> bool:
    """Whether the line after a "Related" heading is a paragraph of prose, the article going
    on: the heading labelled a box inside the article whose links the pass left out."""
    after = next((line for line in lines if line), "")
    long = len(after.split()) >= PROSE_PARAGRAPH_WORDS and bool(_SENTENCE_END.search(after))
    return long and not _LIST_MARK.match(after)  # a teaser with its blurb is a list item


def is_furniture(line: str) -> bool:
    """True for a line of page furniture: never article text, whatever page it is on."""
    # trafilatura escapes a "|" inside a table cell ("« Older post \| Main \| Newer post »"
    # in a layout table): a menu or a previous/next row is the same row escaped.
    line = line.strip().replace("\\|", "|")
    tokens = line.split()
    short = len(tokens) <= DISCLAIMER_WORDS and _SHORT_FURNITURE.match(_LIST_MARK.sub("", line))
    if _FURNITURE.match(line) or short:
        return True
    if len(tokens) <= DISCLOSURE_PARAGRAPH_WORDS and _DISCLOSURE.match(line):
        return True
    if is_table_row(line):  # a row of a data table is article (a layout row is not)
        return _is_dateline(tokens) and not any(map(_VALUE.match, _filled_cells(line)))
    if len(tokens) <= DISCLAIMER_WORDS and (_NAVIGATION.search(line) or _DATED_BYLINE.search(line)):
        return True
    words = [t for t in tokens if t not in _SEPARATORS]
    if not words or len(words) > SHORT_LINE_WORDS:
        return False
    return _is_pipe_row(line) or _is_dateline(tokens) or _is_bar(tokens) or _is_byline(line, tokens)


def holds_navigation(line: str) -> bool:
    """True when a blog's previous/next row or a layout row is anywhere in `line`, however long:
    trafilatura can glue one to the text after it ("« Older post | Main | Newer post » May 3,
    2012 Fares rise ..."). Such a paragraph stays in the body; no summary sentence holds one."""
    return bool(_NAVIGATION.search(line.strip().replace("\\|", "|")))


# A paragraph a label marks as the site's or the writer's notice, no news: "Disclosure: I am on
# the board of …", "DISCLAIMER: The information provided …", "(* Disclosure: … is a paid
# partner)". An editor's note may hold news, and is no notice.
_LABELLED_NOTICE = re.compile(
    r"^\W{0,3}(?:(?:advertiser|affiliate|legal|medical|financial) )?"
    r"(?:disclaimer|disclosure)s?\s*:",
    re.IGNORECASE,
)


# A teaser's link to the story it sums up, at its end: "… a four-game sweep. more »", "Learn
# more »", "Read more › |", "… [Read More]", "[Continue reading]", "Instead, the SEAG...read
# more" (never a sentence's end: "… to learn more."). Neither the teaser nor its blurb is
# this article's text, though the gold texts keep one now and then.
_TEASER_END = re.compile(
    r"(?:\bmore\s*[›»→❯]+|\[(?:read more|continue reading)\]|\b(?:read|learn) more\s*(?:…|\.\.\.)?)"
    r"\s*\|?$",
    re.IGNORECASE,
)


def is_aside(paragraph: str, author: str | None = None) -> bool:
    """True for a paragraph that stays in the body (the gold texts keep such paragraphs) but
    is never a summary sentence or a figure's source: a credited photo caption
    (`is_caption`), a labelled disclaimer or disclosure (`_LABELLED_NOTICE`), a teaser that
    ends on a link to read more (`_TEASER_END`) or a note on the article's own author."""
    text = paragraph.strip()
    return (
        is_caption(text)
        or _LABELLED_NOTICE.match(text) is not None
        or _TEASER_END.search(text) is not None
        or is_author_note(text, author)
    )


def is_author_note(paragraph: str, author: str | None) -> bool:
    """True for a paragraph about the article's own author, not its story: it opens with a
    byline's full name, then "is", "has", "was" or an aside ("Uwe E. Reinhardt is an
    economics professor at Princeton.", "Mark Tonkelowitz, an engineering manager at …, looks
    forward to …"), whatever its case in the byline ("UWE E. REINHARDT")."""
    names = [name.strip() for name in (author or "").split(";")]
    return any(
        len(name.split()) >= 2
        and re.match(rf"(?i:{re.escape(name)})(?:,| is | has | was )", paragraph) is not None
        for name in names
    )


def is_caption(paragraph: str) -> bool:
    """True for a short paragraph that ends with a photo credit (`_CREDITED_CAPTION`)."""
    paragraph = paragraph.strip()
    return len(paragraph.split()) <= DISCLAIMER_WORDS and bool(_CREDITED_CAPTION.match(paragraph))


def is_table_row(line: str) -> bool:
    """A row of a data table as trafilatura writes it ("| Denver | $147 | 8.5% |"): at least two
    cells with text. Layout rows ("| | | Site name | |") have one."""
    return line.startswith("|") and line.endswith("|") and len(_filled_cells(line)) >= 2


# A cell of this many words or more is prose laid out in a table ("| Cloud Security | Gartner
# projects … |"), read sentence by sentence like any paragraph.
PROSE_CELL_WORDS = 12


def is_data_row(line: str) -> bool:
    """A table row of short cells ("| Play Time | Varies, usually up to 1 hour. |"): one row
    of data, whatever full stops its cells hold."""
    return is_table_row(line) and all(
        len(cell.split()) < PROSE_CELL_WORDS for cell in _filled_cells(line)
    )


def _filled_cells(row: str) -> list[str]:
    """The cells of a table row that hold text."""
    cells = (c.strip() for c in row.strip().strip("|").split("|"))
    return [c for c in cells if any(ch.isalnum() for ch in c)]


def _is_pipe_row(line: str) -> bool:
    """Menus and meta rows: "Home | News | Sport", "Jane Doe | Valencia, 13 May 2024"."""
    line = _LIST_MARK.sub("", line)  # "• Item" is a list item, not a menu
    cells = [c.strip() for c in re.split(r"\s[|•·]\s|\s[|•·]$|^[|•·]\s", line)]
    return len(cells) >= 2 and not _SENTENCE_END.search(line)


def _is_dateline(tokens: list[str]) -> bool:
    """A line that is mostly a date or time ("Sunday, December 30, 2007 - updated 12:00 AM")."""
    stripped = [t.strip("()[]") for t in tokens]
    # A date needs a month, a weekday, a clock time or a numeric date: "- Founded: 2000",
    # "2. Mondly" or "24. HDR Photography" (list items) are not datelines.
    has_digit = any(ch.isdigit() for ch in "".join(tokens))
    if not has_digit or not any(_DATE_CORE.match(t) for t in stripped):
        return False
    dated = sum(1 for t in stripped if _DATE_TOKEN.match(t))
    return dated >= 0.6 * len(tokens)


def _is_bar(tokens: list[str]) -> bool:
    """A row of share/print/e-mail links ("E-mail article Print view Share: Digg Newsvine")."""
    words = [t.lower().strip(":|,.()[]") for t in tokens]
    words = [w for w in words if w and not w.isdigit()]
    bar = sum(1 for w in words if w in _BAR_WORDS)
    return len(words) >= 2 and bar >= 0.6 * len(words)


def is_byline(line: str) -> bool:
    """A byline line: "By Jane Doe", "By Jane Doe, Staff Writer"."""
    return _is_byline(line.strip(), line.split())


def _is_byline(line: str, tokens: list[str]) -> bool:
    """ "By Jane Doe", "By Jane Doe, Staff Writer": short, capitalised, no sentence end."""
    if not _BYLINE.match(line) or len(tokens) > SHORT_LINE_WORDS:
        return False
    # "By Jane Doe on October 30, 2012 at 03:56 p.m.": the date after the name is no sentence.
    rest = [t for t in tokens[1:] if not _DATE_TOKEN.match(t.strip("()[],"))]
    if len(rest) > 6 or _SENTENCE_END.search(" ".join(rest)):
        return False
    rest = [t for t in rest if t[:1].isalpha()]
    return bool(rest) and sum(1 for t in rest if t[:1].isupper()) >= 0.5 * len(rest)
