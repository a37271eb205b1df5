"""Completion-only causal LM loss that applies the output layer only where it is needed.

Gemma's output layer is 262k wide: projecting every position of a batch costs most of a CPU
training step. The loss only needs positions whose next token is a completion token, so the
backbone's hidden states are gathered there (shifted by one: position t predicts token t+1)
and only those rows go through lm_head. Same value and gradients as the model's own loss.

With `share_prefix`, the tokens every row of the batch starts with (BOS and the fixed
instructions, about a fifth of an example) run through the model once; their keys and values
are repeated for each row, and the rest of each row attends to them through the cache.
Gradients flow back through the repeat, so value and gradients are again the same (to float
rounding) while the backbone sees (B-1)/B fewer prefix tokens.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from news_core.base_model import cache_keyword

from .data import IGNORE


def causal_lm_of(model):
    """The transformers *ForCausalLM inside PEFT / accelerate wrappers."""
    while True:
        if hasattr(model, "get_base_model"):  # PeftModel
            model = model.get_base_model()
        elif hasattr(model, "module"):  # DDP and friends
            model = model.module
        else:
            return model


def completion_loss(model, input_ids, attention_mask, labels, num_items: int | torch.Tensor | None = None,
                    share_prefix: bool = False):
    """(loss, number of scored tokens, number predicted right) over label != IGNORE positions.

    The loss is the summed cross-entropy divided by `num_items` (all scored tokens of the
    accumulated batch, as transformers' Trainer passes it) or by the local count.
    """
    lm = causal_lm_of(model)
    targets = labels[:, 1:]
    keep = targets != IGNORE
    if attention_mask is None:
        attention_mask = torch.ones_like(input_ids)
    start = shared_prefix_length(input_ids, keep) if share_prefix else 0
    if start:
        hidden = _hidden_after_shared_prefix(lm, input_ids, attention_mask, start)
    else:
        hidden = lm.base_model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).last_hidden_state
    rows = hidden[:, :-1][keep[:, start:]]
    logits = lm.get_output_embeddings()(rows).float()
    softcap = getattr(lm.config.get_text_config(), "final_logit_softcapping", None)
    if softcap:
        logits = torch.tanh(logits / softcap) * softcap
    chosen = targets[keep]
    summed = F.cross_entropy(logits, chosen, reduction="sum")
    count = int(keep.sum())
    denominator = num_items if num_items is not None else max(count, 1)
    if isinstance(denominator, torch.Tensor):
        denominator = denominator.to(summed.device).clamp(min=1)
    correct = int((logits.detach().argmax(-1) == chosen).sum())
    return summed / denominator, count, correct


def shared_prefix_length(input_ids, keep, minimum: int = 8) -> int:
    """Tokens all rows start with that no scored position needs (0 if too few to pay off).

    Position t predicts token t+1, so the prefix must end at or before the first scored position:
    its hidden states are never gathered, only its keys and values are used."""
    if input_ids.shape[0] < 2:
        return 0
    same = (input_ids == input_ids[:1]).all(dim=0)
    length = int(same.long().cumprod(0).sum())
    scored = keep.any(dim=0).nonzero()
    if len(scored):
        length = min(length, int(scored[0]))
    return length if length >= minimum else 0


def _hidden_after_shared_prefix(lm, input_ids, attention_mask, start: int):
    """Hidden states of positions start.. for every row, the first `start` tokens run once."""
    from transformers import DynamicCache

    body = lm.base_model
    cache = DynamicCache(config=lm.config)
    key = cache_keyword(body.forward)
    body(input_ids=input_ids[:1, :start], attention_mask=attention_mask[:1, :start], use_cache=True, **{key: cache})
    cache.batch_repeat_interleave(input_ids.shape[0])
    positions = torch.arange(start, input_ids.shape[1], device=input_ids.device).expand(input_ids.shape[0], -1)
    return body(input_ids=input_ids[:, start:], attention_mask=attention_mask, position_ids=positions,
                use_cache=True, **{key: cache}).last_hidden_state


def naive_loss(model, input_ids, attention_mask, labels):
    """The model's own loss (full logits at every position), for tests and the benchmark."""
    return model(input_ids=input_ids, attention_mask=attention_mask, labels=labels, use_cache=False).loss
