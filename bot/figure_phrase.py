"""A figure's phrase from the shared parse: the number's head noun and the words that carry its
meaning (negation, "one in", "up to", "at least", "only", comparisons, what it is "of", the
verb and a short subject or claim source), as one verbatim span of at most MAX_WORDS words.

Only English has a dependency parse (bot/parse.py); other languages keep the phrase the rules
found. The rule phrase is always the starting point, so the parse can only widen it; a number
still bare after that gets the words that hold it or its short line, or is no figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.article import Article
from bot.attribution import verb_forms
from bot.figures import JOIN_WORDS, WORD_OF_LETTERS, right_edge
from bot.numbers import MEASURE_UNITS, MEASURE_WORDS, Number, find_numbers, quantity
from bot.parse import article_language

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from bot.figures import Candidate, Figure

MAX_WORDS = 12
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")
# A bare number's line is its phrase when it holds this many lower-case words: prose, not a
# label ("Bad news! – 16.2%").
BARE_LINE_WORDS = 3
# Words that change what a number means; they join the phrase wherever they hang.
_MEANING_DEPS = {
    "neg",
    "advmod",
    "quantmod",
    "nummod",
    "amod",
    "compound",
    "det",
    "poss",
    "npadvmod",
}
_MEANING_WORDS = {
    "not", "no", "never", "only", "just", "nearly", "almost", "about", "around", "over", "under",
    "up", "to", "at", "least", "most", "more", "less", "fewer", "than", "some", "double",
    "twice", "half", "from", "down", "record", "another", "all",
}  # fmt: skip
# Verbs that make a number someone's claim rather than a fact the article states.
# Every form of the verbs (the parse keeps no lemmas: bot/parse.py leaves the lemmatizer out).
_CLAIMS = frozenset(
    form
    for verb in ("claim", "allege", "insist", "boast", "contend")
    for form in {verb, *verb_forms(verb)}
)
_VERB_TURNS = {"only", "just", "never", "barely", "hardly", "nearly", "almost"}
# From the number to the noun it counts ("23-year-old man": 23 -> year -> old -> man).
_NOUN_LINKS = {"nummod", "quantmod", "compound", "amod", "npadvmod", "appos", "nmod", "poss"}
_NOMINAL = {"NOUN", "PROPN", "NUM", "ADJ", "PRON"}
# From the counted noun up to its verb: as subject, object, through a preposition or a list.
_VERB_LINKS = {
    "nsubj", "nsubjpass", "dobj", "attr", "pobj", "npadvmod", "prep", "acomp", "dative", "oprd",
    "conj", "appos", "agent", "pcomp", "advmod",
}  # fmt: skip
# What completes a verb whose subject is the counted thing.
_COMPLEMENTS = {"dobj", "attr", "acomp", "oprd", "dative", "prt", "xcomp"}


def rephrase(article: Article, ranked: Sequence[Candidate], limit: int) -> list[Figure]:
    """The first `limit` of the `ranked` figures with phrases widened by the parse (English
    only), leaving out the clock times the parse finds (`clock_time`)."""
    if article_language(article) != "en":
        return [c.figure for c in ranked[:limit]]
    doc = article.doc
    text = article.text
    out: list[Figure] = []
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []  # (phrase, number) in sentence
    for cand in ranked:
        if len(out) >= limit:
            break
        offset = text.find(cand.figure.sentence)
        number = _number(doc, cand, offset) if offset >= 0 else None
        named = not cand.features.get("date") and in_a_name(number.root) if number else False
        if number is not None and (clock_time(number.root) or named):
            continue  # a date's day is no name's number: "the week of November 12th"
        phrase = _from_parse(doc, text, cand, offset, number) if number is not None else None
        figure = replace(cand.figure, text=phrase) if phrase else cand.figure
        if not WORD_OF_LETTERS.search(figure.text.replace(figure.value, " ")):  # "$632", "16.2%"
            worded = _worded(figure, number, text)
            if worded is None:
                continue
            figure = worded
        at = _phrase_span(figure, cand.number_span)
        other = _other_end(figure.sentence, (cand.number_span, figure.unit, figure.number))
        ends_at_number = at[0] == cand.number_span[0] or at[1] == cand.number_span[1]
        if other is not None and at != cand.number_span and ends_at_number:
            # a phrase that stops at one end of a range ("can cost between $100,000") would
            # misstate it: it takes the other end too, with what that end counts ("10% – 15%
            # region") where this still reads as a phrase
            for end in (right_edge(figure.sentence, other), other.end):
                wide = (min(at[0], other.start), max(at[1], end))
                if _readable(figure.sentence[slice(*wide)]):
                    at, figure = wide, replace(figure, text=figure.sentence[slice(*wide)])
                    break
        if other is not None and at[0] <= other.start and other.end <= at[1]:
            # "10-25 pounds", "1 to 2 weeks": the phrase holds both, the value is both
            both = (min(other.start, cand.number_span[0]), max(other.end, cand.number_span[1]))
            unit = figure.unit or quantity(other, figure.sentence[other.end :])[1]
            figure = replace(figure, value=figure.sentence[slice(*both)], number=None, unit=unit)
            cand = replace(cand, number_span=both)
            if not WORD_OF_LETTERS.search(figure.text.replace(figure.value, " ")):
                worded = _worded(figure, number, text)  # "one in seven" alone says nothing
                if worded is None:
                    continue
                figure, at = worded, _phrase_span(worded, both)
        same = [i for i, f in enumerate(out) if f.sentence == figure.sentence]
        if any(_inside(cand.number_span, spans[i][1]) for i in same):
            continue  # the end of a range already shown: "25 to 50 percent"
        inner = [i for i in same if _inside(spans[i][1], cand.number_span)]
        if inner:  # the range's end came first ("2" of "1 to 2 weeks"): the range replaces it
            out[inner[0]], spans[inner[0]] = figure, (at, cand.number_span)
            continue
        # The two ends of a range ("1 to 2 weeks", "100–300 ms") or a part and its whole
        # ("16 of 18 funds") are one figure, shown once by whichever number's phrase holds both.
        ends = [
            i
            for i in same
            if _one_figure(
                figure.sentence,
                (spans[i][1], out[i].unit, out[i].number),
                (cand.number_span, figure.unit, figure.number),
            )
        ]
        held = [i for i in ends if _inside(cand.number_span, spans[i][0])]
        covered = [i for i in ends if _inside(spans[i][1], at)]
        if held or covered:  # the figure's value is both numbers as written: "16 of 18"
            i = (held or covered)[0]
            kept, phrase_at = (out[i], spans[i][0]) if held else (figure, at)
            (low, _), (_, high) = sorted((spans[i][1], cand.number_span))
            out[i] = replace(kept, value=kept.sentence[low:high], number=None)
            spans[i] = (phrase_at, (low, high))
            continue
        out.append(figure)
        spans.append((at, cand.number_span))
    return out


# What joins two numbers that are one figure: the ends of a range ("1 to 2", "100–300", "2-10",
# "between 200 and 250") or a part and its whole ("16 of 18").
JOIN_CHARS = 8  # at most, between two numbers that are one figure (" and ", " – ")
_ONE_FIGURE_JOIN = re.compile(rf"\s*[-–—]\s*|\s+({'|'.join(JOIN_WORDS)})\s+")


# A number of a sentence: where it is, its unit and its amount.
Placed = tuple[tuple[int, int], str | None, float | None]


def _one_figure(sentence: str, one: Placed, other: Placed) -> bool:
    """Whether two numbers of a sentence are one figure: the two ends of a range, or a part
    of a whole. A range joined by "to" needs the same unit at both ends, or none before it
    ("25 to 50 percent"): "fell 12% to $2.09" is a move to a level, "$269 billion to 160.4
    million people" a payment; so does a part ("$5 of $10"; "5% of 200 people" is two
    figures), and one "in" or "out of" a whole is the smaller ("1 in 5"; "300 in 12 shops" is
    two), as the first of two numbers either of which may hold is ("2 or 3 times")."""
    low, high = sorted((one, other))
    ((low_start, low_end), low_unit, low_amount) = low
    ((high_start, _), high_unit, high_amount) = high
    join = (
        _ONE_FIGURE_JOIN.fullmatch(sentence[low_end:high_start]) if high_start >= low_end else None
    )
    if join is None:
        return False
    if join.group(1) == "and":  # "200 and 250" only after "between"
        return sentence[:low_start].rstrip().lower().endswith("between")
    if join.group(1) in ("in", "out of", "or") and (
        low_amount is None or high_amount is None or low_amount >= high_amount
    ):
        return False  # "for $129 or $30 off": the second says something else of the first
    return join.group(1) is None or low_unit == high_unit or _shared_unit(low_unit, high_unit)


def _shared_unit(low: str | None, high: str | None) -> bool:
    """A range's unit written once, at its end: "25 to 50 percent", "0-20%", "230 to 260 feet"
    (a unit of measure; not money: "12 to $2.09" is a move to a level)."""
    return low is None and (high == "%" or high in MEASURE_UNITS)


def _other_end(sentence: str, number: Placed) -> Number | None:
    """The number that makes one figure with the figure's number, right after or right
    before it: a range's other end or a part's whole ("10-25 pounds", "0-20%", "25 to 50
    percent", "12 of 15", "1 in 5")."""
    (start, end), _, _ = number
    starts, ends = _numbers_at(sentence)
    after = _ONE_FIGURE_JOIN.match(sentence, end)
    nearby = [starts.get(after.end()) if after else None]
    nearby += [
        ends.get(start - k)
        for k in range(1, JOIN_CHARS + 1)
        if _ONE_FIGURE_JOIN.fullmatch(sentence, start - k, start)
    ]
    for other in filter(None, nearby):
        amount, unit = quantity(other, sentence[other.end :])
        if _one_figure(sentence, number, ((other.start, other.end), unit, amount)):
            return other
    return None


@lru_cache(maxsize=64)
def _numbers_at(sentence: str) -> tuple[dict[int, Number], dict[int, Number]]:
    """A sentence's numbers that may be one end of a range, by where they start and end."""
    numbers = [
        n
        for n in find_numbers(sentence)
        if n.kind in ("count", "money", "percent") or (n.kind == "word" and n.amount is not None)
    ]
    return {n.start: n for n in numbers}, {n.end: n for n in numbers}


def _phrase_span(figure: Figure, number: tuple[int, int]) -> tuple[int, int]:
    """Where the figure's phrase is in its sentence: the occurrence that holds its number."""
    start = figure.sentence.find(figure.text)
    while start >= 0:
        if start <= number[0] and number[1] <= start + len(figure.text):
            return start, start + len(figure.text)
        start = figure.sentence.find(figure.text, start + 1)
    return number


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _number(doc: Doc, cand: Candidate, offset: int) -> Span | None:
    """The number's tokens in the parse, or None where they cannot be found."""
    span = doc.char_span(
        offset + cand.number_span[0], offset + cand.number_span[1], alignment_mode="expand"
    )
    return span if span is not None and len(span) else None


def in_a_name(num: Token) -> bool:
    """The number ends a name: a product, an organisation, a work, a place or an event
    ("PlayStation 4", "Windows 8", "Channel 4", "Flight 370", "Fortune 10"), not a count of
    anything. Either the parse's entities hold it with a word before it, or the parse makes
    the capitalised word right before its digits the word it modifies ("Framework 7 has …",
    "Android 2.2", "Season 3", "Web 2.0"): a count modifies what it counts, which comes after
    it ("7 frameworks"). So are a chapter's or a category's ("Chapter 11 bankruptcy", "a
    Category 4 storm"), though headlines use them. A number that opens the name stays a figure
    ("Three Boston University students": the parse's mistake), and so does a score ("6-3")."""
    doc, i = num.doc, num.i
    if _counts_one_name(num) or _labels_its_noun(num):
        return True
    if i == 0 or not _capitalised(doc[i - 1].text) or doc[i - 1].text in _currency_codes():
        return False  # "USD 500": a sum
    ends_name = i + 1 == len(doc) or doc[i + 1].ent_iob_ != "I"
    named = num.ent_type_ in _NAME_ENTITIES and num.ent_iob_ == "I" and ends_name
    return (named and doc[i - 1].is_alpha) or _names_its_word(num) or _a_names_number(num)


def _a_names_number(num: Token) -> bool:
    """Digits right after a capitalised noun inside a sentence that are a version's or a
    model's number, though the parse took them for a count: before the noun they modify
    ("our Olmo 3 models": a count comes before a name, "3 Olmo models"), or written after
    the same name again elsewhere in the article ("Olmo 3 … Olmo 3 7B"). A currency's code
    or abbreviation before digits is no name ("Rs 25 lakh", "USD 500")."""
    doc, i = num.doc, num.i
    word = doc[i - 1]
    if not (num.text[0].isdigit() and word.is_alpha and _capitalised(word.text)):
        return False
    if word.i == word.sent.start or doc[word.i - 1].is_punct:
        return False  # capitalised as a clause's first word: '“Use 4 spaces”'
    if word.pos_ not in ("PROPN", "NOUN") or word.text == "Rs":
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is not None and after.text.startswith(("-", "–", "/")):
        return False  # a score or a rating: "Lakers 109-90"
    if num.head.i > i and (num.head.lower_ in _TIME_UNITS or num.head.lower_ in _MEASURES):
        return False  # "in Pennsylvania 10 years ago", "gave Paladino 24 hours"
    # a person or a place before a count is who or where ("gave Paladino 24 hours")
    before_its_noun = (
        num.head.i > i
        and num.head.pos_ in ("NOUN", "PROPN")
        and word.ent_type_ not in _PEOPLE_AND_PLACES
    )
    return before_its_noun or doc.text.count(f"{word.text} {num.text}") >= 2


_PEOPLE_AND_PLACES = frozenset("PERSON GPE LOC".split())
_MEASURES = MEASURE_UNITS | MEASURE_WORDS


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    """ISO 4217 codes ("USD", "INR"), as Babel lists them."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _labels_its_noun(num: Token) -> bool:
    """Digits right after a noun of kinds or parts label one of them ("stage 4 of the plan",
    "type 2 diabetes", "phase 3 trials"): they modify that noun, or the noun and they both
    modify the word after them (a count comes before the words that describe what it
    counts: "3 phase trials")."""
    doc, i = num.doc, num.i
    word = doc[i - 1] if i else None
    after = doc[i + 1].text if i + 1 < len(doc) else ""
    if word is None or word.lower_ not in _KIND_NOUNS or not num.text.isdigit():
        return False
    if num.dep_ not in ("nummod", "appos", "npadvmod", "compound") or after.startswith(
        ("-", "–", "/")
    ):
        return False
    shared = word.dep_ in ("nmod", "compound") and word.head.i == num.head.i > i
    # 'had type 2 diabetes' parsed as the verb "type" with its object "2 diabetes"
    misread = num.head.i > i and num.head.head.i == word.i
    return num.head.i == word.i or shared or misread


# Nouns a number after them names one kind or part of ("type 2", "phase 3", "chapter 11"); not
# measures, whose number is a value ("age 61", "size 16", "magnitude 5").
_KIND_NOUNS = frozenset(
    """type phase stage grade tier class category level chapter section season episode
    version generation series route gate room zone""".split()
)


def _counts_one_name(num: Token) -> bool:
    """A number that would count one thing with a name: "the 747 Shuttle Carrier Aircraft",
    "10 Downing Street" (digits above one before a singular proper noun), "the Two Holy
    Mosques" (a number word with a capital inside a sentence, before a capitalised word). A
    count of named things has their plural ("12 Republicans", "8 Reolink Cams", which the
    tagger may call singular), and a unit may be in capitals ("25K IOPS")."""
    doc, i = num.doc, num.i
    if i == 0 or i + 1 == len(doc) or not doc[i + 1].is_title:
        return False
    if num.text.isalpha():  # capitalised not for opening a sentence, a quote or a heading
        return num.is_title and not (num.is_sent_start or doc[i - 1].is_punct)
    head = num.head
    return (
        num.text.isdigit()
        and int(num.text) > 1
        and num.dep_ == "nummod"
        and head.i > i
        and head.tag_ == "NNP"
        and not (head.is_upper or head.text.endswith("s"))  # a unit ("IOPS"), a plural
        and doc[i - 1].text not in _CURRENCY_SIGNS
    )


def _capitalised(word: str) -> bool:
    """ "Windows", "HQ", and a name with a capital inside it: "iOS", "iPhone", "eBay"."""
    return word[0].isupper() or (word[0].islower() and any(c.isupper() for c in word[1:]))


def _names_its_word(num: Token) -> bool:
    """Digits that the capitalised word right before them takes as its modifier, or that take
    a name right before them as theirs ("the iOS 14 release"), with no score's or rating's "-"
    or "/" after them ("Lakers 109-90", "VESA 81/100")."""
    doc, i = num.doc, num.i
    word = doc[i - 1]
    after = doc[i + 1].text if i + 1 < len(doc) else ""
    modifies = num.head.i == i - 1 and num.dep_ in ("nummod", "appos", "npadvmod", "compound")
    named = (
        word.head.i == i
        and word.dep_ in ("compound", "amod", "nmod", "npadvmod")
        and (word.pos_ == "PROPN" or not word.text[0].isupper() or word.is_upper)
    )
    return num.text[0].isdigit() and (modifies or named) and not after.startswith(("-", "–", "/"))


# spaCy's entity labels for names (not LAW, NORP, CARDINAL, MONEY, QUANTITY, DATE, ...).
_NAME_ENTITIES = frozenset("PERSON FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART".split())


def clock_time(num: Token) -> bool:
    """A time of day written as a bare number, which the number patterns cannot tell from a
    count: "at about 7 last night", "at 9 every morning", "7 o'clock" (spaCy's TIME entity
    with no time unit counted), "in the morning about 7 or 8" (a bare number of the hours of
    a day next to a part of the day). "48 hours", "30 minutes" are durations: figures."""
    if num.dep_ == "conj" and num.head.like_num and num.head.i < num.i:
        return clock_time(num.head)  # "about 7 or 8"
    if not num.text.isdigit() or not 0 < int(num.text) <= 24:
        return False  # "1,681.64" (a TIME entity by mistake), "1998", "250"
    if num.head.i != num.i and (num.head.like_num or num.head.lower_ in _TIME_UNITS):
        return False  # "2 226 hours", "48 hours", "an 11-night run"
    if num.ent_type_ == "TIME":
        return True
    if num.dep_ in ("nummod", "quantmod", "compound") and num.head.lower_ != "o'clock":
        return False  # it counts something: "12 people"
    near = num.doc[max(num.sent.start, num.i - 4) : min(num.sent.end, num.i + 5)]
    return any(t.lower_ in _PARTS_OF_DAY for t in near)


_TIME_UNITS = frozenset(
    "hour hours hr hrs minute minutes min mins second seconds sec secs day days night nights"
    " week weeks"
    " month months year years decade decades century centuries".split()
)
_PARTS_OF_DAY = frozenset("morning afternoon evening night tonight midnight noon o'clock".split())


def _from_parse(doc: Doc, text: str, cand: Candidate, offset: int, number: Span) -> str | None:
    """`text` is `doc.text`, which spaCy would join anew on every read."""
    sentence = cand.figure.sentence
    start, end = offset + cand.span[0], offset + cand.span[1]
    lo, hi = start, end
    for extra in filter(None, _layers(number.root)):  # a layer that would not fit is left out
        wider = min(lo, *(t.idx for t in extra)), max(hi, *(t.idx + len(t) for t in extra))
        wider = wider[0], _closed(text, *wider)  # "New Jersey (87.8" -> "New Jersey (87.8)"
        wider = _name_start(doc, wider[0], offset), wider[1]  # never half a name
        inside = offset <= wider[0] and wider[1] <= offset + len(sentence)
        if inside and _readable(text[wider[0] : wider[1]]):
            lo, hi = wider
    whole = _whole_words(text, lo, hi, offset, offset + len(sentence))
    if _readable(text[whole[0] : whole[1]]):
        lo, hi = whole
    bound = _OR_MORE.match(text, hi, offset + len(sentence))
    at_number = len(text[end:hi].split()) <= 1  # the phrase ends at the number or its unit
    worded = WORD_OF_LETTERS.search(text[lo:hi].replace(cand.figure.value, " "))
    if bound and at_number and worded and _readable(text[lo : bound.end()]):
        hi = bound.end()  # "nine inches or less", "$100 or more": a bound, not an amount
    lo = _name_start(doc, lo, offset)
    phrase = _LOOSE_END.sub("", text[lo:hi].strip(" ,;:-–—"))
    return phrase if phrase and phrase in sentence else None


_OR_MORE = re.compile(
    r"\s+or\s+(?:less|more|fewer|greater|higher|lower|longer|shorter|older|younger|so"
    r"|above|below|over|under)\b",
    re.IGNORECASE,
)


def _name_start(doc: Doc, lo: int, floor: int) -> int:
    """A phrase opening inside a name opens with the whole name ("York Pilates who's been
    teaching" -> "New York Pilates who's been teaching"), not before `floor`."""
    span = doc.char_span(lo, lo + 1, alignment_mode="expand")
    if span is None:
        return lo
    first = span[0]
    while first.i > 0 and first.pos_ == "PROPN":
        before = doc[first.i - 1]
        if before.pos_ != "PROPN" or before.dep_ != "compound" or before.idx < floor:
            break
        first = before
    return min(lo, first.idx)


# A word no phrase ends on: it opens what was cut off ("4.9 pounds per person per"). ("in"
# and "on" may end a verb: "came in".)
_LOOSE_END = re.compile(
    r"(?:\s+(?:per|of|to|for|from|with|by|at|and|or|but|the|a|an))+$", re.IGNORECASE
)


def _worded(figure: Figure, number: Span | None, text: str) -> Figure | None:
    """A bare "9.1%", "$632", "¥500" with words: what holds it ("a jump in the unemployment
    rate to 9.1%"), else the short line it stands in ("- $632 if you have no dependent
    children"); None when neither: a reader cannot tell what it counts."""
    holding = _held_by(number, text) if number is not None else None
    if holding and holding in figure.sentence:
        return replace(figure, text=holding)
    line = figure.sentence.strip(" -–—*•+")
    if len(line.split()) <= MAX_WORDS and len(_LOWER_WORD.findall(line)) >= BARE_LINE_WORDS:
        return replace(figure, text=line)
    return None


def _held_by(number: Span, text: str) -> str | None:
    """For a number the parse hangs on nothing that counts it, what holds it through its
    preposition: the word the preposition hangs on, from its own modifiers ("a jump in the
    unemployment rate to 9.1%", "increase the top estate tax rate in the US to 77%"); None
    when that is no readable phrase or no such preposition."""
    num = number.root
    holding = _holding(num)
    if not holding or holding[0].pos_ not in ("NOUN", "PROPN", "VERB"):
        return None
    start = min(t.idx for t in holding)
    phrase = text[start : number[-1].idx + len(number[-1])]
    return phrase if _readable(phrase) else None


def _holding(token: Token) -> list[Token]:
    """The word a preposition's object hangs on through it, and that word's own modifiers
    ("a jump in the jobless rate" of "to 9.1%"); [] when `token` is no such object."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.i == prep.i:
        return []
    holder = prep.head
    return [holder, *(t for t in holder.lefts if t.dep_ in _MEANING_DEPS)]


def _closed(text: str, lo: int, hi: int) -> int:
    """The span's end, past the bracket that closes one it opened, when that bracket comes
    within `CLOSING_CHARS`: "a smaller plate (nine inches" -> "a smaller plate (nine inches
    or less across)"."""
    if text.count("(", lo, hi) <= text.count(")", lo, hi):
        return hi
    closing = text.find(")", hi, hi + CLOSING_CHARS)
    return closing + 1 if closing >= 0 and "(" not in text[hi:closing] else hi


CLOSING_CHARS = 40


_JOINERS = "-/"  # inside one word: "Wheelchair-bound", "66/1"
_CURRENCY_SIGNS = "$£€¥₹"  # glued to the number after them: "$10,000"


def _whole_words(text: str, lo: int, hi: int, first: int, last: int) -> tuple[int, int]:
    """The span out to the ends of the words it cuts: a token of "Wheelchair-bound", of
    "66/1" or of "$10,000" never starts a phrase."""
    while lo > first and (text[lo - 1].isalnum() or text[lo - 1] in _JOINERS + _CURRENCY_SIGNS):
        lo -= 1
    while hi < last and (
        text[hi].isalnum() or (text[hi] in _JOINERS and hi + 1 < last and text[hi + 1].isalnum())
    ):
        hi += 1
    return lo, hi


def _readable(span: str) -> bool:
    """At most MAX_WORDS words, within one clause (no ";"), every bracket and quotation mark
    it opens closed: "the river (200m away" is not a phrase."""
    if len(span.split()) > MAX_WORDS or ";" in span:
        return False
    pairs = (("(", ")"), ("“", "”"), ("[", "]"))
    return all(span.count(a) == span.count(b) for a, b in pairs) and span.count('"') % 2 == 0


def _layers(num: Token) -> list[list[Token]]:
    """Rings of tokens to add, most needed first: words on the number itself ("up to", "at
    least", "one in", the other end of a range), its head noun with its modifiers, the verb
    that says what happened to it, a short subject, and the source of a claim."""
    layers: list[list[Token]] = []
    own = [
        t
        for t in num.subtree
        if t.i <= num.i and (t.dep_ in _MEANING_DEPS or t.lower_ in _MEANING_WORDS)
    ]
    for anc in list(num.ancestors)[:3]:  # "one in four Britons": the phrase starts at "one"
        if anc.lower_ in ("in", "of", "out") and anc.head.like_num and anc.head.i < num.i:
            own += [anc.head, anc]
            break
    proportion = any(t.lower_ in ("in", "of", "out") for t in own) and any(
        t.like_num and t.i < num.i for t in own
    )
    if num.dep_ == "conj" and num.head.like_num:  # "between 100 and 110": the whole range
        own += list(num.head.subtree)
    if own:
        layers.append(own)
    noun = _head_noun(num)
    if noun is not num:
        layers.append([noun, *(t for t in noun.lefts if t.dep_ in _MEANING_DEPS)])
    counted = _of_what(noun)
    if counted:
        layers.append(counted)
    holder = _holder(noun, num)
    if holder:
        layers.append(holder)
    governed = _governing_verb(noun)
    fronted = governed is not None and governed[1].dep_ == "prep" and governed[1].i < governed[0].i
    if holder and fronted:
        # "with a growth rate of 6.2%, total revenue could reach": a phrase set before its
        # clause; the verb and its subject would read as the figure's own
        governed = None
    if governed is not None:
        link = governed[1]
        if noun.lower_ in _TIME_UNITS and link.i == noun.head.i and link.dep_ == "prep":
            layers.append([link])  # "within 30 days", should the verb's clause be too long
        layers += _predicate(*governed)
    # else what a participle says of the counted thing: "a 16-year-old girl stabbed to death"
    # (never of a proportion: "one in 100 women infected" would read as the infection rate)
    participle = next((c for c in noun.rights if c.dep_ == "acl" and c.pos_ == "VERB"), None)
    if proportion:
        participle = None
    completion = _completion(participle) if participle is not None else []
    if participle is not None and completion:  # not a bare "call made"
        layers.append([participle, *completion])
    if governed is None:
        return layers
    verb = governed[0]
    # A claim's source: "Iranian state TV claimed that at least 80 ... had been killed"
    if verb.dep_ == "ccomp" and verb.head.lower_ in _CLAIMS:
        source = verb.head
        who = [t for w in source.children if w.dep_ == "nsubj" for t in w.subtree]
        aux = [t for t in verb.children if t.dep_ in ("aux", "auxpass")]
        layers.append([verb, *aux, source, *who])
    return layers


def _head_noun(num: Token) -> Token:
    """The noun the number counts: "1,240 homes", "a 23-year-old man", "Jane Doe, 56"."""
    token = num.head if num.dep_ == "conj" and num.head.like_num else num  # "200 and 250"
    for _ in range(3):
        head = token.head
        if token.dep_ not in _NOUN_LINKS or head.i == token.i or head.pos_ not in _NOMINAL:
            break
        token = head
    return token


def _holder(noun: Token, num: Token) -> list[Token]:
    """The noun that a thinly worded figure is the value or a part of, through a preposition,
    with its modifiers: "a projected annual growth rate of 6.2%", "fashion tops for under
    $100", "the most famous painters of the 20th century". Without it the verb further up
    would take the figure for its own ("6.2%, total revenue could reach"). A counted noun with
    words of its own says enough ("the two unemployed construction workers")."""
    holding = _holding(noun)
    if not holding or holding[0].pos_ not in ("NOUN", "PROPN"):
        return []
    own = [t for t in noun.lefts if t.dep_ in ("amod", "compound") and not t.like_num]
    if noun is not num and any(t not in num.subtree for t in own):
        return []
    return [noun.head, *holding]  # the preposition too: "rate of 6.2%"


def _of_what(noun: Token) -> list[Token]:
    """What the counted noun is of: "71% of consumers", "605 reports of adverse events", "220
    years of tradition"; without it a share or a count says nothing of what it measures. A
    span of time says what it is counted from: "three days after key oral exams". The
    object's words up to `OF_WORDS` (its subtree), else the object and the words on it."""
    links = ("of", "after", "before") if noun.lower_ in _TIME_UNITS else ("of",)
    of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in links), None)
    objects = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
    if of is None or not objects:
        return []
    whole = [t for obj in objects for t in obj.subtree]
    if len(whole) > OF_WORDS:
        whole = [t for obj in objects for t in (*obj.lefts, obj)]
    last = max(t.i for t in whole)  # never half a name the parse's entities hold
    doc = noun.doc
    while last + 1 < len(doc) and doc[last].ent_iob_ != "O" and doc[last + 1].ent_iob_ == "I":
        last += 1
    return [noun, of, *whole, doc[last]]  # never "of …" without its noun


OF_WORDS = 5


def _governing_verb(noun: Token) -> tuple[Token, Token] | None:
    """The verb that says what happened to the counted thing, through a preposition or a
    conjunction ("sent water into 1,240 homes and 86 businesses", "pleaded guilty to 12"),
    with its child on the way there (the subject, the object...)."""
    token = noun
    for _ in range(4):
        head = token.head
        if token.dep_ not in _VERB_LINKS or head.i == token.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head, token
        token = head
    return None


def _predicate(verb: Token, link: Token) -> list[list[Token]]:
    """The verb with its auxiliaries and negation; when the counted thing is in its subject,
    the start of its complement too ("Two men offered him a drink", never a dangling "have");
    else a short subject ("The failure sent water into 1,240 homes") and what the object was
    made to do ("forced about 3,000 residents to leave")."""
    turns = [t for t in verb.children if t.dep_ == "neg" or t.lower_ in _VERB_TURNS]
    # "to" of an infinitive opens nothing a reader needs: "tap into the $70bn market"
    aux = [
        t
        for t in verb.children
        if t.dep_ in ("aux", "auxpass") and t.i < verb.i and t.lower_ != "to"
    ]
    words = [verb, *turns, *aux, *_governor(verb)]
    if link.dep_ != "prep":  # "sold three years later"
        words.append(link)
    elif link.i > link.left_edge.i:  # "40 million years after the formation": all of it
        words += [link, *(c for c in link.children if c.dep_ == "pobj")]
    after = [
        [child.doc[child.left_edge.i], child, *_objects(child)]
        for child in verb.rights
        if child.dep_ in _COMPLEMENTS and child.i > link.i
    ]
    if link.dep_ in ("nsubj", "nsubjpass") and link.i < verb.i:  # not "said Jo Li, 17"
        # "Mr Lee, now 64, said", "Rents rose, a survey of 4,000 tenants found", "Jane Doe,
        # 27, is": the verb would dangle; a clause before a semicolon is no report of this
        # verb's ("73% didn't know …; 44% couldn't define the Bill of Rights")
        reports = any(c.dep_ == "ccomp" and not _semicolon(c, link) for c in verb.children)
        # "Three inmates are on death row": a count is the subject; "Omar Haddad, 31, is
        # from the coast": the person's age, with no more to say
        state = link.pos_ == "NOUN" and bool(_completion(verb))
        if reports or (verb.pos_ == "AUX" and not after and not state):
            return []
        start = link.doc[link.left_edge.i]  # the whole subject: "a survey of 4,000 tenants"
        return [[start, *words, *_completion(verb)]]
    layers = [words]
    if aux and not any(t.tag_ == "MD" for t in aux):  # "have now received" too long: "received"
        layers.append([w for w in words if w not in aux])
    doer = verb.head if _governor(verb) else verb  # "The paintings were expected to bring"
    for subject in (t for t in doer.children if t.dep_ in ("nsubj", "nsubjpass")):
        tokens = list(subject.subtree)
        if len(tokens) <= 5 and subject.tag_ not in ("WDT", "WP"):  # not "which", "who"
            layers.append(tokens)
        elif subject.pos_ == "NOUN":
            # a longer subject by its noun and the words on it: "The reported operating loss
            # for the period was $46.3 million" -> "operating loss for the period was …"
            layers.append([*(t for t in subject.lefts if t.dep_ in _SUBJECT_WORDS), subject])
        elif subject.tag_ in ("WDT", "WP") and _antecedent(doer, subject):
            # what "that" stands for: "the shooting spree that killed 12", "a gang who stole"
            noun = doer.head
            layers.append([noun, *(t for t in noun.lefts if t.dep_ in _MEANING_DEPS), subject])
    return layers + after


# The words on a long subject's noun that come with it: "operating" loss, "reported" loss.
_SUBJECT_WORDS = frozenset({"amod", "compound"})
# The parse's tags for a verb that agrees with a plural subject, and with a singular one.
_PLURAL_VERB, _SINGULAR_VERB = {"VBP"}, {"VBZ"}


def _antecedent(verb: Token, pronoun: Token) -> bool:
    """Whether the noun a relative clause hangs on can be what its "that", "which" or "who"
    stands for: a noun or a pronoun, not a number or a date, agreeing with the clause's verb
    ("changes in your life that have occurred": not "life"), and no place or date for "who"
    (not "Lake City, who ruled")."""
    noun = verb.head
    if verb.dep_ != "relcl" or noun.pos_ not in ("NOUN", "PROPN", "PRON") or noun.like_num:
        return False  # "those who", "someone who" stand for people too
    tags = {verb.tag_, *(t.tag_ for t in verb.children if t.dep_ in ("aux", "auxpass"))}
    plural = noun.tag_ in ("NNS", "NNPS")
    if tags & (_SINGULAR_VERB if plural else _PLURAL_VERB):
        return False
    places = ("GPE", "LOC", "FAC", "DATE", "PRODUCT")  # ORG: "the council, who said"
    return not (pronoun.lower_ in ("who", "whom") and noun.ent_type_ in places)


def _objects(child: Token) -> list[Token]:
    """A complement that is a preposition comes with its object: "sold heaters to schools",
    never a dangling "to" (the parse's "dative")."""
    return [c for c in child.children if c.dep_ == "pobj"] if child.pos_ == "ADP" else []


def _semicolon(clause: Token, subject: Token) -> bool:
    """Whether a semicolon stands between a clause before a subject and that subject."""
    return clause.i < subject.i and any(
        t.text == ";" for t in subject.doc[clause.i : subject.left_edge.i]
    )


def _completion(verb: Token, depth: int = 2) -> list[Token]:
    """What completes a verb: its complements ("offered him a drink"), an infinitive's own
    ("refused to wear blindfolds"); for an active verb with none, its first preposition and
    that one's object ("took to the streets", "believed to be in existence")."""
    out: list[Token] = []
    for child in verb.rights:
        if child.dep_ in _COMPLEMENTS:
            out += [child.doc[child.left_edge.i], child, *_objects(child)]
            if child.dep_ == "xcomp" and depth > 1:
                out += _completion(child, depth - 1)
    if not out and not any(c.dep_ == "auxpass" for c in verb.children):
        prep = next((c for c in verb.rights if c.dep_ in ("prep", "agent")), None)
        objects = [c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []
        if prep is not None and objects:  # never a dangling "by"
            out += [prep, *objects]
    return out


def _governor(verb: Token) -> list[Token]:
    """The verb an infinitive depends on, with its negation and auxiliaries: "were expected to
    bring in $300,000" is no "bring in $300,000"."""
    if verb.dep_ != "xcomp" or verb.head.pos_ not in ("VERB", "AUX"):
        return []
    head = verb.head
    return [head, *(t for t in head.children if t.dep_ in ("neg", "aux", "auxpass"))]
