"""Extraction: metadata, no page furniture in the body, stubs refused with a reason."""

from __future__ import annotations

import json

import pytest

from bot.article import Article, split_sentences
from bot.errors import NotAnArticle
from bot.extract import extract, read_body
from bot.fetch import Page
from bot.html_body import Pass, baseline_pass, choose, fuller, last_resort, recall_only

URL = "https://valleycourier.example/news/harwick"
BODY = (
    "The county council approved a new bus route on Tuesday after a two-year campaign by "
    "villagers who said they had been cut off from the nearest hospital. The route will run "
    "every hour from seven in the morning until ten at night, and the first bus leaves the "
    "village green next month. Campaigners said the decision would change lives for older "
    "residents who no longer drive, and the council said it would review passenger numbers "
    "after a year to decide whether to keep the service running."
)


def test_html_page_gives_body_and_metadata(example_html):
    article = extract(Page(URL, example_html, "text/html"))
    assert (article.title or "").startswith("Harwick floods: river barrier failed")
    assert (article.site, article.author) == ("The Valley Courier", "Priya Natarajan")
    assert article.published == "2025-03-14"
    assert article.language == "en"
    assert article.paragraphs[0].startswith("The river barrier that gave way")
    assert article.paragraphs[-1].startswith("Osei said the town had been lucky")


@pytest.mark.parametrize(
    "furniture",
    ["You May Also Like", "Leave a Reply", "cup final", "sourdough", "cookies", "Share this"],
)
def test_no_page_furniture_reaches_the_body(example_html, furniture):
    assert furniture not in extract(Page(URL, example_html, "text/html")).text


def test_plain_text_is_taken_as_is_up_to_the_trailing_teasers():
    text = (
        f"{BODY}\n\nA second paragraph\nwrapped over two lines.\n\nLeave a Reply\n\n"
        "Your email address will not be published.\n\nYou May Also Like\n\nCelebrity chef opens"
        " a restaurant in 14 cities."
    )
    article = extract(Page(None, text, "text/plain"))
    assert article.paragraphs == (BODY, "A second paragraph wrapped over two lines.")
    assert "chef" not in article.text


def test_a_related_heading_at_the_top_is_not_the_end():
    article = extract(Page(None, f"Related\n\n{BODY}", "text/plain"))
    assert BODY in article.text


def test_short_page_is_not_an_article():
    with pytest.raises(NotAnArticle, match=r"too little text to be an article \(5 words\)"):
        extract(Page(URL, "<html><body><p>Welcome to our home page.</p></body></html>", ""))


def test_paywall_stub_is_refused_with_the_reason():
    html = (
        "<html><body><article><h1>Budget row</h1><p>Ministers clashed over spending plans on "
        "Monday as the deadline for a deal drew closer.</p><p>Subscribe to continue reading. "
        "Already a subscriber? Log in.</p></article></body></html>"
    )
    with pytest.raises(NotAnArticle, match="paywall or login page"):
        extract(Page(URL, html, "text/html"))


def test_page_without_any_article():
    with pytest.raises(NotAnArticle):
        extract(Page(URL, "<html><body><nav><a href='/'>Home</a></nav></body></html>", ""))


def _page(body: str, head: str = "<title>Bus route to Harwick | The Valley Courier</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "preamble",
    [
        "\ufeff",
        "\n\n   ",
        "<!-- generated 0.45s -->\n",
        "<!--[if IE]><link rel='stylesheet' href='ie.css'><![endif]-->",
        "<script>var ads = '<div>' + 1;</script>",
        '<?xml version="1.0"?>\n<!-- V6 -->\n',
    ],
)
def test_html_after_a_preamble_is_still_html(preamble):
    html = preamble + _page(f"<article><h1>Bus route to Harwick</h1><p>{BODY}</p></article>")
    article = extract(Page(URL, html, "text/html"))
    assert article.text == BODY
    assert "endif" not in article.text and "<" not in article.text


def test_markup_is_sniffed_even_without_a_document_tag():
    html = "<!-- menu -->" + "".join(f"<div><p>{s}.</p></div>" for s in BODY.split(". "))
    assert "<" not in extract(Page(None, html, "")).text


def test_plain_text_that_mentions_a_tag_stays_plain_text():
    text = f"Use the <p> tag for paragraphs, the guide says.\n\n{BODY}"
    article = extract(Page(None, text, "text/plain"))
    assert article.paragraphs[0].startswith("Use the <p> tag")


def test_boxes_marked_as_disclaimer_disclosure_sign_up_or_author_bio_are_not_body():
    boxes = (
        '<div class="Affiliate-Disclaimer">When you buy through our links we may earn a '
        "commission, which never shapes what our reporters choose to cover.</div>",
        '<div id="signup-box"><p>Delivered once a week, it is your curated guide to the most '
        "important conversations in town and the people behind them.</p></div>",
        '<div class="author-bio"><p>With 30 years in journalism, Ana specializes in covering '
        "transport and the council for the paper and its podcast.</p></div>",
        '<div class="post-author-box"><h4>About Ana Ruiz</h4><p>I founded this blog to give the '
        "valley the transport news it really needed, after years of reading others.</p></div>",
        '<div id="profile-container"><h2>About Me</h2><p class="profile-textblock">Transport '
        "reporter, cyclist and bus fan. I have covered the valley for nineteen years.</p></div>",
    )
    # a pop-up notice above the headline
    notice = (
        '<div class="AdvertisingDisclosureWrapper"><div>Advertising Disclosure</div><p>Harwick '
        "Transit Guide aims to help riders make informed decisions. We research and recommend "
        "passes and services, investing thousands of hours each year in this process.</p></div>"
    )
    html = _page(
        f"<article>{notice}<h1>Bus route to Harwick</h1><p>{BODY}</p>{''.join(boxes)}</article>"
    )
    assert extract(Page(URL, html, "text/html")).text == BODY


def test_br_separated_body_is_read():
    lines = "<br><br>".join(BODY.split(". "))
    html = _page(f"<table><tr><td>{lines}</td></tr></table>")
    assert extract(Page(URL, html, "text/html")).word_count >= 70


def test_a_table_that_lays_out_the_page_keeps_its_paragraphs():
    # a 2008-era page: masthead, menu and post in the cells of one table; read as a data
    # table, the post ran into one row "| | | Harwick Notes … | | |"
    paragraphs = [
        "The council voted on Tuesday to keep the night bus to Harwick running until June, "
        "after two hundred riders signed a letter asking it to stay.",
        "The route costs the town about four thousand pounds a month, the treasurer said, and "
        "the money will come from the parking fund rather than from the rates.",
        "Riders said the last bus home from the hospital was the only way back for shift "
        "workers, and that a taxi costs more than a whole day of their pay.",
    ]
    post = "".join(f"<p>{p}</p>" for p in paragraphs)
    menu = "<ul><li><a href='/'>Home</a></li><li><a href='/archive'>Archive</a></li></ul>"
    html = _page(
        "<table class='main'><tr><td class='masthead'>Harwick Notes</td></tr>"
        f"<tr><td class='menu'>{menu}</td><td class='content'><h3>Night bus stays</h3>{post}"
        "</td></tr></table>"
    )
    body = extract(Page(URL, html, "text/html"))
    assert all(p in body.paragraphs for p in paragraphs)
    assert not any("|" in p for p in body.paragraphs)
    # a table of data keeps its rows
    rows = "".join(f"<tr><td>Stop {n}</td><td>{n * 4} riders</td></tr>" for n in range(1, 4))
    data = _page(f"<article>{post}<table>{rows}</table></article>")
    assert any("|" in p for p in extract(Page(URL, data, "text/html")).paragraphs)


def test_a_paragraph_wrapped_by_line_breaks_keeps_its_sentences_whole():
    # a text pasted with its line ends: each <br> would cut a sentence into two paragraphs
    words = BODY.split(" ")
    wrapped = "<br />\n".join(" ".join(words[i : i + 9]) for i in range(0, len(words), 9))
    address = "The Valley Courier<br />12 Mill Lane<br />Harwick HW1 2AB"
    html = _page(
        f"<article><h1>Bus route to Harwick</h1><p>{wrapped}</p><p>{address}</p></article>"
    )
    article = extract(Page(URL, html, "text/html"))
    lines = address.split("<br />")
    body = [p for p in article.paragraphs if p not in lines]
    assert " ".join(body) == BODY  # broken only where a sentence ends
    assert all(sentence.endswith(".") for sentence in article.sentences if sentence not in lines)
    # an address's short lines keep their breaks
    assert "The Valley Courier 12 Mill Lane" not in article.text


def test_a_line_end_in_the_source_text_cuts_no_sentence_except_in_preformatted_text():
    # a blog post typed into a <div> with hard line ends, its paragraphs set off by <br>s
    words = BODY.split(" ")
    typed = "\n".join(" ".join(words[i : i + 9]) for i in range(0, len(words), 9))
    code = "<pre>make\ninstall</pre>"
    html = _page(f"<h1>Bus route to Harwick</h1><div>{typed}<br /><br />{code}</div>")
    article = extract(Page(URL, html, "text/html"))
    typed_paragraphs = article.paragraphs[:-2]
    assert " ".join(typed_paragraphs) == BODY
    assert all(p.endswith(".") for p in typed_paragraphs)  # broken only where a sentence ends
    assert article.paragraphs[-2:] == ("make", "install")  # its lines kept


SECOND = (
    "Bus companies were asked to bid for the route by the end of the month, and the council "
    "expects to name the operator before the summer holidays begin."
)


@pytest.mark.parametrize(
    "inline",
    [
        {"county council": '<a href="/council">county council</a>', "older": "<i>older</i>"},
        # the space before the link's words inside it: 'run<a href="…"> every hour</a> from'
        {"run every hour": 'run<a href="/timetable"> every hour</a>'},
    ],
)
def test_links_in_text_loose_in_a_div_cut_no_sentence(inline: dict[str, str]):
    # an older blog's post typed straight into a <div>, with links and italics in its text
    linked = BODY
    for words, marked in inline.items():
        linked = linked.replace(words, marked)
    post = f"<h2>Bus route to Harwick</h2>\n    {linked}<p /><div>{SECOND}</div>"
    article = extract(Page(URL, _page(f'<div id="post">{post}</div>'), "text/html"))
    assert article.paragraphs == (BODY, SECOND)


def test_metadata_from_json_ld_and_opengraph():
    head = (
        "<title>Bus route to Harwick approved | The Valley Courier</title>"
        '<meta property="og:site_name" content="The Valley Courier">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "The Valley Courier"}, {"@type": "NewsArticle",'
        ' "headline": "Bus route to Harwick approved", "datePublished": "2024-05-02T09:00:00Z",'
        ' "author": [{"@type": "Person", "name": "Jane Doe"}]}]}</script>'
    )
    body = f"<header>The Valley Courier</header><article><p>{BODY}</p></article>"
    body += "<footer>© 2008 The Valley Courier</footer>"
    article = extract(Page(URL, _page(body, head), "text/html"))
    assert (article.title, article.author) == ("Bus route to Harwick approved", "Jane Doe")
    assert article.published == "2024-05-02"
    assert article.site == "The Valley Courier"


def test_site_name_is_stripped_from_the_title_and_a_date_is_no_author():
    head = (
        "<title>The Valley Courier - Bus route to Harwick approved at last</title>"
        '<meta property="og:site_name" content="The Valley Courier">'
        '<meta name="author" content="December 30">'
    )
    article = extract(Page(URL, _page(f"<article><p>{BODY}</p></article>", head), "text/html"))
    assert article.title == "Bus route to Harwick approved at last"
    assert article.author is None


def test_title_that_is_only_the_site_name_gives_way_to_the_h1():
    head = "<title>The Valley Courier</title>"
    head += '<meta property="og:site_name" content="The Valley Courier">'
    body = f"<h1>Bus route to Harwick approved</h1><div><p>{BODY}</p></div>"
    article = extract(Page(URL, _page(body, head), "text/html"))
    assert article.title == "Bus route to Harwick approved"


def test_an_h1_in_capitals_that_repeats_the_headline_is_not_body_text():
    head = "<title>Bus Route to Harwick Approved | The Valley Courier</title>"
    body = f"<article><h1>BUS ROUTE TO HARWICK APPROVED</h1><p>{BODY}</p></article>"
    article = extract(Page(URL, _page(body, head), "text/html"))
    assert article.title == "Bus Route to Harwick Approved"
    assert "HARWICK APPROVED" not in article.text


def test_a_copyright_year_is_not_the_publication_date():
    body = f"<article><p>{BODY}</p></article>"
    body += "<footer><p>Copyright © 2008 Valley Courier</p></footer>"
    assert extract(Page(URL, _page(body), "text/html")).published is None


def test_article_body_only_in_structured_data_is_read():
    ld = json.dumps({"@type": "NewsArticle", "headline": "Bus route", "articleBody": BODY})
    head = f'<title>Bus route</title><script type="application/ld+json">{ld}</script>'
    article = extract(Page(URL, _page('<div id="app"></div>', head), "text/html"))
    assert article.text.startswith("The county council approved a new bus route")


def test_the_last_resort_pass_needs_a_real_paragraph():
    teasers = "".join(f"<p>Teaser headline number {n} about the town</p>" for n in range(20))
    assert baseline_pass(_page(f"<div>{teasers}</div>")).text == ""
    assert baseline_pass(_page(f"<div>{teasers}<p>{BODY}</p></div>")).words > 80


def _words(n: int) -> str:
    return " ".join(["word"] * n)


def test_the_pass_is_chosen_by_evidence():
    recall = Pass("recall", _words(320))
    assert choose(Pass("precise", _words(320)), recall).name == "precise"  # nothing lost
    # the precise pass cut some of what the recall pass finds: recall is the body (cut to the
    # precise pass's run, what it adds inside the run marked: see below)
    assert choose(Pass("precise", _words(200)), recall).name == "recall"
    assert choose(Pass("precise", _words(300)), recall).name == "recall"  # lost 20 of 320
    # the precise pass found no article: the recall pass, unless it found even less
    assert choose(Pass("precise", _words(30)), recall).name == "recall"
    assert choose(Pass("precise", _words(30)), Pass("recall", "")).name == "precise"


def test_the_last_resort_replaces_the_passes_only_when_it_finds_much_more():
    short_article = [_words(55)]
    page_around_it = [_words(40), _words(35), _words(30)]  # lost part of it, added a form
    assert last_resort(short_article, page_around_it) == short_article
    missed_article = [_words(20)], [_words(120), _words(90)]
    assert last_resort(*missed_article) == missed_article[1]


def _paragraphs(*texts: str) -> str:
    return "\n".join(texts)


def test_the_recall_pass_keeps_only_the_precise_pass_run_of_paragraphs():
    bio = "Jane Doe has covered buses for the Courier since 1999 and lives in Harwick."
    promo = "Get our bestselling guide to the valley, with 250 walks for every season."
    lost = "The route had been promised twice before, in 2009 and 2015, and dropped both times."
    first, rest = BODY.split(". ", 1)
    precise = Pass("precise", _paragraphs(first + ".", rest))
    recall = Pass("recall", _paragraphs(bio, first + ".", lost, rest, promo, _words(40)))
    chosen = choose(precise, recall)
    # the bio above and the promo below go; what the precise pass lost between its paragraphs stays
    assert chosen.paragraphs == [first + ".", lost, rest]
    # a block longer than the run is the rest of an article the precise pass cut short
    opening = Pass("precise", _paragraphs(first + ".", lost))
    assert choose(opening, recall).paragraphs == [first + ".", lost, rest, promo, _words(40)]
    # a cut that leaves no article is not made
    short = Pass("precise", _paragraphs(bio, first + "."))
    assert choose(short, recall).text == recall.text


def test_the_article_starts_at_its_headline():
    headline = "Bus route to Harwick approved"
    sidebar = "Jane Doe has covered buses for the Courier since 1999 and lives in Harwick."
    deck = "Councillors back the route after a decade of delays."
    lede = "HARWICK - The council approved the new bus route on Tuesday, ending a long wait."
    first, rest = BODY.split(". ", 1)
    precise = Pass("precise", _paragraphs(first + ".", rest))
    recall = Pass("recall", _paragraphs(sidebar, headline, deck, lede, first + ".", rest))
    # the precise pass dropped the deck and the lede; the recall pass has them under the
    # headline, and the sidebar above the headline is still cut
    chosen = choose(precise, recall, headline)
    assert chosen.paragraphs == [headline, deck, lede, first + ".", rest]
    # they stay in the body but are no summary sentence or figure's source
    body = chosen.paragraphs[1:]
    assert recall_only(body, chosen) == (True, True, False, False)
    # without the headline on the page's lines, the run alone is the article, as before
    assert choose(precise, recall, "Another story").paragraphs == [first + ".", rest]
    assert choose(precise, recall).paragraphs == [first + ".", rest]
    # the headline's part of a title that still holds the site's name is the headline too
    assert choose(precise, recall, f"Valley Notes: {headline}").paragraphs[0] == headline
    # ... unless a byline is: the article starts there as well
    signed = Pass("recall", _paragraphs(sidebar, deck, "By PAUL SMITH", lede, first + ".", rest))
    chosen = choose(precise, signed)
    assert chosen.paragraphs == ["By PAUL SMITH", lede, first + ".", rest]
    # under a byline the story has begun: its lede is no header, and may be summarised
    assert recall_only(chosen.paragraphs[1:], chosen) == ()
    under = Pass("recall", _paragraphs(headline, deck, "By PAUL SMITH", lede, first + ".", rest))
    chosen = choose(precise, under, headline)
    assert recall_only(chosen.paragraphs[1:], chosen) == (True, True, False, False, False)


def test_the_default_pass_is_the_body_where_it_found_the_whole_of_a_fragment():
    lead = "The council voted on Tuesday to reopen the harbour road to buses from June."
    rest = [
        f"Section {n} of the plan: the ferry timetable, the new stops on the quay and the"
        " cost of the repairs to the sea wall, which the county will share with the town."
        for n in range(6)
    ]
    chosen = Pass("precise", lead)
    whole = Pass("default", _paragraphs(lead, *rest))
    assert fuller(chosen, whole) is whole
    # many times the words, but not what the chosen pass found: another part of the page
    assert fuller(chosen, Pass("default", _paragraphs(*rest))) is chosen
    # only a few times the words (206 of 46): a short post with the page around it added
    post = Pass("precise", _paragraphs(lead, rest[0]))
    assert fuller(post, whole) is post
    # too few words to be an article whatever the ratio
    assert fuller(Pass("precise", ""), Pass("default", lead)).name == "precise"


def test_what_only_the_recall_pass_found_is_marked():
    caption = "A ferry waits at the quay in Harwick on Monday, as crews inspect the broken wall."
    first, rest = BODY.split(". ", 1)
    precise = Pass("precise", _paragraphs(first + ".", rest))
    recall = Pass("recall", _paragraphs(first + ".", caption, rest))
    chosen = choose(precise, recall)
    assert chosen.paragraphs == [first + ".", caption, rest]
    assert recall_only(chosen.paragraphs, chosen) == (False, True, False)
    # above or below the precise pass's run it is the rest of an article it cut short
    intro = "Visitors to the valley this summer will find the old harbour closed to boats."
    body = [intro, first + ".", caption, rest]
    assert recall_only(body, chosen) == (False, False, True, False)
    # the precise pass taken whole, or one that found no article, says nothing of paragraphs
    assert recall_only(precise.paragraphs, choose(precise, precise)) == ()
    none = choose(Pass("precise", first + "."), recall)
    assert recall_only(none.paragraphs, none) == ()


def _commented(post_paragraphs: int, heading: str = "<h1>Six days without power</h1>") -> str:
    post = "".join(
        f"<p>Paragraph {n} of the post: the storm cut the power to the whole street six days ago"
        " and the crews say it will be another week before the lines are up again.</p>"
        for n in range(post_paragraphs)
    )
    comments = "".join(
        f'<div class="entry"><p>Reader {n} here: we lost power too on our side of the river,'
        " and my neighbours have been charging their phones at the library every day.</p></div>"
        for n in range(12)
    )
    return (
        "<html><head><title>Six days without power</title></head><body><article>"
        f'{heading}{post}<div id="comments">{comments}</div>'
        "</article></body></html>"
    )


def test_readers_comments_are_never_the_article():
    # A short post under a long thread: the passes find too little, and the last resort (the
    # baseline) holds the thread, which trafilatura's comment expression gives away.
    page = _commented(1, heading="")
    assert "Reader 11 here" in baseline_pass(page).text
    body = read_body(Page("https://blog.example/power", page, "text/html"))
    assert len(body.paragraphs) == 1 and body.paragraphs[0].startswith("Paragraph 0 of the post")


def test_a_page_whose_body_is_only_comments_is_refused_with_the_reason():
    with pytest.raises(NotAnArticle, match="only readers' comments"):
        extract(Page("https://blog.example/power", _commented(0, heading=""), "text/html"))


def test_a_long_quotation_of_several_sentences_is_split_into_them():
    # a post that quotes a whole report: the splitter keeps a quotation whole
    timetable = "The timetable is posted at the library and on the council's website."
    report = f"{BODY} {timetable}"  # over 100 words
    post = f'Jane Doe writes "{report}" Read more at the council.'
    sentences = Article.from_paragraphs([post]).sentences
    assert sentences[0].startswith('Jane Doe writes "The county council approved')
    assert sentences[0].endswith("nearest hospital.")
    assert sentences[-2] == f'{timetable}"'  # the closing mark kept with its sentence
    assert len(sentences) == len(split_sentences(report)) + 1
    assert all(sentence in post for sentence in sentences)
    # a sentence of ordinary length keeps its quotation whole
    short = 'She said "We won. It was close." and left.'
    assert split_sentences(short) == [short]
