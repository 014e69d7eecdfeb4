"""The bot in HTTP mode, driven by signed requests over real HTTP against a fake Slack."""

from __future__ import annotations

import httpx

from tests.fakes.articles import ArticleServer
from tests.fakes.slack import FakeSlack
from tests.slack.conftest import (
    CHANNEL,
    Running,
    digests,
    mention,
    send_event,
    send_form,
    slash,
    thread_messages,
)


def test_healthz_is_ready_once_workers_run(running: Running) -> None:
    resp = httpx.get(f"{running.base_url}/healthz")
    assert resp.status_code == 200
    assert resp.json()["mode"] == "http"


def test_mention_gets_exactly_one_digest_in_its_thread(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    event = mention(f"<{articles.url('/story')}|flood story>")
    ts = event["event"]["ts"]
    sent = send_event(running.base_url, event)
    assert sent.status == 200

    found = slack.wait_for(lambda: digests(slack, ts))
    assert len(found) == 1
    digest = found[0]
    assert "Harwick" in digest["text"]
    texts = str(digest["blocks"])
    assert "Key figures" in texts and "verbatim" in texts and "extractive, offline" in texts
    # the placeholder was replaced, not left behind: one bot message in the thread
    assert len(thread_messages(slack)[ts]) == 1
    slack.wait_for(
        lambda: _reactions(slack, "reactions.add") >= {"hourglass_flowing_sand", "white_check_mark"}
    )
    assert "hourglass_flowing_sand" in _reactions(slack, "reactions.remove")


def _reactions(slack: FakeSlack, method: str) -> set[str]:
    return {c.args["name"] for c in slack.calls_to(method)}


def test_retried_delivery_is_not_answered_twice(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    event = mention(articles.url("/story"))
    ts = event["event"]["ts"]
    assert send_event(running.base_url, event).status == 200
    retry = send_event(
        running.base_url,
        event,
        headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )
    assert retry.status == 200
    slack.wait_for(lambda: digests(slack, ts))
    assert running.bot.jobs.count("pending") == 0
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_same_link_in_same_thread_is_answered_once(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    first = mention(articles.url("/story"), ts="1700000001.000001")
    again = mention(
        f"again <{articles.url('/story')}>", ts="1700000001.000002", thread_ts="1700000001.000001"
    )
    send_event(running.base_url, first)
    send_event(running.base_url, again)
    slack.wait_for(lambda: digests(slack, "1700000001.000001"))
    assert len(digests(slack, "1700000001.000001")) == 1


def test_slash_command_acks_fast_then_posts_in_channel(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    sent = send_form(running.base_url, slash(articles.url("/story"), slack.response_url("cmd")))
    assert sent.status == 200 and sent.seconds < 3
    found = slack.wait_for(lambda: digests(slack, None))
    assert len(found) == 1 and found[0]["channel"] == CHANNEL


def test_private_slash_command_answers_only_the_user(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    sent = send_form(
        running.base_url, slash(f"private {articles.url('/story')}", slack.response_url("p"))
    )
    assert sent.status == 200 and "only you" in sent.body
    answer = slack.wait_for(lambda: slack.calls_to("response_url"))[0].args
    assert answer["response_type"] == "ephemeral" and "Harwick" in answer["text"]
    assert not slack.calls_to("chat.postMessage")


def test_slash_command_without_link_gives_usage(running: Running, slack: FakeSlack) -> None:
    sent = send_form(running.base_url, slash("", slack.response_url("u")))
    assert sent.status == 200 and "Usage" in sent.body


def test_dead_link_gets_one_sentence_error_in_thread(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    event = mention(articles.url("/missing"))
    ts = event["event"]["ts"]
    send_event(running.base_url, event)
    slack.wait_for(lambda: "warning" in _reactions(slack, "reactions.add"))
    [reply] = thread_messages(slack)[ts]
    assert "404" in reply["text"] or "not found" in reply["text"].lower()
    assert reply["text"].count(". ") == 0  # one sentence


def test_bad_signature_is_rejected(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    sent = send_event(running.base_url, mention(articles.url("/story")), secret="not-the-secret")
    assert sent.status == 401
    assert not slack.calls_to("chat.postMessage")
