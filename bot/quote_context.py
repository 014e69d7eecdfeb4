"""Who said each quotation: the attribution beside it, or the discourse before it.

A quote split by its attribution ('“A,” Taylor said, “B.”') is one quote: its `text` is the
verbatim pieces joined by JOINER (" … "), so each piece can be found in the article as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import attribution, attribution_intl
from bot.names import PERSON_PRONOUNS, NameIndex
from bot.parsed import Parsed
from bot.quote_marks import APOSTROPHE, QUOTE_CHARS, Span
from bot.speaker_names import NOT_SPEAKERS, resolve_speaker
from bot.speaker_phrases import a_thing_doing, may_be_a_person, second_hand
from bot.speakers import clause_subject, sentence_subject
from bot.speech_checks import (
    has_verb_before,
    in_a_condition,
    is_conditional,
    is_imagined,
    is_verb,
)

JOINER = " … "
# Where a sentence ends outside a quote; the look-behinds keep "Mr." and "U.S." inside.
ABBREVIATIONS = (
    "Mr Mrs Ms Dr St Gov Sen Sens Rep Reps Rev Gen Col Lt Sgt Capt Prof Jr Sr No Co Inc Corp Ltd"
)
SENTENCE_END = re.compile(
    "".join(rf"(?<!\b{a})" for a in ABBREVIATIONS.split())
    + r"(?<!\b[A-Z])[.!?][’'\")\]»«“”″〞〟]*\s+(?=[“\"'‘„»«「″‶〝(A-ZÀ-Ý0-9])"
)
# HTML a page prints as text: where a tag starts; a tag, or the end of one whose attribute's
# quotation marks were read as a quote ('>As …').
TAG_START = r"</?[a-zA-Z]"
MARKUP_TAG = re.compile(TAG_START + r"[^<>]*>|^[^<>\s]*>")
SPLIT_ATTRIBUTION_WORDS = 12
TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by as is".split())


@dataclass(frozen=True)
class Found:
    """A quotation with its speaker and how it is attributed."""

    span: Span
    text: str
    speaker: str | None
    introduced: bool  # starts its clause, or follows "X said:" / "X said,"
    attributed: bool  # an attribution right beside it names who said it
    kind: str = "direct"  # or "mixed": reported speech with quoted words (bot/mixed_quotes.py)
    writers: bool = False  # the writer's own words, a few quoted ('I described the “…” approach')


@dataclass
class Context:
    """What attribution reads: the paragraphs, their names, language and (English) parse."""

    paragraphs: tuple[str, ...]
    names: NameIndex
    language: str
    parsed: Parsed | None


def is_title(text: str) -> bool:
    """'The Steve Harvey Morning Show': a name of a work or a show, not words someone said."""
    words = re.findall(r"\w[\w’'-]*", text)  # "Son-in-law" is one word
    return bool(words) and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in words
    )


def clause_start(para: str, floor: int, upto: int) -> int:
    """Where the sentence holding `upto` starts, not before `floor`."""
    start = floor
    for m in SENTENCE_END.finditer(para, floor, upto + 1):  # +1: the look-ahead sees the mark
        start = m.end()
    return start


def _clause_before(paragraphs: tuple[str, ...], span: Span, floor: int) -> str:
    """The words of the quote's sentence before its opening mark."""
    para = paragraphs[span.paragraph]
    before = para[clause_start(para, floor, span.opened) : span.opened]
    if not before.strip() and span.paragraph > 0 and span.opened == 0:
        previous = paragraphs[span.paragraph - 1].rstrip()
        if previous.endswith(":"):  # "Raab said:" closing the paragraph before the quote
            return previous[clause_start(previous, 0, len(previous)) :]
    return before


def _unmarked(text: str) -> str:
    """Text with any HTML tag a page printed as text blanked out, length kept ('</a>As HuffPost
    noted, “…”': the speaker is HuffPost, not '>As HuffPost')."""
    return MARKUP_TAG.sub(lambda m: " " * len(m.group()), text)


def in_a_tag(para: str, span: Span) -> bool:
    """Whether a quote opens inside an HTML tag a page printed as text ('<tweet
    tweet-author="…">'): an attribute's value, no one's words."""
    before = para[: span.opened]
    start = before.rfind("<")
    return start > before.rfind(">") and re.match(TAG_START, para[start:]) is not None


def _clause_after(para: str, span: Span, ceiling: int) -> str:
    """The words after the closing mark up to the end of the sentence or the next quote."""
    if span.closed is None:
        return ""
    after = para[span.closed : ceiling]
    # A line break (a <br> in the page) ends the attribution: '“…” – Erin H.\n\nDearest Erin'.
    # A credit on the line below the quote ('“…”\n― Jane Doe') still counts.
    start = len(after) - len(after.lstrip())
    if (line_end := after.find("\n", start)) >= 0:
        after = after[:line_end]
    end = SENTENCE_END.search(after)
    return after[: end.start() + 1] if end else after


def _raw_speaker(
    ctx: Context, span: Span, inner: str, before: str, after: str
) -> tuple[str | None, bool, bool]:
    """(speaker phrase, introduced, attributed) from the words around one quote."""
    if ctx.language != "en":
        by_after = attribution_intl.speaker_after(after, ctx.language) if after.strip() else None
        by_before = attribution_intl.speaker_before(before, ctx.language) if before else None
        introduced = not before.strip() or by_before is not None
        said = by_after if by_after is not None else by_before
        return said, introduced, said is not None
    by_before, introduces = attribution.speaker_before(before) if before.strip() else (None, False)
    participle = attribution.clause_participle(before) if ctx.parsed is not None else None
    if participle is not None and ctx.parsed is not None:
        start = len(ctx.paragraphs[span.paragraph][: span.opened]) - len(before)
        if start >= 0:  # the lead-in is in the quote's own paragraph
            at = ctx.parsed.offset(span.paragraph, start + participle)
            by_before = clause_subject(ctx.parsed, at, ctx.parsed.offset(span.paragraph, start))
    if by_before is not None and ctx.parsed is not None and _noun_for_a_verb(ctx, span, before):
        by_before, introduces = None, False  # 'the old saying, “…”': no one says it here
    introduced = not before.strip() or introduces
    # "..., he said": the quote's own punctuation hands over to the attribution.
    hands_over = (
        inner.rstrip(" ’'\")]")[-1:] in ",!?.…—-"
        or after.lstrip()[:1] in ",—–"
        or not before.strip()  # "“...” of the plan, Mr. Smith said."
    )
    # '“… a common nuisance.” Moseley was writing against…': a quote that ends its sentence,
    # followed by a capital, hands over to a new sentence, not to an attribution.
    new_sentence = inner.rstrip(" ’'\")]")[-1:] == "." and after.lstrip()[:1].isupper()
    # After "!" or "?" a capital may open the credit ('“Get out!” Smith shouted'), but only
    # where the parse makes its speech verb a verb: in '“… avoid it!” Every time you split a
    # process, you introduce … network calls' the rules' "calls" is a noun, a new sentence.
    exclaimed = inner.rstrip(" ’'\")]")[-1:] in ("!", "?") and after.lstrip()[:1].isupper()
    if exclaimed and ctx.parsed is not None and span.closed is not None:
        verbs = attribution.speech_verbs(after, after=True)
        at = ctx.parsed.offset(span.paragraph, span.closed + verbs[0].start()) if verbs else -1
        verb = ctx.parsed.token_at(at) if at >= 0 else None
        new_sentence = verb is not None and verb.pos_ not in ("VERB", "AUX")
    # '(“Slow down!”) Rove kept on … the network was reporting': a quote in brackets takes
    # no speaker from the clause after the closing bracket.
    bracketed = after.lstrip()[:1] == ")"
    if after.strip() and hands_over and not new_sentence and not bracketed:
        by_after = attribution.speaker_after(after)
    else:
        by_after = None
    named_after = by_after and by_after.lower() not in PERSON_PRONOUNS | NOT_SPEAKERS
    if by_before is not None and named_after and ctx.parsed is not None:
        near = ctx.parsed.offset(span.paragraph, span.opened)
        if a_thing_doing(ctx.parsed, by_before, near, attribution.SPEECH_FORMS):
            # 'the bridge continues to “…,” as stated by its chief executive': a thing says
            # nothing; the attribution after the quote names who did
            by_before = None
    if by_after is None and ctx.language == "en" and not bracketed:
        inverted = _inverted_credit(after)
        near = ctx.parsed.offset(span.paragraph, span.opened) if ctx.parsed else 0
        if inverted and not (
            by_before and (ctx.parsed is None or may_be_a_person(ctx.parsed, by_before, near))
        ):
            # '“…” with the biggest brands, said Jan Lund.' after 'The Times reports:': the
            # person the sentence ends on said it; the paper reports them saying it
            return inverted, introduced, True
    colon = ctx.parsed is not None and by_before is not None and _colon_clause(before)
    # An attribution handed over to by the quote ('“…,” she writes') outranks a verb before
    # it that does not lead into it ('When one scholar announced his proof, “…,” she
    # writes'); a name there ('Barber writes') also outranks a clause with no speech verb
    # ending in a colon (a pronoun there is that clause's subject: left to the rules below).
    handed = inner.rstrip(" ’'\")]")[-1:] == "," or after.lstrip()[:1] in ",—–"
    # A lead-in in the paragraph above ('Reporter Lena Ortiz says …:' ¶ '“…,” said Mark
    # Hollis') yields to the attribution the quote's own sentence hands over to.
    above = not ctx.paragraphs[span.paragraph][: span.opened].strip()
    weak = colon or above or not attribution.leads_in(before)
    if by_before and handed and weak and (named_after or (by_after and not colon)):
        return by_after, introduced, True
    if colon and not by_after:
        # 'The following is a general format:' - the subject of a clause with no speech verb
        # before a colon speaks only when the parse makes it a person.
        by_before = _lead_in_subject(ctx, span)
    if by_after and (not before.strip() or not by_before):
        return by_after, introduced, True
    if by_before:
        return by_before, introduced, introduces
    return by_after, introduced, by_after is not None


def _inverted_credit(after: str) -> str | None:
    """The name in an inverted credit that ends the quote's sentence after a few words of
    the writer's ('“…” with the biggest brands, said Jan Lund, a professor.'), or None."""
    verbs = attribution.speech_verbs(after, after=True, pattern=attribution.REPORTING_VERB)
    verb = next((v for v in verbs if after[: v.start()].rstrip().endswith(",")), None)
    if verb is None:
        return None
    lead = after[: verb.start()]
    if len(lead.split()) > SPLIT_ATTRIBUTION_WORDS or QUOTE_CHARS.search(lead):
        return None
    name = attribution.subject_after(after[verb.end() :])
    return name if name and attribution.is_pure_name(name) else None


def _noun_for_a_verb(ctx: Context, span: Span, before: str) -> bool:
    """Whether the speech word that leads into a quote is, by the parse, no verb of its clause
    ('hence the old saying, “…”', 'that May's announced inquiries were “…”'), the verb of
    a condition ('If the prayer says, “…”, then …') or of what someone would have said
    ('Where most people would have said, “…”')."""
    assert ctx.parsed is not None
    verbs = attribution.speech_verbs(before)
    if not verbs:
        return False
    start = len(ctx.paragraphs[span.paragraph][: span.opened]) - len(before)
    if start < 0:  # the lead-in closes the paragraph before
        return False
    verb = attribution.main_verb(before, verbs)
    at = ctx.parsed.offset(span.paragraph, start + verb.start())
    # 'If the principal prayer says, “…”': a condition, not a report that anyone said it
    return (
        not is_verb(ctx.parsed, at) or is_conditional(ctx.parsed, at) or is_imagined(ctx.parsed, at)
    )


def quote_text(paragraphs: tuple[str, ...], span: Span) -> str:
    pieces = (paragraphs[p][s:e].strip() for p, s, e in span.pieces)
    return " ".join(piece for piece in pieces if piece).rstrip(" ,;:")


def _same_sentence(paragraphs: tuple[str, ...], span: Span, floor: int) -> bool:
    """Whether no sentence ends between the quote before (ending at `floor`) and this one."""
    return clause_start(paragraphs[span.paragraph], floor, span.opened) == floor


def _speaker_in(ctx: Context, sentence: str) -> str | None:
    if ctx.language == "en":
        return attribution.speaker_in(sentence)
    return attribution_intl.speaker_before(sentence.rstrip(" .") + ":", ctx.language)


def _earlier_speaker(ctx: Context, span: Span, floor: int, found: list[Found]) -> str | None:
    """Speaker of a stand-alone quote with no attribution of its own, from what precedes it:
    the quote before it in the paragraph, or a sentence like "Mr. Obama said the stakes were
    high." just before it, or the quote or sentence ending the paragraph before."""
    paragraphs = ctx.paragraphs
    para = paragraphs[span.paragraph]
    prev = found[-1] if found else None
    if prev and prev.introduced and prev.span.last_paragraph == span.paragraph:
        return prev.speaker
    earlier = para[floor : clause_start(para, floor, span.opened)]
    if earlier.strip():
        # only the sentence just before: 'Pinchbeck wondered if …. Chen sees it differently.
        # “…”' is not Pinchbeck's
        start = clause_start(earlier, 0, len(earlier) - 1)
        return _said_or_subject(ctx, span, found, earlier[start:], span.paragraph, floor + start)
    if span.opened or not span.paragraph:
        return None
    above = paragraphs[span.paragraph - 1]
    if prev and prev.introduced and prev.span.last_paragraph == span.paragraph - 1:
        rest = above[prev.span.closed or len(above) :]
        if len(rest.split()) <= 15:  # only the attribution follows that quote
            return prev.speaker
    if prev and prev.span.last_paragraph == span.paragraph - 1:
        return None
    start = clause_start(above, 0, len(above))
    return _said_or_subject(ctx, span, found, above[start:], span.paragraph - 1, start)


def _said_or_subject(
    ctx: Context, span: Span, found: list[Found], sentence: str, paragraph: int, at: int
) -> str | None:
    """Who speaks a stand-alone quote after a sentence (starting at offset `at` of paragraph
    `paragraph`): the speaker it reports, else the person it is
    about ('Cruz called them on it:' / 'Valastro praised Christie's leadership.' / 'Chen sees
    it differently.')."""
    said = resolve_speaker(ctx, _speaker_in(ctx, sentence), span, found)
    # 'How did Romney lose a race …?' ¶ '“…,” one of his advisers sighed': whom the writer asks
    # about is not who answers
    if said is None and ctx.parsed is not None and not sentence.rstrip().endswith("?"):
        end = ctx.parsed.offset(paragraph, at + len(sentence.rstrip()) - 1)
        subject = sentence_subject(ctx.parsed, end)
        said = resolve_speaker(ctx, subject, span, found) if subject else None
    return said


def _colon_clause(before: str) -> bool:
    """A lead-in ending in a colon with no speech verb and no name alone ('PENCE:')."""
    label = before.strip()
    return (
        label.endswith(":")
        and not attribution.speech_verbs(label)
        and not attribution.is_pure_name(label[:-1])
    )


def _label_without_verb(ctx: Context, span: Span, before: str) -> bool:
    """'User review:' or 'Reader question:' before a quote: a colon lead-in with no speech verb
    and no name alone ('PENCE:' is a transcript's speaker), in which the parse finds no verb."""
    label = before.strip()
    if ctx.parsed is None or not label.endswith(":") or attribution.speech_verbs(label):
        return False
    if attribution.is_pure_name(label[:-1]):
        return False
    para = ctx.paragraphs[span.paragraph]
    if not para[: span.opened].strip():
        return False
    colon = ctx.parsed.offset(span.paragraph, para.rindex(":", 0, span.opened))
    return not has_verb_before(ctx.parsed, colon, floor=ctx.parsed.offset(span.paragraph, 0))


def _lead_in_subject(ctx: Context, span: Span) -> str | None:
    """The subject of the sentence that leads into a quote with a colon."""
    assert ctx.parsed is not None
    para = ctx.paragraphs[span.paragraph]
    if para[: span.opened].strip():
        colon = ctx.parsed.offset(span.paragraph, para.rindex(":", 0, span.opened))
    else:
        above = ctx.paragraphs[span.paragraph - 1].rstrip()
        colon = ctx.parsed.offset(span.paragraph - 1, len(above) - 1)
    return sentence_subject(ctx.parsed, colon)


def _second_hand(ctx: Context, span: Span, raw: str) -> bool:
    """Whether the speaker phrase is reported by someone else in the same sentence."""
    assert ctx.parsed is not None
    near = ctx.parsed.offset(span.paragraph, span.opened)
    return second_hand(ctx.parsed, raw, near, attribution.REPORTING_FORMS)


def _splits(ctx: Context, span: Span, nxt: Span | None, text: str) -> bool:
    """Whether the next quotation continues this one across its attribution:
    '“A,” Taylor said, “B.”' (the sentence goes on: a comma on each side)."""
    if nxt is None or span.closed is None or nxt.paragraph != span.last_paragraph:
        return False
    para = ctx.paragraphs[nxt.paragraph]
    between = para[span.closed : nxt.opened].strip()
    inner = para[: span.pieces[-1][2]].rstrip()
    words = len(between.split())
    # '“A,” Trump said, adding later, “B.”': a second verb opens a second quote.
    verbs = attribution.speech_verbs(between) if ctx.language == "en" else []
    if len(verbs) > 1:
        return False
    return (
        inner.endswith(",")
        and between.endswith(",")
        and 1 <= words <= SPLIT_ATTRIBUTION_WORDS
        and not QUOTE_CHARS.search(APOSTROPHE.sub("", between))
        and text != ""
    )


def attribute(ctx: Context, spans: list[Span]) -> list[Found]:
    """Speakers for all quotes, from the words around each or, failing them, before it."""
    paragraphs = ctx.paragraphs
    found: list[Found] = []
    skip = False
    for i, span in enumerate(spans):
        if skip:
            skip = False
            continue
        prev = spans[i - 1] if i else None
        floor = (prev.closed or 0) if prev and prev.last_paragraph == span.paragraph else 0
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        last = paragraphs[span.last_paragraph]
        ceiling = nxt.opened if nxt and nxt.paragraph == span.last_paragraph else len(last)
        before = _unmarked(_clause_before(paragraphs, span, floor))
        inner = last[: span.pieces[-1][2]]
        after = _unmarked(_clause_after(last, span, ceiling))
        raw, introduced, attributed = _raw_speaker(ctx, span, inner, before, after)
        if raw is not None and _label_without_verb(ctx, span, before):
            raw, attributed = None, False  # 'User review: “…”': a label names no speaker
        speaker = resolve_speaker(ctx, raw, span, found)
        if speaker is None and before.rstrip().endswith(":") and ctx.parsed is not None:
            lead_in = _lead_in_subject(ctx, span)  # 'Cruz called them on it: “…”'
            if lead_in:
                raw = lead_in
                speaker, introduced, attributed = resolve_speaker(ctx, raw, span, found), True, True
        if raw is None and not before.strip():
            speaker = _earlier_speaker(ctx, span, floor, found)
        elif raw is None and found and floor and _same_sentence(paragraphs, span, floor):
            speaker = found[-1].speaker  # 'called it “reckless” and “a disgrace”'
            attributed = found[-1].attributed
            if ctx.parsed is not None and in_a_condition(
                ctx.parsed, ctx.parsed.offset(span.paragraph, span.opened)
            ):
                speaker = None  # '“…?” If the answer is ‘no’ or ‘not really,’ …': no one's
        if speaker and raw and ctx.parsed is not None and _second_hand(ctx, span, raw):
            speaker = None  # 'The Gazette wrote that Park acknowledged “…”': whose words?
        text = quote_text(paragraphs, span)
        if attributed and speaker and nxt and _splits(ctx, span, nxt, text):
            text = text + JOINER + quote_text(paragraphs, nxt)
            skip = True
        found.append(Found(span, text, speaker, introduced, attributed))
    return found
