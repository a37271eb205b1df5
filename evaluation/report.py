"""One Markdown report: metric tables, paired statistics, plots and the definitions used."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Sequence

from news_core.score_rules import RULES

from .metrics import LOWER_IS_BETTER, METRIC_KEYS, ModelScores

SUMMARY_KEYS = ("json_validity_rate", "f1_overall", "f1_key_insights", "soft_f1_key_insights", "jaccard_overall",
                "exact_match_rate", "relevance_mae", "relevance_r2", "rouge1", "rougeL", "bertscore_f1", "sponsored_f1")

DEFINITIONS = """\
- Invalid outputs (not JSON, or not matching the contract schema) and missing predictions are
  scored as empty lists, empty summary and relevance 0.
- List fields are compared as sets of strings after trimming and case-folding. Both empty: 1.0
  (P, R, F1, Jaccard); one empty: 0.0. F1/Jaccard overall = mean of the two fields' means.
- Exact match: all four fields equal after the same normalisation.
- Soft key-insight P/R/F1: each predicted insight matches at most one reference insight, by
  cosine similarity of all-MiniLM-L6-v2 sentence embeddings (mean-pooled, normalised) at or
  above the threshold shown above; the matching with the most pairs is kept. tp = pairs;
  P = tp / predicted, R = tp / reference; empty lists as for the exact scores. Never below
  the exact scores (identical insights always match).
- Summaries: ROUGE F-measure (rouge-score, Porter stemmer) and BERTScore F1; both summaries
  empty scores 1.0, exactly one empty 0.0.
- Sponsored: predicted when relevance is 1 or the summary / a key insight starts with
  "sponsored"; references use `is_sponsored` when given. P/R/F1 over the flagged items (none
  flagged on either side = 1.0).
- Response length: characters of the raw response; word count: whitespace-separated words;
  std is the population std; CV = std / mean.
- Statistics: differences are B - A per item; paired t-test, Wilcoxon signed-rank (zeros
  dropped), Cohen's d = mean / sd of the differences (d_z), 95% CI of the mean difference from
  the t distribution. For relevance_abs_error lower is better (a negative difference is an
  improvement). No correction for multiple comparisons is applied."""


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.4f}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"
    return str(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(v) for v in row) + " |" for row in rows]
    return lines + [""]


def summary_table(models: Sequence[ModelScores], keys: Sequence[str] = SUMMARY_KEYS) -> list[str]:
    """The one table worth pasting elsewhere (e.g. the README): one row per model."""
    return _table(["model", *keys], [[m.name, *(m.metrics[k] for k in keys)] for m in models])


def _details_table(models: Sequence[ModelScores]) -> list[str]:
    header = ["model", "items", "valid", "valid after repair", "missing", "sponsored P", "sponsored R", "sponsored acc",
              "BERTScore P", "BERTScore R", "length mean", "length std", "length median", "length min", "length max",
              "length CV", "words mean", "words std", "words CV"]
    rows = []
    for m in models:
        d, length, words, sp = m.details, m.details["response_length"], m.details["word_count"], m.details["sponsored"]
        rows.append([m.name, d["n_items"], d["n_valid"], d["n_valid_after_repair"], d["n_missing_predictions"], sp["precision"], sp["recall"],
                     sp["accuracy"], d.get("bertscore_precision"), d.get("bertscore_recall"), length["mean"],
                     length["std"], length["median"], length["min"], length["max"], length["cv"],
                     words["mean"], words["std"], words["cv"]])
    return _table(header, rows)


def _stats_section(statistics: dict[str, Any]) -> list[str]:
    if not statistics:
        return ["Only one model: no paired statistics.", ""]
    lines = []
    for pair, block in statistics.items():
        lines += [f"### {block['model_b']} vs {block['model_a']} (difference = {block['model_b']} - {block['model_a']})", ""]
        rows = []
        for metric, t in block["metrics"].items():
            arrow = " (lower better)" if metric in LOWER_IS_BETTER else ""
            rows.append([metric + arrow, t["mean_a"], t["mean_b"], t["mean_difference"], t["ci95"][0], t["ci95"][1],
                         t["ttest"]["pvalue"], t["wilcoxon"]["pvalue"], t["cohens_d"], "yes" if t["significant"] else "no"])
        lines += _table(["metric", "mean A", "mean B", "diff", "CI95 low", "CI95 high", "t-test p", "Wilcoxon p",
                         "Cohen's d", f"p < {block['alpha']}"], rows)
    return lines


def _rules_section(models: Sequence[ModelScores]) -> list[str]:
    """Relevance by rule (news_core.score_rules), for models whose predictions recorded P(score)."""
    rows = []
    for m in models:
        block = m.details.get("relevance_by_rule")
        for rule in RULES if block else ():
            paired = block[rule].get("vs_greedy", {})
            rows.append([m.name, rule, block["n_items"], block[rule]["mae"], block[rule]["r2"],
                         paired.get("ttest_p"), paired.get("wilcoxon_p")])
    if not rows:
        return []
    return ["## Relevance by rule (from the recorded score distribution)", "",
            "greedy: the likeliest token; median and mean of P(score); p: absolute errors paired with greedy's.", "",
            *_table(["model", "rule", "items", "MAE", "R²", "t-test p", "Wilcoxon p"], rows)]


def write_report(models: Sequence[ModelScores], statistics: dict[str, Any], plot_paths: dict[str, Path],
                 path: Path, options) -> Path:
    bert = next((m.details.get("bertscore_model") for m in models if m.details.get("bertscore_model")), None)
    soft = next((m.details.get("soft_match") for m in models if m.details.get("soft_match")), None)
    n = models[0].details["n_items"]
    lines = [f"# {options.title}", "",
             f"Generated {dt.datetime.now().isoformat(timespec='seconds')}; {n} reference items"
             + (f" from {options.source}" if options.source else "") + f"; models: {', '.join(m.name for m in models)}.",
             f"BERTScore model: {bert or 'not computed'}.",
             f"Key-insight soft match: {soft or 'not computed'}.",
             "Raw outputs were scored " + ("after contract.normalise (--repair: what the server returns)."
                                           if options.repair else "as the model emitted them (no repair)."),
             "", "## Summary", ""]
    lines += summary_table(models)
    lines += ["## All metrics (metrics.json)", ""]
    lines += _table(["metric", *(m.name for m in models)], [[k, *(m.metrics[k] for m in models)] for k in METRIC_KEYS])
    lines += ["## Counts, sponsored detection, BERTScore, response lengths", ""]
    lines += _details_table(models)
    lines += _rules_section(models)
    lines += ["## Paired statistics", ""] + _stats_section(statistics)
    lines += ["## Plots", ""]
    for name, plot in plot_paths.items():
        lines += [f"### {name.replace('_', ' ')}", "", f"![{name}]({plot.relative_to(path.parent).as_posix()})", ""]
    lines += ["## Definitions", "", DEFINITIONS, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
