"""Completion-only causal LM loss that applies the output layer only where it is needed.

Gemma's output layer is 262k wide: projecting every position of a batch costs most of a CPU
training step. The loss only needs positions whose next token is a completion token, so the
backbone's hidden states are gathered there (shifted by one: position t predicts token t+1)
and only those rows go through lm_head. Same value and gradients as the model's own loss.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

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


def completion_loss(model, input_ids, attention_mask, labels, num_items: int | torch.Tensor | None = None):
    """(loss, number of scored tokens, number predicted right) over label != IGNORE positions.

    The loss is the summed cross-entropy divided by `num_items` (all scored tokens of the
    accumulated batch, as transformers' Trainer passes it) or by the local count.
    """
    lm = causal_lm_of(model)
    hidden = lm.base_model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).last_hidden_state
    targets = labels[:, 1:]
    keep = targets != IGNORE
    rows = hidden[:, :-1][keep]
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


def naive_loss(model, input_ids, attention_mask, labels):
    """The model's own loss (full logits at every position), for tests and the benchmark."""
    return model(input_ids=input_ids, attention_mask=attention_mask, labels=labels, use_cache=False).loss
