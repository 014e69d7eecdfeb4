"""The offline extractive summariser: verbatim, in order, bounded, deterministic."""

from __future__ import annotations

import json

import pytest

from bot.article import Article
from bot.errors import ModelUnavailable
from bot.summarise.extractive import (
    FEATURES,
    NO_SENTENCES,
    SCORER_PATH,
    ExtractiveSummariser,
    Scorer,
    call_to_action,
    dangling,
    lead,
    select,
    sentence_features,
    verbless,
)

# An invented local-news story: a lead, detail, quotes, a caption and page furniture.
FLOOD_STORY = [
    "Heavy rain flooded the lower town of Marrowby on Tuesday, forcing 240 residents to leave "
    "their homes as the river Tamsin rose to its highest level in forty years.",
    "Scroll down for video and more pictures from the flooded streets.",
    "Emergency crews used boats to reach elderly residents trapped on the upper floors of "
    "houses along Mill Lane, the county fire service said.",
    '"We have never seen the water come up this fast," said Ada Brennick, who runs the bakery '
    'on Bridge Street. "It was at the door in ten minutes. Then it was in the kitchen."',
    "Rescue volunteer Tom Hale (left) carries a neighbour's dog to safety on Mill Lane.",
    "The county council opened the school hall on Fern Road as a shelter and said it would "
    "stay open until the river falls.",
    "Forecasters expect another 30mm of rain by Thursday, and the Environment Office has kept "
    "its severe flood warning for the Tamsin valley in place.",
    "Insurers estimate the damage to homes and shops in Marrowby at about 3 million pounds.",
    "The last flood of this size hit the town in 1984.",
    "Residents were told to boil tap water until further notice.",
    "Follow us on social media for live updates.",
]


def _article(paragraphs: list[str] = FLOOD_STORY) -> Article:
    return Article.from_paragraphs(paragraphs, title="Floods force hundreds from homes in Marrowby")


@pytest.fixture(scope="module")
def summariser() -> ExtractiveSummariser:
    return ExtractiveSummariser()


def test_summary_sentences_are_copied_verbatim_in_article_order(summariser):
    article = _article()
    summary = summariser.summarise(article, 3)
    assert summary.method == "extractive" and summary.model is None
    assert 2 <= len(summary.sentences) <= 3
    assert all(s in article.sentences for s in summary.sentences)
    positions = [article.sentences.index(s) for s in summary.sentences]
    assert positions == sorted(positions)


def test_leads_with_the_news_and_skips_furniture_captions_and_quote_fragments(summariser):
    summary = summariser.summarise(_article(), 3)
    assert summary.sentences[0].startswith("Heavy rain flooded the lower town")
    joined = " ".join(summary.sentences)
    for unwanted in ("Scroll down", "Follow us", "(left)", "It was at the door", "in the kitchen"):
        assert unwanted not in joined


def test_a_sentence_that_tells_what_a_picture_shows_is_a_caption(summariser):
    # the caption above the lead, in the text as a sentence of its own
    for caption in (
        "An aerial photo shows the flooded lower town of Marrowby from the hills above it.",
        "This image from the county drone shows the river Tamsin at its highest on Tuesday.",
    ):
        article = Article.from_paragraphs([caption, *FLOOD_STORY])
        assert caption not in summariser.summarise(article, 3).sentences, caption


@pytest.mark.parametrize("limit", [1, 2, 3, 4])
def test_never_more_than_max_sentences(summariser, limit):
    assert 1 <= len(summariser.summarise(_article(), limit).sentences) <= limit


def test_short_and_empty_articles(summariser):
    short = Article.from_paragraphs(["Only one sentence here, about a council vote on parking."])
    assert summariser.summarise(short, 3).sentences == short.sentences
    empty = Article(paragraphs=())
    assert summariser.summarise(empty, 3).sentences == ()
    assert summariser.summarise(_article(), 0).sentences == ()


def test_restatements_are_not_picked_twice(summariser):
    repeated = [
        *FLOOD_STORY[:1],
        FLOOD_STORY[0].replace("Heavy rain", "Torrential heavy rain"),
        *FLOOD_STORY[2:],
    ]
    summary = summariser.summarise(_article(repeated), 3)
    assert sum("flooded the lower town of Marrowby" in s for s in summary.sentences) == 1


def test_deterministic(summariser):
    first = summariser.summarise(_article(), 3)
    assert all(ExtractiveSummariser().summarise(_article(), 3) == first for _ in range(3))


def test_shipped_scorer_loads_and_matches_the_features():
    data = json.loads(SCORER_PATH.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    scorer = Scorer.load(SCORER_PATH)
    assert len(scorer.coef) == len(scorer.mean) == len(scorer.scale) == len(FEATURES)
    assert all(len(row) == len(FEATURES) for row in sentence_features(_article()))


def test_a_scorer_file_for_other_features_is_refused(tmp_path):
    bad = tmp_path / "scorer.json"
    bad.write_text(json.dumps({"features": ["position"], "mean": [0], "scale": [1], "coef": [1]}))
    with pytest.raises(ModelUnavailable):
        Scorer.load(bad)
    with pytest.raises(ModelUnavailable):
        Scorer.load(tmp_path / "missing.json")


def test_fast_enough_for_a_chat_reply(summariser):
    import time

    long_article = _article(FLOOD_STORY * 8)
    start = time.perf_counter()
    summariser.summarise(long_article, 3)
    assert time.perf_counter() - start < 0.5


# A short story about a bus route: its opening, the campaign behind it and the first bus.
BUS_OPENING = "The county council approved a new bus route to the village on Tuesday night."
BUS_CAMPAIGN = "Villagers had campaigned for two years to get a service to the hospital."
BUS_FIRST = "The first bus will leave the village green at seven next month, officials said."


def test_a_sentence_that_leans_on_an_unchosen_one_is_not_picked():
    sentences = [
        BUS_OPENING,
        BUS_CAMPAIGN,
        "He said the decision would change the lives of many older residents there.",
        BUS_FIRST,
    ]
    rows = [[0.0] * len(FEATURES) for _ in sentences]
    scores = [1.0, 0.0, 5.0, 2.0]  # the dangling "He said ..." scores best
    picked = select(sentences, rows, scores, 2)
    assert 2 not in picked and picked == [0, 3]
    assert select(sentences, rows, [1.0, 4.0, 5.0, 0.0], 2) == [1, 2]  # antecedent chosen


def test_lead_fallback_takes_the_first_clean_sentences():
    sentences = [
        "Advertisement",
        *(f"Sentence number {n} of the story runs on here." for n in range(4)),
    ]
    rows = [[0.0] * len(FEATURES) for _ in sentences]
    assert lead(sentences, rows, 3) == [1, 2, 3]


@pytest.mark.parametrize(
    "first",
    [
        "By Jane Doe on October 30, 2012 at 03:56 p.m.",  # furniture inside a paragraph
        "New bus routes and the key strategies for rural transport planning",  # heading, deck
        "- One of these bus routes is the one you should take tomorrow.",  # a list item
        "problem is which bus routes the council should keep running next year.",  # cut at a '?'
    ],
)
def test_a_line_that_is_no_sentence_of_the_text_is_not_picked_first(first: str):
    """The best-scored line waits for complete sentences of the text."""
    sentences = [first, BUS_OPENING, BUS_CAMPAIGN, BUS_FIRST]
    rows = [[0.0] * len(FEATURES) for _ in sentences]
    assert select(sentences, rows, [9.0, 1.0, 0.5, 0.8], 2) == [1, 3]


def test_with_too_few_sentences_a_heading_or_list_item_still_fills_the_summary():
    rows = [[0.0] * len(FEATURES)] * 2
    heading = "New bus routes and the key strategies for rural transport planning"
    assert select([heading, BUS_OPENING], rows, [9.0, 1.0], 2) == [0, 1]
    # a list of nothing but items still gets a summary, but not from a signature of five words
    item = "- One of these bus routes is the one you should take tomorrow."
    assert select([item], rows[:1], [9.0], 2) == [0]
    signed = [BUS_OPENING, "- Jane Doe of the Courier"]
    assert select(signed, rows[:2], [1.0, 9.0], 2) == [0]


def test_table_rows_furniture_and_fragments_are_never_the_fallback():
    sentences = [
        "| Valley town | $147 | 8.5% | 1.1% |",
        # the first cell of a poll's row "… | 114 | 56% |", a sentence of its own
        "| He should not be closing, but he should be pitching in the late innings of games.",
        "Share this article on Facebook Twitter Email",
        "- Jane Doe",
        BUS_OPENING,
    ]
    rows = [[0.0] * len(FEATURES) for _ in sentences]
    assert select(sentences, rows, [9.0, 8.5, 8.0, 7.0, 1.0], 3) == [4]


def test_a_page_of_fragments_gets_no_summary_and_says_why(summariser):
    # navigation labels and a list of names: nothing a summary can stand on
    fragments = ["How To", "Twitter", "Facebook", "- Adam Arico", "- Adam Bear", "- Adam Feltz"]
    rows = [[0.0] * len(FEATURES) for _ in fragments]
    assert select(fragments, rows, [9.0] * len(fragments), 3) == []
    summary = summariser.summarise(Article.from_paragraphs(fragments), 3)
    assert summary.sentences == ()
    assert summary.warnings == (NO_SENTENCES,)
    # an article with sentences says nothing of the kind
    assert summariser.summarise(_article(), 3).warnings == ()


# An invented ferry story under a promo line that tells the reader what to do.
FERRY_STORY = [
    "Discover how the new ferry timetable for Port Allan changes your commute across the bay "
    "this spring.",
    "The Port Allan ferry will run every 20 minutes from March, the harbour board said on "
    "Monday, after a year in which delays on the bay crossing doubled.",
    "The board will add two boats to the route and hire 14 crew, at a cost of 6 million "
    "pounds over three years.",
    "Commuters had complained of queues of up to an hour at the Quay Street terminal.",
    "The new timetable starts on March 3.",
]


def test_a_call_to_action_only_fills_a_summary(summariser):
    article = Article.from_paragraphs(FERRY_STORY, title="Port Allan ferry to run every 20 minutes")
    summary = summariser.summarise(article, 3).sentences
    assert FERRY_STORY[0] not in summary
    assert FERRY_STORY[1] in summary


def test_a_call_to_action_opens_with_a_verb_that_has_no_subject():
    assert call_to_action("Click through to see more photos of the regatta.")
    assert call_to_action("Explore the best garden tools for 2025.")
    assert not call_to_action("Officials explore a new route for the ferry.")
    assert not call_to_action("Residents were told to boil tap water.")


def test_a_verbless_line_only_fills_a_summary(summariser):
    caption = "Captain Ann Lee, on the new ferry at Quay Street, Port Allan, March 3, 2026."
    article = Article.from_paragraphs(
        [caption, *FERRY_STORY[1:]], title="Port Allan ferry to run every 20 minutes"
    )
    summary = summariser.summarise(article, 3).sentences
    assert caption not in summary and FERRY_STORY[1] in summary
    assert verbless(caption) and verbless("Increasing ferry use across the bay.")
    assert not verbless(FERRY_STORY[1]) and not verbless("Book your ticket online.")


def test_words_a_pronoun_said_point_back_to_who_said_them():
    assert dangling("Most worrying, she said, was the lack of a second ferry in winter.")
    assert dangling("“We will appeal the fare rise,” he told reporters on the quay.")
    assert dangling("“We lost that vote on the fares,” she conceded after the meeting.")
    assert not dangling("Most worrying, the harbour master said, was the winter timetable.")
    assert not dangling("The board said he had resigned after the vote.")


def test_the_latter_points_back_to_two_things_named_before():
    assert dangling("If you fall into the latter group, book the ferry a week ahead.")
    assert not dangling("The former harbour master now runs the ferry to Harwick.")


def test_a_contracted_pronoun_opener_points_back_too():
    assert dangling("That’s where the ferry queue begins each morning.")
    assert dangling("They're the last two boats on the route.")
    assert not dangling("It's a short crossing in good weather.")  # a dummy "it", most often
    assert not dangling("Thatcher's ferry plan was dropped in 1984.")
    # an aside in brackets points back all the same
    assert dangling("(She's the daughter of the harbour master, so boats are in the family.)")
    assert dangling("(In fact, the old ferry ran every 15 minutes.)")


def test_a_relative_clause_or_an_added_point_standing_as_a_sentence_points_back():
    # 'In Harwick… Which remains my favourite port.': the text goes on from the headline
    assert dangling("Which remains one of my favourite ports on the coast.")
    assert dangling("Plus, the ferry now takes bicycles for free.")
    assert not dangling("Whichever boat you take, book a day ahead.")


def test_a_sentence_with_a_navigation_row_glued_to_it_is_no_summary_sentence(summariser):
    # Over 40 words: too long for the body filter to call the paragraph furniture.
    glued = (
        "« Ferry fares frozen | Main | Harbour board elections » May 3, 2012 Fares rise again "
        "The Port Allan ferry will cost 20% more from June, the harbour board said on Monday, "
        "the third rise in two years, as fuel and crew costs climb and the older of its two "
        "boats needs a new engine."
    )
    paragraphs = [
        glued,
        "Commuters had complained of queues of up to an hour at the Quay Street terminal.",
        "The board blamed fuel costs and said it would review fares in a year.",
    ]
    article = Article.from_paragraphs(paragraphs, title="Port Allan ferry fares rise again")
    assert summariser.summarise(article, 3).sentences == tuple(paragraphs[1:])


@pytest.mark.parametrize(
    "title",
    [
        "Port Allan Ferry to Run Every 20 Minutes",
        "Port Allan Ferry to Run Every 20 Minutes - Valley Notes",
    ],
)
def test_a_sentence_repeating_the_headline_is_no_summary_sentence(summariser, title: str):
    paragraphs = [*FERRY_STORY[1:4], "Port Allan ferry to run every 20 minutes."]
    article = Article.from_paragraphs(paragraphs, title=title)
    summary = summariser.summarise(article, 3).sentences
    assert summary and paragraphs[-1] not in summary


@pytest.mark.parametrize(
    "paragraph",
    [
        "CENTENNIAL, Colo.—The man accused of the shooting appeared in court on Monday. He said"
        " nothing.",
        "We send useful—and cheerful!—planning tips to every couple who signs up. Join us.",
        # news style: the company's abbreviation, then the day and the verb
        "STOCKHOLM—Valley Telecom Corp. Monday unveiled a cheap phone for rural buyers. It sold"
        " out.",
        # a unit's abbreviation after a number, and the sentence going on in lower case
        "The new homes are up to 6,000 sq. ft. and each has a 3 lb. fire blanket. It sold out.",
        # a word that starts with a dot: a folder's, a file's or a framework's name
        "The board keeps its rules in a .github/ folder and a .env file on .NET 8. It works.",
    ],
)
def test_a_sentence_glued_on_by_a_dash_is_not_split_off(paragraph: str):
    first, second = Article.from_paragraphs([paragraph]).sentences
    assert paragraph.startswith(first) and first.endswith(".") and not second.startswith("—")


def test_an_opening_phrase_that_points_back_dangles_too():
    assert dangling("In fact, the ferry ran late on most days in March.")
    assert dangling("As a result, commuters queued for up to an hour.")
    assert dangling("If so, the board will add a third boat.")
    assert not dangling("In addition to the new boats, the board will hire 14 crew.")
    assert not dangling("Infrequent sailings angered commuters.")


def test_a_pointer_to_the_sites_other_pages_is_no_summary_sentence(summariser):
    pointer = "For more information, see our guide to the new Port Allan ferry fares."
    article = Article.from_paragraphs(
        [FERRY_STORY[1], pointer, *FERRY_STORY[2:]],
        title="Port Allan ferry to run every 20 minutes",
    )
    summary = summariser.summarise(article, 3).sentences
    assert pointer not in summary and FERRY_STORY[1] in summary and len(summary) == 3
    # "read our" in the story's own words is no pointer, nor "here" in a long sentence
    told = "Residents read our letter to the board at the meeting on Monday evening."
    settled = (
        "It is easy to see why so many families from the city have chosen to settle and "
        "raise their children here."
    )
    linked = "As always, you can find more news from the ferry board here."
    rows = sentence_features(Article.from_paragraphs([told, pointer, settled, linked]))
    assert [row[FEATURES.index("boilerplate")] for row in rows] == [0.0, 1.0, 0.0, 1.0]
