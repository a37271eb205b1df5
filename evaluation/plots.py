"""The 13 evaluation plots (matplotlib, Agg backend, PNG), one function each.

Each function takes the scored models (and the statistics where needed) and a path, and
writes one PNG. `write_all` writes all of them into a folder and returns their paths.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable, Sequence

from .deps import require
from .metrics import LOWER_IS_BETTER, ModelScores

# Metrics shown in the forest plot and the heatmap (the per-item metrics people compare first).
KEY_STAT_METRICS = (
    "json_valid", "f1_overall", "f1_key_insights", "soft_f1_key_insights", "f1_company_names", "jaccard_overall",
    "exact_match", "relevance_abs_error", "rouge1", "rougeL", "bertscore_f1", "sponsored_correct",
)
COLORS = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C")


def _plt():
    matplotlib = require("matplotlib")
    matplotlib.use("Agg")
    return require("matplotlib.pyplot")


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    _plt().close(fig)
    return path


def _names(models: Sequence[ModelScores]) -> list[str]:
    return [m.name for m in models]


def _grouped_bars(models, groups: dict[str, list[float | None]], title: str, ylabel: str, path: Path, ylim=(0, 1.05)) -> Path:
    """groups: label -> one value per model. Bars grouped by label, one colour per model."""
    plt = _plt()
    labels = list(groups)
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(labels) * max(1, len(models)) / 2), 4.5))
    width = 0.8 / max(1, len(models))
    for j, m in enumerate(models):
        values = [groups[g][j] for g in labels]
        xs = [i + (j - (len(models) - 1) / 2) * width for i in range(len(labels))]
        bars = ax.bar(xs, [v if v is not None else 0 for v in values], width, label=m.name, color=COLORS[j % len(COLORS)])
        for bar, v in zip(bars, values):
            ax.annotate("n/a" if v is None else f"{v:.2f}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(len(labels)), labels)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    if ylim:
        ax.set_ylim(*ylim)
    ax.legend(fontsize=8)
    return _save(fig, path)


def _message(path: Path, title: str, text: str) -> Path:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.axis("off")
    ax.set_title(title)
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True)
    return _save(fig, path)


def forest_plot(models: Sequence[ModelScores], stats: dict[str, Any], path: Path) -> Path:
    """Cohen's d (paired) per metric and pair, with an approximate 95% CI:
    d +/- t(0.975, n-1) * sqrt(1/n + d^2 / (2n))."""
    sps = require("scipy.stats", "scipy")
    rows = []
    for pair, block in stats.items():
        for metric in KEY_STAT_METRICS:
            test = block["metrics"].get(metric)
            if test and test["cohens_d"] is not None and test["n"] >= 2:
                d, n = test["cohens_d"], test["n"]
                half = float(sps.t.ppf(0.975, n - 1)) * math.sqrt(1 / n + d * d / (2 * n))
                rows.append((f"{metric}  ({block['model_b']} - {block['model_a']})", d, d - half, d + half, test["significant"]))
    if not rows:
        return _message(path, "Forest plot of effect sizes", "needs at least two models with non-degenerate differences")
    plt = _plt()
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(rows) + 1.5))
    for y, (label, d, lo, hi, sig) in enumerate(reversed(rows)):
        color = "#C44E52" if sig else "#4C72B0"
        ax.plot([lo, hi], [y, y], color=color)
        ax.plot(d, y, "s", color=color)
    ax.set_yticks(range(len(rows)), [r[0] for r in reversed(rows)], fontsize=7)
    ax.axvline(0, color="grey", linestyle="--")
    ax.set_xlabel("Cohen's d (paired); red = t-test p < alpha. relevance_abs_error: lower is better")
    ax.set_title("Forest plot of effect sizes (B - A)")
    return _save(fig, path)


def json_validation_comparison(models, path: Path) -> Path:
    return _grouped_bars(models, {"JSON validity rate": [m.metrics["json_validity_rate"] for m in models]},
                         "JSON validity (parses and matches the schema)", "rate", path)


def _soft_computed(models) -> bool:
    return any(m.metrics.get("soft_f1_key_insights") is not None for m in models)


def f1_score_by_field(models, path: Path) -> Path:
    """Exact-match F1 per field, with the soft (by meaning) key-insight F1 next to the exact one."""
    fields = [("key_insights", "f1_key_insights"), ("key_insights soft", "soft_f1_key_insights"),
              ("company_names", "f1_company_names"), ("overall", "f1_overall")]
    if not _soft_computed(models):
        fields.pop(1)
    groups = {label: [m.metrics[key] for m in models] for label, key in fields}
    return _grouped_bars(models, groups, "F1 by field (soft: key insights matched by meaning)", "mean F1", path)


def precision_recall_comparison(models, path: Path) -> Path:
    keys = ["precision_key_insights", "recall_key_insights"]
    keys += ["soft_precision_key_insights", "soft_recall_key_insights"] if _soft_computed(models) else []
    keys += ["precision_company_names", "recall_company_names"]
    label = {k: k.replace("soft_", "soft ").replace("_", "\n", 1) for k in keys}  # "soft precision\nkey_insights"
    groups = {label[k]: [m.metrics[k] for m in models] for k in keys}
    return _grouped_bars(models, groups, "Precision and recall by field", "mean", path)


def rouge_scores_comparison(models, path: Path) -> Path:
    groups = {k: [m.metrics[k] for m in models] for k in ("rouge1", "rouge2", "rougeL")}
    return _grouped_bars(models, groups, "ROUGE F-measure of summaries", "mean F", path)


def bertscore_comparison(models, path: Path) -> Path:
    if all(m.metrics["bertscore_f1"] is None for m in models):
        return _message(path, "BERTScore", "BERTScore was not computed (--no-bertscore)")
    groups = {label: [m.details.get(key) if key != "bertscore_f1" else m.metrics[key] for m in models]
              for label, key in (("precision", "bertscore_precision"), ("recall", "bertscore_recall"), ("F1", "bertscore_f1"))}
    model = (models[0].details.get("bertscore_model") or "").split(" (")[0].split("/")[-1]
    return _grouped_bars(models, groups, f"BERTScore of summaries ({model})", "mean", path)


def output_consistency_comparison(models, path: Path) -> Path:
    groups = {"response length CV": [m.details["response_length"]["cv"] for m in models],
              "word count CV": [m.details["word_count"]["cv"] for m in models]}
    top = max([v for g in groups.values() for v in g] + [0.1]) * 1.2
    return _grouped_bars(models, groups, "Output consistency (coefficient of variation, lower = steadier)", "std / mean", path, (0, top))


def relevance_error_distribution(models, path: Path) -> Path:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    bins = [x - 0.5 for x in range(-10, 11)]
    for j, m in enumerate(models):
        ax.hist(m.per_item["relevance_error"], bins=bins, histtype="step", linewidth=2,
                label=f"{m.name} (MAE {m.metrics['relevance_mae']:.2f})", color=COLORS[j % len(COLORS)])
    ax.set_xlabel("predicted - reference relevance (invalid outputs count as 0)")
    ax.set_ylabel("items")
    ax.set_title("Relevance error distribution")
    ax.legend(fontsize=8)
    return _save(fig, path)


def _distribution(models, key: str, kind: str, title: str, ylabel: str, path: Path) -> Path:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(max(5, 1.5 * len(models)), 4.5))
    data = [m.per_item[key] for m in models]
    if kind == "box":
        ax.boxplot(data, showmeans=True)
    else:
        varied = [i for i, d in enumerate(data) if len(d) > 1 and max(d) > min(d)]
        if varied:  # a violin needs spread: constant series are drawn as a line
            ax.violinplot([data[i] for i in varied], positions=[i + 1 for i in varied], showmedians=True)
        for i in set(range(len(data))) - set(varied):
            ax.hlines(data[i][0], i + 0.7, i + 1.3, color=COLORS[0])
    ax.set_xticks(range(1, len(models) + 1), _names(models))
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return _save(fig, path)


def response_length_boxplot(models, path: Path) -> Path:
    return _distribution(models, "response_length", "box", "Response length", "characters", path)


def response_length_violin(models, path: Path) -> Path:
    return _distribution(models, "response_length", "violin", "Response length", "characters", path)


def word_count_boxplot(models, path: Path) -> Path:
    return _distribution(models, "word_count", "box", "Response word count", "words", path)


def response_length_histogram(models, path: Path) -> Path:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for j, m in enumerate(models):
        ax.hist(m.per_item["response_length"], bins=20, alpha=0.5, label=m.name, color=COLORS[j % len(COLORS)])
    ax.set_xlabel("characters")
    ax.set_ylabel("items")
    ax.set_title("Response length histogram")
    ax.legend(fontsize=8)
    return _save(fig, path)


def statistical_summary_heatmap(models, stats: dict[str, Any], path: Path) -> Path:
    if not stats:
        return _message(path, "Statistical summary", "needs at least two models")
    np, plt = require("numpy"), _plt()
    pairs = list(stats)
    metrics = [m for m in KEY_STAT_METRICS if any(m in stats[p]["metrics"] for p in pairs)]
    grid = np.full((len(metrics), len(pairs)), np.nan)
    fig, ax = plt.subplots(figsize=(max(7, 2.2 * len(pairs) + 3), 0.45 * len(metrics) + 1.5))
    for i, metric in enumerate(metrics):
        for j, pair in enumerate(pairs):
            test = stats[pair]["metrics"].get(metric)
            if not test:
                continue
            d = test["cohens_d"]
            if d is not None:
                grid[i, j] = -d if metric in LOWER_IS_BETTER else d
            p = test["ttest"]["pvalue"]
            stars = "" if p is None else "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else "ns"
            ax.text(j, i, f"{'n/a' if d is None else f'{d:.2f}'}\n{stars}", ha="center", va="center", fontsize=7)
    image = ax.imshow(np.clip(grid, -2, 2), cmap="RdBu", vmin=-2, vmax=2, aspect="auto")
    fig.colorbar(image, ax=ax, label="Cohen's d, signed so blue = B better")
    ax.set_xticks(range(len(pairs)), [f"{stats[p]['model_b']} - {stats[p]['model_a']}" for p in pairs], fontsize=7, rotation=20)
    ax.set_yticks(range(len(metrics)), metrics, fontsize=8)
    ax.set_title("Statistical summary: Cohen's d and paired t-test significance", fontsize=10)
    return _save(fig, path)


PLOTS: dict[str, Callable] = {
    "forest_plot": forest_plot,
    "json_validation_comparison": json_validation_comparison,
    "f1_score_by_field": f1_score_by_field,
    "precision_recall_comparison": precision_recall_comparison,
    "relevance_error_distribution": relevance_error_distribution,
    "response_length_boxplot": response_length_boxplot,
    "response_length_violin": response_length_violin,
    "response_length_histogram": response_length_histogram,
    "word_count_boxplot": word_count_boxplot,
    "statistical_summary_heatmap": statistical_summary_heatmap,
    "rouge_scores_comparison": rouge_scores_comparison,
    "output_consistency_comparison": output_consistency_comparison,
    "bertscore_comparison": bertscore_comparison,
}
NEEDS_STATS = {"forest_plot", "statistical_summary_heatmap"}


def write_all(models: Sequence[ModelScores], stats: dict[str, Any], folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, plot in PLOTS.items():
        args = (models, stats) if name in NEEDS_STATS else (models,)
        written[name] = plot(*args, folder / f"{name}.png")
    return written
