"""Finding numbers in text: digits, money, percentages, number words, dates and clock times.

Digits are read in the article's language with Babel: "37,5 %" is 37.5 in German, "250 000"
is 250000 in French, "1.500" is 1500 in German and 1.5 in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import InvalidOperation
from functools import lru_cache

from babel.numbers import NumberFormatError, parse_decimal

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    # South Asian English: a lakh is a hundred thousand, a crore ten million ("Rs 25 lakh")
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
}
_SHORT_SCALES = {"k": 1_000, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
# A month's name, or its abbreviation with or without its full stop ("Aug. 18"); a full stop
# after a whole name ends the sentence ("on 18th August.").
_MONTHS = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_UNIT_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_WORD = "|".join(_TENS)
_SCALE = "hundred|thousand|million|billion|trillion|lakhs?|crores?"
# The parts a whole is cut into, written as words: "two-thirds", "a quarter of"
_PARTS = r"halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?"
# "a hundred and fifty", "two hundred and twenty-five": the rest after "hundred and"
_AND_TAIL = (
    rf"(?:(?<=hundred)\sand\s(?:(?:{_TENS_WORD})(?:-(?:{_UNIT_WORD}))?|(?:{_UNIT_WORD}))\b)?"
)
# "eight percent" is a percentage written in words
_WORD_PERCENT = r"(?:\s(?:percent|per\scent)(?!\w))?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
# Units written against the number ("60km", "$3.2bn"): part of the value as written.
_GLUED = (
    r"(?:bn|mn|tn|km|kg|cm|mm|mph|kmh|ft|lbs?|mg|ml|m|k|b|[GMT]W|[KMGT]B|sq\s?ft"
    r"|dB|[kMG]?Hz|kWh|mAh)"
)
# Dollars of other countries are written with their letters: "S$2,000" is no "$2,000".
# Degrees, against the number or after a space: "93°C", "93 °C", "93℃".
_DEGREES = r"\s?(?:°\s?[CF]|℃|℉)(?![A-Za-z])"
_CURRENCY = r"(?:US\$|NZ\$|NT\$|MX\$|A\$|C\$|HK\$|S\$|R\$|[$£€¥₹]|(?-i:Rs\.?\s?|INR\s))"

_PATTERN = re.compile(
    rf"""
    (?P<date>
        {_MONTHS}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s(?:1[89]|20)\d\d)?(?![\d,]*\d)
      | {_MONTHS},\s\d{{1,2}}(?:st|nd|rd|th)?,?\s(?:1[89]|20)\d\d(?!\d)  # "January, 6 2026"
      | \d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTHS}(?:,?\s(?:1[89]|20)\d\d)?
      | \d{{1,4}}[/-]\d{{1,2}}[/-]\d{{2,4}}
    )
  | (?P<time>
        \d{{1,2}}(?:[:.]\d\d)?\s?(?:[ap]\.m\.|[ap]m\b|[AP]\.M\.|[AP]M\b)
      | \d{{1,2}}:\d\d(?::\d\d)?
    )
  | (?P<fraction>
        (?:\d{{1,3}}\s(?:and\s)?)?\d{{1,2}}/\d{{1,2}}(?!\d)  # "2/3", "4 and 2/3", "5 1/2"
      | \b(?:{_UNIT_WORD}|a)-(?:{_PARTS})\b  # "two-thirds", "one-quarter"
      | (?<!first\s)(?<!last\s)(?<!past\s)(?<!next\s)  # not "the first two quarters of 2025"
        \b(?:{_UNIT_WORD}|a)\s(?:{_PARTS})(?=\sof\b)  # "three quarters of", "a third of"
      | \d{{1,3}}:\d(?!\d)  # a ratio, "16:9" (a clock time has two digits after the colon)
    )
  | (?P<ordinal>\d+(?:st|nd|rd|th)\b|\b(?:(?:{_TENS_WORD})-)?(?:{"|".join(_ORDINALS)})\b)
  | (?P<digits>
        {_CURRENCY}?(?:{_DIGITS})(?:\sand\sa\shalf\b)?  # "2 and a half months"
        (?:\s?(?:%|per\s?cent\b|percent\b)
          | \s(?:{_SCALE})\b
          | {_GLUED}\b
          | {_DEGREES})?
    )
  | (?P<word>
        \b(?:
            (?:a\shalf|half\sa|half|a)[\s-](?:dozen|hundred|thousand|million|billion){_AND_TAIL}
          | (?:dozens|tens|hundreds|thousands|millions|billions)  # "tens of millions of"
            (?:\sof\s(?:thousands|millions|billions)(?=\sof\b))?(?=\sof\b)
          | (?:{_TENS_WORD})(?:-(?:{_UNIT_WORD}))?(?:[\s-](?:{_SCALE}))?{_AND_TAIL}{_WORD_PERCENT}
          | (?:{_UNIT_WORD}|dozen)(?:[\s-](?:{_SCALE}|dozen))?{_AND_TAIL}{_WORD_PERCENT}
        )\b
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Other languages group thousands with "." or a (narrow, no-break) space and mark decimals with
# ",": "1.500", "250 000", "37,5 %"; scale words and "per cent" in their own words.
_DIGITS_INTL = r"\d{1,3}(?:(?:\.|[\u00a0\u202f ])\d{3})+(?:,\d+)?(?![\d.])|\d+(?:[.,]\d+)?"
_SCALE_INTL = (
    r"Millionen|Million|Milliarden|Milliarde|Mio\.|Mrd\.|millions?|milliards?|millones|millón"
    r"|mil\smillones|milioni|milione|miliardi|miliardo|mil"
)
_PERCENT_INTL = r"[\s\u00a0\u202f]?%|\sProzent\b|\spour\s?cent\b|\spor\sciento\b|\sper\scento\b"
_CURRENCY_AFTER = (
    r"(?:[\s\u00a0\u202f]?[€$£]|\s(?:Euro|euros?|dólares|dollars?|Dollar|francs?|Franken))"
)
_INTL_DIGITS = rf"""
    (?P<digits>
        {_CURRENCY}?(?:{_DIGITS_INTL})
        (?:\s(?:{_SCALE_INTL})(?![\w]))?
        (?:{_PERCENT_INTL}|{_CURRENCY_AFTER}(?!\w)|{_GLUED}\b|{_DEGREES})?
    )
"""
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d|2100|(?:1[89]|20)?\d0s|'\d0s")


@lru_cache(maxsize=8)
def _pattern(language: str) -> re.Pattern[str]:
    """The number pattern for a language: English as written above, others with their own
    digit grouping, percent and scale words."""
    if language == "en":
        return _PATTERN
    source = _PATTERN.pattern
    start = source.index("  | (?P<digits>")
    end = source.index("  | (?P<word>")
    intl = source[:start] + "  | " + _INTL_DIGITS.strip() + "\n" + source[end:]
    return re.compile(intl, re.VERBOSE | re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """One number found in a text: its span, how it is written and what kind it is."""

    start: int
    end: int
    value: str  # verbatim, with its currency sign, unit or scale word
    kind: str  # "count", "money", "percent", "word", "ordinal", "date", "time", "year", "fraction"
    amount: float | None  # the number itself (the mantissa: 3.2 for "$3.2bn"), if it has one


def find_numbers(text: str, language: str = "en") -> list[Number]:
    """Every number in `text`, in order, classified; digits read as `language` writes them."""
    found = []
    lang = language if language in _LOCALES else "en"
    for m in _pattern(lang).finditer(text):
        if _glued_to_word(text, m):
            continue  # "U2", "G20", "F-16", "Covid-19": names, not quantities
        kind = m.lastgroup or "count"
        value = m.group()
        amount = _amount(kind, value, lang)
        found.append(Number(m.start(), m.end(), value, _refine(kind, value), amount))
    return _with_decades(text, found)


_LOCALES = {"en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT"}


def read_digits(digits: str, language: str = "en") -> float | None:
    """Digits as the language writes them ("37,5" in de is 37.5), read by Babel."""
    locale = _LOCALES.get(language, "en_US")
    for candidate in (digits, re.sub(r"[\s\u00a0\u202f]", "", digits)):
        try:
            return float(parse_decimal(candidate, locale=locale, strict=False))
        except (NumberFormatError, InvalidOperation, ValueError):
            continue
    return None


# Words a number word may follow after a hyphen and still count: "five-six", "a half-dozen".
_COUNTING_WORDS = frozenset({*_UNITS, *_TENS, "half", "a"})
# Before a hyphen and digits, what makes them part of a name or a code, not a range's end: a
# capital ("AK-47"), a year ("2019-20", a season), more hyphens or a long number, an ID
# ("UA-4364251-1")
_A_NAME_OR_CODE = re.compile(r"[A-Z]|^\d{4}$|-|\d{5}")
_DAYS_BEFORE = re.compile(rf"{_MONTHS}\s\d{{1,2}}[-–]$")


def _glued_to_word(text: str, m: re.Match[str]) -> bool:
    """Digits that are part of a name: "U2", "G20", "5G", "AK-47", "Covid-19"."""
    if m.lastgroup == "word":
        # "deep-six", "a high-five", "all-in-one": a number word as part of a compound
        glued = re.search(r"([A-Za-z]+)-$", text[max(0, m.start() - 16) : m.start()])
        return glued is not None and glued.group(1).lower() not in _COUNTING_WORDS
    first, last = m.group()[0], m.group()[-1]
    before, after = text[max(0, m.start() - 2) : m.start()], text[m.end() : m.end() + 2]
    if first.isdigit() and before[-1:].isalnum():
        return True
    # A hyphen after a capitalised name: "AK-47", "Covid-19"; but "post-9/11", "mid-30s" count
    word_before = re.search(r"([\w.-]+)-$", text[max(0, m.start() - 12) : m.start()])
    if first.isdigit() and word_before and _A_NAME_OR_CODE.search(word_before.group(1)):
        return True  # other digits make a range: "10-25 pounds"
    if first.isdigit() and _DAYS_BEFORE.search(text, max(0, m.start() - 16), m.start()):
        return True  # "May 23-26": the end of the dates
    if last.isdigit() and re.match(r"-[A-Z]{1,3}(?:e?s)?\b", text[m.end() : m.end() + 7]):
        return True  # a form's or a filing's code: "Form 1099-C", "a 10-K"
    # "1980s" and "their 50s" are decades and ages, handled by _with_decades
    return last.isdigit() and after[:1].isalpha() and not re.match(r"s\b", after)


_DECADE_WITH_MARK = re.compile(r"['’]s\b")


def _short_year(text: str, n: Number) -> bool:
    """A year cut to its last two digits: "LBJ in '64", "Obama '08", "the ’32 Ford"; not a
    word's apostrophe ("rock'64") nor a quotation's mark after a word ("'no' 64 times")."""
    mark, before = text[n.start - 1 : n.start], text[max(n.start - 2, 0) : max(n.start - 1, 0)]
    return len(n.value) == 2 and mark in ("'", "’", "‘") and not before.isalnum()


# A weekday's name, whole or cut short ("Tues", "Thurs"); also read by bot.furniture.
WEEKDAY = r"mon(day)?|tue(s|sday)?|wed(nesday)?|thu(rs|rsday)?|fri(day)?|sat(urday)?|sun(day)?"
_WEEKDAY_BEFORE = re.compile(rf"\b(?:{WEEKDAY})\.?,?\s\(?$", re.IGNORECASE)


def _day_after_weekday(text: str, n: Number) -> bool:
    """A month and day after a weekday, "Tuesday (11/13)", "Fri. 3/7": a date, no fraction."""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})", n.value)
    in_a_year = m is not None and 1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= 31
    return in_a_year and bool(_WEEKDAY_BEFORE.search(text, max(0, n.start - 12), n.start))


def _with_decades(text: str, found: list[Number]) -> list[Number]:
    """Mark "1980s"/"2010" as years and "Tuesday (11/13)" as a date, which the pattern alone
    cannot tell from counts and fractions."""
    out = []
    for n in found:
        tail = text[n.end : n.end + 1]
        if n.kind == "count" and tail == "s" and re.fullmatch(r"\d+0", n.value):
            n = Number(n.start, n.end + 1, n.value + "s", "year", None)
        elif (
            re.fullmatch(r"\d0", n.value)
            and _DECADE_WITH_MARK.match(text, n.end)
            and text.endswith(("the ", "The ", "'", "’"), 0, n.start)  # "in the 90's"
        ):
            n = Number(n.start, n.end + 2, text[n.start : n.end + 2], "year", None)
        elif n.kind == "count" and _YEAR.fullmatch(n.value):
            n = Number(n.start, n.end, n.value, "year", n.amount)
        elif n.kind == "count" and _short_year(text, n):
            n = Number(n.start - 1, n.end, text[n.start - 1 : n.end], "year", None)
        elif n.kind == "fraction" and _day_after_weekday(text, n):
            n = Number(n.start, n.end, n.value, "date", None)
        out.append(n)
    return out


_PERCENT = re.compile(r"%|per\s?cent|percent|prozent|pour\s?cent|por\sciento|per\scento", re.I)


def _refine(kind: str, value: str) -> str:
    if kind == "word" and _PERCENT.search(value):
        return "percent"
    if kind != "digits":
        return kind
    if _PERCENT.search(value):
        return "percent"
    if re.match(_CURRENCY, value) or re.search(_CURRENCY_AFTER + "$", value):
        return "money"
    return "count"


def _amount(kind: str, value: str, language: str = "en") -> float | None:
    if kind == "digits" and language != "en":
        m = re.search(r"\d[\d.,\u00a0\u202f ]*\d|\d", value)
        return read_digits(m.group(), language) if m else None
    if kind in ("digits", "ordinal"):
        m = re.search(r"\d[\d,]*(?:\.\d+)?|\.\d+", value)
        if m:
            half = 0.5 if re.search(r"\sand\sa\shalf\b", value) else 0.0
            return float(m.group().replace(",", "")) + half
        return float(sum(_TENS.get(w) or _ORDINALS[w] for w in value.lower().split("-")))
    if kind == "word":
        return word_amount(_PERCENT.sub("", value).strip())
    return None


def word_amount(words: str) -> float | None:
    """The number a number-word phrase means ("twenty-five" is 25); None for "dozens of"."""
    total, current = 0.0, 0.0
    for w in re.split(r"[\s-]+", words.lower()):
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in ("a", "one") and not current:
            current = 1
        elif w in ("a", "and"):  # "half a dozen", "a hundred and fifty"
            continue
        elif w == "half":
            current = 0.5
        elif w in _SCALES:
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
        else:
            return None  # "dozens", "hundreds": no single number
    return total + current


def normalise(amount: float) -> str:
    """A number as a canonical string: 1500.0 -> "1500", 3.20 -> "3.2"."""
    text = f"{amount:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def numbers_in(text: str) -> set[str]:
    """Every number in `text` in normalised form ("1,500" and "1500" -> "1500", "five" -> "5").

    Dates, times and years are included (as their digits), so a guard can check that a
    generated sentence mentions no number its source lacks.
    """
    out: set[str] = set()
    for n in find_numbers(text):
        if n.amount is not None:
            out.add(normalise(n.amount))
            scaled = _scaled(n.value, n.amount)
            if scaled is not None:
                out.add(normalise(scaled))
        for digits in re.findall(r"\d[\d,]*(?:\.\d+)?", n.value):
            out.add(normalise(float(digits.replace(",", ""))))
    return out


def _scaled(value: str, amount: float) -> float | None:
    """The full size of a scaled amount: "$3.2bn" -> 3.2e9, so "3,200,000,000" also matches."""
    m = re.search(rf"({_SCALE})\b|(bn|mn|tn|m|k|b)\b", value, re.IGNORECASE)
    if not m or m.group() == value:
        return None
    word = m.group().lower()
    factor = _SCALES.get(word) or _SHORT_SCALES.get(word)
    return amount * factor if factor and amount < 1000 else None


_CURRENCY_CODES = {
    "us$": "USD", "nz$": "NZD", "nt$": "TWD", "mx$": "MXN", "a$": "AUD", "c$": "CAD",
    "hk$": "HKD", "s$": "SGD", "r$": "BRL", "$": "USD", "£": "GBP", "€": "EUR",
    "¥": "JPY", "₹": "INR", "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD",
    "dólares": "USD", "pounds": "GBP", "franken": "CHF", "francs": "CHF", "franc": "CHF",
    "yen": "JPY", "rupees": "INR",
}  # fmt: skip
# The signs among them, longest first: "us$" is found before "s$", and "s$" before "$".
_CURRENCY_SIGNS = sorted((k for k in _CURRENCY_CODES if not k.isalpha()), key=len, reverse=True)
_MAGNITUDES = {
    "thousand": 1e3, "k": 1e3, "mil": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6,
    "mn": 1e6, "millionen": 1e6, "mio.": 1e6, "millones": 1e6, "millón": 1e6, "milioni": 1e6,
    "milione": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "milliarden": 1e9, "milliarde": 1e9,
    "mrd.": 1e9, "milliard": 1e9, "milliards": 1e9, "mil millones": 1e9, "miliardi": 1e9,
    "miliardo": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7,
    "crores": 1e7,
}  # fmt: skip
# Units of measure, as written against the number or as the next word: "60km", "37 miles".
_MEASURES = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "kilómetros": "km", "kilomètres": "km", "kilometer(n)": "km", "kilometern": "km",
    "miles": "mi", "mile": "mi", "m": "m", "metres": "m", "meters": "m", "metre": "m",
    "meter": "m", "metros": "m", "mètres": "m", "feet": "ft", "ft": "ft", "foot": "ft",
    "kg": "kg", "kilograms": "kg", "kilos": "kg", "tonnes": "t", "tons": "t", "tonnen": "t",
    "mph": "mph", "km/h": "km/h", "kmh": "km/h", "cm": "cm", "mm": "mm", "lbs": "lb", "lb": "lb",
    "pounds": "lb", "acres": "acre", "hectares": "ha", "gw": "GW", "mw": "MW", "kw": "kW",
    "gb": "GB", "tb": "TB", "mb": "MB", "mg": "mg", "ml": "ml", "sq ft": "sq ft", "°c": "°C",
    "°f": "°F", "degrees": "°", "db": "dB", "decibels": "dB", "hz": "Hz", "khz": "kHz",
    "mhz": "MHz", "ghz": "GHz", "kwh": "kWh", "mah": "mAh",
}  # fmt: skip
MEASURE_UNITS = frozenset(_MEASURES.values())
MEASURE_WORDS = frozenset(_MEASURES)  # as written: "miles", "kilometres", "ft"
_NEXT_WORD = re.compile(r"[\s\u00a0\u202f-]?([^\W\d_]+(?:/h)?|°[CF])", re.IGNORECASE)


def quantity(n: Number, after: str = "", language: str = "en") -> tuple[float | None, str | None]:
    """The number's full value and its unit: "$3.2bn" -> (3.2e9, "USD"), "37,5 %" -> (37.5,
    "%"), "60km" -> (60, "km"), "37 miles" -> (37, "mi"); `after` is the text that follows."""
    if n.kind in ("date", "time") or n.amount is None:
        return None, None
    value = n.value.lower()
    number = n.amount
    if n.kind in ("count", "money", "percent") and re.search(r"\d", value):  # not "five percent"
        digits_end = max(m.end() for m in re.finditer(r"\d", value))
        tail = value[digits_end:].strip(" \u00a0\u202f")
        scale = re.match(r"(mil millones|[^\W\d_]+\.?)", tail)
        metres = scale is not None and scale.group(1) == "m" and n.kind != "money"  # "60m"
        if scale and scale.group(1) in _MAGNITUDES and number < 1e6 and not metres:
            number = number * _MAGNITUDES[scale.group(1)]
    if n.kind == "percent":
        return number, "%"
    if re.match(r"(?:rs\.?|inr)\s?\d", value):  # "Rs 25 lakh", "INR 500"
        return number, "INR"
    for sign in _CURRENCY_SIGNS:
        if sign in value:
            return number, _CURRENCY_CODES[sign]
    word = re.search(r"([^\W\d_]+)$", value)
    if word and word.group(1) in _CURRENCY_CODES:
        return number, _CURRENCY_CODES[word.group(1)]
    degrees = re.search(r"(?:°\s?([cf])|([℃℉]))$", value)
    if degrees:
        return number, "°F" if "f" in degrees.group() or "℉" in degrees.group() else "°C"
    glued = re.search(r"\d([a-z]+(?:/h)?)$", value)
    if glued and glued.group(1) in _MEASURES and glued.group(1) not in ("m", "b", "bn", "k"):
        return number, _MEASURES[glued.group(1)]
    if glued and glued.group(1) == "m" and n.kind == "count":
        return number, "m"
    nxt = _NEXT_WORD.match(after)
    if nxt:
        w = nxt.group(1).lower()
        if w in _CURRENCY_CODES and w != "pounds":
            return number, _CURRENCY_CODES[w]
        if w in _MEASURES and w not in ("m", "pounds"):
            return number, _MEASURES[w]
    of = re.match(r"\s+(?:de|of|d[e']?)\s*([^\W\d_]+)", after, re.IGNORECASE)  # "millones de euros"
    if of and of.group(1).lower() in _CURRENCY_CODES and n.kind != "word":
        return number, _CURRENCY_CODES[of.group(1).lower()]
    return number, None
