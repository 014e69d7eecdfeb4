"""Mixed quotes (reported speech with some of the speaker's words quoted), on invented text."""

from __future__ import annotations

import pytest

from bot.article import Article
from bot.quotes import Quote, find_quotes, is_verbatim


def _mixed(paragraphs: list[str]) -> list[Quote]:
    return [
        q for q in find_quotes(Article.from_paragraphs(paragraphs), limit=20) if q.kind == "mixed"
    ]


@pytest.mark.parametrize(
    ("paragraph", "text", "speaker"),
    [
        (  # a clause after "said": the whole clause, its inner marks kept
            "Mayor Lina Park said the bypass plan was “a costly mistake for the valley” and "
            "would be dropped.",
            "the bypass plan was “a costly mistake for the valley” and would be dropped",
            "Lina Park",
        ),
        (  # who was told is not what was said
            "Senator Ruth Cole told reporters the new dam was “a disgrace to the valley” and "
            "would be stopped.",
            "the new dam was “a disgrace to the valley” and would be stopped",
            "Ruth Cole",
        ),
        (  # an infinitive after a promise
            "Governor Tom Reyes vowed on Monday to publish the flood report “as soon as possible.”",
            "to publish the flood report “as soon as possible.”",
            "Tom Reyes",
        ),
        (  # what the writer adds after a comma is not the speaker's
            "Councillor Ada Moss said the old depot on Mill Lane would “never reopen,” which "
            "angered the town's bus drivers.",
            "the old depot on Mill Lane would “never reopen,”",
            "Ada Moss",
        ),
        (  # a clause before its attribution ('…, she said')
            "The new flood barrier on the river was “a waste of money” from the very start, "
            "Maria Lopez said.",
            "The new flood barrier on the river was “a waste of money” from the very start",
            "Maria Lopez",
        ),
        (  # a naming verb in someone's mouth: the words are hers
            "Mayor Lina Park called the bypass plan “a costly mistake for the whole valley” on "
            "Monday.",
            "the bypass plan “a costly mistake for the whole valley”",
            "Lina Park",
        ),
        (  # a short label too, when a person uses it ('the council' calling a plan
            # “ambitious” is a label: tests/test_quotes.py)
            "Mayor Lina Park called the bypass plan “a disgrace” on Monday.",
            "the bypass plan “a disgrace”",
            "Lina Park",
        ),
        (  # an organisation's words, when more than a label
            "The council called the new parking rules “a tax on shoppers by another name”.",
            "the new parking rules “a tax on shoppers by another name”",
            "The council",
        ),
        (  # the parse takes a noun before the name for the subject: the name in apposition
            "With ten days until the vote, Ada Moss, a councillor for the east ward, called the "
            "depot plan “a betrayal of every bus driver” in a letter.",
            "the depot plan “a betrayal of every bus driver”",
            "Ada Moss",
        ),
        (  # nor after a dash
            "Councillor Ada Moss said the old depot on Mill Lane would “never reopen” — a blow "
            "to the town's bus drivers.",
            "the old depot on Mill Lane would “never reopen”",
            "Ada Moss",
        ),
    ],
)
def test_a_mixed_quote_is_the_reporting_verbs_clause_verbatim(
    paragraph: str, text: str, speaker: str
):
    article = Article.from_paragraphs([paragraph])
    quotes = [q for q in find_quotes(article, limit=20) if q.kind == "mixed"]
    assert [(q.text, q.speaker) for q in quotes] == [(text, speaker)]
    assert is_verbatim(quotes[0].text, article)


def test_a_pronoun_speaker_of_a_mixed_quote_is_resolved():
    quotes = _mixed(
        [
            "Dr. Helen Marsh runs the clinic on Bridge Street.",
            "She said the waiting list had grown “beyond all reason” over the winter months.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Helen Marsh"]


@pytest.mark.parametrize(
    "paragraph",
    [
        # a label or a title inside a reported clause
        "The agency said the “Clean Harbour Initiative” would start in May.",
        # nothing was said: a verb denied or wished
        "Some landlords will refuse to say the flat is “fit to rent” until the damp is gone.",
        "Mayor Lina Park did not say the bypass was “a costly mistake for the valley” at all.",
        # the writer's own words with a term quoted
        "In an earlier post, I described the “human capital” approach the firm took to hiring.",
        "The boiler failed in January, and let’s just say, I’m now an expert in “cold showers.”",
        "Let me say that the new timetable is “a small miracle” for commuters.",
        # naming, not saying: a thing named, by no one or in the passive
        "The river bridge, called “the Iron Lady of the valley” since 1890, is closing.",
        "The bypass plan was called “a costly mistake for the valley” by its critics.",
        # 'call on' asks someone to do something
        "Mayor Lina Park called on the council to keep the depot “open for good and for all.”",
        # a command, or words the reader is told to say
        "Then, tell the second router that it should work in “bridge mode,” not as a server.",
        "Note that the council is not alone in taking a “wait and see” line on the bypass.",
        "When you call, you should say the bypass is “a costly mistake for the valley.”",
        # an instruction to the subject, or words of someone unnamed
        "In the trial, I was asked to “catch” falling droplets of water as I lifted the bar.",
        "The new harbour master is said to be “furious about the delays” at the dock.",
        # a term inside the writer's own phrase, before a verb of telling and its subject
        "And in other “small towns can do big things” news, Lina Park tells how the valley"
        " rebuilt its bridge.",
    ],
)
def test_no_mixed_quote_with_a_title_or_of_words_not_said(paragraph: str):
    assert _mixed([paragraph]) == []


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        (  # 'he' with no one before it to stand for
            "He said the talks were “going nowhere fast” and left the room.",
            "the talks were “going nowhere fast” and left the room",
        ),
        (  # at second hand: whose words they are is not certain
            "Ana Ruiz warned that rents would “keep climbing for years,” the local paper reported.",
            "that rents would “keep climbing for years,”",
        ),
        (  # a label others inside the clause put on her: theirs, or hers?
            "Nurse Lena Ortiz explains that people write her off as “crazy and far too loud” "
            "when she argues for more staff.",
            "that people write her off as “crazy and far too loud” when she argues for more staff",
        ),
        (
            "Mayor Tom Hale said the farmers describe the bypass plan as “a road to nowhere at "
            "all” in their letters.",
            "the farmers describe the bypass plan as “a road to nowhere at all” in their letters",
        ),
    ],
)
def test_a_mixed_quote_without_a_certain_speaker_is_posted_unattributed(paragraph: str, text: str):
    assert [(q.text, q.speaker) for q in _mixed([paragraph])] == [(text, None)]


def test_a_label_the_speaker_puts_on_something_inside_the_clause_stays_theirs():
    paragraph = (
        "Mayor Tom Hale said he sees the bypass plan as “a road to nowhere at all” and will "
        "vote against it."
    )
    assert [q.speaker for q in _mixed([paragraph])] == ["Tom Hale"]


def test_a_direct_quote_after_said_stays_a_direct_quote():
    quotes = find_quotes(
        Article.from_paragraphs(["Ana Ruiz said: “We will keep the library open all summer.”"])
    )
    assert [(q.text, q.kind) for q in quotes] == [
        ("We will keep the library open all summer.", "direct")
    ]


@pytest.mark.parametrize("rich", [True, False])
def test_slack_shows_a_mixed_quote_as_written_and_marked_as_reported_speech(rich: bool):
    from bot.render.slack import digest_message
    from tests.slack.test_render import make_digest

    mixed = Quote("the plan was “a costly mistake” and would fail", "Lina Park", "s", "mixed")
    _, blocks = digest_message(make_digest(quotes=(mixed,)), rich=rich)
    shown = str(blocks)
    assert "the plan was “a costly mistake” and would fail" in shown
    assert "“the plan" not in shown  # no outer marks: not all of it is her words
    assert "(reported speech)" in shown and "Lina Park" in shown


def test_the_terminal_shows_a_mixed_quote_as_written_and_marked_as_reported_speech():
    from rich.console import Console

    from bot.render.terminal import digest_view
    from tests.slack.test_render import make_digest

    mixed = Quote("the plan was “a costly mistake” and would fail", "Lina Park", "s", "mixed")
    console = Console(width=200, record=True)
    console.print(digest_view(make_digest(quotes=(mixed,))))
    shown = console.export_text()
    assert "the plan was “a costly mistake” and would fail — Lina Park (reported speech)" in shown


def test_a_clause_before_its_attribution_starts_after_a_semicolon():
    quotes = _mixed(
        [
            "Ana Ruiz says the budget is tight; the new parking rules on the high street make "
            "this “a much harder year,” she said."
        ]
    )
    assert not any("says" in q.text for q in quotes)


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        (  # half the clause quoted: too short to stand alone as a direct quote
            "Councillor Ana Ruiz said the depot “will close in May.”",
            "the depot “will close in May.”",
        ),
        (  # two quoted pieces of one clause: one mixed quote, not its start as well
            "Councillor Ana Ruiz said the council was “acting in bad faith” and “hiding the "
            "costs.”",
            "the council was “acting in bad faith” and “hiding the costs.”",
        ),
    ],
)
def test_a_clause_mostly_quoted_in_short_pieces_is_one_mixed_quote(paragraph: str, text: str):
    assert [(q.text, q.speaker) for q in _mixed([paragraph])] == [(text, "Ana Ruiz")]


def test_a_thing_that_adds_or_maintains_says_nothing():
    # 'add' and 'maintain' report speech only when someone does them: a thing as the subject
    # leaves the quote unattributed, and a thing's label quoted whole is no quote at all.
    assert (
        _mixed(
            [
                "Most teams rewrite their billing code every few years.",
                "These kinds of upgrades add “long-term value.”",
            ]
        )
        == []
    )
    [quote] = _mixed(
        [
            "The alternative to such tools is setting up and maintaining a full data pipeline "
            "for rare, analytical “heavy hitter” queries, such as monthly sales totals.",
        ]
    )
    assert quote.speaker is None


def test_a_noun_that_names_a_source_still_speaks():
    [quote] = _mixed(["The spokesman said the plan was “a disgrace to the town” and would fail."])
    assert quote.speaker == "The spokesman"


def test_source_nouns_are_the_common_nouns_heading_gold_sources():
    from bot.eval.quotes import Doc, Gold
    from bot.eval.train_sources import source_nouns

    gold = tuple(
        Gold(frozenset({i}), (source,), True)
        for i, source in enumerate(["the spokesman", "Aides to the mayor", "Lina Park", "he"])
    )
    assert source_nouns([Doc("invented", "", (), gold)]) == {"spokesman", "aides"}


def test_words_quoted_inside_a_clause_that_is_a_subject_are_a_term_not_a_claim():
    quotes = find_quotes(
        Article.from_paragraphs(
            [
                "The screenshots keep coming.",
                "Someone typed a question about the old captain, and the Search Helper responds "
                "that no, he is not, because the captain was a famous sailor, and being “in "
                "heat” refers to the breeding cycle of animals, and so does not apply to people.",
            ]
        ),
        limit=20,
    )
    assert quotes == []


def test_a_mixed_quote_that_ends_its_sentence_and_paragraph():
    # '… a “…trash.”' closing the paragraph: the closing mark hangs on the main verb in the
    # parse, and the quote's words still lead up to the reporting verb
    assert [
        (q.text, q.speaker)
        for q in _mixed(
            [
                "The council met on Monday night to vote on the new budget.",
                "Council member Rosa Diaz said the valley has become a “dumping ground for "
                "everybody else’s trash.”",
                "The vote was delayed until March.",
            ]
        )
    ] == [("the valley has become a “dumping ground for everybody else’s trash.”", "Rosa Diaz")]
