"""Answers kept for short texts: the splitter asks the same questions of the same short texts again in every
reading of a newsletter (the footer patterns, the sponsor lexicon, the learned reader's text features, link
cleaning). The cache is bounded in count, and a long text is answered afresh, so it holds short strings only."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")


def kept_when_short(limit: int, maxsize: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Decorate a function of one string: its answers for strings of `limit` characters at most are kept
    (at most `maxsize` of them); longer strings are answered without the cache."""
    def wrap(fn: Callable[[str], T]) -> Callable[[str], T]:
        kept = lru_cache(maxsize=maxsize)(fn)

        @wraps(fn)
        def answer(text: str) -> T:
            return kept(text) if len(text) <= limit else fn(text)
        return answer
    return wrap
