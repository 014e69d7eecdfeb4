"""Links in Slack messages: `<https://…|label>` markup, bare URLs, and canonical forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MAX_LINKS = 3

# Slack wraps links as <url> or <url|label>; users, channels and specials (<@U1>, <#C1|x>,
# <!here>) use the same brackets, so only http(s) targets count.
_MARKUP = re.compile(r"<(https?://[^>|\s]+)(?:\|[^>]*)?>", re.IGNORECASE)
# Slash commands send text unescaped unless the app asks otherwise: accept bare URLs too.
_BARE = re.compile(r"(?<![<|\w])https?://[^\s<>|]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"’”"
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|ref_src)$", re.I)


@dataclass(frozen=True)
class Links:
    """The links to summarise (at most `MAX_LINKS`) and how many more were left out."""

    urls: tuple[str, ...]
    dropped: int = 0


def _unescape(url: str) -> str:
    # Slack escapes &, < and > inside message text.
    return url.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def find_links(text: str | None, limit: int = MAX_LINKS) -> Links:
    """The distinct http(s) links in a Slack message, in order of appearance."""
    text = text or ""
    found = [(m.start(), _unescape(m.group(1))) for m in _MARKUP.finditer(text)]
    without_markup = _MARKUP.sub(lambda m: " " * len(m.group(0)), text)
    for m in _BARE.finditer(without_markup):
        found.append((m.start(), _unescape(m.group(0).rstrip(_TRAILING))))
    urls: list[str] = []
    seen: set[str] = set()
    for _, url in sorted(found):
        key = canonical_url(url)
        if key not in seen:
            seen.add(key)
            urls.append(url)
    return Links(tuple(urls[:limit]), max(0, len(urls) - limit))


def canonical_url(url: str) -> str:
    """The cache key of a link: lower-case host, no fragment, no default port or tracking."""
    try:
        parts = urlsplit(url.strip())
        port_number = parts.port
    except ValueError:  # a bad port or IPv6 literal: the fetch answers why, in one sentence
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(scheme)
    port = f":{port_number}" if port_number and port_number != default else ""
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, True) if not _TRACKING.match(k)])
    path = parts.path or "/"
    return urlunsplit((scheme, host + port, path, query, ""))
