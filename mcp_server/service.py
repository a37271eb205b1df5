"""The enhancement service: input checks, clipping, generation and per-item error capture.

Shared by the MCP tools, the demo and the evaluation; knows nothing about MCP itself.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Iterator

from pydantic import ValidationError

from .backends.base import Backend, Generation
from .config import ServerConfig
from .errors import Cancelled, InputError, NewsEnhancerError
from .items import NewsItem, clip
from .prompt import render_prompt
from .results import BatchEntry, BatchResult, EnhancedItem

log = logging.getLogger(__name__)


class Enhancer:
    def __init__(self, backend: Backend, config: ServerConfig):
        self.backend = backend
        self.config = config

    def check_item(self, raw: Any, index: int | None = None) -> NewsItem:
        """Validate one item (a dict or NewsItem); InputError says exactly what is wrong."""
        where = "item" if index is None else f"item {index}"
        if isinstance(raw, NewsItem):
            item = raw
        elif not isinstance(raw, dict):
            raise InputError(f"{where} must be an object with title and content, got {type(raw).__name__}")
        else:
            try:
                item = NewsItem.model_validate(raw)
            except ValidationError as exc:
                problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'item'}: {e['msg']}" for e in exc.errors())
                raise InputError(f"{where} is invalid: {problems}") from None
        if not item.title.strip() and not item.content.strip():
            raise InputError(f"{where} has an empty title and empty content: send at least one of them")
        for name in ("title", "content", "source", "url", "published"):
            try:
                getattr(item, name).encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(f"{where}: {name} is not valid Unicode (a lone surrogate at character {exc.start}); "
                                 "send UTF-8 text") from None
        return item

    def prepare(self, item: NewsItem) -> tuple[str, bool]:
        """The prompt the model sees, and whether the content was cut (by characters, then tokens)."""
        clipped, truncated = clip(item, self.config.max_title_chars, self.config.max_content_chars)
        prompt, cut = self.fit_prompt(clipped)
        return prompt, truncated or cut

    def enhance(self, item: NewsItem, item_id: str, cancel: threading.Event | None = None) -> EnhancedItem:
        prompt, truncated = self.prepare(item)
        deadline = time.monotonic() + self.config.item_timeout_s
        gen = self.backend.generate(prompt, deadline=deadline, cancel=cancel)
        return EnhancedItem(
            id=item_id, metadata=gen.metadata, content_truncated=truncated,
            model=self.backend.model_id, seconds=round(gen.seconds, 3),
        )

    def fit_prompt(self, item: NewsItem) -> tuple[str, bool]:
        """The rendered prompt, with the content cut further until it fits the model's context.

        The character limits suit English; dense scripts (CJK, emoji, combining marks) take far
        more tokens per character, and such an item would otherwise fail instead of being answered.
        """
        limit, prompt = self.backend.max_prompt_tokens, render_prompt(item)
        if limit is None or (self.backend.count_tokens(prompt) or 0) <= limit:
            return prompt, False

        def fits(keep: int) -> bool:
            return self.backend.count_tokens(render_prompt(item.model_copy(update={"content": item.content[:keep]}))) <= limit

        low, high = 0, len(item.content)  # the longest content prefix that fits, by bisection
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if fits(mid) else (low, mid - 1)
        # An item whose title alone overflows still fails: the backend says so as this item's error.
        return render_prompt(item.model_copy(update={"content": item.content[:low]})), True

    def enhance_entry(self, raw: Any, index: int, cancel: threading.Event | None = None) -> BatchEntry:
        """One batch entry; every failure becomes this entry's error, never an exception."""
        return self.enhance_entries([raw], index, cancel)[0]

    @property
    def chunk_size(self) -> int:
        """Items handed to the backend at once: a batch per forward pass on peft, requests in flight
        on openai; one at a time on gguf (one llama.cpp context), keeping per-item time limits exact."""
        return {"peft": self.config.batch_size, "openai": self.config.max_in_flight}.get(self.config.backend, 1)

    def chunks(self, items: list[Any]) -> Iterator[tuple[int, list[Any]]]:
        """(index of the first item, items) in runs of chunk_size, for enhance_entries."""
        size = self.chunk_size
        for first in range(0, len(items), size):
            yield first, items[first:first + size]

    def enhance_entries(self, raws: list[Any], first_index: int, cancel: threading.Event | None = None) -> list[BatchEntry]:
        """Consecutive batch entries, the model work in one backend.generate_many call. Every failure
        becomes its own item's error, never an exception; only Cancelled ends the call."""
        entries: dict[int, BatchEntry] = {}
        pending, prompts = [], []
        for index, raw in enumerate(raws, start=first_index):
            item_id = _given_id(raw) or f"item-{index}"
            try:
                prompt, truncated = self.prepare(self.check_item(raw, index))
            except Exception as exc:  # bad input, or a bug: either way this item's error alone
                entries[index] = _entry(index, item_id, False, exc)
                continue
            pending.append((index, item_id, truncated))
            prompts.append(prompt)
        deadline = time.monotonic() + self.config.item_timeout_s
        try:
            results = self.backend.generate_many(prompts, deadline=deadline, cancel=cancel) if prompts else []
        except Cancelled:
            raise
        except Exception as exc:  # a backend bug must still leave one entry per item
            results = [exc] * len(prompts)
        for (index, item_id, truncated), gen in zip(pending, results):
            entries[index] = _entry(index, item_id, truncated, gen)
        return [entries[i] for i in sorted(entries)]

    def check_batch(self, items: Any) -> list[Any]:
        if not isinstance(items, list):
            raise InputError("items must be a list of objects with title and content")
        if not items:
            raise InputError("items is empty: send at least one item")
        if len(items) > self.config.max_batch_items:
            raise InputError(
                f"batch of {len(items)} items is over the limit of {self.config.max_batch_items}: split it into smaller batches"
            )
        return items

    def enhance_batch(self, items: list[Any], progress: Callable[[int, int], None] | None = None,
                      cancel: threading.Event | None = None) -> BatchResult:
        start = time.perf_counter()
        entries: list[BatchEntry] = []
        items = self.check_batch(items)
        for first, chunk in self.chunks(items):
            entries += self.enhance_entries(chunk, first, cancel)
            if progress:
                progress(len(entries), len(items))
        return summarise(entries, self.backend.model_id, time.perf_counter() - start)


def summarise(entries: list[BatchEntry], model: str, seconds: float) -> BatchResult:
    ok = sum(e.ok for e in entries)
    return BatchResult(items=entries, succeeded=ok, failed=len(entries) - ok, model=model, seconds=round(seconds, 3))


def _entry(index: int, item_id: str, truncated: bool, gen: Generation | Exception) -> BatchEntry:
    if isinstance(gen, Cancelled):
        raise gen
    if isinstance(gen, NewsEnhancerError):
        return BatchEntry(index=index, id=item_id, ok=False, error=str(gen))
    if isinstance(gen, Exception):
        log.error("item %s failed unexpectedly", item_id, exc_info=gen)
        return BatchEntry(index=index, id=item_id, ok=False, error=f"internal error: {type(gen).__name__}: {gen}")
    return BatchEntry(index=index, id=item_id, ok=True, metadata=gen.metadata, content_truncated=truncated,
                      seconds=round(gen.seconds, 3))


def _given_id(raw: Any) -> str | None:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        return raw["id"]
    if isinstance(raw, NewsItem) and raw.id:
        return raw.id
    return None
