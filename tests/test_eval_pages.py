"""The page sets' loader: what counts as the gold article."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bot.eval.pages import COMMENTS_MARK, load, score_set


def test_dragnet_gold_is_the_article_without_the_readers_comments(tmp_path: Path) -> None:
    folder = tmp_path / "extraction" / "dragnet"
    (folder / "html").mkdir(parents=True)
    (folder / "gold").mkdir()
    for key in ("1", "2"):
        with gzip.open(folder / "html" / f"{key}.html.gz", "wb") as handle:
            handle.write(b"<html><body><p>The bridge reopened on Monday.</p></body></html>")
    (folder / "gold" / "1.txt").write_text(
        f"The bridge reopened on Monday.\n\n{COMMENTS_MARK}  COMMENTS\n\nGreat news! Posted by Al"
    )
    (folder / "gold" / "2.txt").write_text("The bridge reopened on Monday.\n")

    pages = {page.key: page for page in load(tmp_path, "dragnet")}

    assert pages["1"].body.strip() == "The bridge reopened on Monday."
    assert pages["2"].body.strip() == "The bridge reopened on Monday."


def test_a_dragnet_gold_file_in_utf16_is_read_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "extraction" / "dragnet"
    (folder / "html").mkdir(parents=True)
    (folder / "gold").mkdir()
    with gzip.open(folder / "html" / "1.html.gz", "wb") as handle:
        handle.write(b"<html><body><p>The ferry sailed at dawn.</p></body></html>")
    (folder / "gold" / "1.txt").write_bytes("The ferry sailed at dawn.\r\n".encode("utf-16"))

    (page,) = load(tmp_path, "dragnet")

    assert page.body.strip() == "The ferry sailed at dawn."


_STORY = [
    "The council voted on Tuesday to rebuild the river barrier before next winter, after an"
    " inquiry found that repairs had been postponed three times to save money.",
    "Work starts in March and is due to finish in October, the council's engineer told the"
    " meeting, and the road along the river will close for six weeks in the summer.",
    "Residents who lost their homes in the floods asked why it had taken so long. The leader"
    " of the council said she was sorry and that the money was now in the budget.",
]


def _page(headline: str) -> bytes:
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in _STORY)
    return (
        f"<html><head><title>{headline} | The Valley Courier</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{headline}</h1>{paragraphs}</article>"
        "</body></html>"
    ).encode()


def test_dragnet_gold_holds_the_headline_so_ours_is_scored_with_it(tmp_path: Path) -> None:
    # Dragnet's gold is one block of content that starts with the headline; we carry the
    # headline apart from the body, so the body alone would miss words the gold marks.
    headline = "Council votes to rebuild the river barrier"
    folder = tmp_path / "extraction" / "dragnet"
    (folder / "html").mkdir(parents=True)
    (folder / "gold").mkdir()
    with gzip.open(folder / "html" / "1.html.gz", "wb") as handle:
        handle.write(_page(headline))
    (folder / "gold" / "1.txt").write_text(f"{headline}\n\n" + "\n\n".join(_STORY))

    (row, *_) = score_set(load(tmp_path, "dragnet"), "dragnet")

    assert row.metric == "word F1"
    assert row.value == 1.0
    assert row.anchors["ours, body without the headline"] < 1.0


def test_wcxb_gold_gives_the_headline_apart_so_ours_is_scored_without_it(tmp_path: Path) -> None:
    headline = "Council votes to rebuild the river barrier"
    folder = tmp_path / "extraction" / "wcxb-dev"
    (folder / "html").mkdir(parents=True)
    with gzip.open(folder / "html" / "1.html.gz", "wb") as handle:
        handle.write(_page(headline))
    truth = {"1": {"url": None, "title": headline, "main_content": "\n".join(_STORY)}}
    (folder / "ground-truth.json").write_text(json.dumps(truth))

    (row, *_) = score_set(load(tmp_path, "wcxb-dev"), "wcxb-dev")

    assert row.value == 1.0
    assert "ours, body without the headline" not in row.anchors
