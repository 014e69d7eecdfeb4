"""Block validation with slack_sdk's own classes, as Slack would refuse a bad block."""

from __future__ import annotations

from typing import Any

from tests.fakes.slack import FakeSlack


def validate(blocks: list[dict[str, Any]]) -> None:
    """Every block parses as a known slack_sdk block and passes its validators."""
    why = FakeSlack.check_blocks(blocks)
    assert why is None, why
