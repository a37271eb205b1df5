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


class _Head:
    """What both heads share: the prompt and the answer's tokens go in n_batch slices (the slices
    llm.eval makes itself: the same sums), the instruction prefix as its own batch."""

    prefix: list[int]
    n_batch: int

    def start(self, tokens: list[int], prompt: str, deadline=None, cancel=None) -> None:
        """Evaluate a prompt, reusing the KV cache of the instruction prefix when it holds it."""
        self._begin_item(tokens, prompt)
        k = len(self.prefix)
        if tokens[:k] == self.prefix:
            if not (self._holds_prefix() and self.rewind(k)):
                self.rewind(0)
                self._eval(self.prefix)
            tokens = tokens[k:]
        else:
            self.rewind(0)
        for first in range(0, len(tokens), self.n_batch):
            checkpoint(deadline, cancel, "reading its prompt")
            self._eval(tokens[first:first + self.n_batch])

    def feed(self, tokens: list[int]) -> None:
        for first in range(0, len(tokens), self.n_batch):
            self._eval(tokens[first:first + self.n_batch])

    def _begin_item(self, tokens: list[int], prompt: str) -> None:
        pass

    @staticmethod
    def _no_room(detail: str, count: int, position: int, n_ctx: int) -> ModelError:
        """A batch llama.cpp could not decode ('llama_decode returned 1': no room in its context), as
        the item's error: where, and what to do."""
        return ModelError(f"llama.cpp could not read {count} more tokens at token {position} of n_ctx={n_ctx} "
                          f"({detail}): the item is too long for the model's context; shorten it, or raise n_ctx")


class FullHead(_Head):
    """The model's own context, every vocabulary row scored."""

    def __init__(self, llm: llama_cpp.Llama, prefix: list[int]):
        self.llm, self.prefix, self.n_batch = llm, prefix, llm.n_batch

    def rewind(self, position: int) -> bool:
        """Drop the KV cache from `position` on; False where llama.cpp cannot cut it there."""
        removed = self.llm._ctx.kv_cache_seq_rm(-1, position, -1)
        self.llm.n_tokens = position
        return removed

    def logits(self) -> np.ndarray:
        return np.ctypeslib.as_array(self.llm._ctx.get_logits_ith(-1), shape=(self.llm.n_vocab(),))

    def hidden(self) -> np.ndarray | None:
        """The final hidden state after the last evaluated token. The context computes no
        embeddings while decoding (turned on, llama.cpp makes every prompt token an output), so
        the last token is evaluated once more with them on; its logits were already read."""
        n = self.llm.n_tokens
        if n == 0 or not self.rewind(n - 1):
            return None
        ctx = self.llm._ctx.ctx
        llama_cpp.llama_set_embeddings(ctx, True)
        try:
            self.llm.eval([int(self.llm.input_ids[n - 1])])
            pointer = llama_cpp.llama_get_embeddings_ith(ctx, -1)
            return np.ctypeslib.as_array(pointer, shape=(self.llm.n_embd(),)).copy() if pointer else None
        finally:
            llama_cpp.llama_set_embeddings(ctx, False)

    def _holds_prefix(self) -> bool:
        k = len(self.prefix)
        return self.llm.n_tokens >= k and self.llm.input_ids[:k].tolist() == self.prefix

    def _eval(self, tokens: list[int]) -> None:
        try:
            self.llm.eval(tokens)
        except RuntimeError as exc:  # llama-cpp-python raises what llama_decode returns
            raise self._no_room(str(exc), len(tokens), self.llm.n_tokens, self.llm.n_ctx()) from exc


class ShortHead(_Head):
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
        self._out = np.full(self.texts.n_vocab, -np.inf, dtype=np.float32)  # logits() fills head_ids
        self._item_ids = np.zeros(0, dtype=np.int64)
        self._item_rows = np.zeros((0, self.n_embd), dtype=np.float32)

    def rewind(self, position: int) -> bool:
        del self._tokens[position:]
        return llama_cpp.llama_memory_seq_rm(llama_cpp.llama_get_memory(self._ctx), -1, position, -1)

    def logits(self) -> np.ndarray:
        """Full-vocabulary logits: the short head's rows, the item's words, -inf elsewhere."""
        rows = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(self._ctx, -1),
                                     shape=(len(self.head_ids) + self.n_embd,))
        out = self._out
        out[self.head_ids] = rows[:len(self.head_ids)]
        if len(self._item_ids):
            out[self._item_ids] = self._item_rows @ rows[len(self.head_ids):]
        return out

    def hidden(self) -> np.ndarray:
        """The final hidden state after the last evaluated token: the one-hot rows' logits."""
        rows = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(self._ctx, -1),
                                     shape=(len(self.head_ids) + self.n_embd,))
        return rows[len(self.head_ids):].copy()

    def close(self) -> None:
        if self._batch is not None:
            llama_cpp.llama_batch_free(self._batch)
            self._batch = None
        self.short.close()

    # -- the pieces ------------------------------------------------------------------------
    def _begin_item(self, tokens: list[int], prompt: str) -> None:
        """Score the item's own words too (those outside the head): rows of the full embedding."""
        self._out[self._item_ids] = -np.inf
        ids = self.texts.item_ids(tokens, prompt)
        self._item_ids = np.setdiff1d(ids, self.head_ids, assume_unique=True)
        self._item_rows = self.embeddings.rows(self._item_ids)

    def _holds_prefix(self) -> bool:
        return self._tokens[:len(self.prefix)] == self.prefix

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
            raise self._no_room(f"llama_decode returned {code} on the short-head model", n, position, self.short.n_ctx())
        self._tokens.extend(tokens)
