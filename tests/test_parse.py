"""The shared parse: one per article, made once, by the language's pipeline."""

from __future__ import annotations

import pytest

from bot.article import Article
from bot.parse import PIECE_CHARS, article_language, detect_language, parse_all, pieces, pipeline


def test_an_article_is_parsed_once_and_the_parse_is_shared():
    article = Article.from_paragraphs(["Anna Berg, the governor, visited Riverton on Monday."])
    doc = article.doc
    assert doc is article.doc
    assert doc.text == article.text
    assert any(e.label_ == "PERSON" and e.text == "Anna Berg" for e in doc.ents)


def test_batch_parsing_fills_the_same_cache():
    articles = [Article.from_paragraphs([f"Story number {n} was filed on time."]) for n in range(3)]
    parse_all(articles)
    assert [a.doc.text for a in articles] == [a.text for a in articles]


def test_no_word_hangs_on_a_word_in_another_paragraph():
    # A credit line under a quote and the heading below it are two paragraphs: the parser
    # joined them into one noun phrase ('Moniuszko' a compound on 'Communications').
    article = Article.from_paragraphs(
        [
            "“I wanted to learn more about computers.” - Karolina Moniuszko",
            "Communications",
            "Students in this course build websites for the school.",
        ]
    )
    breaks = [t.i for t in article.doc if "\n" in t.text]
    for token in article.doc:
        between = [b for b in breaks if min(token.i, token.head.i) < b < max(token.i, token.head.i)]
        assert not between, (token.text, token.head.text)


def test_unused_pipes_are_left_out():
    assert "senter" not in pipeline("en").pipe_names
    assert {"parser", "ner"} <= set(pipeline("en").pipe_names)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister said that the plan was ready and the vote is next week.", "en"),
        (
            "Der Minister sagte, dass der Plan fertig ist und die Abstimmung nicht mehr lange "
            "dauert.",
            "de",
        ),
        ("Le ministre a dit que le plan est prêt et que le vote aura lieu dans une semaine.", "fr"),
        ("El ministro dijo que el plan está listo y que la votación será en una semana.", "es"),
        ("Il ministro ha detto che il piano è pronto e che il voto sarà tra una settimana.", "it"),
    ],
)
def test_language_is_told_from_function_words(text: str, language: str):
    assert detect_language(text) == language


def test_a_page_tag_wins_over_the_guess():
    article = Article.from_paragraphs(["The minister said the plan was ready."], language="de-CH")
    assert article_language(article) == "de"
    assert article.doc.text == article.text  # German gets a tokenizer, not the English parser


def test_a_page_without_paragraph_breaks_is_parsed_in_pieces_of_whole_sentences():
    sentence = "The council spent 12 million pounds on the bridge. "
    long_paragraph = sentence * (3 * PIECE_CHARS // len(sentence))
    paragraphs = ["A short opening paragraph.", long_paragraph.strip(), "A closing line."]
    found = pieces(paragraphs)
    assert "".join(found) == "\n\n".join(paragraphs)
    assert len(found) >= 3
    assert all(len(piece) <= PIECE_CHARS for piece in found)
    # every cut falls after a full stop, so no sentence is split between two parses
    assert all(piece.endswith((". ", "\n\n")) for piece in found[:-1])
    article = Article.from_paragraphs(paragraphs)
    assert article.doc.text == article.text
    assert [s.text for s in article.doc.sents][-1] == "A closing line."
