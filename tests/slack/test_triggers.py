"""DMs, the shortcut, the :newspaper: reaction, several links, buttons, errors and 429s."""

from __future__ import annotations

from bot.config import Settings
from tests.fakes.articles import ArticleServer
from tests.fakes.slack import FakeSlack
from tests.slack.conftest import (
    CHANNEL,
    Running,
    digest_id_of,
    digests,
    event_callback,
    is_digest,
    mention,
    send_event,
    send_interaction,
    start_bot,
    thread_messages,
)


def test_dm_with_link_is_answered_in_its_thread(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    dm = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0DM",
        "user": "U0REPORTER",
        "text": f"<{articles.url('/story')}>",
        "ts": "1700000100.000001",
    }
    send_event(running.base_url, event_callback(dm))
    [digest] = slack.wait_for(lambda: digests(slack, "1700000100.000001"))
    assert digest["channel"] == "D0DM"


def test_mention_without_link_gets_help(running: Running, slack: FakeSlack) -> None:
    event = mention("what can you do?")
    send_event(running.base_url, event)
    [reply] = slack.wait_for(lambda: thread_messages(slack).get(event["event"]["ts"]))
    assert "link" in reply["text"] and "/summarise" in reply["text"]


def test_more_than_three_links_reads_three_and_says_so(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    for i in range(5):
        articles.pages[f"/story?v={i}"] = articles.pages["/story"]
    links = " ".join(f"<{articles.url(f'/story?v={i}')}>" for i in range(5))
    event = mention(links)
    ts = event["event"]["ts"]
    send_event(running.base_url, event)
    slack.wait_for(
        lambda: (
            len(digests(slack, ts)) == 3
            and any("more" in m["text"] for m in thread_messages(slack)[ts])
        )
    )
    assert len(digests(slack, ts)) == 3


def test_message_shortcut_summarises_the_message(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    payload = {
        "type": "message_action",
        "callback_id": "summarise_article",
        "trigger_id": "t1",
        "team": {"id": "T0001"},
        "user": {"id": "U0EDITOR"},
        "channel": {"id": CHANNEL},
        "message": {
            "ts": "1700000200.000001",
            "text": f"read this <{articles.url('/story')}|story>",
        },
        "response_url": slack.response_url("sc"),
    }
    assert send_interaction(running.base_url, payload).status == 200
    assert len(slack.wait_for(lambda: digests(slack, "1700000200.000001"))) == 1


def test_newspaper_reaction_summarises_the_message(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    slack.messages[(CHANNEL, "1700000300.000001")] = {
        "ts": "1700000300.000001",
        "text": f"<{articles.url('/story')}>",
    }
    reaction = {
        "type": "reaction_added",
        "user": "U0EDITOR",
        "reaction": "newspaper",
        "item": {"type": "message", "channel": CHANNEL, "ts": "1700000300.000001"},
    }
    send_event(running.base_url, event_callback(reaction))
    assert len(slack.wait_for(lambda: digests(slack, "1700000300.000001"))) == 1
    other = {**reaction, "reaction": "tada"}
    send_event(running.base_url, event_callback(other))
    assert len(slack.calls_to("conversations.history")) == 1


def test_pdf_and_gone_links_get_their_reasons(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    pdf, gone = mention(articles.url("/report.pdf")), mention(articles.url("/gone"))
    send_event(running.base_url, pdf)
    send_event(running.base_url, gone)
    slack.wait_for(
        lambda: (
            thread_messages(slack).get(pdf["event"]["ts"])
            and thread_messages(slack).get(gone["event"]["ts"])
            and len(slack.calls_to("chat.update")) == 2
        )
    )
    [pdf_reply] = thread_messages(slack)[pdf["event"]["ts"]]
    [gone_reply] = thread_messages(slack)[gone["event"]["ts"]]
    assert "PDF" in pdf_reply["text"]
    assert (
        "410" in gone_reply["text"]
        or "gone" in gone_reply["text"].lower()
        or "removed" in gone_reply["text"].lower()
    )


def test_rate_limited_post_is_retried_not_lost(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    slack.fail("chat.update", times=1, status=429)
    event = mention(articles.url("/story"))
    send_event(running.base_url, event)
    assert len(slack.wait_for(lambda: digests(slack, event["event"]["ts"]))) == 1
    assert [c.result["ok"] for c in slack.calls_to("chat.update")] == [False, True]


def test_buttons_store_feedback_and_resummarise_skips_the_cache(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    event = mention(articles.url("/story"))
    ts = event["event"]["ts"]
    send_event(running.base_url, event)
    [digest] = slack.wait_for(lambda: digests(slack, ts))
    digest_id = digest_id_of(digest)
    assert digest_id
    message = {"ts": digest["ts"], "thread_ts": ts, "text": digest["text"]}

    def click(action: str, user: str, value: str) -> None:
        payload = {
            "type": "block_actions",
            "trigger_id": "t",
            "team": {"id": "T0001"},
            "user": {"id": user},
            "channel": {"id": CHANNEL},
            "container": {"type": "message", "message_ts": digest["ts"]},
            "message": message,
            "response_url": slack.response_url(f"b-{user}"),
            "actions": [{"action_id": action, "block_id": "b", "value": value, "type": "button"}],
        }
        assert send_interaction(running.base_url, payload).status == 200

    click("feedback", "U1", f"up:{digest_id}")  # the feedback_buttons element
    click("feedback_down", "U2", f"down:{digest_id}")  # the section-only layout's button
    slack.wait_for(lambda: len(slack.calls_to("response_url")) == 2)
    assert running.bot.store.feedback(digest_id) == {"U1": 1, "U2": -1}

    click("resummarise", "U1", str(digest_id))
    slack.wait_for(lambda: len(slack.calls_to("chat.update")) == 2)
    new = slack.calls_to("chat.update")[-1].args
    assert new["ts"] == digest["ts"]  # the same message, replaced
    assert digest_id_of(new) != digest_id  # a fresh digest, not the cache
    assert new["metadata"]["event_payload"]["updated"] is True
    assert "updated" in new["blocks"][1]["elements"][0]["text"]


def test_private_address_is_refused_when_not_allowed(
    bot_settings: Settings, slack: FakeSlack, articles: ArticleServer
) -> None:
    run = start_bot(bot_settings.model_copy(update={"allow_private_urls": False}))
    try:
        event = mention(articles.url("/story"))
        send_event(run.base_url, event)
        slack.wait_for(
            lambda: "warning" in {c.args["name"] for c in slack.calls_to("reactions.add")}
        )
        [reply] = thread_messages(slack)[event["event"]["ts"]]
        assert not is_digest(reply) and not articles.requests
    finally:
        run.stop()
