"""`link_shared` → `chat.unfurl`: a compact digest for links on the newsroom's own domains.

The listener only filters the links (microseconds); fetching and summarising run on a small
pool of their own, so the ack stays fast and a slow page never holds a Bolt thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digest import Digest
from bot.errors import NewsbotError
from bot.render.slack_unfurl import unfurl_blocks
from bot.slack.links import canonical_url
from bot.slack.pipeline import Pipeline

log = logging.getLogger(__name__)

# Slack sends at most a handful of links per message; two at a time is plenty for previews,
# and the model batcher shares its calls with the workers anyway.
UNFURL_THREADS = 2


def on_domain(url: str, domains: tuple[str, ...]) -> bool:
    """Whether `url` is http(s) on one of `domains` or a subdomain of one."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not host:
        return False
    return any(host == d or host.endswith("." + d) for d in domains)


def links_to_unfurl(body: dict[str, Any], domains: tuple[str, ...]) -> list[str]:
    """The event's links on `domains`, once each, in order; links elsewhere are left to Slack."""
    event = body.get("event") or {}
    urls = [
        str(link["url"])
        for link in event.get("links") or []
        if isinstance(link, dict) and on_domain(str(link.get("url") or ""), domains)
    ]
    return list(dict.fromkeys(urls))


class DigestCache(Protocol):
    """The digest cache an unfurler reads and fills: the embedded `Store` or `SharedState`."""

    def cached_digest(self, canon: str, ttl_s: float) -> tuple[str, Digest] | None: ...

    def save_digest(self, canon: str, digest: Digest) -> str: ...


class QueuedUnfurls:
    """The front end's `link_shared` with a broker: the links on `domains` go to the workers
    as one message (`send(event, urls)`); no fetch or model here. Unfurls are previews, so
    one that cannot be queued (Redis away) is logged and dropped, and the ack never waits."""

    def __init__(
        self, domains: tuple[str, ...], send: Callable[[dict[str, Any], list[str]], None]
    ) -> None:
        self.domains = domains
        self.send = send

    def link_shared(self, body: dict[str, Any]) -> None:
        urls = links_to_unfurl(body, self.domains)
        if not urls:
            return
        try:
            self.send(dict(body.get("event") or {}), urls)
        except Exception as err:  # kombu's connection errors vary by transport
            log.warning("unfurl not queued (%s): %s", type(err).__name__, err)

    def stop(self) -> None:
        pass


class Unfurler:
    """Answers `link_shared` for `domains` with digests from the bot's own cache and pipeline."""

    def __init__(
        self,
        domains: tuple[str, ...],
        store: DigestCache,
        client: WebClient,
        pipeline: Pipeline,
        cache_ttl_s: float,
    ) -> None:
        self.domains = domains
        self.store = store
        self.client = client
        self.pipeline = pipeline
        self.cache_ttl_s = cache_ttl_s
        self._pool = ThreadPoolExecutor(UNFURL_THREADS, thread_name_prefix="newsbot-unfurl")

    def link_shared(self, body: dict[str, Any]) -> None:
        """Queue the event's links on our domains; links elsewhere are left to Slack."""
        urls = links_to_unfurl(body, self.domains)
        if urls:
            self._pool.submit(self.unfurl, body.get("event") or {}, urls)

    def stop(self) -> None:
        """Finish the unfurls in progress; drop those not started."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _digest(self, url: str) -> tuple[str, Digest]:
        canon = canonical_url(url)
        cached = self.store.cached_digest(canon, self.cache_ttl_s)
        if cached:
            return cached
        digest = self.pipeline.digest(self.pipeline.read(url), url)
        return self.store.save_digest(canon, digest), digest

    def unfurl(self, event: dict[str, Any], urls: list[str]) -> None:
        """Digest `urls` (the cache first) and answer `event` with one `chat.unfurl`; here, in
        the calling thread (a worker's job with a broker, the unfurl pool without)."""
        unfurls: dict[str, dict[str, Any]] = {}
        for url in urls:
            try:
                digest_id, digest = self._digest(url)
            except NewsbotError as err:  # no preview is better than an error in a preview
                log.info("no unfurl for %s: %s", url, err)
                continue
            except Exception:
                log.exception("unfurl of %s crashed", url)
                continue
            unfurls[url] = {"blocks": unfurl_blocks(digest, digest_id)}
        if not unfurls:
            return
        # Links previewed in the message composer carry unfurl_id + source instead of a ts.
        where = (
            {"unfurl_id": event["unfurl_id"], "source": event["source"]}
            if event.get("unfurl_id") and event.get("source")
            else {"channel": event.get("channel"), "ts": event.get("message_ts")}
        )
        try:
            self.client.chat_unfurl(unfurls=unfurls, **where)
        except SlackApiError as err:
            log.info("chat.unfurl refused: %s", err.response.get("error"))
