"""A fake backend: a test double for the model only, so server and service tests run in milliseconds.

Everything around the model stays real: the MCP server and its tools, input checks, clipping,
per-item errors, limits, time limits, cancellation and progress. The fake stands in for
`Backend.generate` alone and keeps the parts of its contract the server relies on: answers are
schema-valid and deterministic (derived from the prompt, so one item always gets one answer),
a set `cancel` raises Cancelled and a passed `deadline` raises ItemTimeout between "tokens".
What it cannot show (that the real model writes valid JSON under the grammar) is left to the
backend tests and the subprocess server tests, which run the real bundled model.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time

from mcp_server.backends.base import Backend, Generation
from mcp_server.checkpoint import checkpoint
from news_core.errors import Cancelled
from news_core.prompt import RESPONSE_MARKER, render_completion

STEP_S = 0.005  # one fake "token": how often a slow item looks at its deadline and cancel event


class FakeBackend(Backend):
    """Answers derived from each prompt. Per item, by title: `fail` maps a title to the exception
    its generation raises; `slow` maps a title to the seconds its generation takes (in STEP_S
    steps, each a checkpoint). `max_prompt_tokens` (None: unknown, like a remote server) turns
    on the service's token fitting, with one token per 4 bytes of prompt."""

    name = "fake"
    model_id = "fake-model"

    def __init__(self, *, fail: dict[str, Exception] | None = None, slow: dict[str, float] | None = None,
                 max_prompt_tokens: int | None = None):
        self.fail, self.slow = dict(fail or {}), dict(slow or {})
        self._max_prompt_tokens = max_prompt_tokens
        self.calls: list[str] = []  # titles, in the order generation started
        self.cancelled: list[str] = []  # titles whose generation stopped on the cancel event
        self.started = threading.Event()  # set when any generation starts (a test can then cancel it)
        self.closed = False
        self.running = 0  # generations in progress
        self.running_at_close: int | None = None  # must be 0: freeing a model under a thread crashes llama.cpp
        self._lock = threading.Lock()

    def generate(self, prompt: str, *, deadline: float | None = None,
                 cancel: threading.Event | None = None) -> Generation:
        title = field(prompt, "Title")
        with self._lock:
            self.calls.append(title)
            self.running += 1
        self.started.set()
        start = time.monotonic()
        try:
            self._steps(title, start, deadline, cancel)
        except Cancelled:
            with self._lock:
                self.cancelled.append(title)
            raise
        finally:
            with self._lock:
                self.running -= 1
        if title in self.fail:
            raise self.fail[title]
        text = render_completion(answer(prompt))
        return Generation(text, self.parse_answer(text), prompt_tokens=self.count_tokens(prompt),
                          completion_tokens=1, seconds=time.monotonic() - start)

    @classmethod
    def from_config(cls, config) -> "FakeBackend":
        return cls()

    def _steps(self, title: str, start: float, deadline: float | None, cancel: threading.Event | None) -> None:
        """The fake decoding loop: a checkpoint per step, as the real backends make per token."""
        checkpoint(deadline, cancel, "generating")
        while time.monotonic() - start < self.slow.get(title, 0.0):
            time.sleep(STEP_S)
            checkpoint(deadline, cancel, "generating")

    def count_tokens(self, prompt: str) -> int:
        return 1 + len(prompt.encode("utf-8", "surrogatepass")) // 4

    @property
    def max_prompt_tokens(self) -> int | None:
        return self._max_prompt_tokens

    def close(self) -> None:
        with self._lock:
            self.closed, self.running_at_close = True, self.running


def field(prompt: str, name: str) -> str:
    """The value of the first `Name: value` line of a rendered prompt ('' when absent); the item's
    own lines come before its content, so text inside the content cannot pose as its title."""
    found = re.search(rf"^{name}: (.*)$", prompt, re.MULTILINE)
    return found.group(1).strip() if found else ""


def content(prompt: str) -> str:
    return prompt.split("\nContent: ", 1)[-1].removesuffix(RESPONSE_MARKER)


def answer(prompt: str) -> dict:
    """Deterministic metadata for a prompt: the title as summary, the content's first sentences as
    insights, its capitalised title words as companies, a score from the prompt's hash."""
    title = field(prompt, "Title")
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", content(prompt)) if s.strip()]
    companies = list(dict.fromkeys(w.strip(".,:;!?\"'") for w in title.split() if w[:1].isupper()))
    score = 1 + int(hashlib.sha256(prompt.encode("utf-8", "surrogatepass")).hexdigest(), 16) % 10
    return {"summary": title[:200], "key_insights": [s[:120] for s in sentences[:2]],
            "company_names": [c for c in companies if c][:3], "relevance_score": score}
