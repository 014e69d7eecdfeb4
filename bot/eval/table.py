"""One row of the evaluation table (floors and targets live in floors.toml)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Score:
    """A measured value on one dev set, with the anchors it is compared to."""

    task: str  # "quotes", "figures", "extraction", "summaries", "faithfulness"
    metric: str  # "F1", "speaker accuracy", "ROUGE-2", ...
    value: float
    anchors: dict[str, float] = field(default_factory=dict)
    items: int = 0  # how many dev items it was measured on
