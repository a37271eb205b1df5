"""Prompt and completion token ids for training, built exactly as serving feeds them to the model.

Training (finetune), export parity (gguf_export) and the peft backend all tokenize through here,
so a prompt is the same ids everywhere: BOS at most once, no EOS after the prompt.
"""

from __future__ import annotations

from .errors import ConfigError, InputError


def encode_prompt(tokenizer, prompt: str) -> list[int]:
    """The prompt ids as serving feeds them: the tokenizer's special tokens, BOS at most once."""
    ids = list(tokenizer(prompt, add_special_tokens=True)["input_ids"])
    eos = tokenizer.eos_token_id
    if eos is not None and ids and ids[-1] == eos and eos != tokenizer.bos_token_id:
        ids = ids[:-1]  # a tokenizer that appends EOS to every text: the prompt must not end there
    bos = tokenizer.bos_token_id
    if bos is not None and ids.count(bos) > 1:
        raise InputError(f"prompt tokenizes with {ids.count(bos)} BOS tokens; expected at most one")
    return ids


def encode_completion(tokenizer, completion: str) -> list[int]:
    if tokenizer.eos_token_id is None:
        raise ConfigError("the tokenizer has no EOS token; the model could never learn to stop")
    return list(tokenizer(completion, add_special_tokens=False)["input_ids"]) + [tokenizer.eos_token_id]
