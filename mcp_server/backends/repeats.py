"""No repeated list items: find a key_insights or company_names element that repeats an earlier one.

A small model can loop (`["Amazon", "Amazon Autos", "Amazon Autos", ...]`); the grammar cannot
forbid it (uniqueness is not context-free). The decoder asks here after each token whether that
token closed an element equal (case- and space-insensitively) to an earlier one of its list, and
if so ends the list before it. Works on the canonical layout's bytes: every character this scans
for is ASCII, and no byte of a multi-byte UTF-8 character is.
"""

from __future__ import annotations

LISTS = (b'"key_insights": [', b'"company_names": [')


def _key(element: bytes) -> str:
    return " ".join(element.decode("utf-8", "replace").casefold().split())


def closed_duplicate(out: bytes | bytearray, before: int) -> int | None:
    """Where the separator (`, `) in front of a repeated element starts, when bytes past `before`
    closed that element; else None."""
    opener = max((out.rfind(name), name) for name in LISTS)
    if opener[0] < 0:
        return None
    i, seen = opener[0] + len(opener[1]), set()
    while i < len(out) and out[i:i + 1] != b"]":
        separator = i
        if out[i:i + 2] == b", ":
            i += 2
        if out[i:i + 1] != b'"':
            return None
        end = i + 1
        while end < len(out) and out[end:end + 1] != b'"':
            end += 2 if out[end:end + 1] == b"\\" else 1
        if end >= len(out):
            return None  # the element is still open
        key = _key(out[i + 1:end])
        if key in seen and end >= before:
            return separator
        seen.add(key)
        i = end + 1
    return None
