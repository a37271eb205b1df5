"""Train the learned reader's trees on the fixture corpus and write forest.json:

    python -m newsletters.learn.train [--check]

Gradient-boosted trees on logistic loss (trees.py: 200 trees of depth 4 over features binned at their
quantiles, no sampling): the same corpus gives the same trees on any machine, in a few seconds, with
numpy only (a core dependency; no scikit-learn in the core install). --check retrains and says
whether the shipped trees give the retrained trees' headline odds on every corpus block (to 1e-6),
without writing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from . import trees
from .corpus import CORPUS, Sample, samples
from .features import block_features, feature_names
from .reader import MODEL
from .trees import Forest

TOLERANCE = 1e-6


def design(data: list[Sample]) -> tuple[np.ndarray, np.ndarray]:
    rows, ys = [], []
    for sample in data:
        rows += sample.rows or block_features(sample.blocks)
        ys += sample.labels
    return np.array(rows, dtype=float), np.array(ys, dtype=float)


def train(data: list[Sample]) -> Forest:
    return trees.fit(*design(data))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data = samples(CORPUS)
    forest = train(data)
    if "--check" in argv:
        shipped = Forest.from_json(json.loads(MODEL.read_text(encoding="utf-8"))["forest"])
        x = design(data)[0]
        gap = float(np.abs(forest.probability(x) - shipped.probability(x)).max())
        print(f"largest difference from the shipped trees' headline odds over {len(x)} corpus blocks: {gap:.2g}")
        return 0 if gap <= TOLERANCE else 1
    write(forest, data, MODEL)
    print(f"wrote {MODEL}: {len(forest.leaf)} trees from {len(data)} bodies, {sum(len(s.blocks) for s in data)} blocks")
    return 0


def write(forest: Forest, data: list[Sample], path: Path) -> None:
    layouts = sorted({s.layout for s in data})
    path.write_text(json.dumps({
        "model": f"gradient-boosted trees: {trees.TREES} of depth {trees.DEPTH}, learning rate {trees.LEARNING_RATE}, "
                 f"L2 {trees.L2}, {trees.MIN_LEAF} rows a leaf at least, {trees.BINS} quantile bins",
        "trained_on": f"{len(data)} bodies of {len(layouts)} layouts in {CORPUS.name}",
        "features": feature_names(), "forest": forest.to_json()}) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
