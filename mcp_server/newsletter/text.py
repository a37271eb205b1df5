"""Plain-text newsletters -> Blocks.

Plain text (TLDR's text part is the model): paragraphs separated by blank lines, headlines
marked '(N minute read)' and followed by a '[n]' reference resolved from the 'Links:' list at
the end, or by a bare URL.
"""

from __future__ import annotations

import re

from .blocks import Block
from .patterns import URL, marked, only_emoji

TRAILING_REF = re.compile(r"\[(\d{1,4})\]\s*$")  # no leading \s*: quadratic on long space runs
INLINE_REF = re.compile(r"\s?\[\d{1,4}\]")


REFERENCE_LINE = re.compile(r"(?m)^[ \t]*\[(\d{1,4})\][ \t]*:?[ \t]*(https?://\S+)[ \t]*$")
FOOTER_LINE = re.compile(r"(?im)^[ \t]*(?:links:?|[-=_]{3,})[ \t]*$")


def text_blocks(raw: str, loose: bool = False) -> list[Block]:
    """Plain text. `loose`: also take a short unpunctuated line before a paragraph as a headline."""
    refs = {m.group(1): m.group(2) for m in REFERENCE_LINE.finditer(raw)}
    paragraphs = _paragraphs(FOOTER_LINE.sub("", REFERENCE_LINE.sub("", raw)))
    blocks: list[Block] = []
    for n, para in enumerate(paragraphs):
        blocks.extend(_text_paragraph(para, refs, loose and n + 1 < len(paragraphs)))
    return blocks


def _paragraphs(text: str) -> list[list[str]]:
    out = []
    for chunk in re.split(r"\n[ \t\u00a0]*(?=\n)", text):
        lines = [line.strip() for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            out.append(lines)
    return out


def _text_paragraph(lines: list[str], refs: dict[str, str], loose: bool) -> list[Block]:
    blocks = []
    if len(lines) > 1 and only_emoji(lines[0]):
        blocks.append(Block(text=lines[0], line=True))
        lines = lines[1:]
    head = _headline_end(lines)
    if head is None and loose and len(lines) == 1 and _loose_headline(lines[0]):
        return blocks + [_text_line(lines[0], refs, headline=True, heading=3)]
    if head is None:
        return blocks + [_text_line(lines[0], refs) if len(lines) == 1 else _text_body(lines, refs)]
    blocks.append(_text_line(" ".join(lines[:head + 1]), refs, headline=True))
    if lines[head + 1:]:
        blocks.append(_text_body(lines[head + 1:], refs))
    return blocks


def _headline_end(lines: list[str]) -> int | None:
    """Index of the line that ends a marked headline within the first three lines, if any."""
    for n, line in enumerate(lines[:3]):
        bare = TRAILING_REF.sub("", URL.sub("", line).rstrip()).strip(" <>()")
        if marked(bare) or (
                n == 0 and TRAILING_REF.search(line) and len(line) <= 200 and not line.rstrip()[:-1].endswith(".")):
            return n if len(" ".join(lines[:n + 1])) <= 300 else None
    return None


def _loose_headline(line: str) -> bool:
    return 3 <= len(line) <= 150 and not re.search(r"[.,;:!]$", line) and not only_emoji(line)


def _text_line(line: str, refs: dict[str, str], headline: bool = False, heading: int = 0) -> Block:
    """One line; a '[n]' reference at its end gives its URL. A headline also gives up an inline URL."""
    url = ""
    line = line.rstrip()
    m = TRAILING_REF.search(line)
    if m:
        url = refs.get(m.group(1), "")
        line = line[:m.start()]
    found = URL.search(line)
    if found and headline and line.strip(" <>()") != found.group(0):
        line = (line[:found.start()] + line[found.end():]).replace("<>", "").replace("()", "")
    url = url or (found.group(0) if found else "")
    text = " ".join(INLINE_REF.sub("", line).split())
    return Block(text=text, url=url, heading=heading, line=True, link_only=headline and bool(url))


def _text_body(lines: list[str], refs: dict[str, str]) -> Block:
    text = " ".join(lines)
    ref, found = TRAILING_REF.search(text), URL.search(text)
    url = (refs.get(ref.group(1), "") if ref else "") or (found.group(0) if found else "")
    return Block(text=" ".join(INLINE_REF.sub("", text).split()), url=url)


