"""Evaluation settings: one dataclass, from TOML (table [eval] or top level) then CLI flags."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from news_core.errors import ConfigError
from news_core.settings import read_toml_table


@dataclass
class EvalConfig:
    models: str = "baseline,default"  # comma-separated, see evaluation.models
    split: str = "test"  # test | train | PATH.jsonl (records in the training_data format)
    out: str = ""  # output folder
    limit: int = 0  # 0 = every item of the split
    bertscore: bool = True
    bertscore_layers: int = 6
    rouge_stemmer: bool = True
    alpha: float = 0.05
    repair: bool = False  # score raw outputs after contract.normalise (what the server returns)
    server_config: str = ""  # optional server TOML (n_ctx, n_threads, max_tokens, ...) for the backends

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        for name in ("limit", "bertscore_layers"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{name} must be a non-negative integer, got {value!r}")
        if not 1 <= self.bertscore_layers <= 6:
            raise ConfigError(f"bertscore_layers must be 1-6 (all-MiniLM-L6-v2 has 6 layers), got {self.bertscore_layers}")
        if not isinstance(self.alpha, (int, float)) or not 0 < self.alpha < 1:
            raise ConfigError(f"alpha must be between 0 and 1, got {self.alpha!r}")
        for name in ("bertscore", "rouge_stemmer", "repair"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{name} must be true or false, got {getattr(self, name)!r}")
        if not self.split:
            raise ConfigError("split must be test, train or a path to a .jsonl file")


def load_eval_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> EvalConfig:
    """Defaults < TOML file < overrides (None values are ignored)."""
    values: dict[str, Any] = {}
    if path:
        values.update(read_toml_table(path, "eval"))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    known = {f.name for f in fields(EvalConfig)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown eval setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    if isinstance(values.get("models"), list):
        values["models"] = ",".join(values["models"])
    return EvalConfig(**values)
