"""A figure's phrase from the shared parse: the number's head noun and the words that carry its
meaning (negation, "one in", "up to", "at least", "only", comparisons, the verb and a short
subject or claim source), as one verbatim span of at most MAX_WORDS words.

Only English has a dependency parse (bot/parse.py); other languages keep the phrase the rules
found. The rule phrase is always the starting point, so the parse can only widen it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.article import Article
from bot.attribution import verb_forms
from bot.parse import article_language

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from bot.figures import Candidate, Figure

MAX_WORDS = 12
# Words that change what a number means; they join the phrase wherever they hang.
_MEANING_DEPS = {
    "neg",
    "advmod",
    "quantmod",
    "nummod",
    "amod",
    "compound",
    "det",
    "poss",
    "npadvmod",
}
_MEANING_WORDS = {
    "not", "no", "never", "only", "just", "nearly", "almost", "about", "around", "over", "under",
    "up", "to", "at", "least", "most", "more", "less", "fewer", "than", "some", "double",
    "twice", "half", "from", "down", "record", "another", "all",
}  # fmt: skip
# Verbs that make a number someone's claim rather than a fact the article states.
# Every form of the verbs (the parse keeps no lemmas: bot/parse.py leaves the lemmatizer out).
_CLAIMS = frozenset(
    form
    for verb in ("claim", "allege", "insist", "boast", "contend")
    for form in {verb, *verb_forms(verb)}
)
_VERB_TURNS = {"only", "just", "never", "barely", "hardly", "nearly", "almost"}


def rephrase(article: Article, chosen: Sequence[Candidate]) -> list[Figure]:
    """The chosen figures with phrases widened by the parse (English only)."""
    if article_language(article) != "en":
        return [c.figure for c in chosen]
    doc = article.doc
    text = article.text
    out = []
    for cand in chosen:
        offset = text.find(cand.figure.sentence)
        phrase = _from_parse(doc, text, cand, offset) if offset >= 0 else None
        out.append(replace(cand.figure, text=phrase) if phrase else cand.figure)
    return out


def _from_parse(doc: Doc, text: str, cand: Candidate, offset: int) -> str | None:
    """`text` is `doc.text`, which spaCy would join anew on every read."""
    sentence = cand.figure.sentence
    start, end = offset + cand.span[0], offset + cand.span[1]
    number = doc.char_span(
        offset + cand.number_span[0], offset + cand.number_span[1], alignment_mode="expand"
    )
    if number is None or not len(number):
        return None
    lo, hi = start, end
    for extra in filter(None, _layers(number.root)):  # a layer that would not fit is left out
        wider = min(lo, *(t.idx for t in extra)), max(hi, *(t.idx + len(t) for t in extra))
        inside = offset <= wider[0] and wider[1] <= offset + len(sentence)
        if inside and len(text[wider[0] : wider[1]].split()) <= MAX_WORDS:
            lo, hi = wider
    phrase = text[lo:hi].strip(" ,;:")
    return phrase if phrase and phrase in sentence else None


def _layers(num: Token) -> list[list[Token]]:
    """Rings of tokens to add, most needed first: words on the number itself ("up to", "at
    least", "one in"), its head noun with its modifiers, the verb with negation and "only",
    a short subject, and the source of a claim."""
    layers: list[list[Token]] = []
    own = [
        t
        for t in num.subtree
        if t.i <= num.i and (t.dep_ in _MEANING_DEPS or t.lower_ in _MEANING_WORDS)
    ]
    head = num
    for anc in list(num.ancestors)[:3]:  # "one in four Britons": the phrase starts at "one"
        if anc.lower_ in ("in", "of", "out") and anc.head.like_num and anc.head.i < num.i:
            own += [anc.head, anc]
            break
    if own:
        layers.append(own)
    noun = head.head if head.dep_ in ("nummod", "quantmod", "compound", "amod") else head
    if noun is not head:
        layers.append([noun, *(t for t in noun.lefts if t.dep_ in _MEANING_DEPS)])
    linked = ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "npadvmod")
    verb = noun.head if noun.dep_ in linked else None
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return layers
    # The verb joins only when it changes the number's meaning: "do not need", "only scored";
    # then a short subject says who ("Minnesota only scored 44 points").
    turns = [t for t in verb.children if t.dep_ == "neg" or t.lower_ in _VERB_TURNS]
    if turns:
        aux = [t for t in verb.children if t.dep_ in ("aux", "auxpass") and t.i < verb.i]
        layers.append([verb, *turns, *aux])
        for subject in (t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")):
            tokens = list(subject.subtree)
            if subject is not noun and len(tokens) <= 4:
                layers.append(tokens)
    # A claim's source: "Iranian state TV claimed that at least 80 ... had been killed"
    if verb.dep_ == "ccomp" and verb.head.lower_ in _CLAIMS:
        source = verb.head
        who = [t for w in source.children if w.dep_ == "nsubj" for t in w.subtree]
        aux = [t for t in verb.children if t.dep_ in ("aux", "auxpass")]
        layers.append([verb, *aux, source, *who])
    return layers
