"""relevance_score from the item's words: TF-IDF features, a ridge regression and an isotonic calibration.

Why a head beside the model: the 270M model's own score digits, and a linear probe on its hidden
state (probe.py), barely tell an AI story from a database release on items written elsewhere: on
the 364 items a real reader annotated (evaluation/yardstick.py) the shipped model with its probe
ranks them at Spearman 0.35. A ridge regression on the words of the same training items ranks them
at 0.68 and, calibrated, reaches a relevance MAE of 0.8 on the project's own test split (1.6 for
the probe). The model still writes the summary, insights and companies; the head writes the score.

Fitting (fit) and reading (RelevanceHead.value) share one featuriser, `features`: word unigrams
and bigrams (tokens of two or more word characters, lowercased), sublinear term frequency times
smoothed idf, L2-normalised, terms in at least `min_df` training items. It is written here rather
than taken from scikit-learn because the server must read the head without scikit-learn (serving
depends on numpy alone) and both sides must compute the same numbers; tests/test_relevance_head.py
holds it equal to scikit-learn's TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
and the ridge equal to scikit-learn's Ridge.

The ridge's raw output is shrunk toward the mean (items the reader scores 1 and 10 land at 3 and 8),
so it is mapped through an isotonic (monotone) calibration fitted on cross-validated predictions of
the training items, then rounded and clipped to 1-10. The calibration minimises absolute error
(each step is the median of its items' scores, not their mean): relevance is judged by MAE, and a
score's distribution is skewed (a top step of 8, 9, 9, 10, 10 should answer 9 or 10, not 9.2
rounded down). On the v2 train split's out-of-fold predictions this lowers MAE from 0.756 to
0.727; on the 364 reader-annotated items of the yardstick from 2.06 to 1.97 (docs/performance.md).
The ridge strength is chosen by 5-fold cross-validation on the training items (MAE of the
calibrated, rounded score).

The text is the item's title and content as the prompt shows them (news_core.prompt.title_and_content),
so training and serving read byte-identical text. Format (JSON): {"format": 1, "kind": "tfidf-ridge",
"terms": [...], "idf": [...], "weights": [...], "bias", "calibration": {"x": [...], "y": [...]},
"alpha", "min_df", "fitted_on": {...}, "cv": {...}}.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from .errors import ConfigError
from .prompt import title_and_content

FILE = "relevance_head.json"
FORMAT = 1
KIND = "tfidf-ridge"
ALPHAS = (0.3, 1.0, 3.0, 10.0)
FOLDS = 5
MAX_TERMS = 20_000
TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern


def terms(text: str) -> Counter:
    """Counts of the text's word unigrams and bigrams ("open source" is one bigram)."""
    words = TOKEN.findall(text.lower())
    return Counter(words + [f"{a} {b}" for a, b in zip(words, words[1:])])


def weigh(counts: Counter, index: dict[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(column indices, L2-normalised sublinear tf * idf values) of the known terms of one text."""
    known = [(index[t], n) for t, n in counts.items() if t in index]
    if not known:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    cols = np.array([c for c, _ in known], dtype=np.int64)
    values = np.array([1.0 + math.log(n) for _, n in known]) * idf[cols]
    return cols, values / np.linalg.norm(values)


@dataclass(frozen=True)
class RelevanceHead:
    index: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray
    bias: float
    cal_x: np.ndarray  # increasing raw values ...
    cal_y: np.ndarray  # ... and the calibrated scores there (linear in between, flat outside)
    meta: dict = field(default_factory=dict, compare=False)

    def raw(self, text: str) -> float:
        cols, values = weigh(terms(text), self.index, self.idf)
        return float(self.bias + values @ self.weights[cols])

    def value(self, text: str) -> float:
        """The calibrated, unrounded score of an item's title and content."""
        return float(np.interp(self.raw(text), self.cal_x, self.cal_y))

    def score(self, text: str) -> int:
        return int(min(10, max(1, math.floor(self.value(text) + 0.5))))

    def save(self, path: str | Path) -> Path:
        terms_in_order = sorted(self.index, key=self.index.__getitem__)
        doc = {"format": FORMAT, "kind": KIND, "terms": terms_in_order, "idf": _round(self.idf),
               "weights": _round(self.weights), "bias": self.bias,
               "calibration": {"x": _round(self.cal_x), "y": _round(self.cal_y)}, **self.meta}
        Path(path).write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
        return Path(path)

    @classmethod
    def load(cls, path: str | Path) -> "RelevanceHead":
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
            if doc.get("format") != FORMAT or doc.get("kind") != KIND:
                raise ConfigError(f"{path}: not a relevance head of format {FORMAT} (kind {KIND})")
            idf, weights = (np.asarray(doc[k], dtype=np.float64) for k in ("idf", "weights"))
            cal_x, cal_y = (np.asarray(doc["calibration"][k], dtype=np.float64) for k in ("x", "y"))
            if not len(doc["terms"]) == len(idf) == len(weights) or len(cal_x) != len(cal_y) or not len(cal_x):
                raise ConfigError(f"{path}: terms, idf and weights must have one length, and the calibration points too")
            meta = {k: v for k, v in doc.items() if k not in ("format", "kind", "terms", "idf", "weights", "bias",
                                                              "calibration")}
            return cls({t: i for i, t in enumerate(doc["terms"])}, idf, weights, float(doc["bias"]), cal_x, cal_y,
                       meta)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"cannot read the relevance head {path}: {exc}") from exc


def _round(values: np.ndarray) -> list[float]:
    return [float(f"{v:.6g}") for v in np.asarray(values, dtype=np.float64)]


# -- fitting -----------------------------------------------------------------------------------

def vocabulary(counts: Sequence[Counter], min_df: int,
               max_terms: int = MAX_TERMS) -> tuple[dict[str, int], np.ndarray]:
    """Terms in at least `min_df` texts, at most the `max_terms` most frequent (which bounds the
    memory a fit takes: items x terms), sorted so a fit is reproducible; and their smoothed idf."""
    df = Counter(t for c in counts for t in c)
    kept = sorted(t for t, n in df.items() if n >= min_df)
    if len(kept) > max_terms:
        kept = sorted(sorted(kept, key=lambda t: (-df[t], t))[:max_terms])
    idf = np.array([math.log((1 + len(counts)) / (1 + df[t])) + 1.0 for t in kept])
    return {t: i for i, t in enumerate(kept)}, idf


def matrix(counts: Sequence[Counter], index: dict[str, int], idf: np.ndarray) -> np.ndarray:
    x = np.zeros((len(counts), len(index)), dtype=np.float64)
    for row, c in enumerate(counts):
        cols, values = weigh(c, index, idf)
        x[row, cols] = values
    return x


def ridge(x: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """Ridge regression with an unpenalised intercept, in its dual form (items << terms)."""
    mean_x, mean_y = x.mean(axis=0), y.mean()
    xc = x - mean_x
    dual = np.linalg.solve(xc @ xc.T + alpha * np.eye(len(y)), y - mean_y)
    weights = xc.T @ dual
    return weights, float(mean_y - mean_x @ weights)


def isotonic(x: np.ndarray, y: np.ndarray, low: float = 1.0, high: float = 10.0,
             loss: str = "l1") -> tuple[np.ndarray, np.ndarray]:
    """The increasing step fit of y on x (pool adjacent violators), as (x, y) points to interpolate.
    loss "l1": each step is its items' median (least absolute error, what serving is judged by);
    "l2": their mean (least squares, scikit-learn's IsotonicRegression). Pooling by medians is the
    same algorithm: adjacent violators are merged and the merged block's value is the minimiser of
    the loss over the union (Robertson, Wright & Dykstra 1988, ch. 1)."""
    if loss not in ("l1", "l2"):
        raise ValueError(f"loss must be 'l1' or 'l2', got {loss!r}")
    centre = np.median if loss == "l1" else np.mean
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order].astype(np.float64)
    blocks: list[list] = []  # [scores, value, first x, last x]
    for xv, yv in zip(xs, ys):
        blocks.append([[yv], yv, xv, xv])
        while len(blocks) > 1 and blocks[-2][1] >= blocks[-1][1]:
            scores, _, _, last = blocks.pop()
            blocks[-1][0] += scores
            blocks[-1][1] = float(centre(blocks[-1][0]))
            blocks[-1][3] = last
    points_x = [v for b in blocks for v in (b[2], b[3])]
    points_y = [min(high, max(low, b[1])) for b in blocks for _ in range(2)]
    keep = [i for i in range(len(points_x)) if i == 0 or points_x[i] > points_x[i - 1]]
    return np.array(points_x)[keep], np.array(points_y)[keep]


def folds(n: int, k: int = FOLDS, seed: int = 0) -> list[np.ndarray]:
    return [np.sort(part) for part in np.array_split(np.random.default_rng(seed).permutation(n), k)]


def cross_validate(x: np.ndarray, y: np.ndarray, alphas: Sequence[float] = ALPHAS) -> dict:
    """Out-of-fold raw predictions for each alpha; the alpha whose calibrated, rounded score has
    the lowest MAE wins. Returns {"alpha", "mae_by_alpha", "out_of_fold"}. Works on the items'
    Gram matrix, computed once: centring a fold's features is centring its block of the matrix."""
    gram = x @ x.T
    parts = folds(len(y), min(FOLDS, len(y)))
    result: dict = {"mae_by_alpha": {}, "out_of_fold": {}}
    for alpha in alphas:
        pred = np.zeros(len(y))
        for held in parts:
            train = np.setdiff1d(np.arange(len(y)), held)
            inner, cross = gram[np.ix_(train, train)], gram[np.ix_(held, train)]
            row = inner.mean(axis=1)
            centred = inner - row[:, None] - row[None, :] + row.mean()
            dual = np.linalg.solve(centred + alpha * np.eye(len(train)), y[train] - y[train].mean())
            pred[held] = y[train].mean() + (cross - cross.mean(axis=1)[:, None] - row[None, :] + row.mean()) @ dual
        cal_x, cal_y = isotonic(pred, y)
        rounded = np.clip(np.floor(np.interp(pred, cal_x, cal_y) + 0.5), 1, 10)
        result["mae_by_alpha"][alpha] = round(float(np.abs(rounded - y).mean()), 4)
        result["out_of_fold"][alpha] = pred
    result["alpha"] = min(alphas, key=lambda a: (result["mae_by_alpha"][a], a))
    return result


def data_sha256(texts: Sequence[str], scores: Sequence[float]) -> str:
    """What a head was fitted on, so a shipped head that no longer matches its data is caught."""
    return hashlib.sha256(json.dumps([list(texts), [float(s) for s in scores]]).encode("utf-8")).hexdigest()


def fit(texts: Sequence[str], scores: Sequence[float], min_df: int = 2,
        alphas: Sequence[float] = ALPHAS) -> RelevanceHead:
    """Fit a head on items' title-and-content texts and their reference scores (training items only)."""
    if len(texts) != len(scores) or len(texts) < 2 * FOLDS:
        raise ConfigError(f"a relevance head needs at least {2 * FOLDS} scored items, got {len(texts)}")
    counts = [terms(t) for t in texts]
    index, idf = vocabulary(counts, min_df)
    if not index:
        raise ConfigError(f"no word occurs in {min_df} or more of the {len(texts)} items: nothing to fit a head on")
    x, y = matrix(counts, index, idf), np.asarray(scores, dtype=np.float64)
    cv = cross_validate(x, y, alphas)
    weights, bias = ridge(x, y, cv["alpha"])
    cal_x, cal_y = isotonic(cv["out_of_fold"][cv["alpha"]], y)
    meta = {"alpha": cv["alpha"], "min_df": min_df, "calibration_loss": "l1",
            "cv": {"mae_by_alpha": {str(a): m for a, m in cv["mae_by_alpha"].items()}},
            "fitted_on": {"items": len(texts), "terms": len(index), "score_mean": round(float(y.mean()), 4),
                          "sha256": data_sha256(texts, scores)}}
    return RelevanceHead(index, idf, weights, bias, cal_x, cal_y, meta)


def fit_examples(examples: Sequence[tuple[str, str]], **kwargs) -> RelevanceHead:
    """Fit a head on rendered training examples, (prompt, completion) pairs: the text the server
    will read (the prompt's title and content) and the completion's relevance_score."""
    texts = [title_and_content(prompt) for prompt, _ in examples]
    return fit(texts, [json.loads(completion)["relevance_score"] for _, completion in examples], **kwargs)
