"""Who said a quote in German, French, Spanish and Italian copy: reporting verbs and rules.

No small parser of spaCy's current release is published for all four, so these follow the
attributions news copy uses in each language: the inverted one after the quote („…“, sagte
Merkel / « … », a déclaré le ministre / «…», dijo Sánchez / «…», ha detto Conte), the one
that leads in with a colon (Merkel sagte: „…“), and "according to" (laut, selon, según,
secondo).
"""

from __future__ import annotations

import re

VERBS = {
    "de": """sagte sagt sagten sagen erklärte erklärt erklärten betonte betont meinte meint
        warnte warnt kritisierte kritisiert forderte fordert schrieb schreibt fragte fragt
        antwortete antwortet ergänzte ergänzt bekräftigte bekräftigt versprach verspricht
        räumte~ein teilte~mit fügte~hinzu sprach spricht widersprach widerspricht
        entgegnete entgegnet so""",
    "fr": """déclare dit affirme explique ajoute estime souligne assure indique précise lance
        confie répond avertit annonce poursuit insiste raconte martèle reconnaît résume""",
    "es": """dijo dice afirmó afirma declaró declara explicó explica aseguró asegura añadió
        añade señaló señala indicó indica subrayó subraya advirtió advierte agregó agrega
        sostuvo sostiene comentó comenta respondió responde insistió insiste""",
    "it": """detto dice disse dichiarato dichiara spiegato spiega aggiunto aggiunge affermato
        afferma sottolineato sottolinea commentato commenta assicurato assicura ribadito
        ribadisce osservato osserva risposto risponde avvertito avverte""",
}
# French past tenses: "a déclaré", "a-t-il déclaré", "a-t-elle ajouté".
FRENCH_PARTICIPLES = """déclaré dit affirmé expliqué ajouté estimé souligné assuré indiqué précisé
    lancé confié répondu averti annoncé poursuivi insisté raconté martelé reconnu résumé"""
ACCORDING_TO = {"de": "laut", "fr": "selon", "es": "según", "it": "secondo"}
PRONOUNS = {
    "de": "er sie",
    "fr": "il elle t-il t-elle -t-il -t-elle",
    "es": "él ella",
    "it": "lui lei",
}
DETERMINERS = frozenset(
    """der die das dem den des ein eine einer eines einem le la les l un une des du el los las
    lo il gli i uno una un' l' sa son ses leur leurs sein seine ihr ihre su sus suo sua suoi
    loro""".split()
)
# Words that end a speaker phrase: prepositions, conjunctions, time words.
BOUNDARY = {
    "de": "am im in auf bei vor nach gegenüber während und dass, als wie mit",
    "fr": "à au aux lors dans devant en et que qui sur pendant avec",
    "es": "a al en ante durante y que quien con tras desde",
    "it": "a al alla in durante davanti e che con dopo nel nella",
}


def _forms(language: str) -> list[str]:
    words = [w.replace("~", " ") for w in VERBS[language].split()]
    if language == "fr":
        for p in FRENCH_PARTICIPLES.split():
            words += [f"a {p}", f"a-t-il {p}", f"a-t-elle {p}", f"ont {p}", f"avait {p}"]
        words += [f"{v}-t-il" for v in VERBS["fr"].split()] + [
            f"{v}-t-elle" for v in VERBS["fr"].split()
        ]
    if language == "it":
        words += [f"ha {w}" for w in VERBS["it"].split()]
    if language == "es":
        words += [f"ha {p}" for p in "dicho afirmado declarado explicado asegurado".split()]
    return sorted(words, key=len, reverse=True)


VERB_PATTERNS = {
    lang: re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _forms(lang))) + r")(?![\w-])")
    for lang in VERBS
}
NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’\-]*$")


def _tokens(text: str, language: str) -> list[str]:
    """Words of a speaker phrase, cut at the first punctuation or boundary word."""
    stop = set(BOUNDARY[language].split())
    words: list[str] = []
    for token in text.replace("\u00a0", " ").replace("\u202f", " ").split():
        bare = token.strip('.,;:!?()»«„“”"')
        if not bare or bare.lower() in stop:
            break
        words.append(bare)
        if token != token.rstrip(".,;:!?)"):
            break
    return words[:8]


def _phrase(words: list[str], language: str) -> str | None:
    """A name when the phrase ends in one ('der Bürgermeister Hans Müller' -> 'Hans Müller'),
    else the described speaker as written ('un porte-parole du ministère')."""
    if not words:
        return None
    pronouns = set(PRONOUNS[language].split())
    if len(words) == 1 and words[0].lower().lstrip("-") in pronouns:
        return words[0].lower().lstrip("-")
    run = 0
    while run < len(words) and NAME_WORD.match(words[-1 - run]):
        run += 1
    first = words[0].lower()
    if run >= 2:
        # German capitalises every noun: of "Bundeskanzler Olaf Scholz" the name is the end.
        return " ".join(words[-2:] if language == "de" and run >= 3 else words[-run:])
    if run == 1 and len(words) == 1:
        return words[0]
    if first in DETERMINERS or first.endswith(("'", "’")):
        return " ".join(words)
    return None  # a fragment, not a speaker


def _name_run(segment: str) -> str | None:
    """A segment that is nothing but a name ('Claire Dubois')."""
    words = segment.strip(" ,;:.").split()
    if 1 < len(words) <= 4 and all(NAME_WORD.match(w) for w in words):
        return " ".join(words)
    return None


def _with_apposition(text: str, language: str) -> str | None:
    """'la maire, Claire Dubois, devant…' -> 'Claire Dubois'; else the phrase that starts."""
    head = _phrase(_tokens(text, language), language)
    segments = text.split(",")
    if len(segments) > 1 and (head is None or head[:1].islower()):
        name = _name_run(segments[1])
        if name:
            return name
    return head


def _subject_before(lead: str, language: str) -> str | None:
    """The subject that ends the words before a verb, an apposition's name first:
    'Marc Petit, parent d'élève,' -> 'Marc Petit'; 'La portavoz…, Lucía Romero,' -> that."""
    segments = [s for s in re.split(r"[;.!?]\s", lead)[-1].split(",")]
    if lead.rstrip().endswith(",") and len(segments) > 2:
        for segment in reversed(segments[:-1]):
            name = _name_run(segment)
            if name:
                return name
    words = [w.strip(".,;:!?()") for w in segments[-1].split()]
    stop = set(BOUNDARY[language].split())
    cut = max((i + 1 for i, w in enumerate(words) if w.lower() in stop), default=0)
    return _phrase([w for w in words[cut:] if w], language)


def speaker_after(after: str, language: str) -> str | None:
    """'…“, sagte Merkel' / '», a déclaré le ministre' / '», dijo ella'."""
    text = after.lstrip(" ,—–-\u00a0\u202f")
    verb = VERB_PATTERNS[language].match(text)
    if verb is None:
        match = re.match(rf"{ACCORDING_TO[language]}\s+", text, re.IGNORECASE)
        return _phrase(_tokens(text[match.end() :], language), language) if match else None
    found = _with_apposition(text[verb.end() :], language)
    if found is None and "-t-" in verb.group():  # "a-t-il déclaré": the pronoun is in the verb
        return verb.group().split("-t-")[1].split()[0]
    if found is None:
        return ""  # a verb without a subject (Spanish/Italian drop it): the current speaker
    return found


def speaker_before(before: str, language: str) -> str | None:
    """'Merkel sagte: „' / 'Am Montag sagte Merkel: „' / 'Le ministre a déclaré : «'."""
    text = before.rstrip(" :,\u00a0\u202f")
    if not before.rstrip(" \u00a0\u202f").endswith((":", ",")):
        return None
    verbs = list(VERB_PATTERNS[language].finditer(text))
    if not verbs:
        according = re.search(rf"\b{ACCORDING_TO[language]}\s+", text, re.IGNORECASE)
        return _phrase(_tokens(text[according.end() :], language), language) if according else None
    verb = verbs[-1]
    behind = text[verb.end() :].strip()
    if behind:  # "sagte Merkel:" - the subject after the verb
        return _with_apposition(behind, language)
    return _subject_before(text[: verb.start()], language)


def is_pronoun(phrase: str, language: str) -> bool:
    return phrase.lower() in set(PRONOUNS[language].split())
