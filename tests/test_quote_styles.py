"""English quote styles and speakers the parse decides: single marks, split quotes, pronouns,
places and fragments that never speak, and "unattributed" when unsure."""

from __future__ import annotations

import pytest

from bot.article import Article
from bot.quote_context import JOINER
from bot.quotes import find_quotes, is_verbatim


def quotes_of(*paragraphs: str) -> list[tuple[str, str | None]]:
    article = Article.from_paragraphs(list(paragraphs), language="en")
    found = find_quotes(article, limit=50)
    assert all(is_verbatim(q.text, article) for q in found)
    return sorted((q.text, q.speaker) for q in found)


def test_british_curly_single_quotes_and_apostrophes():
    assert quotes_of(
        "The nurses’ union met ministers on Tuesday.",
        "‘We won’t accept a deal that leaves the workers’ pay behind inflation,’ said Mary "
        "Collins, the union’s general secretary.",
    ) == [("We won’t accept a deal that leaves the workers’ pay behind inflation", "Mary Collins")]


def test_straight_single_quotes_are_told_from_apostrophes():
    assert quotes_of(
        "It's the council's third budget since the '90s reform.",
        "'Nobody's going to pay more for the bins this year,' Councillor Ian Shaw said.",
    ) == [("Nobody's going to pay more for the bins this year", "Ian Shaw")]


def test_a_surname_resolves_to_a_name_not_to_a_heading_ending_in_it():
    assert quotes_of(
        "Railing Against Hale",
        "Tom Hale spoke to voters on Monday.",
        "“The tax laws are unfair to working families,” Hale said.",
    ) == [("The tax laws are unfair to working families", "Tom Hale")]


def test_a_surname_resolves_to_the_name_without_a_job_before_it():
    assert quotes_of(
        "Actor Fred Willard was arrested on Friday.",
        "“Wait until you hear my version of the night,” Willard wrote.",
    ) == [("Wait until you hear my version of the night", "Fred Willard")]


def test_a_dateline_is_not_part_of_the_name_after_it():
    assert quotes_of(
        "RIVERTON - Tom Hale opened the new bridge on Monday.",
        "“This bridge joins the two halves of one town,” Hale said.",
    ) == [("This bridge joins the two halves of one town", "Tom Hale")]


def test_a_short_sentence_after_its_speakers_quote_is_kept():
    assert quotes_of(
        "“Does anyone here know what the plan for the river is?” Ian Shaw asked. “Nor do I.”"
    ) == [
        ("Does anyone here know what the plan for the river is?", "Ian Shaw"),
        ("Nor do I.", "Ian Shaw"),
    ]


def test_wire_copy_double_marks_hold_single_marked_inner_quotes():
    assert quotes_of(
        "''When I said, 'No new taxes,' I meant every family in the state,'' Ian Shaw said."
    ) == [("When I said, 'No new taxes,' I meant every family in the state", "Ian Shaw")]


def test_a_quote_split_by_its_attribution_is_one_quote():
    [(text, speaker)] = quotes_of(
        "“We have checked every bridge on the line,” Sara Lind, the rail minister, said, "
        "“and not one of them is unsafe.”"
    )
    assert text == "We have checked every bridge on the line" + JOINER + (
        "and not one of them is unsafe."
    )
    assert speaker == "Sara Lind"


def test_a_described_speaker_may_hold_a_possessive():
    assert quotes_of(
        "“If the council can pay for this,” the union’s leader said, “it can pay the nurses.”"
    ) == [
        (
            "If the council can pay for this" + JOINER + "it can pay the nurses.",
            "the union’s leader",
        )
    ]


def test_two_sentences_around_an_attribution_stay_two_quotes():
    found = quotes_of("“The vote is close,” Ian Shaw said. “We will know tonight.”")
    assert found == [("The vote is close", "Ian Shaw"), ("We will know tonight.", "Ian Shaw")]


def test_a_second_verb_between_two_quotes_makes_them_two_quotes():
    found = quotes_of(
        "“We cannot pay for this any longer,” Ian Shaw said, adding later, “the treaty costs "
        "us a fortune every year.”"
    )
    assert [text for text, _ in found] == [
        "We cannot pay for this any longer",
        "the treaty costs us a fortune every year.",
    ]
    assert {speaker for _, speaker in found} == {"Ian Shaw"}


def test_he_reported_by_others_is_their_account():
    found = quotes_of(
        "Officers questioned Tom Reyes, the cinema's manager, for an hour on Friday.",
        "Witnesses said 40-year-old Carl Benton shouted: “Nobody leaves this room tonight.” "
        "They said he then asked: “Is the side exit locked?”",
    )
    assert found == [("Is the side exit locked?", None), ("Nobody leaves this room tonight.", None)]


def test_a_hyphen_inside_a_word_does_not_end_a_mixed_quote():
    [(text, speaker)] = quotes_of(
        "The manuals told workers to “shut off the main supply at the wall” without listing "
        "the micro-decisions that experienced staff make—which lights to check first."
    )
    assert text.endswith("the micro-decisions that experienced staff make")
    assert speaker == "The manuals"


def test_he_is_the_last_subject_not_the_last_name_mentioned():
    assert quotes_of(
        "Running mate Tom Weld spoke after Governor Ellen Marsh left the stage.",
        "“We will absolutely accept the results of the election,” he said.",
    ) == [("We will absolutely accept the results of the election", "Tom Weld")]


TOUR = "Carter wrapped up his tour of the valley in Dunmore on Monday. He wiped away tears."
RALLY = "“We are one day away from a fresh start,” he told a rally."


def test_he_after_a_name_with_a_title_the_tagger_missed_is_that_name():
    # "Reed" is no person to the tagger, but "a former mayor" is a person's title
    found = quotes_of(TOUR, f"Reed, a former mayor of Harwick, ended Monday in Portley. {RALLY}")
    assert [speaker for _, speaker in found] == ["Reed"]


def test_he_after_a_sentence_parsed_as_a_name_is_that_name_or_no_one():
    # The parse hangs the sentence on "Pryce", with no subject: "he" is Pryce when the
    # article names Pryce as a person elsewhere, and never Carter, the subject before
    sentence = f"Pryce, a former governor of Massachusetts, ended Monday in Portley. {RALLY}"
    assert [speaker for _, speaker in quotes_of(TOUR, sentence)] == [None]
    known = "Tom Pryce and Ann Carter have toured the valley for a month."
    assert [speaker for _, speaker in quotes_of(known, TOUR, sentence)] == ["Tom Pryce"]


def test_a_name_the_comes_right_before_is_a_things_not_a_persons():
    # the tagger calls "Java Log" a person; "the" right before the name says it is a thing
    found = quotes_of(
        "Jamie Pattyn began delivering homemade coffee logs three weeks ago.",
        "The Java Log is all-natural and made from recycled coffee grounds.",
        "Pattyn's logs are much like the Java Logs, and he admits that \"every cafe in town has "
        "a recipe for it, but it's a question of whether you have the space.\"",
    )
    assert [speaker for _, speaker in found] == ["Jamie Pattyn"]
    # "the" before a word before the name goes with that word: "the late John Carter"
    found = quotes_of(
        "The late John Carter once made them from recycled coffee grounds.",
        "“Every cafe in town has a recipe for it,” he said.",
    )
    assert [speaker for _, speaker in found] == ["John Carter"]


def test_he_after_someone_else_is_named_is_no_one_even_after_a_shared_surname():
    # Two Reeds (the father speaking, the son the last subject), then Mr. Solomon named: the
    # last two "he"s may be the father, the son or Mr. Solomon, so they are no one's
    found = dict(
        (text.split()[0], speaker)
        for text, speaker in quotes_of(
            "Perhaps no one knows this better than Jeanne and John Reed, parents of three "
            "children, the youngest of whom is Joseph.",
            "“This is not just a book about raising a child,” Mr. Reed said in an interview.",
            "Schools, too, should know how to help children who are different, said Mr. Reed, "
            "whose book tells of his son's years at school.",
            "“Jeanne and I believe schools can do a lot with what they have,” he said.",
            "Even with caring parents, Joseph Reed was unable for years to speak of it. Each of "
            "Mr. Solomon’s families also faced such struggles, and many were helped by peers.",
            "For many parents, he said, raising such children was “an occasion for growth that "
            "opened doors they never imagined.”",
            "He said, “It added richness to the lives of those who could see a positive side.”",
        )
    )
    assert found["an"] is None and found["It"] is None
    assert found["This"] == "Mr. Reed"


def test_an_opener_before_an_inverted_verb_is_no_speaker():
    found = quotes_of(
        "The question came from the crowd. In other words, explained moderator Ann Lee: "
        "“What does that have to do with the new harbour fees?”",
    )
    assert [speaker for _, speaker in found] == ["Ann Lee"]


def test_a_place_is_never_the_speaker():
    found = quotes_of(
        "The team arrived in Green Bay on Friday for the play-off game.",
        "“It is the loudest stadium in the league and we love it,” said Green Bay.",
    )
    assert found == [("It is the loudest stadium in the league and we love it", None)]


def test_the_surname_of_the_person_speaking_wins():
    found = quotes_of(
        "Sue Paterno thanked the crowd. Her husband, the coach, was beside her.",
        "“We have been here for sixty years and we are not leaving,” Joe Paterno said.",
        "“The program is bigger than any one of us,” Paterno said.",
    )
    assert [speaker for _, speaker in found] == ["Joe Paterno", "Joe Paterno"]


def test_a_quote_said_by_nobody_named_is_unattributed():
    found = quotes_of(
        "The storm reached the coast overnight. Stories of the first hour were told in every "
        "street.",
        "“The water came through the door before anyone could move the furniture.”",
    )
    assert found == [
        ("The water came through the door before anyone could move the furniture.", None)
    ]


def test_anyone_at_all_is_no_speaker():
    # "one" as in "anyone": no one a reader could ask about the words
    found = quotes_of(
        "The two guards left the gate at noon, and neither gave a name.",
        "“We were told to go home before the crowd arrived,” one said.",
        "This is hard to explain, unless one simply says that “the harbour was never safe” "
        "and leaves it there.",
        # people at large: 'when people say how busy they are and how “busy” the week was'
        "It drives me crazy when people say how busy they are and how “busy” the week was "
        "for them.",
    )
    assert all(speaker is None for _, speaker in found)
    assert len(found) >= 2


@pytest.mark.parametrize(
    "paragraphs",
    [
        # a heading or a question the writer asks the reader
        ("How to pick a tent", "“Where will you sleep when the rain starts at night?”"),
        # a line the reader is told to say: suggested, not said
        ("Say, “I would like to hear more about the role before we talk about pay.”",),
        ("You could start by saying, “I have been thinking about what you told me.”",),
        # a line of code or a setting
        ('Then type git commit -m "Add the first draft of the page" and press enter.',),
    ],
)
def test_words_nothing_presents_as_said_are_not_posted(paragraphs: tuple[str, ...]):
    assert quotes_of(*paragraphs) == []


def test_a_film_title_is_not_a_quote():
    assert quotes_of("Critics compared the show with ‘American Gangster’ on its release.") == []


def test_an_opening_mark_typed_for_a_closing_one_ends_the_quote():
    # '“Old Harbour“;' - the second mark touches the word before it: it closes the title,
    # and the narration after it is no quote.
    assert quotes_of(
        "The debate began with a radio drama called “Old Harbour of the Son-in-law“; much of "
        "the talk since has been about who pays for the new pier.",
        "“We will not pay twice for one pier,” said Dara Quill, the harbour master.",
    ) == [("We will not pay twice for one pier", "Dara Quill")]


def test_a_straight_mark_before_a_space_closes_and_opens_nothing():
    # a page that glued each panellist's quote to their name ('Port Authority"Good …'): the
    # mark after "customer." closes a quote; read as an opening, the narration after it
    # would be posted as a quote
    found = quotes_of(
        'Ana Lind, Harbour Master, Port Authority"Good service is not just about fixing '
        "problems, sometimes it's just about saying hello. That may be enough to win a "
        'customer." Lind emphasized the importance of following up. Instead of a profit from '
        "good service, you could be looking at a loss from inaction, if you don't follow up.",
        "Tom Reed, Treasurer, Harwick Council\"Don't treat your customers differently online. "
        'You need your service to be good everywhere."',
    )
    assert found == []


def test_a_title_mark_left_open_inside_a_quote_neither_ends_nor_restarts_it():
    # the writer never closed the film's title: the mark between "of" and "The" is no end
    found = quotes_of(
        'Among his reviews is one of an old film. "If at the end of "The Harbour you still ask '
        'why the mayor chases the pilot, don\'t go see this movie," Reed says. "It\'s long," he '
        "adds."
    )
    assert found == [
        (
            'If at the end of "The Harbour you still ask why the mayor chases the pilot, '
            "don't go see this movie",
            "Reed",
        ),
        ("It's long", "Reed"),
    ]


def test_a_common_noun_the_tagger_once_took_for_a_person_is_no_speaker():
    # "Marketing" was tagged a person in one sentence and a proper noun in the next: the
    # quote after that sentence is not Marketing's
    found = quotes_of(
        "Marketing is an ad. Marketing is a brochure. And more recently, Marketing is a "
        "Facebook page or a Twitter account.",
        "As the global economy settles into a new normal of doubt, Marketing has an identity "
        "problem, maybe even a crisis of confidence.",
        "“Business has only two functions – marketing and innovation.”",
        "When I left sales almost 15 years ago, my peers thought I was crazy.",
    )
    assert all(speaker != "Marketing" for _, speaker in found)


@pytest.mark.parametrize("dash", ["—", "~"])
def test_a_credit_line_after_a_quote_names_its_speaker(dash: str):
    # the tagger took "Milan Kundera" for an organisation: the credit line says who spoke
    found = quotes_of(
        "Marketing is selling at a larger scale, and most people in sales know that well.",
        f"“Business has only two functions – marketing and innovation.” {dash} Milan Kundera",
        "When I moved out of sales, my peers thought I was crazy.",
    )
    assert found == [
        ("Business has only two functions – marketing and innovation.", "Milan Kundera")
    ]


def test_a_title_with_a_hyphenated_word_is_a_title():
    assert (
        quotes_of("She starred in a comedy called “The Mother-in-law of Main Street” in 1998.")
        == []
    )


def test_a_title_the_sentence_runs_on_after_is_a_name_not_speech():
    # "Artist: “Show”" is how a review heads a show; the sentence goes on after the marks.
    assert quotes_of(
        "Mara Vell: “Tides and Harbours” at the Quay Gallery was the finest show of the year.",
        "“I painted the harbour every morning for ten years,” Vell said.",
    ) == [("I painted the harbour every morning for ten years", "Mara Vell")]


def test_a_double_quoted_word_in_a_single_quote_in_a_double_quote_stays_inside():
    # Three levels: the inner “fine print” neither closes the outer quote nor opens a new one.
    assert quotes_of(
        "Ann Lee ran the union’s office for a decade.",
        "“Jones’ lawyer told me, ‘Don’t sign until you read the “fine print” twice,’ and then "
        "he left,” said Ann Lee.",
    ) == [
        (
            "Jones’ lawyer told me, ‘Don’t sign until you read the “fine print” twice,’ and "
            "then he left",
            "Ann Lee",
        )
    ]


def test_a_single_quoted_word_in_a_double_quote_in_a_single_quote_stays_inside():
    # British style, the same nesting with the marks swapped.
    assert quotes_of(
        "‘The clerk told us, “Check the ‘small print’ first,” and we didn’t,’ said Ann Lee.",
        "‘It’s the workers’ rule now,’ she added.",
    ) == [
        ("It’s the workers’ rule now", "Ann Lee"),
        ("The clerk told us, “Check the ‘small print’ first,” and we didn’t", "Ann Lee"),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“The new pipe is far too narrow for the job,″ said Tom Hale.",
        "″The new pipe is far too narrow for the job,″ said Tom Hale.",
        "〝The new pipe is far too narrow for the job,〞 said Tom Hale.",
        "‶The new pipe is far too narrow for the job,″ said Tom Hale.",
    ],
)
def test_double_primes_typed_for_double_marks_pair_like_them(paragraph: str):
    assert quotes_of(paragraph) == [("The new pipe is far too narrow for the job", "Tom Hale")]


def test_a_double_prime_after_a_digit_is_inches_not_a_closing_mark():
    assert quotes_of("“We laid a 6″ pipe where the plan asked for a 12″ one,″ said Tom Hale.") == [
        ("We laid a 6″ pipe where the plan asked for a 12″ one", "Tom Hale")
    ]


def test_a_quote_in_double_primes_runs_on_into_the_next_paragraph():
    article = Article.from_paragraphs(
        [
            "″We will lay the new pipe under the bridge this spring.",
            "″And the road above it will be closed for a month,″ said Tom Hale.",
        ],
        language="en",
    )
    found = find_quotes(article)
    assert [(q.text, q.speaker) for q in found] == [
        (
            "We will lay the new pipe under the bridge this spring. And the road above it will "
            "be closed for a month",
            "Tom Hale",
        )
    ]
    assert is_verbatim(found[0].text, article)
