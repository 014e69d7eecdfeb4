"""A fake Slack on loopback: the Web API methods newsbot calls (chat.*, chat.unfurl,
assistant.threads.setStatus / setSuggestedPrompts, …), response_urls, Socket Mode.

Records every call so tests assert on what Slack received, like bolt-python's
`tests/mock_web_api_server`.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from websockets.sync.server import ServerConnection, serve

from tests.fakes.articles import LoopbackServer

BOT_USER = "UBOT0001"
TEAM = "T0001"


@dataclass(frozen=True)
class Call:
    """One request Slack received: the API method (or "response_url") and its arguments."""

    method: str
    args: dict[str, Any]
    at: float
    result: dict[str, Any] = field(default_factory=dict)


@dataclass
class Failure:
    """Answer the next `times` calls of a method (or every call before `until`, a
    `time.monotonic()`) with an HTTP status or a Slack error."""

    times: int
    status: int = 200
    error: str | None = None
    until: float = 0.0

    def applies(self) -> bool:
        if self.until:
            return time.monotonic() < self.until
        self.times -= 1
        return self.times >= 0


@dataclass
class Ack:
    """A Socket Mode acknowledgement and when it came."""

    at: float
    payload: dict[str, Any] | None = field(default=None)


class FakeSlack:
    """Web API at `.api_url`, response_urls at `.response_url(name)`, Socket Mode websocket."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}  # for conversations.history
        self.failures: dict[str, Failure] = {}
        self.acks: dict[str, Ack] = {}
        self.posted: dict[str, dict[str, Any]] = {}  # ts → the message as it stands now
        self.refused_blocks: set[str] = set()  # block types this "workspace" cannot show
        self._changed = threading.Condition()
        self._ts = itertools.count(1)
        self._sockets: list[ServerConnection] = []
        self._httpd = LoopbackServer(("127.0.0.1", 0), self._handler())
        # Slack pings its Socket Mode clients; every 0.25 s here, so that a closing client
        # (slack_sdk reads with a 3 s timeout and holds its lock meanwhile) is not kept waiting.
        self._ws = serve(self._socket_session, "127.0.0.1", 0, ping_interval=0.25)

    # -- lifecycle -------------------------------------------------------------------------

    def __enter__(self) -> FakeSlack:
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()
        threading.Thread(target=self._ws.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._ws.shutdown()
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/response/{name}"

    # -- what tests look at ----------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, check: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until `check()` is truthy (re-checked on every call); return its value."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = check()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out; calls so far: {self.summary()}")
                self._changed.wait(min(left, 0.2))

    def summary(self) -> list[str]:
        return [c.method for c in self.calls]

    def fail(
        self, method: str, times: int = 1, status: int = 200, error: str | None = None
    ) -> None:
        self.failures[method] = Failure(times, status, error)

    def outage(self, methods: tuple[str, ...], seconds: float, status: int = 500) -> None:
        """Every call to `methods` fails with `status` for the next `seconds`."""
        until = time.monotonic() + seconds
        for method in methods:
            self.failures[method] = Failure(0, status, "internal_error", until)

    # -- the Web API -----------------------------------------------------------------------

    def _answer(self, method: str, args: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self._changed:
            failure = self.failures.get(method)
            if failure and failure.applies():
                status, result = (
                    failure.status,
                    {"ok": False, "error": failure.error or "ratelimited"},
                )
            else:
                status, result = 200, self._result(method, args)
            self.calls.append(Call(method, args, time.monotonic(), result))
            self._changed.notify_all()
            return status, result

    def invalid_blocks(self, blocks: Any) -> str | None:
        """Why Slack would refuse these blocks, or None."""
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        refused = [b.get("type") for b in blocks or [] if b.get("type") in self.refused_blocks]
        return f"unsupported block type {refused[0]}" if refused else self.check_blocks(blocks)

    @staticmethod
    def check_blocks(blocks: list[dict[str, Any]]) -> str | None:
        """Why slack_sdk's block classes reject one of these blocks, or None."""
        for raw in blocks or []:
            try:
                block = Block.parse(dict(raw))
                if block is None:
                    return f"unknown block {raw}"
                block.validate_json()
            except (SlackObjectFormationError, TypeError) as err:
                return f"{raw.get('type')}: {err}"
        return None

    def _keep(self, ts: str, args: dict[str, Any], thread_ts: Any = None) -> None:
        first: dict[str, Any] = {"ts": ts, "thread_ts": thread_ts, "channel": args.get("channel")}
        old = self.posted.get(ts, first)
        changed: dict[str, Any] = {k: args[k] for k in ("text", "blocks", "metadata") if k in args}
        new = {**old, **changed}
        if isinstance(new.get("metadata"), str):
            new["metadata"] = json.loads(new["metadata"])
        self.posted[ts] = new

    def _thread(self, channel: str, ts: str, metadata: bool) -> list[dict[str, Any]]:
        found = [
            m
            for m in self.posted.values()
            if m.get("channel") == channel and ts in (m["ts"], m.get("thread_ts"))
        ]
        if not metadata:
            found = [{k: v for k, v in m.items() if k != "metadata"} for m in found]
        return sorted(found, key=lambda m: str(m["ts"]))

    def _result(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        view = args.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        blocks = args.get("blocks") or (view or {}).get("blocks")
        unfurls = args.get("unfurls")
        unfurls = json.loads(unfurls) if isinstance(unfurls, str) else unfurls or {}
        for each in [blocks, *(u.get("blocks") for u in unfurls.values())]:
            why = self.invalid_blocks(each) if each and method != "response_url" else None
            if why:
                return {"ok": False, "error": "invalid_blocks", "errors": [why]}
        if method == "chat.unfurl" and not (
            unfurls and ((args.get("unfurl_id") and args.get("source")) or args.get("ts"))
        ):
            return {"ok": False, "error": "invalid_arguments"}
        if method.startswith("assistant.threads.") and not (
            args.get("channel_id") and args.get("thread_ts")
        ):
            return {"ok": False, "error": "invalid_arguments"}
        if method == "auth.test":
            return {
                "ok": True,
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": "BBOT0001",
                "user": "newsbot",
                "team": "Newsroom",
                "url": "https://newsroom.slack.com/",
            }
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self._ws.socket.getsockname()[1]}/link"}
        if method in ("chat.postMessage", "chat.startStream"):
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            self._keep(ts, args, args.get("thread_ts"))
            return {
                "ok": True,
                "channel": args.get("channel"),
                "ts": ts,
                "message": {"text": args.get("text"), "ts": ts},
            }
        if method in ("chat.update", "chat.stopStream"):
            self._keep(str(args.get("ts")), args)
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{int(time.time())}.{next(self._ts):06d}"}
        if method in ("conversations.history", "conversations.replies"):
            key = (str(args.get("channel")), str(args.get("latest") or args.get("ts")))
            found = [self.messages[key]] if key in self.messages else []
            if method == "conversations.replies":
                metadata = str(args.get("include_all_metadata")).lower() in ("1", "true")
                found += self._thread(key[0], key[1], metadata)
            return {"ok": True, "messages": found, "has_more": False}
        return {"ok": True}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    args = json.loads(raw or "{}")
                else:
                    args = dict(parse_qsl(raw))
                if self.path.startswith("/response/"):
                    args["_name"] = self.path.rsplit("/", 1)[-1]
                    status, _ = fake._answer("response_url", args)
                    self._send(status, b"ok" if status == 200 else b"error", "text/plain")
                    return
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                args["_token"] = args.get("token") or token
                status, answer = fake._answer(self.path.removeprefix("/api/"), args)
                self._send(status, json.dumps(answer).encode(), "application/json")

            def _send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    # -- Socket Mode -----------------------------------------------------------------------

    def _socket_session(self, ws: ServerConnection) -> None:
        ws.send(
            json.dumps(
                {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0001"}}
            )
        )
        with self._changed:
            self._sockets.append(ws)
            self._changed.notify_all()
        try:
            for raw in ws:
                data = json.loads(raw)
                with self._changed:
                    self.acks[data["envelope_id"]] = Ack(time.monotonic(), data.get("payload"))
                    self._changed.notify_all()
        except Exception:  # the client went away: that is its right
            pass
        finally:
            with self._changed:
                self._sockets.remove(ws)

    def wait_for_socket(self, timeout: float = 10.0) -> None:
        self.wait_for(lambda: self._sockets, timeout)

    def push(self, kind: str, payload: dict[str, Any], retry_attempt: int = 0) -> tuple[str, float]:
        """Send an envelope (events_api, slash_commands, interactive); returns id, sent-at."""
        envelope_id = uuid.uuid4().hex
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry_attempt,
            "retry_reason": "",
        }
        with self._changed:
            socket = self._sockets[-1]
        sent = time.monotonic()
        socket.send(json.dumps(envelope))
        return envelope_id, sent

    def wait_ack(self, envelope_id: str, timeout: float = 5.0) -> Ack:
        return self.wait_for(lambda: self.acks.get(envelope_id), timeout)
