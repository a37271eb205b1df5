"""Paired statistics against scipy and the textbook formulas, and the degenerate cases."""

from __future__ import annotations

import math

import pytest

scipy_stats = pytest.importorskip("scipy.stats")

from evaluation.metrics import ModelScores  # noqa: E402
from evaluation.stats import compare, paired_test  # noqa: E402

A = [0.2, 0.5, 0.1, 0.8, 0.4, 0.3, 0.6, 0.9]
B = [0.4, 0.7, 0.1, 0.9, 0.8, 0.2, 0.9, 1.0]


def test_paired_test_matches_scipy_and_formulas():
    r = paired_test(A, B)
    d = [b - a for a, b in zip(A, B)]
    n = len(d)
    mean = sum(d) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1))
    t = scipy_stats.ttest_rel(B, A)
    w = scipy_stats.wilcoxon(d)
    assert r["mean_difference"] == pytest.approx(mean)
    assert r["ttest"]["statistic"] == pytest.approx(t.statistic)
    assert r["ttest"]["statistic"] == pytest.approx(mean / (sd / math.sqrt(n)))
    assert r["ttest"]["pvalue"] == pytest.approx(t.pvalue)
    assert r["wilcoxon"]["statistic"] == pytest.approx(w.statistic)
    assert r["wilcoxon"]["pvalue"] == pytest.approx(w.pvalue)
    assert r["cohens_d"] == pytest.approx(mean / sd)
    half = scipy_stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    assert r["ci95"] == pytest.approx([mean - half, mean + half])
    # the CI excludes 0 exactly when the two-sided t-test is significant at 0.05
    assert r["significant"] == (r["ci95"][0] > 0 or r["ci95"][1] < 0)


def test_known_textbook_values():
    # d = 1, 2, 3, 4, 5: mean 3, sd sqrt(2.5), t = 3 / (sqrt(2.5) / sqrt(5)) = 4.2426
    r = paired_test([0] * 5, [1, 2, 3, 4, 5])
    assert r["ttest"]["statistic"] == pytest.approx(4.242640687)
    assert r["cohens_d"] == pytest.approx(3 / math.sqrt(2.5))
    assert r["ci95"][0] == pytest.approx(3 - 2.776445105 * math.sqrt(2.5) / math.sqrt(5))
    assert r["wilcoxon"]["pvalue"] == pytest.approx(0.0625)  # exact: all 5 ranks positive, 2/32


def test_all_differences_zero_gives_p_one_not_nan():
    r = paired_test([0.5, 0.2, 0.9], [0.5, 0.2, 0.9])
    assert r["ttest"] == {"statistic": 0.0, "pvalue": 1.0}
    assert r["wilcoxon"]["pvalue"] == 1.0
    assert r["cohens_d"] == 0.0 and r["ci95"] == [0.0, 0.0] and not r["significant"]


def test_constant_nonzero_difference_and_tiny_samples():
    r = paired_test([0, 0, 0, 0], [1, 1, 1, 1])
    assert r["ttest"]["pvalue"] == 0.0 and r["cohens_d"] is None and r["ci95"] == [1.0, 1.0]
    assert r["significant"]
    one = paired_test([0.1], [0.9])
    assert one["ttest"]["pvalue"] is None and one["note"] == "fewer than 2 items"


def scores(name, values):
    return ModelScores(name, [f"i{k}" for k in range(len(values))], {"f1_overall": values}, {})


def test_compare_covers_every_pair_in_order():
    result = compare([scores("a", A), scores("b", B), scores("c", A)], metrics=("f1_overall",))
    assert list(result) == ["a_vs_b", "a_vs_c", "b_vs_c"]
    assert result["a_vs_b"]["metrics"]["f1_overall"]["mean_difference"] == pytest.approx((sum(B) - sum(A)) / len(A))
    assert result["a_vs_c"]["metrics"]["f1_overall"]["ttest"]["pvalue"] == 1.0
    with pytest.raises(ValueError):
        compare([scores("a", A), scores("b", B[:3])], metrics=("f1_overall",))
