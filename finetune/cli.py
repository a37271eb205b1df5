"""`news-enhancer train`: fine-tune a LoRA adapter with the trl, unsloth or tinker trainer."""

from __future__ import annotations

import argparse
import os

from news_core.errors import ConfigError

from .config import DEFAULT_CONFIG, TRAINERS, load_train_config

TINKER_KEY = "TINKER_API_KEY"

# CLI flag -> config field (None values are not overrides)
OVERRIDES = {"trainer": "trainer", "data": "data", "output_dir": "output_dir", "epochs": "epochs",
             "max_steps": "max_steps", "base_model": "base_model", "threads": "threads",
             "batch_size": "batch_size", "learning_rate": "learning_rate", "seed": "seed"}


HELP = "fine-tune a LoRA adapter (trl | unsloth | tinker)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = "Fine-tune a LoRA adapter; every setting comes from --config, flags override it."
    parser.add_argument("--trainer", choices=TRAINERS, help="trl (CPU/GPU), unsloth (NVIDIA GPU), tinker (Tinker API)")
    parser.add_argument("--config", default=str(DEFAULT_CONFIG), help="training config TOML (default: %(default)s)")
    parser.add_argument("--data", nargs="+", help="'default' (the shipped train split) or JSONL record files")
    parser.add_argument("--output-dir", help="run folder: adapter, logs, checkpoints")
    parser.add_argument("--epochs", type=float)
    parser.add_argument("--max-steps", type=int, help="stop after this many optimizer steps (smoke runs)")
    parser.add_argument("--base-model", help="'bundled', a Hugging Face id, or a local Hugging Face folder")
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--learning-rate", type=float)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--threads", type=int, help="CPU threads (default: all cores)")
    parser.add_argument("--resume", action="store_true", help="continue from the last checkpoint in --output-dir")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    overrides = {field: getattr(args, flag) for flag, field in OVERRIDES.items()}
    if args.resume:
        overrides["resume"] = True
    config = load_train_config(args.config, overrides)
    api_key = None
    if config.trainer == "tinker":
        api_key = os.environ.get(TINKER_KEY, "").strip()
        if not api_key:
            raise ConfigError(f"the tinker trainer needs a Tinker API key: export {TINKER_KEY}=... "
                              "(from the Tinker console), or use --trainer trl to train on this machine")
    from .train import run_training

    summary = run_training(config, progress=not args.no_progress, tinker_api_key=api_key)
    print(format_summary(summary))
    return 0


def format_summary(s) -> str:
    def loss(value):
        return "n/a" if value is None else f"{value:.4f}"

    per_step = f"{s.seconds / s.steps:.2f} s/step" if s.steps else "no steps run"
    return (f"trained {s.steps} steps in {s.seconds:.1f} s ({per_step}, {s.tokens_per_s:.0f} tokens/s)\n"
            f"loss: first {loss(s.first_loss)} -> last {loss(s.last_loss)}\n"
            f"adapter and logs in {s.output_dir}")
