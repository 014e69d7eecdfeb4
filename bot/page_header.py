"""The article's header: the page's visible text pieces round its headline <h1>.

A byline and the date the page shows sit there ("By Jane Doe | March 3, 2025" under the
headline): the page is walked once, and the author and date readers look in what it gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from lxml import html as lxml_html

# The header of an article: text pieces (text nodes) this many before and after its <h1>.
HEADER_BEFORE = 5
HEADER_AFTER = 20
DATE_PIECE_MAX_CHARS = 120  # longer pieces are sentences, not a dateline
_EARLIEST_DATE = datetime(1995, 1, 1)
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "head"})
# A heading's text leaves out a date marked as one: the post's date set in its <h1>.
_NOT_HEADING_TEXT = _NOT_TEXT | {"time"}
# Elements whose bounds separate words although the markup has no space there:
# "Headline<br>Deck", "<p>Tax 101</p><h4>A guide</h4>".
_BREAKING = frozenset({"br", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section"})


@dataclass(frozen=True)
class Header:
    """The body's visible text pieces (each with its <time>'s datetime), where the headline
    <h1> starts among them (None: no headline), and the latest date a page may carry."""

    pieces: list[tuple[str, str | None]]
    headline_at: int | None
    latest: datetime

    @classmethod
    def of(cls, tree: Any, today: date | None) -> Header:
        pieces, headline_at = _pieces_round_h1(tree)
        return cls(
            pieces, headline_at, datetime.combine(today or date.today(), datetime.min.time())
        )

    def plausible(self, day: str) -> bool:
        """Within the years a page may carry: not an unset "1970-01-01", nor a future day."""
        return _EARLIEST_DATE.date().isoformat() <= day <= self.latest.date().isoformat()

    def read_date(self, text: str) -> str | None:
        """htmldate's reading of a date written in `text`, within the plausible years."""
        from htmldate.extractors import try_date_expr  # heavy import: only when a page needs it

        read = try_date_expr(text, "%Y-%m-%d", True, _EARLIEST_DATE, self.latest)
        # dateparser guesses one language per text: "on 04-ago-2021" (an English word before a
        # Spanish month) is read from its first digit.
        first_digit = re.search(r"\d", text)
        if read is None and first_digit and first_digit.start():
            read = try_date_expr(
                text[first_digit.start() :], "%Y-%m-%d", True, _EARLIEST_DATE, self.latest
            )
        return read


def _pieces_round_h1(tree: Any) -> tuple[list[tuple[str, str | None]], int | None]:
    """The body's visible text nodes in page order, each with the datetime of the <time> it
    is in (if any), and the index of the headline's first piece."""
    headline = next(iter(headline_h1s(tree)), None)
    body = tree.find(".//body")
    if headline is None or body is None:
        return [], None
    pieces: list[tuple[str, str | None]] = []
    headline_at = None
    hidden = 0
    for event, el in lxml_html.etree.iterwalk(body, events=("start", "end")):
        named = isinstance(el.tag, str)
        if event == "start":
            if el is headline:
                headline_at = len(pieces)
            if named and el.tag in _NOT_TEXT:
                hidden += 1
            elif named and not hidden and el.text and el.text.strip():
                pieces.append((" ".join(el.text.split()), _datetime_of(el)))
        else:
            if named and el.tag in _NOT_TEXT:
                hidden -= 1
            parent = el.getparent()
            if not hidden and el is not body and el.tail and el.tail.strip():
                pieces.append((" ".join(el.tail.split()), _datetime_of(parent)))
    return pieces, headline_at


def _datetime_of(el: Any) -> str | None:
    """The datetime of the <time> element `el` is, or is directly inside."""
    for node in (el, el.getparent()):
        if node is not None and node.tag == "time" and node.get("datetime"):
            return str(node.get("datetime"))
    return None


def headline_h1s(tree: Any) -> list[Any]:
    """The <h1> elements that may be the article's headline: not in a pop-up (a newsletter
    dialog's "Free Email Course"), a menu, a footer or a sidebar; each wording once (a
    headline repeated for mobile and desktop layouts)."""
    kept, seen = [], set()
    for h1 in tree.xpath("//h1"):
        text = element_text(h1)
        if not text or text in seen or _in_page_chrome(h1):
            continue
        seen.add(text)
        kept.append(h1)
    return kept


def _in_page_chrome(el: Any) -> bool:
    """Inside a dialog, a menu, a footer or a sidebar, and not in an article or main part
    within it (a page wrapped whole in a "dialog-off-canvas" container)."""
    for node in el.iterancestors():
        if node.tag in ("article", "main") or node.get("role") == "main":
            return False
        if node.tag in ("dialog", "nav", "footer", "aside") or node.get("role") == "dialog":
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if any(word in marks for word in ("modal", "popup", "dialog")):
            return True
    return False


def element_text(el: Any) -> str:
    """An element's text, whitespace-normalised, with a space at a line break or a block's
    bounds (lxml's text_content() glues "Top MBA Programs<br>Your Guide" into "ProgramsYour");
    without a date marked as one: "<h1><time>Dec 18 2025</time> Headline</h1>" is "Headline"."""
    parts: list[str] = []
    hidden = 0  # how deep inside an element whose text is not shown (a script, a <time>)
    for event, node in lxml_html.etree.iterwalk(el, events=("start", "end")):
        named = isinstance(node.tag, str)
        if named and node.tag in _BREAKING:
            parts.append(" ")
        skipped = named and node.tag in _NOT_HEADING_TEXT and node is not el
        if event == "start":
            hidden += skipped
            if not hidden and named and node.text:
                parts.append(node.text)
        if event == "end":
            hidden -= skipped
            if not hidden and node is not el and node.tail:
                parts.append(node.tail)
    return " ".join("".join(parts).split())
