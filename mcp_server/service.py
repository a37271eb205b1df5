"""The enhancement service: input checks, clipping, generation and per-item error capture.

The MCP tools (server.py) call it from worker threads; it knows nothing about MCP itself.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Iterator

from pydantic import ValidationError

from news_core.errors import Cancelled, InputError, NewsEnhancerError
from news_core.fields import refusal, unknown_keys
from news_core.items import ITEM_FIELDS, NewsItem, clip, is_blank, over_limit
from news_core.prompt import render_prompt

from .backends.base import Backend, Generation
from .checkpoint import checkpoint
from .config import ServerConfig
from .messages import json_kind, problems
from .results import BatchEntry, BatchResult, EnhancedItem

log = logging.getLogger(__name__)


class Enhancer:
    def __init__(self, backend: Backend, config: ServerConfig):
        self.backend = backend
        self.config = config

    def check_item(self, raw: Any, index: int | None = None) -> NewsItem:
        """Validate one item (a dict or NewsItem); InputError says exactly what is wrong.

        Field lengths are checked first, so nothing below ever works on an oversized value."""
        where = "item" if index is None else f"item {index}"
        if not isinstance(raw, (dict, NewsItem)):
            raise InputError(f"{where} must be an object with title and content, got {json_kind(raw)}")
        if isinstance(raw, dict) and (unknown := unknown_keys(map(str, raw), ITEM_FIELDS)):
            raise InputError(refusal(where, unknown, ITEM_FIELDS))  # never dropped: `body` is no `content`
        if problem := over_limit(raw, self.config.field_limits(), where):
            raise InputError(problem)
        try:
            item = raw if isinstance(raw, NewsItem) else NewsItem.model_validate(raw)
        except ValidationError as exc:
            raise InputError(f"{where} is invalid: {problems(exc)}") from None
        if is_blank(item.title) and is_blank(item.content):
            raise InputError(f"{where} has an empty title and empty content (whitespace, zero-width and control "
                             "characters do not count): send at least one of them")
        for name in ("title", "content", "source", "url", "published", "id"):
            try:
                (getattr(item, name) or "").encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(f"{where}: {name} is not valid Unicode (a lone surrogate at character {exc.start}); "
                                 "send UTF-8 text") from None
        return item

    def prepare(self, item: NewsItem, deadline: float | None = None,
                cancel: threading.Event | None = None) -> tuple[str, bool]:
        """The prompt the model sees, and whether the content was cut (by characters, then tokens).
        Every field is clipped or refused before the first tokenization."""
        clipped, truncated = clip(item, self.config.max_title_chars, self.config.max_content_chars)
        checkpoint(deadline, cancel, "clipping its fields")
        prompt, cut = self.fit_prompt(clipped, deadline, cancel)
        return prompt, truncated or cut

    def enhance(self, item: NewsItem, item_id: str, cancel: threading.Event | None = None, *,
                deadline: float | None = None) -> EnhancedItem:
        deadline = deadline or time.monotonic() + self.config.item_timeout_s
        prompt, truncated = self.prepare(item, deadline, cancel)
        gen = self.backend.generate(prompt, deadline=deadline, cancel=cancel)
        return EnhancedItem(
            id=item_id, metadata=gen.metadata, content_truncated=truncated,
            model=self.backend.model_id, seconds=round(gen.seconds, 3),
        )

    def enhance_raw(self, raw: dict, cancel: threading.Event | None = None) -> EnhancedItem:
        """One item as a caller sent it: checked, prepared and generated under one time limit."""
        deadline = time.monotonic() + self.config.item_timeout_s
        item = self.check_item(raw)
        return self.enhance(item, item.item_id(), cancel, deadline=deadline)

    def fit_prompt(self, item: NewsItem, deadline: float | None = None,
                   cancel: threading.Event | None = None) -> tuple[str, bool]:
        """The rendered prompt, with the content cut further until it fits the model's context.

        The character limits suit English; dense scripts (CJK, emoji, combining marks) take far
        more tokens per character, and such an item would otherwise fail instead of being answered.
        """
        limit, prompt = self.backend.max_prompt_tokens, render_prompt(item)
        if limit is None or (self.backend.count_tokens(prompt) or 0) <= limit:
            return prompt, False

        def tokens(keep: int) -> int:
            checkpoint(deadline, cancel, "fitting its prompt to the model's context")
            return self.backend.count_tokens(render_prompt(item.model_copy(update={"content": item.content[:keep]})))

        if (bare := tokens(0)) > limit:
            raise InputError(
                f"the title, source and date alone take {bare} prompt tokens, more than the {limit} the model has "
                "room for (n_ctx minus max_tokens): shorten the title (max_title_chars) or source (max_source_chars), "
                "or raise n_ctx")
        low, high = 0, len(item.content)  # the longest content prefix that fits, by bisection
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if tokens(mid) <= limit else (low, mid - 1)
        return render_prompt(item.model_copy(update={"content": item.content[:low]})), True

    @property
    def chunk_size(self) -> int:
        """Items handed to the backend at once, under one time limit: as many as it works on together
        (decode_batch_size on gguf, batch_size on peft, the requests in flight on openai)."""
        return max(1, self.backend.items_at_once)

    def chunks(self, items: list[Any]) -> Iterator[tuple[int, list[Any]]]:
        """(index of the first item, items) in runs of chunk_size, for enhance_entries."""
        size = self.chunk_size
        for first in range(0, len(items), size):
            yield first, items[first:first + size]

    def item_ids(self, raws: list[Any], first_index: int = 0) -> list[str]:
        """One id per item: the caller's own (non-blank, within max_id_chars), else item-<index>,
        suffixed when a caller id in the same call already reads that way."""
        given = [given_id(raw, self.config.max_id_chars) for raw in raws]
        taken = {g for g in given if g is not None}
        ids = []
        for index, item_id in enumerate(given, start=first_index):
            if item_id is None:
                item_id, n = f"item-{index}", 1
                while item_id in taken:
                    n += 1
                    item_id = f"item-{index}-{n}"
                taken.add(item_id)
            ids.append(item_id)
        return ids

    def enhance_entries(self, raws: list[Any], first_index: int, cancel: threading.Event | None = None, *,
                        ids: list[str] | None = None, indexes: list[int] | None = None) -> list[BatchEntry]:
        """Consecutive batch entries, the model work in one backend.generate_many call, all of it under
        one time limit. Every failure becomes its own item's error, never an exception; only Cancelled
        ends the call. `ids`: from item_ids over the whole call, so generated ids never collide.
        `indexes`: each item's own index, when they do not run on from first_index (a file's lines)."""
        deadline = time.monotonic() + self.config.item_timeout_s
        entries: dict[int, BatchEntry] = {}
        pending, prompts = [], []
        ids = ids or self.item_ids(raws, first_index)
        for index, raw, item_id in zip(indexes or range(first_index, first_index + len(raws)), raws, ids):
            try:
                prompt, truncated = self.prepare(self.check_item(raw, index), deadline, cancel)
            except Exception as exc:  # bad input, or a bug: either way this item's error alone
                entries[index] = _entry(index, item_id, False, exc)
                continue
            pending.append((index, item_id, truncated))
            prompts.append(prompt)
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


def given_id(raw: Any, limit: int) -> str | None:
    """The caller's id when it can be echoed back: a non-blank string within the limit."""
    item_id = raw.get("id") if isinstance(raw, dict) else raw.id if isinstance(raw, NewsItem) else None
    if isinstance(item_id, str) and item_id.strip() and len(item_id) <= limit:
        return item_id
    return None
