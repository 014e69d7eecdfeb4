"""The day a page was published: htmldate's reading (trafilatura's date), checked against
the dates the page declares and the dates its header shows by the headline.

htmldate's last resorts (a bare copyright year, the crawl date) are no publication date, nor is
a day outside the plausible years; an ambiguous "04/06/2025" is read the way the page's own
machine-readable dates or its language write it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from bot.page_header import DATE_PIECE_MAX_CHARS, HEADER_AFTER, HEADER_BEFORE, Header
from bot.structured import declared_dates, iso_date


def publication_date(
    tree: Any,
    header: Header,
    date_published: str | None,
    guessed: str | None,
    today: date | None,
    url: str | None = None,
) -> str | None:
    """The publication date from htmldate's guess and the datePublished the page declares
    (JSON-LD's, else OpenGraph's), checked against the header's shown dates and the dated
    path of the story's address."""
    # htmldate (trafilatura's date) reads the same structured data and converts time zones
    # as the site does; the page's own datePublished is the fallback when its guess fails.
    published = _htmldate_or_declared(tree, date_published, plausible_date(guessed, today))
    return _as_the_address_dates_it(_shown_date(tree, header, published), tree, header, url)


def _as_the_address_dates_it(
    published: str | None, tree: Any, header: Header, url: str | None
) -> str | None:
    """`published` checked against the dated path of the story's address (`url`, the
    canonical link, og:url: "/2012/11/06/", "/2012/11/"), which a site writes once, when it
    publishes. Where the two disagree on the month: the day and month swapped when that
    reading agrees (an American "11/06/2012" read as 11 June), else the address's date, to the
    day where it has one and else to the month ("2012-11"); never a day before 1995 or after
    today (`Header.plausible`), as for any date the page shows."""
    addresses = [url or "", *tree.xpath("//link[@rel='canonical']/@href"),
                 *tree.xpath("//meta[@property='og:url']/@content")]  # fmt: skip
    dated = next((m for a in addresses if (m := _DATED_PATH.search(a))), None)
    if dated is None:
        return published
    year, month, day = dated.groups()
    addressed = f"{year}-{month}-{day}" if day else f"{year}-{month}"
    if (published and published[:7] == addressed[:7]) or not header.plausible(addressed):
        return published
    if published and len(published) == 10 and int(published[8:]) <= 12:
        swapped = f"{published[:4]}-{published[8:]}-{published[5:7]}"
        if swapped[:7] == addressed[:7] and header.plausible(swapped):
            return swapped
    return addressed


# A dated path in a story's address: "/2012/11/", "/2012/11/06/".
_DATED_PATH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")


def plausible_date(value: str | None, today: date | None) -> str | None:
    """Not htmldate's last resorts: a bare year ("© 2008" -> 2008-01-01), or the crawl date."""
    published = iso_date(value)
    latest = (today or date.today()).isoformat()
    if published and (published.endswith("-01-01") or published >= latest):
        return None
    return published


def _htmldate_or_declared(tree: Any, date_published: str | None, guessed: str | None) -> str | None:
    """htmldate's date, unless it reads an ambiguous "04/06/2025" the other way round from
    the page's machine-readable dates (JSON-LD, OpenGraph, <time datetime>).

    (htmldate sometimes returns the declared dateModified although an earlier datePublished is
    declared; on WCXB-dev the gold date sides with each about equally often, so it is kept.)
    """
    published = iso_date(date_published)
    if not guessed:
        return published
    year, month, day = guessed.split("-")
    if month != day and int(day) <= 12:
        swapped = f"{year}-{day}-{month}"
        declared = [published, *(iso_date(v) for v in tree.xpath("//time/@datetime"))]
        if swapped in declared and guessed not in declared:
            return swapped
    return guessed


def _shown_date(tree: Any, header: Header, published: str | None) -> str | None:
    """The publication date as the page shows it by its headline, checked against what it
    declares.

    htmldate falls back to the declared dateModified when no datePublished is declared, and
    sometimes takes it although one is: a declared publication date wins over a modified date,
    unless the header shows the modified date alone ("Updated May 3"). A page that declares no
    publication date is dated by the first date its header shows ("Published: January 3, 2024"
    under the <h1>), and so is one declared published when it was last modified, when that
    shown date is earlier. A guess the page neither declares nor shows gives way to its
    declared publication date.
    """
    published_dates, modified_dates = declared_dates(tree)
    # Not an unset "1970-01-01" nor a future day, as declared or as htmldate took it from there.
    published_dates = set(filter(header.plausible, published_dates))
    published = published if published and header.plausible(published) else None
    shown = _header_dates(tree, header)
    if published_dates and published not in published_dates | modified_dates | set(shown):
        # htmldate's guess is neither declared nor shown by the headline (a date it read from
        # the text, "On 6/13/2018", or none): the declared one the header shows, else the first.
        return next((d for d in shown if d in published_dates), min(published_dates))
    earlier = sorted(d for d in published_dates if published and d < published)
    if (
        published in modified_dates
        and published not in published_dates
        and earlier
        and (published not in shown or set(earlier) & set(shown))
    ):
        return earlier[0]
    if not published_dates and shown:
        return shown[0]
    # Declared published the day it was last modified (a re-saved page), showing an earlier
    # date by its headline: the shown date is when it was first published.
    restamped = published_dates == modified_dates == {published}
    if restamped and shown and published and shown[0] < published:
        return shown[0]
    return published


def _header_dates(tree: Any, header: Header) -> list[str]:
    """The dates in the short text pieces round the page's headline <h1>: htmldate's reading
    of the text; for an ambiguous "3/4/2025", its <time>'s datetime or the page language's
    order."""
    pieces, headline_at = header.pieces, header.headline_at
    if headline_at is None:
        return []
    order = _day_month_order(tree)
    # What follows the headline first (its byline, its dateline), then what comes just before
    # it, nearest first (a kicker's date; a site header's "Friday, December 19" comes last).
    after = pieces[headline_at : headline_at + HEADER_AFTER + 1]
    # The header ends where the article's text starts: the second piece longer than a
    # dateline (the first may be the standfirst under the headline).
    long_at = [i for i, (text, _) in enumerate(after) if i and len(text) > DATE_PIECE_MAX_CHARS]
    after = after[: long_at[1]] if len(long_at) > 1 else after
    before = pieces[max(headline_at - HEADER_BEFORE, 0) : headline_at][::-1]
    days = []
    for text, machine in after + before:
        if len(text) > DATE_PIECE_MAX_CHARS:
            continue
        read = header.read_date(text)
        if _NUMERIC_DATE.search(text):  # "10/12/2023": the machine's reading, else the language's
            day = iso_date(machine) or _numeric_date(text, order) or read
        else:  # "February 23, 2026" as shown, not a UTC datetime a day later
            day = read or iso_date(machine) or _month_of(text)
        if day and header.plausible(day):
            days.append(day)
    return days


def _month_of(text: str) -> str | None:
    """ "2015-11" for a header that dates its story to the month alone ("November 2015",
    "Nov 2015"), which htmldate does not read."""
    for pattern in ("%B %Y", "%b %Y"):
        try:
            return datetime.strptime(text, pattern).strftime("%Y-%m")
        except ValueError:
            continue
    return None


# "3/4/2025", "03.04.25": day and month both 12 or less, so the page's language orders them.
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])")


def _numeric_date(text: str, order: str | None) -> str | None:
    """An ambiguous numeric date read in `order` ("md" or "dm"); None when not ambiguous."""
    match = _NUMERIC_DATE.search(text)
    if not match or order not in ("md", "dm"):
        return None
    first, second, year = int(match.group(1)), int(match.group(3)), match.group(4)
    if not (1 <= first <= 12 and 1 <= second <= 12):
        return None
    month, day = (first, second) if order == "md" else (second, first)
    full_year = int(year) if len(year) == 4 else 2000 + int(year)
    return f"{full_year:04d}-{month:02d}-{day:02d}"


def _day_month_order(tree: Any) -> str | None:
    """ "md" or "dm": how the page's language writes a short date (Babel's CLDR data: en-US
    is M/d/yy, en-GB dd/MM/y, de dd.MM.yy); None when the page names no language, or English
    without a country (written both ways)."""
    from babel import Locale, UnknownLocaleError

    locales = tree.xpath("/html/@lang | //meta[@property='og:locale']/@content")
    for name in locales:
        try:
            locale = Locale.parse(name.strip().replace("-", "_"))
        except (ValueError, TypeError, UnknownLocaleError):
            continue
        if locale.language == "en" and not locale.territory:
            continue
        pattern = locale.date_formats["short"].pattern
        day, month = pattern.find("d"), pattern.find("M")
        if day >= 0 and month >= 0 and pattern.find("y") > max(day, month):
            return "dm" if day < month else "md"
        return None
    return None
