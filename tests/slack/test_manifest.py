"""The app manifest and the registered listeners agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.slack.app import (
    COMMAND,
    EVENTS,
    MANIFEST_EVENTS,
    SCOPES,
    SHORTCUT,
    UNFURL_EVENTS,
    UNFURL_SCOPES,
)
from tests.fakes.slack import FakeSlack
from tests.slack.conftest import (
    Running,
    event_callback,
    send_event,
    send_form,
    send_interaction,
    slash,
)

MANIFEST = Path(__file__).parents[2] / "deploy" / "slack-app-manifest.yml"

# The scope each Web API method the bot calls needs (api.slack.com/methods).
METHOD_SCOPES: dict[str, str | None] = {
    "chat.postMessage": "chat:write",
    "chat.update": "chat:write",
    "chat.postEphemeral": "chat:write",
    "reactions.add": "reactions:write",
    "reactions.remove": "reactions:write",
    "conversations.history": "channels:history",
    "conversations.replies": "channels:history",
    "views.publish": None,  # the App Home tab: no scope
    "assistant.threads.setSuggestedPrompts": "assistant:write",
    "assistant.threads.setStatus": "assistant:write",
}
EVENT_SCOPES: dict[str, str | None] = {
    "app_mention": "app_mentions:read",
    "message.im": "im:history",
    "reaction_added": "reactions:read",
    "app_home_opened": None,
    "assistant_thread_started": "assistant:write",
}
# Needed only with NEWSBOT_UNFURL_DOMAINS set.
UNFURL_NEEDS = {"chat.unfurl": "links:write", "link_shared": "links:read"}


def manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text())


def test_manifest_declares_exactly_what_the_app_listens_to() -> None:
    m = manifest()
    events = m["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == sorted(MANIFEST_EVENTS)
    assert sorted(e.split(".")[0] for e in events) == sorted(EVENTS)
    assert [c["command"] for c in m["features"]["slash_commands"]] == [COMMAND]
    assert [s["callback_id"] for s in m["features"]["shortcuts"]] == [SHORTCUT]
    assert m["features"]["shortcuts"][0]["name"] == "Summarise article"
    assert sorted(m["oauth_config"]["scopes"]["bot"]) == sorted(SCOPES)
    assert m["settings"]["socket_mode_enabled"] is True
    assert m["settings"]["interactivity"]["is_enabled"] is True


def unfurl_block() -> dict[str, Any]:
    """The manifest's commented block for turning unfurls on, as YAML."""
    lines = MANIFEST.read_text().splitlines()
    start, end = lines.index("# --- unfurls ---"), lines.index("# --- end unfurls ---")
    block: dict[str, Any] = yaml.safe_load("\n".join(x[2:] for x in lines[start + 1 : end]))
    return block


def test_unfurl_scopes_and_event_are_documented_and_off_by_default() -> None:
    m, block = manifest(), unfurl_block()
    assert "unfurl_domains" not in m["features"]
    assert not set(UNFURL_SCOPES) & set(m["oauth_config"]["scopes"]["bot"])
    assert not set(UNFURL_EVENTS) & set(m["settings"]["event_subscriptions"]["bot_events"])
    assert sorted(block["oauth_config"]["scopes"]["bot"]) == sorted(UNFURL_SCOPES)
    assert block["settings"]["event_subscriptions"]["bot_events"] == list(UNFURL_EVENTS)
    assert set(UNFURL_NEEDS.values()) == set(UNFURL_SCOPES)
    assert block["features"]["unfurl_domains"]


def test_every_scope_is_needed_and_every_need_is_a_scope() -> None:
    needed = {"commands"} | set(METHOD_SCOPES.values()) | set(EVENT_SCOPES.values())
    needed.discard(None)
    needed.add("groups:history")  # reactions in private channels: same reads as channels
    assert needed == set(SCOPES)


def test_registered_listeners_handle_each_manifest_trigger(
    running: Running, slack: FakeSlack
) -> None:
    base = running.base_url
    samples: dict[str, dict[str, Any]] = {
        "app_mention": {
            "type": "app_mention",
            "user": "U1",
            "text": "hi",
            "ts": "1.1",
            "channel": "C1",
        },
        "message.im": {
            "type": "message",
            "channel_type": "im",
            "user": "U1",
            "text": "hi",
            "ts": "1.2",
            "channel": "D1",
        },
        "app_home_opened": {"type": "app_home_opened", "user": "U1", "tab": "home"},
        "assistant_thread_started": {
            "type": "assistant_thread_started",
            "assistant_thread": {"user_id": "U1", "channel_id": "D1", "thread_ts": "1.5"},
        },
        "reaction_added": {
            "type": "reaction_added",
            "user": "U1",
            "reaction": "newspaper",
            "item": {"type": "message", "channel": "C1", "ts": "1.3"},
        },
    }
    for name in manifest()["settings"]["event_subscriptions"]["bot_events"]:
        assert send_event(base, event_callback(samples[name])).status == 200, name
    assert send_form(base, slash("", slack.response_url("x"))).status == 200
    shortcut = {
        "type": "message_action",
        "callback_id": SHORTCUT,
        "trigger_id": "t",
        "team": {"id": "T0001"},
        "user": {"id": "U1"},
        "channel": {"id": "C1"},
        "message": {"ts": "1.4", "text": "no link"},
        "response_url": slack.response_url("s"),
    }
    assert send_interaction(base, shortcut).status == 200
    # Bolt answers 404 to what no listener handles: the check above is not vacuous.
    unknown = {"type": "channel_created", "channel": {"id": "C9"}}
    assert send_event(base, event_callback(unknown)).status == 404
    # Unfurls are off by default: link_shared has no listener until NEWSBOT_UNFURL_DOMAINS.
    shared = {"type": "link_shared", "channel": "C1", "message_ts": "1.6", "links": []}
    assert send_event(base, event_callback(shared)).status == 404


DEPLOY = MANIFEST.parent


def test_deployments_probe_healthz_on_the_served_port() -> None:
    docs = yaml.safe_load((DEPLOY / "k8s" / "deployment.yaml").read_text())
    container = docs["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e.get("value") for e in container["env"]}
    port = int(env["NEWSBOT_PORT"])
    assert container["ports"][0]["containerPort"] == port
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/healthz"
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"} <= env.keys()
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu" in dockerfile
    assert "\nUSER newsbot\n" in dockerfile and f"NEWSBOT_PORT={port}" in dockerfile
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    assert compose["services"]["newsbot"]["ports"] == [f"{port}:{port}"]
