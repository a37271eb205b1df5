"""No repeated list items: find a key_insights or company_names element that repeats an earlier one.

A small model can loop (`["Amazon", "Amazon Autos", "Amazon Autos", ...]`); the grammar cannot
forbid it (uniqueness is not context-free). The decoder asks here after each token whether that
token closed an element equal (case- and space-insensitively) to an earlier one of its list, and
if so ends the list before it. Works on the canonical layout's bytes: every character this scans
for is ASCII, and no byte of a multi-byte UTF-8 character is.
"""

from __future__ import annotations

INSIGHTS, COMPANIES = b'"key_insights": [', b'"company_names": ['
LISTS = (INSIGHTS, COMPANIES)


def _key(element: bytes) -> str:
    return " ".join(element.decode("utf-8", "replace").casefold().split())


def list_elements(out: bytes, start: int) -> list[tuple[int, int]]:
    """(first byte, end) of each element of the list whose first element would begin at `start`:
    `end` is its closing quote, or len(out) while the last one is still open."""
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


def closed_duplicate(out: bytes | bytearray, before: int) -> int | None:
    """Where the separator (`, `) in front of a repeated element starts, when bytes past `before`
    closed that element; else None."""
    opener = max((out.rfind(name), name) for name in LISTS)
    if opener[0] < 0:
        return None
    seen = set()
    for first, end in list_elements(bytes(out), opener[0] + len(opener[1])):
        if end >= len(out):
            return None  # the element is still open
        key = _key(out[first:end])
        if key in seen and end >= before:
            return first - 3  # the `, ` in front of its opening quote
        seen.add(key)
    return None
