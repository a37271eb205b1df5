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

Grounded numbers (the `ground_numbers` setting): while the summary and key_insights are written,
a token is passed over when it would start or continue a number that is not the beginning of a
number in the item's title or content, or close one that is not a whole such number
(news_core/facts.py: "1,000" and "1000" are the same number). Where none of the model's top
candidates fits, the decoder writes the next digit of the shortest number of the text that the
open one begins, or, with no number open, a token without a digit (decoding.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from news_core.facts import NUMBER, canonical, numbers
from news_core.prompt import INSTRUCTIONS, RESPONSE_MARKER, title_and_content  # noqa: F401 (grounded numbers read it)

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


# -- grounded numbers ------------------------------------------------------------------------------

CLAIMS_END = b', "company_names": '  # summary and key_insights come before it in the canonical layout
_TAIL = re.compile(rb"[0-9.,]*$")


class ItemNumbers:
    """The numbers of an item's text (canonical, commas dropped), for whole and prefix checks."""

    def __init__(self, text: str):
        self._sorted = sorted(numbers(text))
        self._set = set(self._sorted)

    def __len__(self) -> int:
        return len(self._sorted)

    def whole(self, number: str) -> bool:
        return canonical(number) in self._set

    def completions(self, number: str) -> list[str]:
        """The item's numbers that the open `number` can still become, shortest first: after a
        trailing "," only longer ones (a thousands separator), after a trailing "." decimals."""
        prefix = canonical(number)
        i, out = bisect_left(self._sorted, prefix), []
        while i < len(self._sorted) and self._sorted[i].startswith(prefix):
            rest = self._sorted[i][len(prefix):]
            if not number.endswith(",") or rest[:1].isdigit():
                out.append(self._sorted[i])
            i += 1
        return sorted(out, key=len)

    def may_end_or_grow(self, number: str) -> bool:
        """Whether an open number can still end as one of the item's: a trailing "." or "," may end
        the sentence or the list after a whole number, or the number goes on into one."""
        return (number[-1] in ".," and self.whole(number[:-1])) or bool(self.completions(number))


def open_number(out: bytes | bytearray) -> str:
    """The number the answer ends in while it can still grow ("", "20", "3." or "1,0"), inside the
    summary and key_insights; "" elsewhere."""
    if CLAIMS_END in out:
        return ""
    tail = _TAIL.search(bytes(out[-48:])).group().decode("ascii")
    match = NUMBER.search(tail)
    if match is None or not (match.end() == len(tail) or match.end() == len(tail) - 1):
        return ""
    return tail[match.start():]


def numbers_grounded(out: bytes | bytearray, new: bytes, item: ItemNumbers) -> bool:
    """Whether appending `new` keeps every number it writes into or closes a number of the item
    (a beginning of one while it is still open)."""
    if CLAIMS_END in out:
        return True
    tail = _TAIL.search(bytes(out[-48:])).group()
    if not tail and not any(48 <= b <= 57 for b in new):
        return True
    # "replace": a token that is the first byte of a character (byte tokens) still ends the number
    text = (tail + new).decode("utf-8", errors="replace")
    claims_end = text.find(CLAIMS_END.decode())
    if claims_end >= 0:
        text = text[:claims_end]
    for match in NUMBER.finditer(text):
        still_open = claims_end < 0 and (match.end() == len(text) or
                                         (match.end() == len(text) - 1 and text[-1] in ".,"))
        number = text[match.start():] if still_open else match.group()  # an open one keeps its "." or ","
        if not (item.may_end_or_grow(number) if still_open else item.whole(number)):
            return False
    return True
