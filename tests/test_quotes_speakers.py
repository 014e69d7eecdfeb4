"""Who a quote's "he" or "she" is, and what never speaks: invented news sentences."""

from __future__ import annotations

from bot.article import Article
from bot.parsed import Parsed
from bot.pronouns import pronoun_of
from bot.quotes import find_quotes
from bot.speakers import last_subject


def speakers(paragraphs: list[str]) -> dict[str, str | None]:
    """Each quote's first word and its speaker."""
    quotes = find_quotes(Article.from_paragraphs(paragraphs), limit=20)
    return {q.text.split(" ")[0]: q.speaker for q in quotes}


def test_a_pronoun_stands_for_a_possessor_named_just_before():
    assert speakers(
        [
            "Martin Ferro runs the studio with his partner, Colin Avery.",
            "The studio rents out its lamps to film crews.",
            "Colin Avery’s favourite desk lamp is “a brass one from a flea market that still "
            "works after thirty years,” he explains.",
        ]
    ) == {"a": "Colin Avery"}


def test_a_pronoun_stands_for_a_person_in_a_for_phrase_before():
    assert speakers(
        [
            "Martin Ferro has built cabinets in the valley since 1998.",
            "For Colin Avery, it is not the wood that matters most. “A cabinet lives or dies by "
            "its hinges, and cheap hinges fail within a year,” he says.",
        ]
    ) == {"A": "Colin Avery"}


def test_two_people_named_just_before_leave_the_subject_rule_in_charge():
    assert speakers(
        [
            "Martin Ferro read Colin Avery’s letter to the board on Monday.",
            "“We will answer every question the families have asked us,” he said.",
        ]
    ) == {"We": "Martin Ferro"}


def test_the_owner_of_a_reporting_subject_is_not_the_pronoun():
    assert speakers(
        [
            "Martin Ferro was charged with fraud in March.",
            "A lawyer for Ferro said: “My client will plead not guilty to every count.”",
            "“He looks forward to the trial,” she added.",
        ]
    ) == {"My": "A lawyer for Ferro", "He": "A lawyer for Ferro"}


def test_the_subject_of_a_condition_is_no_speaker():
    said = speakers(
        [
            "Nadia Frost has led the choir since 2004.",
            "If the oldest hymn in the book says, “Sing to the harbour and the hills,” why do "
            "we sing so little about the sea?",
        ]
    )
    assert said.get("Sing") is None


def test_what_someone_would_have_said_is_no_quote():
    # words the writer imagines ('would have said'), as 'a customer might comment, “…”'
    said = speakers(
        [
            "Maria Lopez opened her first restaurant in 2019 after years in hotel kitchens.",
            "Where most cooks would have said, “This dish is finished,” she kept tasting.",
            "“We never stop tasting,” Maria Lopez said.",
        ]
    )
    assert said == {"We": "Maria Lopez"}


def test_an_inverted_credit_ending_the_sentence_outranks_a_papers_lead_in():
    assert speakers(
        [
            "Harbour towns are losing their young people.",
            "The Boston Globe reports: “Graduates from the college are leaving for the cities” "
            "within a year of finishing, said Ines Marlow, a lecturer at the college.",
        ]
    ) == {"Graduates": "Ines Marlow"}


def test_a_name_after_his_or_her_in_its_sentence_is_not_the_pronoun():
    assert speakers(
        [
            "Governor Paul Edge said he would keep fighting for the wetlands.",
            "During his tour of the marsh with Colin Avery, he paused.",
            "“I hope the next governor keeps this place as it is,” he said.",
        ]
    ) == {"I": "Paul Edge"}


def test_a_pronoun_after_someone_new_is_not_the_speaker_before():
    # 'One veteran reporter' enters the story as a new, unnamed person: "he" is them (or
    # someone they spoke of), never the source quoted in the paragraph before.
    assert speakers(
        [
            "The newspaper group has been under pressure for months.",
            "“The inquiry will take months,” said a person familiar with the talks.",
            "One veteran reporter, who asked not to be named, lamented what he called the end "
            "of an era. “Before, nobody asked how you got a story,” he said.",
        ]
    ) == {"The": "a person familiar", "Before,": None}


def test_a_pronoun_after_the_speaker_named_again_by_a_title_stays_theirs():
    # 'The senator' names again the one already speaking: "he" is still Lena Marsh.
    assert speakers(
        [
            "“We will vote for the bill on Tuesday,” Senator Lena Marsh said.",
            "The senator said she had spoken to the governor twice. “He knows where I stand,” "
            "she said.",
        ]
    ) == {"We": "Lena Marsh", "He": "Lena Marsh"}


def test_a_name_given_by_a_participle_is_no_quote():
    # 'called', 'known as', 'labeled' right before the marks give a thing its name.
    assert (
        speakers(
            [
                "The speaker has a skill called “/goodmorning” that reads out the weather.",
                "The lenses cause an effect known as “lens flare, which spoils shots” in rain.",
                "On the form, in a box labeled “reason for the visit,” a nurse typed two words.",
            ]
        )
        == {}
    )


def test_a_naming_verb_with_its_own_subject_still_hands_over_a_quote():
    # 'as he was known,' ends a clause: the quote after the comma is the brother's words.
    assert speakers(
        [
            "Freddy, as he was known, “was caught in the middle of it all and never loved the "
            "work,” his brother Tom Baker said.",
        ]
    ) == {"was": "Tom Baker"}


def test_a_term_put_on_a_thing_is_no_quote():
    # A word or two in lowercase that end no sentence, given to no one named: the writer's
    # term for a thing ('an optical effect … "glow"'), not anyone's words.
    assert speakers(
        [
            "The ground looks brighter around the shadow; that’s an optical effect called "
            'gegenschein – literally, "glow" or "holy light" – and is common on sandy ground.',
            "“Enough,” the senator said, and left the room.",
        ]
    ) == {"Enough": "the senator"}


def test_a_name_never_runs_across_a_line():
    # The tagger may join a heading's last words to the name on the line below: a hand-built
    # parse with that mistake in it.
    import spacy
    from spacy.tokens import Doc

    words = ["Breakup", "Rumors", "Watch", "Video", "\n\n", "Willard", "tweeted", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=[True, True, True, False, False, True, False, False],
        heads=[5, 5, 5, 5, 5, 6, 6, 6],
        deps=["compound"] * 4 + ["dep", "nsubj", "ROOT", "punct"],
        pos=["PROPN"] * 4 + ["SPACE", "PROPN", "VERB", "PUNCT"],
        tags=["NNP"] * 4 + ["_SP", "NNP", "VBD", "."],
        ents=["O", "B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O"],
    )
    parsed = Parsed(doc, ("Breakup Rumors Watch Video", "Willard tweeted."))
    assert last_subject(parsed, 1, len(doc.text), 0).name == "Willard"


def test_a_credit_line_under_a_quote_names_its_speaker_above_a_heading():
    # '“…” - Name' closing a paragraph, a heading on the next line: the heading is no part of
    # the name, and no other paragraph's words speak.
    assert speakers(
        [
            "Students choose one of three pathways.",
            "“I wanted to learn more about computers and how they work.” - Karolina Moniuszko",
            "Communications",
            "“Telling teachers about new tools in a creative way is what I like.” - Dulce Lopez",
            "Interaction Between Students and Staff",
            "Students are the first point of contact for problems.",
        ]
    ) == {"I": "Karolina Moniuszko", "Telling": "Dulce Lopez"}


def test_the_subject_of_a_copula_says_nothing():
    # 'One line … was …: “…”' and 'A question asked by … is, “…”' say what a thing is.
    said = speakers(
        [
            "The engineers spent a year rewriting the billing system.",
            "One line that stuck with me was the manual’s first rule of caching: “Never cache "
            "what you cannot invalidate!” Every time you add a cache, you add stale reads, "
            "network calls and retries.",
            "A common question asked by new hires at the plant is, “Should I join the union in "
            "my first month or wait a year?”",
            "Ada Brook, who runs training, said she hears it every week.",
        ]
    )
    assert said.get("Never") is None and said.get("Should") is None


def test_a_name_that_qualifies_the_noun_after_it_is_not_the_speaker():
    # 'said Yale Morgan professor …' (the professor's name lost) names no one; 'Lina Park
    # ally Tom Reyes' is Tom Reyes, not the Lina Park he is an ally of.
    assert speakers(
        [
            "The college opened its new data lab on Monday.",
            "“In just the last five years, the lab has become the busiest building on campus,” "
            "said Yale Morgan professor the founding director of the Centre for Statistics.",
            "“The plan is a costly mistake for the valley and it will be dropped,” said Lina "
            "Park ally Tom Reyes, who chairs the roads committee.",
        ]
    ) == {"In": None, "The": "Tom Reyes"}


def test_a_quote_after_one_that_ends_its_sentence_does_not_inherit_its_speaker():
    # '“…?” If the answer is ‘no’ …': the question mark inside the marks ends the sentence;
    # the writer's hypothetical answers after it are nobody's words.
    said = {
        q.text: q.speaker
        for q in find_quotes(
            Article.from_paragraphs(
                [
                    "Closets fill up fast in winter.",
                    "Tidying coach Mara Lind suggests holding up each shirt and asking yourself, "
                    "“does this still make me happy?” If the answer is ‘no’ or ‘not really,’ it "
                    "is time to give that shirt away.",
                ]
            ),
            limit=20,
        )
    }
    assert said.get("not really") is None


def test_a_name_already_quoted_is_a_person_where_the_tagger_calls_it_an_organisation():
    # The small model tags "Sridhar" an organisation and "Open Graph" a person here: "He"
    # is the Sridhar quoted before, the subject of "says" just before it, not the feature.
    assert speakers(
        [
            "Loafly, an app that books bakery orders, now works with Open Graph, the sharing "
            "feature of a large social network.",
            "Loafly's chief executive, Sravish Sridhar, said the old system only worked on the "
            "web, and bakers asked for more. Bakers want their orders shared, Sridhar says. "
            "“Our bakers kept asking us for this.”",
            "Orders made in the app can now appear on a customer's timeline, because Loafly "
            "keeps the data that Open Graph needs to show them.",
            "The feature costs nothing extra. Sridhar says that the company wanted bakers to use "
            "it freely. He says there are “hundreds” of bakeries on Loafly today.",
        ]
    ) == {"Our": "Sravish Sridhar", "there": "Sravish Sridhar"}


def test_words_the_writer_proposes_are_no_quote_and_words_reported_are():
    proposed = [
        "Fire safety starts at home. Don't ever say, “It won't happen to me, the house is too "
        "new.”",
        "Praise works better than scolding. Use rewards, like saying, “Good dog, you sat down "
        "so nicely!”",
        "A customer might comment, “The soup was cold and the waiter never came back to us.”",
        "The old tablet flickered as if to say, “Not again, please leave me alone in the dark.”",
        "Picture your successor reading the file, saying to herself, “What on earth were they "
        "thinking back then?”",
        "Sit still and breathe. If you’re content, note, “This is what contentment feels like.”",
        "When a launch goes well, it is always good to ask yourself: “Where are we going next?”",
        "She stopped at the door of the hall and asked herself, “What would my mother do now?”",
        "Rather than list duties, I would say “Built a booking system used by 4,000 riders.”",
    ]
    for paragraph in proposed:
        assert find_quotes(Article.from_paragraphs([paragraph]), limit=20) == [], paragraph
    reported = [
        "The mayor left the hall early, saying, “I have said all I can say about this bridge "
        "for today.”",
        "The vote was so late that a spokesman for the council could only quip: “I guess the "
        "night shift was booked.”",
        "A council officer, speaking to reporters, said: “The depot stays shut until the spring "
        "at least.”",
        "Her father, a ferryman all his life, would say, “Never give up on the river, it gives "
        "back.”",
    ]
    for paragraph in reported:
        assert find_quotes(Article.from_paragraphs([paragraph]), limit=20), paragraph


def test_a_name_with_a_typographic_apostrophe_speaks():
    # O’Donnell, D’Souza: the apostrophe is part of the name, not a closing quotation mark.
    assert speakers(
        [
            "The county tour drew crowds of a few hundred in every town it passed through.",
            "“It is taxing on the campaign’s volunteers,” Kathleen O’Donnell said.",
            "“Nobody planned for this many stops,” said Ravi D’Souza, the tour’s driver.",
        ]
    ) == {"It": "Kathleen O’Donnell", "Nobody": "Ravi D’Souza"}


def test_a_pronoun_after_someone_unnamed_in_its_sentence_is_not_the_speaker_before():
    # "he" is the friend, whom the article does not name: unattributed, not Nadia Berg.
    assert speakers(
        [
            "Nadia Berg has followed the party for twenty years. “Its old guard is finished,” "
            "Berg writes.",
            "When I discussed the vote with a friend who follows the party closely, he said, "
            "“The old guard could end up on top after all.”",
        ]
    ) == {"Its": "Nadia Berg", "The": None}


def test_a_name_the_quote_hands_over_to_outranks_a_lead_in_in_the_paragraph_above():
    assert speakers(
        [
            "The county court ruled on the land trust last Friday after a long hearing.",
            "Valley Herald reporter Lena Ortiz says the decision marks a turning point in the "
            "long case:",
            "“We’re pleased. It lets us sell property to pay the debts,” said County Attorney "
            "Mark Hollis, adding that he hopes to begin talks soon.",
        ]
    ) == {"We’re": "Mark Hollis"}


def test_an_inverted_credit_names_the_person_in_apposition_not_the_firm():
    assert speakers(
        [
            "Marta Lind builds bridges in Oslo.",
            "“The old steel frames were badly neglected until the new survey came out,” says "
            "Norbridge design director, Tomas Berg.",
            "“It lets us find every crack before winter. That matters a lot.”",
        ]
    ) == {"The": "Tomas Berg", "It": "Tomas Berg"}


def test_the_agent_of_a_passive_verb_of_saying_said_it():
    assert speakers(
        [
            "Norbridge hired a new crew last year.",
            "The firm wants to keep growing, “so that more towns can cross the water safely "
            "every day,” as stated by its chief executive, Helga Moen, in a recent video.",
        ]
    ) == {"so": "Helga Moen"}


def test_a_quote_in_brackets_takes_no_speaker_from_the_clause_after_them():
    said = speakers(
        [
            "The debate ran late into the night.",
            "A barrage of figures made anchor Lena Park gasp (“Slow down! That is far too many "
            "numbers for me!”) as the analyst went on with every piece of bad news the network "
            "was reporting.",
        ]
    )
    assert said.get("Slow") is None


def test_a_thing_that_does_something_other_than_speak_is_no_speaker():
    said = speakers(
        [
            "Helga Moen runs the build team at Norbridge.",
            "The build server can now sign a statement saying “this package was built from "
            "this exact source tree on this exact day.”",
            "To keep its lead, Norbridge must keep improving, ensuring the bridge continues to "
            "“carry more people safely across the water every single day,” as stated by its "
            "chief executive, Helga Moen, in a recent video.",
            "The company issued a statement saying “we will rebuild the old pier by spring.”",
        ]
    )
    assert said == {"this": None, "carry": "Helga Moen", "we": "The company"}


def test_a_pronoun_after_someone_the_writer_spoke_to_is_them():
    assert speakers(
        [
            "The bakers of the valley won a protected name for their loaf this week.",
            "I spoke to a tired but delighted Rosa Field, head of the bakers' guild. “We first "
            "applied ten years ago,” she says.",
        ]
    ) == {"We": "Rosa Field"}


def test_a_described_speaker_stops_at_the_comma_after_its_noun():
    quotes = find_quotes(
        Article.from_paragraphs(
            [
                "The dispute over the harbour land has dragged on for three years.",
                "The letter, between the lawyers for the two councils, says the harbour plan "
                "“was never costed and should be withdrawn” before the vote.",
            ]
        ),
        limit=20,
    )
    assert [q.speaker for q in quotes] == ["The letter"]


def test_a_pronoun_with_a_rival_of_its_pronoun_named_after_its_antecedent_is_unsure():
    # Carter is "he" by the first sentence, and named after Reed: "he" may be either.
    assert speakers(
        [
            "Bill Carter, the schools superintendent, said he would close two schools next year. "
            "Carter said he had no choice.",
            "Mayor Tom Reed met him on Monday. Carter's plan would cut the bus routes as well.",
            "“It will not work,” he said.",
        ]
    ) == {"It": None}


def test_a_rival_inside_what_the_antecedent_says_or_a_continuing_speaker_keeps_the_pronoun():
    first = (
        "Bill Carter, the schools superintendent, said he would close two schools next year. "
        "Carter said he had no choice."
    )
    assert speakers(
        [
            first,
            "Mayor Tom Reed said Carter's plan would cut the bus routes as well.",
            "“It will not work,” he said.",
        ]
    ) == {"It": "Tom Reed"}
    assert speakers(
        [
            first,
            "“We need more money,” said Mayor Tom Reed. Reed met Carter on Monday. Carter's plan "
            "would cut the bus routes as well.",
            "“It will not work,” he said.",
        ]
    ) == {"We": "Tom Reed", "It": "Tom Reed"}


def test_the_pronoun_a_writer_gives_a_person():
    doc = Article.from_paragraphs(
        [
            "Bill Carter said he would close two schools. Carter said he had no choice. Mayor "
            "Tom Reed praised Carter's plan.",
            "Hillary Clinton said she would campaign in Iowa. Hillary Clinton said she was ready. "
            "Bill Clinton said he would join her.",
            "Ms. Ellen Park left early. Maria Gomez mocked the mayor, saying he was late.",
        ]
    ).doc
    parsed = Parsed(doc, tuple(doc.text.split("\n\n")))
    assert pronoun_of(parsed, "Carter") == "he"
    assert pronoun_of(parsed, "Tom Reed") is None  # "Carter's plan": no pronoun given him
    assert pronoun_of(parsed, "Hillary Clinton") == "she"
    assert pronoun_of(parsed, "Clinton") is None  # two Clintons: the surname alone tells nothing
    assert pronoun_of(parsed, "Park") == "she"
    assert pronoun_of(parsed, "Maria Gomez") is None  # one "he", which may be anyone's


def test_a_pronoun_is_not_resolved_to_someone_the_writer_gives_the_other_pronoun():
    # The interviewer is "he" twice; the "she" who answers is not him.
    assert speakers(
        [
            "Tom Hale, our reporter, said he met the mayor in her office on Monday. Hale said he "
            "asked first about the budget.",
            "“We will cut nothing from the schools,” she said.",
        ]
    ) == {"We": None}


def test_manner_verbs_attribute_a_quote():
    # 'sighed', 'laughed': a quote handed over to them is that person's, not the last subject's
    assert speakers(
        [
            "Ann Rowe lost the race for mayor by 300 votes.",
            "“We were this close,” one of her senior advisers sighed after the count. “So close.”",
            "“I never doubted we would win,” Tom Hale laughed.",
        ]
    ) == {"We": "one of her senior advisers", "So": "one of her senior advisers", "I": "Tom Hale"}


def test_whom_a_question_asks_about_does_not_answer_it():
    # unattributed (or, standing alone with no speaker, left out): never 'Ann Rowe'
    said = speakers(
        [
            "Ann Rowe lost the race for mayor by 300 votes.",
            "How did Ann Rowe lose a race that seemed so close to her grasp a week ago?",
            "“We were this close to winning, and everyone on the team knows it.”",
        ]
    )
    assert said.get("We") is None


def test_a_thing_a_participle_describes_says_nothing():
    # 'in a box labeled “…”': the box carries the words; it is no speaker for the quotes after
    said = speakers(
        [
            "Ana Lima was sent home from the clinic in March.",
            "On the form, in a box labeled “reason for visit,” a nurse had written “exhaustion.”",
            "“I never once felt ill, not for a single day of it,” she said.",
        ]
    )
    assert said.get("I") != "a box"


def test_a_surname_two_people_share_is_not_expanded_to_either():
    # 'Rowe told reporters' after Alex Rowe and his father Tom Rowe: which Rowe is not sure
    said = speakers(
        [
            "Alex Rowe, 24, died on Friday shielding his girlfriend from the falling wall.",
            "Rowe's father Tom Rowe is devastated, but says his son is still with him.",
            "“I'm hollow, but he keeps bringing me hope every day,” Rowe told reporters.",
        ]
    )
    assert said == {"I'm": "Rowe"}


def test_a_he_is_never_a_team_and_a_person_described_by_age_is_not_jumped_past():
    # 'Spurs' is tagged a plural noun (and a person); 'the 22-year-old right back' is the
    # nearest subject, a person not named: not the coach named before him
    assert speakers(
        [
            "Coach Mark Ellis said the squad was tired.",
            "Spurs go into Thursday's clash against Lyon with a depleted squad.",
            "The 22-year-old right back is expected to start.",
            "“I feel ready to play again,” he told reporters.",
        ]
    ) == {"I": None}


def test_a_he_after_a_teams_statement_is_not_the_team():
    assert speakers(
        [
            "“We have had a hard week,” Spurs said in a statement.",
            "“I feel ready to play again,” he told reporters.",
        ]
    ) == {"We": "Spurs", "I": None}


def test_a_surname_tagged_a_plural_noun_is_still_the_person():
    # 'Sanders' after 'Tom Sanders' is tagged a plural noun: a word of a full name still
    assert speakers(
        [
            "Tom Sanders spoke at the hall on Monday.",
            "Sanders told voters the harbour plan was wrong.",
            "“They are too big to fail,” he said.",
        ]
    ) == {"They": "Tom Sanders"}


def test_a_thing_whose_verb_before_the_quote_says_nothing_is_no_speaker():
    # 'asserted' is the patents' verb, but the quotes hang on 'include': titles, no one's words
    article = Article.from_paragraphs(
        [
            "The Norbridge patents asserted against Calvert include ones for an “Adaptive signal "
            "routing method for mesh radios”; “Adaptive signal routing method for mesh radios” "
            "another patent of the same title; and “Establishment of secure channels between low "
            "power devices.”"
        ]
    )
    assert [q.speaker for q in find_quotes(article, limit=20)] == [None, None]


def test_a_handle_that_is_a_clause_after_an_inverted_verb_is_no_speaker():
    # 'Enough' is only the start of the commenter's handle 'Enough is enough'
    assert speakers(
        [
            "“The council never listens to anyone who lives on this side of the river,” wrote "
            "Enough is enough."
        ]
    ) == {"The": None}


def test_a_name_after_an_inverted_verb_still_speaks():
    assert speakers(
        [
            "“The council never listens to anyone who lives on this side of the river,” wrote "
            "Ana Ruiz, who has lived in the valley since 1990."
        ]
    ) == {"The": "Ana Ruiz"}


def test_html_a_page_printed_as_text_is_no_part_of_a_speaker():
    # a page that shows its links' markup: '<a href="…">As HuffPost noted</a>, “…”'
    said = speakers(
        [
            "The bill is long, its critics say.",
            '<a href="http://example.org/2010/bill.html">As HuffPost noted in March</a>, "the '
            'bill runs to 363,086 words," and most of them change nothing.',
        ]
    )
    assert said == {"the": "HuffPost"}


def test_a_speakers_surname_the_tagger_takes_for_a_plural_is_still_the_subject():
    # "Owings" is tagged a plural noun; a word of a full name named before, it is a person's,
    # so the "he" after it is Owings, not the man named in the question after him.
    got = speakers(
        [
            "Tracey Owings is fighting hard to keep the home that has been in his family for"
            " 34 years. In 2009 he lost his job and had no paid work for nine months.",
            '"They have failed me," he says. "Harlan came in offering hope and change but he'
            " failed. I just want to save my mother's house.\"",
            "Owings is voting for the challenger. Does he think Mark Ellison will do better?"
            ' "I\'m willing to try anything at this point," he says.',
        ]
    )
    assert got["I'm"] == "Tracey Owings"


def test_a_name_inside_a_quote_is_not_who_he_is_after_it():
    # 'Tom Reyes' is the subject of a sentence inside Dan Pike's quote: he is spoken of, so
    # the next "he says" is still Dan Pike.
    got = speakers(
        [
            "Dan Pike has run the ferry across the estuary for 20 years.",
            '"Tom Reyes promised us a new harbour wall and then he never built it," he says.',
            "Does he think the new plan will work?"
            ' "Honestly, I am willing to try anything at this point," he says.',
        ]
    )
    assert got["Honestly,"] == "Dan Pike"


def test_a_title_before_the_name_is_not_part_of_the_speaker():
    got = speakers(
        [
            "“Expanding the scheme is the wrong course,” said Majority Whip Stan Saylor.",
            "“We will fight it,” said Assemblywoman Claudia Tenney on Monday.",
        ]
    )
    assert got == {"Expanding": "Stan Saylor", "We": "Claudia Tenney"}


def test_after_an_exclamation_a_capital_opens_a_credit_only_with_a_real_verb():
    # "calls" is a noun in a list ("network calls, fallible connections"): no speaker
    article = Article.from_paragraphs(
        [
            "One line that stuck with me was the first rule of distributed computing: “Don’t"
            " distribute your computing if you can avoid it!” Every time you split a process"
            " into services, you introduce a world of complexity, network calls, fallible"
            " connections and deployment overhead.",
        ]
    )
    assert all(q.speaker != "network" for q in find_quotes(article, limit=20))
    got = speakers(
        [
            "The crowd grew loud outside the hall as the vote went on.",
            "“Get out of our town!” Jane Doe, the chair of the residents group, shouted.",
        ]
    )
    assert got == {"Get": "Jane Doe"}


def test_an_owner_before_the_speakers_name_is_not_part_of_it():
    got = speakers(
        [
            '"People bring their own views to these questions," Pew\'s Kim Parker told the paper.',
            "“We will fight it,” CNN's Gloria Borger said.",
            "“Most voters have made up their minds,” Gallup’s Jeffrey M. Jones wrote.",
        ]
    )
    assert got == {"People": "Kim Parker", "We": "Gloria Borger", "Most": "Jeffrey M. Jones"}
    # the full name a surname resolves to, named first after an owner of several words
    got = speakers(
        [
            "The Harwick Planning Authority's Mary Okafor announced the decision on Monday.",
            "“The plan will bring jobs to the valley,” Okafor said.",
        ]
    )
    assert got == {"The": "Mary Okafor"}
    # An owner of several words is not taken apart: no speaker rather than a headline's words.
    got = speakers(["Trump Praises Daily Planet’s Editor Lois Lane: “Very good reporter.”"])
    assert got.get("Very") is None


def test_an_organisations_title_before_the_speakers_name_is_not_part_of_it():
    got = speakers(
        [
            "“We will land there again,” NASA Administrator Charles Bolden said.",
            "“The league will review it,” Major League Baseball Commissioner Rob Manfred said.",
            "“I am not worried,” the Republican presidential nominee said.",
            "Lawyer Li Fangping wrote: “Whether it is just is another question.”",
            "“Nobody knows what it means,” said former state Treasurer David Rousseau.",
        ]
    )
    assert got == {
        "We": "Charles Bolden",
        "The": "Rob Manfred",
        "I": "the Republican presidential nominee",
        "Whether": "Li Fangping",
        "Nobody": "David Rousseau",
    }
    # a first name that is also a title elsewhere ("Dean Amar") stays a name
    got = speakers(
        [
            "Dean Baker, an economist at a research centre, has studied rents for decades.",
            "“Rents will not fall this year,” Baker said.",
        ]
    )
    assert got == {"Rents": "Dean Baker"}


def test_a_title_alone_before_a_name_gives_the_name():
    got = speakers(
        [
            "Ferah Catering was founded in Dallas in 2015 by a husband and wife team.",
            "“Our goal is to listen first,” says Co-Founder, Stephanie Özcan.",
            "“We plan every menu together,” says Director, Tom Berg.",
        ]
    )
    assert got == {"Our": "Stephanie Özcan", "We": "Tom Berg"}


def test_whom_a_verb_asks_to_do_something_is_not_its_speaker():
    assert speakers(
        [
            "The most shared posts of the year were games. “Like this and I will post your best "
            "feature” asks friends to like a status and wait for an answer in the comments.",
            "“Which way to the station, please?” asks a tourist to the driver of the bus.",
        ]
    ) == {"Like": None, "Which": "a tourist"}


def test_a_speaker_named_back_by_a_demonstrative_is_unattributed():
    # "said this person": a source the paper left unnamed, no one a reader can tell
    assert speakers(
        [
            "One person briefed on the talks said the council had expected the ruling.",
            "“Nobody gets a ruling like this without months of warning,” said this person, "
            "who was not allowed to speak on the record.",
        ]
    ) == {"Nobody": None}


def test_a_quote_inside_another_shown_is_shown_once():
    # the shorter is shown inside the longer, whichever ranks first
    said = find_quotes(
        Article.from_paragraphs(
            [
                "The mayor toured the square. “This is a quiet town,” she said at first.",
                "Later she added: “This is a quiet town, and I want it to stay quiet for the "
                "people who have lived here all their lives.”",
            ]
        )
    )
    assert [q.text for q in said] == [
        "This is a quiet town, and I want it to stay quiet for the people who have lived here "
        "all their lives."
    ]


def test_a_role_in_capitals_is_described_whole_not_cut_to_a_name():
    # "the … Award Nominee" is a role: cut to its capitalised words it read as a name
    assert speakers(
        [
            "“Hello there! My name is Ana Ruiz and I am 30 years old and that is frankly a little"
            " alarming,” explains the three-time Valley Comedy Award Nominee in her new show.",
            "“We will rebuild the barrier before winter,” said the Valley Council Leader.",
            "“The river was higher than anyone had seen,” said the Rev. Peter Wherry.",
        ]
    ) == {
        "Hello": "the three-time Valley Comedy Award Nominee",
        "We": "the Valley Council Leader",
        "The": "Peter Wherry",
    }


def test_an_organisations_whole_name_is_the_speaker_of_a_mixed_quote():
    # spaCy parses "United" as a compound on "Nations", and "Nations" on "Program"
    found = speakers(
        [
            "The United Nations Development Program said in a statement that the legislation "
            "amounted to “state-supported discrimination.”"
        ]
    )
    assert list(found.values()) == ["United Nations Development Program"]


def test_a_quote_standing_alone_is_not_credited_to_a_speaker_two_sentences_back():
    # the sentence just before names who speaks only by its subject: never the panellist
    # who "wondered" two sentences earlier
    found = speakers(
        [
            "The panel on game design ran long on Friday.",
            "Marta Kowalski wondered if studios simply had not tried hard enough. Do weak "
            "scripts still hold games back? Tomas Brandt sees it differently. “In our game you "
            "wake up in a desert and walk to a mountain, and that is the whole story.”",
        ]
    )
    assert found["In"] == "Tomas Brandt"


def test_a_quote_after_two_joined_clauses_is_credited_to_the_last_clauses_subject():
    found = speakers(
        [
            "The newsletter will not change its format, but Dana Whitfield wants it to check "
            "claims as they are made. “We know the town and we know how it works, so we can "
            "ask the question the same morning.”",
        ]
    )
    assert found["We"] == "Dana Whitfield"
