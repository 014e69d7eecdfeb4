"""Articles written for these tests (our own words)."""

from __future__ import annotations

from bot.article import Article

FLOOD = Article.from_paragraphs(
    [
        "Flood water closed the Linford bridge on Monday after the river rose by 2 metres "
        "overnight, the county council said.",
        "About 1,500 homes lost power and five schools shut their doors, according to "
        "Mayor Alice Brandt.",
        '"We have never seen the water this high," said Tom Okafor, who has lived by the '
        "river for 40 years.",
        "Engineers expect the bridge to reopen within three weeks, at a cost of £2.4m.",
    ],
    title="Flood closes Linford bridge",
)


def long_article(paragraphs: int = 12) -> Article:
    """A long article: many sentences, so a small model window needs several chunks."""
    text = [
        f"The council reviewed plan {i} for the old town on Monday. Workers said the school "
        f"budget was delayed again, and the market traders asked for more time. Officials "
        f"promised a new report by the end of the month."
        for i in range(1, paragraphs + 1)
    ]
    return Article.from_paragraphs(text, title="Council reviews plans")
