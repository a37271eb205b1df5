"""Grammar-guided greedy decoding on a llama.cpp context, at close to free-running speed.

llama-cpp-python's `grammar=` path runs the grammar over all 262k vocabulary entries at every
step (about 4-5x slower than free generation here). Instead, as llama.cpp's own server does:
take the greedy token from the raw logits, ask the grammar about that one token, and only when
it is rejected run the grammar over the top-k candidates, then over the full vocabulary.

A token is passed to `llama_sampler_accept` only after the grammar has allowed it: accepting a
rejected token throws a C++ exception that aborts the whole process.
"""

from __future__ import annotations

import ctypes
import math

import llama_cpp
import numpy as np

TOP_K = 64


class GrammarGuide:
    """One llama.cpp grammar sampler plus reusable candidate buffers (not thread-safe)."""

    def __init__(self, vocab, n_vocab: int, gbnf: str, top_k: int = TOP_K):
        self._sampler = llama_cpp.llama_sampler_init_grammar(vocab, gbnf.encode("utf-8"), b"root")
        if not self._sampler:
            raise ValueError("llama.cpp rejected the grammar")
        self.n_vocab = n_vocab
        self.top_k = top_k
        self._buf = (llama_cpp.llama_token_data * n_vocab)()
        self._view = np.ctypeslib.as_array(self._buf)  # structured view: id, logit, p
        self._array = llama_cpp.llama_token_data_array(
            data=ctypes.cast(self._buf, llama_cpp.llama_token_data_p), size=0, selected=-1, sorted=False
        )
        self.fast_hits = 0
        self.topk_hits = 0
        self.full_scans = 0

    def reset(self) -> None:
        llama_cpp.llama_sampler_reset(self._sampler)

    def close(self) -> None:
        if self._sampler:
            llama_cpp.llama_sampler_free(self._sampler)
            self._sampler = None

    def _apply(self, ids: np.ndarray, logits: np.ndarray) -> np.ndarray:
        """Run the grammar over the given candidates; return the allowed logits (-inf = rejected)."""
        n = len(ids)
        self._view["id"][:n] = ids
        self._view["logit"][:n] = logits
        self._array.size = n
        self._array.selected = -1
        self._array.sorted = False
        llama_cpp.llama_sampler_apply(self._sampler, ctypes.byref(self._array))
        return self._view["logit"][:n]

    def choose(self, logits: np.ndarray) -> int | None:
        """Greedy token that the grammar allows, or None when the grammar allows nothing."""
        best = int(np.argmax(logits))
        if self._apply(np.array([best]), logits[best : best + 1])[0] != -math.inf:
            self.fast_hits += 1
            return best
        top = np.argpartition(logits, -self.top_k)[-self.top_k :]
        allowed = self._apply(top, logits[top])
        if np.isfinite(allowed).any():
            self.topk_hits += 1
            return int(top[int(np.argmax(allowed))])
        self.full_scans += 1
        allowed = self._apply(np.arange(self.n_vocab, dtype=np.int32), logits)
        if not np.isfinite(allowed).any():
            return None
        return int(self._view["id"][int(np.argmax(allowed))])

    def accept(self, token: int) -> None:
        """Advance the grammar. Only call with a token that `choose` returned or `allows` allowed."""
        llama_cpp.llama_sampler_accept(self._sampler, token)

    def allowed_logits(self, ids: np.ndarray, logits: np.ndarray) -> np.ndarray:
        """The logits of `ids` with the tokens the grammar rejects here set to -inf (a copy)."""
        return self._apply(ids, logits).copy()

    def allows(self, token: int) -> bool:
        return self._apply(np.array([token], dtype=np.int32), np.zeros(1, dtype=np.float32))[0] != -math.inf

    def replay(self, tokens: list[int]) -> None:
        """Back to the state after `tokens`, each of which this grammar accepted before."""
        self.reset()
        for token in tokens:
            llama_cpp.llama_sampler_accept(self._sampler, token)

    def stats(self) -> dict[str, float]:
        return {"fast_hits": self.fast_hits, "topk_hits": self.topk_hits, "full_scans": self.full_scans}
