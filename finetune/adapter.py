"""The PEFT LoRA adapter every trainer produces: its config and how it is saved."""

from __future__ import annotations

from pathlib import Path

from .config import TrainConfig


def lora_config(config: TrainConfig):
    from peft import LoraConfig

    return LoraConfig(r=config.lora_rank, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                      target_modules=list(config.target_modules), bias="none", task_type="CAUSAL_LM")


def save_adapter(model, output_dir: Path, base_model: str) -> None:
    """adapter_model.safetensors + adapter_config.json. base_model_name_or_path is the config's
    base_model ("bundled" included), never this machine's cache path: resolve it with
    news_core.base_model.resolve_base before loading."""
    model.peft_config["default"].base_model_name_or_path = base_model
    model.save_pretrained(str(output_dir), save_embedding_layers=False)

