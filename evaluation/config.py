"""Evaluation settings: one dataclass; news_core.settings loads, checks, flags and documents it.

File: the [eval] table (or top level); environment: NEWS_ENHANCER_EVAL_<SETTING>.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from news_core.settings import Settings, setting


@dataclass
class EvalConfig(Settings):
    table = "eval"
    label = "eval"

    models: str = setting("baseline,default", "comma-separated: baseline, default, PATH.gguf, lora:PATH.gguf, "
                          "peft:DIR, NAME=SPEC (see evaluation/models.py)")
    split: str = setting("test", "test | train | PATH.jsonl of records in the training_data format")
    out: str = setting("", "output folder: predictions, metrics, plots and report")
    limit: int = setting(0, "only the first N items of the split; 0 = every item", ge=0)
    bertscore: bool = setting(True, "score BERTScore (it loads a small transformer)")
    bertscore_layers: int = setting(6, "BERTScore layer of all-MiniLM-L6-v2 (it has 6)", ge=1, le=6)
    rouge_stemmer: bool = setting(True, "stem words before ROUGE")
    alpha: float = setting(0.05, "significance level of the paired tests", gt=0, lt=1)
    repair: bool = setting(False, "score raw outputs after contract.normalise (dedupe, trim), as the server "
                           "returns them")
    soft_match: bool = setting(True, "also score key_insights by meaning: soft P/R/F1 from one-to-one matches of "
                               "MiniLM sentence embeddings (loads the small model; evaluation/soft_match.py)")
    soft_match_threshold: float = setting(0.7, "cosine similarity from which a predicted key insight matches a "
                                          "reference one in the soft match", gt=0, le=1)
    strict: bool = setting(False, "eval score: refuse a predictions file with any bad line and leave numeric-string "
                           "scores as strings (the old behaviour); by default a bad line becomes that item's invalid "
                           "prediction and one warning lists the lines")
    server_config: str = setting("", "server TOML (n_ctx, n_threads, max_tokens, ...) for the backends")

    def prepare(self) -> None:
        if isinstance(self.models, list):  # TOML: models = ["baseline", "default"]
            self.models = ",".join(self.models)

    def check(self) -> list[str]:
        return [] if self.split else ["split must be test, train or a path to a .jsonl file"]


def load_eval_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None,
                     environ: Mapping[str, str] | None = None) -> EvalConfig:
    """Defaults < TOML file < environment < overrides (None values are ignored)."""
    return EvalConfig.load(path, overrides, environ)
