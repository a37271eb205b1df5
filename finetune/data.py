"""Training examples -> token ids with loss masking, shared by every trainer.

An example is a (prompt, completion) pair from `news_core.prompt.render_example`. The prompt is
tokenized alone, exactly as serving tokenizes it (with the tokenizer's BOS, once), and the
completion separately, followed by EOS; the ids are concatenated. Tokenizing prompt+completion
in one go would merge tokens across the boundary (the prompt ends in a space) and train on a
prompt the server never sends.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from news_core.errors import ConfigError, InputError
from news_core.prompt_tokens import encode_completion, encode_prompt

IGNORE = -100
Example = tuple[str, str]


@dataclass(frozen=True)
class Encoded:
    input_ids: list[int]
    labels: list[int]  # IGNORE on prompt tokens, the token id on completion tokens and EOS


def load_examples(data: Sequence[str]) -> list[Example]:
    """`data` entries -> (prompt, completion) pairs: "default" is the shipped train split,
    anything else a JSONL file of dataset records (training_data's format)."""
    try:
        from training_data import default_split, load_records
    except ImportError as exc:
        raise ConfigError(f"the training_data package cannot be imported ({exc})") from exc
    examples: list[Example] = []
    for entry in data:
        if entry == "default":
            records = default_split()[0]
        else:
            path = Path(entry).expanduser()
            if not path.is_file():
                raise ConfigError(f"data file {entry} does not exist (give 'default' or JSONL record files)")
            records = load_records([path])
        examples += [record.example() for record in records]
    if not examples:
        raise InputError(f"no training examples in {list(data)}")
    return examples


def data_hash(examples: Iterable[Example]) -> str:
    """sha256 of the examples, in order: two runs on the same data have the same hash."""
    digest = hashlib.sha256()
    for prompt, completion in examples:
        digest.update(json.dumps([prompt, completion], ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def encode_example(tokenizer, prompt: str, completion: str, completion_only: bool = True) -> Encoded:
    prompt_ids = encode_prompt(tokenizer, prompt)
    completion_ids = encode_completion(tokenizer, completion)
    prompt_labels = [IGNORE] * len(prompt_ids) if completion_only else list(prompt_ids)
    return Encoded(prompt_ids + completion_ids, prompt_labels + completion_ids)


def encode_all(tokenizer, examples: Sequence[Example], max_seq_len: int, completion_only: bool = True) -> list[Encoded]:
    """Encode every example; over-long ones are an error (never silently cut or dropped)."""
    encoded = [encode_example(tokenizer, p, c, completion_only) for p, c in examples]
    too_long = [(i, len(e.input_ids)) for i, e in enumerate(encoded) if len(e.input_ids) > max_seq_len]
    if too_long:
        shown = ", ".join(f"#{i} ({n} tokens)" for i, n in too_long[:5])
        raise InputError(f"{len(too_long)} example(s) exceed max_seq_len={max_seq_len}: {shown}; "
                         f"raise max_seq_len or shorten those items")
    return encoded


def length_grouped_batches(lengths: Sequence[int], batch_size: int, seed: int, group: int = 16) -> list[list[int]]:
    """One epoch of batches of similar length: shuffle, sort within groups of `group` batches,
    chunk, shuffle the batch order. Padding is then only to the longest of similar lengths."""
    rng = random.Random(seed)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    batches: list[list[int]] = []
    span = batch_size * group
    for start in range(0, len(order), span):
        chunk = sorted(order[start:start + span], key=lambda i: lengths[i], reverse=True)
        batches += [chunk[j:j + batch_size] for j in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def pad_batch(items: Sequence[Encoded], pad_id: int):
    """Right-pad to the longest item: input_ids, attention_mask, labels (IGNORE on padding)."""
    import torch

    width = max(len(e.input_ids) for e in items)
    ids = torch.full((len(items), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(items), width), dtype=torch.long)
    labels = torch.full((len(items), width), IGNORE, dtype=torch.long)
    for row, e in enumerate(items):
        n = len(e.input_ids)
        ids[row, :n] = torch.tensor(e.input_ids)
        mask[row, :n] = 1
        labels[row, :n] = torch.tensor(e.labels)
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}
