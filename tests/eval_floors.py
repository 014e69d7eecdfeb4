"""What the two dev-set floor files share: the dev data, each eval module run once per test
process (a session fixture, see tests/conftest.py), and the check of one floor."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from bot.eval import floors
from bot.eval.floors import Threshold
from bot.eval.run import Outcome

FLOORS = floors.load()
# The modules whose floors tests/test_eval_floors_finders.py checks: the quote and figure
# finders, and the sweep and extraction eval that reuse their articles (bot/eval/memo.py).
FINDERS = ("quotes", "figures", "extraction", "faithfulness")


def floors_of(modules: Sequence[str]) -> list[Threshold]:
    return [f for f in FLOORS if f.module in modules]


def check_floor(floor: Threshold, measure: Callable[[str], Outcome]) -> None:
    outcome = measure(floor.module)
    if outcome.failed:
        pytest.fail(f"bot.eval.{floor.module} crashed: {outcome.problem}")
    if not outcome.scores:
        pytest.skip(f"bot.eval.{floor.module}: {outcome.problem}")
    found = [s for s in outcome.scores if (s.task, s.metric) == (floor.task, floor.metric)]
    assert found, f"{floor.module} no longer reports {floor.metric!r}; rename its floor"
    value = found[0].value
    assert floor.holds(value), f"{floor.metric} is {value}, past its floor ({floor.bound()})"
