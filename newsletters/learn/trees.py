"""Gradient-boosted decision trees for the learned reader, in numpy (a core dependency).

Why our own and not scikit-learn's HistGradientBoostingClassifier: scikit-learn is no core dependency
(the splitter installs with the MCP server), and what the reader needs is small: logistic loss,
trees of a fixed depth over features binned at their quantiles, no sampling, so that the same corpus
gives the same trees on any machine. Held out by blind set, scikit-learn's booster and this one
score alike (docs/newsletters.md).

A tree of depth D is stored whole, as arrays: node k (0 .. 2^D - 2) sends a row right when
row[feature[k]] > threshold[k]; a node that found no split sends every row left (threshold +inf).
Prediction walks every tree for every row at once: D numpy steps in all, linear in the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DEPTH = 4
TREES = 200
LEARNING_RATE = 0.1
L2 = 1.0  # on a leaf's value: keeps a leaf of a few rows from a large step
MIN_LEAF = 20  # rows in a leaf at least: no tree splits off one layout's few headlines
BINS = 64


@dataclass(frozen=True)
class Forest:
    base: float  # log-odds before the first tree
    feature: np.ndarray  # (trees, 2^D - 1) int
    threshold: np.ndarray  # (trees, 2^D - 1) float, +inf where the node did not split
    leaf: np.ndarray  # (trees, 2^D) float: each leaf's step in log-odds, the learning rate applied

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        """Every tree walked for every row at once: depth numpy steps over a (trees, rows) array."""
        depth = int(np.log2(self.leaf.shape[1]))
        trees, rows = np.arange(len(self.feature))[:, None], np.arange(len(x))[None, :]
        node = np.zeros((len(self.feature), len(x)), dtype=np.int64)
        for _ in range(depth):
            node = 2 * node + 1 + (x[rows, self.feature[trees, node]] > self.threshold[trees, node])
        return self.base + self.leaf[trees, node - (2 ** depth - 1)].sum(axis=0)

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-np.clip(self.log_odds(x), -30, 30)))

    def to_json(self) -> dict:
        return {"base": self.base, "feature": self.feature.tolist(),
                "threshold": [[None if np.isinf(t) else t for t in row] for row in self.threshold.tolist()],
                "leaf": self.leaf.tolist()}

    @classmethod
    def from_json(cls, data: dict) -> Forest:
        return cls(float(data["base"]), np.array(data["feature"], dtype=np.int64),
                   np.array([[np.inf if t is None else t for t in row] for row in data["threshold"]], dtype=float),
                   np.array(data["leaf"], dtype=float))


def edges(x: np.ndarray) -> list[np.ndarray]:
    """Per feature, the candidate thresholds: its distinct quantiles (a split is 'value <= edge')."""
    qs = np.linspace(0, 1, BINS + 1)[1:-1]
    return [np.unique(np.quantile(column, qs)) for column in x.T]


def fit(x: np.ndarray, y: np.ndarray, trees: int = TREES, depth: int = DEPTH) -> Forest:
    """Boosting on logistic loss, each tree grown level by level to the full depth."""
    cuts = edges(x)
    width = max(len(c) for c in cuts) + 1
    # bins[i, f] = how many of feature f's edges lie below x[i, f]: 'x <= edge[b]' is 'bins <= b'
    bins = np.stack([np.searchsorted(c, column, side="left") for c, column in zip(cuts, x.T)], axis=1)
    flat = bins + np.arange(x.shape[1]) * width  # one bincount over every feature at once
    prior = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    base = float(np.log(prior / (1 - prior)))
    score = np.full(len(y), base)
    inner, leaves = 2 ** depth - 1, 2 ** depth
    features = np.zeros((trees, inner), dtype=np.int64)
    thresholds = np.full((trees, inner), np.inf)
    steps = np.zeros((trees, leaves))
    for t in range(trees):
        p = 1 / (1 + np.exp(-np.clip(score, -30, 30)))
        g, h = p - y, p * (1 - p)
        node = np.zeros(len(y), dtype=np.int64)
        for k in range(inner):
            rows = np.flatnonzero(node == k)
            split = _best_split(flat[rows], g[rows], h[rows], x.shape[1], width)
            if split is not None:
                f, b = split
                features[t, k], thresholds[t, k] = f, cuts[f][b]
            node[rows] = 2 * k + 1 + (x[rows, features[t, k]] > thresholds[t, k])
        leaf = node - inner
        for j in range(leaves):
            at = leaf == j
            steps[t, j] = -LEARNING_RATE * g[at].sum() / (h[at].sum() + L2) if at.any() else 0.0
        score += steps[t, leaf]
    return Forest(base, features, thresholds, steps)


def _best_split(flat: np.ndarray, g: np.ndarray, h: np.ndarray, n_features: int, width: int):
    """(feature, edge index) of the split that lowers the loss most, or None (too few rows either side)."""
    if len(g) < 2 * MIN_LEAF:
        return None
    size = n_features * width
    shape = (n_features, width)
    grad = np.bincount(flat.ravel(), weights=np.repeat(g, n_features), minlength=size).reshape(shape).cumsum(axis=1)
    hess = np.bincount(flat.ravel(), weights=np.repeat(h, n_features), minlength=size).reshape(shape).cumsum(axis=1)
    count = np.bincount(flat.ravel(), minlength=size).reshape(shape).cumsum(axis=1)
    g_all, h_all, n_all = grad[:, -1:], hess[:, -1:], count[:, -1:]
    gain = grad ** 2 / (hess + L2) + (g_all - grad) ** 2 / (h_all - hess + L2) - g_all ** 2 / (h_all + L2)
    gain[(count < MIN_LEAF) | (n_all - count < MIN_LEAF)] = -np.inf
    best = int(np.argmax(gain))
    if not np.isfinite(gain.flat[best]) or gain.flat[best] <= 1e-9:
        return None
    return divmod(best, width)
