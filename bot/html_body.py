"""The article body of an HTML page: trafilatura's passes, the one with the evidence chosen.

trafilatura's precision mode drops teasers and captions, which helps on modern pages, but on
older ones (tables, <br>-separated text, broken markup) it can lose much of the article while
its recall mode (which also runs trafilatura's readability and jusText fallbacks) finds it.
So the recall pass is the body when:
- the precise pass finds too little to be an article;
- trafilatura's default pass holds clearly less than the recall pass (it lost part of it);
- the precise pass holds much less than the recall pass (its cuts are the article, not just
  teasers and captions).
Otherwise the precise pass is. The default pass itself is no candidate: picking it over the
precise pass raised WCXB word F1 by 0.003 but put furniture ("Reprints: this copy is for your
personal use") into 11 more Dragnet summaries on the held-out half.

The last share was chosen on Zyte, Dragnet and WCXB samples, leaving each set out in turn; the
other two rules on the even-numbered pages of WCXB-dev and Dragnet, checked on the odd ones
(word F1 after the body filter, odd pages: WCXB 0.9471 -> 0.9477, Dragnet 0.8382 -> 0.8415).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.article import count_words

# A precise pass shorter than this found no article (extract.MIN_WORDS): the recall pass is read.
PRECISE_MIN_WORDS = 80
# The default pass lost part of the article when it holds less than this share of the recall
# pass's words.
DEFAULT_SHARE = 0.8
# The precise pass is kept when it holds at least this share of the recall pass's words (its
# cuts are then teasers and captions, not the article).
PRECISE_SHARE = 0.7
# When the passes leave too few words (extract.MIN_WORDS) and not one paragraph this long,
# trafilatura's baseline (JSON-LD articleBody, <article>, every <p>) is the last resort, kept
# only when it holds such a paragraph, not just a list of teasers.
FALLBACK_PARAGRAPH_WORDS = 30


@dataclass(frozen=True)
class Pass:
    """One trafilatura pass over a page: its name and the text it found."""

    name: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def run_pass(html: str, url: str | None, name: str) -> Pass:
    """One trafilatura extraction: "precise", "default" or "recall"."""
    import trafilatura  # heavy import: only when a page needs it

    text = trafilatura.extract(
        html,
        url=url or None,
        include_comments=False,
        include_images=False,
        favor_precision=name == "precise",
        favor_recall=name == "recall",
    )
    return Pass(name, text or "")


def best_pass(html: str, url: str | None) -> Pass:
    """The precise, default or recall pass, whichever the evidence favours (see `choose`)."""
    passes = (run_pass(html, url, name) for name in ("precise", "default", "recall"))
    return choose(*passes)


def baseline_pass(html: str) -> Pass:
    """trafilatura's baseline, if one of its paragraphs is a real paragraph; else empty."""
    from trafilatura import baseline

    _, text, _ = baseline(html)
    paragraphs = [line for line in text.split("\n") if line.strip()]
    if not any(count_words(line) >= FALLBACK_PARAGRAPH_WORDS for line in paragraphs):
        return Pass("baseline", "")
    return Pass("baseline", "\n".join(paragraphs))


def choose(precise: Pass, default: Pass, recall: Pass) -> Pass:
    """Recall when the precise pass found no article or the default pass lost part of it; else
    the precise pass unless it holds less than `PRECISE_SHARE` of the recall pass's words."""
    if precise.words < PRECISE_MIN_WORDS:
        return max(recall, precise, key=lambda p: p.words)
    if default.words < DEFAULT_SHARE * recall.words:
        return recall
    return precise if precise.words >= PRECISE_SHARE * recall.words else recall
