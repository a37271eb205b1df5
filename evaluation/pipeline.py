"""Score every model, compare every pair, and write the evaluation folder.

DIR/metrics.json            {model: {the reference study's 19 metric keys, then the 3 soft key-insight ones}}
DIR/metrics_details.json    {model: counts, sponsored confusion, BERTScore P/R, length stats}
DIR/scores/<model>.jsonl    per-item scores (what the statistics are computed on)
DIR/statistics.json         paired tests for every pair of models
DIR/plots/*.png             the 13 plots
DIR/report.md               tables, statistics and plots in one Markdown file
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from news_core.errors import InputError

from . import plots, report
from .inputs import Prediction, Reference
from .metrics import ModelScores, score_model
from .soft_match import SoftMatcher
from .stats import compare
from .text_metrics import TextScorer

log = logging.getLogger(__name__)


@dataclass
class ScoreOptions:
    bertscore: bool = True
    bertscore_layers: int = 6
    rouge_stemmer: bool = True
    alpha: float = 0.05
    repair: bool = False  # only reported: the predictions were loaded with or without repair
    soft_match: bool = True  # soft key-insight P/R/F1 by MiniLM embeddings (evaluation/soft_match.py)
    soft_match_threshold: float = 0.7
    title: str = "news-enhancer evaluation"
    source: str = ""  # what the references are (split name or file), shown in the report


def score_all(references: Sequence[Reference], predictions: dict[str, dict[str, Prediction]], options: ScoreOptions) -> list[ModelScores]:
    if not predictions:
        raise InputError("no models to score")
    scorer = TextScorer(options.bertscore, options.rouge_stemmer, options.bertscore_layers)
    matcher = SoftMatcher(options.soft_match_threshold) if options.soft_match else None
    scored = []
    for name, preds in predictions.items():
        log.info("scoring %s (%d predictions for %d references)", name, len(preds), len(references))
        scores = score_model(name, references, preds, scorer, matcher)
        scores.details["bertscore_model"] = scorer.bertscore_model
        scores.details["soft_match"] = matcher.description if matcher else None
        if scores.details["n_unmatched_predictions"]:
            log.warning("%s: %d predictions have ids that are not in the references; they are not scored",
                        name, scores.details["n_unmatched_predictions"])
        if scores.details["n_missing_predictions"]:
            log.warning("%s: %d references have no prediction; they count as invalid",
                        name, scores.details["n_missing_predictions"])
        scored.append(scores)
    return scored


def write_evaluation(references: Sequence[Reference], predictions: dict[str, dict[str, Prediction]], out_dir: str | Path,
                     options: ScoreOptions | None = None) -> dict[str, Any]:
    """Score, compare, plot and report; returns {"metrics", "statistics", "report"}."""
    options = options or ScoreOptions()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    scored = score_all(references, predictions, options)
    statistics = compare(scored, alpha=options.alpha)
    metrics = {s.name: s.metrics for s in scored}
    _dump(metrics, out / "metrics.json")
    _dump({s.name: s.details for s in scored}, out / "metrics_details.json")
    _dump(statistics, out / "statistics.json")
    for s in scored:
        _write_scores(s, out / "scores" / f"{s.name}.jsonl")
    written = plots.write_all(scored, statistics, out / "plots")
    report_path = report.write_report(scored, statistics, written, out / "report.md", options)
    return {"metrics": metrics, "statistics": statistics, "report": report_path, "scores": scored}


def _write_scores(s: ModelScores, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i, item_id in enumerate(s.ids):
            row = {"id": item_id, **{k: v[i] for k, v in s.per_item.items()}}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _dump(data: Any, path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8")
