"""Many mentions at once: every one answered exactly once; ack latency and time to digest.

Run with `-s` to see the figures: `pytest tests/slack/test_load.py -s`.
"""

from __future__ import annotations

import statistics
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from tests.fakes.articles import ArticleServer
from tests.fakes.slack import FakeSlack
from tests.slack.conftest import (
    Running,
    Sent,
    digests,
    is_digest,
    mention,
    send_event,
    thread_messages,
)

N = 20


def _digest_times(slack: FakeSlack, sent: dict[str, Sent]) -> list[float]:
    """Seconds from sending each mention to the digest replacing its placeholder."""
    thread_of = {
        c.result["ts"]: c.args.get("thread_ts") for c in slack.calls_to("chat.postMessage")
    }
    done = {}
    for call in slack.calls_to("chat.update"):
        if call.result.get("ok") and is_digest(call.args):
            done[thread_of[call.args["ts"]]] = call.at
    return [done[ts] - s.sent_at for ts, s in sent.items()]


def _answered(slack: FakeSlack) -> set[str]:
    """The mentions whose job ended (the bot put ✅ or ⚠️ on them)."""
    return {
        c.args["timestamp"]
        for c in slack.calls_to("reactions.add")
        if c.result.get("ok") and c.args.get("name") in ("white_check_mark", "warning")
    }


def _report(label: str, acks: list[float], digests_s: list[float]) -> None:
    print(
        f"\n[{label}] ack latency: median {statistics.median(acks) * 1000:.0f} ms, "
        f"worst {max(acks) * 1000:.0f} ms; mention→digest: median "
        f"{statistics.median(digests_s):.2f} s, worst {max(digests_s):.2f} s"
    )


def test_one_mention_at_a_time(running: Running, slack: FakeSlack, articles: ArticleServer) -> None:
    sent: dict[str, Sent] = {}
    for i in range(5):
        articles.pages[f"/seq/{i}"] = articles.pages["/story"]  # distinct links: no cache hits
        event = mention(articles.url(f"/seq/{i}"))
        ts: str = event["event"]["ts"]
        sent[ts] = send_event(running.base_url, event)
        slack.wait_for(partial(digests, slack, ts))
    acks = [s.seconds for s in sent.values()]
    _report("sequential x5", acks, _digest_times(slack, sent))
    assert max(acks) < 3


def test_twenty_mentions_at_once_are_each_answered_exactly_once(
    running: Running, slack: FakeSlack, articles: ArticleServer
) -> None:
    events = []
    for i in range(N):
        articles.pages[f"/burst/{i}"] = articles.pages["/story"]
        events.append(mention(articles.url(f"/burst/{i}")))
    with ThreadPoolExecutor(N) as pool:
        results = list(pool.map(lambda e: send_event(running.base_url, e), events))
    assert all(r.status == 200 for r in results)
    sent = {e["event"]["ts"]: r for e, r in zip(events, results, strict=True)}

    # Answered = ✅ or ⚠️ on the mention: an error answer fails below with its words.
    slack.wait_for(lambda: _answered(slack) >= set(sent), timeout=60)
    running.bot.runner.stop()  # nothing more may arrive after this point
    by_thread = thread_messages(slack)
    not_digests = {
        ts: [m.get("text") for m in by_thread[ts]] for ts in sent if not digests(slack, ts)
    }
    assert not not_digests, f"answered without a digest: {not_digests}"
    assert all(len(by_thread[ts]) == 1 for ts in sent)  # one message each, and it is the digest
    assert all(len(digests(slack, ts)) == 1 for ts in sent)
    assert len(slack.calls_to("chat.postMessage")) == N
    acks = [r.seconds for r in results]
    _report(f"{N} at once", acks, _digest_times(slack, sent))
    once = sum(len(digests(slack, ts)) == 1 for ts in sent)
    print(f"[{N} at once] answered exactly once: {once}/{N}")
    assert max(acks) < 3
