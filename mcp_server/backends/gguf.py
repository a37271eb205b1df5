"""Backend `gguf`: llama-cpp-python on CPU, grammar-guided greedy decoding, one model per process."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from contextlib import contextmanager

import llama_cpp
import numpy as np

from news_core.errors import Cancelled, ItemTimeout, ModelError
from news_core.grammar import completion_grammar
from news_core.prompt import INSTRUCTIONS
from news_core.threads import default_threads

from ..checkpoint import checkpoint
from ..models import resolve_adapter, resolve_model
from .base import Backend, Generation
from .guided import GrammarGuide
from .repeats import closed_duplicate

log = logging.getLogger(__name__)


class GGUFBackend(Backend):
    name = "gguf"

    def __init__(self, model_path, adapter_path=None, *, n_ctx=2048, n_threads=0, max_tokens=768):
        threads = n_threads or default_threads()
        kwargs = dict(n_ctx=n_ctx, n_threads=threads, n_threads_batch=threads, verbose=False, swa_full=True)
        if adapter_path:
            kwargs["lora_path"] = str(adapter_path)
        try:
            self._llm = llama_cpp.Llama(model_path=str(model_path), **kwargs)
        except Exception as exc:  # llama.cpp reports load failures as ValueError/RuntimeError
            raise ModelError(f"could not load {model_path} (adapter {adapter_path}): {exc}") from exc
        self.model_id = os.path.basename(str(model_path)) + (f"+{os.path.basename(str(adapter_path))}" if adapter_path else "")
        self.max_tokens = max_tokens
        self.n_ctx = n_ctx
        self._vocab = self._llm._model.vocab
        self._guide = GrammarGuide(self._vocab, self._llm.n_vocab(), completion_grammar())
        self._lock = threading.Lock()  # a llama.cpp context is not thread-safe
        self._prefix = self._llm.tokenize(INSTRUCTIONS.encode("utf-8"), add_bos=True, special=False)

    @classmethod
    def from_config(cls, config) -> "GGUFBackend":
        model = resolve_model(config.model)
        adapter = resolve_adapter(config.adapter, config.model)
        log.info("loading %s%s", model, f" with adapter {adapter}" if adapter else "")
        return cls(model, adapter, n_ctx=config.n_ctx, n_threads=config.n_threads, max_tokens=config.max_tokens)

    # -- the Backend protocol -------------------------------------------------------------
    def generate(self, prompt: str, *, deadline: float | None = None, cancel: threading.Event | None = None) -> Generation:
        with self._locked(deadline, cancel):
            text, n_prompt, n_out, seconds = self._run(prompt, True, deadline, cancel)
            stats = self._guide.stats()
        return Generation(text, self.parse_answer(text), n_prompt, n_out, seconds, stats)

    def count_tokens(self, prompt: str) -> int:
        with self._lock:
            return len(self._llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False))

    def generate_free(self, prompt: str, max_tokens: int) -> tuple[str, int, float]:
        """Unconstrained greedy decoding with the same loop (for benchmarks): text, tokens, seconds."""
        with self._lock:
            text, _, n_out, seconds = self._run(prompt, False, None, None, max_tokens)
        return text, n_out, seconds

    def close(self) -> None:
        # a lock cannot guard a model freed under a thread about to take it: server.py joins first
        with self._lock:
            self._guide.close()
            self._llm.close()

    @contextmanager
    def _locked(self, deadline, cancel):
        """The model lock, given up on while waiting once the item is cancelled or out of time."""
        while not self._lock.acquire(timeout=0.05):
            checkpoint(deadline, cancel, "waiting for the model")
        try:
            yield
        finally:
            self._lock.release()

    # -- decoding ----------------------------------------------------------------------------
    def _prefill(self, tokens: list[int], deadline=None, cancel=None) -> None:
        """Evaluate the prompt, reusing the KV cache of the fixed instruction prefix.

        The prefix is always evaluated as its own batch, cached or not, so an answer never
        depends on which prompt came before it (batch shapes change llama.cpp's float sums).
        """
        llm, k = self._llm, len(self._prefix)
        if tokens[:k] != self._prefix:
            llm.reset()
            self._eval(tokens, deadline, cancel)
            return
        cached = llm.n_tokens >= k and llm.input_ids[:k].tolist() == self._prefix
        if not (cached and llm._ctx.kv_cache_seq_rm(-1, k, -1)):
            llm.reset()
            llm.eval(self._prefix)
        llm.n_tokens = k
        self._eval(tokens[k:], deadline, cancel)

    def _eval(self, tokens: list[int], deadline, cancel) -> None:
        """llm.eval in the same n_batch slices it makes itself (same sums), checking in between."""
        step = self._llm.n_batch
        for first in range(0, len(tokens), step):
            checkpoint(deadline, cancel, "reading its prompt")
            self._llm.eval(tokens[first:first + step])

    def _end_list(self, answer: "_Answer", out: bytearray, separator: int) -> bool:
        """Rewind to the last token boundary before the repeat's separator and write `]` there
        instead, closing the list. Grammar first: if it refuses a forced token, it is replayed to
        where it was and the repeat stays (contract.normalise drops it); nothing was evaluated yet."""
        keep = max(i for i, start in enumerate(answer.starts) if start < separator)
        forced_text = bytes(out[answer.starts[keep]:separator]) + b"]"
        forced = self._llm.tokenize(forced_text, add_bos=False, special=False)
        self._guide.replay(answer.tokens[:keep])
        for token in forced:
            if not self._guide.allows(token):
                self._guide.replay(answer.tokens)
                return False
            self._guide.accept(token)
        llm, position = self._llm, answer.n_prompt + keep
        llm._ctx.kv_cache_seq_rm(-1, position, -1)
        llm.n_tokens = position
        llm.eval(forced)
        del out[answer.starts[keep]:]
        del answer.tokens[keep:], answer.starts[keep:]
        for token in forced:
            answer.add(token, len(out))
            out += llm.detokenize([token], special=False)
        return True

    def _logits(self) -> np.ndarray:
        ptr = self._llm._ctx.get_logits_ith(-1)
        return np.ctypeslib.as_array(ptr, shape=(self._llm.n_vocab(),))

    def _run(self, prompt, constrained, deadline, cancel, max_tokens=None):
        llm, limit = self._llm, max_tokens or self.max_tokens
        tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
        self.check_room(len(tokens), limit)
        start = time.perf_counter()
        self._prefill(tokens, deadline, cancel)
        if constrained:
            self._guide.reset()
        out, produced, answer = bytearray(), 0, _Answer(len(tokens))
        while True:
            if deadline is not None and time.monotonic() > deadline:
                raise ItemTimeout(f"item exceeded its time limit (item_timeout_s) after {produced} tokens")
            if cancel is not None and cancel.is_set():
                raise Cancelled("cancelled by the caller")
            logits = self._logits()
            token = self._guide.choose(logits) if constrained else int(np.argmax(logits))
            if token is None or llama_cpp.llama_vocab_is_eog(self._vocab, token):
                break
            if constrained:
                self._guide.accept(token)
            before = len(out)
            out += llm.detokenize([token], special=False)
            produced += 1
            answer.add(token, before)
            repeat = closed_duplicate(out, before) if constrained and b'"' in out[before:] else None
            if repeat is not None and self._end_list(answer, out, repeat):
                continue  # the list is closed in place of the repeat; its tokens are already evaluated
            if constrained and b"}" in out[-8:] and _complete(out):
                break
            if produced >= limit:
                if constrained:
                    raise ModelError(f"the answer did not finish within max_tokens={limit}", out.decode("utf-8", "replace"))
                break
            llm.eval([token])
        return out.decode("utf-8", errors="replace"), len(tokens), produced, time.perf_counter() - start


class _Answer:
    """The tokens generated so far and where each starts in the answer's bytes."""

    def __init__(self, n_prompt: int):
        self.n_prompt, self.tokens, self.starts = n_prompt, [], []

    def add(self, token: int, start: int) -> None:
        self.tokens.append(token)
        self.starts.append(start)


def _complete(text: bytes) -> bool:
    """The grammar closed the object: stop without asking the model for an end-of-text token."""
    try:
        json.loads(text.decode("utf-8"))
        return True
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
