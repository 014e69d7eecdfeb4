"""Mixed quotes: reported speech with some of the speaker's own words in quotation marks.

'Smith said the plan was “a disgrace” and would fail.' quotes only two words, yet the whole
clause after "said" is what Smith is reported to have said. Posting "a disgrace" alone would
be a scare term out of context; posting nothing loses the statement. A mixed quote is posted
as the complement of the reporting verb, verbatim from the article with its inner quotation
marks kept ('the plan was “a disgrace” and would fail'), so the reader sees which words are
the speaker's own, and with the speaker from the same rules as a direct quote (the subject of
the reporting verb; unsure -> unattributed).

The parse decides: the quoted words must sit inside a clausal complement or object of a
reporting verb ('said [that …]', 'vowed [to …]', 'called [him “…”]'), and be less than half
of that complement's words (where they are more, it is a direct quote, read as one). Titles
and scare terms in other places ('a “Mason jar of waste”', 'a film called “…”') stay out: no
reporting verb takes them as its complement; a naming verb does only with someone as its
subject ('Beck called Palin “…”').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.attribution import REPORTING_VERBS, SPEECH_FORMS, verb_forms
from bot.names import SPEAKING_PRONOUNS, WRITER
from bot.parsed import Parsed, same_person
from bot.quote_context import Context, Found, is_title
from bot.speaker_names import resolve_speaker
from bot.speaker_phrases import NEVER_SPEAKS, a_source_noun
from bot.speech_checks import addresses_the_reader

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


# What a reporting verb says: a clause ('said [that …]'), an infinitive ('vowed [to …]'), an
# object ('called [him “…”]', 'questioned [Trump's “New York values”]') and its predicate.
COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "oprd"})
# Verbs that name or label ('called the plan “ambitious”', 'dubbed him “…”') put a term on
# something: by no one or in the passive ('a film called “…”', 'was dubbed “…”') that is a
# title or a label, not a statement; only in someone's mouth do they report words ('Beck
# called Palin “…”', see `_reports`).
NAMING_VERBS = frozenset("call describe brand dub label".split())


def _forms(naming: bool) -> frozenset[str]:
    """Every form of the reporting verbs that name (`naming`) or that do not."""
    return frozenset(
        form
        for entry in REPORTING_VERBS.split()
        if (entry.rstrip("~").partition(":")[0] in NAMING_VERBS) == naming
        for form in verb_forms(entry) | {entry.rstrip("~").partition(":")[0]}
    )


REPORTING_WORDS = _forms(naming=False)
NAMING_WORDS = _forms(naming=True)
SCARE_TERM = 3  # words, at most, of a thing's label quoted whole ('add “long-term value”')
SCARE_WORDS = 2  # fewer words quoted in all: a scare term, not the speaker's words
QUOTED_SHARE = 0.5  # quoted words under this share of the complement: a mixed quote
EDGE_PUNCT = " ,;:—–-"
DASHES = ("—", "–", "-", "--")
# A verb that is denied, wished or foreseen reports nothing said ('refuse to say', 'did not
# say', 'would never say').
UNSAID = frozenset("not n't never would could might may should will".split())
RELATIVES = frozenset({"who", "that", "which"})
NOUN_MODIFIERS = frozenset({"nmod", "compound", "amod"})
# After a comma, the writer's own words: an apposition, a relative or adverbial clause, a
# participle ('…, a swipe at X', '…, which would…', '…, claiming…').
WRITERS_ADDITIONS = frozenset({"appos", "relcl", "advcl", "acl", "npadvmod"})
LET_WRITER = frozenset({"'s", "’s", "us", "me"})  # 'let's say', 'let me say'
MARKUP = re.compile(r"[<>=]|\w\.\w{3,}")  # '<tweet author="…">', 'video.foxnews.com': no prose
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Complement:
    """The verbatim complement of a reporting verb holding a quote, as text offsets, and
    the verb's subject (None when the parse gives it none)."""

    start: int
    end: int
    subject: Token | None
    objects: frozenset[int] = frozenset()  # heads of the verb's objects, when it has no clause
    naming: bool = False  # the verb names ('called X “…”')
    verb: int = -1  # the reporting verb's index in the parse


def reporting_verb(parsed: Parsed, start: int, end: int) -> Token | None:
    """The reporting verb whose complement, after the verb, holds the text between two
    offsets, or None."""
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    # the words between the marks: a closing mark may hang on the sentence's main verb
    while span is not None and len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    while span is not None and len(span) > 1 and span[0].is_punct:
        span = span[1:]
    if span is None:
        return None
    token = span.root
    sentence, paragraph = token.sent.start, parsed.paragraph_of(start)
    while token.head.i != token.i:
        head = token.head
        if head.sent.start != sentence or parsed.paragraph_of(head.idx) != paragraph:
            return None  # a misparse across sentences (a heading's "Tell" above)
        before = token.dep_ in COMPLEMENTS and head.i < token.i and head.idx < start
        # '…, he said.': a clause before the verb and its subject after it (not words quoted
        # inside a phrase that opens before them, 'And in other “simple shapes can do weird
        # things” news, Elise Cutts tells …', that the parse took for such a clause's root)
        after = (
            token.dep_ == "ccomp"
            and head.idx >= end
            and _inverted(head)
            and not (span.start <= token.i < span.end and _inside_a_phrase(span))
        )
        if (before or after) and head.pos_ in ("VERB", "AUX") and _reports(parsed, head):
            return None if _unsaid(head) else head
        token = head
    return None


def _inside_a_phrase(span: Span) -> bool:
    """Whether quoted words are the object of a preposition before their opening mark ('in
    other “simple shapes …” news'; but also 'engaged in “consistent activity …,” the
    lawsuit says', so only where the clause's root is among the quoted words)."""
    return any(t.dep_ == "pobj" and t.head.i < span.start for t in span)


def _reports(parsed: Parsed, verb: Token) -> bool:
    """A reporting verb, or a naming verb in someone's mouth: 'Beck called Palin “a clown and a
    fraud”' reports Beck's words, where 'a film called “…”' or 'the plan was called “…”' names."""
    if verb.lower_ in REPORTING_WORDS:
        return True
    if verb.lower_ not in NAMING_WORDS or verb.dep_ == "acl":
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass", "prt") for c in verb.children):
        return False  # named by someone else, or 'called on X to …', 'called off'
    if not any(c.dep_ in ("dobj", "oprd") for c in verb.children):
        return False  # 'called for “…”' demands; 'X calls “…”' is no naming
    subject = subject_of(verb)
    return subject is not None and _names_a_source(parsed, subject) and _may_speak(parsed, subject)


def _inverted(verb: Token) -> bool:
    """Whether a verb's subject comes after its clause ('…, he said'; '…, said Smith')."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return clause is not None and subject is not None and subject.i > clause.i


def _unsaid(verb: Token) -> bool:
    """'will refuse to say', 'did not say', 'would never say': nothing was said; nor by a
    command or a verb that addresses the reader ('Then, tell the second base station that it
    should operate in "bridge mode"', 'you could say it is “…”'); nor a passive verb with an
    infinitive ('was asked to “catch” droplets', 'is said to be “furious”'): its subject was
    told something, or is talked about by someone unnamed."""
    if any(c.dep_ in ("neg", "aux") and c.lower_ in UNSAID for c in verb.children):
        return True
    if addresses_the_reader(verb):
        return True
    if any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "xcomp" for c in verb.children
    ):
        return True  # 'I was asked to “catch” droplets': an instruction to the subject
    return verb.dep_ == "xcomp" and verb.head.lower_ not in REPORTING_WORDS


def subject_of(verb: Token) -> Token | None:
    """Who does the reporting: the verb's subject, or that of the verb it is coordinated
    with or hangs on ('X said A and warned B', 'X vowed to …', 'X spoke, saying …'); for a
    relative clause, the noun it describes ('Obama, who called …')."""
    token = verb
    while True:
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            if token.dep_ == "relcl" and subject.lower_ in RELATIVES:
                return token.head
            return subject
        if token.dep_ not in ("conj", "xcomp", "advcl") or token.head.i == token.i:
            return None
        token = token.head


def complement(parsed: Parsed, start: int, end: int) -> Complement | None:
    """The complement of the reporting verb that the quoted text between two offsets belongs
    to ('Smith said [the plan was “a disgrace” and would fail]'), or None. What the writer
    adds after the quote, set off by a comma ('…, a swipe at X', '…, which would…', '…,
    claiming…'), is not part of it."""
    verb = reporting_verb(parsed, start, end)
    if verb is None:
        return None
    doc = parsed.doc
    parts = [c for c in verb.children if c.dep_ in COMPLEMENTS and c.i > verb.i]
    if any(c.dep_ in ("ccomp", "xcomp") for c in parts):
        # 'told ABC News [he was “…”]': who was told is not what was said
        parts = [c for c in parts if c.dep_ != "dobj"]
    if verb.idx >= end:  # '…, he said.'
        parts = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    first = min(c.left_edge.i for c in parts)
    last = max(c.right_edge.i for c in parts)
    for token in doc[first : last + 1]:
        # The comma may stand inside the closing mark ('“…doors,” which…').
        if token.idx < end - 2 or token.text not in (",", *DASHES):
            continue
        if token.text == "-" and not (token.whitespace_ or doc[token.i - 1].whitespace_):
            continue  # the hyphen in 'micro-decisions' is no dash
        if token.text in DASHES:  # '… “encouraged” by the plan — a modest boost for Obama'
            last = token.i - 1
            break
        nxt = next((t for t in doc[token.i + 1 : last + 1] if not t.is_punct), None)
        if nxt is not None and any(
            a.dep_ in WRITERS_ADDITIONS for a in (nxt, *nxt.ancestors) if a.i > token.i
        ):
            last = token.i - 1
            break
    if verb.idx >= end:  # '…; greater ability makes this “…,” he said': from the semicolon
        first = max([t.i + 1 for t in doc[first:last] if t.text == ";" and t.idx < start] + [first])
    while first < last and doc[first].text in EDGE_PUNCT:
        first += 1
    while last > first and (doc[last].text in EDGE_PUNCT or doc[last].text == "."):
        last -= 1
    c_start, c_end = doc[first].idx, doc[last].idx + len(doc[last])
    if not (c_start <= start and end <= c_end + 2):
        return None
    # Reported at second hand ('X said …, the Times reported'; '…, according to Y'): whose
    # words they are is not certain, so no one is named.
    nested = any(a.lower_ in REPORTING_WORDS and a.i > verb.i for a in verb.ancestors) or any(
        t.lower_ == "according" and t.nbor(1).lower_ == "to" for t in verb.sent[:-1]
    )
    clause = any(c.dep_ in ("ccomp", "xcomp") for c in parts)
    objects = frozenset() if clause else frozenset(c.i for c in parts if c.dep_ == "dobj")
    subject = None if nested else subject_of(verb)
    naming = verb.lower_ in NAMING_WORDS
    return Complement(c_start, max(c_end, end), subject, objects, naming, verb.i)


def _first_word(parsed: Parsed, offset: int) -> Token | None:
    """The first word of a quote opening at an offset (past its opening mark)."""
    span = parsed.doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return None
    if span[0].is_punct and span[0].i + 1 < len(parsed.doc):
        return span[0].nbor(1)
    return span[0]


def _labels_a_thing(parsed: Parsed, offset: int) -> bool:
    """Whether the word after an offset is part of a clause's subject or modifies a noun: a
    word quoted there ('the “reform” changes little', 'the “reform” bill') is the writer's
    label for a thing, not a claim."""
    token = _first_word(parsed, offset)
    if token is None:
        return False
    if token.dep_ in NOUN_MODIFIERS and token.head.pos_ in ("NOUN", "PROPN"):
        return True
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in (token, *token.ancestors))


def _in_a_clausal_subject(parsed: Parsed, offset: int) -> bool:
    """Whether the clause the word after an offset belongs to (its nearest verb) is a verb's
    subject ('being “in heat” refers to …'): words quoted there are a term the writer talks
    about."""
    token = _first_word(parsed, offset)
    if token is None:
        return False
    verb = next((t for t in (token, *token.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.dep_ in ("csubj", "csubjpass")


def _names_the_object(parsed: Parsed, offset: int, objects: frozenset[int]) -> bool:
    """Whether the words quoted at an offset modify the head noun of the reporting verb's
    object ('emphasize this “context packing” step'): a term for a thing, not words said."""
    token = _first_word(parsed, offset)
    while token is not None and token.dep_ in NOUN_MODIFIERS and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("NOUN", "PROPN"):
            return token.i in objects
    return False


def _someone_elses_words(parsed: Parsed, span: tuple[int, int], comp: Complement) -> bool:
    """Whether the words quoted (between two offsets) are, inside the reported clause, a label
    another agent puts on someone ('Ortiz explains that people write her off as “crazy”',
    'Hale said critics call the plan “…”'): the verb they hang on, outside the quote and
    under the reporting verb, is a verb of saying or naming that takes them as its predicate
    (through "as", or as "call" does), and its subject is someone else by name or noun
    (a pronoun may stand for the speaker again: 'Hale said he sees it as “…”'). Whose words
    they are is not certain."""
    token = _first_word(parsed, span[0])
    if token is None or comp.subject is None:
        return False
    path = []
    for verb in (token, *token.ancestors):
        if verb.i == comp.verb:
            return False
        if span[0] <= verb.idx < span[1] or verb.pos_ not in ("VERB", "AUX"):
            path.append(verb)  # a word of the quote, or one between it and its verb
            continue
        predicate = any(t.dep_ == "oprd" or (t.lower_ == "as" and t.dep_ == "prep") for t in path)
        agent = subject_of(verb)
        return (
            predicate
            and verb.lower_ in SPEECH_FORMS
            and agent is not None
            and agent.pos_ in ("NOUN", "PROPN")  # not 'that' (a misparse) nor 'he' (the speaker)
            and agent.i != comp.subject.i
            and not same_person(parsed.phrase(agent), parsed.phrase(comp.subject))
        )
    return False


def _may_speak(parsed: Parsed, subject: Token) -> bool:
    """A person, or anything not tagged a place, date, product or event ('LONDON', 'Saturday'
    misparsed as the subject)."""
    return parsed.is_person(subject) or subject.ent_type_ not in NEVER_SPEAKS


def _a_person(parsed: Parsed, subject: Token | None) -> bool:
    """A person by the tagger, or a personal pronoun."""
    if subject is None:
        return False
    return parsed.is_person(_the_person_in_apposition(parsed, subject)) or (
        subject.lower_ in SPEAKING_PRONOUNS
    )


def _the_person_in_apposition(parsed: Parsed, subject: Token) -> Token:
    """The person a misparsed subject holds in apposition ('With 50 days until [the election],
    Minyon Moore, a senior adviser, called …': the parse makes "election" the subject and
    Moore its apposition), else the subject itself."""
    if subject.pos_ != "NOUN" or parsed.is_person(subject) or a_source_noun(subject.lower_):
        return subject
    person = next((c for c in subject.children if c.dep_ == "appos" and parsed.is_person(c)), None)
    return person or subject


def _names_a_source(parsed: Parsed, subject: Token) -> bool:
    """Whether a reporting verb's subject can be who said something: a person, a name or a
    pronoun, one in apposition, or a common noun that names a source in news copy (a SOURCE
    NOUN: 'the spokesman', 'the report'); not a thing that 'adds' or 'maintains' ('the
    alternative to such integrations is … maintaining a “…” pipeline')."""
    if subject.pos_ != "NOUN" or not subject.text.islower():
        return True  # a capital: a name the tagger took for a noun ('Sanders'), or may be
    word = subject.lower_
    if a_source_noun(word) or parsed.is_person(subject):
        return True  # 'the questioner' as well as 'the questioners'
    return any(c.dep_ == "appos" and c.pos_ in ("PROPN", "PRON") for c in subject.children)


def as_mixed(
    ctx: Context,
    found: Found,
    before: list[Found],
    quoted: list[list[tuple[int, int]]],
    mostly_quoted: bool = False,
) -> Found | None:
    """A quote as the mixed quote it is part of: its text the reporting verb's complement
    (verbatim, inner marks kept), its speaker the verb's subject; None for a direct quote
    (one that opens its clause or follows 'X said:', or most of the complement)."""
    parsed = ctx.parsed
    span = found.span
    if parsed is None or found.introduced or len(span.pieces) != 1 or span.closed is None:
        return None
    p = span.paragraph
    para = ctx.paragraphs[p]
    comp = complement(parsed, parsed.offset(p, span.opened), parsed.offset(p, span.closed))
    if comp is None or parsed.paragraph_of(comp.start) != p or parsed.paragraph_of(comp.end) != p:
        return None
    start, end = comp.start - parsed.starts[p], comp.end - parsed.starts[p]
    text = para[start:end]
    inside = [para[max(a, start) : min(b, end)] for a, b in quoted[p] if a < end and b > start]
    quoted_words = sum(len(WORD.findall(q)) for q in inside)
    if quoted_words >= QUOTED_SHARE * len(WORD.findall(text)) and not mostly_quoted:
        return None
    opened = parsed.offset(p, span.opened)
    if quoted_words < SCARE_WORDS and _labels_a_thing(parsed, opened):
        return None  # 'Critics say the “reform” changes little': a scare term
    if quoted_words <= SCARE_WORDS and _in_a_clausal_subject(parsed, opened):
        return None  # 'being “in heat” refers to animals': a term the writer talks about
    if _names_the_object(parsed, opened, comp.objects):
        return None  # 'emphasize this “context packing” step': a term for a thing
    if MARKUP.search(text) or any(is_title(q) for q in inside):
        return None  # markup, or a title: 'the “Perception” syllabus'
    # A verb with an object, not a clause, may be in a sense that reports nothing ('add
    # value', 'maintain a pipeline'): its subject must then be someone who can say it.
    thing = (
        comp.subject is not None
        and bool(comp.objects)
        and not _names_a_source(parsed, comp.subject)
    )
    if thing and quoted_words <= SCARE_TERM and quoted_words == len(WORD.findall(text)):
        return None  # 'These types of projects add “long-term value”': a thing's label
    if comp.naming and quoted_words <= SCARE_TERM and not _a_person(parsed, comp.subject):
        return None  # 'The council called the plan “ambitious”', 'what Google calls “…”': a label
    speaker = None
    subject = comp.subject and _the_person_in_apposition(parsed, comp.subject)
    if subject is not None and not thing and _may_speak(parsed, subject):
        at = replace(span, opened=subject.idx - parsed.starts[p])
        speaker = resolve_speaker(ctx, parsed.phrase(subject), at, before)
    if speaker and _someone_elses_words(parsed, (opened, parsed.offset(p, span.closed)), comp):
        speaker = None  # 'Ortiz explains that people write her off as “crazy”': theirs?
    if speaker and found.speaker and not same_person(speaker, found.speaker):
        speaker = None  # the parse and the rules around the quote disagree: unsure
    writers = comp.subject is not None and _the_writer(comp.subject)
    return replace(
        found,
        text=text,
        speaker=speaker,
        introduced=False,
        attributed=True,
        kind="mixed",
        writers=writers,
    )


def _the_writer(subject: Token) -> bool:
    """Whether a reporting verb's subject is the writer: "I" or "we", or who "let's" or
    "let me" stands for ('let's just say, I'm scoring extra credit in ‘barely surviving’')."""
    if subject.lower_ in WRITER:
        return True
    return subject.lower_ in LET_WRITER and subject.head.head.lower_ == "let"


def with_mixed(
    ctx: Context, found: list[Found], quoted: list[list[tuple[int, int]]]
) -> list[Found]:
    """Each quote that is part of a mixed quote replaced by that mixed quote."""
    return [as_mixed(ctx, f, found[:i], quoted) or f for i, f in enumerate(found)]
