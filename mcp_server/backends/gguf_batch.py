"""Several answers decoded at once on llama.cpp: one sequence id each, one batch per step.

On a CPU, one decode step costs about the same for 1 token as for a few: the weights are read
once per step either way (measured here: 4 tokens 1.3x the time of 1, 8 tokens 1.8x). So items
of one batch_enhance chunk share each step. Every item keeps its own grammar state (its own
GrammarGuide), its own forced runs, repeat guard and score (decoding.py), and its own KV cache
sequence; items that finish leave the batch. The context is a second one on the same weights,
made on first use, with room for `size` sequences of `n_ctx` tokens each.

An item's answer can differ from the one it gets decoded alone: a batch of several tokens goes
through other llama.cpp kernels than one token, which round differently, and a near-tie can flip
(benchmarks/bench_decode.py counts such answers).
"""

from __future__ import annotations

import ctypes
import threading
import time
from dataclasses import dataclass

import llama_cpp
import numpy as np
from llama_cpp._internals import LlamaContext

from news_core.errors import Cancelled, ItemTimeout, ModelError

from .decoding import Decoding
from .guided import GrammarGuide


@dataclass
class _Sequence:
    id: int
    pending: list[int]  # tokens to evaluate in the next step(s)
    answer: Decoding
    n_past: int = 0
    outcome: Decoding | Exception | None = None
    seconds: float = 0.0


def _opened(k: int, tokens: list[int], answer: Decoding) -> _Sequence:
    """Sequence k with the answer's forced opening after its prompt, or the item's error when the
    opening alone does not fit max_tokens (decoding.TokenLimit): that item fails, not the batch."""
    try:
        return _Sequence(k, tokens + answer.start(), answer)
    except ModelError as exc:
        return _Sequence(k, [], answer, outcome=exc)


class SequenceBatch:
    """A llama.cpp context for up to `size` sequences on the weights of `llm` (with its LoRA)."""

    def __init__(self, llm: llama_cpp.Llama, size: int, n_ctx: int, grammar: str):
        params = llama_cpp.llama_context_params.from_buffer_copy(llm.context_params)
        params.n_seq_max, params.n_ctx, params.kv_unified = size, size * n_ctx, False  # n_ctx per sequence
        self._ctx = LlamaContext(model=llm._model, params=params, verbose=False)
        self._memory = llama_cpp.llama_get_memory(self._ctx.ctx)
        adapter = getattr(llm, "_lora_adapter", None)
        if adapter is not None:
            adapters = (llama_cpp.llama_adapter_lora_p_ctypes * 1)(adapter)
            if llama_cpp.llama_set_adapters_lora(self._ctx.ctx, adapters, 1, (ctypes.c_float * 1)(llm.lora_scale)):
                raise ModelError("could not apply the LoRA adapter to the batch context")
        self.size, self.n_batch, self._n_vocab = size, params.n_batch, llm.n_vocab()
        self._batch = llama_cpp.llama_batch_init(self.n_batch, 0, 1)
        self.guides = [GrammarGuide(llm._model.vocab, self._n_vocab, grammar) for _ in range(size)]

    def close(self) -> None:
        for guide in self.guides:
            guide.close()
        if self._batch is not None:
            llama_cpp.llama_batch_free(self._batch)
            self._batch = None
        self._ctx.close()

    def run(self, work: list[tuple[list[int], Decoding]], deadline: float | None = None,
            cancel: threading.Event | None = None) -> list[tuple[Decoding | Exception, float]]:
        """Decode each (prompt tokens, Decoding) to its end: (the finished Decoding or the item's
        exception, seconds) per item, in order. Cancelled ends the whole call."""
        if len(work) > self.size:
            raise ValueError(f"at most {self.size} sequences at once")
        llama_cpp.llama_memory_clear(self._memory, True)
        sequences = [_opened(k, tokens, answer) for k, (tokens, answer) in enumerate(work)]
        active, start = [seq for seq in sequences if seq.outcome is None], time.perf_counter()
        while active:
            if cancel is not None and cancel.is_set():
                raise Cancelled("cancelled by the caller")
            if deadline is not None and time.monotonic() > deadline:
                for seq in active:
                    seq.outcome = ItemTimeout(f"item exceeded its time limit (item_timeout_s) after "
                                              f"{seq.answer.produced} tokens")
                break
            ready = self._fill(active)
            code = llama_cpp.llama_decode(self._ctx.ctx, self._batch)
            if code != 0:
                for seq in active:
                    seq.outcome = ModelError(f"llama_decode failed with code {code}", seq.answer.text)
                break
            for seq, index in ready:
                self._advance(seq, index)
                seq.seconds = time.perf_counter() - start
            active = [seq for seq in active if seq.outcome is None]
        return [(seq.outcome, seq.seconds) for seq in sequences]

    def _fill(self, active: list[_Sequence]) -> list[tuple[_Sequence, int]]:
        """Put pending tokens into the batch, sequence by sequence, up to n_batch; returns the
        sequences whose pending tokens all went in, with the batch index of their last token."""
        batch, ready = self._batch, []
        batch.n_tokens = 0
        for seq in active:
            room = self.n_batch - batch.n_tokens
            if room == 0:
                break
            take, seq.pending = seq.pending[:room], seq.pending[room:]
            for token in take:
                j = batch.n_tokens
                batch.token[j], batch.pos[j], batch.n_seq_id[j], batch.logits[j] = token, seq.n_past, 1, False
                batch.seq_id[j][0] = seq.id
                batch.n_tokens += 1
                seq.n_past += 1
            if take and not seq.pending:
                batch.logits[batch.n_tokens - 1] = True
                ready.append((seq, batch.n_tokens - 1))
        return ready

    def _advance(self, seq: _Sequence, index: int) -> None:
        logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(self._ctx.ctx, index), shape=(self._n_vocab,))
        try:
            step = seq.answer.advance(logits)
        except ModelError as exc:
            seq.outcome = exc
            return
        if not step.feed:
            seq.outcome = seq.answer
            return
        if step.rewind is not None:
            llama_cpp.llama_memory_seq_rm(self._memory, seq.id, step.rewind, -1)
            seq.n_past = step.rewind
        seq.pending = step.feed
