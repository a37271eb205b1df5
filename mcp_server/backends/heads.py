"""Where the gguf backend's decode loop evaluates tokens: the model itself, or its short-head copy.

Both keep the fixed instruction prefix in the KV cache between prompts and evaluate it as its own
batch, cached or not, so an answer never depends on which prompt came before it (batch shapes
change llama.cpp's float sums).
"""

from __future__ import annotations

import llama_cpp
import numpy as np

from news_core.errors import ModelError

from ..checkpoint import checkpoint
from .short_head import Embeddings, VocabTexts


class FullHead:
    """The model's own context, every vocabulary row scored."""

    def __init__(self, llm: llama_cpp.Llama, prefix: list[int]):
        self.llm, self.prefix = llm, prefix

    def start(self, tokens: list[int], prompt: str, deadline=None, cancel=None) -> None:
        llm, k = self.llm, len(self.prefix)
        if tokens[:k] != self.prefix:
            llm.reset()
            self._eval(tokens, deadline, cancel)
            return
        cached = llm.n_tokens >= k and llm.input_ids[:k].tolist() == self.prefix
        if not (cached and llm._ctx.kv_cache_seq_rm(-1, k, -1)):
            llm.reset()
            llm.eval(self.prefix)
        llm.n_tokens = k
        self._eval(tokens[k:], deadline, cancel)

    def _eval(self, tokens: list[int], deadline, cancel) -> None:
        """llm.eval in the same n_batch slices it makes itself (same sums), checking in between."""
        step = self.llm.n_batch
        for first in range(0, len(tokens), step):
            checkpoint(deadline, cancel, "reading its prompt")
            self.llm.eval(tokens[first:first + step])

    def feed(self, tokens: list[int]) -> None:
        self.llm.eval(tokens)

    def rewind(self, position: int) -> None:
        self.llm._ctx.kv_cache_seq_rm(-1, position, -1)
        self.llm.n_tokens = position

    def logits(self) -> np.ndarray:
        return np.ctypeslib.as_array(self.llm._ctx.get_logits_ith(-1), shape=(self.llm.n_vocab(),))

    def close(self) -> None:
        pass  # the backend owns its model


class ShortHead:
    """The short-head copy of the model (short_head.py) on its own context, fed embedding rows."""

    def __init__(self, llm: llama_cpp.Llama, short: llama_cpp.Llama, head_ids: np.ndarray,
                 embeddings: Embeddings, prefix: list[int]):
        self.short, self.head_ids, self.embeddings, self.prefix = short, head_ids, embeddings, prefix
        self.texts = VocabTexts(llm)
        self.n_batch, self.n_embd = short.n_batch, embeddings.n_embd
        if short.n_vocab() != len(head_ids) + self.n_embd:
            raise ModelError(f"the short-head model has {short.n_vocab()} output rows, expected "
                             f"{len(head_ids) + self.n_embd}")
        self._ctx = short._ctx.ctx
        self._batch = llama_cpp.llama_batch_init(self.n_batch, self.n_embd, 1)
        self._embd = np.ctypeslib.as_array(self._batch.embd, shape=(self.n_batch, self.n_embd))
        self._tokens: list[int] = []  # what the KV cache holds
        self._out = np.full(self.texts.n_vocab, -np.inf, dtype=np.float32)
        self._out[head_ids] = 0.0
        self._item_ids = np.zeros(0, dtype=np.int64)
        self._item_rows = np.zeros((0, self.n_embd), dtype=np.float32)

    def start(self, tokens: list[int], prompt: str, deadline=None, cancel=None) -> None:
        self._set_item(tokens, prompt)
        k = len(self.prefix)
        if tokens[:k] == self.prefix:
            if self._tokens[:k] != self.prefix:
                self.rewind(0)
                self._eval(self.prefix)
            self.rewind(k)
            rest = tokens[k:]
        else:
            self.rewind(0)
            rest = tokens
        for first in range(0, len(rest), self.n_batch):
            checkpoint(deadline, cancel, "reading its prompt")
            self._eval(rest[first:first + self.n_batch])

    def feed(self, tokens: list[int]) -> None:
        for first in range(0, len(tokens), self.n_batch):
            self._eval(tokens[first:first + self.n_batch])

    def rewind(self, position: int) -> None:
        llama_cpp.llama_memory_seq_rm(llama_cpp.llama_get_memory(self._ctx), -1, position, -1)
        del self._tokens[position:]

    def logits(self) -> np.ndarray:
        """Full-vocabulary logits: the short head's rows, the item's words, -inf elsewhere."""
        rows = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(self._ctx, -1),
                                     shape=(len(self.head_ids) + self.n_embd,))
        out = self._out
        out[self.head_ids] = rows[:len(self.head_ids)]
        if len(self._item_ids):
            out[self._item_ids] = self._item_rows @ rows[len(self.head_ids):]
        return out

    def close(self) -> None:
        if self._batch is not None:
            llama_cpp.llama_batch_free(self._batch)
            self._batch = None
        self.short.close()

    # -- the pieces ------------------------------------------------------------------------
    def _set_item(self, tokens: list[int], prompt: str) -> None:
        """Score the item's own words too (those outside the head): rows of the full embedding."""
        self._out[self._item_ids] = -np.inf
        self._out[self.head_ids] = 0.0
        ids = self.texts.item_ids(tokens, prompt)
        self._item_ids = np.setdiff1d(ids, self.head_ids, assume_unique=True)
        self._item_rows = self.embeddings.rows(self._item_ids)

    def _eval(self, tokens: list[int]) -> None:
        batch, n = self._batch, len(tokens)
        self._embd[:n] = self.embeddings.inputs(tokens)
        position = len(self._tokens)
        for j in range(n):
            batch.pos[j], batch.n_seq_id[j], batch.logits[j] = position + j, 1, j == n - 1
            batch.seq_id[j][0] = 0
        batch.n_tokens = n
        code = llama_cpp.llama_decode(self._ctx, batch)
        if code != 0:
            raise ModelError(f"llama_decode failed with code {code} on the short-head model")
        self._tokens.extend(tokens)

