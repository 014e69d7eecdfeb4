"""Which pronoun an article uses for each person ('Ana Ruiz said she …' makes Ruiz "she"),
tallied over the parse, and another person a "he" or "she" may as well stand for."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from bot.names import POSSESSIVE, strip_titles
from bot.parsed import SUBJECT, same_person

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.parsed import Parsed


# The pronouns of a person, and the honorifics that tell one ('Mr. Reed', 'Ms. Ruiz').
PRONOUNS = {
    **dict.fromkeys("he him his himself".split(), "he"),
    **dict.fromkeys("she her hers herself".split(), "she"),
}
REFLEXIVES = frozenset("myself yourself himself herself itself ourselves themselves".split())
HONORIFICS = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}
HONORIFIC_VOTES = 3  # an honorific counts as this many sentences' pronouns
MARGIN = 2  # one pronoun is the person's when used more than this many times as the other
# and at least this often: one 'Trump mocked the front-runner, saying she …' misleads
MIN_VOTES = 2


class Pronouns:
    """Tallies the pronouns used for each person, by full name and by surname."""

    def __init__(self) -> None:
        self.votes: dict[str, Counter[str]] = {}
        # surname -> the full names that end in it, from the parse's PERSON names
        # (NameIndex.shared, which resolves a surname, reads the capitalised chunks instead)
        self.full_names: dict[str, set[str]] = {}

    def see(self, name: str) -> None:
        """A person named in the article, whether or not given a pronoun."""
        words = strip_titles(name).lower().split()
        if len(words) > 1:
            self.full_names.setdefault(words[-1], set()).add(" ".join(words))

    def add(self, name: str, pronoun: str, votes: int = 1) -> None:
        words = strip_titles(name).lower().split()
        if not words:
            return
        self.see(name)
        if len(words) > 1:
            self.votes.setdefault(" ".join(words), Counter())[pronoun] += votes
        self.votes.setdefault(words[-1], Counter())[pronoun] += votes

    def of(self, name: str) -> str | None:
        """'he' or 'she' for a person's name, when the article is clear which; else None. A
        surname that two full names share ('Bill Clinton', 'Hillary Clinton') tells nothing
        alone: only what was said of the full name counts."""
        words = strip_titles(name).lower().split()
        if not words:
            return None
        shared = len(self.full_names.get(words[-1], ())) > 1
        key = " ".join(words) if shared else words[-1]
        if shared and len(words) == 1:
            return None
        votes = self.votes.get(key, Counter())
        he, she = votes["he"], votes["she"]
        if he >= MIN_VOTES and he > MARGIN * she:
            return "he"
        if she >= MIN_VOTES and she > MARGIN * he:
            return "she"
        return None


def rival(parsed: Parsed, subject: Token, name: str, before: int, pronoun: str) -> str | None:
    """Another person the writer gives the same pronoun, named after a subject and before
    an offset (outside quotes), whom a "he" or "she" may stand for as well ('Tom Reed met
    Bill Carter. Carter's plan, which he said Reed rejected, … “…,” he said', where
    Carter is "he" elsewhere): not one inside what that subject (or that pronoun) says
    or does ('Reed said Carter was wrong'), nor one the subject is named again after."""
    wanted = PRONOUNS.get(pronoun.lower())
    if wanted is None:
        return None
    found = None
    for t in parsed.doc[subject.i + 1 :]:
        if t.idx >= before:
            break
        if t.pos_ != "PROPN" or not parsed.is_person(t) or parsed.inside_a_name(t):
            continue
        if parsed.quoted(t.idx):
            continue
        other = POSSESSIVE.sub("", parsed.name(t))
        if same_person(other, name):
            found = None  # named again: the story is back with them
        elif pronoun_of(parsed, other) == wanted and not _told_by(parsed, t, name, wanted):
            found = other
    return found


def _told_by(parsed: Parsed, token: Token, name: str, pronoun: str) -> bool:
    """Whether a word is inside a clause whose subject is a person's name (or holds it in
    apposition) or a pronoun ('Reed said Carter was wrong', 'he met Carter')."""
    for verb in token.ancestors:
        for c in verb.children:
            if c.dep_ not in SUBJECT:
                continue
            if PRONOUNS.get(c.lower_) == pronoun:
                return True
            said = (c, *(w for w in c.children if w.dep_ == "appos"))
            if any(same_person(parsed.phrase(w), name) for w in said):
                return True
    return False


def pronoun_of(parsed: Parsed, name: str) -> str | None:
    """'he' or 'she': the pronoun the writer uses for a person, where clear (see
    `_tally`)."""
    if parsed.pronouns is None:
        parsed.pronouns = _tally(parsed)
    return parsed.pronouns.of(POSSESSIVE.sub("", name))


def _tally(parsed: Parsed) -> Pronouns:
    """Per person, the pronouns the writer gives them (quotes aside): a "he" or "she"
    that is a subject (or "himself", "herself") in a clause under the verb of a sentence
    whose subject they are and which names no one else ('Ana Ruiz said she would run':
    Ruiz is "she"; a "his" or "her" may be anyone's), and their honorifics ('Ms. Ruiz')."""
    tally = Pronouns()
    for sentence in parsed.doc.sents:
        named: dict[str, Token] = {}  # name -> its word
        for t in sentence:
            if t.pos_ != "PROPN" or not parsed.is_person(t) or parsed.inside_a_name(t):
                continue
            if parsed.quoted(t.idx):
                continue
            name = POSSESSIVE.sub("", parsed.name(t))
            named.setdefault(name, t)
            tally.see(name)
            start = parsed.name_span(t).start
            for word in parsed.doc[max(0, start - 1) : start + 1]:
                if word.lower_.rstrip(".") in HONORIFICS:  # 'Mr. Reed', 'Ms. Ruiz'
                    tally.add(name, HONORIFICS[word.lower_.rstrip(".")], HONORIFIC_VOTES)
        if len({name.split()[-1] for name in named if name.split()}) != 1:
            continue
        name, person = max(named.items(), key=lambda n: len(n[0]))
        if person.dep_ not in SUBJECT:
            continue
        used = {
            PRONOUNS[t.lower_]
            for t in sentence
            if t.i > person.i
            and t.lower_ in PRONOUNS
            and (t.dep_ in SUBJECT or t.lower_ in REFLEXIVES)
            and not parsed.quoted(t.idx)
            and any(a.i == person.head.i for a in t.ancestors)
        }
        if len(used) == 1:
            tally.add(name, used.pop())
    return tally
