"""One training config for every trainer: a dataclass; news_core.settings loads, checks, flags
and documents it.

Defaults are the reference study's (configs/default.toml says the same, and a test holds them
equal). Every problem is reported at once and named, so a run never fails an hour in on a typo.
File: the [train] table or top level, where [lora] rank = 32 is lora_rank and other sub-tables
are only headings; environment: NEWS_ENHANCER_TRAIN_<SETTING>.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from news_core.settings import Settings, setting

TRAINERS = ("trl", "unsloth", "tinker")
PROJECTIONS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
# Tied embeddings: an adapter on either would also change the other, and GGUF LoRA cannot express it.
FORBIDDEN_TARGETS = ("embed_tokens", "lm_head")
SCHEDULERS = ("linear", "cosine", "constant_with_warmup")
PRECISIONS = ("auto", "bf16", "fp32")
DEFAULT_CONFIG = Path(__file__).parent / "configs" / "default.toml"


@dataclass
class TrainConfig(Settings):
    table = "train"
    label = "training"
    default_file = str(DEFAULT_CONFIG)

    trainer: str = setting("trl", "trl (CPU or GPU), unsloth (NVIDIA GPU) or tinker (Tinker API)", choices=TRAINERS)
    base_model: str = setting("bundled", '"bundled", a Hugging Face id or a local Hugging Face folder')
    data: list[str] = setting(["default"], '"default" (the shipped train split) or JSONL record files')
    output_dir: str = setting("runs/default-adapter", "run folder: adapter, logs, checkpoints")
    lora_rank: int = setting(32, "LoRA rank", ge=1)
    lora_alpha: int = setting(32, "LoRA alpha (scale = alpha / rank)", ge=1)
    lora_dropout: float = setting(0.0, "dropout on the LoRA input", ge=0, lt=1)
    target_modules: list[str] = setting(list(PROJECTIONS), "projections that get an adapter, from "
                                        f"{', '.join(PROJECTIONS)}; never embed_tokens or lm_head")
    learning_rate: float = setting(2e-4, "peak learning rate", gt=0, lt=1)
    batch_size: int = setting(4, "sequences per step", ge=1)
    grad_accum: int = setting(1, "steps accumulated per optimizer step", ge=1)
    epochs: float = setting(5.0, "passes over the data", gt=0)
    warmup_ratio: float = setting(0.05, "share of the steps spent warming up", ge=0, lt=1)
    lr_scheduler: str = setting("linear", "learning-rate schedule", choices=SCHEDULERS)
    weight_decay: float = setting(0.01, "AdamW weight decay", ge=0)
    seed: int = setting(3407, "random seed")
    max_seq_len: int = setting(2048, "longest sequence in tokens", ge=1)
    completion_only_loss: bool = setting(True, "loss on the answer tokens only, not the prompt")
    max_steps: int | None = setting(None, "stop after this many optimizer steps (smoke runs); unset = all epochs",
                                    ge=1)
    precision: str = setting("auto", "auto = bf16 where the hardware computes it natively (a bf16 GPU, or a CPU "
                             "with AVX512-BF16/AMX: frozen base weights in bf16, LoRA weights and optimizer in "
                             "fp32), else fp32", choices=PRECISIONS)
    share_prefix: bool = setting(True, "trl: run the tokens every row of a batch starts with (BOS and the "
                                 "instructions) once per batch; same loss and gradients, fewer tokens")
    threads: int | None = setting(None, "CPU threads; unset = all cores", ge=1)
    save_steps: int | None = setting(None, "checkpoint every N steps; unset = at every epoch end", ge=1)
    save_total_limit: int = setting(2, "checkpoints kept", ge=1)
    resume: bool = setting(False, "continue from the last checkpoint in output_dir")
    init_adapter: str = setting("", 'trl: start from the LoRA weights of this PEFT adapter folder (same rank and '
                                'targets; e.g. news_core/assets/default_adapter) instead of fresh ones; "" = fresh')

    def check(self) -> list[str]:
        problems = [f"{name} must not be empty" + hint for name, hint in (
            ("base_model", " ('bundled', a Hugging Face id or a local folder)"), ("output_dir", ""))
            if not getattr(self, name).strip()]
        if not self.data:
            problems.append("data must name 'default' or one or more JSONL files")
        if self.init_adapter and not (Path(self.init_adapter).expanduser() / "adapter_model.safetensors").is_file():
            problems.append(f"init_adapter {self.init_adapter!r} holds no adapter_model.safetensors")
        return problems + _check_targets(self.target_modules)


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


def load_train_config(toml_path: str | Path | None = None, overrides: dict[str, Any] | None = None,
                      environ: dict[str, str] | None = None) -> TrainConfig:
    """TOML file (optional) < environment < overrides (None values ignored) -> a validated TrainConfig."""
    return TrainConfig.load(toml_path, overrides, environ)
