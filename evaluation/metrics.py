"""Per-item scores and aggregate metrics: the reference study's 19 (its LoRA fine-tunes of Llama-3.2-1B
were scored on them), plus a soft key-insight match.

Conventions (all documented in the report too):
- Strings are compared after trimming and case-folding (`s.strip().casefold()`); list fields
  become sets of such strings, so duplicates count once.
- Set precision / recall / F1 / Jaccard: both sets empty -> all four 1.0; exactly one empty
  -> all four 0.0 (so precision and recall stay consistent with F1 = 0); otherwise the usual
  tp/|pred|, tp/|ref|, harmonic mean (0 when tp = 0) and |pred & ref| / |pred | ref|.
- Invalid or missing predictions are scored as EMPTY: empty lists, empty summary, relevance 0.
- Exact match: relevance equal, summaries equal after normalisation, both sets equal.
- Relevance: MAE over |pred - ref|; R^2 = 1 - SS_res / SS_tot (when all references have the
  same score, SS_tot = 0: R^2 is 1.0 for a perfect prediction, else 0.0, as scikit-learn).
- Sponsored detection: an item is flagged sponsored when relevance_score == 1, or its summary
  or a key insight starts with "sponsored" after normalisation (the project's convention:
  relevance 1 and a "Sponsored content" insight). References use `is_sponsored` when given.
  Precision / recall / F1 are the set scores above over the ids flagged sponsored (so "no
  sponsored items and none predicted" scores 1.0); accuracy = correct flags / items.
- Soft key-insight P/R/F1: insights matched one-to-one by meaning (MiniLM
  embeddings, cosine over a threshold); defined in evaluation/soft_match.py.
- Response length = characters of the raw response, word count = whitespace-separated words;
  std is the population std (ddof=0); coefficient of variation = std / mean (0.0 when mean 0).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from news_core.score_rules import RULES, choose

from .inputs import EMPTY, Prediction, Reference, parse_output
from .paired import paired_test

# The keys of metrics.json: the reference study's 19, then the soft (by meaning)
# key-insight match of evaluation/soft_match.py (null when not computed).
SOFT_KEYS = ("soft_f1_key_insights", "soft_precision_key_insights", "soft_recall_key_insights")
METRIC_KEYS = (
    "json_validity_rate", "f1_key_insights", "f1_company_names", "f1_overall",
    "precision_key_insights", "recall_key_insights", "precision_company_names", "recall_company_names",
    "jaccard_key_insights", "jaccard_company_names", "jaccard_overall", "exact_match_rate",
    "relevance_mae", "relevance_r2", "rouge1", "rouge2", "rougeL", "bertscore_f1", "sponsored_f1",
    *SOFT_KEYS,
)
# Per-item scores compared between models by the paired statistics.
STAT_METRICS = (
    "json_valid", "f1_overall", "f1_key_insights", "soft_f1_key_insights", "f1_company_names", "jaccard_overall",
    "jaccard_key_insights", "jaccard_company_names", "exact_match", "relevance_abs_error",
    "rouge1", "rouge2", "rougeL", "bertscore_f1", "sponsored_correct", "response_length", "word_count",
)
LOWER_IS_BETTER = {"relevance_abs_error"}
LIST_FIELDS = ("key_insights", "company_names")


def norm(text: str) -> str:
    return text.strip().casefold()


def norm_set(values: Iterable[str]) -> set[str]:
    return {norm(v) for v in values}


@dataclass(frozen=True)
class SetScores:
    precision: float
    recall: float
    f1: float
    jaccard: float


def set_scores(pred: Iterable[Any], ref: Iterable[Any]) -> SetScores:
    p, r = set(pred), set(ref)
    if not p and not r:
        return SetScores(1.0, 1.0, 1.0, 1.0)
    if not p or not r:
        return SetScores(0.0, 0.0, 0.0, 0.0)
    tp = len(p & r)
    precision, recall = tp / len(p), tp / len(r)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return SetScores(precision, recall, f1, tp / len(p | r))


def exact_match(pred: dict[str, Any], ref: dict[str, Any]) -> bool:
    return (
        pred["relevance_score"] == ref["relevance_score"]
        and norm(pred["summary"]) == norm(ref["summary"])
        and all(norm_set(pred[k]) == norm_set(ref[k]) for k in LIST_FIELDS)
    )


def r_squared(pred: Sequence[float], ref: Sequence[float]) -> float:
    mean = sum(ref) / len(ref)
    ss_res = sum((r - p) ** 2 for p, r in zip(pred, ref))
    ss_tot = sum((r - mean) ** 2 for r in ref)
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return 1.0 - ss_res / ss_tot


def looks_sponsored(doc: dict[str, Any]) -> bool:
    texts = [doc["summary"], *doc["key_insights"]]
    return doc["relevance_score"] == 1 or any(norm(t).startswith("sponsored") for t in texts)


def sponsored_detection(pred_flags: Sequence[bool], ref_flags: Sequence[bool]) -> dict[str, float]:
    pairs = list(zip(pred_flags, ref_flags))
    s = set_scores((i for i, (p, _) in enumerate(pairs) if p), (i for i, (_, r) in enumerate(pairs) if r))
    counts = {
        "true_positives": sum(p and r for p, r in pairs),
        "false_positives": sum(p and not r for p, r in pairs),
        "true_negatives": sum(not p and not r for p, r in pairs),
        "false_negatives": sum(r and not p for p, r in pairs),
    }
    accuracy = (counts["true_positives"] + counts["true_negatives"]) / len(pairs)
    return {"precision": s.precision, "recall": s.recall, "f1": s.f1, "accuracy": accuracy, **counts}


def describe(values: Sequence[float]) -> dict[str, float]:
    mean = statistics.fmean(values)
    std = statistics.pstdev(values)
    return {
        "mean": mean, "std": std, "min": float(min(values)), "max": float(max(values)),
        "median": float(statistics.median(values)), "cv": std / mean if mean else 0.0,
    }


def mean(values: Sequence[float]) -> float:
    return statistics.fmean(values)


@dataclass
class ModelScores:
    """Per-item scores (aligned with the references) and the aggregate metrics of one model."""

    name: str
    ids: list[str]
    per_item: dict[str, list[float]]
    metrics: dict[str, float | None]  # METRIC_KEYS
    details: dict[str, Any] = field(default_factory=dict)


def item_scores(pred: Prediction | None, ref: Reference) -> dict[str, float]:
    """All per-item scores that need no text model (ROUGE/BERTScore are added by the caller)."""
    doc = pred.scored_doc() if pred else EMPTY
    text = pred.text if pred else ""
    row: dict[str, float] = {"json_valid": float(bool(pred and pred.is_valid))}
    for key in LIST_FIELDS:
        s = set_scores(norm_set(doc[key]), norm_set(ref.doc[key]))
        row.update({f"precision_{key}": s.precision, f"recall_{key}": s.recall, f"f1_{key}": s.f1, f"jaccard_{key}": s.jaccard})
    row["f1_overall"] = (row["f1_key_insights"] + row["f1_company_names"]) / 2
    row["jaccard_overall"] = (row["jaccard_key_insights"] + row["jaccard_company_names"]) / 2
    row["exact_match"] = float(exact_match(doc, ref.doc))
    row["relevance_pred"] = float(doc["relevance_score"])
    row["relevance_ref"] = float(ref.doc["relevance_score"])
    row["relevance_error"] = row["relevance_pred"] - row["relevance_ref"]
    row["relevance_abs_error"] = abs(row["relevance_error"])
    row["sponsored_pred"] = float(looks_sponsored(doc))
    row["sponsored_ref"] = float(ref.is_sponsored if ref.is_sponsored is not None else looks_sponsored(ref.doc))
    row["sponsored_correct"] = float(row["sponsored_pred"] == row["sponsored_ref"])
    row["response_length"] = float(len(text))
    row["word_count"] = float(len(text.split()))
    return row


def score_model(name: str, references: Sequence[Reference], predictions: dict[str, Prediction], text_scorer=None,
                insight_scorer=None) -> ModelScores:
    """Score one model's predictions against the references (matched by id).

    `text_scorer(pred_summaries, ref_summaries) -> dict[name, list[float]]` adds the summary
    metrics (ROUGE, BERTScore); see evaluation.text_metrics.TextScorer.
    `insight_scorer(pred_lists, ref_lists)` likewise adds the soft key-insight scores
    (evaluation.soft_match.SoftMatcher); without it they are null.
    """
    rows = [item_scores(predictions.get(ref.id), ref) for ref in references]
    per_item = {key: [row[key] for row in rows] for key in rows[0]}
    docs = [predictions[r.id].scored_doc() if r.id in predictions else EMPTY for r in references]
    if text_scorer is not None:
        per_item.update(text_scorer([d["summary"] for d in docs], [r.doc["summary"] for r in references]))
    if insight_scorer is not None:
        per_item.update(insight_scorer([d["key_insights"] for d in docs], [r.doc["key_insights"] for r in references]))
    metrics = aggregate(per_item)
    details = _details(per_item, references, predictions)
    return ModelScores(name, [r.id for r in references], per_item, metrics, details)


def aggregate(per_item: dict[str, list[float]]) -> dict[str, float | None]:
    m: dict[str, float | None] = {"json_validity_rate": mean(per_item["json_valid"])}
    for key in LIST_FIELDS:
        for kind in ("f1", "precision", "recall", "jaccard"):
            m[f"{kind}_{key}"] = mean(per_item[f"{kind}_{key}"])
    m["f1_overall"] = (m["f1_key_insights"] + m["f1_company_names"]) / 2
    m["jaccard_overall"] = (m["jaccard_key_insights"] + m["jaccard_company_names"]) / 2
    m["exact_match_rate"] = mean(per_item["exact_match"])
    m["relevance_mae"] = mean(per_item["relevance_abs_error"])
    m["relevance_r2"] = r_squared(per_item["relevance_pred"], per_item["relevance_ref"])
    for key in ("rouge1", "rouge2", "rougeL", "bertscore_f1", *SOFT_KEYS):
        m[key] = mean(per_item[key]) if key in per_item else None
    flags = sponsored_detection([bool(v) for v in per_item["sponsored_pred"]], [bool(v) for v in per_item["sponsored_ref"]])
    m["sponsored_f1"] = flags["f1"]
    return {key: m[key] for key in METRIC_KEYS}


def _details(per_item: dict[str, list[float]], references: Sequence[Reference], predictions: dict[str, Prediction]) -> dict[str, Any]:
    ref_ids = {r.id for r in references}
    flags = sponsored_detection([bool(v) for v in per_item["sponsored_pred"]], [bool(v) for v in per_item["sponsored_ref"]])
    details: dict[str, Any] = {
        "n_items": len(references),
        "n_valid": int(sum(per_item["json_valid"])),
        # how many would be valid once contract.normalise repairs them (what the server returns)
        "n_valid_after_repair": sum(parse_output(p.text, repair=True) is not None or p.is_valid
                                    for p in (predictions.get(r.id) for r in references) if p),
        "n_missing_predictions": sum(r.id not in predictions for r in references),
        "n_unmatched_predictions": sum(pid not in ref_ids for pid in predictions),
        "sponsored": flags,
        "response_length": describe(per_item["response_length"]),
        "word_count": describe(per_item["word_count"]),
    }
    for key in ("bertscore_precision", "bertscore_recall"):
        if key in per_item:
            details[key] = mean(per_item[key])
    by_rule = relevance_by_rule(references, predictions)
    if by_rule:
        details["relevance_by_rule"] = by_rule
    return details


def relevance_by_rule(references: Sequence[Reference], predictions: dict[str, Prediction]) -> dict[str, Any] | None:
    """MAE and R² of each relevance rule (news_core.score_rules) over the valid items whose
    predictions recorded the score distribution; None when none did."""
    pairs = [(predictions[r.id].score_probs, float(r.doc["relevance_score"])) for r in references
             if r.id in predictions and predictions[r.id].is_valid and predictions[r.id].score_probs]
    if not pairs:
        return None
    refs = [ref for _, ref in pairs]
    result: dict[str, Any] = {"n_items": len(pairs)}
    errors: dict[str, list[float]] = {}
    for rule in RULES:
        preds = [float(choose(probs, rule)) for probs, _ in pairs]
        errors[rule] = [abs(p - r) for p, r in zip(preds, refs)]
        result[rule] = {"mae": mean(errors[rule]), "r2": r_squared(preds, refs)}
        if rule != "greedy":  # absolute errors paired with greedy's on the same items
            test = paired_test(errors["greedy"], errors[rule])
            result[rule]["vs_greedy"] = {"ttest_p": test["ttest"]["pvalue"], "wilcoxon_p": test["wilcoxon"]["pvalue"]}
    return result
