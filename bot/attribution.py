"""Who said a quote: the speaker phrase in the words around it, as written in the article."""

from __future__ import annotations

import re

from bot.names import NAME_CHUNK, clean_chunk

SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|saying|told|tells|telling|added|adds|adding|declared|declares|wrote|"
    r"writes|writing|tweeted|tweets|posted|stated|states|explained|explains|insisted|insists|"
    r"argued|argues|warned|warns|noted|notes|asked|asks|replied|replies|responded|continued|"
    r"continues|recalled|recalls|claimed|claims|suggested|acknowledged|admitted|announced|"
    r"urged|cautioned|complained|conceded|observed|remarked|predicted|exclaimed|shouted|joked|"
    r"quipped|lamented|countered|agreed|emphasi[sz]ed|stressed|contended|maintained|boasted|"
    r"mused|read|reads|pointed out|went on|according to)\b"
)
# A participle's subject is the subject of the clause it hangs from ("X announced, saying: ...").
PARTICIPLES = frozenset({"saying", "telling", "adding", "writing"})
INVERTED_ONLY = frozenset({"according to"})
# Words that end a speaker phrase when read backwards from the verb.
BOUNDARY = frozenset(
    """that who whom whose which and but or nor as when while because after before if in on to
    by with than then so where said says told week month year day morning night evening
    afternoon earlier later today yesterday tonight also""".split()
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


def _is_pure_name(segment: str) -> bool:
    name = clean_chunk(segment)
    return bool(name) and bool(NAME_CHUNK.fullmatch(name)) and not PARTY_OR_AGE.match(name)


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
    head = clean_chunk(phrase)  # "the IRGC" -> "IRGC", but "a Nato spokesperson" stays
    return (head if _is_pure_name(phrase) else phrase) or None


def subject_before(lead: str) -> str | None:
    """The speaker phrase just before a speech verb, appositives handled."""
    text = AUXILIARY.sub("", lead).strip(" ;:—–-")
    text = text.lstrip(" ,")
    appositive = text.endswith(",")
    segments = [s.strip() for s in text.rstrip(" ,").split(",") if s.strip()]
    if not segments:
        return None
    # "Raab, the foreign secretary, said" / "Iran's leader, Ali Khamenei, said": a bare name wins.
    candidates = segments[-2:] if appositive else segments[-1:]
    for segment in candidates:
        if _is_pure_name(segment):
            return clean_chunk(segment)
    return _tail_phrase(candidates[0])


def subject_after(tail: str) -> str | None:
    """The speaker phrase right after the verb ('said Raab', 'said the spokesman for X')."""
    words = []
    for token in tail.split():
        bare = token.strip(".,;:!?—–")
        if bare.lower() in BOUNDARY and words:
            break
        if not bare or (not words and bare.lower() in BOUNDARY):
            return None
        words.append(token)
        if token != token.rstrip(",;:!?") or (token.endswith(".") and len(bare) > 2):
            break
        if len(words) == MAX_SPEAKER_WORDS:
            break
    phrase = " ".join(words).strip(" ,;:.—–-")
    chunk = NAME_CHUNK.match(phrase)
    if chunk and phrase[0].isupper():
        return clean_chunk(chunk.group()) or None
    return phrase or None


def speaker_after(after: str) -> str | None:
    """Speaker from an attribution following a quote: '..., he said', '..., said Raab'."""
    verb = SPEECH_VERB.search(after)
    if verb is None or len(after[: verb.start()].split()) > 25:
        return None
    lead = after[: verb.start()]
    if not lead.strip(" ,;:—–-") or verb.group() in INVERTED_ONLY:
        if lead.strip(" ,;:—–-"):
            return None
        return subject_after(after[verb.end() :])
    return subject_before(lead)


def speaker_before(before: str) -> tuple[str | None, bool]:
    """Speaker from an attribution leading into a quote, and whether it introduces it."""
    verbs = list(SPEECH_VERB.finditer(before))
    if not verbs:
        # A transcript or headline label: "PENCE: ..." / "Raab: ...".
        label = before.strip()
        if label.endswith(":") and _is_pure_name(label[:-1]):
            return clean_chunk(label[:-1]), True
        return None, False
    verb = verbs[-1]
    gap = before[verb.end() :]
    if len(gap.split()) > 12:
        return None, False
    introduces = not gap.strip() or gap.rstrip().endswith((":", ","))
    if verb.group() in INVERTED_ONLY:
        return subject_after(gap), introduces
    if verb.group() in PARTICIPLES:
        finite = [v for v in verbs[:-1] if v.group() not in PARTICIPLES]
        lead = before[: finite[-1].start()] if finite else before[: verb.start()]
        return subject_before(lead), introduces
    lead = before[: verb.start()]
    if not lead.strip() and gap.strip():
        return subject_after(gap), introduces  # "said Raab: ..."
    return subject_before(lead), introduces
