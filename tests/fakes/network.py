"""A pretend internet on loopback: a resolver for `*.test` names and a connection recorder.

127.0.0.1 plays "the internet" (the article server listens there) and 127.0.0.2 plays an
internal host (a canary server listens there). The policy refuses 127.0.0.2 like any private
address, and `Recorder` lists every address a fetch really connected to.
"""

from __future__ import annotations

import ipaddress
import socket
from collections import defaultdict

import httpx

from bot.addresses import IPAddress, is_public

PUBLIC = "127.0.0.1"
INTERNAL = "127.0.0.2"


class FakeDNS:
    """`names[host]` lists the answers of each successive lookup (the last one repeats)."""

    def __init__(self, names: dict[str, list[list[str]]] | None = None) -> None:
        self.names = dict(names or {})
        self.lookups: defaultdict[str, int] = defaultdict(int)

    def __call__(self, host: str, port: int) -> list[str]:
        if host in self.names:
            answers = self.names[host]
            n = self.lookups[host]
            self.lookups[host] += 1
            return answers[min(n, len(answers) - 1)]
        if host.endswith(".test"):
            return [PUBLIC]
        # Literals and numeric forms (0x7f.1, 2130706433) as the system reads them, no DNS.
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
        return [str(info[4][0]).split("%")[0] for info in infos]


def policy(address: IPAddress) -> bool:
    """Public addresses, and 127.0.0.1 standing in for the internet."""
    return address == ipaddress.ip_address(PUBLIC) or is_public(address)


class Recorder(httpx.HTTPTransport):
    """A real transport that notes the address each request connected to."""

    def __init__(self) -> None:
        super().__init__()
        self.connected: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.connected.append(request.url.host)
        return super().handle_request(request)

    def refused(self) -> list[str]:
        """Connections to addresses the policy refuses: must always be empty."""
        return [a for a in self.connected if not policy(ipaddress.ip_address(a))]
