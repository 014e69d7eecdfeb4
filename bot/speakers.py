"""Who the subject is, by the parse: the person a "he" or "she" stands for (the last
person who was a subject, or one named aside just before), the subject of a participle's clause
or of a sentence, the subject of the verb a rejected speaker phrase hangs on."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bot.names import POSSESSIVE, TITLES, WRITER
from bot.parsed import SUBJECT
from bot.pronouns import rival

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.parsed import Parsed


# Determiners that bring someone new into the story ('One pastor said', 'a spokesman said'); a
# definite description ('the candidate said') mostly names again someone already there.
INDEFINITE = frozenset("a an one another some".split())


def _introduced(noun: Token) -> bool:
    """Whether a noun phrase brings in someone new: an indefinite determiner or number."""
    return any(c.dep_ in ("det", "nummod") and c.lower_ in INDEFINITE for c in noun.children)


class LastSubject(NamedTuple):
    """`last_subject`: the last person who was a subject, or (`name` None) the reporter
    the parse does not make a person who came after them, when brought in as someone new
    ('One pastor said …')."""

    name: str | None
    # that reporter, or a person described by age after the last named subject ('the
    # 22-year-old right back'): "he" may be them
    reporter: str | None = None
    rival: str | None = None  # someone the pronoun may as well stand for, named after them


CLAUSAL_SUBJECT = frozenset({"csubj", "csubjpass"})
PRONOUN_WINDOW = 2  # paragraphs back that a "he"/"she" may reach
PRONOUN_CHARS = 400  # characters back in which a "he"/"she" looks for someone just named
GENDERED = frozenset("he she him his her hers".split())
OPENING_DEPTH = 2  # 'In our interview with Sui, …': prepositions from the opening one to the name
# Prepositions that compare ('Like Allen, their days begin at 4:30': not about Allen).
COMPARING = frozenset({"like", "unlike", "than", "as"})


def last_subject(
    parsed: Parsed,
    paragraph: int,
    before: int,
    floor: int,
    reporting: frozenset[str] = frozenset(),
    speakers: frozenset[str] = frozenset(),
    pronoun: str = "",
) -> LastSubject:
    """The last person who was a sentence's subject before an offset, not before `floor`
    or the paragraphs out of reach ('he said' -> that person). A main clause's subject
    outranks one in a clause hung on it ('Tom spoke after Ellen left': Tom). After a
    reporter the parse does not make a person ('A spokesman told reporters Rogers had
    left. He said …'), whether "he" is the reporter or the person reported on is not
    certain: no name, and that reporter as written. A name in `speakers` (the words of the
    names already quoted) is a person's wherever the tagger calls it an organisation
    ('CEO Sravish Sridhar explains …' then 'Sridhar says …')."""
    start = max(floor, parsed.starts[max(0, paragraph - PRONOUN_WINDOW)])
    main: Token | None = None
    other: Token | None = None
    reporter: Token | None = None
    described: Token | None = None  # a person described by age, not named
    misparsed: Token | None = None  # a sentence the parse made a name's: its subject unknown
    new_reporter = False
    for token in parsed.doc:
        if token.idx >= before:
            break
        if token.idx >= start and _a_name_for_a_sentence(parsed, token):
            misparsed = token
        if token.idx < start or token.dep_ not in SUBJECT or parsed.quoted(token.idx):
            continue
        person = _person_or_apposition(parsed, token)
        if person is not None and parsed.a_plural_noun(person):
            person = None  # 'Spurs go into …', tagged a person: a "he" is never a plural
        if person is None and token.tag_ == "NNP" and token.text in speakers:
            person = token  # one name ('Sridhar'), not a team's ('the Hawks')
        if person is None and parsed.a_surname_tagged_plural(token):
            person = token  # 'Owings is voting …' after 'Tracey Owings'; not 'Spurs'
        if person is None and _a_name_with_a_title(token):
            person = token  # 'Reed, a former mayor of Harwick, ended …': the tagger said a place
        if person is None:
            if token.head.dep_ == "ROOT" and token.tag_ == "NN" and token.head.lower_ in reporting:
                reporter = token
                new_reporter = _introduced(token)
            elif _of_an_age(token):
                described = token
            continue
        if token.head.dep_ == "ROOT":
            main = person
        elif reporter is None or token.sent.start != reporter.sent.start:
            other = person
    best = main or other
    if misparsed is not None and (best is None or misparsed.i > best.i):
        # 'Romney, a former governor, ended Monday in Manchester. “…,” he told a rally',
        # parsed as a name with an aside: "he" is that name when the parse knows it for a
        # person's (elsewhere in the article), and so not anyone before; else no one
        name = parsed.name(misparsed)
        if parsed.is_person(misparsed):
            return LastSubject(name, rival=rival(parsed, misparsed, name, before, pronoun))
        return LastSubject(None, name)
    if reporter is not None and (best is None or reporter.i > best.i):
        return LastSubject(None, parsed.phrase(reporter) if new_reporter else None)
    if described is not None and (best is None or described.i > best.i):
        # 'The 22-year-old right back has missed three games. “…,” he told reporters':
        # him, unnamed, rather than whoever was named before
        return LastSubject(None, parsed.phrase(described))
    if best is None:
        return LastSubject(None)
    name = parsed.name(best)
    return LastSubject(name, rival=rival(parsed, best, name, before, pronoun))


def _a_name_for_a_sentence(parsed: Parsed, token: Token) -> bool:
    """Whether the parse made a whole sentence of words outside quotes hang on a name that
    opens it, as on no verb ('Romney, a former governor of Massachusetts, ended Monday …':
    "ended" a modifier of "Romney"): who its subject is, the parse cannot tell."""
    return (
        token.dep_ == "ROOT"
        and token.tag_ == "NNP"
        and token.i == token.sent.start
        and token.ent_type_ not in NOT_PEOPLE
        and any(t.pos_ == "VERB" for t in token.sent)
        and not parsed.quoted(token.idx)
    )


NOT_PEOPLE = frozenset("GPE LOC FAC DATE TIME".split())


def _a_name_with_a_title(token: Token) -> bool:
    """A name with a person's title in apposition: 'Reed, a former mayor of Harwick'."""
    return token.tag_ == "NNP" and any(
        c.dep_ == "appos" and c.tag_ == "NN" and c.lower_ in TITLES for c in token.children
    )


def named_aside(parsed: Parsed, quote: int, floor: int) -> str | None:
    """The one person named in the quote's sentence before the quote (at offset `quote`)
    and in the sentence before it (not before `floor` nor PRONOUN_CHARS back), when the
    parse names them aside, not as a subject: as the possessor of the quote's own
    clause's subject ("Bernard's go-to option is “…,” he explains") or inside a phrase
    that opens a sentence ("For Bernard, it's not the brand. “…,” he says"; "In our
    interview with Sui, she explains, “…”"). A "he" or "she" then stands for them rather
    than for a subject further back. None when anyone else is named there, or a he,
    she, his or her before the name in its sentence tells of someone already in the
    story ('During his tour of Midway, he paused.')."""
    token = parsed.token_at(quote)
    if token is None or token.i == 0:
        return None
    sentence = token.sent
    start = parsed.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    first = parsed.token_at(max(floor, quote - PRONOUN_CHARS))
    if first is not None:
        start = max(start, first.i)
    people: dict[str, Token] = {}
    told: dict[int, bool] = {}  # whether a name's sentence had a he/she/his/her before it
    for t in parsed.doc[start : token.i]:
        if t.lower_ in GENDERED and t.pos_ == "PRON":
            told[t.sent.start] = True
        if (
            t.idx >= floor
            and t.pos_ == "PROPN"
            and parsed.is_person(t)
            and not parsed.inside_a_name(t)
        ):
            people[POSSESSIVE.sub("", parsed.name(t))] = t
            if told.get(t.sent.start):
                return None  # 'During his tour of Midway, he paused': not Midway's story
    if len(people) != 1:
        return None
    [(name, person)] = people.items()
    aside = (
        (
            person.dep_ == "poss"
            and person.head.dep_ in SUBJECT
            and person.sent.start == sentence.start
        )
        or _in_an_opening_phrase(person)
        or _the_writers_interlocutor(person)
    )
    return name if aside else None


def _in_an_opening_phrase(token: Token) -> bool:
    """Whether a name is the object of a preposition that opens its sentence, through
    one other prepositional phrase at most ('For Bernard, …', 'In our interview with Sui,
    …')."""
    for _ in range(OPENING_DEPTH):
        if token.dep_ != "pobj" or token.head.dep_ != "prep":
            return False
        prep = token.head
        if prep.lower_ in COMPARING:
            return False  # 'Like Allen, their days begin at 4:30': not about Allen
        if prep.i == prep.sent.start:
            return True
        token = prep.head
    return False


def someone_unnamed_before(parsed: Parsed, offset: int) -> bool:
    """Whether the sentence holding an offset brings in someone unnamed before it, an
    indefinite noun with a 'who' clause ('When I discussed it with a friend who follows
    politics closely, he said, “…”'): a "he" there is most likely that someone."""
    token = parsed.token_at(offset)
    if token is None:
        return False
    return any(
        t.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in t.children)
        and any(
            c.dep_ == "relcl" and any(w.lower_ == "who" for w in c.children) for c in t.children
        )
        for t in token.sent
        if t.idx < offset
    )


def _person_or_apposition(parsed: Parsed, token: Token) -> Token | None:
    """A subject that is a person, or names one in apposition ('The inquiry's chair,
    Margaret Osei, said': Osei)."""
    if parsed.is_person(token):
        return token
    return next((c for c in token.children if c.dep_ == "appos" and parsed.is_person(c)), None)


def verb_subject(parsed: Parsed, phrase: str, near: int) -> str | None:
    """The subject of the verb that a rejected speaker phrase hangs on: 'said Republican
    party boss Reince Priebus' -> 'Reince Priebus' (the rules stopped at 'Republican')."""
    span = parsed.span_of(phrase, near)
    if span is None:
        return None
    verb = span.root
    # spaCy makes a new Token object on every access: compare indices, never identity (the
    # root is its own head, and `is` never saw it: an endless loop).
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECT), None)
    if subject is None or not parsed.is_person(subject):
        return None
    return parsed.name(subject)


def clause_subject(parsed: Parsed, offset: int, floor: int) -> str | None:
    """The subject of the clause that the participle at an offset hangs on ('…, but it
    kept giving up, saying' -> 'it'; 'Lina Park recalled the night, saying' -> 'Lina
    Park'): a person's name, a pronoun, or the noun phrase as written; None when it is
    not between `floor` and the participle (inside an earlier quote, say)."""
    token = parsed.token_at(offset)
    own = None if token is None else next((c for c in token.children if c.dep_ in SUBJECT), None)
    if own is not None and own.pos_ == "NOUN":
        # 'the research suggesting harm “…”': a participle with a subject of its own
        # describes a thing, which says nothing ('Lina Park recalled it, saying' takes
        # its subject from the verb it hangs on).
        return None
    while token is not None:
        if token.dep_ in CLAUSAL_SUBJECT:
            # 'the research suggesting harm “has seldom been heeded”': the participle's
            # clause is the subject of a verb inside the quote, the writer's sentence
            # borrowing words, not words the research said.
            return None
        subject = next((c for c in token.children if c.dep_ in SUBJECT), None)
        if subject is not None:
            if not floor <= subject.idx < offset or token.dep_ == "ccomp":
                # 'He said Brindle was his housekeeper, but declined to comment,
                # calling …': the subject of a reported clause is who is talked about;
                # whether the participle is theirs or the reporter's is not certain
                return None
            return parsed.phrase(subject)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def sentence_subject(parsed: Parsed, offset: int) -> str | None:
    """The person who is the subject of the main verb of the sentence holding an offset
    ('Cruz called them on it:' -> Cruz), or None."""
    token = parsed.token_at(offset)
    if token is None:
        return None
    root = token.sent.root
    # A label ('User review: “…”', 'From the reader: “…”') has no verb of its own before the
    # colon: the sentence's root is then inside the quote, and its subject is no speaker.
    if root.pos_ not in ("VERB", "AUX") or root.idx > offset:
        return None
    # 'Playbook won't go that far, but Sherman wants …': of clauses joined by "and"/"but",
    # the last one with a subject of its own is the one a following quote answers
    clauses = [root] + [
        c
        for c in root.children
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.idx <= offset
        if any(g.dep_ in SUBJECT for g in c.children)
    ]
    root = clauses[-1]
    for child in root.children:
        if child.dep_ in SUBJECT and parsed.is_person(child):
            return parsed.name(child)
    return None


def _the_writers_interlocutor(person: Token) -> bool:
    """Whether a name is who the writer spoke with: the object of a verb whose subject is
    "I" or "we" ('I spoke to a delighted Chris Sheen, …. “…,” he says'; 'We asked Ana Ruiz')."""
    head = person.head
    if person.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif person.dep_ != "dobj":
        return False
    while head.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in head.children):
        head = head.head  # 'I met and thanked Ana Ruiz': the subject of the first verb
    return head.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.lower_ in WRITER for c in head.children
    )


def _of_an_age(token: Token) -> bool:
    """Whether a singular subject is someone described by their age ('The 22-year-old right
    back', 'the 34-year-old'): a person, though not named."""
    if token.tag_ != "NN" and token.lower_ != "old":
        return False
    return any(
        t.lower_ == "old" and t.i >= 2 and t.doc[t.i - 2].lower_ in ("year", "years")
        for t in token.subtree
        if t.i <= token.i
    )
