"""Numbers that are not figures: phone numbers, IDs and codes, list
numbers, clock times, web addresses and label lines ("View Rate : 106")."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.numbers import Number

_PHONE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}[\s.-]\d{3,4}[\s.-]?\d{3,4}\b"
    r"|\(\d{2,5}\)[\s.-]?\d{3,4}[\s.-]\d{4}\b"  # "(555) 014-2398", "(020) 7946 0958"
    # three or more short groups with spaces between, "13 11 14", unless grouped in thousands
    r"|(?<![\d,.])(?!\d{1,3}(?:\s\d{3})+(?![\d,.]?\d))\d{2,4}(?:\s\d{2,4}){2,}(?![\d,.]?\d)"
    r"|\b(?:tel|phone|call|fax|whatsapp|hotline|telefon|téléphone|teléfono)\b\W{0,3}"
    r"(?:on|at|am|au|al|:)?\s?\+?[\d(][\d\s().-]{5,}\d"
    # a number spelled partly in capitals: "855-JWU-1881", "1-800-FLOWERS", "855-543-DRUG"
    r"|(?<![\w-])(?:1-)?\d{3}-(?:\d{3}-)?(?-i:[A-Z]{3,}(?:-[A-Z\d]+)*)\b"
    # a US postcode: "Rockville, MD 20852-9787", "20852-9787"
    r"|(?<=,\s)(?-i:[A-Z]{2})\s\d{5}(?:-\d{4})?\b|(?<![\d-])\d{5}-\d{4}\b",
    re.IGNORECASE,
)

# A list item's number or label at the start of a sentence: "1. Open the box", "(2) Stir",
# "#3: Keep it short", "2: How do I start?", "Step 4: Sand the edges", "Tip #5: …",
# "1 – Avoid fat at all costs" (not "5 - 10 minutes"), a bulleted "- 1 Look for a deal."
_LIST_NUMBER = re.compile(
    r"\s*(?:\(?\d{1,2}[.):]|#\d{1,2}[.):]|[A-Z][a-z]{1,12} #?\d{1,2}:|\d{1,2} [–—-](?= [A-Z])"
    r"|[-•*] \d{1,2}(?= [A-Z][a-z]))(?!\d)\s"
)
_CLOCK = re.compile(r"[\s\u00a0]?(?:Uhr|h\d\d|heures?|horas?|GMT|BST|UTC|ET|EST|PST|local time)\b")
# Names ("Commodore 64", "Flight 370") are told by the parse: bot.figure_phrase.in_a_name.
_LABEL_LINE = re.compile(r"^[^.!?]{0,40}\s:\s*\d")
# An age group named by its ages: "over-65s", "under-18s", "18-24s", "18- to 24-year-olds",
# "adults ages 18 to 34" (the people, not a count; "a 24-year-old" is someone's age).
_AGE_GROUP = re.compile(
    r"(?i:over|under)-\d{1,3}s\b|(?<!\d)\d{1,3}[-–]\d{1,3}s\b"
    r"|(?<!\d)\d{1,3}(?:-?\s?(?:to|and|or)\s\d{1,3}|[-–]\d{1,3})?-years?-olds\b"
    r"|\b(?:ages\s\d{1,3}|aged\s\d{1,3}(?=\s?(?:to|-|–)\s?\d))(?:\s?(?:to|and|-|–)\s?\d{1,3})?"
)
# A year of an era: "around 750 AD", "AD 79", "300 BC" (years are no figures).
_ERA = re.compile(r"\s?(?:AD|BC|BCE|CE|A\.D\.|B\.C\.)(?!\w)")
_ERA_BEFORE = re.compile(r"(?:\bAD|A\.D\.)\s?$")
# A span of years in brackets: a reign's or a life's after a name ("Emperor He (79-106AD)",
# "Peter Abelard (1079-1142)"), the later year at most a long life after the first.
_YEAR_SPAN = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*\s)?\((?P<low>\d{1,4})\s?[-–]\s?(?P<high>\d{1,4})"
    r"(?P<era>\s?(?:AD|BC|BCE|CE|A\.D\.|B\.C\.))?\)"
)
LIFE_YEARS = 120
# "6-figures", "a seven-figure deal", "six figures": how many digits, a way to say "big".
_FIGURES_IDIOM = re.compile(r"-figures?\b|\s+figures?\s+(?:a|per|each|every)\b", re.IGNORECASE)
# A word and a hyphen right before digits: a name's number ("peptide-1", "K-12"), unless the
# word is a measure whose value the digits are ("a magnitude-8.8 quake", "age-65").
_GLUED_TO_A_WORD = re.compile(r"([^\W\d_]+)-$")
_MEASURE_WORDS = frozenset("magnitude size age aged".split())
# A number glued to an adjective names a kind of thing ("a two-way mirror", "three-dimensional",
# "one-sided", "four-legged"); "a 200-bed hospital", "a 12-week course" and "a 10-way primary"
# (ten candidates) still count.
_ADJECTIVE_AFTER = re.compile(r"-(?!hundred)[^\W\d_]{3,}(?:ional|ical|ed)\b", re.IGNORECASE)
_ONE_OR_TWO_WAY = re.compile(r"(?:one|two|1|2)-way\b", re.IGNORECASE)
# "1-on-1 coaching", "one-on-one talks", "a 3-on-3 game": a format, not a count.
_N_ON_N = re.compile(
    r"(?:\d{1,2}|one|two|three|four|five)-on-(?:\d{1,2}|one|two|three|four|five)\b", re.IGNORECASE
)
# A story's reading time in its header: "12 min read", "a 5-minute read".
_READING_TIME = re.compile(r"[\s-]?min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
# A reference to a source or a note: one or two digits alone in brackets.
_REFERENCE = re.compile(r"\(\d{1,2}\)|\[\d{1,2}\]")
_AFTER_NAME = re.compile(r"\b[A-Z][a-z]+\s?$")
_REFERENCE_LIST = re.compile(r"\[\d{1,3}(?:\s?[-–,]\s?\d{1,3})+\]")
# A transcript's speaker label in capitals, numbered: "UNIDENTIFIED PERSON #1:", "CALLER 2:".
_SPEAKER_LABEL = re.compile(r"[A-Z][A-Z.' -]{1,40}#?\d{1,2}:")
# A word that is a web address: "www.example.com/seed-mix-8-qt", "shop.example.com/kits-1"; a
# ratio or a score ("24/7", "4.5/5") has no domain name before its slash. Matched at the start
# of each word, so a hostile run of dots costs one pass.
_WEB_ADDRESS = re.compile(
    r"\S*?(?:https?://|www\.)|[(\[<\"'“]*[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/", re.IGNORECASE
)
_WORD = re.compile(r"\S+")
# A query string, what a web address split at its "?" leaves: "gad=1&gclid=Cj0KCQjw…".
_QUERY = re.compile(r"\w=[^\s&]*&\w+=")
# A list of three or more bare counts: "2, 3, and 4 year olds", "3, 4, 5 or even 10 developers".
_COUNT_LIST = re.compile(
    r"(?<![\w.,$€£])\d{1,3}(?:, \d{1,3}){1,},? (?:and|or)(?: even)? \d{1,3}(?![\d.,%])"
)
# A year written with two digits after an apostrophe: "SODA'99", "the class of ’98".
_YEAR_ABBREVIATION = re.compile(r"(?:\w|\s|\()['’]\d\d(?![\d%])")
# A DOI names a paper the way an address names a page: "10.1016/j.ajp.2016.07.010".
_DOI = re.compile(r"^\W*10\.\d{4,9}/")


def is_junk(n: Number, sentence: str) -> bool:
    """True for a number that tells a reader nothing on its own or is not a quantity."""
    if n.kind == "time":
        return True
    if n.value.startswith(".") and n.start and sentence[n.start - 1].isalpha():
        return True  # "… in the United States.2": a note's mark after the full stop
    if n.kind == "count" and _note_mark(n, sentence):
        return True  # "just a Go server, an SQLite database,2 and …": a note's mark
    if n.start and sentence[n.start - 1] in "™®©":
        return True  # "Citizens Savings Tracker™1": a note's mark; "©2024": the page's year
    if n.kind == "count" and _YEAR_ABBREVIATION.match(sentence, max(n.start - 2, 0)):
        return True  # "(SODA'99)", "the class of ’98": a year
    if n.kind == "count" and any(
        m.start() <= n.start < m.end() for m in _COUNT_LIST.finditer(sentence)
    ):
        return True  # "parents of 2, 3, and 4 year olds": each item alone says nothing
    if n.kind == "count" and _version(n, sentence):
        return True
    if n.kind in ("count", "word") and _FIGURES_IDIOM.match(sentence, n.end):
        return True  # "making 6-figures per year", "a seven-figure deal": a size, not a count
    if n.kind in ("count", "word", "ordinal", "fraction") and _in_phone_number(n, sentence):
        return True
    if (item := _LIST_NUMBER.match(sentence)) and n.start < item.end() and n.value.isdigit():
        return True  # "1. Open the box", "Step 4: …": list numbering
    if n.kind == "count" and re.fullmatch(r"\d{6,}|00+", n.value):
        return True  # an ID, a code ("000 buck" shot): big counts carry thousands separators
    if (
        n.value == "3"
        and sentence[n.start - 1 : n.start] == "<"
        and not sentence[n.end :][:1].isalnum()
    ):
        return True  # "I <3 covered dishes": a heart
    if n.kind == "count" and _CLOCK.match(sentence, n.end):
        return True  # "14.30 Uhr", "17h30", "9 GMT"
    if any(start <= n.start < end for start, end in _web_addresses(sentence)):
        return True  # a number in a web address (or a DOI) names a page
    # "… could reach $124 billion by 2032 (1).", "[2]": a source's number; but after a name
    # it is an age or a score: "Jane Doe (34)", "a loss to Seattle (63)"
    reference = n.start > 0 and _REFERENCE.fullmatch(sentence, n.start - 1, n.end + 1)
    if reference and not _AFTER_NAME.search(sentence, 0, n.start - 1):
        return True
    if any(start < n.start and n.end < end for start, end in _reference_lists(sentence)):
        return True  # "… elsewhere [1-3]", "[4, 7]": sources in square brackets
    if n.kind == "count" and (
        _ERA.match(sentence, n.end) or _ERA_BEFORE.search(sentence, 0, n.start)
    ):
        return True  # "around 750 AD": a year
    if n.kind == "count" and any(start <= n.start < end for start, end in _year_spans(sentence)):
        return True  # "Peter Abelard (1079-1142)": his years
    if any(m.start() <= n.start < m.end() for m in _AGE_GROUP.finditer(sentence)):
        return True  # "74% of over-65s": the share is the figure, the ages name its group
    if _in_a_joke_compound(n, sentence):
        return True  # "the demoralizing-and-relentless-are-only-two-of-the-words dept"
    glued = n.kind == "count" and _GLUED_TO_A_WORD.search(sentence, 0, n.start)
    if (
        glued
        and glued.group(1).lower() not in _MEASURE_WORDS
        and not re.match(r"[-/.\d]", sentence[n.end : n.end + 1])
    ):
        return True  # "peptide-1", "K-12", "COVID-19": part of a name
    if n.kind == "fraction" and ":" in n.value and _AFTER_NAME.search(sentence, 0, n.start):
        return True  # "John 3:16", "1 Timothy 2:1": a verse's chapter and verse, no ratio
    if n.kind in ("count", "word") and (
        _ADJECTIVE_AFTER.match(sentence, n.end) or _ONE_OR_TWO_WAY.match(sentence, n.start)
    ):
        return True  # "a two-way mirror", "three-dimensional space": a kind, not a count
    if n.kind in ("count", "word") and any(
        m.start() <= n.start < m.end() for m in _N_ON_N.finditer(sentence)
    ):
        return True  # "our 1-on-1 coaching clients": a kind of session, no count
    if n.kind == "count" and _READING_TIME.match(sentence, n.end):
        return True  # "12 min read": the page's reading time
    if (label := _SPEAKER_LABEL.match(sentence)) and n.start < label.end():
        return True  # "UNIDENTIFIED PERSON #1: …": a transcript's speaker, not a count
    # "View Rate : 106": a page label, not prose
    return bool(_LABEL_LINE.match(sentence)) and len(re.findall(r"\b[a-z]{3,}\b", sentence)) < 3


# Words joined by hyphens into one: "a two-year-old" (3) is a compound, a run of more words
# ("are-only-two-of-the-words") a joke phrase set as one word, which counts nothing.
COMPOUND_WORDS = 4


def _in_a_joke_compound(n: Number, sentence: str) -> bool:
    start = sentence.rfind(" ", 0, n.start) + 1
    end = sentence.find(" ", n.end)
    word = sentence[start : end if end >= 0 else len(sentence)]
    return len([part for part in word.split("-") if part]) > COMPOUND_WORDS


@lru_cache(maxsize=256)
def _web_addresses(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where the words of a sentence that are web addresses, query strings or DOIs are (read
    once per sentence)."""
    words = _WORD.finditer(sentence)
    return tuple(
        (m.start(), m.end())
        for m in words
        if _WEB_ADDRESS.match(m.group()) or _DOI.search(m.group()) or _QUERY.search(m.group())
    )


@lru_cache(maxsize=256)
def _year_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where a sentence's spans of years in brackets are, from the first year to the last
    (`_YEAR_SPAN`): with an era, or of years of three or four digits after a name."""
    return tuple(
        (m.start("low"), m.end("high"))
        for m in _YEAR_SPAN.finditer(sentence)
        if int(m.group("low")) < int(m.group("high")) <= int(m.group("low")) + LIFE_YEARS
        and (m.group("era") or (m.group("name") is not None and len(m.group("low")) >= 3))
    )


@lru_cache(maxsize=256)
def _reference_lists(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where a sentence's lists of sources in square brackets are ("[1-3]", "[4, 7, 9]")."""
    return tuple(m.span() for m in _REFERENCE_LIST.finditer(sentence))


def _version(n: Number, sentence: str) -> bool:
    """ "since 0.13.0", "5.1.2", "192.168.1.1": one more ".digit" right after the number; or
    a "v" glued before it ("firmware v30.101"): a version or an address, not a quantity."""
    if re.match(r"\.\d", sentence[n.end : n.end + 2]):
        return True
    v = n.start - 1
    return v >= 0 and sentence[v] in "vV" and (v == 0 or not sentence[v - 1].isalnum())


def _note_mark(n: Number, sentence: str) -> bool:
    """A number glued to a word's comma, colon or semicolon, no word after it: a note."""
    glued = n.start > 1 and sentence[n.start - 2].isalpha() and sentence[n.start - 1] in ",;:"
    return glued and not sentence[n.end : n.end + 1].isalnum()


def _in_phone_number(n: Number, sentence: str) -> bool:
    return any(m.start() <= n.start < m.end() for m in _PHONE.finditer(sentence))
