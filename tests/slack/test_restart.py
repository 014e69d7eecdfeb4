"""Accepted jobs survive the process: a restart finishes them, without a second placeholder."""

from __future__ import annotations

import signal

from bot.config import Settings
from bot.slack.db import Database
from bot.slack.links import canonical_url
from bot.slack.queue import JobQueue, NewJob
from bot.slack.server import DB_NAME
from tests.fakes.articles import ArticleServer, Page
from tests.fakes.slack import FakeSlack
from tests.slack.conftest import (
    CHANNEL,
    digests,
    mention,
    send_event,
    start_bot,
    thread_messages,
)
from tests.slack.process import serve_process


def test_job_left_running_by_a_dead_process_completes_on_restart(
    bot_settings: Settings, slack: FakeSlack, articles: ArticleServer
) -> None:
    # What a process killed mid-job leaves behind: a running job and its placeholder.
    db = Database(bot_settings.data_dir / DB_NAME)
    store = JobQueue(db)
    url = articles.url("/story")
    store.accept(
        "Ev1",
        [
            NewJob(
                kind="mention",
                url=url,
                canon=canonical_url(url),
                channel=CHANNEL,
                thread_ts="1700000500.000001",
                message_ts="1700000500.000001",
            )
        ],
        dedupe_window_s=300,
    )
    job = store.claim()
    assert job is not None
    store.set_placeholder(job.id, "1700000500.000002")
    db.close()

    run = start_bot(bot_settings)
    try:
        update = slack.wait_for(
            lambda: [c for c in slack.calls_to("chat.update") if c.result["ok"]]
        )
        assert update[0].args["ts"] == "1700000500.000002"  # the old placeholder, replaced
        assert not slack.calls_to("chat.postMessage")
        slack.wait_for(lambda: run.bot.jobs.job(job.id).status == "done")  # type: ignore[union-attr]
    finally:
        run.stop()


def test_killed_process_resumes_accepted_mention(
    bot_settings: Settings, slack: FakeSlack, articles: ArticleServer, example_html: str
) -> None:
    # slow enough to kill the process mid-fetch, within the 1 s read timeout of the tests
    articles.pages["/slow"] = Page(example_html.encode(), delay_s=0.8)
    first = serve_process(bot_settings)
    try:
        event = mention(articles.url("/slow"))
        ts = event["event"]["ts"]
        assert send_event(first.base_url, event).status == 200
        # the placeholder is up and stored (a kill between Slack's answer and the store's
        # commit would leave a second placeholder: Slack has no idempotency key to prevent it)
        slack.wait_for(lambda: thread_messages(slack).get(ts))
        seen = Database(bot_settings.data_dir / DB_NAME)
        slack.wait_for(lambda: (j := JobQueue(seen).job(1)) is not None and j.placeholder_ts)
        seen.close()
    finally:
        first.kill(signal.SIGKILL)
    assert not digests(slack, ts)
    articles.pages["/slow"] = Page(example_html.encode())

    run = start_bot(bot_settings)
    try:
        assert len(slack.wait_for(lambda: digests(slack, ts))) == 1
        assert len(slack.calls_to("chat.postMessage")) == 1  # no second placeholder
    finally:
        run.stop()
