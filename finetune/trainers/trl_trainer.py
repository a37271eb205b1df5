"""Trainer `trl`: TRL's SFTTrainer + PEFT LoRA, on CPU (the default) or a GPU.

The one change to SFTTrainer is the loss (finetune.loss.completion_loss): the 262k-wide output
layer runs only at completion positions, which more than halves a CPU step on Gemma 3 270M.
Imports torch/transformers/trl at import time: import this module only to train.
"""

from __future__ import annotations

import logging
import math
import os
import time
import warnings
from pathlib import Path

import torch
from datasets import Dataset
from transformers.trainer_callback import ProgressCallback
from trl import SFTConfig, SFTTrainer

from news_core.base_model import load_base_model
from news_core.errors import ConfigError

from ..adapter import lora_config, save_adapter
from ..artifacts import LossLog, RunSummary, finish_run, write_run_files
from ..config import TrainConfig
from ..data import Example, data_hash, encode_all
from ..loss import completion_loss
from .callbacks import RunCallback
from .checkpoints import find_checkpoint

log = logging.getLogger(__name__)


def train_trl(config: TrainConfig, examples: list[Example], progress: bool = True,
              model=None, tokenizer=None) -> RunSummary:
    """Fine-tune a LoRA adapter on (prompt, completion) pairs; write the run folder.

    `model`/`tokenizer` may be passed in (tests use a tiny random model); otherwise the
    config's base model is loaded (the bundled Gemma converted once, see base_model.py).
    """
    output_dir = Path(config.output_dir)
    checkpoint, resume_step = find_checkpoint(output_dir, config.resume)
    torch.set_num_threads(config.threads or os.cpu_count() or 1)
    started = time.monotonic()
    if model is None or tokenizer is None:
        model, tokenizer = load_base_model(config.base_model)
    encoded = encode_all(tokenizer, examples, config.max_seq_len, config.completion_only_loss)
    write_run_files(output_dir, {**config.to_dict(), "n_examples": len(examples)}, data_hash(examples), len(examples))
    load_seconds = time.monotonic() - started

    bf16 = uses_bf16(config.precision)
    if bf16 and not torch.cuda.is_available():
        # Frozen weights stored in bf16 so autocast does not cast them again at every step; PEFT
        # keeps the LoRA weights (and so AdamW's state) in float32.
        model = model.to(torch.bfloat16)
    trainer = _build_trainer(config, model, tokenizer, encoded, bf16)
    if config.init_adapter and checkpoint is None:
        _load_lora_weights(trainer.model, Path(config.init_adapter).expanduser())
    loss_log = LossLog(output_dir, resume_step)
    trainer.add_callback(RunCallback(loss_log, lambda logs: trainer.take_tokens(), progress))
    train_started = time.monotonic()
    trainer.train(resume_from_checkpoint=checkpoint)
    seconds = time.monotonic() - train_started

    save_adapter(trainer.model, output_dir, config.base_model)
    steps_run = trainer.state.global_step - resume_step
    return finish_run(output_dir, seconds, trainer.tokens_seen, steps_run,
                      {"trainer": "trl", "device": str(trainer.args.device), "threads": torch.get_num_threads(),
                       "precision": "bf16" if bf16 else "fp32", "share_prefix": config.share_prefix,
                       "load_seconds": round(load_seconds, 2), "completion_tokens": trainer.completion_tokens_seen,
                       "resumed_from_step": resume_step})


def _load_lora_weights(model, folder: Path) -> None:
    """Start from another run's LoRA weights (init_adapter): every LoRA tensor of the model must be
    in the file, with its shape; they are copied into the float32 trainable weights."""
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    weights = load_file(folder / "adapter_model.safetensors")
    try:
        result = set_peft_model_state_dict(model, weights)
    except RuntimeError as exc:  # torch's shape mismatch
        raise ConfigError(f"init_adapter {folder} does not fit this LoRA (rank, alpha and targets must match): "
                          f"{str(exc).splitlines()[1].strip()}") from exc
    missing = [k for k in result.missing_keys if "lora_" in k]
    if missing or result.unexpected_keys:
        raise ConfigError(f"init_adapter {folder} does not fit this LoRA (rank, alpha and targets must match): "
                          f"{len(missing)} LoRA weights missing, {len(result.unexpected_keys)} unexpected")
    log.info("LoRA weights start from %s (%d tensors)", folder, len(weights))


def uses_bf16(precision: str) -> bool:
    """precision setting -> train in bf16? `auto` only where bf16 matmuls are native, since
    emulated bf16 on an older CPU is slower than fp32."""
    if precision != "auto":
        return precision == "bf16"
    if torch.cuda.is_available():
        return torch.cuda.is_bf16_supported()
    return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())


def _build_trainer(config: TrainConfig, model, tokenizer, encoded, bf16: bool = False):
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    cuda = torch.cuda.is_available()
    warnings.filterwarnings("ignore", message=".*gradient_checkpointing.*", category=FutureWarning)  # TRL's default
    per_epoch = math.ceil(len(encoded) / (config.batch_size * config.grad_accum))
    args = SFTConfig(
        output_dir=config.output_dir, per_device_train_batch_size=config.batch_size,
        gradient_accumulation_steps=config.grad_accum, num_train_epochs=config.epochs,
        max_steps=config.max_steps or -1, learning_rate=config.learning_rate,
        lr_scheduler_type=config.lr_scheduler, warmup_steps=config.warmup_ratio,
        weight_decay=config.weight_decay, seed=config.seed, data_seed=config.seed,
        max_length=config.max_seq_len, completion_only_loss=config.completion_only_loss,
        train_sampling_strategy="group_by_length", logging_steps=1,
        save_strategy="steps", save_steps=config.save_steps or per_epoch, save_total_limit=config.save_total_limit,
        gradient_checkpointing=False, bf16=bf16, fp16=False, use_cpu=not cuda,
        report_to="none", dataloader_num_workers=0, disable_tqdm=False, save_only_model=False,
    )
    dataset = Dataset.from_dict({"input_ids": [e.input_ids for e in encoded], "labels": [e.labels for e in encoded]})
    trainer = CompletionOnlySFTTrainer(model=model, args=args, train_dataset=dataset,
                                       processing_class=tokenizer, peft_config=lora_config(config))
    trainer.share_prefix = config.share_prefix
    trainer.remove_callback(ProgressCallback)  # ours shows the loss and writes the log
    return trainer


class CompletionOnlySFTTrainer(SFTTrainer):
    """SFTTrainer whose loss applies lm_head only at positions that predict a completion token."""

    tokens_seen = 0
    completion_tokens_seen = 0
    share_prefix = False
    _unlogged_tokens = 0

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        # completion_loss calls the backbone directly, bypassing the autocast accelerate wraps around
        # model.forward: without this, bf16=True would silently train in float32.
        with self.accelerator.autocast():
            loss, count, correct = completion_loss(model, inputs["input_ids"], inputs.get("attention_mask"),
                                                   inputs["labels"], num_items_in_batch, self.share_prefix)
        if model.training:
            real = int(inputs["attention_mask"].sum()) if "attention_mask" in inputs else inputs["input_ids"].numel()
            self.tokens_seen += real
            self._unlogged_tokens += real
            self.completion_tokens_seen += count
            self._metrics["train"]["mean_token_accuracy"].append(correct / max(count, 1))
        return (loss, None) if return_outputs else loss

    def take_tokens(self) -> int:
        tokens, self._unlogged_tokens = self._unlogged_tokens, 0
        return tokens
