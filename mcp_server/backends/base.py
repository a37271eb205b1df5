"""The backend contract, and what every backend shares: prompt text in, schema-valid metadata out.

A backend writes only what differs: how it loads (`from_config`) and how it answers one prompt
(`generate`). The room check, the text-to-metadata parsing, a sequential `generate_many` and the
prompt budget are written once here.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from news_core.contract import NewsMetadata, parse
from news_core.errors import ContractError, ModelError


@dataclass
class Generation:
    """One generated answer: the raw text, the validated metadata and how it was made."""

    text: str
    metadata: NewsMetadata
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    stats: dict[str, float] = field(default_factory=dict)
    score_probs: list[float] | None = None  # P(relevance_score = 1..10), where the backend can read it


class Backend(ABC):
    """A loaded model. Implementations must be safe to call from several threads."""

    name: ClassVar[str]
    model_id: str
    max_tokens: int
    n_ctx: int | None = None  # None: the context window is someone else's (a remote server)

    @classmethod
    @abstractmethod
    def from_config(cls, config) -> "Backend":
        """Load the model the ServerConfig names (called once, in the server's lifespan)."""

    @abstractmethod
    def generate(self, prompt: str, *, deadline: float | None = None,
                 cancel: threading.Event | None = None) -> Generation:
        """Greedy, schema-constrained generation for one rendered prompt.

        `deadline` is a time.monotonic() value; past it the backend raises ItemTimeout.
        `cancel`, once set, makes it raise Cancelled between tokens.
        Raises ModelError when no valid output can be produced.
        """

    def generate_many(self, prompts: list[str], *, deadline: float | None = None,
                      cancel: threading.Event | None = None) -> list[Generation | Exception]:
        """Several prompts, results in input order; a failing prompt yields its exception (Cancelled
        ends the call). One after another unless a backend can do better (peft batches, openai
        runs requests in parallel)."""
        results: list[Generation | Exception] = []
        for prompt in prompts:
            try:
                results.append(self.generate(prompt, deadline=deadline, cancel=cancel))
            except ModelError as exc:  # ItemTimeout included
                results.append(exc)
        return results

    @property
    def items_at_once(self) -> int:
        """Prompts a generate_many call works on at the same time (1: one after another). The service
        hands a backend chunks of this size, each chunk under one time limit."""
        return 1

    def count_tokens(self, prompt: str) -> int | None:
        """Tokens the model would see for `prompt` (BOS included); None when the backend cannot tell."""
        return None

    @property
    def max_prompt_tokens(self) -> int | None:
        """The longest prompt that still leaves room for a full answer; None when unknown."""
        return None if self.n_ctx is None else self.n_ctx - self.max_tokens

    def check_room(self, prompt_tokens: int, max_tokens: int | None = None) -> None:
        """ModelError when a prompt of this many tokens leaves no room for a whole answer."""
        limit = max_tokens or self.max_tokens
        if self.n_ctx is not None and prompt_tokens + limit > self.n_ctx:
            raise ModelError(f"prompt of {prompt_tokens} tokens leaves no room for an answer of max_tokens={limit} "
                             f"in n_ctx={self.n_ctx}; raise n_ctx, or lower max_tokens or max_content_chars")

    @staticmethod
    def parse_answer(text: str) -> NewsMetadata:
        """contract.parse, failing as a ModelError that quotes the raw text (the caller's error entry)."""
        try:
            return parse(text)
        except ContractError as exc:
            raise ModelError(f"the model produced no valid result ({exc}); raw output: {text[:300]!r}", text) from exc

    def close(self) -> None:
        """Free the model. The caller makes sure no thread still uses it (server.py joins its workers)."""
