"""Batched, grammar-constrained greedy decoding with a transformers causal LM.

Prompts are left-padded into one batch. Each step is one forward pass for every unfinished
sequence; each row's logits are masked by its own grammar matcher and the argmax is taken. A
finished sequence leaves the batch (its KV-cache rows are dropped), so a long answer does not
make the short ones pay for padding steps. Deadline and cancellation are checked between steps.
"""

from __future__ import annotations

import inspect
import threading
import time
from dataclasses import dataclass, field

import torch

from news_core.base_model import cache_keyword
from news_core.errors import Cancelled, ItemTimeout, ModelError

from .token_masks import GrammarMasks


@dataclass
class Row:
    prompt: list[int]
    matcher: object
    tokens: list[int] = field(default_factory=list)
    outcome: list[int] | Exception | None = None
    seconds: float = 0.0


def decode_batch(model, prompts: list[list[int]], masks: GrammarMasks, *, pad_id: int, max_tokens: int,
                 deadline: float | None = None, cancel: threading.Event | None = None) -> list[Row]:
    """Decode every prompt; each returned Row has `outcome` = completion token ids or the row's exception."""
    rows = [Row(p, masks.matcher()) for p in prompts]
    device = model.device
    ids, attn = _left_pad(prompts, pad_id, device)
    positions = (attn.cumsum(-1) - 1).clamp(min=0)
    active, cache, start = rows, None, time.perf_counter()
    forward = _forward_fn(model)
    with torch.inference_mode():
        while active:
            if _stopped(active, deadline, cancel):
                break
            logits, cache = forward(ids, attn, positions, cache)
            allowed = masks.allowed([row.matcher for row in active], device)
            choice = logits.float().masked_fill(~allowed, float("-inf")).argmax(-1).tolist()
            possible = allowed.any(-1).tolist()
            elapsed = time.perf_counter() - start
            keep = [k for k, row in enumerate(active) if not _advance(row, choice[k], possible[k], masks, max_tokens, elapsed)]
            if not keep:
                break
            if len(keep) < len(active):
                index = torch.tensor(keep, device=device)
                cache.batch_select_indices(index)
                attn = attn.index_select(0, index)
            active = [active[k] for k in keep]
            positions = attn.sum(-1, keepdim=True)  # the next token's position: real tokens so far
            attn = torch.cat([attn, attn.new_ones((len(active), 1))], dim=-1)
            ids = torch.tensor([[row.tokens[-1]] for row in active], device=device)
    return rows


def _left_pad(prompts: list[list[int]], pad_id: int, device) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(p) for p in prompts)
    ids = torch.full((len(prompts), width), pad_id, dtype=torch.long)
    attn = torch.zeros((len(prompts), width), dtype=torch.long)
    for i, prompt in enumerate(prompts):
        ids[i, width - len(prompt):] = torch.tensor(prompt, dtype=torch.long)
        attn[i, width - len(prompt):] = 1
    return ids.to(device), attn.to(device)


def _stopped(active: list[Row], deadline: float | None, cancel: threading.Event | None) -> bool:
    """Cancellation or the deadline ends every unfinished row, each with its own exception."""
    if cancel is not None and cancel.is_set():
        for row in active:
            row.outcome = Cancelled("cancelled by the caller")
    elif deadline is not None and time.monotonic() > deadline:
        for row in active:
            row.outcome = ItemTimeout(f"item exceeded its time limit after {len(row.tokens)} tokens")
    else:
        return False
    return True


def _advance(row: Row, token: int, possible: bool, masks: GrammarMasks, max_tokens: int, elapsed: float) -> bool:
    """Feed the chosen token to the row; True when the row is finished (outcome set)."""
    row.seconds = elapsed
    if not possible:
        row.outcome = ModelError(f"the grammar allows no next token after {masks.decode(row.tokens)!r}", masks.decode(row.tokens))
    elif token in masks.eos_ids:  # the mask offers EOS only once the grammar is complete
        row.outcome = row.tokens
    elif not row.matcher.consume_token(token):
        row.outcome = ModelError(f"grammar matcher failed: {row.matcher.get_error()}", masks.decode(row.tokens))
    else:
        row.tokens.append(token)
        if row.matcher.is_stopped():  # the object is closed: nothing but EOS could follow
            row.outcome = row.tokens
        elif len(row.tokens) >= max_tokens:
            row.outcome = ModelError(f"the answer did not finish within max_tokens={max_tokens}", masks.decode(row.tokens))
    return row.outcome is not None


def _forward_fn(model):
    """forward(ids, attn, positions, cache) -> (last-position logits [batch, vocab], updated cache)."""
    accepted = inspect.signature(model.forward).parameters
    cache_kw = cache_keyword(model.forward)
    extra = {"use_cache": True}
    if "logits_to_keep" in accepted:
        extra["logits_to_keep"] = 1  # the lm_head over 262k tokens is the costliest layer of a small model

    def forward(ids, attn, positions, cache):
        out = model(input_ids=ids, attention_mask=attn, position_ids=positions, **{cache_kw: cache}, **extra)
        new_cache = getattr(out, "cache", None)
        return out.logits[:, -1, :], new_cache if new_cache is not None else out.past_key_values

    return forward
