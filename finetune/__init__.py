"""Fine-tune the LoRA adapter: one config (`TrainConfig`), three trainers.

- `trl`     TRL SFTTrainer + PEFT, on CPU (default base: the bundled Gemma 3 270M) or a GPU.
- `unsloth` Unsloth on an NVIDIA GPU.
- `tinker`  Thinking Machines' Tinker training API (needs TINKER_API_KEY).

Every run writes the same folder: PEFT adapter, train_config.json, data_hash.txt,
loss_log.jsonl, loss_curve.png, timings.json (see finetune.artifacts).

Public API: `TrainConfig`, `load_train_config`, `run_training`. The base model is resolved by
`news_core.base_model`. Nothing here imports torch at import time.
"""

from .config import TrainConfig, load_train_config
from .train import run_training

__all__ = ["TrainConfig", "load_train_config", "run_training"]
