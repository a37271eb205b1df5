"""Tinker's exported LoRA weights -> the project's PEFT adapter folder.

Tinker exports adapter_model.safetensors + adapter_config.json whose keys follow PEFT's
(`base_model.model.<module>.lora_A.weight`), with two differences handled here: the output
layer is called `unembed_tokens` (refused: we never train it, train_unembed=False) and MoE
experts are 3-D tensors (refused: only dense models are supported; tinker-cookbook's
`weights.build_lora_adapter` expands those). The adapter config is rewritten with the run's
base model name and the target modules found in the weights.
"""

from __future__ import annotations

import json
from pathlib import Path

from news_core.errors import ModelError

from ..config import FORBIDDEN_TARGETS, TrainConfig

PREFIX = "base_model.model."


def convert_to_peft(src: Path, dst: Path, config: TrainConfig) -> None:
    import torch
    from peft import LoraConfig
    from safetensors.torch import load_file, save_file

    weights_file, config_file = _find(src, "adapter_model.safetensors"), _find(src, "adapter_config.json")
    source_config = json.loads(config_file.read_text())
    tensors = {_peft_key(k): v.to(torch.float32).contiguous() for k, v in load_file(str(weights_file)).items()}
    targets = sorted({k.split(".lora_")[0].rsplit(".", 1)[-1] for k in tensors})
    dst.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(dst / "adapter_model.safetensors"), metadata={"format": "pt"})
    LoraConfig(r=int(source_config.get("r", config.lora_rank)),
               lora_alpha=source_config.get("lora_alpha", config.lora_alpha), lora_dropout=0.0,
               target_modules=targets, bias="none", task_type="CAUSAL_LM",
               base_model_name_or_path=config.base_model).save_pretrained(str(dst))


def _peft_key(key: str) -> str:
    if "unembed_tokens" in key or any(name in key for name in FORBIDDEN_TARGETS):
        raise ModelError(f"Tinker adapter trains the embeddings/output layer ({key}); this project never does "
                         "(tied embeddings cannot be exported to GGUF): train with train_unembed=False")
    if ".experts" in key:
        raise ModelError("Tinker adapter holds MoE expert weights; only dense models are supported here")
    if ".lora_A." not in key and ".lora_B." not in key:
        raise ModelError(f"unexpected tensor {key!r} in the Tinker adapter (expected LoRA A/B matrices)")
    key = key.replace(".default.", ".")
    return key if key.startswith(PREFIX) else PREFIX + key


def _find(folder: Path, name: str) -> Path:
    found = sorted(folder.rglob(name))
    if not found:
        listed = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
        raise ModelError(f"the Tinker export has no {name} (files: {listed})")
    return found[0]
