"""The page sets' loader: what counts as the gold article."""

from __future__ import annotations

import gzip
from pathlib import Path

from bot.eval.pages import COMMENTS_MARK, load


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
