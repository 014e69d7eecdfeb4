"""Whether quoted words are speech at all, by the parse: a thing's text or name, a source
cited, words put in someone's mouth (a command, an example, a hypothetical), a condition the
writer puts, a term with no verb."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from bot.names import WRITER
from bot.parsed import SUBJECT
from bot.pronouns import REFLEXIVES
from bot.speaker_phrases import a_source_noun

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.parsed import Parsed


TEXT_NOUNS = frozenset(
    """headline headlines title titles slogan slogans motto hashtag caption tagline banner
    banners sign signs placard placards poster posters shirt shirts sticker stickers
    billboard billboards label labels""".split()
)
# Participles that give something a name ('called', 'dubbed', 'known as', 'referred to as').
NAMING_FORMS = frozenset(
    "called dubbed named labelled labeled termed titled entitled branded nicknamed known"
    " referred".split()
)
# Participles that bring in a source ('Citing its “Asian sources,” the paper …').
CITING = frozenset({"citing", "quoting"})
# What a word may be to the one it hangs on, inside one noun phrase.
IN_A_NOUN_PHRASE = frozenset(
    "dobj pobj prep amod compound nmod poss appos conj cc det nummod punct".split()
)
CONDITIONS = frozenset({"if", "unless"})
# A bare verb, as a command is; the tagger often takes one for a present tense ('note, “…”')
BARE_TAGS = frozenset({"VB", "VBP"})
# Modals under which a verb of saying is a case the writer puts: "a customer might comment"
HYPOTHETICAL = frozenset({"might", "should", "may"})  # "could only quip" reports
# ... and those that do so with "have": "most people would have said"
UNREAL_MODALS = HYPOTHETICAL | {"would", "could", "must"}


def object_of_preposition(parsed: Parsed, offset: int) -> bool:
    """Whether the two words before an offset are a preposition and a determiner ('in a
    review of the “…”', 'compared it to a “…”'): what follows fills a noun's place."""
    token = parsed.token_at(offset)
    if token is None:
        return False
    words = [t for t in parsed.doc[max(0, token.i - 3) : token.i] if not t.is_punct]
    return (
        len(words) >= 2
        and words[-1].pos_ == "DET"
        and words[-2].pos_ == "ADP"
        and words[-1].idx + len(words[-1]) >= offset - 2  # no words between them
    )


def _opening_mark(parsed: Parsed, offset: int) -> Token | None:
    """The opening quotation mark at an offset (the mark itself or the word after it), with
    at least two tokens before it; None when no mark opens there."""
    token = parsed.token_at(offset)
    if token is None or token.i < 2:
        return None
    mark = parsed.doc[token.i - 1] if not token.is_quote else token
    return mark if mark.is_quote else None


def _word_before_mark(parsed: Parsed, offset: int) -> Token | None:
    """The token right before the opening quotation mark at an offset (the mark itself or
    the word after it), over a paragraph break and a colon ('to be titled: “…”', the
    colon closing the paragraph above); None when no mark opens there."""
    mark = _opening_mark(parsed, offset)
    if mark is None:
        return None
    word = parsed.doc[mark.i - 1]
    if word.is_space and word.i > 0:
        word = parsed.doc[word.i - 1]
    return parsed.doc[word.i - 1] if word.text == ":" and word.i > 0 else word


# Words that send the reader to another piece before a colon: 'See: “…”', 'Read more: “…”'.
POINTERS = frozenset("see also read more watch listen related previously".split())


def points_to_a_piece(parsed: Parsed, offset: int) -> bool:
    """Whether the quote opening at an offset follows a sentence of pointer words and a
    colon ('See: “What is RAG?”', 'Read more: “…”', 'Related: “…”'): the title of a piece
    the reader is sent to, not words anyone said."""
    mark = _opening_mark(parsed, offset)
    doc = parsed.doc
    if mark is None or doc[mark.i - 1].text != ":":
        return False
    colon = doc[mark.i - 1]
    first = colon.i
    while first > 0 and colon.i - first < 2 and doc[first - 1].lower_ in POINTERS:
        first -= 1
    before = first - 1
    if before > 0 and doc[before].is_quote:  # '… a $38 billion mistake.” See: “…”'
        before -= 1
    opens = before < 0 or doc[before].text in (".", "!", "?") or doc[before].is_space
    return first < colon.i and opens


def a_things_words(parsed: Parsed, offset: int) -> bool:
    """Whether the word before an opening mark (at an offset) is a noun for words a thing
    carries ('under the headline “…”', 'chanting slogans: “…”', 'the hashtag “…”') or a
    verb with such a noun for its subject ('the signs read “…”') or describing one
    ('holding signs saying “…”', 'a banner reading “…”', 'T-shirts that said “…”'): the
    quote is that text, not anyone's speech."""
    word = _word_before_mark(parsed, offset)
    if word is None:
        return False
    if word.pos_ == "VERB":  # not a copula: 'the sign was “a very bad prank”' says what
        holders = [c for c in word.children if c.dep_ in SUBJECT]
        if word.dep_ in ("acl", "relcl"):
            holders.append(word.head)
        return any(h.lower_ in TEXT_NOUNS for h in holders)
    return word.pos_ == "NOUN" and word.lower_ in TEXT_NOUNS


def named_by_a_participle(parsed: Parsed, offset: int) -> bool:
    """Whether the word before an offset is a participle that names what it follows, with
    no subject of its own or a passive one ('an optical effect called “…”', 'a skill known
    as “…”', 'the album will be titled: “…”'): the quote after it is that thing's name,
    not anyone's words; 'Hale called it “…”' gives Hale's words."""
    word = _word_before_mark(parsed, offset)
    if word is None:
        return False
    verb = word.head if word.lower_ == "as" else word
    return (
        verb.tag_ == "VBN"
        and verb.lower_ in NAMING_FORMS
        and not any(child.dep_ == "nsubj" for child in verb.children)
    )


def cited_source(parsed: Parsed, offset: int) -> bool:
    """Whether the quote opening at an offset is in the object of a citing participle
    when that object is a source ('Citing its “Asian sources,” the paper claims …',
    'quoting a “senior official”', one of the SOURCE_NOUNS): a label for where a claim
    comes from, not words anyone said. A reason cited ('Citing “obligations in
    Tennessee,” the spokeswoman …') is the speaker's."""
    token = parsed.first_word_at(offset)
    if token is None:
        return False
    while token.head.pos_ not in ("VERB", "AUX"):
        if token.dep_ not in IN_A_NOUN_PHRASE or token.head.i == token.i:
            return False
        token = token.head
    verb = token.head
    return (
        token.dep_ == "dobj"
        and a_source_noun(token.lower_)
        and verb.tag_ == "VBG"
        and verb.lower_ in CITING
    )


def proposes(parsed: Parsed, offset: int, forms: frozenset[str]) -> bool:
    """Whether the verb of saying right before an opening mark (at an offset; a comma or
    colon between them) puts words in someone's mouth rather than reporting them: a
    command or the reader's words ('Don't ever say, “…”', 'ask yourself, “…”'), a
    gerund after a preposition ('like saying “…”', 'Rather than saying “…”') or a verb
    under might/should/may ('a customer might comment, “…”')."""
    verb = _word_before_mark(parsed, offset)
    if verb is None:
        return False
    if verb.text in (",", ":") and verb.i > 0:
        verb = parsed.doc[verb.i - 1]
    while verb.dep_ in ("pobj", "prep") and verb.head.i < verb.i:
        verb = verb.head  # 'saying to herself, “…”'
    if verb.lower_ in REFLEXIVES and verb.dep_ in ("dobj", "dative") and verb.head.lower_ in forms:
        return True  # 'ask yourself: “…”', 'she asked herself, “…”': thoughts, not words said
    if verb.pos_ != "VERB" or verb.lower_ not in forms:
        return False
    if verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "pobj"):
        return True
    if imagined(verb) or _the_writer_would(verb):
        return True
    before = [t.lower_ for t in parsed.doc[max(verb.sent.start, verb.i - 3) : verb.i]]
    if before in (["as", "if", "to"], ["as", "though", "to"]):
        return True  # 'shook its head as if to say, “…”': what it seemed to say
    if any(
        c.dep_ == "prep" and any(o.lower_ in REFLEXIVES for o in c.children) for c in verb.children
    ):
        return True  # 'saying to herself, “…”': thoughts, not words said to anyone
    if verb.tag_ in BARE_TAGS and not any(c.dep_ in SUBJECT for c in verb.children):
        # a bare verb opening its sentence, "do", "not" and adverbs aside: a command
        lead = parsed.doc[verb.sent.start : verb.i]
        if all(t.dep_ in ("aux", "neg", "advmod", "punct", "cc") for t in lead):
            return True
    return addresses_the_reader(verb)


def tells(
    parsed: Parsed, start: int, end: int, forms: frozenset[str], inside: list[tuple[int, int]]
) -> bool:
    """Whether the text between two offsets, outside the `inside` ranges (its quotes), has
    a verb of saying (one of `forms`) or "according to" that reports what was said: not a
    command or words the reader is told to say ('Say, “…”', 'You could start by saying
    “…”')."""
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    inside = sorted(inside)
    starts = [s for s, _ in inside]
    for token in span:
        k = bisect_right(starts, token.idx) - 1
        if k >= 0 and token.idx < inside[k][1]:
            continue
        after = parsed.doc[token.i + 1] if token.i + 1 < len(parsed.doc) else None
        if token.lower_ == "according" and after is not None and after.lower_ == "to":
            return True
        if token.pos_ == "VERB" and token.lower_ in forms and not addresses_the_reader(token):
            return True
    return False


def addresses_the_reader(verb: Token) -> bool:
    """Whether a verb is a command or addresses the reader: its clause (or the one it
    hangs on) has "you" for its subject, or none and a bare verb at its root."""
    for token in (verb, *verb.ancestors):
        subjects = [t for t in token.children if t.dep_ in SUBJECT]
        if subjects:
            return subjects[0].lower_ == "you"
        if token.tag_ in BARE_TAGS and token.dep_ == "ROOT":
            return True
    return False


def is_verb(parsed: Parsed, offset: int) -> bool:
    """Whether the word at an offset is a verb of its clause: tagged a verb, and not one
    that describes a noun ('May's announced inquiries', 'the claimed link')."""
    token = parsed.token_at(offset)
    return token is not None and token.pos_ in ("VERB", "AUX") and token.dep_ != "amod"


def is_conditional(parsed: Parsed, offset: int) -> bool:
    """Whether the verb at an offset heads a condition ('If the prayer says …')."""
    token = parsed.token_at(offset)
    return token is not None and any(
        c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children
    )


def imagined(verb: Token) -> bool:
    """Whether a verb of saying is a case the writer puts or doubts, not a report: under
    might/should/may ('a customer might comment') or a modal with "have" ('most people would
    have said', 'she may have said')."""
    helpers = {c.lower_ for c in verb.children if c.dep_ == "aux" or c.tag_ == "MD"}
    return bool(helpers & HYPOTHETICAL) or ("have" in helpers and bool(helpers & UNREAL_MODALS))


def _the_writer_would(verb: Token) -> bool:
    """Whether the writer proposes the words: "I would say “…”" (a "he would say" is a habit
    reported; "I would say" a case the writer puts)."""
    helpers = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    subjects = [c for c in verb.children if c.dep_ in SUBJECT]
    return "would" in helpers and bool(subjects) and subjects[0].lower_ in WRITER


def is_imagined(parsed: Parsed, offset: int) -> bool:
    """`imagined`, for the verb at an offset."""
    token = parsed.token_at(offset)
    return token is not None and imagined(token)


def in_a_condition(parsed: Parsed, offset: int) -> bool:
    """Whether the words at an offset belong to a condition that opens a sentence before
    them ('If the answer is ‘no’ …'): a case the writer puts, not words anyone said (a
    condition inside reported speech, 'he suggested she be jailed if she gave “…”', is
    the speaker's)."""
    token = parsed.first_word_at(offset)
    if token is None:
        return False
    return any(
        c.dep_ == "mark" and c.lower_ in CONDITIONS and c.idx < offset and _opens(parsed, c)
        for a in (token, *token.ancestors)
        for c in a.children
    )


def _opens(parsed: Parsed, token: Token) -> bool:
    """Whether a word opens a sentence: the parse's first, or after a sentence's end
    ('“Does it spark joy?” If …', which the parse may not split)."""
    if token.i == token.sent.start:
        return True
    before = parsed.doc[token.i - 1]
    return before.is_quote and before.i > 0 and parsed.doc[before.i - 1].text in ".!?"


def has_verb(parsed: Parsed, start: int, end: int) -> bool:
    """Whether the text between two offsets holds a verb ('a Mason jar of waste' has none:
    a term or a name, not words someone said)."""
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    return span is None or any(t.pos_ in ("VERB", "AUX") for t in span)


def has_verb_before(parsed: Parsed, offset: int, floor: int = 0) -> bool:
    """Whether the sentence holding an offset has a verb between `floor` and it ('Cruz
    called them on it:' has; a label like 'User review:' or 'From the reader:' has none)."""
    token = parsed.token_at(offset)
    if token is None:
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in token.sent if floor <= t.idx < offset)
