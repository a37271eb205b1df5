"""Grammar token masks for in-process decoding with transformers, computed by llguidance.

One compiled grammar and one llguidance tokenizer per backend; one matcher per sequence. The
masks of a whole batch are filled in parallel by a native thread pool, then expanded to a
boolean [batch, vocab] tensor on the model's device.
"""

from __future__ import annotations

import llguidance
import llguidance.hf
import torch
from llguidance.numpy import allocate_token_bitmask, fill_next_token_bitmask_par

from news_core.errors import ModelError


class GrammarMasks:
    def __init__(self, hf_tokenizer, gbnf: str, n_logits: int, *, threads: int | None = None):
        try:
            self.tokenizer = llguidance.hf.from_tokenizer(hf_tokenizer)
        except ValueError as exc:  # slow (Python) tokenizers are not supported
            raise ModelError(f"llguidance cannot use this tokenizer ({exc}); a fast tokenizer is required") from exc
        self.grammar = llguidance.grammar_from("gbnf", gbnf)
        failed, messages = llguidance.LLMatcher.validate_grammar_with_warnings(self.grammar, self.tokenizer)
        if failed:
            raise ModelError(f"llguidance rejected the completion grammar: {messages[0]}")
        self.n_vocab = self.tokenizer.vocab_size
        self.n_logits = n_logits
        self.eos_ids = set(self.tokenizer.eos_tokens)
        self._executor = llguidance.LLExecutor(threads)
        self._shifts = None

    def matcher(self) -> llguidance.LLMatcher:
        return llguidance.LLMatcher(self.tokenizer, self.grammar, log_level=0)

    def allowed(self, matchers: list[llguidance.LLMatcher], device) -> torch.Tensor:
        """Boolean [len(matchers), n_logits]: True where the grammar allows the token next."""
        bitmask = allocate_token_bitmask(len(matchers), self.n_vocab)
        fill_next_token_bitmask_par(self._executor, [(m, i) for i, m in enumerate(matchers)], bitmask)
        words = torch.from_numpy(bitmask).to(device)
        if self._shifts is None or self._shifts.device != words.device:
            self._shifts = torch.arange(32, dtype=torch.int32, device=words.device)
        bits = ((words.unsqueeze(-1) >> self._shifts) & 1).bool().flatten(1)[:, : self.n_vocab]
        if self.n_logits > self.n_vocab:  # model rows with no tokenizer entry are never allowed
            bits = torch.nn.functional.pad(bits, (0, self.n_logits - self.n_vocab), value=False)
        return bits[:, : self.n_logits]

    def decode(self, tokens: list[int]) -> str:
        return self.tokenizer.decode_bytes(tokens).decode("utf-8", errors="replace")
