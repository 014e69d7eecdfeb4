"""Key figures: each number with the few words that make it mean something, best first."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.article import Article, split_sentences
from bot.eval.figures import evaluate, same_number
from bot.figures import find_figures
from bot.numbers import numbers_in


def figures_of(*paragraphs: str, limit: int = 8) -> list[tuple[str, str]]:
    article = Article.from_paragraphs(list(paragraphs))
    return [(f.value, f.text) for f in find_figures(article, limit=limit)]


@pytest.mark.parametrize(
    ("sentence", "value", "text"),
    [
        # each way a number is written, with the phrase that carries its meaning
        (
            "Rescuers said two hundred and twenty-five homes were flooded.",
            "two hundred and twenty-five",
            "two hundred and twenty-five homes were flooded",
        ),
        (
            "The old mill still stands a hundred and fifty years later.",
            "a hundred and fifty",
            "The old mill still stands a hundred and fifty years later",
        ),
        (
            "Rescuers said about 1,200 coastal homes were flooded.",
            "1,200",
            "about 1,200 coastal homes were flooded",
        ),
        (
            "Officials said at least 45 miners were trapped underground.",
            "45",
            "at least 45 miners were trapped",
        ),
        (
            "The ferry was hit 9 times by rogue waves on its crossing.",
            "9",
            "The ferry was hit 9 times",
        ),
        (
            "The council shelved 14 “priority projects” after the vote.",
            "14",
            "The council shelved 14 “priority projects”",
        ),
        (
            "The 31 regional airports that remain open are on alert.",
            "31",
            "The 31 regional airports that remain open are on alert",
        ),
        (
            "The club is selling some of its 300 season tickets.",
            "300",
            "The club is selling some of its 300 season tickets",
        ),
        (
            "The firm agreed a $3.2bn takeover of its rival.",
            "$3.2bn",
            "The firm agreed a $3.2bn takeover of its rival",
        ),
        ("Prices in the region rose 17% in a single year.", "17%", "Prices in the region rose 17%"),
        # a state said with a preposition; a span of time and what it is counted from
        (
            "Three inmates are currently on death row in the state.",
            "Three",
            "Three inmates are currently on death row",
        ),
        (  # when, should the verb's clause be too long to show
            "The council would publish every inspection report for the town's flood defences"
            " within 30 days.",
            "30",
            "within 30 days",
        ),
        (
            "She left the school on June 10, three days after her final exams.",
            "three",
            "left the school on June 10, three days after her final exams",
        ),
        ("The convoy drove 60km through the desert at night.", "60km", "The convoy drove 60km"),
        (
            "The budget sets aside £40 million for new schools.",
            "£40 million",
            "The budget sets aside £40 million",
        ),
        (
            "Five climbers were rescued from the ridge by a helicopter.",
            "Five",
            "Five climbers were rescued",
        ),
        (
            "Troops fired more than a dozen flares over the valley.",
            "a dozen",
            "Troops fired more than a dozen flares",
        ),
        (
            "Villagers saw tens of drones circling the dam at dusk.",
            "tens",
            "tens of drones circling the dam",
        ),
        (
            "Marta Ruiz, 52, was named the new head of the lab.",
            "52",
            "Marta Ruiz, 52, was named the new head",
        ),
        # a value with the verb that says what it is, and the short subject when there is one
        (
            "The old pier is now valued at $40m by the trust.",
            "$40m",
            "The old pier is now valued at $40m",
        ),
        (
            "According to the audit, the upgrade would have cost $3m in 2019.",
            "$3m",
            "the upgrade would have cost $3m",
        ),
        (
            "Ticket sales were 12% below the five-year average, organisers said.",
            "12%",
            "Ticket sales were 12% below the five-year average",
        ),
        (
            "The board has approved fewer than half of the 900 applications received.",
            "900",
            "The board has approved fewer than half of the 900 applications",
        ),
        # number words that count people or harm, like digits
        (
            "Four climbers died on the glacier overnight.",
            "Four",
            "Four climbers died on the glacier",
        ),
        (
            "A further six rockets landed near the port.",
            "six",
            "A further six rockets landed near the port",
        ),
        (
            "The museum unveiled the 250th anniversary exhibition.",
            "250th",
            "The museum unveiled the 250th anniversary exhibition",
        ),
        # a mixed number is one value, not its fraction alone
        (
            "The starter lasted 4 and 2/3 innings on Sunday.",
            "4 and 2/3",
            "The starter lasted 4 and 2/3 innings",
        ),
        ("The new board is 5 1/2 inches wide.", "5 1/2", "The new board is 5 1/2 inches wide"),
        # a date to come, without the full stop that ends its sentence
        (
            "The new bridge will open to traffic on Saturday, 18th August.",
            "18th August",
            "The new bridge will open to traffic on Saturday, 18th August",
        ),
        # a whole number and a half is one value
        (
            "Beginners finish the plan over 2 and a half months.",
            "2 and a half",
            "Beginners finish the plan over 2 and a half months",
        ),
        # a phrase that opens inside a name opens with the whole name
        (
            "Maria Lopez, founder of New York Pilates who's been teaching Pilates for 18 years,"
            " tells the paper it is back.",
            "18",
            "New York Pilates who's been teaching Pilates for 18 years",
        ),
        # degrees are part of the value, with or without a space, also as one sign
        (
            "The pipes work at temperatures of up to 93 °C in summer.",
            "93 °C",
            "The pipes work at temperatures of up to 93 °C",
        ),
        ("The kettle keeps water at 85℃ for an hour.", "85℃", "The kettle keeps water at 85℃"),
        # rupees written "Rs" with a South Asian scale word: one value, money
        (
            "The trust agreed to give Rs 25 lakh a year for five years.",
            "Rs 25 lakh",
            "The trust agreed to give Rs 25 lakh",
        ),
        # a vague size of a size is one value: never "Tens" alone
        (
            "Tens of millions of viewers watched the final in the city.",
            "Tens of millions",
            "Tens of millions of viewers watched the final",
        ),
        # a fraction in words is one value, never its first word
        (
            "Firearms were used in two-thirds of the county's murders last year.",
            "two-thirds",
            "Firearms were used in two-thirds of the county's murders",
        ),
        (
            "About three quarters of voters backed the plan on Monday.",
            "three quarters",
            "About three quarters of voters backed the plan",
        ),
        # a figure in brackets comes with what the brackets are on, closed
        (
            "Use a smaller plate (nine inches across, or less) at dinner.",
            "nine",
            "Use a smaller plate (nine inches across, or less)",
        ),
        # a bound is part of the figure: "or less" is not left out
        (
            "Most donations to the campaign were $250 or less, its filing shows.",
            "$250",
            "Most donations to the campaign were $250 or less",
        ),
        # a ratio is one value, and a scale joined by a hyphen is part of its number
        (
            "The new phones use a 16:9 aspect ratio.",
            "16:9",
            "The new phones use a 16:9 aspect ratio",
        ),
        (
            "The two-hundred guests left at noon.",
            "two-hundred",
            "The two-hundred guests left at noon",
        ),
    ],
)
def test_each_number_form_comes_with_its_phrase(sentence: str, value: str, text: str) -> None:
    assert (value, text) in figures_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "(Mar 3, 2014  6:12 AM CDT)",  # a wire-style dateline
        "SAO PAULO, Nov 7 (Reuters) - Councillors say they will look into the stadium deal.",
        "Analysts say the firm will miss targets, which fell after May 9's filing.",
        "The hearing took place on March 12, 2021, at 9.15am in the county court.",
        "The bridge over the estuary first opened to traffic in 1998.",
        "Crowds gathered at 11pm and again at 06:30 for the procession.",
        "Delegates at the G20 talks discussed Covid-19 and the AK-47 trade.",
        "One man at the scene said the noise was deafening.",
        "The 19th-century mill is now a museum of the 21st century.",  # a century is a time
        "Search engines were simpler in the 90’s, and in the '80s.",  # decades
        "It was no landslide like LBJ in '64, and the ’32 Ford still sells.",  # short years
        "Lenders send a Form 1099-C and firms file a 10-K.",  # forms' codes
        "NASA flew its 747 Shuttle Carrier Aircraft over the bay.",  # one named thing
        "The king holds the title Custodian of the Two Holy Mosques.",
        # a number inside a joke phrase set as one word
        "This story comes from the not-one-of-our-two-best-ideas dept. of the council.",
        # a kind's or a part's number, and a number a name carries after a hyphen
        "Most of the patients had type 2 diabetes, and the trial is now in phase 3.",
        "The law builds on section 12 of the act, as chapter 4 of the report explains.",
        "Fish oil is rich in omega-3 fats and peptide-1 drugs are in short supply.",
        # a model's or a version's number, though the parse takes it for a count
        "The lab retrained its open Olmo 3 models on new data.",
        "We also shrank Olmo 2 1B, and Olmo 2 now runs on a laptop.",
        "The sign quoted John 3:16 and the pastor read Romans 8:1 aloud.",  # verses
        # a month and a day after a weekday are a date, no fraction
        "The band plays Tuesday (11/13) at the hall and Thursday 11/15 at the club.",
        # a number glued to an adjective names a kind of thing
        "The mirror is two-way and the hall shows three-dimensional films on one-sided screens.",
        # a format of a meeting or a game, and the page's reading time
        "The coach offers 1-on-1 sessions, one-on-one talks and a 3-on-3 league.",
        "Written by Jane Doe, updated Dec 3, 2025 - 12 min read.",
        # a number word as part of a compound
        "The memo could deep-six the merger, and the all-in-one plan got a high-five.",
        # a heart, a shot size and a century in words
        "I <3 covered dishes and shot Federal 000 buck in the twenty-first century.",
    ],
)
def test_dates_clock_times_years_and_names_are_not_figures(sentence: str) -> None:
    assert figures_of(sentence) == []


def test_periods_of_a_year_are_no_fraction() -> None:
    found = figures_of("Sales fell in the first two quarters of the year, the chain said.")
    assert [value for value, _ in found] == ["two"]


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Police were called at about 7 last night, and 12 people were hurt.", ["12"]),
        ("I woke up in the morning about 7 or 8 and found 40 messages waiting.", ["40"]),
        ("The ferry leaves at 9 every morning with 300 passengers.", ["300"]),
        ("The players gave a high-five to 20 fans.", ["20"]),  # no range "five to 20"
        ("The headphones cut noise by 10-40dB on a long flight.", ["10-40dB"]),
        # durations are figures
        ("The siege lasted 48 hours and the talks 30 minutes.", ["48", "30"]),
        ("The show returns for an 11-night run.", ["11"]),
    ],
)
def test_clock_times_written_as_bare_numbers_are_left_out(sentence: str, kept: list[str]) -> None:
    assert sorted(value for value, _ in figures_of(sentence)) == sorted(kept)


def test_a_clock_time_makes_way_for_the_next_figure() -> None:
    found = figures_of("Police were called at about 7 last night. Officers found 12 cars.", limit=1)
    assert [value for value, _ in found] == ["12"]


def test_a_phrase_never_ends_on_a_stray_quotation_mark() -> None:
    found = figures_of("“We were given 30 days” to leave, the tenant said.")
    assert found == [("30", "We were given 30 days")]


@pytest.mark.parametrize(
    ("paragraphs", "kept"),
    [
        (  # a table's cells say nothing on their own
            [
                "Rents rose in most cities this year, a survey of 4,000 tenants found.",
                "| City | Rent | Change |",
                "| Denver | $1,470 | 8.5% |",
                "Landlords said the rises would slow next year.",
            ],
            "a survey of 4,000 tenants",
        ),
        (  # a gallery counter, a bare price, a list's number: no word to mean something
            [
                "1 / 12",
                "The ferry carried 340 passengers when its engine failed off the cape.",
                "$41,250",
                "- 7731",
                "$38 to $275",  # a range's "to" is no word of its own
                "$0 or $16",  # nor are the "or" of two prices
            ],
            "The ferry carried 340 passengers",
        ),
    ],
    ids=["table rows", "numbers with no words"],
)
def test_lines_that_say_nothing_on_their_own_give_no_figures(
    paragraphs: list[str], kept: str
) -> None:
    assert [f.text for f in find_figures(Article.from_paragraphs(paragraphs))] == [kept]


def test_a_date_with_a_comma_after_the_month_is_a_date_not_a_bare_day() -> None:
    found = figures_of("The enrolment period runs until Tuesday, January, 6 2026.")
    assert "6" not in [value for value, _ in found]
    # without a year after it, the number after a month and a comma counts something
    assert [v for v, _ in figures_of("In January, 6 people died on the river road.")] == ["6"]


def test_a_date_that_is_the_news_is_kept() -> None:
    found = figures_of("Ministers will meet on Nov. 15 to agree a rescue plan for the port.")
    assert [value for value, _ in found] == ["Nov. 15"]


def test_a_restatement_in_brackets_is_one_figure() -> None:
    found = figures_of("The camp lies about 25 miles (40km) north of Leeds and holds 900 people.")
    assert ("25", "The camp lies about 25 miles (40km) north of Leeds") in found
    assert not any(value == "40km" for value, _ in found)


def test_the_same_number_twice_is_one_figure() -> None:
    found = figures_of(
        "Strikers shut 12 depots on Monday.", "By Friday all 12 depots had reopened."
    )
    assert [value for value, _ in found] == ["12"]


def test_the_newsworthy_count_ranks_before_incidental_numbers() -> None:
    found = figures_of(
        "(Jun 2, 2022  4:10 PM CDT) Flooding forced at least 3,000 residents from their homes "
        "in the river valley, officials said.",
        "The mayor, who has held office for 2 years, said 4 shelters had opened.",
        "The river last burst its banks in 1987, when it rose by 3 metres.",
    )
    assert found[0] == ("3,000", "forced at least 3,000 residents")
    assert len(found) >= 3 and "1987" not in [value for value, _ in found]


def test_the_ranking_is_the_learned_one_and_the_repeated_lead_figure_comes_first() -> None:
    from bot.figure_rank import FEATURES, ranker

    model = ranker()  # bot/data/figure-ranker.json, written by bot.eval.train_figures
    assert len(model.coef) == len(FEATURES)
    found = figures_of(
        "The storm cut power to 12,400 homes on Tuesday, the utility said.",
        "Crews restored 3 lines overnight. By noon 12,400 homes were still dark.",
    )
    assert found[0][0] == "12,400"  # in the lead and repeated: what the story is about
    assert [v for v, _ in found].count("12,400") == 1


def test_a_verb_led_frequency_is_still_the_news() -> None:
    found = figures_of("The lighthouse was struck 11 times in one storm, the keeper said.")
    assert found == [("11", "The lighthouse was struck 11 times")]


def test_every_figure_is_verbatim_from_the_article() -> None:
    article = Article.from_paragraphs(
        [
            "Storms cut power to 48,000 homes and closed 3 motorways, the agency said.",
            "Engineers restored about 70% of supplies overnight, at a cost of $12.5m.",
            "A further seven crews – some of its 40 teams – were sent north.",
        ]
    )
    found = find_figures(article)
    assert len(found) >= 5
    for f in found:
        assert f.value in f.text and f.text in f.sentence and f.sentence in article.text


def test_no_more_figures_than_the_limit() -> None:
    text = " ".join(f"Team {i} scored {10 + i} points in {20 + i} games." for i in range(12))
    assert len(figures_of(text)) == 8
    assert len(figures_of(text, limit=3)) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,500 troops and 1500 more", {"1500"}),
        ("five boats, 5.0 metres", {"5"}),
        ("a $3.2bn deal", {"3.2", "3200000000"}),
        ("a dozen eggs and twenty-one hens", {"12", "21"}),
        ("a half dozen tips, a half-dozen more and half a dozen after", {"6"}),
        ("only two dozen psychiatrists and three-dozen nurses", {"24", "36"}),
        # South Asian English scales: a lakh is 100,000, a crore 10,000,000
        ("a grant of Rs 25 lakh and three lakh more", {"25", "2500000", "300000"}),
        ("over 2 and a half months", {"2", "2.5"}),
    ],
)
def test_numbers_in_lists_numbers_in_normalised_form(text: str, expected: set[str]) -> None:
    assert numbers_in(text) == expected


@pytest.mark.parametrize(
    ("value", "gold", "same"),
    [("1,500", "1500", True), ("5.0", "5", True), ("five", "5", True), ("$3.2bn", "3.2", True),
     ("a dozen", "12", True), ("15", "1.5", False), ("9/11", "9/11", True)],
)  # fmt: skip
def test_eval_compares_numbers_not_spellings(value: str, gold: str, same: bool) -> None:
    assert same_number(value, gold) is same


def test_eval_scores_a_small_set_and_skips_without_data(tmp_path: Path) -> None:
    assert evaluate(tmp_path) == []
    (tmp_path / "figures").mkdir()
    rows = [
        ("(Jan 5, 2012  9:00 AM) A blaze destroyed 40 homes in the hills.", "40", "Copy( 40 )"),
        ("(Jan 6, 2012  9:00 AM) In 2011, 7 ships sank off the cape.", "2011", "Copy( 2011 )"),
        ("(Jan 7, 2012  9:00 AM) Nine hikers were found.", "9", "Trans( nine )"),
    ]
    with (tmp_path / "figures" / "numhg-fold1-val.csv").open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["text", "summary", "cloze", "cloze_gt", "cloze_annotation"])
        for text, gold, how in rows:
            writer.writerow([text, "headline", "cloze", gold, how])
    scores = {s.metric: s for s in evaluate(tmp_path)}
    recall = scores["headline number in first 4"]
    assert recall.value == 1.0 and recall.items == 1  # the year and the Trans row are left out
    assert recall.anchors["first four numbers"] == 0.0  # the dateline's numbers come first
    assert scores["figures not verbatim"].value == 0


@pytest.mark.parametrize(
    "sentence",
    [
        "For tickets call 020 7946 0958 or visit the box office before the show.",
        "1. Preheat the oven and grease the tin with butter before you start.",
        "#2: Every post must be useful to someone who works in the trade.",
        "Step 3: Sand the edges of the shelf before you paint it.",
        "4 – Fresh vegetables are more nutritious than frozen ones.",
        "- 3 Know what you pay for before you sign the rental form at the desk.",
        "Tip #4: Keep the receipts for your tax return in one folder.",
        "5: How do I choose the right plumber for an old house?",
        "+ 10. Parlour palm, which copes with a dark hallway and little water.",
        "The meeting starts at 14:30 in the main hall of the town council.",
        "Readers can quote reference 40213377 when they write to the paper.",
        "View Rate : 106",
        "Order the seed mix at www.example.com/eco-friendly-8-qt-seed-mix.html today.",
        "See shop.example.com/pages/terrariums-1 for the kits.",
        "Psychiatry Rev. Published online. doi: 10.4103/0973-6131.98212.",
        "UNIDENTIFIED PERSON #4: Whoo, this side, you are going to yell boot.",
        "The tracking code UA-4364251-1 was added to every page of the site.",
        "Research done at the school and elsewhere [1-3] supports the plate [4, 7].",
        "Most under-18s and 18-24s in the town prefer the bus to the train.",
        "Most 18- to 24-year-olds and adults ages 25 to 34 in the town prefer the bus.",
        "Those aged 18 to 24 in the town prefer the bus to the train.",
        "Monks in the valley were drinking coffee around 750 AD, and by AD 900 in town.",
        "Emperor Ho (79-106AD) and the abbot Oderic (1079-1142) both wrote of the valley.",
        "The app has not been updated since release 0.13.0, so firmware v30.101 stays.",
        "The council hired a 3rd-party vendor to run the new parking app for the town.",
        "The new chef signed a seven-figure deal and now earns six figures a year.",
        "Readers may dial the help line at 855-543-HELP with questions about the recall.",
        "Write to the clinic at its office in Rockville, MD 20852-9787 with questions.",
        "The design is plain: a small server, an SQLite database,2 and a form that sends links.",
        "Savers can use free tools, like the bank's Savings Planner™1, to automate deposits.",
        "The method appeared in the proceedings of the geometry conference (GEOCON'98) last year.",
        "utm_source=mail&utm_id=30&campaign=Sp3ringSale2024",
        "The class teaches parents of 2, 3, and 4 year olds to settle them at night.",
        "After the trial lesson, parents can book packages of 5, 10, 15 or even 20 hours.",
    ],
)
def test_page_junk_is_not_a_figure(sentence: str) -> None:
    assert figures_of(sentence) == []


@pytest.mark.parametrize(
    ("language", "sentence", "value", "number", "unit"),
    [
        ("de", "Die Arbeitslosenquote stieg im Mai auf 37,5 % in der Region.", "37,5 %", 37.5, "%"),
        ("de", "Zum Protest kamen nach Angaben der Polizei 1.500 Menschen.", "1.500", 1500.0, None),
        (
            "de",
            "Der Schaden wird auf 4,2 Millionen Euro geschätzt.",
            "4,2 Millionen Euro",
            4.2e6,
            "EUR",
        ),
        (
            "fr",
            "Selon les syndicats, 250 000 personnes ont manifesté à Paris.",
            "250 000",
            250000.0,
            None,
        ),
        ("fr", "Le billet coûte désormais 12,50 € pour les adultes.", "12,50 €", 12.5, "EUR"),
        ("es", "Un terremoto de magnitud 4,4 sacudió la costa de Chile.", "4,4", 4.4, None),
        (
            "es",
            "La obra costará 3,2 millones de euros según el ayuntamiento.",
            "3,2 millones",
            3.2e6,
            "EUR",
        ),
        ("en", "About 1.500 tonnes of grain were lost in the fire.", "1.500", 1.5, "t"),
        ("en", "The firm agreed a $3.2bn takeover of its rival.", "$3.2bn", 3.2e9, "USD"),
        ("en", "Wedding gowns start from S$2,000 at most tailors.", "S$2,000", 2000.0, "SGD"),
        ("en", "The fund paid NZ$4.5 million to the families.", "NZ$4.5 million", 4.5e6, "NZD"),
        ("en", "The convoy drove 60km through the desert at night.", "60km", 60.0, "km"),
        ("en", "Turnout fell to about eight percent in the city.", "eight percent", 8.0, "%"),
        # electrical and sound units against the number
        ("en", "The new chip runs at 3.2GHz in the laptop.", "3.2GHz", 3.2, "GHz"),
        ("en", "Its battery holds 5,000mAh, twice the old one.", "5,000mAh", 5000.0, "mAh"),
        ("en", "The headphones cut cabin noise by 30dB on the flight.", "30dB", 30.0, "dB"),
    ],
)
def test_values_are_read_in_the_articles_language(
    language: str, sentence: str, value: str, number: float, unit: str | None
) -> None:
    article = Article.from_paragraphs([sentence], language=language)
    figure = next(f for f in find_figures(article) if f.value == value)
    assert figure.number == pytest.approx(number)
    assert figure.unit == unit


@pytest.mark.parametrize(
    ("sentence", "value", "text"),
    [
        # the words the parse says carry the number's meaning stay in its one verbatim span
        (
            "A new survey found that one in four Britons skip breakfast.",
            "one in four",
            "one in four Britons",
        ),
        (
            "We do not need up to 13 million more people in this country, he said.",
            "13 million",
            "We do not need up to 13 million more people",
        ),
        (
            "Minnesota only scored 44 points in the second half.",
            "44",
            "Minnesota only scored 44 points",
        ),
    ],
)
def test_the_parse_keeps_what_changes_a_numbers_meaning(
    sentence: str, value: str, text: str
) -> None:
    found = figures_of(sentence)
    phrase = next(t for v, t in found if v == value)
    assert phrase.startswith(text) and len(phrase.split()) <= 12


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The board gave Councillor Paladino 24 hours to answer.", "24"),  # a person, then a count
        ("He moved to Pennsylvania 10 years ago with his family.", "10"),  # a time after a place
        ("The fund paid USD 500 to each of the farmers.", "500"),  # a currency's code
        ("The singer died on Monday at age 61 in her home.", "61"),  # a measure's value
        ("The region was shaken by a magnitude-8.8 quake.", "8.8"),
        ("“Use 4 spaces for each indent,” the style guide says.", "4"),  # a clause's first word
    ],
)
def test_a_count_after_a_capitalised_word_stays_a_figure(sentence: str, value: str) -> None:
    assert value in [v for v, _ in figures_of(sentence)]


def test_a_reference_to_a_source_is_no_figure() -> None:
    found = figures_of(
        "The catering industry could reach $124 billion by 2032 (1). Most guests now order "
        "by phone [2], and the winner gets two (2) nights at the lodge."
    )
    assert sorted(value for value, _ in found) == ["$124 billion", "two"]
    # after a name, a number in brackets is an age or a score
    assert figures_of("Jane Doe (34), a teacher, was taken to hospital after the crash.") == [
        ("34", "Jane Doe (34), a teacher, was taken")
    ]


def test_a_phrase_does_not_end_on_the_word_that_opens_a_reason() -> None:
    article = Article.from_paragraphs(["Repairs cost the council $18,000 due to the storm."])
    for parse in (False, True):
        texts = [f.text for f in find_figures(article, parse=parse)]
        assert texts and not any(t.endswith(" due") for t in texts), texts


def test_a_table_row_is_no_figure_even_where_a_cell_ends_a_sentence() -> None:
    # a cell's full stop cut the row in two, and the first half no longer read as a row
    assert figures_of("| Play Time | Varies, usually up to 1 hour. |") == []
    assert split_sentences("| Play Time | Varies, usually up to 1 hour. |") == [
        "| Play Time | Varies, usually up to 1 hour. |"
    ]
    # a cell that is a paragraph is prose laid out in a table, read sentence by sentence
    prose = (
        "| Cloud costs | Analysts expect public cloud spending to reach $679 billion by the end"
        " of the year. Firms are moving their budgets to match. |"
    )
    assert [value for value, _ in figures_of(prose)] == ["$679 billion"]
