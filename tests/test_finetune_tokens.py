"""Token counting for tokens/s when the trainer logs no num_tokens (unsloth's patched trainer)."""

import torch  # the [train] extra, which make test installs: missing, this module fails to import

from finetune.trainers.callbacks import TokenCounter


class Trainer:
    def __init__(self):
        self.data_collator = lambda features: {
            "input_ids": torch.ones(len(features), 5, dtype=torch.long),
            "attention_mask": torch.tensor([[1] * n + [0] * (5 - n) for n in features]),
        }


def test_counts_collated_tokens_when_the_log_has_none():
    trainer, counter = Trainer(), TokenCounter()
    counter.wrap(trainer)
    trainer.data_collator([3, 5])
    assert counter.new_tokens({"loss": 1.0}) == 8  # padding is not counted
    trainer.data_collator([2])
    assert counter.new_tokens({"loss": 0.9}) == 2 and counter.total == 10


def test_prefers_the_trainers_own_cumulative_count():
    trainer, counter = Trainer(), TokenCounter()
    counter.wrap(trainer)
    trainer.data_collator([5, 5])
    assert counter.new_tokens({"loss": 1.0, "num_tokens": 7.0}) == 7
    assert counter.new_tokens({"loss": 1.0, "num_tokens": 19.0}) == 12 and counter.total == 19
