"""Key figures: numbers in the article with the few words that make them mean something."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.article import Article
from bot.numbers import Number, find_numbers, normalise, quantity

# Dates, clock times and years are rarely the news; "9/11"-style tokens and ordinals only
# sometimes are, so they stay as candidates but rank low.
_SKIPPED_KINDS = {"date", "time", "year"}

# A line with no letter at all is a counter, a bare price or a list's number, not a figure.
_LETTER = re.compile(r"[^\W\d_]")
WORD_OF_LETTERS = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more
# The words that join two numbers into one figure ("1 to 2", "between 200 and 250", "16 of 18",
# "1 in 5", "2 or 3"; bot.figure_phrase shows such a pair once): no words of their own.
JOIN_WORDS = ("to", "and", "out of", "of", "in", "or")
# Words that join numbers and say nothing of them: "$38 to $275", "$0 or $16".
_JOINS = re.compile(rf"\b(?:{'|'.join(JOIN_WORDS)})\b", re.IGNORECASE)
# A line with fewer lower-case words than this is a heading or a label ("Step 3: Tools", "867
# Published Articles", "States Visited: 9", "Head Line 1"): too little to say what a count means
# (one is enough in a line that ends like a sentence: "He was 74.").
PROSE_WORDS = 2
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s*$")
_COMING = re.compile(
    r"\b(?:will|scheduled|set (?:for|to)|due|plans? to|planned|expected to|deadline|until)\b"
)

# A wire story's dateline before its date ("SAO PAULO, "), and a date's possessive ("May 9's").
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]*,\s*$")
_POSSESSIVE = re.compile(r"['’]s\b")

# Words that may sit before a number inside its phrase: "at least 80", "some of its 500".
_LEFT = re.compile(
    r"(?:\b(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|up\s+to|as\s+many\s+as"
    r"|as\s+much\s+as|as\s+few\s+as|a\s+total\s+of|an\s+estimated"
    r"|(?:some|half|most|all|many|none|each|a\s+third|a\s+quarter)\s+of\s+(?:its|their|the)"
    r"|about|around|roughly|nearly|almost|approximately|estimated|over|under|only|just|some"
    r"|another|further|additional|whopping|mere|record|all|the|a|its|their|his|her|our)\s+)$",
    re.IGNORECASE,
)
# Words after which a number's phrase stops: function words, auxiliaries, pronouns.
_STOP = set(
    """a an the and or but nor so yet if then than that which who whom whose when where while
    because as at by for from in into on onto of off out over under to with within without via
    about after before during since until against between among through across around near
    is are was were be been being am has have had having will would shall should can could may
    might must do does did not no also still already just even only now ago
    he she it they we i you me him her us them his its their our your my this these those
    there here last next today yesterday tomorrow tonight monday tuesday wednesday thursday friday
    saturday sunday myself himself herself themselves itself
    said says say told tells according who's what due despite unlike""".split()
)
# Common irregular past tenses: after the counted thing they start the predicate.
_PAST = set(
    """paid made took gave won lost left hit got went came saw found became began ran fell rose
    held kept sent spent sold told thought brought bought met put set struck""".split()
)
# Verbs and states that make a bare number newsworthy when they sit right next to it.
_IMPACT = re.compile(
    r"\b(?:kill\w*|dead|deaths?|die[ds]?|dying|injur\w*|wound\w*|hurt|missing|victims?"
    r"|arrest\w*|charged|convicted|sentenced|jail\w*|prison|evacuat\w*|rescued|hostages?"
    r"|shot|shooting|people|persons|residents|troops|soldiers|children|kids|workers|jobs"
    r"|cases|homes|houses|patients|students|fined|fine|worth|cost\w*|raised|paid|pay|won"
    r"|lost|sold|bought|spent|million|billion|record|largest|biggest|highest|lowest|most"
    r"|worst|best|first-ever|oldest|youngest|longest|tallest|fastest|deadliest)\b",
    re.IGNORECASE,
)
_MODIFIER = re.compile(
    r"at least|more than|up to|as many as|nearly|almost|about|some|roughly|over|estimated",
    re.IGNORECASE,
)
# A verb just before a bare count belongs to it: "hit 17 times", "killed five people".
_VERB = (
    r"hit|kill(?:ed|ing|s)|injur(?:ed|ing|es)|wound(?:ed|ing|s)|shot|struck|arrested"
    r"|rescued|evacuated|fired|launched|lost|won|raised|sold|spent|paid|cost|owes?|earned"
    r"|gained|fell|rose|dropped|jumped|climbed|surged|grew|left|leaving|sentenced\s+to"
    r"|(?:jailed|imprisoned|banned)\s+for|fined|scored|received|attracted|drew"
)
_MODAL = r"(?:would|could|will|might|may|should|must)\s+(?:have\s+)?"
_VERB_BEFORE = re.compile(rf"\b(?:{_MODAL})?(?:{_VERB})\s+$", re.IGNORECASE)
_VERB_LED = re.compile(rf"(?:{_VERB})\s", re.IGNORECASE)
# Counts of people and of harm done to them: the numbers a reader looks for first.
_HARM = re.compile(
    r"\b(?:kill\w*|dead|deaths?|died|die|injur\w*|wound\w*|hurt|missing|victims?|casualties"
    r"|people|persons|residents|troops|soldiers|civilians|children|workers|patients|families"
    r"|homes|houses)\b",
    re.IGNORECASE,
)
# What a money or percentage value is: "estimated at", "would have cost", "a fine of".
_VALUE_VERB = re.compile(
    rf"\b(?:{_MODAL})?"
    rf"(?:{_VERB}|worth|costs?|put|set|pay|[a-z]{{3,}}ed|(?:a|an|the)\s+[a-z]{{3,}}\s+of)"
    r"(?:\s+(?:at|to|by|from|for|of))?\s+$",
    re.IGNORECASE,
)
# A subject of one to three words opening the clause: "the repair", "Sales at the chain".
_SHORT_SUBJECT = re.compile(r"(?:^|[,;:]\s)((?:[\w'’-]+\s){1,3})$")
_COMPARED = re.compile(
    r"\s+(?:above|below|(?:higher|lower|more|less)\s+than|(?:up|down)\s+(?:on|from))"
    r"(?:\s+(?:the|a|an|its|their|last))?(?:\s+(?!(?:and|or|but|in|on|at|for)\b)[\w’'-]+){1,2}",
    re.IGNORECASE,
)
_DIRECTION = re.compile(
    r"\s+(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?\s+of\s+[A-Z][\w'’-]*",
)
_TIME_UNIT = re.compile(r"[\s-]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b")
# An ordinal that names a time or a kind, not a rank: "the 21st century", "a 3rd-party vendor".
_ORDINAL_TERM = re.compile(r"[\s-]+(?:centur(?:y|ies)|part(?:y|ies))\b", re.IGNORECASE)
_OF_WHOLE = re.compile(r"\s+of\s+(?:its|their|the|his|her|our|them|those|these)\b")
_APPOSITIVE = re.compile(r"(?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’.-]*,\s$")
_RESTATED = re.compile(r"\s?\(([^()]{1,30})\)")
_WORD = re.compile(r"\s*([“‘\"']?)([\w$£€%.,'’/-]+)([”’\"']?)")


@dataclass(frozen=True)
class Figure:
    """A number as written, its context phrase and sentence, all verbatim from the article;
    `number` is its value as a float (None for "dozens"), `unit` "%", a currency code, "km"..."""

    value: str
    text: str
    sentence: str
    number: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Candidate:
    """One mention of a number, with what the ranker reads about it."""

    figure: Figure
    key: str  # what makes two mentions the same figure: "1500", "%17", "$3.2"
    order: int  # position in the article, to break ties
    features: dict[str, float]
    span: tuple[int, int]  # the phrase within the sentence
    number_span: tuple[int, int]  # the number within the sentence


def find_figures(
    article: Article,
    limit: int = 8,
    parse: bool = True,
    mentions: Sequence[Candidate] | None = None,
) -> list[Figure]:
    """The article's most newsworthy figures, best first, each phrased by the parse when the
    article's language has one (`parse=False`: the rule phrases, without parsing).
    `mentions`: the article's `candidates`, when the caller already has them."""
    from bot.figure_phrase import rephrase

    order = ranked(article, mentions)
    if not parse:
        return [c.figure for c in order[:limit]]
    return rephrase(article, order, limit) if order else []


def ranked(article: Article, mentions: Sequence[Candidate] | None = None) -> list[Candidate]:
    """One candidate per distinct figure (its best-scored mention), best first, by the learned
    ranker (bot/data/figure-ranker.json)."""
    from bot.figure_rank import ranker

    model = ranker()
    best: dict[str, tuple[float, Candidate]] = {}
    for cand in candidates(article) if mentions is None else mentions:
        score = model.score(cand.features)
        if cand.key not in best or score > best[cand.key][0]:
            best[cand.key] = (score, cand)
    return [c for _, c in sorted(best.values(), key=lambda sc: (-sc[0], sc[1].order))]


def candidates(article: Article) -> list[Candidate]:
    """Every figure-worthy mention of a number in the article's prose, with its features."""
    from bot.figure_junk import is_junk
    from bot.furniture import is_table_row
    from bot.markup import doubtful_sentences
    from bot.parse import article_language

    language = article_language(article)
    out: list[Candidate] = []
    order = 0
    links = doubtful_sentences(article)  # a teaser, a list of links, a recall-only line
    for at, (index, sentence) in enumerate(_prose_sentences(article)):
        if is_table_row(sentence.strip()) or (links and links[at]):
            continue  # '| Denver | $1,470 | 8.5% |': a table's cell says nothing on its own
        if not _LETTER.search(_JOINS.sub(" ", sentence)):
            continue  # '1 / 13', '$53,325', '$38 to $275': numbers with no word say nothing either
        label = _label_line(sentence)
        for number, start, end in _numbers_with_phrases(sentence, language):
            if is_junk(number, sentence) or (label and number.kind not in ("money", "percent")):
                continue  # a label's price or share still says what it is: "Price: $34"
            order += 1
            out.append(_candidate(number, sentence, start, end, index, order, language))
    _article_features(out, order)
    return out


def _label_line(sentence: str) -> bool:
    """A heading or a label: fewer than `PROSE_WORDS` lower-case words, or none in a line that
    ends like a sentence ("He was 74." is prose; "Step 5." is not). A script without case,
    Chinese or Japanese, counts all its words."""
    words = WORD_OF_LETTERS.findall(sentence)
    prose = sum(w.islower() or w.lower() == w.upper() for w in words)
    return prose < (1 if _SENTENCE_END.search(sentence) else PROSE_WORDS)


_KINDS = ("count", "money", "percent", "word", "ordinal")


def _article_features(mentions: list[Candidate], total: int) -> None:
    """What a mention's place among the article's numbers says: repeated, first of its kind."""
    count: dict[str, int] = {}
    for cand in mentions:
        count[cand.key] = count.get(cand.key, 0) + 1
    seen: set[str] = set()
    for cand in mentions:
        f = cand.features
        kind = next((k for k in _KINDS if f.get(k)), "other") + (cand.figure.unit or "")
        lead = bool(f.get("sentence0") or f.get("sentence1"))
        for k in _KINDS:
            f[f"lead_{k}"] = float(lead and bool(f.get(k)))
        f["first_of_kind"] = float(kind not in seen)
        seen.add(kind)
        f["repeated"] = float(min(count[cand.key] - 1, 2))
        f["relative_position"] = (cand.order - 1) / max(total, 1)


def _prose_sentences(article: Article) -> list[tuple[int, str]]:
    """Sentences numbered from the first one with prose, so a dateline or byline is not the lead."""
    out, index = [], 0
    for sentence in article.sentences:
        out.append((index, sentence))
        if len(re.findall(r"\b[a-z]{2,}\b", sentence)) >= 3:
            index += 1
    return out


def _numbers_with_phrases(sentence: str, language: str = "en") -> list[tuple[Number, int, int]]:
    """Each figure-worthy number in a sentence with the span of its phrase."""
    out = []
    numbers = [n for n in find_numbers(sentence, language) if _wanted(n, sentence)]
    consumed_until = -1
    for n in numbers:
        if n.start < consumed_until or not _is_figure(n, sentence):
            continue  # a restatement already merged into the figure before it
        start = _left_edge(sentence, n)
        end = right_edge(sentence, n)
        if end == n.end and (start == n.start or n.kind in ("money", "percent")):
            start = _bare_left(sentence, n, start)
        consumed_until = end
        out.append((n, start, end))
    return out


def _wanted(n: Number, sentence: str) -> bool:
    """Skip dates, times and years, except the date of something coming: "will meet Nov. 15"."""
    if n.kind == "date":
        if _DATELINE.match(sentence, 0, n.start) or _POSSESSIVE.match(sentence, n.end):
            return False  # "SAO PAULO, Nov 7 (Reuters) -", "after May 9's filing": no date to come
        return bool(_COMING.search(sentence)) and bool(re.search(r"[a-z]{2,} [a-z]{2,}", sentence))
    return n.kind not in _SKIPPED_KINDS


def _is_figure(n: Number, sentence: str) -> bool:
    if n.kind == "word" and n.value.lower() in ("one", "zero"):
        return False  # "one man said", "zero tolerance": almost never a figure
    if n.kind == "ordinal":
        # Milestones ("his 600th home run") and ranks that are the story ("third-largest").
        if _ORDINAL_TERM.match(sentence, n.end):
            return False  # "21st-century waterpower": a time, like a year; "3rd party": a kind
        if n.value[0].isdigit() and (n.amount or 0) > 1:
            return True
        return bool(re.match(r"[\s-]+(?:\w+est|most|biggest|time)\b", sentence[n.end :]))
    return True


def _left_edge(sentence: str, n: Number) -> int:
    start = n.start
    for _ in range(3):
        m = _LEFT.search(sentence, 0, start)
        if not m:
            break
        start = m.start()
    if start == n.start and not _TIME_UNIT.match(sentence, n.end):
        verb = _VERB_BEFORE.search(sentence, 0, start)
        if verb:
            start = verb.start()
    return start


def right_edge(sentence: str, n: Number) -> int:
    """End of the phrase: the counted thing ("1,500 foreign troops"), a restatement, a state."""
    end = n.end
    whole = _OF_WHOLE.match(sentence, end)  # "50 of its stores", "seven of them"
    if n.kind == "word" and n.amount is None:  # "tens of drones", "hundreds of people"
        whole = re.compile(r"\s+of\b").match(sentence, end)
    if whole:
        end = whole.end()
    compared = _COMPARED.match(sentence, end)  # "37% above the five-year average"
    if compared and n.kind in ("money", "percent"):
        return compared.end()
    words = 0
    opened = False
    while words < 4:
        restated = _RESTATED.match(sentence, end)
        if restated and re.search(r"\d", restated.group(1)):  # "37 miles (60km)": one figure
            return _after_restatement(sentence, restated.end())
        m = _WORD.match(sentence, end)
        if not m or _is_stop(m.group(2)) or (m.group(1) and words):
            break  # a function word, or a quotation opening mid-phrase, starts something else
        word = m.group(2)
        if words and (word[0].isdigit() or word[0] in "$£€¥"):
            break  # another number starts another figure: "Season 3 drew 2 million viewers"
        bare_word = word.rstrip(".,;:?!")
        if words and (re.fullmatch(r"[a-z]{3,}(?:ed|ing|ly)", bare_word) or bare_word in _PAST):
            break  # a verb or adverb after the counted thing: "three bystanders raced"
        opened = opened or bool(m.group(1))
        trimmed = word.rstrip(".,")
        closes = trimmed == word and opened  # keep a closing mark only if the phrase opened it
        end = m.start(2) + len(trimmed) + (len(m.group(3)) if closes else 0)
        words += 1
        if trimmed != word or (m.group(3) and opened) or word.endswith((";", ":", "?", "!")):
            break
    return end


def _bare_left(sentence: str, n: Number, start: int) -> int:
    """A number with nothing after it borrows the words before it: "Jane Doe, 50"."""
    head = sentence[:start]
    if n.kind in ("money", "percent") or re.search(r"[a-z]$", n.value):
        # "$40m" and "17%" say what they are; the verb says what happened: "estimated at £6m"
        verb = _VALUE_VERB.search(sentence, 0, n.start)
        if not verb or verb.start() > start:
            return start
        subject = _SHORT_SUBJECT.search(sentence, 0, verb.start())  # "the repair would cost"
        return subject.start(1) if subject else verb.start()
    if sentence[n.end : n.end + 1] in (",", ")", "") or sentence[n.end :].startswith(" and"):
        name = _APPOSITIVE.search(head)
        if name:
            return name.start()
    for count in (1, 2):  # the nearest word that is not a function word: "added 353"
        words = re.search(rf"(?:[\w$%’'-]+\s+){{{count}}}$", head)
        if words and not _is_stop(words.group().split()[0]):
            return words.start()
    return start


def _is_stop(word: str) -> bool:
    bare = word.strip(".,;:")
    if re.search(r"\w['’](?:t|ve|re|ll|d|m)$", bare):
        return True  # "couldn't", "who've": the clause goes on
    return bare.lower() in _STOP and not (bare.isupper() and len(bare) > 1)  # "US", "IT"


def _after_restatement(sentence: str, end: int) -> int:
    m = _DIRECTION.match(sentence, end)
    return m.end() if m else end


def _candidate(
    n: Number, sentence: str, start: int, end: int, index: int, order: int, language: str
) -> Candidate:
    text = sentence[start:end].strip()
    feats = features(n, sentence, (start, end), index, order)
    number, unit = quantity(n, sentence[n.end :], language)
    feats["has_unit"] = float(unit is not None and n.kind not in ("money", "percent"))
    feats["log_number"] = math.log10(1 + abs(number)) if number is not None else 0.0
    figure = Figure(n.value, text, sentence, number, unit)
    return Candidate(figure, _key(n, feats), order, feats, (start, end), (n.start, n.end))


def _key(n: Number, feats: dict[str, float]) -> str:
    """Same number, same figure, except "two years" and "two people" are two figures."""
    amount = normalise(n.amount) if n.amount is not None else n.value.lower()
    prefix = {"money": "$", "percent": "%"}.get(n.kind, "")
    aside = [name for name in ("span", "when", "frequency", "age") if feats.get(name)]
    return "".join(aside) + prefix + amount


def features(
    n: Number, sentence: str, span: tuple[int, int], index: int, order: int
) -> dict[str, float]:
    """What makes a number newsworthy, each as a 0/1 signal; `span` is its phrase."""
    text = sentence[span[0] : span[1]].strip()
    before = sentence[: n.start].rstrip()
    after = sentence[n.end :]
    bare = len(text.split()) == len(n.value.split())
    distance = bool(re.match(r"[\s-]*(?:miles?|km|kilomet\w+|feet|foot|ft|yards?|met\w+)\b", after))
    measure = distance or bool(_TIME_UNIT.match(after) or re.match(r"-years?-old", after))
    verb_led = bool(_VERB_LED.match(text))  # "hit 17 times": the count is the news
    age = bool(re.match(r"-years?-old|,? (?:years )?old\b", after))
    timing = "" if age or verb_led else _time_reference(before, after)
    harm = bool(_HARM.search(text + sentence[span[1] : span[1] + 25]))
    things = not bare and not measure
    scaled = bool(re.search(r"\d\s?(?:[a-z]{1,2}|[a-z]+illion)$", n.value))  # "£1.8m", "2 billion"
    # "Two people died", "five missiles": counts like "2 people died"; "two years" is not
    kind = "count" if n.kind == "word" and harm and n.amount is not None else n.kind
    f = {
        f"sentence{index}" if index < 4 else "later": 1.0,
        "first_in_article": float(order == 1),
        kind: 1.0,
        "harm": float(harm),
        "bare": float(bare),
        "modifier": float(bool(_MODIFIER.search(text))),
        # the predicate often follows: "at least 80 personnel had been killed"
        "impact": float(bool(_IMPACT.search(text + sentence[span[1] : span[1] + 40]))),
        # "Article 51", "Flight 370", "No. 1": part of a name
        "name": float(_part_of_name(n, before)),
        "quoted": float(_inside_quote(sentence, n.start)),
        "things": float(things),
        # how long or how often ("two years earlier", "every six months", "three times")
        "span": float(timing == "span"),
        "when": float(timing == "when"),
        "frequency": float(bool(re.match(r"\s+times\b", after)) and not verb_led),
        "age": float(age),
        "small": float(n.amount is not None and n.amount < 10 and not harm and not scaled),
        "time_unit": float(bool(_TIME_UNIT.match(after))),
        "distance": float(distance),
    }
    return f


def _time_reference(before: str, after: str) -> str:
    """ "two years earlier", "every six months": "when"; "for 17 days": "span"; else ""."""
    unit = _TIME_UNIT.match(after)
    if not unit:
        return ""
    if re.match(r"\s+(?:earlier|later|ago|before|after|on|running)\b", after[unit.end() :]):
        return "when"
    approx = r"(?:(?:a|the|about|nearly|almost|some|more\s+than|less\s+than)\s+)?"
    if re.search(rf"\b(?:in|within|every|each|next|past|last)\s+{approx}$", before + " "):
        return "when"
    if re.search(rf"\b(?:for|over|after|of|than|least)\s+{approx}$", before + " "):
        return "span"
    return ""


def _part_of_name(n: Number, before: str) -> bool:
    """ "Article 51", "Flight 1549", "S&P 500", "No. 1": a name, not a quantity."""
    if n.kind in ("money", "percent"):
        return False  # "Smith 52%" in a poll is a figure
    m = re.search(r"(?:^|\s)([A-Z][a-z]+|[A-Z][A-Z&]+|No\.|#)$", before)
    if not m or _LEFT.search(m.group(1) + " "):
        return False  # "About 30", "The 27": ordinary words capitalised
    return m.start(1) > 0 or bool(re.fullmatch(r"[A-Z][A-Z&]+|No\.|#", m.group(1)))


def _inside_quote(sentence: str, pos: int) -> bool:
    head = sentence[:pos]
    return head.count("“") > head.count("”") or head.count('"') % 2 == 1
