"""Hostile requests at the HTTP front door, `/summarise private` in every form, and page text
that must not act in Slack. Real bot over loopback against the fake Slack."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from bot.render.slack import digest_message
from bot.slack.intake import wants_private
from tests.fakes.articles import ArticleServer, Page
from tests.fakes.slack import FakeSlack
from tests.slack.conftest import (
    Running,
    digests,
    mention,
    post_signed,
    send_form,
    slash,
    thread_messages,
)
from tests.slack.test_render import make_digest
from tests.test_hostile import html, story


def _post(base: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=10)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),  # unsigned
        ({"X-Slack-Request-Timestamp": "not-a-number", "X-Slack-Signature": "v0=x"}, 401),
        ({"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=0"}, 401),
    ],
)
def test_unsigned_or_oversized_requests_are_refused_before_parsing(
    running: Running, headers: dict[str, str], status: int
) -> None:
    resp = _post(running.base_url, b"{not json", {"Content-Type": "application/json", **headers})
    assert resp.status_code == status and "Traceback" not in resp.text


def test_a_large_unsigned_body_is_cut_off(running: Running) -> None:
    resp = _post(running.base_url, b"x" * 2_000_000, {"Content-Type": "application/json"})
    assert resp.status_code == 413


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[1, 2]", "application/json"),
        ('"just a string"', "application/json"),
        ("payload=%7Bbroken", "application/x-www-form-urlencoded"),
        ('{"type": "event_callback", "event": "not an object"}', "application/json"),
        ('{"type": "event_callback", "event": {"type": "app_mention"}}', "application/json"),
    ],
)
def test_signed_but_malformed_payloads_get_400_never_500(
    running: Running, body: str, content_type: str
) -> None:
    sent = post_signed(running.base_url, body, content_type)
    assert sent.status in (200, 400) and "Traceback" not in sent.body


@pytest.mark.parametrize(
    "text",
    [
        "private {url}",
        "{url} private",
        "private: {url}",
        "Private {url}",
        "privately {url}",
        "--private {url}",
        "-p {url}",
        "{url} -p",
        "<{url}|story> private",
        "please summarise {url}",  # doubt: private
    ],
)
def test_every_form_of_private_answers_only_the_user(
    running: Running, slack: FakeSlack, articles: ArticleServer, text: str
) -> None:
    command = slash(text.format(url=articles.url("/story")), slack.response_url("p"))
    assert send_form(running.base_url, command).status == 200
    answer = slack.wait_for(lambda: slack.calls_to("response_url"))[0].args
    assert answer["response_type"] == "ephemeral" and "Harwick" in answer["text"]
    assert not digests(slack, None)


@pytest.mark.parametrize(("text", "private"), [("{url}", False), ("public {url}", False)])
def test_public_forms(text: str, private: bool) -> None:
    assert wants_private(text.format(url="https://news.example/a")) is private


def test_a_bad_link_is_answered_and_does_not_kill_the_good_one(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    event = mention(f"http://news.example:99999/x and {articles.url('/story')}")
    ts = event["event"]["ts"]
    assert post_signed(running.base_url, json.dumps(event), "application/json").status == 200
    slack.wait_for(lambda: len(thread_messages(slack).get(ts, [])) == 2 and digests(slack, ts))
    texts = [m["text"] for m in thread_messages(slack)[ts]]
    assert any("port" in t for t in texts)


def test_slash_command_with_a_bad_port_is_not_a_500(running: Running, slack: FakeSlack) -> None:
    sent = send_form(running.base_url, slash("http://news.example:abc/", slack.response_url("b")))
    assert sent.status == 200


def test_page_text_cannot_ping_or_link_in_slack(running: Running, slack: FakeSlack) -> None:
    # As text on the page (escaped in its HTML), as a hostile headline would be.
    title = "&lt;!channel&gt; Breaking: &lt;https://phish.example|wall&gt; &amp;amp;"
    page = html(story(), title)
    with ArticleServer({"/p": Page(page.encode())}) as server:
        event = mention(server.url("/p"))
        ts = event["event"]["ts"]
        post_signed(running.base_url, json.dumps(event), "application/json")
        [digest] = slack.wait_for(lambda: digests(slack, ts))
    everything = digest["text"] + json.dumps(digest["blocks"])
    assert "<!channel>" not in everything and "<https://phish.example" not in everything
    assert "&lt;!channel&gt;" in digest["text"]
    links = [b["text"]["text"] for b in digest["blocks"][:1]]
    assert links[0].startswith(f"*<{server.url('/p')}|")


def test_a_huge_title_is_cut_outside_the_link_markup() -> None:
    text, blocks = digest_message(make_digest(title="T & " * 30_000), digest_id="d")
    headline = blocks[0]["text"]["text"]
    assert headline.startswith("*<https://news.example/a|") and headline.endswith(">*")
    assert len(headline) < 3000 and not text.endswith("&amp…")
