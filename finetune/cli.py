"""`news-enhancer train`: fine-tune a LoRA adapter with the trl, unsloth or tinker trainer."""

from __future__ import annotations

import argparse
import os

from news_core.errors import ConfigError

from .config import TrainConfig

TINKER_KEY = "TINKER_API_KEY"

HELP = "fine-tune a LoRA adapter (trl | unsloth | tinker)"
SETTINGS = TrainConfig


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = "Fine-tune a LoRA adapter; every setting comes from --config, flags override it."
    TrainConfig.add_arguments(parser)
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    config = TrainConfig.from_args(args, os.environ)
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
