"""Key figures never come from page furniture or from lines that are not prose (issue 10)."""

from __future__ import annotations

import dataclasses

from bot.article import Article
from bot.figures import find_figures
from bot.markup import code_lines, paragraph_marks

CODE_PAGE = """<html><body><article>
<p>The harbour office rewrote its tide tables in a weekend, cutting page loads by 40%.</p>
<pre><code>const retries = 12;
x(3)
let timeout = wait(250);</code></pre>
<p>The new tables now serve 3,000 boat owners along the east coast every morning.</p>
</article></body></html>"""

CODE_BODY = [
    "The harbour office rewrote its tide tables in a weekend, cutting page loads by 40%.",
    "const retries = 12;",
    "x(3)",
    "let timeout = wait(250);",
    "The new tables now serve 3,000 boat owners along the east coast every morning.",
]


def _sources(article: Article) -> set[str]:
    return {f.sentence for f in find_figures(article, parse=False)}


def test_a_line_of_code_is_no_figure_source():
    plain = Article.from_paragraphs(CODE_BODY)
    assert "const retries = 12;" in _sources(plain)
    marks = paragraph_marks(CODE_PAGE, plain.paragraphs)
    # "x(3)" is too short to be found on the page: the code lines around it make it code
    assert marks[2] is None
    assert code_lines(marks) == [False, True, True, True, False]
    marked = dataclasses.replace(plain, marks=marks)
    assert _sources(marked) == {CODE_BODY[0], CODE_BODY[4]}


def test_a_heading_or_label_gives_no_count_but_keeps_its_price():
    body = [
        "Step 3: Sanding",
        "412 Reader Comments",
        "Boats Repaired: 27",
        "Price: $45",
        "Step 5.",
        "The yard repaired 16 fishing boats in March after the storm broke their hulls.",
        "The harbour's 12 cranes stayed idle until the repairs were done.",
    ]
    figures = {
        f.value: f.sentence for f in find_figures(Article.from_paragraphs(body), parse=False)
    }
    assert not {"3", "412", "27"} & set(figures)
    assert figures["$45"] == "Price: $45"
    assert figures["16"] == body[5]


def test_a_short_sentence_is_prose_not_a_label():
    body = ["The harbour master who ran the port for 31 years has died.", "He was 74."]
    figures = find_figures(Article.from_paragraphs(body), parse=False)
    assert "74" in {f.value for f in figures}


def test_text_in_a_script_without_case_is_not_taken_for_a_label():
    sentence = "港口 Harbour 去年修理了 16 艘渔船。"
    figures = find_figures(Article.from_paragraphs([sentence], language="zh"), parse=False)
    assert [f.value for f in figures] == ["16"]


def test_a_phone_number_with_its_area_code_in_brackets_is_no_figure():
    body = ["Readers can reach the harbour office at (555) 014-2398 about the 40 moorings."]
    figures = find_figures(Article.from_paragraphs(body), parse=False)
    assert [f.value for f in figures] == ["40"]


def test_a_phone_number_in_short_groups_is_no_figure_but_thousands_are():
    body = [
        "Readers can reach the harbour helpline on 13 11 14 about the 40 moorings.",
        "Le port a reçu 250 000 visiteurs.",
        "The port has 40 moorings. Readers can reach its helpline on 13 11 14.",
    ]
    for lines in (body[:1], body[2:]):
        figures = find_figures(Article.from_paragraphs(lines), parse=False)
        assert [f.value for f in figures] == ["40"]
    french = find_figures(Article.from_paragraphs(body[1:2], language="fr"), parse=False)
    assert [f.value for f in french] == ["250 000"]


def test_a_phone_number_spelled_partly_in_capitals_is_no_figure():
    body = [
        "Readers can call 855-HBR-1881 or 1-800-HARBOUR about the 40 moorings and the"
        " 200-metre pier."
    ]
    figures = find_figures(Article.from_paragraphs(body), parse=False)
    assert sorted(f.value for f in figures) == ["200", "40"]


def test_a_note_mark_after_a_full_stop_is_no_figure():
    body = ["She works in the United States.2 Her studio has shown 40 artists since it opened."]
    figures = find_figures(Article.from_paragraphs(body), parse=False)
    assert [f.value for f in figures] == ["40"]
