"""The `newsbot` command as a user runs it: real files and a loopback article server; the
console script and standard input in a process of their own, the rest through `cli.main`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli
from bot.article import Article
from bot.config import Settings
from bot.quotes import is_verbatim
from tests.conftest import EXAMPLE_PAGE
from tests.fakes.articles import ArticleServer, Page

CONTRACT_KEYS = {
    "input", "url", "title", "site", "author", "published", "language", "text", "summary",
    "summary_method", "summary_support", "model", "figures", "quotes", "warnings",
}  # fmt: skip


def newsbot(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEWSBOT_ALLOW_PRIVATE_URLS": "1",
        "NEWSBOT_SUMMARISER": "extractive",
        "NEWSBOT_READ_TIMEOUT": "1",
        "HF_HUB_OFFLINE": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def in_process(
    settings: Settings, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """`newsbot ARGS` in this process (the parser already loaded): exit status, out, err. The
    tests above and below that need a process of their own (the console script, standard
    input) use `newsbot`."""
    rc = cli.main(list(args), settings=settings)
    out, err = capsys.readouterr()
    return rc, out, err


def test_json_digest_of_the_example_page_keeps_the_contract(settings, capsys):
    rc, out, err = in_process(settings, capsys, "summarise", "--json", str(EXAMPLE_PAGE))
    assert rc == 0, err
    record = json.loads(out)
    assert set(record) == CONTRACT_KEYS
    assert record["input"] == str(EXAMPLE_PAGE)
    assert record["summary_method"] == "extractive" and record["model"] is None
    assert 2 <= len(record["summary"]) <= 4
    assert all(sentence in record["text"] for sentence in record["summary"])
    # Provenance: each summary sentence points at the article sentence it came from.
    assert len(record["summary_support"]) == len(record["summary"])
    assert all(len(indices) == 1 for indices in record["summary_support"])
    assert record["figures"] and record["quotes"]
    assert all(f["text"] in record["text"] and f["value"] in f["text"] for f in record["figures"])
    article = Article.from_paragraphs(record["text"].split("\n\n"))
    assert all(is_verbatim(q["text"], article) for q in record["quotes"])


def test_terminal_output_is_readable(settings, capsys):
    rc, out, err = in_process(settings, capsys, "summarise", str(EXAMPLE_PAGE))
    assert rc == 0, err
    for part in ("Harwick floods", "The Valley Courier", "Key figures", "Quotes", "1,240"):
        assert part in out


def test_standard_input_as_plain_text(example_html):
    text = (
        "\n\n".join(
            line for line in Path(EXAMPLE_PAGE).read_text().splitlines() if line.startswith("<p>")
        )
        .replace("<p>", "")
        .replace("</p>", "")
    )
    result = newsbot("summarise", "--json", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["url"] is None


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("no-such-file.html", "neither a link (http/https) nor a readable file"),
        ("ftp://example.com/story", "Only http and https links are supported"),
        ("{base}/missing", "not found (404)"),
        ("{base}/report.pdf", "PDFs are not supported yet"),
        ("{base}/short", "too little text to be an article"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(source, message, settings, capsys):
    pages = {"/report.pdf": Page(b"%PDF-1.7", "application/pdf"), "/short": Page(b"<p>Hi.</p>")}
    with ArticleServer(pages) as server:
        rc, _, err = in_process(settings, capsys, "summarise", source.format(base=server.base_url))
    assert rc == 2
    assert err.startswith("newsbot: error: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_batch_survives_bad_inputs(example_html, settings, capsys):
    with ArticleServer({"/story": Page(example_html.encode())}) as server:
        inputs = [server.url("/story"), server.url("/missing"), "nope.txt", str(EXAMPLE_PAGE)]
        rc, out, _ = in_process(settings, capsys, "summarise", "--jsonl", *inputs)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["input"] for r in records] == inputs
    assert [("error" in r) for r in records] == [False, True, True, False]
    assert records[0]["url"] == server.url("/story") and records[0]["title"]
    assert rc == 2  # some inputs failed


def test_several_inputs_shown_one_after_another_survive_a_bad_one(settings, capsys):
    inputs = ["nope.txt", str(EXAMPLE_PAGE)]
    rc, out, err = in_process(settings, capsys, "summarise", *inputs)
    assert err.startswith("newsbot: error: nope.txt: ") and err.count("\n") == 1
    assert "Key figures" in out  # the good input after it is still shown
    assert rc == 2


def test_json_refuses_several_inputs():
    result = newsbot("summarise", "--json", str(EXAMPLE_PAGE), str(EXAMPLE_PAGE))
    assert result.returncode == 2 and "--jsonl" in result.stderr


def test_check_says_per_sentence_whether_and_where_the_article_supports_it(settings, capsys):
    text = (
        "The failure sent water into 1,240 homes and 86 businesses in the town. "
        "The failure sent water into a single home in the town."
    )
    rc, out, err = in_process(settings, capsys, "check", str(EXAMPLE_PAGE), "--text", text)
    assert rc == 0, err
    first, second = out.split("\n✗ not supported: ")
    assert first.startswith("✓ supported: The failure sent water into 1,240 homes")
    assert "from paragraph 2, sentence 2: The failure sent water" in first
    assert second.startswith("The failure sent water into a single home")
    assert "closest paragraph 2, sentence 2" in second and "single" in second


def test_check_jsonl_prints_one_result_per_line():
    lines = [
        {"article": "The council approved the budget on Monday.", "sentences": ["The council "
         "approved the budget.", "The council did not approve the budget."]},
        {"article": "Two ferries sank.\n\nNobody was hurt.", "sentences": ["Nobody was hurt."]},
    ]  # fmt: skip
    result = newsbot("check", "--jsonl", "-", stdin="\n".join(map(json.dumps, lines)))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records == [
        {"supported": [True, False], "support": [[0], [0]]},
        {"supported": [True], "support": [[1]]},
    ]


def test_eval_takes_its_options_first_and_others_are_refused(tmp_path: Path) -> None:
    done = newsbot("eval", "--only", "summaries", "--data", str(tmp_path / "nowhere"))
    assert done.returncode == 0, done.stderr
    assert "No dev data" in done.stdout
    refused = newsbot("summarise", "--no-such-option", str(EXAMPLE_PAGE))
    assert refused.returncode == 2 and "unrecognized arguments" in refused.stderr
