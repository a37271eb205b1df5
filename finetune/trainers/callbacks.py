"""The progress bar and loss log shared by the trainers that run on transformers' Trainer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tqdm.auto import tqdm
from transformers import TrainerCallback

from ..artifacts import LossLog


class RunCallback(TrainerCallback):
    """tqdm bar showing the loss, and one loss_log.jsonl line per optimizer step.

    `new_tokens(logs)` returns the tokens processed since the previous log line.
    """

    def __init__(self, loss_log: LossLog, new_tokens: Callable[[dict[str, Any]], int], progress: bool = True):
        self.loss_log, self.new_tokens, self.progress, self.bar = loss_log, new_tokens, progress, None

    def on_train_begin(self, args, state, control, **kwargs):
        self.bar = tqdm(total=state.max_steps, initial=state.global_step, desc="train", unit="step",
                        disable=not self.progress, dynamic_ncols=True)

    def on_step_end(self, args, state, control, **kwargs):
        self.bar.update(state.global_step - self.bar.n)

    def on_log(self, args, state, control, logs=None, **kwargs):
        if logs and "loss" in logs:
            self.loss_log.append(state.global_step, state.epoch or 0.0, logs["loss"],
                                 logs.get("learning_rate", 0.0), self.new_tokens(logs))
            self.bar.set_postfix(loss=f"{logs['loss']:.4f}", epoch=f"{state.epoch or 0:.2f}")

    def on_train_end(self, args, state, control, **kwargs):
        self.bar.close()


class TokenCounter:
    """Tokens trained on, for tokens/s: TRL's cumulative `num_tokens` log entry when the trainer
    writes one, else the real (attention-masked) tokens of every batch its collator built.
    Unsloth's patched trainer logs no num_tokens (seen on an H200: 0 tokens/s reported)."""

    def __init__(self):
        self.logged = 0  # last cumulative num_tokens seen in the logs
        self.collated = 0  # tokens of the batches built so far
        self.reported = 0

    def wrap(self, trainer) -> None:
        collate = trainer.data_collator

        def counting(features):
            batch = collate(features)
            mask = batch.get("attention_mask")
            self.collated += int(mask.sum()) if mask is not None else int(batch["input_ids"].numel())
            return batch

        trainer.data_collator = counting

    def new_tokens(self, logs: dict[str, Any]) -> int:
        total = int(logs["num_tokens"]) if "num_tokens" in logs else self.collated
        delta, self.reported = max(0, total - self.reported), max(total, self.reported)
        return delta

    @property
    def total(self) -> int:
        return self.reported
