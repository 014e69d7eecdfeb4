"""The one article-body filter: furniture lines out, article sentences kept."""

from __future__ import annotations

import pytest

from bot.furniture import is_caption, is_furniture, strip_furniture


@pytest.mark.parametrize(
    "line",
    [
        "Sunday, December 30, 2007 - Page updated at 12:00 AM",
        "July 24, 2012 12:11 AM",
        "E-mail article Print view Share: Digg Newsvine",
        "| | | | ET |",
        "Home | News | Sport | Weather",
        "Jane Ortega | Valencia, 13 de noviembre de 2024",
        "By Scott Brown",
        "By Jane Doe, Staff Writer",
        "Photo: Reuters/John Smith",
        "(Photo by Jane Doe)",
        "The views expressed in the articles are not necessarily those of the publisher.",
        "Copyright 2008 The Valley Courier. All rights reserved.",
        "Advertisement",
        "by: Jane Doe, Dec 17, 2025",
        "By Jane Doe on October 30, 2012 at 03:56 p.m.",
        "If you buy through our links, we may earn a commission at no cost to you.",
        "This post contains affiliate links.",
        "« Older post: the harbour wall | Main | Newer post: the bus route »",
        "| | | The Valley Blog A blog about the valley.",
        "Notify me of follow-up comments by email",
        "You should like The Valley Blog on Facebook here.",
        "Follow us on Instagram",
        "Comments powered by Blogware",
        "Write to us at: editor::AT::valley::DOT::example",
        "While every effort has been made to follow citation style rules, errors may remain.",
        "Home › Forums › Bus routes",
        "- Read our review of the new bus So good By Jane Doe on October 30, 2012 at 02:10 p.m.",
        "| POSTED ON November 7th, 2012 | 99 COMMENTS | + ADD YOUR COMMENT |",
        "|  |  | The Valley Blog |  |  |",
        "| November 12, 2012 |  | Page 1 of 4 |  |",
        "Read more. . .",
        "Click here",
        "We earn commissions from links on our site, enabling us to deliver independent reviews.",
        "Valleyguide may receive a commission on orders placed through its retail links.",
        "All products featured are independently chosen by us.",
        "- Reviewed by Dr Jane Doe, MD, Editor in Chief",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        "The opinions expressed here are my own.",
        "Posts here do not necessarily reflect the views of my employer.",
        "Valley Radio © 2012 Valley Radio is not responsible for the content of external sites.",
        "The Valley Blog by Jane Doe is licensed under a Creative Commons Attribution License",
        "Also read how to save money on bus fares.",
        "[ Also read The bus timetable: 3 changes – and what they mean. ]",
        "Related Reading: 4 Best Bus Routes for Commuters",
        "11 min read",
        # reading times and relative timestamps, also as list items and after a date
        "- 2 min read",
        "December 15, 2025 // 8 min read",
        "Reading time: 4 minutes",
        "Published 4 hours ago",
        "- 2 days ago",
        "Please turn on JavaScript. Media requires JavaScript to play.",
        "Please consider upgrading your browser software or enabling style sheets (CSS).",
        "Trackbacks are closed, but you can post a comment.",
        "Listed below are links to weblogs that reference Bus route to Harwick approved:",
        # captions: a position label, or a credit after the caption's sentence
        "left: the bus stop on Mill Lane. right: the new timetable board.",
        "Above: volunteers clear the towpath after the flood.",
        "A bus waits at the Harwick stop on its first morning. Picture: Valley Courier",
        "The river at its highest, on Tuesday. (Photo: Jane Doe)",
        "Photo at top by Jane Doe.",
        "Photos above by the Valley Courier staff",
        "(Source: The Valley Archive; Image: the old depot, via the county library.)",
        "Source: Valley Council budget papers, 2012",
        # trafilatura escapes the pipes of a layout table's cell
        "« Older post: the harbour wall \\| Main \\| Newer post: the bus route »",
        "Home \\| News \\| Sport \\| Weather",
        # a newsletter promoting itself
        "The Harwick Brief is a free weekly newsletter for bus users.",
        "Our commuting newsletter has the best routes, delivered right to your inbox.",
        "Was this newsletter forwarded to you? Sign up to get it in your inbox.",
        "Rides, fares and walks for every season. Sign up for our free valley newsletter.",
        "By entering your email address you agree to our Terms of Use and to receive offers.",
        "By signing up, you consent to receive emails from the Courier and its partners.",
        "Get our bestselling guide, with 250 walks for every season of the year.",
        "Download our free app for live bus times.",
        "Posted by Jane Doe on October 31, 2012 in Buses, Harwick, Valley News, Video",
        "Filed under: Local News",
    ],
)
def test_furniture_lines(line):
    assert is_furniture(line)


def test_a_disclosure_paragraph_is_furniture_whole():
    notice = (
        "This post may contain affiliate links. This means that when you click a link and make"
        " a purchase, I make a small commission at no cost to you. I only recommend products"
        " that I have used myself and find helpful. Thank you for supporting the Valley Kitchen!"
    )
    assert len(notice.split()) > 40 and is_furniture(notice)
    # a report on such links opens with the news, not a notice
    news = (
        "Regulators fined the retailer on Monday because its pages did not say which of their"
        " links were affiliate links. The company said it would label every such link from"
        " June, and that readers had never paid more for a product bought through one of them."
    )
    assert len(news.split()) > 40 and not is_furniture(news)


@pytest.mark.parametrize(
    "line",
    [
        "The council met on Tuesday, December 30, and approved the plan by 7 votes to 2.",
        "By the end of the year, the route had carried 40,000 passengers.",
        "Share prices fell 3% after the announcement.",
        "He said the photo had been taken in 2007.",
        "Print newspapers lost readers, the report found.",
        "He said he would follow the matter on Twitter.",
        "The engine is powered by hydrogen, the company said.",
        "The engine is powered by hydrogen.",
        "The agency will earn a commission on every ticket, the filing says.",
        "By Tuesday, officials said the fire was contained.",
        "« Je ne regrette rien », a-t-elle dit devant le conseil.",
        "Il a répondu : « Nous verrons bien »",
        "Prices rose 5% > 3% forecast, and wages / hours fell.",
        "The plan was approved by Jane Doe on October 30, 2012, after a long debate.",
        # list items and table rows are article text, not datelines or menus
        "2. Mondly",
        "- Founded: 2000",
        "24. Night photography",
        "Drivers may earn a commission on each sale, the regulator said.",
        "The report was reviewed by the council on Monday.",
        "The views expressed by residents at the meeting were mostly angry, the chair said.",
        "• Ward councillors and the harbour trust",
        "| Valley town | $147 | 8.5% |",
        "|  | Bus fare | $2.50 – $7.00 |",
        # a data table's row of a date and its values is data, not a dateline
        "| 10/1/2021 | +13.6% |",
        "| March 2020 | 1,250 |",
        "Top tip: buy a weekly ticket, the council says.",
        "The council approved the plan on Monday (the vote was 7/2).",
        "We waited 20 minutes",
        "The bus left 2 days ago.",
        "Fares rose again. (The 2019/2020 fares are in the table below.)",
        "He showed them the picture: the bridge had gone.",
        "The photo at the top of the stairs, taken by her father, shows the old harbour.",
        "The council's weekly newsletter reached 4,000 homes last year, the report said.",
        "Get out of our way, the protesters told the bus drivers.",
        "Posted on the council's website on Monday, the timetable shows 14 buses a day.",
        '"Buy our tickets before the fares rise," the operator urged.',
        "Fake fare refunds land in your inbox looking like council letters, police said.",
        "By entering the depot at night, you agree to be searched, the sign says.",
        "Thousands sign up for the council's bus pass every year, the report said.",
        "Click here to see the bus timetable, then pick the stop nearest to you and check the "
        "times on the board, which the council updates every week in the autumn and winter.",
    ],
)
def test_article_sentences_are_kept(line):
    assert not is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "A crowd waits at the new bus station in Harwick on Monday. (Jane Doe/Valley Press)",
        "The mayor cuts the ribbon on the new route. (@janedoe/Twitter)",
        "Riders wait for the first ferry in Harwick, August 26, 1972. (AFP/AFP/Getty Images)",
        "The harbour wall gave way in the night. Valley TV's Jane Doe reports.",
    ],
)
def test_a_caption_closed_by_its_credit_is_a_caption_not_furniture(line):
    assert is_caption(line) and not is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council approved the plan on Monday (the vote was 7/2).",
        "Fares rose again. (The 2019/2020 fares are in the table below.)",
        "Fares rose again. The council's own survey reports.",
        "The council voted 7 to 2 for the new bus route on Monday, after a long debate in which"
        " residents of Mill Lane, the harbour and the old town all spoke, most of them against"
        " it, and the chair had to call for order twice. (Jane Doe/Valley Press)",
    ],
)
def test_article_lines_are_no_captions(line):
    assert not is_caption(line)


def test_related_heading_ends_the_body_only_after_an_article():
    body = ["word " * 90, "Related Articles", "Celebrity chef opens a restaurant."]
    assert strip_furniture(body) == [body[0].strip()]
    assert strip_furniture(["Related", body[0]]) == ["Related", body[0].strip()]


def test_a_teaser_box_inside_the_article_is_skipped_not_the_rest_of_the_article():
    body = ["word " * 90, "Related", "Celebrity chef opens a restaurant.", "more " * 120]
    assert strip_furniture(body) == [body[0].strip(), body[3].strip()]


def test_a_related_heading_whose_box_the_pass_left_out_does_not_end_the_article():
    on = (
        "This matters because a model can be fooled, or fail on tasks that people find easy, "
        "and the council wants to know how its new bus timetable model reaches its answers."
    )
    body = ["word " * 90, "Related Articles", on, "more " * 20]
    assert strip_furniture(body) == [body[0].strip(), on, body[3].strip()]
    # a teaser whose blurb runs long is still a teaser: a list item
    teaser = "- Best bus passes of 2026: " + on
    assert strip_furniture(["word " * 90, "Related Articles", teaser]) == [body[0].strip()]


def test_a_comment_heading_ends_the_body_whatever_follows():
    body = ["word " * 90, "Comments", "reply " * 200]
    assert strip_furniture(body) == [body[0].strip()]


def test_a_blogs_feed_links_end_even_a_short_post():
    post = "The pencil drawing looks like a photograph, and the artist says it took a month."
    about = "We are people who make things and share how we did it. " * 4
    body = [post, "Subscribe to:", "Post Comments (Atom)", "About the blog", about]
    assert strip_furniture(body) == [post]


def test_a_navigation_row_is_found_inside_a_long_line():
    from bot.furniture import holds_navigation

    line = (
        "« Older post \\| Main \\| Newer post » May 3, 2012 Fares rise again The Port Allan ferry "
        "will cost 20% more from June, the harbour board said on Monday."
    )
    assert holds_navigation(line)
    assert not holds_navigation("The ferry | the bus and the train all run late on Mondays.")


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        (
            "Tuesday, October 23rd, 2012 Warning: The photos below are not for the squeamish.",
            "Warning: The photos below are not for the squeamish.",
        ),
        (
            "Sunday, December 30, 2007 - Page updated at 12:00 AM The council voted to close it.",
            "The council voted to close it.",
        ),
    ],
)
def test_a_date_glued_before_the_first_sentence_is_cut(paragraph: str, kept: str):
    assert strip_furniture([paragraph]) == [kept]


@pytest.mark.parametrize(
    "paragraph",
    [
        "October 23, 2012, was the day the river broke its banks.",  # the date is the subject
        "On October 23, 2012 the river broke its banks at Harwick.",
        "March 3 2012 was the coldest day of the year in Harwick.",
        "Tuesday, October 23rd, 2012 US officials met the mayor.",  # ends on a code: unsure
    ],
)
def test_a_sentence_that_opens_with_a_date_keeps_it(paragraph: str):
    assert strip_furniture([paragraph]) == [paragraph]
