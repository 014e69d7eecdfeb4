"""Who said a quote: the speaker phrase in the words around it, as written in the article."""

from __future__ import annotations

import re

from bot.names import NAME_CHUNK, TITLES, clean_chunk, looks_like_person, only_titles

# Reporting verbs, by lemma; their forms are built below. "called X a “...”" and "vowed to ..."
# attribute the quoted words of a mixed quote as surely as "said" does. "lemma:past" gives an
# irregular past; a "~" marks a lemma whose "-s" form is mostly a plural noun ("protests",
# "estimates"), so that form is left out.
REPORTING_VERBS = """
    say:said tell:told write:wrote read:read add declare tweet post~ state explain insist argue
    warn note ask reply respond continue recall claim suggest acknowledge admit:admitted
    announce urge caution complain concede observe remark~ predict exclaim shout joke~
    quip:quipped lament counter agree emphasise emphasize stress contend maintain boast muse
    assert vow promise~ pledge~ call describe brand dub:dubbed label:labelled label report
    confirm deny estimate~ conclude testify allege charge~ reiterate repeat answer~ wonder
    demand~ plead beg:begged cry~ yell scream whisper retort snap:snapped mutter grumble
    protest~ object~ reason~ speculate advise assure reassure remind inform comment~ text~
    email~ thunder concur:concurred interject ask sigh~ laugh~ chuckle~ groan~ gush fume~
    marvel~ recount~ scoff~ sniff~ opine deadpan:deadpanned murmur~ gasp~ sob:sobbed snort~
"""
# Verbs of judging or performing: they attribute the quote they lead into or follow ('Smith
# lauded the crews as “...”', 'she sings “...”'), but a sentence built on them ("Rebels attacked
# the town.") does not make its subject the speaker of the stand-alone quote after it.
JUDGING_VERBS = """
    praise laud attack criticise criticize mock slam:slammed blast hail accuse scold chide
    ridicule denounce condemn thank applaud welcome dismiss deride rip:ripped berate taunt tout
    defend sing:sang chant lash:lashed lambast lambaste
"""
PHRASES = ("pointed out", "went on", "according to", "summed up", "put it")
# Other base forms are mostly nouns, commands or infinitives in news copy ("the call", "State",
# "it would tell a story").
BASE_FORMS = frozenset({"say"})
IRREGULAR_ING = {"sing": "singing"}


def verb_forms(entry: str) -> set[str]:
    """'quip:quipped' -> quips, quipped, quipping; 'protest~' leaves out 'protests'."""
    lemma, _, past = entry.rstrip("~").partition(":")
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        third, regular_past = lemma[:-1] + "ies", lemma[:-1] + "ied"
    else:
        third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
        regular_past = lemma + ("d" if lemma.endswith("e") else "ed")
    doubled = past[:-2] if past.endswith(lemma[-1] * 2 + "ed") else None
    forms = {past or regular_past, IRREGULAR_ING.get(lemma, (doubled or stem) + "ing")}
    if not entry.endswith("~"):
        forms.add(third)
    return forms | {lemma} if lemma in BASE_FORMS else forms


def _verb_pattern(*tables: str) -> re.Pattern[str]:
    forms = {form for table in tables for entry in table.split() for form in verb_forms(entry)}
    words = sorted(forms | set(PHRASES), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


SPEECH_VERB = _verb_pattern(REPORTING_VERBS, JUDGING_VERBS)
# Every form of a reporting verb, its lemma too: what the parse checks a verb against.
REPORTING_FORMS = frozenset(
    form
    for entry in REPORTING_VERBS.split()
    for form in verb_forms(entry) | {entry.rstrip("~").partition(":")[0]}
)
REPORTING_VERB = _verb_pattern(REPORTING_VERBS)
# Every form of a verb of saying or judging: what the parse checks a verb against when it
# asks whether a passage tells of something said.
SPEECH_FORMS = REPORTING_FORMS | frozenset(
    form
    for entry in JUDGING_VERBS.split()
    for form in verb_forms(entry) | {entry.rstrip("~").partition(":")[0]}
)
# "..., the letter read" attributes; "going to read you the question" before a quote does not.
AFTER_ONLY = frozenset({"read", "reads"})
INVERTED_ONLY = frozenset({"according to"})
PASSIVE = re.compile(r"\b(?:is|was|were|are|been|being|be)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)
# Words that end a speaker phrase when read backwards from the verb.
BOUNDARY = frozenset(
    """that who whom whose which and but or nor as when while because after before if in on to
    by with than then so where said says told week month year day morning night evening
    afternoon earlier later today yesterday tonight also monday tuesday wednesday thursday
    friday saturday sunday what how why though although""".split()
)
# Words skipped between a noun phrase and its verb ("Smith also said", "she has repeatedly told");
# an adverb is a lower-case "-ly" word that is not one of the nouns spelled so ("the family").
AUXILIARY = re.compile(
    r"(?:\s+(?:has|have|had|was|is|would|will|also|later|then|again|once|earlier|further|"
    r"always|never|often|just|already|still|even|ever|sometimes|"
    r"previously|recently|once|(?!(?:family|ally|rally|assembly|supply|monopoly|anomaly)\b)"
    r"[a-z]+ly))+\s*$"
)
DETERMINERS = frozenset(
    """a an the one two three several some many another his her their its our this that these
    those other""".split()
)
PARTY_OR_AGE = re.compile(r"^(?:[RDI]-[A-Z][\w.]*|\d+)\.?$")
CLEFT = re.compile(r"^(?:it|this)\s+(?:was|is)\s+(.+?)\s+(?:that|who)$", re.I)
MAX_SPEAKER_WORDS = 8
# Prepositions that tie a described speaker to what they speak for: "a spokesperson for the
# agency", "one of the protesters", "a senior official at the Pentagon".
OF_PREPOSITIONS = frozenset("of for at from to with in on near inside within".split())
MAX_HEAD_WORDS = 3  # "a senior defence official" before the preposition
NOUN_MARKERS = frozenset("a an the his her their its our my your this these those of".split())
# A clause after a quote that opens with these is the writer's, not an attribution ("as"
# is not among them: '“…,” as Smith put it').
SUBORDINATORS = frozenset(
    "when while because after before if although though since until unless whereas".split()
)
LEAD_GAP_WORDS = 3  # "told reporters Friday," still leads into the quote
MAX_GAP_WORDS = 20  # "X said on Sunday that she's glad ... to “...”"
INTRO_WORDS = frozenset(
    """in at on after before during for from with without since under
    asked speaking writing responding according though although meanwhile earlier""".split()
)
AUX_WORDS = frozenset("has have had was is were are will would can could".split())
# The dash of a credit line after a quote: "“…” ― Jane Doe", "“…” ~ Jane Doe".
CREDIT_DASHES = "―—–~-"
DASH_CREDIT = re.compile(rf"^\s*[{CREDIT_DASHES}]\s*")


def speech_verbs(
    text: str, after: bool = False, pattern: re.Pattern[str] = SPEECH_VERB
) -> list[re.Match[str]]:
    """Speech verbs in the text, leaving out nouns spelled alike ('the claims', 'his notes')."""
    found = []
    for verb in pattern.finditer(text):
        if verb.group().lower() in AFTER_ONLY and not after:
            continue
        before = text[: verb.start()].split()
        if before and before[-1].lower() in NOUN_MARKERS:
            continue
        # A capital inside a sentence makes it a name: "the United States", "Tweets of the Day".
        if verb.group()[0].isupper() and before and before[-1][-1:].isalnum():
            continue
        found.append(verb)
    return found


def _is_participle(verb: str) -> bool:
    """'saying', 'tweeting': its subject is the clause's ('X announced, saying: ...')."""
    return verb.endswith("ing") and verb != "sing"


def is_pure_name(segment: str) -> bool:
    name = clean_chunk(segment)
    return bool(name) and bool(NAME_CHUNK.fullmatch(name)) and not PARTY_OR_AGE.match(name)


# What a capitalised phrase that ends in it describes, a role, not a name: "the Valley Council
# Leader", "the three-time Foster's Award Nominee", "the Booker Prize Winner". (Not "Judge",
# "House", "Justice" or "Chief": surnames too, as in "Mike Judge".)
ROLE_ENDS = (TITLES - {"judge", "house", "justice", "chief", "general", "speaker", "state"}) | {
    "winner",
    "winners",
    "laureate",
    "champion",
    "medallist",
    "medalist",
}


def _a_role(name: str) -> bool:
    """Whether a capitalised chunk of two words or more ends in a role: "Award Nominee"."""
    words = name.split()
    return len(words) > 1 and words[-1].strip(".").lower() in ROLE_ENDS


def _prefer_name(phrase: str) -> str | None:
    """A phrase ending in a name, as the name: "the Rev. Peter Wherry", "defence lawyer Tom
    Reyes", "the IRGC"; but "a Nato spokesperson" and "an aide to Mr. Smith" stay whole, and
    so does a phrase whose capitalised words end in a role ("the Valley Council Leader")."""
    named = list(NAME_CHUNK.finditer(phrase))
    if named and named[-1].end() == len(phrase):
        name = clean_chunk(named[-1].group())
        if _a_role(name):
            return phrase
        prefix = phrase[: named[-1].start()].strip()
        speaks_for = prefix.split(" ")[-1].lower() in OF_PREPOSITIONS  # "a lawyer for X"
        if (
            name
            and not speaks_for
            and (
                prefix in DETERMINERS or not prefix or looks_like_person(name) or _described(prefix)
            )
        ):
            return name
    return phrase or None


def _described(prefix: str) -> bool:
    """A determiner and a few words in lower case that describe the name after them, linked to
    nothing else: "a fed up" Jeanneret, "an angry" Smith, "the veteran" Hale; not "an aide
    to" or "the man who shot" someone, and not "the younger" Mr. Trump, who is another one of
    that name."""
    first, *words = prefix.split()
    return (
        first.lower() in ("a", "an", "the")
        and 0 < len(words) <= MAX_HEAD_WORDS
        and all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", w) for w in words)
        and not any(w in BOUNDARY or w in OF_PREPOSITIONS or w in _WHICH_ONE for w in words)
    )


# Words that tell apart two people of one name: "the younger Mr. Trump", "the other Smith".
_WHICH_ONE = frozenset("younger elder older other junior senior first second".split())


def _described_start(tokens: list[str], start: int) -> int:
    """Where a described speaker begins when its phrase reaches back over "of"-like links:
    "the agency" in "A spokesperson for the agency" starts at "A"."""
    while start >= 2 and tokens[start - 1].lower() in OF_PREPOSITIONS:
        for head in range(start - 2, max(start - 2 - MAX_HEAD_WORDS, -1), -1):
            word = tokens[head].lower()
            if word in BOUNDARY or word in OF_PREPOSITIONS or not word.isalpha():
                return start
            if word in DETERMINERS:
                start = head
                break
        else:
            return start
    return start


def _relative_start(tokens: list[str], start: int) -> int:
    """'A woman who lives near the river said': the speaker is the whole phrase, when a
    described person opens the clause and a short "who" clause follows."""
    lowered = [t.lower() for t in tokens]
    if "who" not in lowered[1:] or len(tokens) > MAX_SPEAKER_WORDS + 2:
        return start
    head = tokens[: lowered.index("who")]
    if head[0].lower() in DETERMINERS and len(head) <= MAX_HEAD_WORDS + 1:
        return 0
    return start


def _participle_modifier(head: list[str]) -> bool:
    """'Protesters marching through': the phrase after the participle is not the speaker."""
    return any(
        w.endswith("ing") and w.islower() and len(w) > 5 and head[i - 1].lower() not in DETERMINERS
        for i, w in enumerate(head[1 : MAX_HEAD_WORDS + 1], 1)
    )


def _tail_phrase(segment: str) -> str | None:
    """The noun phrase that ends a clause ('Television stations ran ... one man' -> 'one man')."""
    cleft = CLEFT.match(segment.strip())
    if cleft:
        segment = cleft.group(1)
    tokens = segment.split()
    first = len(tokens)
    while first and len(tokens) - first < MAX_SPEAKER_WORDS:
        if tokens[first - 1].lower().strip("’'") in BOUNDARY:
            break
        first -= 1
    if first == len(tokens):
        return None
    # Start at the last determiner: 'stations ran interviews with one man' -> 'one man'.
    starts = [i for i in range(first, len(tokens)) if tokens[i].lower() in DETERMINERS]
    relative = _relative_start(tokens, first)
    if relative < first:
        first = relative
    elif starts and not _participle_modifier(tokens[first : starts[-1]]):
        first = _described_start(tokens, starts[-1])
    else:
        first = _described_start(tokens, first)
    phrase = " ".join(tokens[first:]).strip(" ,;:—–-")
    return _prefer_name(phrase)


def _is_intro(segment: str) -> bool:
    """'In Washington', 'Responding to the strikes', 'who asked not to be named'."""
    first = segment.split(" ", 1)[0].lower()
    return first in BOUNDARY or first in INTRO_WORDS or first.endswith("ing")


def _only_openers(lead: str) -> bool:
    """Whether the words before a verb are short phrases opened by a preposition and set off
    by a comma, no subject ('In other words,', 'In Washington, on Friday,')."""
    segments = [s.split() for s in lead.strip().split(",") if s.strip()]
    return (
        lead.rstrip().endswith(",")
        and bool(segments)
        and all(len(s) <= OPENER_WORDS and s[0].lower() in OPENING_PREPOSITIONS for s in segments)
    )


OPENER_WORDS = 4
OPENING_PREPOSITIONS = frozenset("in at on after before during for from with since under".split())


def subject_before(lead: str) -> str | None:
    """The speaker phrase just before a speech verb, appositives handled."""
    text = AUXILIARY.sub("", lead).strip(" ;:—–-").lstrip(" ,")
    appositive = text.endswith(",")
    segments = [s.strip() for s in text.rstrip(" ,").split(",") if s.strip()]
    if not segments:
        return None
    if not appositive:
        last = segments[-1]
        return clean_chunk(last) if is_pure_name(last) else _tail_phrase(last)
    # "Raab, the foreign secretary, said" / "Iran's leader, Ali Khamenei, said": a name wins.
    for segment in reversed(segments):
        if is_pure_name(segment) and not _is_intro(segment):
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
        if only_titles(chunk.group()) and text[chunk.end() :].startswith(", "):
            # 'says Co-Founder, Stephanie Özcan': the name the title belongs to
            name = NAME_CHUNK.match(text, chunk.end() + 2)
            if name and clean_chunk(name.group()):
                return clean_chunk(name.group())
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
    if lead.split()[:1] and lead.split()[0].lower() in SUBORDINATORS:
        return None  # '“…,” when Clinton blasted him': a clause of its own, not a credit
    agent = _agent(lead, after[verb.end() :])
    if agent is not None:
        return agent  # '“…,” as stated by the chief executive, Helga Moen'

    if not lead.strip(" ,;:—–-") or verb.group().lower() in INVERTED_ONLY:
        if lead.strip(" ,;:—–-"):
            return None
        return subject_after(after[verb.end() :])
    return subject_before(lead)


AGENT = re.compile(r"^\s*by\s+", re.IGNORECASE)
AS_LEAD = re.compile(r"(?:^|[\s,;(—–-])as\s+$", re.IGNORECASE)


def _agent(lead: str, rest: str) -> str | None:
    """The agent of a passive verb of saying, which said the words: 'as stated by X', 'was
    told by X' (the verb's participle after "as" or a form of "be", then "by")."""
    by = AGENT.match(rest)
    if by is None or not (AS_LEAD.search(lead) or PASSIVE.search(lead)):
        return None
    return subject_after(rest[by.end() :])


def _is_passive(text: str, verb: re.Match[str]) -> bool:
    """'was described as', 'is being criticised as' (but not 'was saying')."""
    return not verb.group().endswith("ing") and bool(PASSIVE.search(text, 0, verb.start()))


def main_verb(before: str, verbs: list[re.Match[str]]) -> re.Match[str]:
    """The verb whose subject speaks: not one inside a relative clause that the quote merely
    continues ('mocked it, saying anybody who complains about it “is not having fun”')."""
    for verb in reversed(verbs[1:]):
        gap = before[verb.end() :].strip()
        lead = before[: verb.start()].split()
        if not gap or gap.endswith((":", ",")) or lead[-1:] != ["who"]:
            return verb
    return verbs[0]


def leads_in(before: str) -> bool:
    """Whether a speech verb hands the floor straight to the quote after it ('Smith said:',
    'Smith told reporters on Friday that the plan'), not a verb with its own business between them
    ('When one scholar announced his proof of the claim, “…,” she writes')."""
    verbs = speech_verbs(before)
    if not verbs:
        return False
    gap = before[main_verb(before, verbs).end() :].strip()
    words = gap.lower().split()
    if gap.endswith(":") or "that" in words or len(words) <= LEAD_GAP_WORDS:
        return True
    # 'saying during the debate last week,' leads in; 'announced his proof of it,' has an
    # object of its own.
    return words[0] not in DETERMINERS


def clause_participle(before: str) -> int | None:
    """Where the participle is when a quote's speaker is the subject of the clause a
    participle hangs on ('Claude understood the task, but it kept giving up, saying “…”'):
    the rules take the clause's first name, which the parse can better."""
    verbs = speech_verbs(before)
    if not verbs or _is_passive(before, verb := main_verb(before, verbs)):
        return None
    if not _is_participle(verb.group().lower()):
        return None
    lead = before[: verb.start()]
    if not lead.rstrip().endswith(",") and _tail_name(lead):
        return None
    if any(not _is_participle(v.group().lower()) for v in verbs[:-1]):
        return None
    return verb.start()


def speaker_before(before: str) -> tuple[str | None, bool]:
    """Speaker from an attribution leading into a quote, and whether it introduces it."""
    verbs = speech_verbs(before)
    if not verbs:
        # A transcript or headline label: "PENCE: ..." / "Raab: ...".
        label = before.strip()
        if label.endswith(":") and is_pure_name(label[:-1]):
            return clean_chunk(label[:-1]), True
        if label.endswith(":"):  # "Sen. Smith scolded him: ..." - the clause's subject
            return clause_subject(label[:-1]), True
        return None, False
    verb = main_verb(before, verbs)
    gap = before[verb.end() :]
    if len(gap.split()) > MAX_GAP_WORDS:
        return None, False
    introduces = not gap.strip() or gap.rstrip().endswith((":", ","))
    agent = _agent(before[: verb.start()], gap)
    if agent is not None:
        return agent, introduces  # 'As told by the chief executive, Helga Moen: “…”'
    if _is_passive(before, verb):  # 'what is being criticised as “...”': nobody named
        return None, introduces
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
    if gap.strip() and (not lead.strip() or _only_openers(lead)):
        # "said Raab: ...", "In other words, explained Nancy Cordes: ..."
        return subject_after(gap), introduces
    earlier = [v for v in verbs if v.end() <= verb.start()]
    if lead.split()[-1:] in (["and"], ["but"]) and earlier:  # "X said ... and dismissed it as"
        return speaker_before(before[: earlier[-1].end()])[0], introduces
    return subject_before(lead), introduces


def speaker_in(sentence: str) -> str | None:
    """The speaker of a reported-speech sentence ('Mr. Obama said the stakes were high.')."""
    for verb in speech_verbs(sentence, pattern=REPORTING_VERB):
        lead = sentence[: verb.start()]
        if _is_participle(verb.group().lower()) or len(lead.split()) > 25:
            continue
        if _is_passive(sentence, verb):
            return None
        if not lead.strip() or verb.group().lower() in INVERTED_ONLY:
            return subject_after(sentence[verb.end() :])
        return subject_before(lead)
    return None
