"""Byline and headline rules (bot/byline.py, bot/metadata.py), through page_metadata, on small
pages written for these tests."""

from __future__ import annotations

import json

from bot.metadata import Metadata, page_metadata

SITE = '<meta property="og:site_name" content="The Valley Courier">'
TEXT = "<p>The county council approved a new bus route on Tuesday after a long campaign.</p>"


def _page(body: str, head: str = SITE) -> str:
    return f"<html><head>{head}</head><body>{body}{TEXT}</body></html>"


def _ld(**article: object) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **article}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _meta(html: str, guessed: Metadata | None = None) -> Metadata:
    return page_metadata(html, guessed or Metadata())


def test_visible_byline_when_the_page_has_no_structured_author():
    body = '<div class="article-meta"><span>By <a href="/people/jd">Jane Doe</a></span>'
    body += "<time>Dec 19, 2025</time></div>"
    assert _meta(_page(body)).author == "Jane Doe"


def test_byline_element_stops_at_the_first_piece_that_is_not_a_name():
    body = '<div class="post-author"><a>Ana de la Cruz</a><span>Senior Reporter</span>'
    body += "<span>May 3</span></div>"
    assert _meta(_page(body)).author == "Ana de la Cruz"


def test_two_names_in_one_byline():
    body = '<p class="byline">By <a>Jane Doe</a> and <a>John Roe</a></p>'
    assert _meta(_page(body)).author == "Jane Doe; John Roe"


def test_written_by_label_takes_the_next_element():
    body = "<div><p>Written by</p><p>Jane Doe</p></div>"
    assert _meta(_page(body)).author == "Jane Doe"


def test_the_site_as_author_gives_way_to_a_named_person():
    head = SITE + _ld(author={"@type": "Organization", "name": "The Valley Courier"})
    body = '<span class="author-name">Jane Doe</span>'
    assert _meta(_page(body, head)).author == "Jane Doe"


def test_the_site_is_the_author_when_no_one_else_is_named():
    head = SITE + _ld(author={"@type": "Organization", "name": "The Valley Courier"})
    assert _meta(_page("", head)).author == "The Valley Courier"


def test_comment_authors_labels_and_lookalike_classes_are_no_byline():
    body = '<div class="comments"><span class="comment-author">Jane Doe</span></div>'
    body += '<div class="authority-control">Library Links</div>'
    body += '<h3 class="author-box">About the Author</h3>'
    assert _meta(_page(body)).author is None


def test_a_structured_headline_that_the_og_title_and_h1_contradict_is_not_used():
    head = SITE + '<meta property="og:title" content="Bus route to Harwick approved">'
    head += _ld(headline="The council met on Tuesday and discussed many things at length.")
    body = "<h1>Bus route to Harwick approved</h1>"
    assert _meta(_page(body, head)).title == "Bus route to Harwick approved"


def test_a_structured_headline_is_kept_when_nothing_contradicts_it():
    head = SITE + '<meta property="og:title" content="Harwick bus route: what it means">'
    head += _ld(headline="Bus route to Harwick approved")
    assert _meta(_page("<h1>Something else entirely</h1>", head)).title == (
        "Bus route to Harwick approved"
    )


def test_account_names_and_template_variables_are_no_author():
    placeholders = ("NOC Admin", "page.head.author", "{{ author }}", "undefined", "null")
    for placeholder in (*placeholders, "Category", "Uncategorized", "Webmaster"):
        head = SITE + f'<meta name="author" content="{placeholder}">'
        assert _meta(_page("", head)).author is None, placeholder
    # a script's empty value in the structured data too
    head = SITE + _ld(author={"@type": "Person", "name": "undefined"})
    assert _meta(_page("", head)).author is None


def test_a_login_name_in_the_structured_data_gives_way_to_the_persons_name():
    for login in ("valleynotesjdoe", "jane.doe", "jdoe_12"):
        head = SITE + _ld(author={"@type": "Person", "name": login})
        assert _meta(_page("", head), Metadata(author="Jane Doe")).author == "Jane Doe", login
    # with no one else named, the login name is all the page gives
    head = SITE + _ld(author={"@type": "Person", "name": "jane.doe"})
    assert _meta(_page("", head)).author == "jane.doe"


def test_a_form_label_or_a_readers_comment_signature_is_no_author():
    # trafilatura's guess on a blog: a comment form's "Name" label, a comment's "Jo says:"
    for guess in ("Name", "Jo Bloggs says", "Problem Solving Training Says", "Email", "Contact"):
        assert _meta(_page(""), Metadata(author=guess)).author is None, guess
    body = '<p class="byline">By <a>Jane Doe</a></p>'
    assert _meta(_page(body), Metadata(author="Jo Bloggs says")).author == "Jane Doe"


def test_a_bylines_links_are_not_authors():
    guess = Metadata(author="Jane Doe; Website; Other Articles")
    assert _meta(_page(""), guess).author == "Jane Doe"


def test_a_job_title_after_the_name_is_not_part_of_the_author():
    for guess, author in (
        ("Jane Doe, Staff Writer", "Jane Doe"),
        # what follows the job title is the job's: its team, its organisation
        ("Jane Doe; Product Manager; Valley Maps", "Jane Doe"),
        ("Jane Doe; Head; Community Development", "Jane Doe"),
        ("Jane Doe; Software Engineer; Valley Maps", "Jane Doe"),
        ("Ana Ruiz; MD", "Ana Ruiz"),
        ("Jane Doe and Jonathan Head", "Jane Doe; Jonathan Head"),  # a surname, not a title
        ("Valley Courier Staff", "Valley Courier Staff"),  # a staff byline is the author
        ("Ana Ruiz, 10 November 2010", "Ana Ruiz"),  # a date after the name, and its comma
        # a byline box's name and title read as one line, with no comma between them
        ("Jane Doe Contributing Writer", "Jane Doe"),
        ("Jane Doe Games Editor", "Jane Doe"),
        ("Jane Doe - Valley Editorial Team", "Jane Doe"),
        ("The Valley Team", "The Valley Team"),  # a group's byline: no person before it
        ("Jane Doe Team", "Jane Doe Team"),  # one name word before it is no name and title
    ):
        assert _meta(_page(""), Metadata(author=guess)).author == author, guess


def test_the_sites_web_address_as_author_gives_way_to_the_byline():
    head = '<meta property="og:site_name" content="Valley News">'
    body = '<p class="byline">By <a>Jane Doe</a></p>'
    assert _meta(_page(body, head), Metadata(author="ValleyNews.com")).author == "Jane Doe"
    for junk in ("Jo Bloggs Reblogged This", "Www Facebook Com"):
        assert _meta(_page("", head), Metadata(author=junk)).author is None, junk


def test_the_sites_web_address_as_its_only_author_is_kept_as_written():
    # trafilatura's guess spells "ValleyNews.com" with a space; the address is no login name
    head = '<meta name="author" content="ValleyNews.com">'
    guess = Metadata(author="ValleyNews com", site="valleynews.com")
    assert _meta(_page("", head), guess).author == "ValleyNews.com"


def test_a_guessed_author_with_the_text_after_the_byline_gives_way_to_the_byline():
    body = '<p class="byline">By <a rel="author">Jane Doe</a></p><div>Valley Radio</div>'
    for guess in ("Jane Doe Valley Radio", "Jane Doe; RESIZE A A A", "Jane Doe RSS feed"):
        assert _meta(_page(body), Metadata(author=guess)).author == "Jane Doe", guess
    # a byline of one word (an avatar's initials, "JD") says too little to cut the guess to
    avatar = '<p class="byline"><a rel="author">JD</a></p>'
    assert _meta(_page(avatar), Metadata(author="JD Jane Doe")).author == "JD Jane Doe"


def test_author_page_link_is_a_byline():
    body = '<div><a href="/authors/jane-doe">Jane Doe</a> · 4 min read</div>'
    assert _meta(_page(body)).author == "Jane Doe"


def test_an_ambiguous_day_and_month_read_as_the_page_declares_them():
    # htmldate read a visible "10/09/2024" as 9 October; the page's markup says 10 September.
    html = _page(
        "<h1>Council approves the new bus route</h1>", SITE + _ld(datePublished="2024-09-10")
    )
    assert _meta(html, Metadata(published="2024-10-09")).published == "2024-09-10"
    timed = _page('<time datetime="2024-09-10T08:00:00Z">10/09/2024</time>')
    assert _meta(timed, Metadata(published="2024-10-09")).published == "2024-09-10"


def test_a_date_the_page_declares_is_kept_even_when_its_swap_is_declared_too():
    head = SITE + _ld(datePublished="2024-10-09", dateModified="2024-11-02")
    body = '<time datetime="2024-09-10">Earlier</time>'
    assert _meta(_page(body, head), Metadata(published="2024-10-09")).published == "2024-10-09"


def test_the_dated_path_of_the_storys_address_checks_the_date():
    def published(guess: str | None, address: str, page_url: str | None = None) -> str | None:
        head = f'<link rel="canonical" href="https://valley.example{address}">'
        return page_metadata(_page("", head), Metadata(published=guess), url=page_url).published

    assert published("2012-06-11", "/2012/11/bus-route.html") == "2012-11-06"  # "11/06/2012"
    assert published("2012-06-11", "/2012/06/bus-route.html") == "2012-06-11"
    assert published("2012-06-11", "/news/bus-route.html") == "2012-06-11"  # no dated path
    # a date from elsewhere on the page (a related story's): the address's, to the day it gives
    assert published("2012-10-25", "/2012/11/07/bus-route/") == "2012-11-07"
    assert published("2012-07-13", "/2012/11/bus-route.html") == "2012-11"
    assert published(None, "/2012/11/bus-route.html") == "2012-11"
    # an address dated before 1995 or in the future dates nothing
    assert published("2012-07-13", "/2099/12/bus-route.html") == "2012-07-13"
    assert published(None, "/1900/01/bus-route.html") is None
    # the page's own address counts as its canonical link does
    assert published("2012-07-13", "/news/", "https://valley.example/2012/11/07/x/") == "2012-11-07"


def test_the_h1_that_is_one_part_of_the_meta_title_is_the_headline():
    head = SITE + '<meta property="og:title" content="How much is a bus pass | A 2025 fare guide">'
    assert _meta(_page("<h1>How much is a bus pass?</h1>", head)).title == "How much is a bus pass?"


def test_a_masthead_h1_is_not_the_headline_even_when_the_title_names_it():
    head = "<title>Council approves the new bus route | Valley Notes</title>"
    body = '<h1><a href="/">Valley Notes</a></h1>'
    assert _meta(_page(body, head)).title == "Council approves the new bus route"


# A blog's front page and its posts under it: "/valley-notes/2025/03/…".
POSTS = "".join(f'<a href="/valley-notes/2025/03/post-{n}.html">Post {n}</a>' for n in range(6))


def test_a_blog_name_h1_linking_to_the_blogs_front_page_is_not_the_headline():
    body = '<h1><a href="http://example.org/valley-notes/">Valley Notes</a></h1>' + POSTS
    for title in ("Council approves the new bus route - Valley Notes",
                  "Valley Notes: Council approves the new bus route"):  # fmt: skip
        assert _meta(_page(body, f"<title>{title}</title>")).title == (
            "Council approves the new bus route"
        )


def test_a_blog_on_a_network_of_blogs_has_its_front_page_a_level_down():
    # "/blogs/valley-notes/" on a site of many blogs; the post's own <h1> is a part of
    # <title> too, and the headline
    posts = POSTS.replace("/valley-notes/", "/blogs/valley-notes/")
    post = "/blogs/valley-notes/2025/03/council-approves-the-new-bus-route/"
    body = (
        '<h1><a href="http://example.org/blogs/valley-notes">Valley Notes</a></h1>'
        f'<h1><a href="{post}">Council approves the new bus route</a></h1>{posts}'
    )
    head = "<title>Council approves the new bus route - Valley Notes</title>"
    assert _meta(_page(body, head)).title == "Council approves the new bus route"


def test_the_blog_name_is_cut_from_the_title_whichever_mark_sets_it_off():
    body = '<h1><a href="http://example.org/valley-notes">Valley Notes</a></h1>' + POSTS
    head = "<title>Council approves the new bus route « Valley Notes</title>"
    assert _meta(_page(body, head)).title == "Council approves the new bus route"
    # trafilatura took the headline for the site's name: the title is still not the blog's
    guess = Metadata(title="Valley Notes", site="Council approves the new bus route")
    head = "<title>Council approves the new bus route - Valley Notes</title>"
    assert _meta(_page(body, head), guess).title == "Council approves the new bus route"


def test_a_site_name_that_is_the_headline_is_not_cut_from_the_title():
    # trafilatura gave the headline as both title and site name; the blog's name is in an <h2>
    headline = "Council approves the new bus route"
    head = f"<title>{headline} « Valley Notes</title>"
    body = f'<h2 align="right">Valley Notes</h2><h2 class="largeheadline">{headline}</h2>'
    meta = _meta(_page(body, head), Metadata(title=headline, site=headline))
    assert meta.title == headline and meta.site != headline


def test_a_slogan_h1_naming_the_site_is_not_the_headline():
    head = "<title>Council approves the new bus route</title>"
    head += '<link rel="canonical" href="https://www.valley-notes.com/council-approves-the-new-bus-route">'
    body = "<h1>Valley Notes, news and views from the valley</h1>"
    guess = Metadata(site="valley-notes.com")
    assert _meta(_page(body, head), guess).title == "Council approves the new bus route"


def test_a_label_set_inside_the_headline_h1_is_not_part_of_the_title():
    head = '<meta property="og:title" content="Council approves the new bus route">'
    body = "<h1>Council approves the new bus route <span>Politics, Updated Nov 06, 2012</span></h1>"
    assert _meta(_page(body, head)).title == "Council approves the new bus route"


def test_a_headline_taken_for_the_sites_name_gives_way_to_the_host():
    head = "<title>Council approves the new bus route</title>"
    head += '<link rel="canonical" href="https://www.valley-notes.example/bus-route">'
    guess = Metadata(site="Council approves the new bus route")
    assert _meta(_page("", head), guess).site == "www.valley-notes.example"


def test_a_copyright_notice_or_a_url_is_not_the_sites_name():
    for site, name in (
        ("Copyright (c) 2012 Valley Courier Media. All Rights Reserved.", "Valley Courier Media"),
        ("http://valleycourier.example/", "valleycourier.example"),
        ("Copyright (c) 2012", None),
        (
            "Copyright Valley Regents. For our terms, visit http://valley.example/terms",
            "Valley Regents",
        ),
        ("© 2024 U.S. News & World Report", "U.S. News & World Report"),
        ("Mayday Media", "Mayday Media"),
        ("Mayday Media©", "Mayday Media"),
        ("Copyright 2012 Marvel Comics", "Marvel Comics"),
    ):
        assert _meta(_page("", ""), Metadata(site=site)).site == name, site


def test_an_h1_that_opens_the_title_before_a_colon_is_the_blogs_name():
    head = "<title>Valley Notes: Council approves the new bus route</title>"
    assert _meta(_page("<h1>Valley Notes</h1>", head)).title == "Council approves the new bus route"
    # ... but not when what follows is shorter than it: a headline and its deck
    head = "<title>Council approves the new bus route: at last</title>"
    body = "<h1>Council approves the new bus route</h1>"
    assert _meta(_page(body, head)).title == "Council approves the new bus route"


def test_an_opening_that_spells_the_sites_name_is_cut_from_the_title():
    head = "<title>Valley Notes Blog: Council approves the new bus route</title>"
    guess = Metadata(site="valleynotes.blogspot.com")
    assert _meta(_page("", head), guess).title == "Council approves the new bus route"
    head = "<title>Jo's Kitchen®: Slow cooker bean soup</title>"
    assert _meta(_page("", head), Metadata(site="joskitchen.com")).title == "Slow cooker bean soup"
    head = "<title>Bus route: council says yes</title>"  # an opening that is no site's name
    assert _meta(_page("", head), guess).title == "Bus route: council says yes"


def test_a_headline_h1_linking_to_its_own_story_stays_the_headline():
    # A story's own link ("/bus-route-approved/") is a folder no other link goes deeper into.
    head = "<title>Council approves the new bus route - Valley Notes</title>"
    body = '<h1><a href="/bus-route-approved/">Council approves the new bus route</a></h1>'
    body += '<a href="/bus-route-approved/feed/">Comments feed</a>' + POSTS
    assert _meta(_page(body, head)).title == "Council approves the new bus route"


def test_a_link_inside_the_headline_does_not_make_it_a_masthead():
    head = '<meta property="og:title" content="Valley Notes wins the county\'s press award">'
    body = '<h1><a href="/valley-notes/">Valley Notes</a> wins the county\'s press award</h1>'
    assert _meta(_page(body + POSTS, head)).title == "Valley Notes wins the county's press award"


def test_a_headline_h1_that_shares_few_words_with_the_meta_title_is_the_headline():
    head = SITE + '<meta property="og:title" content="Harwick fares 2025: every route and price">'
    body = "<h1>How to Cross the Valley Without a Car</h1>"
    assert _meta(_page(body, head)).title == "How to Cross the Valley Without a Car"


def test_an_h1_unlike_the_title_that_is_no_headline_leaves_the_title():
    head = SITE + '<meta property="og:title" content="Harwick fares 2025: every route and price">'
    caption = "Passengers wait at the new stop on Mill Lane as the first bus of the morning"
    caption += " arrives in Harwick on Tuesday (Photo: Valley Courier staff)"
    for h1 in (
        "Travel Guides",  # a section's name
        "A message from our editor about this guide:",  # a lead-in
        "The council met on Tuesday and heard from residents.",  # a sentence
        caption,
        '<a href="/">Archive of the Valley</a>',  # the masthead
    ):
        title = _meta(_page(f"<h1>{h1}</h1>", head)).title
        assert title == "Harwick fares 2025: every route and price", h1


def test_dublin_core_and_parsely_titles_and_tags_naming_several_properties_are_read():
    title = "<title>Valley Courier - News</title>"
    for tag in (
        '<meta name="parsely-title" content="Harwick bus route approved">',
        '<meta property="x:title dc:title" content="Harwick bus route approved">',
        '<meta name="DC.title" content="Harwick bus route approved"><meta name="dc.title">',
    ):
        assert _meta(_page("", title + tag)).title == "Harwick bus route approved", tag


def test_a_dublin_core_title_comes_before_a_share_cards_title_and_spaces_are_plain():
    head = (
        '<meta property="og:title" content="You won\'t believe this bus route">'
        '<meta name="dc.title" content="Harwick bus route\u00a0approved">'
    )
    assert _meta(_page("", head)).title == "Harwick bus route approved"


def test_a_byline_box_label_is_no_author_and_the_byline_is_read_instead():
    body = '<p class="byline">By <a>Jane Doe</a></p>'
    for label in ("About the Author", "View all posts"):
        assert _meta(_page(body), Metadata(author=label)).author == "Jane Doe", label


def test_a_menus_by_category_is_no_byline():
    menu = (
        '<ul class="sub-menu"><li class="menu-item"><a href="/c">By Region</a></li>'
        '<li class="menu-item"><a href="/m">By Manufacturer</a></li></ul>'
    )
    assert _meta(_page(menu)).author is None
    assert _meta(_page(menu + '<p class="byline">By <a>Jane Doe</a></p>')).author == "Jane Doe"


def test_the_site_named_after_a_comma_is_not_part_of_the_author():
    head = SITE + _ld(author=[{"name": "Jane Doe"}, {"name": "John Roe, The Valley Courier"}])
    assert _meta(_page("", head)).author == "Jane Doe; John Roe"


def test_words_before_by_open_a_byline_but_an_editor_or_reviewer_is_no_author():
    body = '<a href="/authors/jane-doe">More articles by Jane Doe</a>'
    assert _meta(_page(body)).author == "Jane Doe"
    assert _meta(_page(""), Metadata(author="Jane Doe; Reviewed by John Roe")).author == "Jane Doe"
    assert _meta(_page('<p class="byline">Photos by John Roe</p>')).author is None


def test_json_ld_inside_a_cdata_wrapper_is_read():
    data = json.dumps({"@type": "NewsArticle", "author": {"name": "Jane Doe"}})
    for wrapped in (f"<![CDATA[ {data} ]]>", f"//<![CDATA[\n{data}\n//]]>"):
        head = SITE + f'<script type="application/ld+json">{wrapped}</script>'
        assert _meta(_page("", head)).author == "Jane Doe", wrapped


def test_a_structured_headline_that_the_title_and_h1_contradict_is_not_used():
    head = "<title>Harwick bus route - The Valley Courier</title>"
    head += _ld(headline="A route linking two villages by bus")
    body = "<h1>Harwick bus route</h1>"
    assert _meta(_page(body, head)).title == "Harwick bus route"


def test_a_lowercase_by_or_by_colon_opens_a_byline():
    assert _meta(_page("<span>by <a>Jane Doe</a></span>")).author == "Jane Doe"
    assert _meta(_page("<p>By: Jane Doe</p>")).author == "Jane Doe"
    assert _meta(_page("<p>by the river, a new bus stop</p>")).author is None


def test_a_by_that_follows_other_text_is_no_byline():
    body = (
        '<ul><li><a href="https://vendor.example">Content Management</a> by <b>Vendor</b></li></ul>'
    )
    assert _meta(_page(body)).author is None


def test_an_escaped_ampersand_between_authors_is_a_joining_word():
    head = SITE + '<meta name="author" content="Jane Doe &amp;amp; John Roe">'
    assert _meta(_page("", head)).author == "Jane Doe; John Roe"


def test_utf8_read_as_latin1_in_a_headline_is_repaired():
    mangled = "Council’s new bus route approved".encode().decode("latin-1")
    head = SITE + f'<meta property="og:title" content="{mangled}">'
    assert _meta(_page("", head)).title == "Council’s new bus route approved"


def test_the_sites_name_and_a_section_are_cut_from_the_title():
    # "The Valley Notebook" is valleynotebook.com (its name without "the", spelled as one word)
    for title in (
        "Council approves the new bus route | The Valley Notebook",
        "Council approves the new bus route | Buses | The Valley Notebook",
    ):
        head = f"<title>{title}</title>"
        guess = Metadata(site="valleynotebook.com")
        assert _meta(_page("", head), guess).title == "Council approves the new bus route", title


def test_a_name_shown_only_in_a_photo_credit_or_a_comment_signature_is_no_author():
    credit = '<figure><img src="a.jpg"><cite><span class="byline">John Roe / </span>AP</cite>'
    body = credit + '</figure><p class="byline">By JANE DOE</p>'
    assert _meta(_page(body), Metadata(author="John Roe")).author == "JANE DOE"
    signed = '<ol class="comments"><li><cite>Jo Bloggs</cite> <p>Great piece!</p></li></ol>'
    assert _meta(_page(signed), Metadata(author="Jo Bloggs")).author is None
    assert (
        _meta(
            _page("<p>Jo Bloggs chaired the meeting.</p>" + signed), Metadata(author="Jo Bloggs")
        ).author
        == "Jo Bloggs"
    )


def test_a_commenters_name_run_into_the_comment_is_no_author():
    # trafilatura read a comment's class "comment-author-…" and ran the name into the comment
    comment = (
        '<ul id="commentList-3"><li class="comment comment-author-fab" id="li-comment-9">'
        '<div id="comment-9"><h4>Fabio</h4><p>Re-building bridges?</p></div></li></ul>'
    )
    guess = Metadata(author="Fabio Re-building bridges")
    assert _meta(_page("<p>The talks.</p>" + comment), guess).author is None
    byline = "<p><strong>Posted by Kate Doe</strong></p>"
    assert _meta(_page(byline + comment), guess).author == "Kate Doe"
    # a byline in a block the site calls "Comment" is still a byline
    marked = '<div class="Comment">Written by <strong>Ed Avis</strong></div>'
    assert _meta(_page(marked), Metadata(author="Ed Avis")).author == "Ed Avis"


def test_a_byline_inside_cite_is_still_the_author():
    body = '<cite class="vcard"><span class="byline">By Jane Doe</span> | Wire</cite>'
    assert _meta(_page(body)).author == "Jane Doe"
    assert _meta(_page(body), Metadata(author="Jane Doe")).author == "Jane Doe"


def test_a_full_name_in_the_byline_beats_a_one_word_guess():
    body = '<p class="byline">By <a href="/author/jane-doe">Jane Doe</a></p>'
    assert _meta(_page(body), Metadata(author="Google")).author == "Jane Doe"
    assert _meta(_page(body), Metadata(author="Jane Doe; RESIZE A A A")).author == "Jane Doe"
    handle = '<p class="byline">By <a href="/author/courierdesk">CourierDesk</a></p>'
    assert (
        _meta(_page(handle), Metadata(author="CourierDesk; RESIZE A A A")).author == "CourierDesk"
    )


def test_a_link_to_the_list_of_all_authors_is_no_byline():
    body = '<nav-bar><a href="/news/">News</a> | <a href="/authors/">Analysts</a></nav-bar>'
    assert _meta(_page(body)).author is None
    assert _meta(_page('<a href="/authors/jane-doe/">Jane Doe</a>')).author == "Jane Doe"


def test_a_posted_by_line_is_a_byline():
    body = "<p><strong>Posted by Jane Doe</strong> | <a>3 comments</a></p>"
    assert _meta(_page(body)).author == "Jane Doe"
    assert _meta(_page("<span>Posted by John Roe, Product Manager</span>")).author == "John Roe"


def test_the_title_part_an_old_blog_shows_as_its_post_heading_is_the_headline():
    body = '<h1><a href="/">Valley Notes</a></h1><h2><a href="/tag/buses/">Buses</a> '
    body += '<a href="/2012/11/harwick-route/">Harwick gets its bus route back</a></h2>'
    for title in (
        "Harwick gets its bus route back | Valley Notes",
        "Valley Notes - Harwick gets its bus route back",
    ):
        head = f"<title>{title}</title>"
        # the site's name as the og:title, or the headline part misread as the site's name
        for meta in (
            '<meta property="og:title" content="Valley Notes">',
            '<meta property="og:site_name" content="Harwick gets its bus route back">',
        ):
            assert _meta(_page(body, head + meta)).title == "Harwick gets its bus route back", (
                title,
                meta,
            )


def test_a_short_post_title_is_the_headline_when_its_heading_is_the_posts_permalink():
    address = "https://valley-notes.example/2012/10/in-harwick/"
    body = '<h1><a href="/">Valley Notes</a></h1>'
    head = "<title>In Harwick… « Valley Notes by Jane Doe</title>"
    head += f'<link rel="canonical" href="{address}">'
    permalink = f'<h2><a href="{address}" rel="bookmark">In Harwick…</a></h2>'
    assert _meta(_page(body + permalink, head)).title == "In Harwick…"
    # a two-word heading that is not the post's own link is a section's name
    section = (
        '<h2><a href="https://valley-notes.example/in-harwick/" rel="bookmark">In Harwick…</a></h2>'
    )
    assert _meta(_page(body + section, head)).title != "In Harwick…"


def test_a_title_part_that_adds_a_site_a_date_or_a_short_name_to_the_headline_is_not_taken():
    body = "<h3>Harwick bus route approved - Video</h3><h3>November 8, 2012</h3><h3>Buses</h3>"
    for title in (
        "Harwick bus route approved - Video",
        "Bus news - November 8, 2012",
        "Buses | Valley Courier",
    ):
        head = (
            f'<meta property="og:title" content="Harwick bus route approved"><title>{title}</title>'
        )
        assert _meta(_page(body, head)).title == "Harwick bus route approved", title


def test_a_title_mark_left_with_nothing_on_one_side_is_dropped():
    for title, shown in (
        (
            "  &raquo; Harwick gets its bus route back",
            "Harwick gets its bus route back",
        ),
        ("Harwick gets its bus route back |", "Harwick gets its bus route back"),
    ):
        head = f'<meta property="og:site_name" content="Valley Notes"><title>{title}</title>'
        assert _meta(_page("<p>Text.</p>", head)).title == shown, title
    assert _meta(_page("<p>Text.</p>", "<title>-5 degrees in Harwick</title>")).title == (
        "-5 degrees in Harwick"
    )


def test_an_author_name_written_into_json_ld_as_a_quoted_string_loses_its_quotes():
    head = SITE + _ld(
        headline="Bus route approved", author={"@type": "Person", "name": '"Jane Doe"'}
    )
    assert _meta(_page("", head)).author == "Jane Doe"


def test_and_splits_people_not_an_organisations_name():
    for guess, author in (
        ("Jane Doe and Tom Reyes", "Jane Doe; Tom Reyes"),
        ("Office for Roads and Rivers", "Office for Roads and Rivers"),
        ("Bed & co", "Bed & co"),
    ):
        assert _meta(_page(""), Metadata(author=guess)).author == author, guess


def test_a_papers_citation_authors_are_named_given_name_first():
    # Highwire Press tags list "Family, Given" per author; trafilatura splits them at the comma
    tags = ["Roy, Aniruddha", "Patel, Jyoti", "Luther King, Jr.", "A. Das"]
    head = SITE + "".join(f'<meta name="citation_author" content="{t}">' for t in tags)
    guessed = Metadata(author="Roy; Aniruddha; Patel; Jyoti")
    author = _meta(_page("<h1>Merging models</h1>", head), guessed).author
    assert author == "Aniruddha Roy; Jyoti Patel; Luther King, Jr.; A. Das"


def test_a_date_set_in_the_headline_h1_is_not_part_of_the_title():
    head = '<meta property="og:title" content="Council approves the new bus route">'
    body = '<h1><a href="/bus-route" rel="bookmark"><time datetime="2025-12-18">Dec '
    body += "<span>18</span> 2025</time> Council approves the new bus route</a></h1>"
    assert _meta(_page(body, head)).title == "Council approves the new bus route"


def test_a_web_address_before_the_headline_is_the_sites_name():
    head = "<title>valleynotes.example Council approves the new bus route</title>"
    body = '<h1><a href="https://valleynotes.example/">valleynotes.example</a></h1>'
    assert _meta(_page(body, head)).title == "Council approves the new bus route"


def test_a_blog_name_spelling_the_sites_host_is_cut_from_the_title():
    head = "<title>Valleynotes Blog: Council approves the new bus route</title>"
    # section headings linked to their own anchors are neither the headline nor a masthead
    body = "".join(
        f'<h1><a href="#{n}"><span>Part {n} of the plan</span></a></h1>' for n in ("one", "two")
    )
    guess = Metadata(site="valleynotes.io")
    assert _meta(_page(body, head), guess).title == "Council approves the new bus route"


def test_a_title_that_lost_its_punctuation_is_taken_as_the_page_shows_it():
    head = "<title>Chads Council Notes 15Buses, Buses, BUSES! - Valley Notes</title>"
    body = '<h1><a href="/">Valley Notes</a></h1>'
    body += "<h3 class='entry-header'>Chad’s Council Notes 15–Buses, Buses, BUSES!</h3>"
    assert _meta(_page(body, head)).title == "Chad’s Council Notes 15–Buses, Buses, BUSES!"
    # a heading with fewer word breaks than the title does not replace it
    head = "<title>Scalable End-to-End Route Planning</title>"
    body = "<h1>Scalable End-to-End Route Planning</h1><h2>Scalable End-to-EndRoute Planning</h2>"
    assert _meta(_page(body, head)).title == "Scalable End-to-End Route Planning"


def test_a_page_address_escaped_whole_gives_its_host_as_the_site():
    # og:url "https://blog.example.fr%2Fposts%2F…": trafilatura took the whole escaped path
    # for the host, and the site's name read "blog.example.fr%2Fposts%2F2025-12-15%2BRust…"
    address = "https://blog.example.fr%2Fposts%2F2025-12-15%2BRust%2Bbackend"
    guess = Metadata(site="blog.example.fr%2Fposts%2F2025-12-15%2BRust%2Bbackend", url=address)
    meta = _meta(_page("<h1>Rust backend</h1>", "<title>Rust backend</title>"), guess)
    assert meta.site == "blog.example.fr"
    assert meta.url == "https://blog.example.fr/posts/2025-12-15+Rust+backend"
    # an address escaped only in its path stays as the page gave it
    plain = "https://blog.example.fr/posts/caf%C3%A9"
    assert _meta(_page("<h1>Café</h1>"), Metadata(site="Blog", url=plain)).url == plain


def test_an_organisation_trafilatura_cut_into_words_is_no_list_of_authors():
    # dc.creator "Center for Drug Evaluation and Research,Office of Regulatory Affairs" came
    # back from trafilatura as "Center; Research; Office"
    guess = Metadata(author="Center; Research; Office")
    assert _meta(_page("<h1>Recall</h1>"), guess).author is None
    both = Metadata(author="Jane Doe; John Roe")
    assert _meta(_page("<h1>Recall</h1>"), both).author == "Jane Doe; John Roe"
