"""Company names grounded in the item's own text, checked while the answer is decoded.

On the project's test split 139 of 144 reference company names occur in their item's text, while
23 of the shipped model's 38 wrong names do not (invented or inferred: "Wall Street", "US OpenAI").
With grounding on, a token that would make a company_names element something the item's text
does not contain (case-insensitively, as a substring) is passed over for the likeliest token
that keeps it there; when none of the model's top candidates does, the model's own token stands.
Works on the canonical layout's bytes, like repeats.py.
"""

from __future__ import annotations

from news_core.prompt import INSTRUCTIONS, RESPONSE_MARKER

COMPANIES = b'"company_names": ['


def item_text(prompt: str) -> str:
    """The item part of a rendered prompt (title, source, date, content), casefolded."""
    body = prompt[len(INSTRUCTIONS):] if prompt.startswith(INSTRUCTIONS) else prompt
    return body.removesuffix(RESPONSE_MARKER).casefold()


def _elements(out: bytes, start: int) -> list[tuple[int, int]]:
    """(first byte, end) of each element of the list opening at `start`, the last one maybe open."""
    spans, i = [], start
    while i < len(out) and out[i:i + 1] != b"]":
        if out[i:i + 2] == b", ":
            i += 2
            continue
        if out[i:i + 1] != b'"':
            break
        end = i + 1
        while end < len(out) and out[end:end + 1] != b'"':
            end += 2 if out[end:end + 1] == b"\\" else 1
        spans.append((i + 1, min(end, len(out))))
        i = end + 1
    return spans


def grounded(out: bytes | bytearray, new: bytes, text: str) -> bool:
    """Whether appending `new` to `out` keeps every company_names element it touches inside `text`."""
    after = bytes(out) + new
    opener = after.find(COMPANIES)
    if opener < 0:
        return True
    for first, end in _elements(after, opener + len(COMPANIES)):
        if end >= len(out):  # its content or its closing quote is new
            name = after[first:end].decode("utf-8", errors="ignore").casefold()
            if name and name not in text:
                return False
    return True
