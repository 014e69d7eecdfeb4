"""The article body of an HTML page: trafilatura's passes, the one with the evidence chosen.

trafilatura's precision mode drops teasers and captions, which helps on modern pages, but on
older ones (tables, <br>-separated text, broken markup) it can lose much of the article while
its recall mode (which also runs trafilatura's readability and jusText fallbacks) finds it.
So the recall pass is the body when:
- the precise pass finds too little to be an article;
- the precise pass holds fewer words than the recall pass (`PRECISE_SHARE`): its cuts are
  then judged paragraph by paragraph, below.
Otherwise the precise pass is. When the recall pass is chosen, each of its paragraphs is
judged by the precise pass's evidence: a paragraph the precise pass did not find is kept only
where it sits between paragraphs it did find (part of the article's run), so an "about me"
sidebar, an author bio or a promo above or below the article is cut. That cut is made only
when it leaves an article (`PRECISE_MIN_WORDS`).

trafilatura's default pass is read too: it compares its own extraction with its readability
and jusText fallbacks and keeps the fuller one, and on some pages (an article split into blocks
that the precise and recall passes take for the page around one of them) it finds the whole
article where both found a fragment. It replaces the chosen pass when it holds many times its
words and holds the chosen pass's own paragraphs (it extends what was found, not swaps it for
the page around it): see `fuller`.

The shares were chosen on Zyte, Dragnet and WCXB samples, then checked on the even-numbered
pages of WCXB-dev and Dragnet (tuned) and the odd ones (held out).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from string import ascii_lowercase, ascii_uppercase
from typing import Any

from bot.article import count_words
from bot.furniture import is_byline

# A precise pass shorter than this found no article (extract.MIN_WORDS): the recall pass is read.
PRECISE_MIN_WORDS = 80
# The precise pass is kept when it holds at least this share of the recall pass's words; else
# the recall pass cut to the precise pass's run of paragraphs is the body (`within`), and what
# it adds inside the run is marked (`recall_only`). 1.0 (the precise pass only when the recall
# pass finds no more) was best on the even pages of both WCXB-dev and Dragnet once the cut to
# the run and the marks were in (0.8-1.01 tried, issue 10; 0.9 before, 0.7 earlier).
PRECISE_SHARE = 1.0
# The default pass replaces the chosen one when it holds this many times its words: below 4
# it mostly adds a page's sidebars and comments to a short post (Dragnet), at 5 it finds whole
# modern articles the other passes cut to a fragment (3-8 tried on the even pages, 4-5 best).
DEFAULT_GAIN = 5
# ... and when it holds at least this share of the chosen pass's words in the chosen pass's own
# paragraphs (a default pass that lost them found another part of the page).
DEFAULT_HOLDS = 0.5
# When the passes leave too few words (extract.MIN_WORDS) and not one paragraph this long,
# trafilatura's baseline (JSON-LD articleBody, <article>, every <p>) is the last resort, kept
# only when it holds such a paragraph, not just a list of teasers.
FALLBACK_PARAGRAPH_WORDS = 30
# ... and only when it holds this many times the passes' words: where the passes agree on a
# short article (50-70 words), the baseline's extra words are the page around it (a comment
# form, a list of links) and it lost some of the article; where it rescued an article the passes
# missed, it held 7 to 50 times their words (even Dragnet pages, issue 10x).
FALLBACK_GAIN = 3

# Boxes a page marks by class or id as no part of its article: a disclaimer, a sign-up form, the
# author's bio; pruned before each pass (trafilatura's own `prune_xpath`), never one that holds
# the headline. trafilatura's own list has "newsletter" and "author" but none of these. Of such
# boxes of 8+ words on WCXB-dev and Dragnet, 3 of 425 open with text the gold body holds; of
# the author boxes and Blogger's "About Me" profile, 0 of 55.
_PRUNED_MARKS = (
    "disclaimer",
    "disclosure",
    "signup",
    "sign-up",
    "sign_up",
    "author-bio",
    "authorbio",
    "author_bio",
    "about-the-author",
    "about-author",
    "author-box",
    "authorbox",
    "author_box",
    "profile-container",
    "profile-textblock",
)
_LOWER = f"translate(concat(@class, ' ', @id), '{ascii_uppercase}', '{ascii_lowercase}')"
PRUNED = (
    "//*[self::div or self::p or self::aside or self::section or self::form or self::span]"
    f"[not(.//h1)][{' or '.join(f'contains({_LOWER}, {mark!r})' for mark in _PRUNED_MARKS)}]"
)
_NOT_LETTERS = re.compile(r"[\W_]+")
# A headline's part of a title: at least this many words, set off by one of these.
HEADLINE_PART_WORDS = 4
TITLE_SEPARATORS = frozenset(":|-–—·•»")
# A paragraph shorter than this (in letters and digits) is not matched across passes: too short
# to be found reliably.
MIN_KEY_LETTERS = 12


# A line break that wraps one sentence across two lines, as a page pasted with its line ends
# has them ("… what everything does. At<br />Urge Fitness, we pride …"): after a run of at
# least `WRAPPED_LINE_WORDS` words that ends no sentence, before text that goes on. A shorter
# line is an address's, a signature's or a list's, and keeps its break.
_LINE_BREAK = re.compile(r"<br\s*/?>\s*", re.IGNORECASE)
WRAPPED_LINE_WORDS = 6
_SENTENCE_ENDS = (".", "!", "?", ":", ";", '"', "”", "’", ")")


@cache
def _function_words() -> frozenset[str]:
    """spaCy's English stop words: "at", "the", "of", "and" … (a line ending in one goes on)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


# A table that lays out the page (the columns of a 2008-era page) rather than data: one of its
# own cells holds paragraphs, headings, a list or a quote, and at least this many words.
# trafilatura reads every table as data and runs such a cell into one row ("| | | Schneier on
# Security … | | |"), a one-paragraph article; read as <div>s, its paragraphs stay paragraphs.
LAYOUT_CELL_WORDS = 50
_CELLS = "./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th"
_TABLE_PARTS = "./thead | ./tbody | ./tfoot | ./tr | ./*/tr | " + _CELLS
_BLOCKS = ".//p | .//div | .//blockquote | .//ul | .//ol | .//h2 | .//h3 | .//h4 | .//h1"


def layout_tables_opened(html: str) -> str:
    """`html` with each table that lays out the page made <div>s (see `LAYOUT_CELL_WORDS`);
    unchanged, not re-serialised, where it has none."""
    if "<table" not in html and "<TABLE" not in html:
        return html
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, etree.ParserError):
        return html
    layout = [table for table in tree.iter("table") if any(map(_lays_out, table.xpath(_CELLS)))]
    if not layout:
        return html
    for table in layout:
        for element in [table, *table.xpath(_TABLE_PARTS)]:
            element.tag = "div"
    return etree.tostring(tree.getroottree(), encoding="unicode", method="html")


def _lays_out(cell: Any) -> bool:
    return bool(cell.xpath(_BLOCKS)) and len(cell.text_content().split()) >= LAYOUT_CELL_WORDS


def unwrapped(html: str) -> str:
    """`html` with the line breaks that wrap a sentence made spaces, so that no sentence is
    cut into paragraphs (the passes read a <br> as the end of one, and trafilatura keeps the
    line ends of a source's text outside a <p>: "… here in San Francisco,\nand when …")."""

    source = _source_lines_joined(html)

    def join(match: re.Match[str]) -> str:
        before = source[source.rfind(">", 0, match.start()) + 1 : match.start()].rstrip()
        end = source.find("<", match.end())
        after = source[match.end() : end if end >= 0 else len(source)].lstrip()
        if len(before.split()) < WRAPPED_LINE_WORDS:
            return match.group()
        return " " if _goes_on(before, after) else match.group()

    return _LINE_BREAK.sub(join, source)


def _goes_on(before: str, after: str) -> bool:
    """Whether the text after a line break goes on the sentence before it: that sentence has
    not ended, and what follows is in lower case or comes after a word that cannot end one
    ("… At")."""
    if not before or before.endswith(_SENTENCE_ENDS):
        return False
    words = before.split()
    return after[:1].islower() or (after[:1].isalpha() and words[-1].lower() in _function_words())


# A tag or a comment; the elements whose text keeps its line ends (a browser shows them).
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w:-]*)[^>]*>", re.DOTALL)
_LINES_KEPT = frozenset({"pre", "textarea", "script", "style", "code", "xmp", "listing"})


def _source_lines_joined(html: str) -> str:
    """`html` with a line end of its source text made a space where the sentence goes on past
    it (`_goes_on`); a line end between a sentence's end and the next is left to the passes,
    which may read it as a paragraph's end. <pre>, <code> and scripts keep theirs."""
    pieces, kept, at = [], 0, 0
    for tag in [*_TAG.finditer(html), None]:
        text = html[at : tag.start() if tag else len(html)]
        pieces.append(text if kept or "\n" not in text else _lines_joined(text))
        if tag is None:
            break
        pieces.append(tag.group())
        name = (tag.group(2) or "").lower()
        if name in _LINES_KEPT and not tag.group().endswith("/>"):
            kept = max(kept - 1, 0) if tag.group(1) else kept + 1
        at = tag.end()
    return "".join(pieces)


def _lines_joined(text: str) -> str:
    """One run of source text between two tags, each line end where the sentence goes on past
    it made a space; the other line ends kept."""
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        before, after = out[-1].rstrip(), line.lstrip()
        if before and after and _goes_on(before, after):
            out[-1] = f"{before} {after}"
        else:
            out.append(line)
    return "\n".join(out)


@dataclass(frozen=True)
class Pass:
    """One trafilatura pass over a page: its name and the text it found; `precise` is the
    precise pass's text when it found an article but the recall pass was chosen, `header` the
    paragraphs between the headline and the precise pass's run, or its byline (see `within`,
    `recall_only`)."""

    name: str
    text: str
    precise: str = ""
    header: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]


def run_pass(html: str, url: str | None, name: str) -> Pass:
    """One trafilatura extraction: "precise", "default" or "recall"."""
    import trafilatura  # heavy import: only when a page needs it

    text = trafilatura.extract(
        html,
        url=url or None,
        include_comments=False,
        include_images=False,
        favor_precision=name == "precise",
        favor_recall=name == "recall",
        prune_xpath=PRUNED,
    )
    return Pass(name, _inline_breaks_joined(text or ""))


# Line ends trafilatura put inside a run of text loose in a <div>: round a link or an <i> in
# it ("… probably the hardest \nRicky\n and myself ever worked.", "It's only been\nless than
# 3 months\n since …", the space inside the link), where the text before ends on a space or
# mid-sentence (not "Caddy:\n" before a line of code) and the link's tail goes on in lower
# case after a space; or before such a tail.
_INLINE_BREAK = re.compile(
    r"(?:[ \t]+|(?<=[\w,]))\n([^\n]{1,60})\n (?=[a-z,;:.)])|\n (?=[a-z,;:.)])"
)


def _inline_breaks_joined(text: str) -> str:
    return _INLINE_BREAK.sub(lambda m: f" {m.group(1)} " if m.group(1) else " ", text)


def best_pass(html: str, url: str | None, headline: str | None = None) -> Pass:
    """The precise or the recall pass, whichever the evidence favours (see `choose`), or the
    default pass where it found the whole of what they found a fragment of (see `fuller`).
    `headline` is the page's headline, where the article starts (see `within`)."""
    chosen = choose(run_pass(html, url, "precise"), run_pass(html, url, "recall"), headline)
    return fuller(chosen, run_pass(html, url, "default"))


def fuller(chosen: Pass, default: Pass) -> Pass:
    """The default pass when it holds `DEFAULT_GAIN` times the chosen pass's words (and at least
    an article's) and `DEFAULT_HOLDS` of the chosen pass's paragraphs; else the chosen pass."""
    if default.words < max(PRECISE_MIN_WORDS, DEFAULT_GAIN * chosen.words):
        return chosen
    holds = _NOT_LETTERS.sub("", default.text)
    own = [p for p in chosen.paragraphs if len(_NOT_LETTERS.sub("", p)) >= MIN_KEY_LETTERS]
    kept = [p for p in own if _NOT_LETTERS.sub("", p) in holds]
    return default if _words(kept) >= DEFAULT_HOLDS * _words(own) else chosen


def baseline_pass(html: str) -> Pass:
    """trafilatura's baseline, if one of its paragraphs is a real paragraph; else empty."""
    from trafilatura import baseline

    _, text, _ = baseline(html)
    paragraphs = [line for line in text.split("\n") if line.strip()]
    if not any(count_words(line) >= FALLBACK_PARAGRAPH_WORDS for line in paragraphs):
        return Pass("baseline", "")
    return Pass("baseline", "\n".join(paragraphs))


def last_resort(found: list[str], baseline: list[str]) -> list[str]:
    """The baseline's paragraphs when they hold `FALLBACK_GAIN` times the words the passes
    found (an article they missed), else what the passes found (a short article)."""

    def words(paragraphs: list[str]) -> int:
        return sum(count_words(paragraph) for paragraph in paragraphs)

    return baseline if words(baseline) > FALLBACK_GAIN * words(found) else found


def choose(precise: Pass, recall: Pass, headline: str | None = None) -> Pass:
    """Recall when the precise pass found no article or holds less than `PRECISE_SHARE` of the
    recall pass's words, cut to the precise pass's run of paragraphs from the `headline` on
    (see `within`); else the precise pass."""
    if precise.words < PRECISE_MIN_WORDS:
        chosen = max(recall, precise, key=lambda p: p.words)
    else:
        chosen = precise if precise.words >= PRECISE_SHARE * recall.words else recall
    if chosen is not recall:
        return chosen
    cut = within(recall, precise, headline)
    if cut.words < PRECISE_MIN_WORDS:
        return recall
    if precise.words < PRECISE_MIN_WORDS:  # no article of its own: no evidence on paragraphs
        return cut
    # The cut was made and the precise pass found an article: its evidence judges paragraphs.
    return dataclasses.replace(cut, precise=precise.text)


def within(recall: Pass, precise: Pass, headline: str | None = None) -> Pass:
    """The recall pass from the first to the last paragraph the precise pass also found: what
    it adds between them is article the precise pass lost. What it adds above or below is the
    page around the article (a bio, a sidebar, a promo) when it is shorter than the run; a
    longer block is the rest of an article the precise pass cut short, and is kept.

    Above the run, the article starts at its headline: the paragraphs between a line that is
    the `headline` and the run (a standfirst, a byline, a lede the precise pass dropped) are
    kept as its `header`. On the even Dragnet pages such a header was article text in 25 of
    29 paragraphs (the opening paragraphs of a story, a deck, "By Jane Doe"), on the even
    WCXB-dev pages in 10 of 32 (bylines, dates, reading times, decks its gold leaves out); so
    it stays in the body but is no summary sentence or figure's source (`recall_only`). The
    header ends at a byline: below it the story has begun, and its lede is body like the run
    (5 of 5 such paragraphs on all Dragnet pages; a byline with no headline above it starts
    the article too)."""
    found = set(precise.paragraphs)
    paragraphs = recall.paragraphs
    at = [i for i, paragraph in enumerate(paragraphs) if paragraph in found]
    if not at:
        return Pass("recall", "")
    first, last = at[0], at[-1] + 1
    run = _words(paragraphs[first:last])
    if _words(paragraphs[:first]) >= run:
        first = 0
    header: list[str] = []
    heads = [i for i in range(first) if headline and is_headline(paragraphs[i], headline)]
    bylines = [i for i in range(heads[-1] if heads else 0, first) if is_byline(paragraphs[i])]
    if heads or bylines:
        start = heads[-1] if heads else bylines[-1]
        # Under a byline the story has begun: what follows it is its lede, no header.
        header = paragraphs[start + 1 : bylines[-1] + 1 if bylines else first]
        first = start
    if _words(paragraphs[last:]) >= run:
        last = len(paragraphs)
    text = "\n".join(paragraphs[first:last])
    return Pass("recall within precise", text, header="\n".join(header))


def is_headline(line: str, headline: str) -> bool:
    """Whether a line of the body is the headline, in any casing (an <h1> set in capitals),
    or the headline's part of a title that still holds the site's name ("Sponsors overboard
    …" under "The Science of Sport: Sponsors overboard …"; "Headline | Site")."""
    own, title = line.strip().casefold(), headline.strip().casefold()
    if own == title:
        return True
    if len(own.split()) < HEADLINE_PART_WORDS:
        return False
    if title.endswith(own):
        return title[: -len(own)].rstrip()[-1:] in TITLE_SEPARATORS
    return title.startswith(own) and title[len(own) :].lstrip()[:1] in TITLE_SEPARATORS


def recall_only(paragraphs: Sequence[str], chosen: Pass) -> tuple[bool, ...]:
    """For each paragraph of the body, whether only the recall pass found it: the precise pass
    found an article and left out this paragraph between two it found (a teaser, a caption, a
    bio or a promo inside the article's run, more often than not), or it is in the `header`
    between the headline and that run. Such a paragraph stays in the body, but is no summary
    sentence and no figure's source. () when no paragraph is one: the precise pass was chosen,
    or found no article and no header was kept, or its run left too little to cut the recall
    pass to."""
    keys = [_NOT_LETTERS.sub("", paragraph) for paragraph in paragraphs]
    header = {_NOT_LETTERS.sub("", line) for line in chosen.header.split("\n") if line.strip()}
    flags = [key in header for key in keys]
    precise = _NOT_LETTERS.sub("", chosen.precise)
    found = [i for i, key in enumerate(keys) if precise and key in precise]
    if found:
        # Only inside the precise pass's run: a block above or below it that `within` kept is
        # the rest of an article the precise pass cut short. A paragraph too short to be found
        # reliably (`MIN_KEY_LETTERS`) is not judged.
        for i, key in enumerate(keys):
            if found[0] < i < found[-1] and len(key) >= MIN_KEY_LETTERS and key not in precise:
                flags[i] = True
    return tuple(flags) if any(flags) else ()


def _words(paragraphs: list[str]) -> int:
    return sum(len(paragraph.split()) for paragraph in paragraphs)
