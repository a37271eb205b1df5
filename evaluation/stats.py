"""Paired statistics for every pair of models, per metric, on per-item scores.

For models A and B (in the order given), each metric's per-item scores go through
evaluation.paired.paired_test (t-test, Wilcoxon, Cohen's d, 95% CI of B - A; its docstring
says how degenerate cases come out). `paired_test` is re-exported here for callers.
"""

from __future__ import annotations

import itertools
from typing import Any, Sequence

from .metrics import STAT_METRICS, ModelScores
from .paired import paired_test

__all__ = ["compare", "paired_test"]


def compare(scores: Sequence[ModelScores], metrics: Sequence[str] = STAT_METRICS, alpha: float = 0.05) -> dict[str, Any]:
    """{"A_vs_B": {"model_a", "model_b", "metrics": {metric: paired_test(...)}}} for every pair."""
    result: dict[str, Any] = {}
    for a, b in itertools.combinations(scores, 2):
        if a.ids != b.ids:
            raise ValueError(f"models {a.name} and {b.name} were scored on different items")
        tests = {m: paired_test(a.per_item[m], b.per_item[m], alpha) for m in metrics if m in a.per_item and m in b.per_item}
        result[f"{a.name}_vs_{b.name}"] = {"model_a": a.name, "model_b": b.name, "alpha": alpha, "metrics": tests}
    return result
