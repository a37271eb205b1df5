"""Train the learned reader's weights on the fixture corpus and write weights.json:

    python -m newsletters.learn.train [--check]

A logistic regression with an L2 penalty, fitted by Newton's method for a fixed number of steps
from zero weights: the same corpus gives the same weights on any machine, in a few seconds, with
numpy only (a core dependency; no scikit-learn in the core install). --check retrains and says
whether the shipped weights equal the retrained ones (to 1e-4), without writing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from .corpus import CORPUS, Sample, samples
from .features import block_features, feature_names
from .reader import WEIGHTS

L2 = 1.0  # the penalty on every weight but the bias: keeps rare features from fitting one layout
STEPS = 30
TOLERANCE = 1e-4


def design(data: list[Sample]) -> tuple[np.ndarray, np.ndarray]:
    rows, ys = [], []
    for sample in data:
        rows += sample.rows or block_features(sample.blocks)
        ys += sample.labels
    return np.array(rows, dtype=float), np.array(ys, dtype=float)


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = STEPS) -> np.ndarray:
    """Penalised logistic regression by Newton's method (the bias, column 0, unpenalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def train(data: list[Sample]) -> list[float]:
    return [round(float(v), 6) for v in fit(*design(data))]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data = samples(CORPUS)
    w = train(data)
    if "--check" in argv:
        shipped = json.loads(WEIGHTS.read_text(encoding="utf-8"))["weights"]
        gap = max(abs(a - b) for a, b in zip(w, shipped)) if len(w) == len(shipped) else float("inf")
        print(f"largest difference from the shipped weights: {gap:.2g}")
        return 0 if gap <= TOLERANCE else 1
    write(w, data, WEIGHTS)
    print(f"wrote {WEIGHTS}: {len(w)} weights from {len(data)} bodies, {sum(len(s.blocks) for s in data)} blocks")
    return 0


def write(w: list[float], data: list[Sample], path: Path) -> None:
    layouts = sorted({s.layout for s in data})
    path.write_text(json.dumps({"model": "logistic regression, L2 %.1f, Newton %d steps" % (L2, STEPS),
                                "trained_on": f"{len(data)} bodies of {len(layouts)} layouts in {CORPUS.name}",
                                "features": feature_names(), "weights": w}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
