"""One training config for every trainer: a dataclass loaded from TOML, overridden from the CLI.

Defaults are the reference study's. `load_train_config` validates everything at once and names
each bad setting, so a run never fails an hour in on a typo.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from news_core.errors import ConfigError

TRAINERS = ("trl", "unsloth", "tinker")
PROJECTIONS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
# Tied embeddings: an adapter on either would also change the other, and GGUF LoRA cannot express it.
FORBIDDEN_TARGETS = ("embed_tokens", "lm_head")
SCHEDULERS = ("linear", "cosine", "constant_with_warmup")
DEFAULT_CONFIG = Path(__file__).parent / "configs" / "default.toml"


@dataclass
class TrainConfig:
    trainer: str = "trl"
    base_model: str = "bundled"  # "bundled" | Hugging Face id | local HF folder
    data: list[str] = field(default_factory=lambda: ["default"])  # "default" = shipped train split
    output_dir: str = "runs/default-adapter"
    # LoRA
    lora_rank: int = 32
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    target_modules: list[str] = field(default_factory=lambda: list(PROJECTIONS))
    # optimisation
    learning_rate: float = 2e-4
    batch_size: int = 4
    grad_accum: int = 1
    epochs: float = 5.0
    warmup_ratio: float = 0.05
    lr_scheduler: str = "linear"
    weight_decay: float = 0.01
    seed: int = 3407
    max_seq_len: int = 2048
    completion_only_loss: bool = True
    max_steps: int | None = None  # cap on optimizer steps (smoke runs); None = run all epochs
    # run
    threads: int | None = None  # CPU threads; None = all cores
    save_steps: int | None = None  # checkpoint every N steps; None = at every epoch end
    save_total_limit: int = 2
    resume: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


FIELD_TYPES = {f.name: f.type for f in dataclasses.fields(TrainConfig)}


def load_train_config(toml_path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> TrainConfig:
    """TOML file (optional) + overrides (None values ignored) -> a validated TrainConfig."""
    values: dict[str, Any] = {}
    if toml_path is not None:
        values.update(_read_toml(Path(toml_path)))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    unknown = sorted(set(values) - set(FIELD_TYPES))
    if unknown:
        raise ConfigError(f"unknown training setting(s) {unknown}; known settings: {sorted(FIELD_TYPES)}")
    if isinstance(values.get("data"), str):
        values["data"] = [values["data"]]
    config = TrainConfig(**values)
    problems = validate(config)
    if problems:
        raise ConfigError("invalid training config: " + "; ".join(problems))
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(f"training config file {path} does not exist")
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"training config {path} is not valid TOML: {exc}") from exc
    # Sections are only for readability: [lora] rank = 32 is lora_rank, [optim] keys are top-level names.
    flat: dict[str, Any] = {}
    for key, value in doc.items():
        if isinstance(value, dict):
            for sub, sub_value in value.items():
                flat[f"lora_{sub}" if key == "lora" and f"lora_{sub}" in FIELD_TYPES else sub] = sub_value
        else:
            flat[key] = value
    return flat


def validate(c: TrainConfig) -> list[str]:
    """Every problem with the config, each naming its setting."""
    p: list[str] = []
    _check_types(c, p)
    if p:
        return p
    if c.trainer not in TRAINERS:
        p.append(f"trainer must be one of {list(TRAINERS)}, got {c.trainer!r}")
    if not c.base_model.strip():
        p.append("base_model must not be empty ('bundled', a Hugging Face id or a local folder)")
    if not c.data or any(not str(d).strip() for d in c.data):
        p.append("data must name 'default' or one or more JSONL files")
    if not c.output_dir.strip():
        p.append("output_dir must not be empty")
    for name in ("lora_rank", "lora_alpha", "batch_size", "grad_accum", "max_seq_len", "save_total_limit"):
        if getattr(c, name) < 1:
            p.append(f"{name} must be >= 1, got {getattr(c, name)}")
    for name in ("max_steps", "threads", "save_steps"):
        if getattr(c, name) is not None and getattr(c, name) < 1:
            p.append(f"{name} must be >= 1 when set, got {getattr(c, name)}")
    if not 0 <= c.lora_dropout < 1:
        p.append(f"lora_dropout must be in [0, 1), got {c.lora_dropout}")
    if not 0 < c.learning_rate < 1:
        p.append(f"learning_rate must be in (0, 1), got {c.learning_rate}")
    if c.epochs <= 0:
        p.append(f"epochs must be > 0, got {c.epochs}")
    if not 0 <= c.warmup_ratio < 1:
        p.append(f"warmup_ratio must be in [0, 1), got {c.warmup_ratio}")
    if c.weight_decay < 0:
        p.append(f"weight_decay must be >= 0, got {c.weight_decay}")
    if c.lr_scheduler not in SCHEDULERS:
        p.append(f"lr_scheduler must be one of {list(SCHEDULERS)}, got {c.lr_scheduler!r}")
    p.extend(_check_targets(c.target_modules))
    return p


def _check_targets(targets: list[str]) -> list[str]:
    if not targets:
        return ["target_modules must list at least one projection"]
    bad = [t for t in targets if any(f in t for f in FORBIDDEN_TARGETS)]
    if bad:
        return [f"target_modules must not include {bad}: embeddings are tied to the output layer, and "
                f"LoRA on embed_tokens/lm_head cannot be exported to GGUF; use {list(PROJECTIONS)}"]
    unknown = [t for t in targets if t not in PROJECTIONS]
    if unknown:
        return [f"target_modules {unknown} are not known projections; choose from {list(PROJECTIONS)}"]
    return []


_TYPES = {"str": str, "int": int, "float": (int, float), "bool": bool, "list[str]": list,
          "int | None": (int, type(None)), "float | None": (int, float, type(None))}


def _check_types(c: TrainConfig, problems: list[str]) -> None:
    for name, annotation in FIELD_TYPES.items():
        value = getattr(c, name)
        expected = _TYPES[str(annotation)]
        wrong_bool = isinstance(value, bool) and annotation != "bool"
        if wrong_bool or not isinstance(value, expected):
            problems.append(f"{name} must be {annotation}, got {value!r}")
        elif annotation == "list[str]" and not all(isinstance(v, str) for v in value):
            problems.append(f"{name} must be a list of strings, got {value!r}")
