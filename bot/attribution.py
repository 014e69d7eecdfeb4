"""Who said a quote: the speaker phrase in the words around it, as written in the article."""

from __future__ import annotations

import re

from bot.names import NAME_CHUNK, TITLES, clean_chunk, looks_like_person

# Verbs that attribute words to someone; "called X a “...”" and "vowed to ..." attribute the
# quoted words of a mixed quote as surely as "said" does.
SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|saying|told|tells|telling|added|adds|adding|declared|declares|"
    r"declaring|wrote|writes|writing|tweeted|tweets|tweeting|posted|posting|stated|states|"
    r"explained|explains|explaining|insisted|insists|insisting|argued|argues|arguing|warned|"
    r"warns|warning|noted|notes|noting|asked|asks|asking|replied|replies|responded|continued|"
    r"continues|recalled|recalls|claimed|claims|claiming|suggested|acknowledged|admitted|"
    r"announced|announcing|urged|urging|cautioned|complained|conceded|observed|remarked|"
    r"predicted|exclaimed|shouted|joked|joking|quipped|lamented|countered|agreed|"
    r"emphasi[sz]ed|stressed|contended|maintained|boasted|mused|asserted|asserts|asserting|"
    r"vowed|vows|promised|pledged|called|calls|calling|described|describes|describing|"
    r"branded|dubbed|labell?ed|reported|reports|read|reads|pointed out|went on|according to)\b",
    re.IGNORECASE,
)
# "..., the letter read" attributes; "going to read you the question" before a quote does not.
AFTER_ONLY = frozenset({"read", "reads"})
INVERTED_ONLY = frozenset({"according to"})
# Words that end a speaker phrase when read backwards from the verb.
BOUNDARY = frozenset(
    """that who whom whose which and but or nor as when while because after before if in on to
    by with than then so where said says told week month year day morning night evening
    afternoon earlier later today yesterday tonight also monday tuesday wednesday thursday
    friday saturday sunday""".split()
)
# Words skipped between a noun phrase and its verb ("Smith also said", "she has repeatedly told").
AUXILIARY = re.compile(
    r"(?:\s+(?:has|have|had|was|is|would|will|also|later|then|again|once|earlier|further|"
    r"previously|recently|once|\w+ly))+\s*$"
)
DETERMINERS = frozenset(
    """a an the one two three several some many another his her their its our this that these
    those other""".split()
)
PARTY_OR_AGE = re.compile(r"^(?:[RDI]-[A-Z][\w.]*|\d+)\.?$")
CLEFT = re.compile(r"^(?:it|this)\s+(?:was|is)\s+(.+?)\s+(?:that|who)$", re.I)
MAX_SPEAKER_WORDS = 8
NOUN_MARKERS = frozenset("a an the his her their its our my your this these those of".split())
MAX_GAP_WORDS = 20  # "X said on Sunday that she's glad ... to “...”"
INTRO_WORDS = frozenset(
    """in at on after before during for from with without since under
    asked speaking writing responding according though although meanwhile earlier""".split()
)
AUX_WORDS = frozenset("has have had was is were are will would can could".split())
DASH_CREDIT = re.compile(r"^\s*[―—–-]\s*")


def speech_verbs(text: str, after: bool = False) -> list[re.Match[str]]:
    """Speech verbs in the text, leaving out nouns spelled alike ('the claims', 'his notes')."""
    found = []
    for verb in SPEECH_VERB.finditer(text):
        if verb.group().lower() in AFTER_ONLY and not after:
            continue
        before = text[: verb.start()].split()
        if before and before[-1].lower() in NOUN_MARKERS:
            continue
        found.append(verb)
    return found


def _is_participle(verb: str) -> bool:
    """'saying', 'tweeting': its subject is the clause's ('X announced, saying: ...')."""
    return verb.endswith("ing")


def _is_pure_name(segment: str) -> bool:
    name = clean_chunk(segment)
    return bool(name) and bool(NAME_CHUNK.fullmatch(name)) and not PARTY_OR_AGE.match(name)


def _prefer_name(phrase: str) -> str | None:
    """A phrase ending in a name, as the name: "the Rev. Peter Wherry", "defence lawyer Tom
    Reyes", "the IRGC"; but "a Nato spokesperson" and "an aide to Mr. Smith" stay whole."""
    named = list(NAME_CHUNK.finditer(phrase))
    if named and named[-1].end() == len(phrase):
        name = clean_chunk(named[-1].group())
        prefix = phrase[: named[-1].start()].strip()
        if name and (prefix in DETERMINERS or prefix == "" or looks_like_person(name)):
            return name
    return phrase or None


def _tail_phrase(segment: str) -> str | None:
    """The noun phrase that ends a clause ('Television stations ran ... one man' -> 'one man')."""
    cleft = CLEFT.match(segment.strip())
    if cleft:
        segment = cleft.group(1)
    tokens = segment.split()
    kept: list[str] = []
    for token in reversed(tokens):
        if token.lower().strip("’'") in BOUNDARY or len(kept) == MAX_SPEAKER_WORDS:
            break
        kept.insert(0, token)
    if not kept:
        return None
    # Start at the last determiner: 'stations ran interviews with one man' -> 'one man'.
    starts = [i for i, t in enumerate(kept) if t.lower() in DETERMINERS]
    if starts:
        kept = kept[starts[-1] :]
    phrase = " ".join(kept).strip(" ,;:—–-")
    return _prefer_name(phrase)


def _is_intro(segment: str) -> bool:
    """'In Washington', 'Responding to the strikes', 'who asked not to be named'."""
    first = segment.split(" ", 1)[0].lower()
    return first in BOUNDARY or first in INTRO_WORDS or first.endswith("ing")


def subject_before(lead: str) -> str | None:
    """The speaker phrase just before a speech verb, appositives handled."""
    text = AUXILIARY.sub("", lead).strip(" ;:—–-").lstrip(" ,")
    appositive = text.endswith(",")
    segments = [s.strip() for s in text.rstrip(" ,").split(",") if s.strip()]
    if not segments:
        return None
    if not appositive:
        last = segments[-1]
        return clean_chunk(last) if _is_pure_name(last) else _tail_phrase(last)
    # "Raab, the foreign secretary, said" / "Iran's leader, Ali Khamenei, said": a name wins.
    for segment in reversed(segments):
        if _is_pure_name(segment) and not _is_intro(segment):
            return clean_chunk(segment)
    heads = [s for s in segments[:-1] if not _is_intro(s)]
    return _tail_phrase(heads[-1] if heads else segments[-1])


def _tail_name(lead: str) -> str | None:
    """A name ending the text ('footage of Hillary Clinton' -> 'Hillary Clinton')."""
    chunks = list(NAME_CHUNK.finditer(lead.rstrip()))
    if chunks and chunks[-1].end() == len(lead.rstrip()):
        return clean_chunk(chunks[-1].group()) or None
    return None


def clause_subject(text: str) -> str | None:
    """The subject that opens a clause ('Rival Hillary Clinton had mocked ...')."""
    for segment in (s.strip() for s in text.split(",")):
        if not segment or _is_intro(segment):
            continue
        chunk = NAME_CHUNK.match(segment)
        if chunk and clean_chunk(chunk.group()):
            return clean_chunk(chunk.group())
        words = []
        for word in segment.split()[:6]:
            if word.lower() in BOUNDARY or word.endswith("ed") or word.lower() in AUX_WORDS:
                break
            words.append(word)
        return " ".join(words) or None
    return None


def subject_after(tail: str) -> str | None:
    """The speaker phrase right after the verb ('said Raab', 'said the spokesman for X')."""
    text = tail.lstrip(" ,")
    chunk = NAME_CHUNK.match(text)
    if chunk and clean_chunk(chunk.group()) and text[:1].isupper():
        return clean_chunk(chunk.group())
    words: list[str] = []
    for token in text.split():
        bare = token.strip(".,;:!?—–()")
        if not bare or bare.lower() in BOUNDARY:
            break
        words.append(token)
        if token != token.rstrip(",;:!?)") or len(words) == MAX_SPEAKER_WORDS:
            break
        if token.endswith(".") and len(bare) > 2 and bare.lower() not in TITLES:
            break
    phrase = " ".join(words).strip(" ,;:.—–-()")
    return _prefer_name(phrase)


def speaker_after(after: str) -> str | None:
    """Speaker from an attribution following a quote: '..., he said', '..., said Raab'."""
    credit = DASH_CREDIT.match(after)
    if credit:  # a listing's credit line: "“...” ― Jane Doe"
        chunk = NAME_CHUNK.match(after, credit.end())
        return clean_chunk(chunk.group()) if chunk else None
    verbs = speech_verbs(after, after=True)
    verb = verbs[0] if verbs else None
    if verb is None or len(after[: verb.start()].split()) > 25:
        return None
    lead = after[: verb.start()]
    if not lead.strip(" ,;:—–-") or verb.group().lower() in INVERTED_ONLY:
        if lead.strip(" ,;:—–-"):
            return None
        return subject_after(after[verb.end() :])
    return subject_before(lead)


def speaker_before(before: str) -> tuple[str | None, bool]:
    """Speaker from an attribution leading into a quote, and whether it introduces it."""
    verbs = speech_verbs(before)
    if not verbs:
        # A transcript or headline label: "PENCE: ..." / "Raab: ...".
        label = before.strip()
        if label.endswith(":") and _is_pure_name(label[:-1]):
            return clean_chunk(label[:-1]), True
        if label.endswith(":"):  # "Sen. Smith scolded him: ..." - the clause's subject
            return clause_subject(label[:-1]), True
        return None, False
    verb = verbs[-1]
    gap = before[verb.end() :]
    if len(gap.split()) > MAX_GAP_WORDS:
        return None, False
    introduces = not gap.strip() or gap.rstrip().endswith((":", ","))
    if verb.group().lower() in INVERTED_ONLY:
        return subject_after(gap), introduces
    if _is_participle(verb.group().lower()):
        lead = before[: verb.start()]
        if not lead.rstrip().endswith(","):  # "footage of Trump saying ..."
            name = _tail_name(lead)
            if name:
                return name, introduces
        finite = [v for v in verbs[:-1] if not _is_participle(v.group().lower())]
        if finite:
            return subject_before(before[: finite[-1].start()]), introduces
        return clause_subject(lead), introduces
    lead = before[: verb.start()]
    if not lead.strip() and gap.strip():
        return subject_after(gap), introduces  # "said Raab: ..."
    return subject_before(lead), introduces


def speaker_in(sentence: str) -> str | None:
    """The speaker of a reported-speech sentence ('Mr. Obama said the stakes were high.')."""
    for verb in speech_verbs(sentence):
        lead = sentence[: verb.start()]
        if _is_participle(verb.group().lower()) or len(lead.split()) > 25:
            continue
        if not lead.strip() or verb.group().lower() in INVERTED_ONLY:
            return subject_after(sentence[verb.end() :])
        return subject_before(lead)
    return None
