"""Headline, author and date against hand-checked metadata, next to trafilatura's own reading.

Sets: `metadata/readability` (Mozilla Readability's test pages) and `extraction/wcxb-dev`
(modern article pages). A title is right when it is the gold title, or the gold title with a
site name before or after it (either way round: "Headline | Site" vs "Headline"), "&" read
as "and"; an author when the names' words match; a date when the day matches (the month, for
a gold date given to the month).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.eval.pages import load as load_pages
from bot.eval.table import Score
from bot.fetch import decode
from bot.metadata import Metadata, page_metadata

READABILITY = Path("metadata") / "readability"


@dataclass(frozen=True)
class Gold:
    """What a page should give: None where the page has no such field."""

    html: str
    url: str | None
    title: str | None
    author: str | None
    date: str | None


def _words(text: str | None) -> list[str]:
    """Lowercased words; "&" is the word "and" ("Homeowners & Investors" is the same title)."""
    return re.findall(r"\w+", re.sub(r"&", " and ", (text or "").lower()))


def title_right(ours: str | None, gold: str) -> bool:
    """Equal words, or one is the other plus a site name at its start or end."""
    mine, theirs = _words(ours), _words(gold)
    if not mine:
        return False
    short, long_ = sorted((mine, theirs), key=len)
    n = len(short)
    return long_ == short or (n >= 0.5 * len(long_) and (long_[:n] == short or long_[-n:] == short))


def author_right(ours: str | None, gold: str) -> bool:
    """The same names: one's words include the other's ("By Jane Doe" vs "Jane Doe")."""
    mine, theirs = set(_words(ours)), set(_words(gold)) - {"by"}
    return bool(mine) and (mine <= theirs or theirs <= mine)


def date_right(ours: str | None, gold: str) -> bool:
    """The same day; a gold date given to the month ("2015-11") is right for any of its days."""
    precision = min(len(gold), 10)
    return (ours or "")[:precision] == gold[:precision]


CHECKS: dict[str, Callable[[str | None, str], bool]] = {
    "title": title_right,
    "author": author_right,
    "date": date_right,
}


def readability_pages(data_dir: Path, limit: int | None = None) -> Iterator[Gold]:
    folder = data_dir / READABILITY
    names = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    for name in names[:limit]:
        with gzip.open(folder / name / "source.html.gz") as handle:
            html = decode(handle.read(), None)
        gold = json.loads((folder / name / "expected-metadata.json").read_text(encoding="utf-8"))
        date = gold.get("publishedTime")
        yield Gold(html, None, gold.get("title"), gold.get("byline"), date[:10] if date else None)


def wcxb_pages(data_dir: Path, limit: int | None = None) -> Iterator[Gold]:
    truth_path = data_dir / "extraction" / "wcxb-dev" / "ground-truth.json"
    if not truth_path.is_file():
        return
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    for page in load_pages(data_dir, "wcxb-dev", limit):
        gold = truth[page.key]
        yield Gold(
            page.html, page.url, gold.get("title"), gold.get("author"), gold.get("publish_date")
        )


def trafilatura_reading(html: str, url: str | None) -> Metadata:
    """What trafilatura alone says: the anchor, and the guess our checks start from."""
    from trafilatura import extract_metadata

    doc = extract_metadata(html, default_url=url or None)
    return Metadata(
        title=doc.title or None,
        author=doc.author or None,
        published=doc.date or None,
        site=doc.sitename or doc.hostname or None,
        url=doc.url or None,
    )


def score_set(name: str, pages: list[Gold]) -> list[Score]:
    """Accuracy per field over the pages whose gold has that field."""
    right = {field: [0, 0, 0] for field in CHECKS}  # ours, trafilatura, pages with a gold value
    for page in pages:
        guess = trafilatura_reading(page.html, page.url)
        ours = page_metadata(page.html, guess, url=page.url)
        for field, check in CHECKS.items():
            gold = getattr(page, field)
            if not gold:
                continue
            right[field][0] += check(_field(ours, field), gold)
            right[field][1] += check(_field(guess, field), gold)
            right[field][2] += 1
    return [
        Score(
            f"metadata {name}",
            f"{field} right",
            round(mine / n, 3),
            {"trafilatura": round(theirs / n, 3)},
            n,
        )
        for field, (mine, theirs, n) in right.items()
        if n
    ]


def _field(meta: Metadata, field: str) -> str | None:
    return meta.published if field == "date" else getattr(meta, field)


def evaluate(data_dir: Path, limit: int | None = None) -> list[Score]:
    """Rows for each set present; [] when neither is."""
    scores: list[Score] = []
    for name, pages in (
        ("readability", readability_pages(data_dir, limit)),
        ("wcxb-dev", wcxb_pages(data_dir, limit)),
    ):
        found = list(pages)
        if found:
            scores += score_set(name, found)
    return scores
