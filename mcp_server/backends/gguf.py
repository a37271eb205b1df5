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
from news_core.grammar import completion_grammar, forced_continuation
from news_core.prompt import INSTRUCTIONS
from news_core.score_rules import choose, distribution
from news_core.threads import default_threads

from ..checkpoint import checkpoint
from ..models import resolve_adapter, resolve_model
from .base import Backend, Generation
from .guided import GrammarGuide
from .repeats import closed_duplicate
from .score_position import SCORE_AT, ScoreTokens

log = logging.getLogger(__name__)


class GGUFBackend(Backend):
    name = "gguf"

    def __init__(self, model_path, adapter_path=None, *, n_ctx=2048, n_threads=0, max_tokens=768,
                 relevance_rule="greedy", forced_tokens=True):
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
        self.relevance_rule = relevance_rule
        self.forced_tokens = forced_tokens
        self.forced_appended = 0  # tokens appended without a decode step of their own, since load
        self._vocab = self._llm._model.vocab
        self._guide = GrammarGuide(self._vocab, self._llm.n_vocab(), completion_grammar())
        self._lock = threading.Lock()  # a llama.cpp context is not thread-safe
        self._prefix = self._llm.tokenize(INSTRUCTIONS.encode("utf-8"), add_bos=True, special=False)
        self._score = ScoreTokens.find(self._llm)

    @classmethod
    def from_config(cls, config) -> "GGUFBackend":
        model = resolve_model(config.model)
        adapter = resolve_adapter(config.adapter, config.model)
        log.info("loading %s%s", model, f" with adapter {adapter}" if adapter else "")
        return cls(model, adapter, n_ctx=config.n_ctx, n_threads=config.n_threads, max_tokens=config.max_tokens,
                   relevance_rule=config.relevance_rule, forced_tokens=config.forced_tokens)

    # -- the Backend protocol -------------------------------------------------------------
    def generate(self, prompt: str, *, deadline: float | None = None, cancel: threading.Event | None = None) -> Generation:
        with self._locked(deadline, cancel):
            text, n_prompt, n_out, seconds, probs = self._run(prompt, True, deadline, cancel)
            stats = self._guide.stats()
        return Generation(text, self.parse_answer(text), n_prompt, n_out, seconds, stats, probs)

    def count_tokens(self, prompt: str) -> int:
        with self._lock:
            return len(self._llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False))

    def generate_free(self, prompt: str, max_tokens: int) -> tuple[str, int, float]:
        """Unconstrained greedy decoding with the same loop (for benchmarks): text, tokens, seconds."""
        with self._lock:
            text, _, n_out, seconds, _ = self._run(prompt, False, None, None, max_tokens)
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
        out, answer, probs = bytearray(), _Answer(len(tokens)), None
        if constrained:
            self._guide.reset()
        opening = self._append_forced(answer, out) if constrained and self.forced_tokens else []
        self._prefill(tokens + opening, deadline, cancel)
        produced = len(opening)
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
            forced = self._append_forced(answer, out) if constrained and self.forced_tokens else []
            produced += len(forced)
            llm.eval([token, *forced])
            if constrained and self._score and out.endswith(SCORE_AT):
                probs, written = self._write_score(answer, out)
                produced += written
                break
        return out.decode("utf-8", errors="replace"), len(tokens), produced, time.perf_counter() - start, probs

    def _append_forced(self, answer: "_Answer", out: bytearray) -> list[int]:
        """The tokens the grammar forces next (news_core.grammar.forced_continuation), accepted and
        appended to the answer, so that the caller evaluates them in the same decode call as the
        model's token. The last one is left to the model when its next token could merge with it.
        If the grammar refuses one, nothing is appended and decoding goes on token by token."""
        text, merges = forced_continuation(out.decode("utf-8", errors="replace"))
        forced = self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False) if text else []
        forced = forced[:-1] if merges else forced
        for token in forced:
            if not self._guide.allows(token):
                self._guide.replay(answer.tokens)
                return []
            self._guide.accept(token)
        for token in forced:
            answer.add(token, len(out))
            out += self._llm.detokenize([token], special=False)
        self.forced_appended += len(forced)
        return forced

    def _write_score(self, answer: "_Answer", out: bytearray) -> tuple[list[float], int]:
        """At the score position: P(score = 1..10) (score_position.py), then the score the rule picks
        and the closing brace, written without further decoding."""
        first = self._score.first_digit(self._guide, self._logits())
        if not np.isfinite(first).all():
            raise ModelError("the grammar allows no score digit", out.decode("utf-8", "replace"))
        self._llm.eval([self._score.digits[0]])  # one step past a "1": "1}" or "10"?
        probs = distribution(first.tolist(), self._score.ten_after_one(self._logits()))
        tail = self._score.tokens(choose(probs, self.relevance_rule))
        for token in tail:
            # the grammar's own verdict (not `allows`, which tests replace): accepting a refused token aborts
            if not np.isfinite(self._guide.allowed_logits(np.array([token], dtype=np.int32), np.zeros(1, np.float32)))[0]:
                raise ModelError(f"the grammar refused the score token {token}", out.decode("utf-8", "replace"))
            self._guide.accept(token)
            answer.add(token, len(out))
            out += self._llm.detokenize([token], special=False)
        return [round(p, 6) for p in probs], len(tail)



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
