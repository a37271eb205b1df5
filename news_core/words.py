"""The most frequent English words, for the short output layer (the gguf backend's `head_words`).

A shipped list (assets/english_words.txt, written once by packaging/make_word_list.py from the
wordfreq package's data) instead of wordfreq itself: 240 KB instead of a 58 MB dependency that
served this one list. The list keeps wordfreq's data licence, CC BY-SA 4.0 (NOTICE).
"""

from __future__ import annotations

from functools import cache

from .bundled import ASSETS
from .errors import ConfigError

ENGLISH_WORDS = ASSETS / "english_words.txt"
MAX_WORDS = 30000  # the lines of that file


@cache
def _all_words() -> tuple[str, ...]:
    try:
        lines = ENGLISH_WORDS.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"the word list {ENGLISH_WORDS} cannot be read ({exc.strerror or exc}); reinstall "
                          "news-enhancer, or set head_words = 0") from None
    return tuple(line for line in lines if not line.startswith("# "))


def common_words(n: int) -> list[str]:
    """The `n` most frequent English words, most frequent first (wordfreq's top_n_list('en', n))."""
    words = _all_words()
    if n > len(words):
        raise ConfigError(f"head_words = {n} is more than the {len(words)} words shipped in {ENGLISH_WORDS.name}; "
                          f"use at most {len(words)}")
    return list(words[:n])
