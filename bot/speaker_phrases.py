"""Whether a speaker phrase the rules found can speak, by the parse: never a place,
product, event or fragment, nor a thing doing something, nor someone another speaker reports;
whether a "he" or "she" may stand for it; the person it only qualifies, or the subject at its
end, when it names no one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from bot.attribution import CREDIT_DASHES
from bot.names import PERSON_PRONOUNS
from bot.parsed import PLURALS, SUBJECT

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from bot.parsed import Parsed


# Entity types that never speak: places, buildings, products, events, works, laws, amounts.
NEVER_SPEAKS = frozenset(
    """GPE LOC FAC PRODUCT EVENT WORK_OF_ART LAW DATE TIME MONEY PERCENT QUANTITY ORDINAL
    CARDINAL LANGUAGE""".split()
)
# Common nouns that head a source in news copy ('the spokesman said', 'the report says'):
# heads of PolNeAR train's gold Sources, written by bot.eval.train_sources (which swaps this
# set per fold when it cross-validates).
SOURCE_NOUNS_PATH = Path(__file__).resolve().parent / "data" / "source-nouns.json"
SOURCE_NOUNS: frozenset[str] = frozenset(json.loads(SOURCE_NOUNS_PATH.read_text())["nouns"])
PARTICIPLES = frozenset({"VBN", "VBG"})
VERB_OBJECTS = frozenset({"dobj", "dative", "prep"})
PEOPLES = frozenset({"his", "her", "their"})
# What a word is to the noun it qualifies: 'Norbridge' in 'Norbridge design director'.
NOUN_QUALIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
COPULAS = frozenset("is was are were be been being 's ’s 're ’re".split())
# A noun phrase does not end in these; the small model's parse of the rest is not always right
# ('Farmers driving through the square' parsed with "driving" as its head).
FRAGMENT_ENDS = frozenset({"AUX", "VERB", "ADP", "DET", "CCONJ", "SCONJ", "PART"})
FRAGMENT_STARTS = frozenset({"AUX", "VERB", "ADV", "CCONJ", "SCONJ", "ADP", "PUNCT", "PART"})
NOMINALS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
FINITE = frozenset({"VBD", "VBP", "VBZ"})


def can_speak(parsed: Parsed, phrase: str, near: int) -> bool:
    """Whether a speaker phrase is someone or something that can speak, by the parse: its
    head is a noun or pronoun, it is not a place/product/event, and an organisation only
    when the sentence makes it the subject ('the Pentagon said')."""
    if any(c in phrase for c in ".!?") and not phrase.rstrip(".").count("."):
        return False
    span = parsed.span_of(phrase, near)
    if span is None:
        return True  # a resolved full name from elsewhere: the rules found it
    root = span.root
    if ":" in phrase or not any(t.pos_ in NOMINALS for t in span):
        return False  # 'now', 'not just', 'The Latest: Sanders': no one named
    if span[-1].pos_ in FRAGMENT_ENDS or span[0].pos_ in FRAGMENT_STARTS or root.pos_ == "AUX":
        return False  # 'The guy can', '–were able': a fragment, not a noun phrase
    # A finite verb makes a clause ('I get multiple emails'; a participle may head a noun
    # phrase: 'Farmers driving through the square'), and two heads two phrases.
    if root.tag_ in FINITE or len(_heads(span)) > 1:
        return False  # 'I get multiple emails', 'the bullet points it': not one phrase
    if _subject_after_an_inverted_verb(parsed, span):
        return False  # '“…,” wrote Enough is enough': a handle cut short
    if _asked_to_act(parsed, span):
        return False  # '“…” asks friends to like a status': who is asked, not who asks
    if _inside_another_phrase(parsed, span, near):
        return False  # 'Brent Lang of The Wrap says'; 'A mother who … led to his death asked'
    if _qualifies_a_noun(parsed, span, near):
        return False  # 'said MIT Sloan professor …': the name qualifies who speaks
    if _subject_of_a_copula(parsed, span, near):
        return False  # 'One line that stuck with me was …: “…”': a thing, not a speaker
    if parsed.text[span.end_char :].lstrip()[:1] == ":" and not (
        parsed.is_person(root) or root.ent_type_ in ("ORG", "NORP")
    ):
        return False  # 'Sample Script: “…”' is a label; 'Paterno: “…”' a speaker
    # The subject of the verb speaks whatever the tagger guessed its type to be (the small
    # model takes many an unfamiliar name for a place); anything else must not be a place,
    # product or event, nor an organisation that the sentence does not make the speaker.
    if _speaks_as_subject(root) or parsed.is_person(root) or _a_credit_line(parsed, span):
        return True
    return root.ent_type_ not in NEVER_SPEAKS and root.ent_type_ != "ORG"


def _a_credit_line(parsed: Parsed, span: Span) -> bool:
    """Whether a phrase of proper nouns is the credit line that closes a quote ('“Business has
    only two functions.” ~ Milan Kundera'): who said it, whatever type the tagger guessed
    (here an organisation)."""
    if span.start < 2 or not all(t.pos_ == "PROPN" for t in span):
        return False
    dash, mark = parsed.doc[span.start - 1], parsed.doc[span.start - 2]
    return dash.text in CREDIT_DASHES and mark.text in ("”", '"', "’", "'", "»")


def _subject_after_an_inverted_verb(parsed: Parsed, span: Span) -> bool:
    """Whether a phrase right after a verb is the subject of the clause that verb takes,
    its verb right after the phrase ('wrote Enough is enough', 'said his attacks have
    given'): the words are a clause (a commenter's handle, what was said), the phrase
    only its start, not the verb's speaker."""
    if span.start == 0 or span.end >= len(parsed.doc):
        return False
    verb, head, nxt = parsed.doc[span.start - 1], span.root.head, parsed.doc[span.end]
    return (
        verb.pos_ == "VERB"
        and span.root.dep_ in SUBJECT
        and head.head.i == verb.i  # the clause is what the verb says
        and head.i != verb.i
        and nxt.pos_ in ("VERB", "AUX")  # right after it: 'Enough is', not ', who …'
        and (nxt.i == head.i or nxt.head.i == head.i)
        # 'meddling the congressman said is …': a verb that says a clause has a speaker
        and not any(c.dep_ == "ccomp" for c in head.children)
    )


def _asked_to_act(parsed: Parsed, span: Span) -> bool:
    """Whether a phrase right after a verb is whom it asks or tells to do something, its
    infinitive right after it ('asks friends to like a status', 'urged voters to stay')."""
    if span.start == 0 or span.end >= len(parsed.doc):
        return False
    verb, nxt = parsed.doc[span.start - 1], parsed.doc[span.end]
    return (
        verb.pos_ == "VERB"
        and span.root.head.i == verb.i
        and nxt.lower_ == "to"
        and nxt.dep_ == "aux"
        and nxt.head.dep_ == "xcomp"
        and nxt.head.head.i == verb.i
    )


def _qualifies_a_noun(parsed: Parsed, span: Span, near: int) -> bool:
    """Whether a name, in the quote's sentence, is a compound on the common noun right
    after it ('MIT Sloan professor', 'Clinton ally James Carville'): that noun's person
    speaks, not the name."""
    root = span.root
    return (
        root.dep_ == "compound"
        and root.head.i == span.end
        and root.head.pos_ == "NOUN"
        and parsed.in_the_quotes_sentence(span, near)
    )


def _subject_of_a_copula(parsed: Parsed, span: Span, near: int) -> bool:
    """Whether a speaker phrase that names no person is, in the quote's sentence, the
    subject of "be" ('One line … was X's reference to the rule: “…”', 'A common question
    asked by candidates is, “…”'): what the thing is, not who says it."""
    root = span.root
    return (
        root.dep_ == "nsubj"
        and root.head.pos_ == "AUX"
        and root.head.lower_ in COPULAS
        and root.pos_ in ("NOUN", "NUM")
        and not any(parsed.is_person(t) for t in span)
        and parsed.in_the_quotes_sentence(span, near)
        # 'The paper has been outspoken, arguing he is “…”': the participle speaks
        and not any(c.pos_ == "VERB" and c.idx < near for c in root.head.children)
    )


def _inside_another_phrase(parsed: Parsed, span: Span, near: int) -> bool:
    """Whether a speaker phrase, in the quote's own sentence, only qualifies a noun of
    another phrase: the object of a preposition on a noun ('The Wrap' in 'Brent Lang of
    The Wrap says'), unless a participle follows it ('footage of Hillary Clinton asking'),
    or an object inside a relative clause on the subject ('his death' in 'A mother who
    allowed the surgery that led to his death asked')."""
    if not parsed.in_the_quotes_sentence(span, near):
        return False
    root = span.root
    after = parsed.doc[span.end] if span.end < len(parsed.doc) else None
    if root.dep_ == "pobj" and root.head.head.pos_ in ("NOUN", "PROPN"):
        return after is None or after.tag_ != "VBG"
    return root.dep_ in ("pobj", "dobj") and any(
        a.dep_ == "relcl" and a.head.dep_ in SUBJECT for a in root.ancestors
    )


def person_credited(parsed: Parsed, phrase: str, near: int) -> str | None:
    """The person a speaker phrase that is no person only qualifies, in the quote's
    sentence: the name in apposition to the role it is part of ('says Norbridge design
    director, Tomas Berg': Tomas Berg, not the firm), or the name its compound heads
    ('said Norbridge engineer Tomas Berg'), when that role or name speaks (the subject of
    the verb, or the agent of 'as stated by')."""
    span = parsed.span_of(phrase, near)
    if span is None or not parsed.in_the_quotes_sentence(span, near):
        return None
    head = span.root
    if parsed.is_person(head):
        return None
    while head.dep_ in NOUN_QUALIFIERS and head.head.i != head.i:
        if head.head.pos_ not in ("NOUN", "PROPN"):
            break
        head = head.head
    if not (_speaks_as_subject(head) or _an_agent(head)):
        return None
    if head.i != span.root.i and parsed.is_person(head):
        return parsed.name(head)
    person = next((c for c in head.children if c.dep_ == "appos" and parsed.is_person(c)), None)
    return parsed.name(person) if person is not None else None


def a_thing_doing(parsed: Parsed, phrase: str, near: int, forms: frozenset[str]) -> bool:
    """Whether a speaker phrase, in the quote's sentence, is a thing (a lower-case common
    noun, not one of the SOURCE_NOUNS nor a person, with no one in apposition) described
    by a participle ('in a box labeled “…”') or the subject of a verb that is not one of
    `forms` (the verbs of saying): 'The build server can sign a statement saying “…”',
    'the bridge continues to “…”' (a verb with an infinitive is that infinitive's verb),
    or whose verb holds, with no subject of its own, a verb that is not one of them
    which the quote hangs on ('The patents asserted against X include ones for an “…”').
    No one is named."""
    span = parsed.span_of(phrase, near)
    if span is None or not parsed.in_the_quotes_sentence(span, near):
        return False
    root = span.root
    if root.pos_ != "NOUN" or not root.text.islower():
        return False
    if a_source_noun(root.lower_) or any(c.dep_ == "appos" for c in root.children):
        return False
    if any(c.dep_ == "poss" and _someones(parsed, c) for c in root.children):
        return False  # "Scott's family", "their coach": people of someone's
    if root.dep_ not in SUBJECT:
        # 'in a box labeled “…”': what the box carries, not its words
        return any(c.dep_ == "acl" and c.tag_ in PARTICIPLES for c in root.children)
    verb = root.head
    while not any(c.dep_ in VERB_OBJECTS for c in verb.children):
        then = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if then is None:
            break
        verb = then  # 'continues to carry': carry ('called on police to act' stays)
    if verb.lower_ not in forms:
        return True
    # 'The patents asserted against Calvert include ones for an “…”': the verb the quote
    # hangs on, under the thing's and with no other subject, says nothing
    lead = _verb_holding(parsed, near)
    return (
        lead is not None
        and lead.lower_ not in forms
        and any(a.i == root.head.i for a in lead.ancestors)
        and all(c.i == root.i for c in lead.children if c.dep_ in SUBJECT)
    )


def _verb_holding(parsed: Parsed, offset: int) -> Token | None:
    """The nearest verb outside the quote opening at an offset that its first word hangs
    on, or None."""
    token = parsed.first_word_at(offset)
    if token is None:
        return None
    return next(
        (
            a
            for a in token.ancestors
            if a.pos_ in ("VERB", "AUX") and not parsed.quoted(a.idx) and not a.is_quote
        ),
        None,
    )


def _someones(parsed: Parsed, owner: Token) -> bool:
    """Whether a possessor is a person: named so, or his, her or their."""
    return parsed.is_person(owner) or owner.lower_ in PEOPLES


def trailing_subject(parsed: Parsed, phrase: str, near: int) -> str | None:
    """The last part of a phrase that is not one ('a Bloomberg interview Trump', from 'In
    a Bloomberg interview, Trump said') when that part is the verb's subject."""
    span = parsed.span_of(phrase, near)
    if span is None:
        return None
    heads = _heads(span)
    if len(heads) < 2 or heads[-1].dep_ not in SUBJECT:
        return None
    last = heads[-1]
    words = [t.i for t in last.subtree if span.start <= t.i < span.end]
    return parsed.doc[min(words) : max(words) + 1].text


def may_be_a_person(parsed: Parsed, phrase: str, near: int) -> bool:
    """Whether 'he' or 'she' can stand for a speaker phrase (its mention nearest an offset):
    a person, or a noun phrase the parse does not make a group, place or thing ('the
    spokesman' may be; 'the Hawks', 'Spain', 'the Pentagon' may not)."""
    span = parsed.span_of(phrase, near)
    if span is None:
        return True
    if parsed.a_plural_noun(span.root):
        return False  # 'Spurs', a team the tagger took for a person
    if any(parsed.is_person(t) or t.text in parsed.person_words for t in span):
        return True  # 'CNN President Jeff Zucker'; a name tagged a person elsewhere
    root = span.root
    if root.ent_type_ in NEVER_SPEAKS or root.ent_type_ == "NORP" or root.tag_ in PLURALS:
        return False  # 'New Hampshire', 'Democrats', 'the Hawks'
    if root.ent_type_ != "ORG":
        return True
    # The small model tags many a person's name an organisation ('Carly Fiorina'): one
    # of two or more proper nouns with no article before it may be a person's; 'the
    # Pentagon', 'NATO' are not.
    article = span.start > 0 and parsed.doc[span.start - 1].lower_ == "the"
    return len(span) >= 2 and not article and all(t.pos_ == "PROPN" for t in span)


def second_hand(parsed: Parsed, phrase: str, near: int, reporting: frozenset[str]) -> bool:
    """Whether the speaker phrase leading into a quote (at offset `near`) is the subject
    of a verb inside what an earlier reporting verb of the sentence says ('The Gazette
    wrote that Park acknowledged “…”'): the quoted words are then the outer speaker's
    account, not certainly Park's own. A pronoun ('X said she had “…”') is most often
    that outer speaker again, and is left alone."""
    span = parsed.span_of(phrase, near)
    if span is None or span.end_char > near or not parsed.in_the_quotes_sentence(span, near):
        return False
    if span.root.dep_ not in SUBJECT:
        return False
    pronoun = span.root.pos_ == "PRON"
    if pronoun and span.root.lower_ not in PERSON_PRONOUNS:
        return False
    token = span.root.head
    while token.dep_ in ("ccomp", "xcomp") and token.head.i != token.i:
        token = token.head
        if parsed.paragraph_of(token.idx) != parsed.paragraph_of(near):
            return False  # a sentence the parse ran on across a paragraph break
        if (
            token.i < span.start
            and token.pos_ == "VERB"
            and token.lower_ in reporting
            and any(c.dep_ == "nsubj" for c in token.children)  # 'When asked why, X …'
            and not any(c.dep_ == "neg" for c in token.children)  # 'X cannot say that'
        ):
            # 'They said he then asked: “…”': a "he" is not the "they" who report him
            return not pronoun or any(
                c.dep_ == "nsubj" and (c.tag_ in PLURALS or c.lower_ in ("they", "we"))
                for c in token.children
            )
    return False


def _heads(span: Span) -> list[Token]:
    """The tokens of a span that hang on nothing inside it: one for a phrase."""
    return [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]


def a_source_noun(word: str) -> bool:
    """Whether a lower-case noun, singular or plural, is one of the SOURCE_NOUNS."""
    return bool({word, word + "s", word.removesuffix("s")} & SOURCE_NOUNS)


def _an_agent(token: Token) -> bool:
    """Whether a noun is the agent of a passive verb ('as stated by the chief executive')."""
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


def _speaks_as_subject(token: Token) -> bool:
    while token.dep_ in ("appos", "conj") and token.head.i != token.i:
        token = token.head  # "Dominic Raab, the foreign secretary, said"
    if token.dep_ in SUBJECT:
        return True
    # "according to the Pentagon"
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"
