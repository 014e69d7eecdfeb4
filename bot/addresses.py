"""The SSRF guard: parse a link, resolve its host once, and say which addresses we may use."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.errors import BadInput, BlockedAddress, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: host, port → the addresses it resolves to (tests inject one to simulate DNS rebinding).
Resolver = Callable[[str, int], list[str]]
#: Whether newsbot may connect to an address (tests inject one to call 127.0.0.1 "public").
Policy = Callable[[IPAddress], bool]

MAX_URL_CHARS = 4000
# Translation prefixes whose addresses carry an IPv4 address in their last 32 bits (RFC 6052,
# RFC 8215): a gateway forwards to that IPv4 address, so it is what must be checked.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
# The local-use prefix is never reachable from the internet (RFC 8215 §3).
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")


@dataclass(frozen=True)
class Target:
    """A parsed http(s) link: what to connect to and what to call the host."""

    url: str
    scheme: str
    host: str  # lower-case; IDNA-encoded for names, bare for IP literals
    port: int
    path: str  # path and query, never empty

    @property
    def host_header(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return shown if self.port == default else f"{shown}:{self.port}"


def parse_link(url: str) -> Target:
    """The parts of an http(s) link, or `BadInput` saying in one sentence what is wrong."""
    if len(url) > MAX_URL_CHARS:
        raise BadInput(f"That link is longer than {MAX_URL_CHARS} characters.")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise BadInput("That link contains spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:  # "Port out of range 0-65535", "Invalid IPv6 URL", …
        raise BadInput(f"“{_shown(url)}” is not a valid link ({_reason(err)}).") from err
    if parts.scheme.lower() not in ("http", "https"):
        raise BadInput(f"Only http and https links are supported, not “{_shown(url)}”.")
    if not parts.hostname:
        raise BadInput(f"“{_shown(url)}” is not a complete link.")
    scheme = parts.scheme.lower()
    host = _ascii_host(parts.hostname, url)
    if port == 0:
        raise BadInput(f"“{_shown(url)}” is not a valid link (port 0).")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(url, scheme, host, port or (443 if scheme == "https" else 80), path)


def _ascii_host(hostname: str, url: str) -> str:
    try:
        return str(ipaddress.ip_address(hostname.split("%")[0]))
    except ValueError:
        pass
    try:
        host = hostname.encode("idna").decode("ascii")
    except UnicodeError as err:
        raise BadInput(f"“{_shown(url)}” has a host name I can't read.") from err
    if not host or any(not (c.isalnum() or c in "-._") for c in host):
        raise BadInput(f"“{_shown(url)}” has a host name I can't read.")
    return host


def _shown(url: str) -> str:
    return url if len(url) <= 200 else url[:200] + "…"


def _reason(err: ValueError) -> str:
    text = str(err)
    if "Port" in text or "port" in text:
        return "the port must be a number from 1 to 65535"
    if "IPv6" in text:
        return "its IPv6 address is not closed with ]"
    return text.rstrip(".")


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses of `host` from the system resolver (also normalises 0x7f.1 and such)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]).split("%")[0] for info in infos]


def embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries, which gateways and stacks forward to."""
    if isinstance(address, ipaddress.IPv4Address):
        return []
    found: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped:  # ::ffff:a.b.c.d
        found.append(address.ipv4_mapped)
    if address.sixtofour:  # 2002:AABB:CCDD::/48
        found.append(address.sixtofour)
    if address.teredo:  # 2001::/32: server and (obfuscated) client
        found.extend(address.teredo)
    packed = int(address)
    if 1 < packed < 2**32:  # IPv4-compatible ::a.b.c.d (not :: or ::1)
        found.append(ipaddress.IPv4Address(packed))
    if any(address in net for net in _NAT64):
        found.append(ipaddress.IPv4Address(packed & 0xFFFFFFFF))
    return found


def is_public(address: IPAddress) -> bool:
    """A global unicast address, and so is every IPv4 address it embeds."""
    if isinstance(address, ipaddress.IPv6Address) and address in _LOCAL_NAT64:
        return False
    return all(
        a.is_global and not (a.is_multicast or a.is_reserved or a.is_unspecified)
        for a in (address, *embedded_ipv4(address))
    )


def checked_address(
    target: Target, *, allow_private: bool, resolver: Resolver, policy: Policy = is_public
) -> str:
    """The one address to connect to: resolved once, and refused if any answer is internal."""
    try:
        answers = resolver(target.host, target.port)
    except (OSError, UnicodeError) as err:  # socket.gaierror is an OSError
        raise FetchError(f"I couldn't find the site {target.host}.") from err
    addresses: list[IPAddress] = []
    for answer in answers:
        try:
            addresses.append(ipaddress.ip_address(answer))
        except ValueError:
            continue
    if not addresses:
        raise FetchError(f"I couldn't find the site {target.host}.")
    if not allow_private:
        # Every answer, not just the first: the system may try the others on its own.
        for address in addresses:
            if not policy(address):
                raise BlockedAddress(
                    f"I don't fetch private or internal addresses ({target.host} is {address})."
                )
    return str(addresses[0])
