"""The HTTP front door: size cap and Slack signature on the raw body, before anything parses it."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qsl

from slack_sdk.signature import SignatureVerifier
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response

log = logging.getLogger(__name__)
Payload = dict[str, Any]

# Slack's own requests are a few KB (an interaction payload with a whole digest's blocks is
# under 50 KB); anything near this is not from Slack.
MAX_BODY_BYTES = 256 * 1024


class Refused(Exception):
    """A request answered with a 4xx status and a short reason, never a traceback."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> Response:
        return PlainTextResponse(self.reason, status_code=self.status)


async def verified_body(request: Request, signing_secret: str) -> tuple[bytes, Payload | None]:
    """The raw body of a signed Slack request whose payload parses, and that payload (None
    for a form without one: a slash command); `Refused` otherwise."""
    length = request.headers.get("content-length", "")
    if length and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        raise Refused(413 if length.isdigit() else 400, "request body too large or malformed")
    body = bytearray()
    try:
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > MAX_BODY_BYTES:  # chunked uploads carry no Content-Length
                raise Refused(413, "request body too large")
    except ClientDisconnect as err:
        raise Refused(400, "request body incomplete") from err
    timestamp = request.headers.get("x-slack-request-timestamp", "")
    signature = request.headers.get("x-slack-signature", "")
    verifier = SignatureVerifier(signing_secret)
    if not timestamp.isdigit() or not verifier.is_valid(bytes(body), timestamp, signature):
        raise Refused(401, "invalid signature")
    return bytes(body), check_payload(bytes(body), request.headers.get("content-type", ""))


def check_payload(body: bytes, content_type: str) -> Payload | None:
    """The JSON payload of a body (an event's, or an interaction's `payload` field), None for
    a form without one; refused (400) when Bolt could not parse it (bad UTF-8, JSON, a
    non-object): the same rules as Bolt's `parse_body`."""
    try:
        text = body.decode("utf-8")
        if content_type.split(";")[0].strip() == "application/json" or text.startswith("{"):
            return _object(text)
        if "payload" in text:
            payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload")
            if payload is not None:
                return _object(payload)
        return None
    except (UnicodeDecodeError, ValueError, RecursionError) as err:  # JSONDecodeError too
        raise Refused(400, "malformed request body") from err


def _object(text: str) -> Payload:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    # Bolt reads these as objects before any listener runs: another type is a 500 inside it.
    for key in ("event", "user", "channel", "team", "message", "container"):
        if key in value and not isinstance(value[key], dict | None):
            raise ValueError(f"{key} is not an object")
    return value
