"""Trainer `unsloth`: Unsloth's FastLanguageModel + LoRA on an NVIDIA GPU, same config and
same adapter format as the trl trainer.

Unsloth is for NVIDIA GPUs (older releases raise at import without one; 2026.10 warns and falls
back to slow paths), so the GPU is checked first, with a message naming the CPU trainers, and
unsloth is imported only after (and before trl/transformers, as it requires). Run on an H200
(2026-11-26, tests/test_gpu.py through benchmarks/gpu_check.sh): unsloth 2026.10.9 + unsloth_zoo,
bitsandbytes 0.50.2 (required even for 16-bit LoRA), trl 1.15, datasets 4.8, transformers 5.17.
Loss masking uses unsloth's `train_on_responses_only` with the prompt renderer's own markers;
the resulting labels are checked against finetune.data's masking before training starts.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import time
from pathlib import Path

from news_core.errors import ConfigError, ModelError
from news_core.prompt import INSTRUCTIONS, RESPONSE_MARKER

from ..artifacts import LossLog, RunSummary, finish_run, write_run_files
from ..config import TrainConfig
from ..data import IGNORE, Example, data_hash, encode_all

log = logging.getLogger(__name__)

NO_GPU = ("the unsloth trainer needs an NVIDIA GPU with CUDA, and none is visible here; "
          "use --trainer trl (trains on this machine's CPU) or --trainer tinker (Tinker's hosted GPUs)")
NOT_INSTALLED = "the unsloth trainer needs unsloth: pip install 'news-enhancer[gpu]'"
# train_on_responses_only masks up to the end of RESPONSE_PART, and from INSTRUCTION_PART on.
INSTRUCTION_PART = " ".join(INSTRUCTIONS.split()[:5])  # "Annotate this AI-industry newsletter item"
RESPONSE_PART = RESPONSE_MARKER


def require_gpu() -> None:
    """Fail with a clear message, without importing unsloth, where it cannot run."""
    try:
        import torch
    except ImportError as exc:
        raise ConfigError(NO_GPU) from exc
    if not torch.cuda.is_available():
        raise ConfigError(NO_GPU)
    if importlib.util.find_spec("unsloth") is None:
        raise ConfigError(NOT_INSTALLED)


def train_unsloth(config: TrainConfig, examples: list[Example], progress: bool = True) -> RunSummary:
    require_gpu()
    import unsloth  # noqa: F401  (first: it patches transformers and trl)
    from unsloth import FastLanguageModel
    from unsloth.chat_templates import train_on_responses_only

    from news_core.base_model import resolve_base

    from .callbacks import RunCallback, TokenCounter
    from .checkpoints import find_checkpoint

    output_dir = Path(config.output_dir)
    checkpoint, resume_step = find_checkpoint(output_dir, config.resume)
    started = time.monotonic()
    model, tokenizer = FastLanguageModel.from_pretrained(
        model_name=resolve_base(config.base_model), max_seq_length=config.max_seq_len,
        dtype=None, load_in_4bit=False, full_finetuning=False)
    model = FastLanguageModel.get_peft_model(
        model, r=config.lora_rank, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
        target_modules=list(config.target_modules), bias="none", use_gradient_checkpointing="unsloth",
        random_state=config.seed)
    encoded = encode_all(tokenizer, examples, config.max_seq_len, config.completion_only_loss)
    write_run_files(output_dir, {**config.to_dict(), "n_examples": len(examples)}, data_hash(examples), len(examples))
    trainer = _build_trainer(config, model, tokenizer, encoded)
    if config.completion_only_loss:
        trainer = train_on_responses_only(trainer, instruction_part=INSTRUCTION_PART, response_part=RESPONSE_PART)
        check_labels(trainer.train_dataset["labels"], encoded)
    load_seconds = time.monotonic() - started

    loss_log = LossLog(output_dir, resume_step)
    tokens = TokenCounter()
    tokens.wrap(trainer)
    trainer.add_callback(RunCallback(loss_log, tokens.new_tokens, progress))
    train_started = time.monotonic()
    trainer.train(resume_from_checkpoint=checkpoint)
    seconds = time.monotonic() - train_started
    model.peft_config["default"].base_model_name_or_path = config.base_model
    model.save_pretrained(str(output_dir), save_embedding_layers=False)
    return finish_run(output_dir, seconds, tokens.total, trainer.state.global_step - resume_step,
                      {"trainer": "unsloth", "device": "cuda", "load_seconds": round(load_seconds, 2),
                       "resumed_from_step": resume_step})


def check_labels(labels: list[list[int]], encoded) -> None:
    """train_on_responses_only must mask exactly as finetune.data does, or training is wrong."""
    bad = [i for i, (got, e) in enumerate(zip(labels, encoded)) if list(got)[: len(e.labels)] != e.labels]
    if bad:
        raise ModelError(f"unsloth's response-only masking differs from the project's on {len(bad)} "
                         f"example(s), e.g. #{bad[0]}; the response marker {RESPONSE_PART!r} did not "
                         f"tokenize at the prompt boundary")


def _build_trainer(config: TrainConfig, model, tokenizer, encoded):
    import torch
    from datasets import Dataset
    from trl import SFTConfig, SFTTrainer

    per_epoch = math.ceil(len(encoded) / (config.batch_size * config.grad_accum))
    bf16 = torch.cuda.is_bf16_supported()
    args = SFTConfig(
        output_dir=config.output_dir, per_device_train_batch_size=config.batch_size,
        gradient_accumulation_steps=config.grad_accum, num_train_epochs=config.epochs,
        max_steps=config.max_steps or -1, learning_rate=config.learning_rate, lr_scheduler_type=config.lr_scheduler,
        warmup_steps=config.warmup_ratio, weight_decay=config.weight_decay, seed=config.seed,
        max_length=config.max_seq_len, train_sampling_strategy="group_by_length", logging_steps=1,
        save_strategy="steps", save_steps=config.save_steps or per_epoch, save_total_limit=config.save_total_limit,
        bf16=bf16, fp16=not bf16, report_to="none", dataloader_num_workers=0)
    # input_ids only: train_on_responses_only builds the labels (checked against ours after).
    columns = {"input_ids": [e.input_ids for e in encoded]}
    if not config.completion_only_loss:
        columns["labels"] = [e.labels for e in encoded]
    trainer = SFTTrainer(model=model, args=args, train_dataset=Dataset.from_dict(columns), processing_class=tokenizer)
    from transformers.trainer_callback import ProgressCallback

    trainer.remove_callback(ProgressCallback)
    return trainer


def marker_ids_end_prompt(tokenizer, prompt_ids: list[int]) -> bool:
    """Whether the response marker, tokenized alone, is exactly the end of the prompt ids:
    the condition for train_on_responses_only to mask exactly the prompt."""
    marker = tokenizer(RESPONSE_PART, add_special_tokens=False)["input_ids"]
    return prompt_ids[-len(marker):] == marker and IGNORE not in marker
