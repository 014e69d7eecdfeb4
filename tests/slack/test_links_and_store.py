"""Link markup parsing, canonical URLs, and the store's cache, dedupe and feedback."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.slack.db import Database
from bot.slack.links import canonical_url, find_links
from bot.slack.queue import JobQueue, NewJob
from bot.slack.store import Store, digest_from_json, digest_to_json
from tests.slack.test_render import make_digest


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("<@U1> see <https://a.example/x|the story>", ("https://a.example/x",)),
        ("<https://a.example/x?a=1&amp;b=2>", ("https://a.example/x?a=1&b=2",)),
        ("plain https://a.example/y, then <#C1|news> <!here>", ("https://a.example/y",)),
        ("<mailto:a@b.example|mail> and <ftp://x.example>", ()),
        ("<https://a.example/x> again <https://A.example/x#top>", ("https://a.example/x",)),
        ("", ()),
        (None, ()),
    ],
)
def test_find_links(text: str | None, urls: tuple[str, ...]) -> None:
    assert find_links(text).urls == urls


def test_find_links_keeps_three_and_counts_the_rest() -> None:
    links = find_links(" ".join(f"<https://a.example/{i}>" for i in range(5)))
    assert len(links.urls) == 3 and links.dropped == 2


def test_canonical_url_drops_tracking_fragment_and_default_port() -> None:
    assert (
        canonical_url("HTTPS://News.Example:443/a?utm_source=x&id=3#c")
        == "https://news.example/a?id=3"
    )
    assert canonical_url("http://news.example") == "http://news.example/"


def test_digest_round_trips_through_json() -> None:
    digest = make_digest()
    assert digest_from_json(digest_to_json(digest)) == digest


def test_summary_support_round_trips_through_the_store(tmp_path: Path) -> None:
    digest = make_digest(summary_support=((0, 2), (1,)), summary_paragraphs=((1, 2), (1,)))
    store = Store(Database(tmp_path / "db.sqlite3"))
    digest_id = store.save_digest("https://a.example/x", digest)
    assert store.digest(digest_id) == digest  # tuples again, not JSON lists
    assert store.cached_digest("https://a.example/x", ttl_s=60) == (digest_id, digest)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_cache_expires_after_ttl(tmp_path: Path) -> None:
    clock = Clock()
    store = Store(Database(tmp_path / "db.sqlite3"), clock=clock)
    digest_id = store.save_digest("https://a.example/x", make_digest())
    clock.now += 59
    assert store.cached_digest("https://a.example/x", ttl_s=60) == (digest_id, make_digest())
    clock.now += 2
    assert store.cached_digest("https://a.example/x", ttl_s=60) is None


def test_same_link_same_thread_is_a_duplicate_only_within_the_window(tmp_path: Path) -> None:
    clock = Clock()
    jobs = JobQueue(Database(tmp_path / "db.sqlite3"), clock=clock)
    job = NewJob(kind="mention", url="u", canon="c", channel="C", thread_ts="1.0")
    assert jobs.accept("Ev1", [job], dedupe_window_s=60)
    assert jobs.accept("Ev2", [job], dedupe_window_s=60) == []
    other = NewJob(kind="mention", url="u", canon="c", channel="C", thread_ts="2.0")
    assert jobs.accept("Ev3", [other], 60)
    clock.now += 61
    assert jobs.accept("Ev4", [job], dedupe_window_s=60)


def test_quotes_only_after_the_full_digest_is_a_new_request(tmp_path: Path) -> None:
    jobs = JobQueue(Database(tmp_path / "db.sqlite3"))
    whole = NewJob(kind="dm", url="u", canon="c", channel="D", thread_ts="1.0")
    quotes = NewJob(kind="dm:quotes", url="u", canon="c", channel="D", thread_ts="1.0")
    assert jobs.accept("Ev1", [whole], 60)
    assert jobs.accept("Ev2", [quotes], 60)
    assert jobs.accept("Ev3", [quotes], 60) == []  # the same part twice is a repeat
    mention = dataclasses.replace(whole, kind="mention")
    assert jobs.accept("Ev4", [mention], 60) == []  # the full digest again, however asked


def test_a_request_key_is_accepted_once_with_its_jobs(tmp_path: Path) -> None:
    jobs = JobQueue(Database(tmp_path / "db.sqlite3"))
    job = NewJob(kind="mention", url="u", canon="c", channel="C", thread_ts="1.0")
    assert jobs.accept("Ev1", [job], 60) == [1]
    assert jobs.accept("Ev1", [job], 0) is None  # Slack's retry: nothing stored twice
    assert jobs.count("pending") == 1
