"""Backend `gguf`: llama-cpp-python on CPU, grammar-guided greedy decoding, one model per process."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import llama_cpp
import numpy as np

from news_core.base_model import cache_root
from news_core.errors import Cancelled, ConfigError, ItemTimeout, ModelError
from news_core.grammar import completion_grammar
from news_core.logs import route_llama_log
from news_core.probe import FILE as PROBE_FILE
from news_core.probe import RelevanceProbe
from news_core.prompt import title_and_content
from news_core.relevance_head import FILE as HEAD_FILE
from news_core.relevance_head import RelevanceHead
from news_core.prompt import INSTRUCTIONS
from news_core.threads import IdleWatch, default_threads, idle_threads
from news_core.vocabulary import FILE as VOCABULARY
from news_core.vocabulary import Vocabulary

from ..checkpoint import checkpoint
from ..models import merged_model_path, resolve_adapter, resolve_model
from .base import Backend, Generation
from .decoding import Decoding, Options, TokenLimit
from .grounding import ItemNumbers, KnownTags, item_text
from .guided import GrammarGuide
from .heads import FullHead, ShortHead
from .score_position import ScoreTokens
from .short_head import Embeddings, VocabTexts, short_model

log = logging.getLogger(__name__)
route_llama_log()  # llama.cpp's own log through Python logging from here on (news_core/logs.py)


class GGUFBackend(Backend):
    name = "gguf"

    @property
    def items_at_once(self) -> int:
        return self.batch_size

    def __init__(self, model_path, adapter_path=None, *, n_ctx=2048, n_threads=0, max_tokens=768,
                 relevance_rule="greedy", forced_tokens=True, batch_size=1, ground_companies=False,
                 known_tags=None, head_words=0, ground_numbers=False, probe=None, relevance_head=None):
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
        self.batch_size = batch_size
        self.ground_companies = ground_companies
        self.known_tags = known_tags  # grounding.KnownTags, or None
        self.ground_numbers = ground_numbers
        self.probe = probe  # news_core.probe.RelevanceProbe: relevance_score from the hidden state, or None
        self.relevance_head = relevance_head  # news_core.relevance_head.RelevanceHead: the score from the words
        self._batch = None  # gguf_batch.SequenceBatch, made on the first generate_many that uses it
        self._vocab = self._llm._model.vocab
        self._guide = GrammarGuide(self._vocab, self._llm.n_vocab(), completion_grammar())
        self._lock = threading.Lock()  # a llama.cpp context is not thread-safe
        self._prefix = self._llm.tokenize(INSTRUCTIONS.encode("utf-8"), add_bos=True, special=False)
        self._score = ScoreTokens.find(self._llm)
        self._full = FullHead(self._llm, self._prefix)
        self._short = self._short_head(Path(model_path), kwargs, head_words) if head_words else None
        self.short_fallbacks = 0  # answers decoded again on the full model, since load
        self.threads = threads
        self._watch = IdleWatch() if not n_threads and idle_threads() > threads else None

    @classmethod
    def from_config(cls, config) -> "GGUFBackend":
        model = resolve_model(config.model)
        adapter = resolve_adapter(config.adapter, config.model)
        tags = _known_tags(adapter, config.insight_vocabulary) if config.insight_vocabulary != "off" else None
        head = _relevance_head(adapter, config.relevance_head)
        probe = None if head is not None else _probe(adapter, config.relevance_probe)
        if adapter and config.merge_adapter:
            model, adapter = merged_model_path(model, adapter, cache_root() / "merged"), None
        log.info("loading %s%s", model, f" with adapter {adapter}" if adapter else "")
        return cls(model, adapter, n_ctx=config.n_ctx, n_threads=config.n_threads, max_tokens=config.max_tokens,
                   relevance_rule=config.relevance_rule, forced_tokens=config.forced_tokens,
                   batch_size=config.decode_batch_size, ground_companies=config.ground_companies, known_tags=tags,
                   head_words=config.head_words, ground_numbers=config.ground_numbers, probe=probe,
                   relevance_head=head)

    def _short_head(self, model_path: Path, kwargs: dict, words: int) -> ShortHead | None:
        """The short-head copy of the model (short_head.py), written to the cache on first use; None
        (the whole output layer, with a warning) for a model it does not support."""
        try:
            found = short_model(VocabTexts(self._llm), model_path, words, cache_root() / "heads")
        except ConfigError as exc:
            log.warning("%s: decoding on the whole output layer", exc)
            return None
        try:
            short = llama_cpp.Llama(model_path=str(found.path), **kwargs)
        except Exception as exc:  # llama.cpp reports load failures as ValueError/RuntimeError
            raise ModelError(f"could not load the short-head model {found.path}: {exc}; set head_words = 0") from exc
        log.info("short head: %d of %d output rows (head_words = %d)", len(found.ids), self._llm.n_vocab(), words)
        return ShortHead(self._llm, short, found.ids, Embeddings(model_path, found), self._prefix)

    # -- the Backend protocol -------------------------------------------------------------
    def generate(self, prompt: str, *, deadline: float | None = None, cancel: threading.Event | None = None) -> Generation:
        with self._locked(deadline, cancel):
            answer, n_prompt, seconds = self._run(prompt, True, deadline, cancel)
            result = self._generation(answer, n_prompt, seconds, self._guide.stats())  # counts under the lock
        if isinstance(result, Exception):
            raise result
        return result

    def generate_many(self, prompts: list[str], *, deadline: float | None = None,
                      cancel: threading.Event | None = None) -> list[Generation | Exception]:
        """Up to batch_size prompts decoded together (gguf_batch.py); one at a time when batch_size is 1."""
        if self.batch_size <= 1 or len(prompts) < 2:
            return super().generate_many(prompts, deadline=deadline, cancel=cancel)
        results: list[Generation | Exception | None] = [None] * len(prompts)
        todo = []
        for index, prompt in enumerate(prompts):
            tokens = self._llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
            try:
                self.check_room(len(tokens))
                todo.append((index, tokens, prompt))
            except ModelError as exc:
                results[index] = exc
        with self._locked(deadline, cancel):
            for first in range(0, len(todo), self.batch_size):
                chunk = todo[first:first + self.batch_size]
                outcomes = self._decode_together(chunk, deadline, cancel)
                for (index, tokens, _), (outcome, seconds) in zip(chunk, outcomes, strict=True):
                    results[index] = self._generation(outcome, len(tokens), seconds)
        return results

    def _decode_together(self, chunk, deadline, cancel):
        if self._batch is None or self._batch.size != self.batch_size:
            from .gguf_batch import SequenceBatch

            if self._batch is not None:
                self._batch.close()
            self._batch = SequenceBatch(self._llm, self.batch_size, self.n_ctx, completion_grammar())
        work = [(tokens, self._decoding(guide, prompt, len(tokens)))
                for (_, tokens, prompt), guide in zip(chunk, self._batch.guides, strict=False)]
        return self._batch.run(work, deadline, cancel)

    def _generation(self, outcome, n_prompt: int, seconds: float, stats=None) -> Generation | Exception:
        """A finished Decoding (or the item's exception) -> Generation, or the item's error."""
        if isinstance(outcome, Exception):
            return outcome
        self.forced_appended += outcome.forced
        try:
            metadata = self.parse_answer(outcome.text)
        except ModelError as exc:
            return exc
        return Generation(outcome.text, metadata, n_prompt, outcome.produced, seconds, stats or {}, outcome.probs)

    def count_tokens(self, prompt: str) -> int:
        with self._lock:
            return len(self._llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False))

    def generate_free(self, prompt: str, max_tokens: int) -> tuple[str, int, float]:
        """Unconstrained greedy decoding with the same loop (for benchmarks): text, tokens, seconds."""
        with self._lock:
            answer, _, seconds = self._run(prompt, False, None, None, max_tokens)
        return answer.text, answer.produced, seconds

    def hidden_at(self, prompt: str, answer: str) -> np.ndarray | None:
        """The final hidden state after `prompt` + the start of an `answer` (teacher forcing, tokenized
        as training does: prompt with BOS, answer alone), on the head that decodes."""
        with self._lock:
            tokens = self._llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
            tokens += self._llm.tokenize(answer.encode("utf-8"), add_bos=False, special=False)
            self.check_room(len(tokens))
            head = self._short or self._full
            head.start(tokens, prompt)
            return head.hidden()

    def close(self) -> None:
        # a lock cannot guard a model freed under a thread about to take it: server.py joins first
        with self._lock:
            if self._batch is not None:
                self._batch.close()
            self._guide.close()
            if self._short is not None:
                self._short.close()
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
    def _decoding(self, guide, prompt: str, n_prompt: int, constrained: bool = True, max_tokens=None) -> Decoding:
        options = Options(constrained, self.forced_tokens and constrained, self.relevance_rule,
                          self._score if constrained else None, self.ground_companies and constrained,
                          self.known_tags if constrained else None, self.ground_numbers and constrained,
                          self.probe if constrained else None)
        words = title_and_content(prompt)  # what grounded numbers and the relevance head read
        return Decoding(self._llm, guide, options, n_prompt, max_tokens or self.max_tokens,
                        text_of_item=item_text(prompt) if options.ground_companies else "",
                        numbers=ItemNumbers(words) if options.ground_numbers else None,
                        head_score=self.relevance_head.score(words) if self.relevance_head is not None and constrained
                        else None)

    def _run(self, prompt, constrained, deadline, cancel, max_tokens=None) -> tuple[Decoding, int, float]:
        """Decode one answer: (the finished Decoding, prompt tokens, seconds). On the short head when
        there is one, and again on the full model when its answer does not parse (short_head.py)."""
        tokens = self._llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
        self.check_room(len(tokens), max_tokens)
        self._pick_threads()
        start = time.perf_counter()
        if self._short is not None and constrained:
            try:
                answer = self._run_on(self._short, prompt, tokens, constrained, deadline, cancel, max_tokens)
                self.parse_answer(answer.text)
                return answer, len(tokens), time.perf_counter() - start
            except (ItemTimeout, TokenLimit):
                raise
            except ModelError as exc:
                self.short_fallbacks += 1
                log.info("short head gave no valid answer (%s): decoding again with the full model", exc)
        answer = self._run_on(self._full, prompt, tokens, constrained, deadline, cancel, max_tokens)
        return answer, len(tokens), time.perf_counter() - start

    def _pick_threads(self) -> None:
        """n_threads = 0: every core (at most 4) for this item when the rest of the machine was idle
        since the last one, else half (news_core/threads.py): spin-waiting llama.cpp threads beside
        a busy neighbour ran ~10x slower. Threads do not change answers."""
        if self._watch is None:
            return
        wanted = idle_threads() if self._watch.others_idle() else default_threads()
        if wanted != self.threads:
            contexts = [self._llm._ctx.ctx] + ([self._short._ctx] if self._short is not None else [])
            for ctx in contexts:
                llama_cpp.llama_set_n_threads(ctx, wanted, wanted)
            log.debug("decoding with %d threads (the rest of the machine %s)", wanted,
                      "idle" if wanted > self.threads else "busy")
            self.threads = wanted

    def _run_on(self, head, prompt, tokens, constrained, deadline, cancel, max_tokens=None) -> Decoding:
        """Decode one answer on a head (heads.py) to its end."""
        answer = self._decoding(self._guide, prompt, len(tokens), constrained, max_tokens)
        answer.hidden = head.hidden
        head.start(tokens + answer.start(), prompt, deadline, cancel)
        while True:
            if deadline is not None and time.monotonic() > deadline:
                raise ItemTimeout(f"item exceeded its time limit (item_timeout_s) after {answer.produced} tokens")
            if cancel is not None and cancel.is_set():
                raise Cancelled("cancelled by the caller")
            step = answer.advance(head.logits())
            if not step.feed:
                return answer
            if step.rewind is not None:
                head.rewind(step.rewind)
            head.feed(step.feed)


def _relevance_head(adapter, setting: str) -> RelevanceHead | None:
    """The relevance head: "auto" = relevance_head.json beside the adapter (written by training,
    copied by export), if there is one; "off" = none; else a path that must hold one."""
    if setting == "off" or (setting == "auto" and not adapter):
        return None
    path = Path(adapter).parent / HEAD_FILE if setting == "auto" else Path(setting).expanduser()
    if setting == "auto" and not path.is_file():
        return None
    if not path.is_file():
        raise ConfigError(f"relevance_head = {setting!r}: no such file; give a relevance_head.json written by "
                          "`news-enhancer train` or `news-enhancer data relevance-head`, or auto or off")
    head = RelevanceHead.load(path)
    log.info("relevance_score from the relevance head %s", path)
    return head


def _probe(adapter, setting: str) -> RelevanceProbe | None:
    """The relevance probe: "auto" = the one beside the adapter when it was fitted on that adapter
    (else None, with a log line), "off" = none, else a path that must hold one for this adapter."""
    if setting == "off" or (setting == "auto" and not adapter):
        return None
    path = Path(adapter).parent / PROBE_FILE if setting == "auto" else Path(setting).expanduser()
    if setting == "auto" and not path.is_file():
        return None
    probe = RelevanceProbe.load(path)
    digest = hashlib.sha256(Path(adapter).read_bytes()).hexdigest() if adapter else ""
    if probe.adapter_sha256 != digest:
        message = f"the relevance probe {path} was fitted on another adapter than {adapter}"
        if setting == "auto":
            log.warning("%s: relevance_score from the rule instead", message)
            return None
        raise ConfigError(f"{message}; fit one for it (python -m mcp_server.probe_fit) or set relevance_probe = off")
    log.info("relevance_score from the probe %s", path)
    return probe


def _known_tags(adapter, mode: str = "only") -> KnownTags:
    """The key_insights tags of the vocabulary.json beside the adapter (written by training, copied
    by export); a missing file is a configuration error, not a silent no-op."""
    path = Path(adapter).parent / VOCABULARY if adapter else None
    if path is None or not path.is_file():
        raise ConfigError(f"insight_vocabulary needs {VOCABULARY} beside the adapter ({path or 'no adapter'}); "
                          "training writes it into the adapter folder and export copies it beside the GGUF")
    tags = KnownTags(Vocabulary.load(path).insights, mode)
    log.info("key_insights on %d known tags from %s (%s)", len(tags), path, mode)
    return tags
