"""Evaluation: generate predictions on a split, score them, compare models, plot and report.

Public API:
    generate_predictions(backend, records, out_path)  -> write/resume one JSONL of raw outputs
    load_references(path) / load_predictions(path)     -> the `eval score` input formats
    score_model(references, predictions, text_scorer)  -> per-item scores and aggregate metrics
    compare(scores_by_model)                           -> paired statistics for every pair of models
    write_evaluation(references, predictions_by_model, out_dir, config) -> metrics, stats, plots, report

Heavy packages (rouge-score, bert-score, scipy, matplotlib) are imported inside functions
(`pip install 'news-enhancer[eval]'`); importing this package stays light.
"""

from .inputs import Prediction, Reference, load_predictions, load_references
from .metrics import METRIC_KEYS, ModelScores, score_model
from .pipeline import write_evaluation
from .predictions import generate_predictions
from .stats import compare

__all__ = [
    "METRIC_KEYS",
    "ModelScores",
    "Prediction",
    "Reference",
    "compare",
    "generate_predictions",
    "load_predictions",
    "load_references",
    "score_model",
    "write_evaluation",
]
