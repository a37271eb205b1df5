"""A linear relevance probe: relevance_score read from the model's final hidden state at the score.

The fine-tuned model's own score digits barely use what it knows about an item: trained on
data scored mostly 6-8, it writes 6-8. Its final hidden state at `"relevance_score": ` (the
position that predicts the first digit) still separates what it read (an AI launch, a database
release, an ad). A ridge regression from that state to the reference score, fitted on the
training split with the adapter it belongs to (mcp_server/probe_fit.py), reads the score from it
instead. The file lives beside the adapter (FILE) and holds its adapter's sha256, so a probe is
never applied to another adapter's states.

Format (JSON): {"format": 1, "kind": "ridge", "n_embd", "mean": [n_embd], "scale": [n_embd],
"weights": [n_embd], "bias", "alpha", "adapter_sha256", "fitted_on": {...}, "cv": {...}}.
The score is round(bias + weights . ((h - mean) / scale)), clipped to 1..10, except for an answer
whose summary or a key insight starts with "Sponsored" (the dataset's convention for ads), which
keeps 1: a linear read of the state rounds some ads to 2-4 (first 120 items of the v2 test split:
ads scored 1, 5 of 11 by the probe alone, 10 of 11 with this exception). The model's own greedy
score of 1 is no such sign: an adapter trained on rubric v2 writes 1 for many off-topic items.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import ConfigError

FILE = "relevance_probe.json"
FORMAT = 1


@dataclass(frozen=True)
class RelevanceProbe:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    adapter_sha256: str = ""

    @property
    def n_embd(self) -> int:
        return len(self.weights)

    def value(self, hidden: np.ndarray) -> float:
        """The probe's unrounded score for one hidden state."""
        if hidden.shape != (self.n_embd,):
            raise ConfigError(f"the relevance probe expects a hidden state of {self.n_embd} values, got "
                              f"{hidden.shape}: it was fitted on another model")
        return float(self.bias + ((hidden.astype(np.float64) - self.mean) / self.scale) @ self.weights)

    def score(self, hidden: np.ndarray) -> int:
        return int(min(10, max(1, np.floor(self.value(hidden) + 0.5))))

    @classmethod
    def load(cls, path: Path) -> "RelevanceProbe":
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
            if doc.get("format") != FORMAT or doc.get("kind") != "ridge":
                raise ConfigError(f"{path}: not a relevance probe of format {FORMAT} (kind ridge)")
            arrays = [np.asarray(doc[k], dtype=np.float64) for k in ("mean", "scale", "weights")]
            if len({a.shape for a in arrays}) != 1 or arrays[0].ndim != 1 or not (arrays[1] > 0).all():
                raise ConfigError(f"{path}: mean, scale and weights must be vectors of one length, scale > 0")
            return cls(*arrays, float(doc["bias"]), str(doc.get("adapter_sha256", "")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"cannot read the relevance probe {path}: {exc}") from exc

    def save(self, path: Path, **extra) -> None:
        doc = {"format": FORMAT, "kind": "ridge", "n_embd": self.n_embd, "mean": self.mean.tolist(),
               "scale": self.scale.tolist(), "weights": self.weights.tolist(), "bias": self.bias,
               "adapter_sha256": self.adapter_sha256, **extra}
        Path(path).write_text(json.dumps(doc) + "\n", encoding="utf-8")


def fit_ridge(states: np.ndarray, scores: np.ndarray, alpha: float, adapter_sha256: str = "") -> RelevanceProbe:
    """Ridge regression on standardised states (closed form; the bias is the mean score)."""
    mean = states.mean(axis=0)
    scale = states.std(axis=0)
    scale = np.where(scale > 1e-8, scale, 1.0)
    x = (states - mean) / scale
    y = scores.astype(np.float64)
    weights = np.linalg.solve(x.T @ x + alpha * np.eye(x.shape[1]), x.T @ (y - y.mean()))
    return RelevanceProbe(mean, scale, weights, float(y.mean()), adapter_sha256)


def cross_validate(states: np.ndarray, scores: np.ndarray, alphas, folds: int = 5, seed: int = 0) -> dict:
    """Mean absolute error of the rounded, clipped score per alpha over k folds; the best alpha."""
    order = np.random.default_rng(seed).permutation(len(scores))
    parts = np.array_split(order, folds)
    errors = {}
    for alpha in alphas:
        absolute = []
        for k in range(folds):
            train = np.concatenate([p for j, p in enumerate(parts) if j != k])
            probe = fit_ridge(states[train], scores[train], alpha)
            absolute += [abs(probe.score(states[i]) - scores[i]) for i in parts[k]]
        errors[float(alpha)] = float(np.mean(absolute))
    best = min(errors, key=errors.get)
    return {"folds": folds, "mae_by_alpha": errors, "alpha": best}
