"""Which pronoun an article uses for each person: 'Ana Ruiz said she …' makes Ruiz "she"."""

from __future__ import annotations

from collections import Counter

from bot.names import strip_titles

# The pronouns of a person, and the honorifics that tell one ('Mr. Reed', 'Ms. Ruiz').
PRONOUNS = {
    **dict.fromkeys("he him his himself".split(), "he"),
    **dict.fromkeys("she her hers herself".split(), "she"),
}
HONORIFICS = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}
HONORIFIC_VOTES = 3  # an honorific counts as this many sentences' pronouns
MARGIN = 2  # one pronoun is the person's when used more than this many times as the other
# and at least this often: one 'Trump mocked the front-runner, saying she …' misleads
MIN_VOTES = 2


class Pronouns:
    """Tallies the pronouns used for each person, by full name and by surname."""

    def __init__(self) -> None:
        self.votes: dict[str, Counter[str]] = {}
        self.full_names: dict[str, set[str]] = {}  # surname -> the full names that end in it

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
