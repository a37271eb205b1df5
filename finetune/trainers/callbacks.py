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
