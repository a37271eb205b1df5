"""Company names grounded in the item's own text, insights on known tags: checks while decoding.

On the project's test split 139 of 144 reference company names occur in their item's text, while
23 of the shipped model's 38 wrong names do not (invented or inferred: "Wall Street", "US OpenAI").
With grounding on, a token that would make a company_names element something the item's text
does not contain (case-insensitively, as a substring) is passed over for the likeliest token
that keeps it there; when none of the model's top candidates does, the model's own token stands.
Known tags (the `insight_vocabulary` setting) work the same way for key_insights: a token is
passed over when it would take an element off every tag of the training vocabulary (a prefix
while the element is open, a whole tag once it closes). Works on the canonical layout's bytes,
like repeats.py.
"""

from __future__ import annotations

from bisect import bisect_left

from news_core.prompt import INSTRUCTIONS, RESPONSE_MARKER

from .repeats import COMPANIES, INSIGHTS, list_elements


def item_text(prompt: str) -> str:
    """The item part of a rendered prompt (title, source, date, content), casefolded."""
    body = prompt[len(INSTRUCTIONS):] if prompt.startswith(INSTRUCTIONS) else prompt
    return body.removesuffix(RESPONSE_MARKER).casefold()


def _touched(out: bytes | bytearray, new: bytes, marker: bytes) -> list[tuple[str, bool]]:
    """(casefolded text, closed) of each element of the list after `marker` that appending `new`
    to `out` writes into or closes."""
    after = bytes(out) + new
    opener = after.find(marker)
    if opener < 0:
        return []
    return [(after[first:end].decode("utf-8", errors="ignore").casefold(), end < len(after))
            for first, end in list_elements(after, opener + len(marker)) if end >= len(out)]


def grounded(out: bytes | bytearray, new: bytes, text: str) -> bool:
    """Whether appending `new` to `out` keeps every company_names element it touches inside `text`."""
    return all(not name or name in text for name, _ in _touched(out, new, COMPANIES))


class KnownTags:
    """The key_insights tags of a training set (news_core.vocabulary): prefix checks and the rest
    of each tag that a partial element could still become."""

    def __init__(self, tags, mode: str = "only"):
        originals = {t.casefold(): t for t in tags if t.strip()}
        self._sorted = sorted(originals)
        self._original = [originals[t] for t in self._sorted]
        self.mode = mode  # "only": an element that starts on a tag ends on one; "prefer": see decoding.py

    def __len__(self) -> int:
        return len(self._sorted)

    def allows(self, text: str, closed: bool) -> bool:
        i = bisect_left(self._sorted, text)
        if closed:
            return i < len(self._sorted) and self._sorted[i] == text
        return i < len(self._sorted) and self._sorted[i].startswith(text)

    def rests(self, prefix: str, limit: int = 256) -> list[str]:
        """What follows `prefix` (any case) in the tags that start with it, then the closing quote."""
        folded, out = prefix.casefold(), []
        i = bisect_left(self._sorted, folded)
        while i < len(self._sorted) and self._sorted[i].startswith(folded) and len(out) < limit:
            out.append(self._original[i][len(prefix):] + '"')
            i += 1
        return out


def open_element(out: bytes | bytearray, marker: bytes) -> str | None:
    """The text so far of the list element being written after `marker`, or None when none is open."""
    opener = bytes(out).rfind(marker)
    if opener < 0:
        return None
    spans = list_elements(bytes(out), opener + len(marker))
    if not spans or spans[-1][1] < len(out):
        return None
    return bytes(out[spans[-1][0]:]).decode("utf-8", errors="ignore")


def known_insight(out: bytes | bytearray, new: bytes, tags: KnownTags) -> bool:
    """Whether appending `new` to `out` keeps every key_insights element it touches on a known tag."""
    return all(tags.allows(text, closed) for text, closed in _touched(out, new, INSIGHTS))
