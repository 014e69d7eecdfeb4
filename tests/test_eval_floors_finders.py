"""The dev-set floors of the quote and figure finders, extraction and the faithfulness sweep
(the other floors: tests/test_eval_floors.py, which may run at the same time in another worker).
"""

from __future__ import annotations

import pytest

from bot.eval.floors import Threshold
from tests.eval_floors import FINDERS, check_floor, floors_of


@pytest.mark.parametrize("floor", floors_of(FINDERS), ids=lambda f: f"{f.task}: {f.metric}")
def test_metric_is_not_below_its_floor(floor: Threshold, measure):
    check_floor(floor, measure)
