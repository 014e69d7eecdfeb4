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
