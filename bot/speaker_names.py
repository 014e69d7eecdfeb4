"""A speaker phrase as a person's name, by the rules every quote's speaker goes through: a
pronoun resolved from the discourse (who was last the subject, or who is speaking), a surname
to the full name mentioned earlier, a phrase the parse finds no speaker in dropped; None when
unsure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot import attribution, attribution_intl
from bot.names import PERSON_PRONOUNS, strip_titles
from bot.parsed import Parsed, same_person
from bot.pronouns import PRONOUNS, pronoun_of
from bot.quote_marks import APOSTROPHE, QUOTE_CHARS, Span
from bot.speaker_phrases import (
    a_thing_doing,
    can_speak,
    may_be_a_person,
    person_credited,
    trailing_subject,
)
from bot.speakers import (
    PRONOUN_WINDOW,
    last_subject,
    named_aside,
    someone_unnamed_before,
    verb_subject,
)

if TYPE_CHECKING:
    from bot.quote_context import Context, Found


DESCRIBED_STARTS = frozenset("the a an his her their its".split())
# The apostrophe of a name ("O’Donnell", "D’Souza", "N’Golo"): an initial capital, then a capital.
NAME_APOSTROPHE = re.compile(r"(?<=\b[A-Z])[’'](?=[A-Z])")
# A one-word owner opening a name ("Pew’s Kim Parker"; bot.names.strip_titles drops it).
OWNER = re.compile(r"^(\w+)[’'](?=s [A-Z])")
CONTRACTION = re.compile(r"[’'](?:ve|d|ll|re|m)$")
# Pronouns that never name a speaker: the writer ("I", "me"), the reader, groups and things,
# anyone at all ("unless one says that …"), and object or reflexive forms that no reporting
# verb takes as its subject.
NOT_SPEAKERS = frozenset(
    """they it we i you them us this that these those me myself yourself yourselves ourselves
    themselves itself someone somebody anyone anybody everyone everybody nobody one
    people""".split()
)
# 'your husband', 'your agency': the reader's own, a speaker made up for the example
READERS = frozenset({"your"})
# A speaker named back by a demonstrative ("said this person", "that official") stands for
# someone described before, often a source unnamed on purpose: not someone a reader can tell.
DEMONSTRATIVES = frozenset("this that these those".split())
PRONOUN_LOOKBACK = 400  # characters before a quote in which its "he" or "she" is looked for
# A pronoun's candidates include the names of this many quotes' speakers before it.
RECENT_SPEAKERS = 20


def _current_speaker(found: list[Found], span: Span) -> str | None:
    prev = found[-1] if found else None
    if prev and prev.speaker and span.paragraph - prev.span.last_paragraph <= PRONOUN_WINDOW:
        return prev.speaker
    return None


def _pronoun(ctx: Context, span: Span, found: list[Found], pronoun: str = "") -> str | None:
    """'he said': the last person who was a subject before the pronoun (before the quote when
    the pronoun follows it), else who is speaking."""
    if ctx.parsed is not None:
        at = ctx.parsed.offset(span.paragraph, span.opened)
        # 'He said Mara Quinn was his assistant, calling …': who "he" is comes before "He"
        begin = max(0, span.opened - PRONOUN_LOOKBACK)  # a page of 5,000 quotes asks each time
        lead = ctx.paragraphs[span.paragraph][begin : span.opened]
        said = (
            list(re.finditer(rf"\b{re.escape(pronoun)}\b", lead, re.IGNORECASE)) if pronoun else []
        )
        spoken = ctx.parsed.offset(span.paragraph, begin + said[-1].start()) if said else at
        if ctx.parsed.same_sentence(spoken, at):
            at = spoken
        if someone_unnamed_before(ctx.parsed, at):
            return None
        floor = ctx.parsed.offset(found[-1].span.paragraph, found[-1].span.opened) if found else 0
        # One person named just before, and not as a subject ('Bernard's pick is “…,” he
        # says'), outranks a subject further back.
        end = found[-1].span.closed if found else None
        after = ctx.parsed.offset(found[-1].span.last_paragraph, end) if end is not None else floor
        aside = named_aside(ctx.parsed, at, after)
        if aside:
            return ctx.names.resolve(aside)
        # the names of the last quotes' speakers (a bounded look back: pages of 5,000 quotes)
        speakers = frozenset(
            w for f in found[-RECENT_SPEAKERS:] if f.speaker for w in f.speaker.split()
        )
        reporting = attribution.REPORTING_FORMS
        subject = last_subject(ctx.parsed, span.paragraph, at, floor, reporting, speakers, pronoun)
        current = _current_speaker(found, span)
        if subject.name:
            if subject.rival and not (current and _surely_same(ctx, current, subject.name)):
                return None
            return ctx.names.resolve(subject.name)
        if subject.reporter and not (current and same_person(current, subject.reporter)):
            # 'One journalist lamented … “…,” he said': the journalist, or someone they spoke
            # of, not whoever spoke before them
            return None
        if current is not None and not may_be_a_person(
            ctx.parsed, current, ctx.parsed.offset(found[-1].span.paragraph, found[-1].span.opened)
        ):
            return None  # 'he told reporters' after a team's statement: not the team
        if current is None and floor:
            # No one speaking: the last subject before the quote before ('Trump proclaimed
            # a goal of “…”. He told the crowd that “…”').
            # a he or she that may as well be someone named since is no one's
            back = last_subject(ctx.parsed, span.paragraph, at, 0, reporting, speakers, pronoun)
            return ctx.names.resolve(back.name) if back.name and not back.rival else None
        return current
    return _current_speaker(found, span)


def _surely_same(ctx: Context, one: str, other: str) -> bool:
    """Whether two speaker phrases name one person, where neither is a surname two people in
    the article share ('Schwartz' after John and Joseph Schwartz: not surely Joseph)."""
    shared = ctx.names.shared
    bare = [strip_titles(name) for name in (one, other)]
    return same_person(one, other) and not any(
        " " not in name and name.strip(".").lower() in shared for name in bare
    )


def _agrees(parsed: Parsed, person: str, pronoun: str) -> bool:
    """Whether a "he" or "she" may stand for a person: the writer gives them no other."""
    theirs = pronoun_of(parsed, person)
    return theirs is None or PRONOUNS.get(pronoun) in (None, theirs)


def resolve_speaker(ctx: Context, phrase: str | None, span: Span, found: list[Found]) -> str | None:
    """A speaker phrase as a name, by the rules every quote's speaker goes through: a pronoun
    or surname turned into the full name mentioned earlier (from the quotes `found` before);
    None when unsure."""
    if phrase == "":  # a verb with its subject dropped (Spanish, Italian): who is speaking
        return _current_speaker(found, span)
    if phrase is not None and "\n" in phrase:
        phrase = phrase.rsplit("\n", 1)[1].strip()  # a speaker never runs across a line
    if phrase is None or not any(c.isalpha() for c in phrase):
        return None
    # A described speaker as written mid-sentence may hold a possessive ("the ad’s
    # narrator"); a name may hold one ("O’Donnell") and be opened by its owner's ("Pew’s Kim
    # Parker"); other phrases with a quotation mark or apostrophe in them are fragments.
    described = phrase.split(" ", 1)[0] in DESCRIBED_STARTS
    bare = (
        APOSTROPHE.sub("", phrase)
        if described
        else NAME_APOSTROPHE.sub("", OWNER.sub(r"\1", phrase))
    )
    if QUOTE_CHARS.search(bare):
        return None
    low = CONTRACTION.sub("", phrase.lower())  # "you've" -> "you", "he'd" -> "he"
    if low in PERSON_PRONOUNS or (
        ctx.language != "en" and attribution_intl.is_pronoun(low, ctx.language)
    ):
        person = _pronoun(ctx, span, found, phrase)
        if person and ctx.parsed is not None and not _agrees(ctx.parsed, person, low):
            return None  # 'she said' resolved to someone the writer calls "he": not them
        return person
    if low in NOT_SPEAKERS or low.split(" ", 1)[0] in READERS | DEMONSTRATIVES:
        return None
    if ctx.parsed is not None:
        near = ctx.parsed.offset(span.paragraph, span.opened)
        credited = person_credited(ctx.parsed, phrase, near)
        if credited is not None:
            return ctx.names.resolve(credited)  # 'says Norbridge director, Tomas Berg'
        if a_thing_doing(ctx.parsed, phrase, near, attribution.SPEECH_FORMS):
            return None  # 'The build server can sign a statement saying “…”': no one's words
        if not can_speak(ctx.parsed, phrase, near):
            trimmed = trailing_subject(ctx.parsed, phrase, near)
            if trimmed and len(trimmed) < len(phrase):
                return resolve_speaker(ctx, trimmed, span, found)  # 'Trump', or 'he' resolved
            subject = verb_subject(ctx.parsed, phrase, near)
            return ctx.names.resolve(subject) if subject else None
    if not phrase[0].isupper():
        return phrase
    speaking = _speaker_by_surname(phrase, found)
    return speaking or ctx.names.resolve(phrase)


def _speaker_by_surname(phrase: str, found: list[Found]) -> str | None:
    """'Paterno said': the Paterno who has been speaking, if one has."""
    if " " in phrase:
        return None
    for f in reversed(found):
        if f.speaker and f.speaker != phrase and f.speaker.split(" ")[-1] == phrase:
            return f.speaker
    return None
