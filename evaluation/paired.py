"""A paired test of two models' per-item scores (difference = B - A).

- paired t-test: scipy.stats.ttest_rel(B, A);
- Wilcoxon signed-rank: scipy.stats.wilcoxon(d) (zero differences dropped, "wilcox");
- Cohen's d for paired samples (d_z): mean(d) / sd(d), sd with ddof=1;
- 95% CI of the mean difference: mean(d) +/- t(0.975, n-1) * sd(d) / sqrt(n).
Degenerate cases: all differences zero -> statistics 0, p-values 1.0, d 0, CI [0, 0];
a constant non-zero difference -> t-test p 0.0 with statistic and d null (infinite), CI a
point; fewer than 2 items -> nulls. Non-finite numbers are written as null, never NaN.

Its own module so that metrics (which tests rules against greedy decoding) and stats (which
compares every pair of models) can both use it without importing each other.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

from .deps import require


def _finite(x: float | None) -> float | None:
    return float(x) if x is not None and math.isfinite(x) else None


def paired_test(a: Sequence[float], b: Sequence[float], alpha: float = 0.05) -> dict[str, Any]:
    """All paired statistics of B versus A (difference = B - A)."""
    np, sps = require("numpy"), require("scipy.stats", "scipy")
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    d = b - a
    n = len(d)
    out: dict[str, Any] = {"n": n, "mean_a": _finite(a.mean()) if n else None, "mean_b": _finite(b.mean()) if n else None}
    out["mean_difference"] = _finite(d.mean()) if n else None
    if n < 2:
        return {**out, "ttest": {"statistic": None, "pvalue": None}, "wilcoxon": {"statistic": None, "pvalue": None},
                "cohens_d": None, "ci95": [None, None], "significant": False, "note": "fewer than 2 items"}
    sd = float(d.std(ddof=1))
    half = float(sps.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
    out["ci95"] = [float(d.mean()) - half, float(d.mean()) + half]
    if not d.any():
        out.update(ttest={"statistic": 0.0, "pvalue": 1.0}, wilcoxon={"statistic": 0.0, "pvalue": 1.0}, cohens_d=0.0,
                   note="all differences are zero")
    elif sd == 0:
        out.update(ttest={"statistic": None, "pvalue": 0.0}, cohens_d=None, note="constant non-zero difference")
        out["wilcoxon"] = _wilcoxon(sps, d)
    else:
        t = sps.ttest_rel(b, a)
        out["ttest"] = {"statistic": _finite(t.statistic), "pvalue": _finite(t.pvalue)}
        out["wilcoxon"] = _wilcoxon(sps, d)
        out["cohens_d"] = float(d.mean()) / sd
    out["significant"] = out["ttest"]["pvalue"] is not None and out["ttest"]["pvalue"] < alpha
    return out


def _wilcoxon(sps, d) -> dict[str, float | None]:
    result = sps.wilcoxon(d, zero_method="wilcox")
    return {"statistic": _finite(result.statistic), "pvalue": _finite(result.pvalue)}
