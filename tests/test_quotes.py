"""Direct quotes and their speakers, on invented news sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.article import Article
from bot.eval.quotes import evaluate
from bot.quotes import Quote, find_quotes, is_verbatim

# (case, paragraphs, expected (quote start, speaker) pairs in any order)
CASES = [
    (
        "a label before the colon names nobody",
        [
            "User review: “The live chat keeps viewers engaged for hours.” — posted in March",
            "Reader question: “How do I choose a sofa for a narrow room?”",
            "Sen. Amy Smith scolded him: “You should be ashamed of this budget.”",
        ],
        [
            ("The live chat", None),
            ("How do I choose", None),
            ("You should be ashamed", "Amy Smith"),
        ],
    ),
    (
        "pronoun after the quote -> the person named before",
        [
            "Maria Lopez, the mayor of Riverton, opened the new bridge on Monday.",
            "“This bridge joins the two halves of one town,” she said.",
        ],
        [("This bridge joins", "Maria Lopez")],
    ),
    (
        "pronoun after the quote -> the person in apposition to the subject before",
        [
            "The school's head teacher, Helen Marsh, said the roof had leaked for years.",
            "“The buckets were in every classroom by March,” she said. “Nobody from the "
            "council came to fix it in three years.”",
        ],
        [("The buckets", "Helen Marsh"), ("Nobody from the council", "Helen Marsh")],
    ),
    (
        "said + surname -> full name",
        [
            "Transport minister Karl Weber visited the depot in the morning.",
            "“The new trains will run on time from May,” said Weber.",
        ],
        [("The new trains", "Karl Weber")],
    ),
    (
        "surname said",
        [
            "Ruth Okafor chairs the water board.",
            "“Every household will have clean water by the end of the year,” Okafor said.",
        ],
        [("Every household", "Ruth Okafor")],
    ),
    (
        "name with appositive and colon",
        [
            "Responding to the flood, Anna Berg, the regional governor, said: “We will "
            "rebuild every road that the water took.”"
        ],
        [("We will rebuild", "Anna Berg")],
    ),
    (
        "told a news agency, surname resolved",
        [
            "Piotr Nowak leads the miners' union.",
            "Nowak told the Baltic news agency: “Our members will not accept another pay "
            "freeze this winter.”",
        ],
        [("Our members", "Piotr Nowak")],
    ),
    (
        "declared on social media, short but attributed",
        ["Senator Ruth Okafor cheered the vote.", "“Finally, justice!” she declared on Twitter."],
        [("Finally, justice!", "Ruth Okafor")],
    ),
    (
        "descriptive speaker kept as written",
        [
            "Crowds gathered outside the stadium before dawn.",
            "“We waited six hours in the rain for this,” one woman said.",
        ],
        [("We waited six hours", "one woman")],
    ),
    (
        "described official, next sentence is the same speaker's",
        [
            "“The exercise has been postponed until further notice,” a Defence Ministry "
            "spokesperson said. “Troops will return to their barracks.”"
        ],
        [
            ("The exercise has been", "a Defence Ministry spokesperson"),
            ("Troops will return", "a Defence Ministry spokesperson"),
        ],
    ),
    (
        "straight quotation marks",
        ['"Prices will fall gently next year," said Omar Haddad, the central bank governor.'],
        [("Prices will fall", "Omar Haddad")],
    ),
    (
        "said, but no speaker named: kept, speaker None",
        [
            "At every stop of the tour, the same warning was said aloud.",
            "“The road ahead is long and the money is short for everyone involved.”",
        ],
        [("The road ahead", None)],
    ),
    (
        "nothing says it was said: a heading or a title, not posted",
        [
            "The report ends on a warning.",
            "“The road ahead is long and the money is short for everyone involved.”",
        ],
        [],
    ),
]


# Described speakers are kept whole, as written: who they speak for is part of who they are.
DESCRIBED = [
    ("A spokesperson for the port authority said: “{q}”", "A spokesperson for the port authority"),
    ("“{q},” a spokesman for the ministry said.", "a spokesman for the ministry"),
    ("“{q},” said a senior official at the Pentagon.", "a senior official at the Pentagon"),
    ("The head of the nurses' union told reporters: “{q}”", "The head of the nurses' union"),
    ("“{q},” a lawyer for the family said.", "a lawyer for the family"),
    ("One of the protesters shouted: “{q}”", "One of the protesters"),
    ("“{q},” said a lawyer for Joan Meyer.", "a lawyer for Joan Meyer"),
    ("An aide to Mr. Karlsson said: “{q}”", "An aide to Mr. Karlsson"),
    ("A woman who lives by the canal said: “{q}”", "A woman who lives by the canal"),
    ("Farmers driving through the square chanted: “{q}”", "Farmers driving through the square"),
]
# Reporting verbs beyond "said", and the forms they take around a quote.
VERBS = [
    ("Lina Park lauded the crews: “{q}”", "Lina Park"),
    ("Tom Hale attacked the plan as “{q}”", "Tom Hale"),
    ("Tom Hale conceded that “{q}”", "Tom Hale"),
    ("“{q},” Tom Hale wrote on his blog.", "Tom Hale"),
    ("“{q},” quipped Lina Park.", "Lina Park"),
    ("The folk singer Ana Reyes sings “{q}” in the last scene.", "Ana Reyes"),
    ("Lina Park, who chairs the health board, insisted: “{q}”", "Lina Park"),
    ("Tom Hale praised the report and warned that “{q}”", "Tom Hale"),
    ("Lina Park recalled the night of the storm, saying “{q}”", "Lina Park"),
    ("Tom Hale said the plan was late and dismissed the review as “{q}”", "Tom Hale"),
    ("The levy has been described as “{q}”", None),
    ("Lina Park said the United States and Canada feared “{q}”", "Lina Park"),
    ("Tom Hale ended the debate with what he called a warning: “{q}”", "Tom Hale"),
]
QUOTE = "the money will run out long before the work is done"


@pytest.mark.parametrize(("sentence", "speaker"), [*DESCRIBED, *VERBS])
def test_speaker_phrases(sentence: str, speaker: str | None):
    [quote] = find_quotes(Article.from_paragraphs([sentence.format(q=QUOTE)]))
    assert quote.text.startswith(QUOTE)
    assert quote.speaker == speaker


def test_a_name_described_by_its_mood_is_the_name():
    paragraphs = [
        "Ella Brandt and her son Tom Brandt ran the harbour board for a decade.",
        "After the vote, an angry Brandt said: “The board has let the harbour down badly.”",
        "“We will not pay for a wall that nobody wants,” a fed up Hale told reporters.",
        "The younger Brandt added: “The money will run out before the work is done.”",
    ]
    quotes = find_quotes(Article.from_paragraphs(paragraphs))
    # which Brandt "the younger" is, the rules cannot tell: the phrase stays whole
    assert sorted(q.speaker or "" for q in quotes) == ["Brandt", "Hale", "The younger Brandt"]


def test_a_quote_cut_at_a_quote_inside_it_is_dropped():
    # the same straight marks round a name inside the quote: the pairing cuts it at "["
    article = Article.from_paragraphs(
        [
            "In October 2019, Tom Hale wrote a long report for the Courier into the lease. Hale "
            'calls the donor "Mr B" and the tenant, who has since waived anonymity, "Leon".',
            'According to Hale, Mr B was "a rich and powerful man who had used ["Leon"] as a '
            "tenant on three occasions. Mr B's surname \"happened to match that of one of the "
            'mayor’s closest aides."',
        ]
    )
    quotes = [q.text for q in find_quotes(article)]
    assert quotes == ["happened to match that of one of the mayor’s closest aides."]


def test_a_judging_verb_does_not_name_the_speaker_of_a_later_quote():
    article = Article.from_paragraphs(
        [
            "Storms lashed the coast overnight.",
            "“We have never seen the harbour wall give way like this before.”",
        ]
    )
    assert [q.speaker for q in find_quotes(article)] == [None]


@pytest.mark.parametrize(("case", "paragraphs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_speakers(case: str, paragraphs: list[str], expected: list[tuple[str, str | None]]):
    quotes = find_quotes(Article.from_paragraphs(paragraphs), limit=20)
    got = sorted((q.text.split(" ")[0], q.speaker) for q in quotes)
    assert got == sorted((start.split(" ")[0], speaker) for start, speaker in expected)
    for q, (start, _) in zip(sorted(quotes, key=lambda q: q.text), sorted(expected), strict=True):
        assert q.text.startswith(start)


def test_quote_running_over_paragraphs_is_one_quote():
    article = Article.from_paragraphs(
        [
            "Speaking after the vote, Lena Fischer, the party leader, said: “We have listened "
            "to the voters.",
            "“We will now form a government that works for every region.",
            "“The coalition talks start tomorrow.”",
            "Her rivals left the hall without comment.",
        ]
    )
    [quote] = find_quotes(article)
    assert quote.speaker == "Lena Fischer"
    assert quote.text == (
        "We have listened to the voters. We will now form a government that works for every "
        "region. The coalition talks start tomorrow."
    )
    assert is_verbatim(quote.text, article)
    assert quote.sentence.startswith("Speaking after the vote")


@pytest.mark.parametrize(
    "paragraph",
    [
        "The council called the plan “ambitious” in its annual report.",
        "Critics say the “reform” changes very little for renters.",
        "Her second novel, “The Salt Road”, sold well in the north.",
        "“Harbour Lights (22 Nights)” closes the album.",
        "The firm sells what it calls “smart routing” to small couriers.",
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(paragraph: str):
    assert find_quotes(Article.from_paragraphs([paragraph])) == []


def test_a_headline_is_no_quote_even_where_speech_is_near():
    article = Article.from_paragraphs(
        [
            "I've asked the harbour board what went wrong and will update this post.",
            "This story first appeared under the headline “Harbour plan hit by a wave of late "
            "complaints”.",
        ]
    )
    assert find_quotes(article) == []


@pytest.mark.parametrize(
    "paragraphs",
    [
        # slogans after a colon, a named person beside them: no one's words
        (
            "Marchers filled the square on Saturday, chanting slogans: “Jobs now for everyone "
            "here” and “No cuts to the schools at all”, as Mayor Tom Hale watched.",
        ),
        # a list of what signs say: each after the first ends the list the verb leads into
        (
            "Tom Hale spoke to the crowd.",
            "The signs read “Stop the new tax,” “Save our local schools” and “Vote them all "
            "out now.”",
        ),
        # a title after "titled:", in its sentence or opening the next paragraph
        (
            "The singer Mara Vell said on Monday that the album, to be titled: “Blue Roads and "
            "the long way home”, comes out in May.",
        ),
        (
            "The singer Mara Vell said on Monday that the album will be titled:",
            "“Blue Roads and the long way home”",
            "It comes out in May.",
        ),
        # what labels read, as what signs read
        (
            "At the market, shoppers grab jars with labels that read “organic” or “all local”"
            " We think they mislead.",
        ),
        # a piece the reader is sent to: 'See: “…”', 'Read more: “…”', after a quote too
        (
            "- Tech Notes, by Ann Lee, a former analyst. Covers chips and the cloud. See: “Putting"
            " the brakes on the chip hype”",
            "- Data Weekly, by Bo Ray. His motto is “ship it”. Read more: “Why we stopped using"
            " dashboards”",
        ),
    ],
)
def test_titles_and_slogans_a_text_noun_or_naming_verb_leads_into_are_no_quotes(
    paragraphs: tuple[str, ...],
):
    assert find_quotes(Article.from_paragraphs(list(paragraphs))) == []


def test_what_someone_says_a_sign_was_is_their_words():
    # 'the sign was “…”': a copula says what the sign was, in the spokesperson's words
    article = Article.from_paragraphs(
        [
            "A road sign in the city flashed an insult on Monday night.",
            "According to a spokesperson for the transport department, the sign was “a very bad "
            "prank that is plainly unacceptable.”",
        ]
    )
    assert [q.speaker for q in find_quotes(article)] == [
        "a spokesperson for the transport department"
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“Save our library!” the crowd chanted outside the town hall on Tuesday, holding signs "
        "saying “Books not budgets, not now.”",
        "A banner reading “Books not budgets, not now, not ever” hung from the balcony.",
        "Protesters wore T-shirts that said “Hands off our parks and our pools” as they marched.",
    ],
)
def test_what_a_sign_or_shirt_described_as_saying_carries_is_no_quote(paragraph: str):
    # a participle or relative clause of saying on a noun for a thing's text: that text
    quotes = find_quotes(Article.from_paragraphs([paragraph]))
    assert all(not q.text.startswith(("Books", "Hands")) for q in quotes)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Citing its “Asian sources,” the paper claims the minister met the envoy twice in June.",
        "Quoting a “senior official in the ministry,” the paper said the talks had failed.",
    ],
)
def test_a_source_a_citing_participle_names_is_no_quote(paragraph: str):
    assert find_quotes(Article.from_paragraphs([paragraph])) == []


def test_a_reason_a_citing_participle_gives_is_the_speakers():
    article = Article.from_paragraphs(
        [
            "Citing “pressing family duties in Ohio,” a spokesman for the senator said she would "
            "skip the dinner."
        ]
    )
    assert [q.speaker for q in find_quotes(article)] == ["a spokesman for the senator"]


def test_a_slogan_list_takes_no_name_but_the_speech_after_it_is_kept():
    article = Article.from_paragraphs(
        [
            "Marchers filled the square on Saturday, chanting slogans: “Jobs now for everyone "
            "here” and “No cuts to the schools at all”, as Mayor Tom Hale watched.",
            "“We heard every word they said today,” Hale told reporters.",
        ]
    )
    assert [(q.text, q.speaker) for q in find_quotes(article)] == [
        ("We heard every word they said today", "Tom Hale")
    ]


def test_quoted_phrase_handed_to_its_speaker_is_kept():
    article = Article.from_paragraphs(["The talks were “going nowhere at all,” Omar Haddad said."])
    assert [(q.text, q.speaker) for q in find_quotes(article)] == [
        ("going nowhere at all", "Omar Haddad")
    ]


def test_short_quote_with_its_own_attribution_is_kept():
    quotes = find_quotes(Article.from_paragraphs(["“Absolutely not,” the minister said."]))
    assert quotes == [
        Quote("Absolutely not", "the minister", "“Absolutely not,” the minister said.")
    ]


def test_quote_text_sentence_and_speaker_come_from_the_article():
    paragraphs = [p for _, ps, _ in CASES for p in ps]
    article = Article.from_paragraphs(paragraphs)
    quotes = find_quotes(article, limit=50)
    assert len(quotes) >= 10
    for q in quotes:
        assert is_verbatim(q.text, article)
        assert not q.text.startswith(("“", '"')) and not q.text.endswith(("”", '"'))
        assert q.sentence in article.sentences or any(q.sentence in p for p in article.paragraphs)
        assert q.speaker is None or q.speaker in article.text


def test_at_most_limit_quotes_named_and_substantive_first_and_several_voices():
    article = Article.from_paragraphs(
        [
            "Judge Ellen Marsh ruled on the appeal on Friday.",
            "“Bad,” one onlooker said.",
            "“The law is clear and the evidence leaves no doubt about who signed the "
            "contract,” Marsh said.",
            "“It was a fair hearing from start to finish, and we accept the result,” Marsh said.",
            "“We will study the ruling carefully before deciding on a further appeal,” said "
            "defence lawyer Tom Reyes.",
        ]
        + [
            f"“Quote number {n} from the gallery was loud and long,” a visitor said."
            for n in range(6)
        ]
    )
    quotes = find_quotes(article)
    assert len(quotes) == 6
    assert [q.speaker for q in quotes[:2]] == ["Ellen Marsh", "Tom Reyes"]
    texts = [q.text for q in quotes]
    assert "Bad" not in texts[:3]  # a one-word quote ranks below substantive ones
    assert len(find_quotes(article, limit=2)) == 2


def test_evaluation_skips_without_data(tmp_path: Path):
    assert evaluate(tmp_path) == []


def test_evaluation_scores_a_small_labelled_set(tmp_path: Path):
    text = (
        "Budget talks stalled.\n\n"
        "“We need more time to agree on the numbers,” said Mona Ilves, the finance minister.\n"
    )
    quote = "We need more time to agree on the numbers,"
    start = text.index(quote) - 1
    source = text.index("Mona Ilves")
    root = tmp_path / "quotes" / "polnear-dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "a.txt").write_text(text, encoding="utf-8")
    ann = (
        f"T1\tSource {source} {source + 10}\tMona Ilves\n"
        f"T2\tCue {source - 5} {source - 1}\tsaid\n"
        f"T3\tContent {start} {start + len(quote) + 2}\t“{quote}”\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    )
    (root / "attributions" / "a_x1.ann").write_text(ann, encoding="utf-8")
    scores = {s.metric: s.value for s in evaluate(tmp_path)}
    assert scores["F1"] == 1.0
    assert scores["speaker accuracy"] == 1.0
    assert scores["non-verbatim quotes"] == 0.0


# Speakers a hand audit of random real pages found wrong, each in an invented sentence.
AUDITED = [
    (
        "a participle describing a noun is no verb of saying: the possessor is not the speaker",
        "Labour MP Tom Watson has written to many newspapers about the homes. This week he "
        "suggested that May's announced inquiries were “the building block of a cover-up”.",
        "Tom Watson",
    ),
    (
        "'someone' names nobody",
        "“We waited three hours for a bus that never came, and nobody told us why,” someone "
        "shouted from the back of the hall.",
        None,
    ),
    (
        "the reader's own ('your partner') is a speaker made up for the example",
        "Socks wear out, even when your partner still claims they are “fine, really, and good "
        "for another winter or two” despite the holes.",
        None,
    ),
    (
        "a name's letters and a bracket after the quote: no fragment of them is a speaker",
        "“New tools offer the promise of care that fits each patient, from diagnosis to "
        "treatment,” Maria L. Ortega, M.D., Ph.D. (writing in a recent issue of a journal)",
        None,
    ),
    (
        "'he' after a reporter the parse does not make a person: not the person reported on",
        "A company spokesman told reporters Lee was no longer chief executive. He said Mara "
        "Quinn was Lee's former assistant, but declined to comment further, calling the claims "
        "“a private matter for the family that has nothing to do with the firm.”",
        None,
    ),
    (
        "an object pronoun is never a speaker",
        'To let me say "only two people can connect to this network," I set a rule on the router.',
        None,
    ),
    (
        "a name after the quote outranks a clause with no speech verb before its colon",
        "Marta Quill studies large numbers. This theory is stranger than the rest of the "
        "field: “If numbers are a city, the large ones are its unlit suburbs,” Quill writes.",
        "Marta Quill",
    ),
    (
        "the attribution after the quote outranks a verb before it with its own object",
        "Nora Lind writes about proofs for the magazine. When one speaker announced his proof "
        "of a bold claim, “the hall quickly descended into uproar,” she writes.",
        "Nora Lind",
    ),
    (
        "a clause after the quote opening with 'when' is no attribution",
        "The advert closes on a clip: “That makes me rich,” when Ana Cruz blasted him for "
        "paying no tax.",
        None,
    ),
    (
        "a quote ending its sentence hands over to the next sentence, not to its subject",
        "Tom Hale's essay takes aim at critics of tea, such as the 1675 decree, under King "
        "Charles, that the “selling of tea might be a harmless trade, but it might also be a "
        "common nuisance.” Hale was writing against the backdrop of a revolution.",
        None,
    ),
    (
        "'she' is the last subject when no one is speaking, though a quote came between",
        "Ruth Okafor proclaimed a goal of “Water For All” on Monday. She told a packed hall "
        "that she wants a policy “focused on clean rivers, fair prices and pipes that do not "
        "leak.”",
        "Ruth Okafor",
    ),
    (
        "a participle's speaker is the subject of the clause it hangs on, by the parse",
        "Claude understood the task at first, but when things got hard, it kept giving up, "
        "saying “there is nothing left to do here, the coverage is complete already.”",
        None,
    ),
]


@pytest.mark.parametrize(("case", "paragraph", "speaker"), AUDITED, ids=[c[0] for c in AUDITED])
def test_audited_speakers(case: str, paragraph: str, speaker: str | None):
    [quote] = find_quotes(Article.from_paragraphs([paragraph]))
    assert quote.speaker == speaker


# Audited pages' words that nothing presents as said (a sample, a form, a thought the reader
# is told to have): with no speaker they are not posted at all.
NOT_SAID = [
    (
        "questions given as examples of what one might ask are not said by anyone",
        "Has your agency ever asked you questions like, “Who buys from you?” or, “Have you "
        "ever surveyed your buyers?” If not, find another one.",
        None,
    ),
    (
        "a saying is no one's words here: 'saying' is a noun",
        "For trolls the aim is attention (hence the old saying, “don’t feed the trolls”). "
        "Keep calm.",
        None,
    ),
    (
        "a term naming part of a reporting verb's object is no mixed quote",
        "Expert users emphasize this “context packing” step before every task they give the model.",
        None,
    ),
    (
        "the subject of a colon lead-in with no speech verb must be a person",
        "Each notice must follow a set form. The following is a common format that meets "
        "the rules: “Smith Farms LLC. Articles filed with the state in May. Purpose: any "
        "lawful purpose.”",
        None,
    ),
    (
        "an adverb is not part of the speaker, and 'you' names nobody",
        "You can learn to paint even if you've always told yourself “I just don't have the "
        "gift for it at all”.",
        None,
    ),
    (
        "a label before a colon that the parse does not make a person names nobody",
        "Keep the request short. Sample Email: “Thanks for the chat today, it was a real "
        "pleasure to hear about your garden.”",
        None,
    ),
]


@pytest.mark.parametrize(("case", "paragraph", "speaker"), NOT_SAID, ids=[c[0] for c in NOT_SAID])
def test_audited_words_not_said(case: str, paragraph: str, speaker: None):
    assert find_quotes(Article.from_paragraphs([paragraph])) == []


# The words before a quote, taken up to its verb, are not always one phrase: the parse says
# which part (if any) is the verb's subject.
NOT_ONE_PHRASE = [
    (
        "an outlet after 'of' qualifies the speaker: the person speaks, not the outlet",
        [
            "Markets fell on Monday.",
            "“The economy is slowing faster than we thought,” Jane Park of The Economist said.",
        ],
        "Jane Park",
    ),
    (
        "the same where the parse does not make the person a person: unattributed",
        [
            "The festival opened on Friday with a film about a family farm.",
            "“It is the best film of the year so far,” Brent Lang of The Wrap says.",
        ],
        None,
    ),
    (
        "a noun inside a relative clause is not the speaker of its sentence's verb",
        [
            "Doctors rarely hear back from families.",
            "A mother who had allowed a risky surgery that led to his death once asked me, "
            "“Did we do the right thing for him?”",
        ],
        None,
    ),
    (
        "a clause is no speaker: the writers of the e-mails are not named",
        [
            "I get many emails and messages every day asking:",
            "“Jon, what should I do about my leaking roof this winter?”",
        ],
        None,
    ),
    (
        "'a Bloomberg interview Trump': the subject is Trump",
        [
            "In a Bloomberg interview Trump declared the deal “the best trade agreement ever "
            "made by anyone, anywhere.”"
        ],
        "Trump",
    ),
    (
        "'an interview with … KXR she': the subject is 'she', resolved",
        [
            "In an interview with the local radio station KXR he blasted the council. Mayor "
            "Ruth Kellner said it was time for change.",
            "In an interview with the local radio station KXR she said “the bridge will reopen "
            "in May, whatever the weather does.”",
        ],
        "Ruth Kellner",
    ),
]


@pytest.mark.parametrize(
    ("case", "paragraphs", "speaker"), NOT_ONE_PHRASE, ids=[c[0] for c in NOT_ONE_PHRASE]
)
def test_a_speaker_is_one_phrase(case: str, paragraphs: list[str], speaker: str | None):
    [quote] = find_quotes(Article.from_paragraphs(paragraphs))
    assert quote.speaker == speaker


# Wrong speakers of a hand audit of real pages, by their general causes: each quote is posted
# unattributed, as nobody in the text is certain to have said it.
UNSURE = [
    (
        "a nested report: the words are the paper's account, not certainly the mayor's",
        [
            "The Valley Gazette wrote that Mayor Lina Park acknowledged “posting on a "
            "neighbourhood forum about her plans to close the old bus depot.”"
        ],
        "posting on a neighbourhood forum about her plans to close the old bus depot.",
    ),
    (
        "a nested report with a described speaker inside",
        [
            "Tom Reyes wrote that the mayor conceded “the plan to close the depot had been "
            "rushed through without a single public meeting.”"
        ],
        "the plan to close the depot had been rushed through without a single public meeting.",
    ),
    (
        "'he' is never a team: the last speaker was the Hawks",
        [
            "Guard Marcus Webb scored 31 points as the Riverside Hawks beat Portland on Sunday.",
            "“We knew we had to move the ball faster in the second half,” Webb said.",
            "The Hawks said in a statement that the win “showed what this group can do when it "
            "is healthy.”",
            "The Hawks have won six of their last seven games.",
            "“It feels like everybody is finally on the same page,” he told reporters after the "
            "game.",
        ],
        "It feels like everybody is finally on the same page",
    ),
    (
        "the writer's own sentence borrowing words: 'the research suggesting …' says nothing",
        [
            "Cleaning crews have used floor polish for decades.",
            "But the research suggesting harm to the lungs of cleaners “has seldom been heeded "
            "by the firms that buy the polish, and many workers are never told about it.”",
        ],
        "has seldom been heeded by the firms that buy the polish, and many workers are never "
        "told about it.",
    ),
    (
        "the same, where the parse makes 'the research' the participle's own subject",
        [
            "Ideally, safer polish should be on sale. Unfortunately, the research suggesting "
            "harm “has seldom been heeded by the firms that buy the polish, and many workers "
            "are never told about it.”"
        ],
        "has seldom been heeded by the firms that buy the polish, and many workers are never "
        "told about it.",
    ),
]


@pytest.mark.parametrize(("case", "paragraphs", "text"), UNSURE, ids=[c[0] for c in UNSURE])
def test_an_unsure_speaker_is_left_unattributed(case: str, paragraphs: list[str], text: str):
    quotes = find_quotes(Article.from_paragraphs(paragraphs), limit=20)
    assert [q.speaker for q in quotes if q.text == text] == [None]


def test_a_title_after_a_preposition_is_no_quote_whatever_follows():
    quotes = find_quotes(
        Article.from_paragraphs(
            [
                "In a recent review of the “Damaging effects of floor polish on the lungs,” "
                "researchers noted that cleaners “were exposed to far higher levels than anyone "
                "had measured before.”"
            ]
        ),
        limit=20,
    )
    assert [q.text for q in quotes] == [
        "were exposed to far higher levels than anyone had measured before."
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Anna Berg tests bread makers for us. She also wrote “Slow Rise Bread,” which explains "
        "the baking process for readers.",
        "There is no single right way to live greener, and a “Glass jar of yearly waste” is "
        "impossible for most families.",
    ],
)
def test_titles_and_terms_are_not_quotes_even_after_a_verb(paragraph: str):
    assert find_quotes(Article.from_paragraphs([paragraph])) == []


def test_an_attribute_of_a_tag_printed_as_text_is_no_quote():
    # a page that prints its embeds' markup: the tweet's attribute values are no one's words
    article = Article.from_paragraphs(
        [
            "The fact-checkers rated the senator's claim on Monday.",
            '<tweet tweet-author=" that young voters face much worse prospects than anyone '
            'else in the job market" tweet-date="Monday">The senator said the rate was high.',
        ]
    )
    assert find_quotes(article) == []
