"""An article's parse in paragraph coordinates, for the quote modules: text offsets to
tokens, the mention of a phrase nearest an offset, whole names, who the parse makes a person,
and what is inside a quote."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from bot.pronouns import Pronouns


PLURALS = frozenset({"NNS", "NNPS"})
SUBJECT = frozenset({"nsubj", "nsubjpass"})
_WORD = re.compile(r"\w+")
_PLAIN_WORDS = frozenset("a an the of".split())


def same_person(one: str, other: str) -> bool:
    """Whether two speaker phrases share a word beyond articles ('Sen. Ted Cruz', 'Cruz')."""
    words = {w.lower() for w in _WORD.findall(one)} - _PLAIN_WORDS
    return bool(words & ({w.lower() for w in _WORD.findall(other)} - _PLAIN_WORDS))


class Parsed:
    """An article's parse in paragraph coordinates."""

    def __init__(
        self,
        doc: Doc,
        paragraphs: tuple[str, ...],
        quoted: list[list[tuple[int, int]]] | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy joins every token on each `doc.text`: read it once
        self.starts = [0, *accumulate(len(p) + 2 for p in paragraphs)]  # joined by "\n\n"
        # Words the tagger took for a person somewhere: "Viguerie" is one even where the small
        # model calls it an organisation. Only a proper noun's: "Marketing", a common noun it
        # once tagged a person ("And more recently, Marketing is a Facebook page"), is no name.
        self.person_words = {
            t.text for e in doc.ents if e.label_ == "PERSON" for t in e if t.pos_ == "PROPN"
        }
        # Words of a person's name of two words or more ('Sanders' of 'Bernie Sanders'): one
        # tagged a plural noun ('Sanders said') is still a person's, where 'Spurs' is not.
        self.full_name_words = {
            t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e
        }
        self.entity_at = {i: e for e in doc.ents for i in range(e.start, e.end)}  # token -> ent
        self.token_ends = [t.idx + len(t) for t in doc]  # for token_at's bisection
        # Each paragraph's quotes (`quoted`, marks excluded) as text offsets, in order.
        self.quotes = sorted(
            (self.starts[p] + s, self.starts[p] + e)
            for p, marks in enumerate(quoted or [])
            for s, e in marks
        )
        self.pronouns: Pronouns | None = None

    def a_plural_noun(self, token: Token) -> bool:
        """A noun tagged plural that is no word of a full name ('Spurs go into …', whatever
        entity the tagger saw; not 'Sanders' where 'Bernie Sanders' is named): no he or she."""
        return _tagged_plural(token) and token.text not in self.full_name_words

    def a_surname_tagged_plural(self, token: Token) -> bool:
        """A word of a full name the tagger took for a plural noun ('Owings is voting' where
        'Tracey Owings' is named): a person, though neither a proper noun nor an entity."""
        capital = token.text[:1].isupper()
        return _tagged_plural(token) and capital and token.text in self.full_name_words

    def is_person(self, token: Token) -> bool:
        named = token.ent_type_ == "PERSON" or (
            token.pos_ == "PROPN" and token.text in self.person_words
        )
        return named and not _a_things_name(token)

    def offset(self, paragraph: int, at: int) -> int:
        return self.starts[paragraph] + at

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def span_of(self, phrase: str, near: int) -> Span | None:
        """The mention of `phrase` nearest to a text offset."""
        # The nearest mention is the last one starting at or before `near`, or the first after;
        # a mention is a whole word or words ("he" is not the one inside "then").
        text, size = self.text, len(phrase)

        def whole(at: int) -> bool:
            end = at + size
            starts = at == 0 or not (phrase[:1].isalnum() and text[at - 1].isalnum())
            ends = end >= len(text) or not (phrase[-1:].isalnum() and text[end].isalnum())
            return starts and ends

        before = text.rfind(phrase, 0, near + size)
        while before >= 0 and not whole(before):
            before = text.rfind(phrase, 0, before + size - 1)
        after = text.find(phrase, near)
        while after >= 0 and not whole(after):
            after = text.find(phrase, after + 1)
        found = [at for at in (before, after) if at >= 0]
        if not found:
            return None
        best = min(found, key=lambda at: (abs(at - near), at))
        return self.doc.char_span(best, best + len(phrase), alignment_mode="expand")

    def quoted(self, offset: int) -> bool:
        """Whether a text offset is inside a quote."""
        k = bisect_right(self.quotes, (offset, len(self.text))) - 1
        return k >= 0 and offset < self.quotes[k][1]

    def inside_a_name(self, token: Token) -> bool:
        """'Bernard' in 'Bernard Achampong': a word the name's last word stands for."""
        return token.dep_ == "compound" and self.is_person(token.head)

    def same_sentence(self, one: int, other: int) -> bool:
        """Whether two text offsets are in one sentence of the parse."""
        a, b = self.token_at(one), self.token_at(other)
        return a is not None and b is not None and a.sent.start == b.sent.start

    def in_the_quotes_sentence(self, span: Span, near: int) -> bool:
        """Whether a phrase is in the sentence of the quote opening at offset `near`."""
        quote = self.token_at(near)
        return quote is not None and span.sent.start == quote.sent.start

    def name(self, token: Token) -> str:
        """The whole name a token is part of ('Bill' 'Clinton' -> 'Bill Clinton')."""
        return self.name_span(token).text  # as written

    def name_span(self, token: Token) -> Span:
        """The words of the whole name a token is part of."""
        ent = self.entity_at.get(token.i)
        if ent is not None and ent.label_ == "PERSON":
            # A name never runs across a line: the tagger may join the line above to it
            # ('… Rumors Watch Video' over 'Willard tweeted').
            words = [t for t in ent if "\n" not in t.text]
            line = [t for t in words if not _line_between(self.text, t.idx, token.idx)]
            return self.doc[line[0].i : line[-1].i + 1] if line else self.doc[token.i : token.i + 1]
        # The compounds before it, and theirs: "United" is parsed as a compound on "Nations",
        # and "Nations" on "Program" ("the United Nations Development Program said").
        first = token
        while names := [
            t
            for t in first.lefts
            if t.dep_ == "compound"
            and t.pos_ == "PROPN"
            and not _line_between(self.text, t.idx, token.idx)
        ]:
            first = names[0]
        return self.doc[first.i : token.i + 1]

    def token_at(self, offset: int) -> Token | None:
        """The token holding (or first after) a text offset; found by bisection, as a page
        of 5,000 quotes asks for it once each."""
        i = bisect_right(self.token_ends, offset)
        return self.doc[i] if i < len(self.token_ends) else None

    def first_word_at(self, offset: int) -> Token | None:
        """The token at an offset, or the word after it when that is a quotation mark: the
        first word of a quote opening there."""
        token = self.token_at(offset)
        if token is not None and token.is_quote and token.i + 1 < len(self.doc):
            return self.doc[token.i + 1]
        return token

    def starts_a_name(self, offset: int) -> bool:
        """Whether the word at an offset is tagged a proper noun or a person ('Unleashing' in
        the heading 'Unleashing Claude' is a verb)."""
        token = self.token_at(offset)
        return token is not None and (token.pos_ == "PROPN" or token.ent_type_ == "PERSON")

    def phrase(self, subject: Token) -> str:
        """A subject as a speaker phrase: a person's whole name, a pronoun, or the noun phrase
        as written, without its apposition or relative clause but with what it speaks for
        ('A spokesperson for the agency')."""
        if self.is_person(subject) or subject.pos_ == "PROPN":
            return self.name(subject)
        if subject.pos_ == "PRON":
            return subject.text
        end = subject.i + 1
        for child in subject.rights:
            if child.text == ",":
                break  # 'The letter, between attorneys …, said': what follows a comma is aside
            if child.dep_ == "prep":
                end = child.right_edge.i + 1
        return self.doc[subject.left_edge.i : end].text


def _a_things_name(token: Token) -> bool:
    """A name the tagger calls a person's with "the" right before it: a product's or a
    team's ("the Java Log is all-natural", "the Hawks"), not "the late John Smith" or "the
    Rev. Al Sharpton", whose "the" goes with a word before the name."""
    head = token
    while head.dep_ == "compound" and head.head.pos_ == "PROPN" and head.head.i > head.i:
        head = head.head
    doc = token.doc
    for det in head.children:
        if det.dep_ == "det" and det.lower_ == "the" and det.i < head.i:
            return all(t.pos_ == "PROPN" for t in doc[det.i + 1 : head.i + 1])
    return False


def _line_between(text: str, one: int, other: int) -> bool:
    """Whether a line break stands between two text offsets."""
    return "\n" in text[min(one, other) : max(one, other)]


def _tagged_plural(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.tag_ in PLURALS
