"""The only code that touches the network for articles: limits, redirects, SSRF guard."""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from bot import __version__
from bot.config import Settings
from bot.errors import BadInput, BlockedAddress, FetchError, PageTooLarge, UnsupportedContent

USER_AGENT = f"newsbot/{__version__} (Slack article summariser; +https://github.com/newsbot)"
READABLE_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_STATUS_REASONS = {
    401: "The site asks for a login ({status}), so I can't read that page.",
    403: "The site refused access to that page ({status}).",
    404: "That page was not found ({status}); check the link.",
    410: "That page has been removed ({status}).",
    429: "The site is rate-limiting me ({status}); try again in a few minutes.",
}


@dataclass(frozen=True)
class Page:
    """A downloaded document, decoded."""

    url: str | None  # None for files and standard input
    content: str
    content_type: str  # media type without parameters, e.g. "text/html"


def check_url(url: str, allow_private: bool) -> None:
    """Refuse non-http(s) links and hosts that resolve to internal addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BadInput(f"Only http and https links are supported, not “{url}”.")
    if not parts.hostname:
        raise BadInput(f"“{url}” is not a complete link.")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchError(f"I couldn't find the site {parts.hostname}.") from err
    # getaddrinfo also normalises decimal/hex/octal forms such as 2130706433 or 0x7f.1
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise BlockedAddress(
                f"I don't fetch private or internal addresses ({parts.hostname} is {address})."
            )


def fetch(url: str, settings: Settings) -> Page:
    """Download an article page, following at most `max_redirects` checked redirects."""
    timeout = httpx.Timeout(settings.fetch_read_timeout_s, connect=settings.fetch_connect_timeout_s)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain"}
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
        for _ in range(settings.max_redirects + 1):
            check_url(url, settings.allow_private_urls)  # again after every redirect
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return _read(response, url, settings.max_page_bytes)
            except httpx.TimeoutException as err:
                raise FetchError("The site took too long to answer; try again later.") from err
            except httpx.HTTPError as err:
                raise FetchError(f"I couldn't download that page ({type(err).__name__}).") from err
    raise FetchError(f"The link redirects more than {settings.max_redirects} times.")


def _read(response: httpx.Response, url: str, max_bytes: int) -> Page:
    if response.status_code >= 400:
        template = _STATUS_REASONS.get(
            response.status_code, "The site answered with an error ({status})."
        )
        raise FetchError(template.format(status=response.status_code))
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    declared = int(response.headers.get("content-length") or 0)
    if declared > max_bytes:
        raise PageTooLarge(_too_large(max_bytes))
    chunks = response.iter_bytes()
    body = bytearray(next(chunks, b""))
    # Many servers send PDFs as application/octet-stream: the magic bytes tell.
    _check_type("application/pdf" if body.startswith(b"%PDF") else media_type)
    for chunk in chunks:
        body.extend(chunk)
        if len(body) > max_bytes:
            raise PageTooLarge(_too_large(max_bytes))
    content = decode(bytes(body), response.charset_encoding)
    return Page(url=url, content=content, content_type=media_type or "text/html")


def _check_type(media_type: str) -> None:
    if media_type == "application/pdf":
        raise UnsupportedContent("PDFs are not supported yet.")
    if media_type and media_type not in READABLE_TYPES:
        raise UnsupportedContent(f"That link is a {media_type} file, not a web page.")


def _too_large(max_bytes: int) -> str:
    return f"That page is larger than {max_bytes / 1_000_000:g} MB, so I didn't download it."


def decode(body: bytes, declared: str | None) -> str:
    """Decode with the HTTP charset, else the page's <meta charset>, else a guess."""
    meta = _META_CHARSET.search(body[:4096])
    for candidate in (declared, meta.group(1).decode("ascii") if meta else None):
        if candidate:
            try:
                return body.decode(candidate)
            except (LookupError, UnicodeDecodeError):
                continue
    from trafilatura.utils import decode_file  # tries UTF-8, then detects the encoding

    return decode_file(body)
