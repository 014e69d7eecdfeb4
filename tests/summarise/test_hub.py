"""The Hub probe goes through huggingface_hub: HF_TOKEN opens private and gated models."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.summarise.models import hub_problem
from tests.fakes.hub import FakeHub


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    with FakeHub(public={"org/open"}, private={"org/secret"}, gated={"org/gated"}) as fake:
        monkeypatch.setenv("HF_ENDPOINT", fake.endpoint)
        monkeypatch.setenv("HF_HUB_OFFLINE", "0")
        monkeypatch.delenv("HF_TOKEN", raising=False)
        yield fake


def test_a_public_model_is_downloadable_without_a_token(hub: FakeHub) -> None:
    assert hub_problem("org/open", 2.0) is None
    assert hub.authorizations == [None]


def test_a_private_model_needs_hf_token(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "HF_TOKEN" in (hub_problem("org/secret", 2.0) or "")
    monkeypatch.setenv("HF_TOKEN", "hf_test")
    assert hub_problem("org/secret", 2.0) is None
    assert hub.authorizations[-1] == "Bearer hf_test"


def test_a_gated_model_says_so(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "gated" in (hub_problem("org/gated", 2.0) or "")
    monkeypatch.setenv("HF_TOKEN", "hf_test")
    assert hub_problem("org/gated", 2.0) is None
