"""What the page's markup says of each paragraph, and the summary leaving out link blocks."""

from __future__ import annotations

import pytest

from bot.article import Article
from bot.extract import extract
from bot.fetch import Page
from bot.figures import find_figures
from bot.markup import (
    doubtful_sentences,
    link_block,
    link_sentences,
    paragraph_marks,
    sentence_paragraphs,
)
from bot.summarise.extractive import ExtractiveSummariser

PAGE = """<!doctype html><html><head><title>Harbour wall</title></head><body>
<article>
<h1>The harbour wall will be rebuilt</h1>
<p>The council voted on Tuesday to rebuild the old harbour wall at a cost of two million
pounds, after the winter storms <a href="/storms">broke it in three places</a>.</p>
<figure><img src="wall.jpg"><figcaption>The wall after the January storm.</figcaption></figure>
<p><strong>Our weekly newsletter brings the harbour news to your door every Friday.</strong></p>
<ul><li><a href="/a">Ferry timetable changes for the summer season begin next month</a></li>
<li><a href="/b">Fishermen count the cost of a hard winter on the east coast</a></li></ul>
</article></body></html>"""


def _paragraphs() -> list[str]:
    return [
        "The council voted on Tuesday to rebuild the old harbour wall at a cost of two million "
        "pounds, after the winter storms broke it in three places.",
        "The wall after the January storm.",
        "Our weekly newsletter brings the harbour news to your door every Friday.",
        "- Ferry timetable changes for the summer season begin next month",
        "Not on the page at all, this paragraph comes from somewhere else.",
    ]


def test_each_paragraph_gets_its_link_share_emphasis_and_holding_tags():
    prose, caption, deck, teaser, missing = paragraph_marks(PAGE, _paragraphs())
    assert prose is not None and 0 < prose.links < 0.5 and prose.emphasis == 0
    assert caption is not None and "figcaption" in caption.tags and caption.image_near
    assert deck is not None and deck.emphasis == 1 and deck.links == 0
    assert teaser is not None and teaser.links == 1 and "li" in teaser.tags
    assert missing is None
    assert [link_block(m) for m in (prose, caption, deck, teaser, missing)] == [
        False,
        False,
        False,
        True,
        False,
    ]


def test_a_page_that_is_no_markup_gives_no_facts():
    assert paragraph_marks("", ["A paragraph of plain text that is long enough."]) == (None,)


def test_sentences_are_mapped_to_their_paragraphs():
    paragraphs = ("One. Two.", "Three.")
    split = Article.from_paragraphs(list(paragraphs))
    assert split.sentence_paragraphs == (1, 1, 2)
    assert sentence_paragraphs(split) == [0, 0, 1]
    by_hand = Article(paragraphs, sentences=("One.", "Two.", "Three."))
    assert sentence_paragraphs(by_hand) == [0, 0, 1]
    assert sentence_paragraphs(Article(paragraphs, sentences=("One.", "Elsewhere."))) == [0, 1]


def test_an_html_article_carries_the_marks_of_its_paragraphs():
    article = extract(Page("https://news.example/harbour", _long(PAGE), "text/html"))
    assert len(article.marks) == len(article.paragraphs)
    teasers = [p for p, m in zip(article.paragraphs, article.marks, strict=True) if link_block(m)]
    assert any("Ferry timetable" in p for p in teasers)
    assert not any("council voted" in p for p in teasers)


def test_the_summary_never_picks_a_sentence_of_a_link_block():
    teaser = "Ferry timetable changes for the summer season begin next month across the coast."
    body = [
        teaser,
        "The council voted on Tuesday to rebuild the old harbour wall at a cost of two million.",
        "Storms broke the wall in three places during the winter, flooding the quay.",
    ]
    plain = Article.from_paragraphs(body)
    summariser = ExtractiveSummariser()
    assert teaser in summariser.summarise(plain).sentences  # three sentences: all picked
    marks = tuple(paragraph_marks(_as_page(body, linked=0), body))
    marked = Article(**{**plain.__dict__, "marks": marks})
    assert link_sentences(marked) == [True, False, False]
    assert teaser not in summariser.summarise(marked).sentences
    assert link_sentences(plain) == []  # plain text: nothing is known, nothing left out


def _as_page(paragraphs: list[str], linked: int) -> str:
    blocks = [
        f'<p><a href="/x">{p}</a></p>' if i == linked else f"<p>{p}</p>"
        for i, p in enumerate(paragraphs)
    ]
    return f"<html><body>{''.join(blocks)}</body></html>"


def _long(page: str) -> str:
    """The page with enough article text to be taken for an article."""
    more = "".join(
        f"<p>Paragraph {n} of the report says the work on the harbour wall will need stone "
        "from the old quarry, and the quarry has been closed for twenty years.</p>"
        for n in range(1, 5)
    )
    return page.replace("</article>", more + "</article>")


def test_a_figure_in_a_link_block_is_not_taken():
    teaser = "Read next: the ferry lost 4.2 million pounds last year, its owners say."
    body = [
        "The council voted on Tuesday to spend 2 million pounds on the old harbour wall.",
        teaser,
    ]
    plain = Article.from_paragraphs(body)
    sources = {f.sentence for f in find_figures(plain, parse=False)}
    assert teaser in sources
    marks = tuple(paragraph_marks(_as_page(body, linked=1), body))
    marked = Article(**{**plain.__dict__, "marks": marks})
    sources = {f.sentence for f in find_figures(marked, parse=False)}
    assert teaser not in sources and body[0] in sources


def test_a_paragraph_only_the_recall_pass_found_is_no_summary_line_and_no_figure_source():
    promo = "Our weekly letter brings you 12 walks along the coast, free to every reader."
    body = [
        "The council voted on Tuesday to spend 2 million pounds on the old harbour wall.",
        promo,
        "Storms broke the wall in three places during the winter, flooding the quay.",
    ]
    plain = Article.from_paragraphs(body)
    summariser = ExtractiveSummariser()
    assert promo in summariser.summarise(plain).sentences
    assert promo in {f.sentence for f in find_figures(plain, parse=False)}
    judged = Article(**{**plain.__dict__, "recall_only": (False, True, False)})
    assert doubtful_sentences(judged) == [False, True, False]
    assert promo not in summariser.summarise(judged).sentences
    assert promo not in {f.sentence for f in find_figures(judged, parse=False)}


def test_a_credited_photo_caption_is_no_summary_line_and_no_figure_source():
    caption = "Some 300 people wait at the new bus station in Harwick. (Jane Doe/Valley Press)"
    body = [
        caption,
        "The council voted on Tuesday to spend 2 million pounds on the new bus station.",
        "Storms broke the old station's roof in three places during the winter.",
    ]
    article = Article.from_paragraphs(body)
    assert doubtful_sentences(article) == [True, True, False, False]
    assert not set(article.sentences[:2]) & set(ExtractiveSummariser().summarise(article).sentences)
    assert not set(article.sentences[:2]) & {f.sentence for f in find_figures(article, parse=False)}


@pytest.mark.parametrize(
    "notice",
    [
        "Disclosure: I sit on the harbour trust's board, which paid 2 million pounds for it.",
        "DISCLAIMER: The 3 tips here are for information only and are no legal advice.",
        "(* Advertiser disclosure: Valley Press earns 5% of sales made through these links.)",
    ],
)
def test_a_labelled_disclaimer_is_no_summary_line_and_no_figure_source(notice: str):
    body = [
        notice,
        "The council voted on Tuesday to spend 2 million pounds on the old harbour wall.",
        "Storms broke the wall in three places during the winter, flooding the quay.",
    ]
    article = Article.from_paragraphs(body)
    assert doubtful_sentences(article)[0]
    assert notice not in ExtractiveSummariser().summarise(article).sentences
    assert not {s for s in article.sentences if s in notice} & {
        f.sentence for f in find_figures(article, parse=False)
    }
    # an editor's note may hold news: it stays a sentence like any other
    note = "Editor's note: The council met again on Friday and kept its vote."
    assert not any(doubtful_sentences(Article.from_paragraphs([note, *body[1:]])))


@pytest.mark.parametrize(
    "teaser",
    [
        "Storms are expected to bring 90 km/h winds to the coast by Sunday night. more »",
        "Harbour Monthly is a print magazine about 12 small ports. Learn more »",
        "The trust met on Monday and agreed to 3 changes to the harbour plan... [Read More]",
        "Stay in touch with the 40 volunteers of the harbour trust. read more |",
    ],
)
def test_a_teaser_that_ends_on_a_link_to_read_more_is_no_summary_line(teaser: str):
    body = [
        "The council voted on Tuesday to spend 2 million pounds on the old harbour wall.",
        teaser,
        "Storms broke the wall in three places during the winter, flooding the quay.",
    ]
    article = Article.from_paragraphs(body)
    doubtful = doubtful_sentences(article)
    assert [s for s, d in zip(article.sentences, doubtful, strict=True) if d] == [
        s for s in article.sentences if s in teaser
    ]
    assert not {s for s in article.sentences if s in teaser} & {
        f.sentence for f in find_figures(article, parse=False)
    }
    # a sentence that ends on "learn more" is a sentence
    asked = "Visit the harbour trust's website to learn more."
    assert not any(doubtful_sentences(Article.from_paragraphs([asked, *body[::2]])))


def test_a_note_on_the_author_is_no_summary_line_and_no_figure_source():
    note = "Ann Lee is a historian at Valley College. She has written 3 books on the harbour."
    body = [
        note,
        "The council voted on Tuesday to spend 2 million pounds on the old harbour wall.",
        "Storms broke the wall in three places during the winter, flooding the quay.",
    ]
    article = Article.from_paragraphs(body, author="ANN LEE")  # a byline in capitals
    assert doubtful_sentences(article)[:3] == [True, True, False]
    assert not set(article.sentences[:2]) & set(ExtractiveSummariser().summarise(article).sentences)
    assert not set(article.sentences[:2]) & {f.sentence for f in find_figures(article, parse=False)}
    # someone else's name, or the author's own words, are the story
    assert not any(doubtful_sentences(Article.from_paragraphs(body, author="Tom Reed")))


THREAD = """<html><body><div class="post"><h1>Six days without power</h1>
<p>{post}</p></div>
<div id="comments">{comments}</div>
<div class="commentary"><p>An opinion column set in a block whose class only contains the word
comment is no comment section.</p></div></body></html>"""


def _thread(post: str, comments: list[str]) -> str:
    items = "".join(f'<div class="entry"><p>{c}</p></div>' for c in comments)
    return THREAD.format(post=post, comments=items)


def test_a_paragraph_in_a_comment_section_is_named_by_its_holder():
    post = "The storm cut the power to the whole street six days ago and it is still out."
    comment = "Stay safe out there, we are thinking of you all and hope it comes back soon."
    column = (
        "An opinion column set in a block whose class only contains the word comment is no "
        "comment section."
    )
    marks = paragraph_marks(_thread(post, [comment]), [post, comment, column])
    assert [m.holder if m else "missing" for m in marks] == [None, "comments", None]
