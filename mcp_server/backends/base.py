"""The backend contract: prompt text in, schema-valid metadata out."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from news_core.contract import NewsMetadata


@dataclass
class Generation:
    """One generated answer: the raw text, the validated metadata and how it was made."""

    text: str
    metadata: NewsMetadata
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    stats: dict[str, float] = field(default_factory=dict)


@runtime_checkable
class Backend(Protocol):
    """A loaded model. Implementations must be safe to call from several threads."""

    name: str
    model_id: str

    def generate(self, prompt: str, *, deadline: float | None = None,
                 cancel: threading.Event | None = None) -> Generation:
        """Greedy, schema-constrained generation for one rendered prompt.

        `deadline` is a time.monotonic() value; past it the backend raises ItemTimeout.
        `cancel`, once set, makes it raise Cancelled between tokens.
        Raises ModelError when no valid output can be produced.
        """
        ...

    def generate_many(self, prompts: list[str], *, deadline: float | None = None,
                      cancel: threading.Event | None = None) -> list[Generation | Exception]:
        """Several prompts, results in input order; a failing prompt yields its exception."""
        ...

    def count_tokens(self, prompt: str) -> int | None:
        """Tokens the model would see for `prompt` (BOS included); None when the backend cannot tell."""
        ...

    @property
    def max_prompt_tokens(self) -> int | None:
        """The longest prompt that still leaves room for a full answer; None when unknown."""
        ...

    def close(self) -> None: ...
