"""Long runs of plain paragraphs and list items, read without markdown-it.

markdown-it and the HTML reader spend tens of microseconds on every paragraph, so a megabyte of
short paragraphs (a flattened table cell 'a  a  a ...') took them seconds. A paragraph of one
line between blank lines, with no character any Markdown construct starts with, renders as
'<p>text</p>' and reads as a plain Block of its text, wherever it stands, as long as the document
has no raw HTML and no code fence (which could hide, bold, link or quote it); so does a list of
such one-line items ('* text'), as bulleted Blocks. Such runs are
replaced by one placeholder paragraph each and their Blocks spliced back in after rendering.
"""

from __future__ import annotations

import re

from .blocks import Block

MIN_RUN = 64  # shorter runs go through markdown-it like everything else
MARK = "\ue000"  # a private-use character: a document that holds one is read the usual way
PLACEHOLDER = re.compile(rf"{MARK}(\d+){MARK}")
# The first character starts no block construct; no character anywhere starts an inline one.
PLAIN = re.compile(r"(?![ \t]|[#*+>|\[!<`=~_-]|\d{1,9}[.)](?:[ \t]|$))[^\\`*_\[\]<>&!|~]*+")
PLAIN_ITEM = re.compile(r"[*+-] (?=\S)" + PLAIN.pattern)  # '* text': a tight list's plain item


def plain_runs(lines: list[str]) -> tuple[list[str], list[list[Block]]]:
    """The lines with each long run of plain paragraphs replaced by a placeholder, and the runs'
    Blocks in order."""
    text_wide = "\n".join(lines)
    if "<" in text_wide or MARK in text_wide or "```" in text_wide or "~~~" in text_wide:
        return lines, []
    out: list[str] = []
    runs: list[list[Block]] = []
    run: list[Block] = []
    start = 0  # where the run's lines start in out
    blank = [not line.strip() for line in lines] + [False]
    n, total = 0, len(lines)
    while n < total:
        if blank[n]:
            out.append(lines[n])
            n += 1
            continue
        end = n + 1
        while end < total and not blank[end]:
            end += 1
        if end == n + 1 and PLAIN.fullmatch(lines[n]):  # the common case, inline
            if not run:
                start = len(out)
            run.append(Block(text=" ".join(lines[n].split())))
            out.append(lines[n])
            n = end
            continue
        blocks = _plain(lines, n, end, blank)
        if blocks is None and run:
            _close(out, runs, run, start)
            run = []
        elif blocks:
            if not run:
                start = len(out)
            run += blocks
        out += lines[n:end]
        n = end
    if run:
        _close(out, runs, run, start)
    return out, runs


def _plain(lines: list[str], n: int, end: int, blank: list[bool]) -> list[Block] | None:
    """lines[n:end], a paragraph of one plain line or a list of plain one-line items: their Blocks."""
    if end == n + 1 and PLAIN.fullmatch(lines[n]):
        return [Block(text=" ".join(lines[n].split()))]
    after = end
    while blank[after]:
        after += 1
    if after < len(lines) and lines[after][:1] in (" ", "\t"):
        return None  # the list goes on in the indented lines after it
    if all(PLAIN_ITEM.fullmatch(line) for line in lines[n:end]):
        return [Block(text=" ".join(line[2:].split()), bullet=True) for line in lines[n:end]]
    return None


def _close(out: list[str], runs: list[list[Block]], run: list[Block], start: int) -> None:
    if len(run) >= MIN_RUN:
        out[start:] = [f"{MARK}{len(runs)}{MARK}", ""]
        runs.append(list(run))


def splice(blocks: list[Block], runs: list[list[Block]]) -> list[Block]:
    """The placeholders' Blocks put back."""
    out: list[Block] = []
    for block in blocks:
        m = PLACEHOLDER.fullmatch(block.text) if block.text.startswith(MARK) else None
        out.extend(runs[int(m.group(1))] if m else [block])
    return out
