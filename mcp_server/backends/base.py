"""The backend contract: prompt text in, schema-valid metadata out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from ..contract import NewsMetadata


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

    def generate(self, prompt: str, *, deadline: float | None = None) -> Generation:
        """Greedy, schema-constrained generation for one rendered prompt.

        `deadline` is a time.monotonic() value; past it the backend raises ItemTimeout.
        Raises ModelError when no valid output can be produced.
        """
        ...

    def generate_many(self, prompts: list[str], *, deadline: float | None = None) -> list[Generation | Exception]:
        """Several prompts, results in input order; a failing prompt yields its exception."""
        ...

    def close(self) -> None: ...
