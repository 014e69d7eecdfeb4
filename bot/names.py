"""Names in running text without a tagger: capitalised chunks, titles, surname resolution."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# A capitalised word ("Raab", "Holtz-Eakin", "O’Neill", "IRGC"), an initial ("E.", "J.") or a
# lower-case particle inside a name ("bin", "de", "al-"). A hyphen joins a name's parts only
# without spaces ("Holtz-Eakin"): "CLEVELAND - Donald Trump" is a dateline and a name.
_UPPER = "A-ZÀ-ÖØ-Þ"  # "Özcan", "Émile", "Ñúñez": Latin-1's capitals too
_CAP = rf"(?:(?:[{_UPPER}]\.){{2,3}}|[{_UPPER}][\w’'\-]*\w|[{_UPPER}]\.|[{_UPPER}])"
_PARTICLE = r"(?:de|da|del|der|di|du|van|von|bin|ibn|al|el|la|le)"
NAME_CHUNK = re.compile(
    rf"(?:(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Rev|Gen|Lt|Col|Sgt|Capt|Prof|Adm|St)\.\s)?"
    rf"{_CAP}(?:(?: +|-)(?:{_PARTICLE}[ \-])?{_CAP}|\s(?:Jr|Sr)\.)*"
)
POSSESSIVE = re.compile(r"[’']s?$")

# Capitalised only because they start a sentence or are pronouns/connectives.
FUNCTION_WORDS = frozenset(
    """the a an and but or nor so yet for in on at by to of from with as it its this that these
    those there here he she they we i you his her their our my your him them when while after
    before if then still however meanwhile earlier later also asked responding according what
    who why how where which one some many most all both each every no not said says told
    monday tuesday wednesday thursday friday saturday sunday today yesterday""".split()
)
# Words before a name that say what the person is, not who (kept only when nothing else is).
TITLES = frozenset(
    """mr mrs ms miss dr gov sen rep rev gen lt col sgt capt prof adm st president vice speaker
    house senate senator representative governor secretary minister prime chancellor judge
    justice mayor general admiral chairman chairwoman chief leader ambassador attorney former
    presidential candidate nominee democratic republican gop u.s us state defence defense
    foreign supreme majority minority commander sheriff officer councillor councilor
    councilman councilwoman coach whip congressman congresswoman assemblyman assemblywoman
    commissioner superintendent detective sergeant lieutenant captain colonel administrator
    director spokesman spokeswoman spokesperson editor executive ceo counsel lawyer professor
    economist analyst historian columnist correspondent reporter deputy assistant founder
    cofounder owner chef manager treasurer comptroller""".split()
)
# Words that make a capitalised chunk an organisation or a place rather than a person.
NOT_PERSON = frozenset(
    """house party committee council corps department ministry office agency center centre
    university college school institute foundation association union news times post journal
    street avenue road city county states republic kingdom court congress senate army navy
    force forces guard bank fund group inc corp company network zone base airbase province
    airport hospital church museum project campaign administration club league organization
    organisation commission bureau service police east west north south middle national
    international federal american americans democrats republicans press media tv radio twitter
    facebook reuters ap afp""".split()
)
# Pronouns that stand for a person ('he said', 'told her'), and those that may say something.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
SPEAKING_PRONOUNS = frozenset("i we you he she they".split())
WRITER = frozenset({"i", "we"})  # outside quotation marks, the writer


@dataclass(frozen=True)
class Mention:
    """A capitalised name as written, where it starts in its paragraph, and its paragraph."""

    text: str
    paragraph: int
    start: int


def _words(chunk: str) -> list[str]:
    return [w.strip(".").lower() for w in re.split(r"[ \-]+", chunk) if w]


def clean_chunk(chunk: str) -> str:
    """A name chunk without leading sentence words and a trailing possessive."""
    parts = chunk.split(" ")
    if len(parts) > 2 and chunk.isupper():  # a heading in capitals, not a name
        return ""
    while parts and parts[0].lower() in FUNCTION_WORDS:
        parts.pop(0)
    return POSSESSIVE.sub("", " ".join(parts)).strip()


# The last word of an owner's name: "Pew's", "the agency’s", "Reuters'".
_OWNER_END = re.compile(r"\w[’']s$|s[’']$")


def strip_titles(name: str) -> str:
    """'House Speaker Paul Ryan' -> 'Paul Ryan', 'Mr. Burman' -> 'Burman'. An owner before a
    name of two capitalised words goes too: "Pew's Kim Parker" -> 'Kim Parker', "The Crown
    Prosecution Service's Alison Levitt" -> 'Alison Levitt', and so does what an
    organisation calls its title: 'NASA Administrator Charles Bolden' -> 'Charles Bolden' (a
    name of two words or more after it)."""
    parts = name.split(" ")
    i = 0
    owners = [j for j, word in enumerate(parts[:-2]) if _OWNER_END.search(word)]
    if owners and _capitalised(parts[owners[-1] + 1 :]):
        i = owners[-1] + 1
    while i < len(parts) - 1 and _a_title(parts[i]):
        i += 1
    if _capitalised(parts[i:]):
        titled = [j for j in range(i, len(parts) - 2) if _a_title(parts[j])]
        rest = parts[titled[-1] + 1 :] if titled else []
        if rest and all(
            w[:1].isupper() and not _a_title(w) and not POSSESSIVE.search(w) for w in rest
        ):
            i = titled[-1] + 1
    return " ".join(parts[i:])


def _a_title(word: str) -> bool:
    return word.strip(".").lower().removeprefix("co-") in TITLES  # "Co-Founder" too


def only_titles(phrase: str) -> bool:
    """Whether a phrase is a title with no name ('Co-Founder', 'Executive Director')."""
    words = phrase.split()
    return bool(words) and all(_a_title(w) for w in words)


def _capitalised(words: list[str]) -> bool:
    return all(w[:1].isupper() or _a_title(w) for w in words)


def looks_like_person(name: str) -> bool:
    """Two or more capitalised words, none of them an organisation or place word."""
    words = _words(strip_titles(name))
    return len(words) >= 2 and not any(w in NOT_PERSON for w in words)


def name_mentions(paragraphs: tuple[str, ...], skip: list[list[tuple[int, int]]]) -> list[Mention]:
    """Every name chunk outside the given (quoted) spans, in reading order."""
    found = []
    for p, para in enumerate(paragraphs):
        for m in NAME_CHUNK.finditer(para):
            if any(s <= m.start() < e for s, e in skip[p]):
                continue
            name = clean_chunk(m.group())
            if name and name[0].isupper():
                found.append(Mention(name, p, m.start() + m.group().find(name)))
    return found


class NameIndex:
    """Resolves surnames and pronouns to full names mentioned earlier in the article."""

    def __init__(
        self, mentions: list[Mention], vet: Callable[[Mention, str], str] | None = None
    ) -> None:
        """`vet(mention, name)`, when given, trims a full name to the words the parse takes for
        a name before surnames resolve to it ('Actor Fred Willard' -> 'Fred Willard'; the
        heading 'Unleashing Claude' -> 'Claude', no full name)."""
        self.mentions = mentions
        self.full: dict[str, str] = {}  # surname -> first full name seen
        # Surnames of two people ('Alex Teves', 'Tom Teves'): full names among the chunks that
        # differ in their first word. bot.pronouns keeps its own, from the parse's PERSON names.
        self.shared: set[str] = set()
        for m in mentions:
            name = strip_titles(m.text)
            if looks_like_person(name) and vet is not None:
                name = vet(m, name)
            if looks_like_person(name):
                surname = _words(name)[-1]
                first = self.full.setdefault(surname, name)
                if _words(first)[0] != _words(name)[0]:
                    self.shared.add(surname)

    def resolve(self, name: str) -> str:
        """The full name for a surname (or 'Mr. Surname'), else the name as written; a surname
        two people in the article share stays as written ('Teves told ABC News', after both
        Alex Teves and his father Tom Teves)."""
        bare = strip_titles(name)
        if len(bare.split(" ")) == 1 and bare == name.split(" ")[-1]:
            surname = bare.strip(".").lower()
            return name if surname in self.shared else self.full.get(surname, name)
        return bare

    def is_person(self, name: str) -> bool:
        """A full person-like name, or a surname of one, or a name with an honorific."""
        bare = strip_titles(name)
        return (
            looks_like_person(bare)
            or bare.strip(".").lower() in self.full
            or (bare != name and name.split(" ")[0].strip(".").lower() in TITLES)
        )

    def last_person_before(self, paragraph: int, offset: int) -> str | None:
        """The most recent person-like name before a position ('he' -> that person)."""
        for m in reversed(self.mentions):
            if (m.paragraph, m.start) < (paragraph, offset) and self.is_person(m.text):
                return self.resolve(m.text)
        return None
