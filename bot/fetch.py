"""The only code that touches the network for articles: limits, redirects, SSRF guard."""

from __future__ import annotations

import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from bot import __version__
from bot.addresses import (
    Policy,
    Resolver,
    Target,
    checked_address,
    is_public,
    parse_link,
    system_resolver,
)
from bot.config import Settings
from bot.decode import decode
from bot.errors import BadInput, FetchError, PageTooLarge, UnsupportedContent

USER_AGENT = f"newsbot/{__version__} (Slack article summariser; +https://github.com/newsbot)"
READABLE_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
# Decompressed in pieces of this size, so a bomb never inflates further than the limit.
PIECE = 64 * 1024
_STATUS_REASONS = {
    401: "The site asks for a login ({status}), so I can't read that page.",
    403: "The site refused access to that page ({status}).",
    404: "That page was not found ({status}); check the link.",
    410: "That page has been removed ({status}).",
    429: "The site is rate-limiting me ({status}); try again in a few minutes.",
}
__all__ = ["Fetcher", "Page", "check_url", "decode", "fetch"]
_TLS: ssl.SSLContext | None = None
_TLS_LOCK = threading.Lock()


def tls_context() -> ssl.SSLContext:
    """One verifying TLS context per process, shared by every fetch (SSLContext is safe to
    share between threads). Loading the CA bundle costs 20-150 ms of CPU, so a context per
    fetch spent more than extracting a short article does."""
    global _TLS
    with _TLS_LOCK:
        if _TLS is None:
            _TLS = httpx.create_ssl_context(trust_env=False)
        return _TLS


@dataclass(frozen=True)
class Page:
    """A downloaded document, decoded."""

    url: str | None  # None for files and standard input; after redirects for links
    content: str
    content_type: str  # media type without parameters, e.g. "text/html"


def check_url(url: str, allow_private: bool, resolver: Resolver = system_resolver) -> str:
    """The address `url` may be fetched from; `BadInput` or `BlockedAddress` otherwise."""
    return checked_address(parse_link(url), allow_private=allow_private, resolver=resolver)


def fetch(url: str, settings: Settings) -> Page:
    """Download an article page with the system resolver."""
    return Fetcher(settings).fetch(url)


class Fetcher:
    """Downloads pages: one resolution per hop, connecting only to the address checked."""

    def __init__(
        self,
        settings: Settings,
        *,
        resolver: Resolver = system_resolver,
        policy: Policy = is_public,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.resolver = resolver
        self.policy = policy
        self.transport = transport  # tests record connections through it

    def fetch(self, url: str, deadline: float | None = None) -> Page:
        """Follow at most `max_redirects` redirects, each checked, within the fetch deadline."""
        s = self.settings
        deadline = min(deadline or float("inf"), time.monotonic() + s.fetch_deadline_s)
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain",
            "Accept-Encoding": "gzip, deflate",
        }
        with httpx.Client(
            headers=headers,
            follow_redirects=False,
            trust_env=False,
            transport=self.transport,
            verify=tls_context(),
        ) as client:
            target = parse_link(url)
            for _ in range(s.max_redirects + 1):
                location = self._hop(client, target, deadline)
                if isinstance(location, Page):
                    return location
                target = _redirect_target(target, location)
        raise FetchError(f"The link redirects more than {s.max_redirects} times.")

    def _hop(self, client: httpx.Client, target: Target, deadline: float) -> Page | str:
        """One request to the checked address: the page, or where it redirects to."""
        s = self.settings
        address = checked_address(
            target, allow_private=s.allow_private_urls, resolver=self.resolver, policy=self.policy
        )
        shown = f"[{address}]" if ":" in address else address
        remaining = max(0.01, deadline - time.monotonic())
        read, connect = min(s.fetch_read_timeout_s, remaining), s.fetch_connect_timeout_s
        timeout = httpx.Timeout(read, connect=min(connect, remaining))
        # The URL names the address the guard checked, so httpx never resolves the host again;
        # Host and TLS SNI (and so certificate checks) still use the name.
        request = client.build_request(
            "GET",
            f"{target.scheme}://{shown}:{target.port}{target.path}",
            headers={"Host": target.host_header},
            timeout=timeout,
            extensions={"sni_hostname": target.host},
        )
        try:
            response = client.send(request, stream=True)
            try:
                if response.is_redirect and "location" in response.headers:
                    return response.headers["location"]
                return _read(response, target.url, s.max_page_bytes, deadline)
            finally:
                response.close()
        except httpx.InvalidURL as err:  # httpx reads the Location even when not following
            raise FetchError("The site redirected to a link I can't follow.") from err
        except httpx.TimeoutException as err:
            raise FetchError("The site took too long to answer; try again later.") from err
        except (httpx.HTTPError, zlib.error) as err:
            raise FetchError(f"I couldn't download that page ({type(err).__name__}).") from err


def _redirect_target(current: Target, location: str) -> Target:
    try:
        return parse_link(urljoin(current.url, location))
    except (BadInput, ValueError) as err:
        raise FetchError("The site redirected to a link I can't follow.") from err


def _read(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> Page:
    if response.status_code >= 400:
        template = _STATUS_REASONS.get(
            response.status_code, "The site answered with an error ({status})."
        )
        raise FetchError(template.format(status=response.status_code))
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise PageTooLarge(_too_large(max_bytes))
    raw = _before(deadline, response.iter_raw())  # as received: a chunk size would buffer
    body = bytearray()
    for piece in _decoded(raw, response.headers.get("content-encoding", "")):
        if not body:
            # Many servers send PDFs as application/octet-stream: the magic bytes tell.
            _check_type("application/pdf" if piece.startswith(b"%PDF") else media_type)
        body.extend(piece)
        if len(body) > max_bytes:  # decoded bytes: what a page costs us to hold and parse
            raise PageTooLarge(_too_large(max_bytes))
    if not body:
        _check_type(media_type)
    content = decode(bytes(body), response.charset_encoding)
    return Page(url=url, content=content, content_type=media_type or "text/html")


def _before(deadline: float, chunks: Iterable[bytes]) -> Iterator[bytes]:
    """`chunks` until the deadline: a server that drips bytes cannot hold a fetch open."""
    for chunk in chunks:
        if time.monotonic() > deadline:
            raise FetchError("The site took too long to send the page; try again later.")
        yield chunk


def _decoded(raw: Iterator[bytes], content_encoding: str) -> Iterator[bytes]:
    """The body with its content codings undone, in pieces of at most `PIECE` bytes."""
    stream = raw
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    for coding in reversed(codings):  # listed in the order the server applied them
        if coding in ("identity", ""):
            continue
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise UnsupportedContent(f"The site sent the page in a format I can't read ({coding}).")
        stream = _inflate(stream, gzip=coding != "deflate")
    return stream


def _inflate(chunks: Iterator[bytes], *, gzip: bool) -> Iterator[bytes]:
    wbits = 31 if gzip else 15  # deflate is zlib-wrapped; a raw stream is retried below
    inflater = zlib.decompressobj(wbits)
    started = False
    for chunk in chunks:
        data = chunk
        while data:
            try:
                piece = inflater.decompress(data, PIECE)
            except zlib.error:
                if gzip or started:
                    raise
                inflater, started = zlib.decompressobj(-15), True  # raw deflate
                continue
            started = True
            data = inflater.unconsumed_tail
            if inflater.eof:  # concatenated gzip members
                data = inflater.unused_data
                inflater = zlib.decompressobj(wbits)
            if piece:
                yield piece
            elif not data:
                break
    # Whatever the last call could not return because of the PIECE bound.
    while piece := inflater.decompress(b"", PIECE):
        yield piece


def _check_type(media_type: str) -> None:
    if media_type == "application/pdf":
        raise UnsupportedContent("PDFs are not supported yet.")
    if media_type and media_type not in READABLE_TYPES:
        raise UnsupportedContent(f"That link is a {media_type} file, not a web page.")


def _too_large(max_bytes: int) -> str:
    return f"That page is larger than {max_bytes / 1_000_000:g} MB, so I didn't download it."
