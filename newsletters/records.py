"""Listings of records: a mailing whose entries are labelled fields, one 'Title:' field each, over an
'Authors:' or 'Categories:' line and a paragraph (arXiv's daily listing, and the digests written in
its shape). No heading or bold line marks such an entry: each record is an item, titled by its
Title field (with the lines it was wrapped onto), its text the rest of the record, its link the
record's first URL.

The records are read from the body's lines as written: a text part, the Markdown forms (where a
converter indents the listing as code or fences it), and an HTML part whose text sits in <pre>
elements (Thunderbird's moz-text-plain). Written here, not taken from a library: no parser of this
mail shape is on PyPI (the arxiv packages read the API's Atom feed, which feeds.py reads already).
"""

from __future__ import annotations

import html
import re

from .model import NewsletterItem
from .patterns import URL, clean_url

TITLE = re.compile(r"^([ \t>]*)Title:[ \t]*(\S.*)$")
FIELD = re.compile(r"^[ \t>]*(?:Authors?|Categories|Comments|Journal-ref|Report-no|DOI|MSC-class|ACM-class|Date|"
                   r"Subjects?|Venue|Published|Abstract|Keywords)[ \t]*:", re.I)
SEPARATOR = re.compile(r"^[ \t>]*(?:[-=_*~]{8,}|\\\\|`{3,}\w*)[ \t]*$")
RULE = re.compile(r"^[ \t>]*[-=_*~]{8,}[ \t]*$")  # a line across the page: where a record ends
NEAR = 4  # a Title field has another field this many lines above or below it
MIN_RECORDS = 2
TAG = re.compile(r"<[^<>]{0,2000}>")


def record_items(body: str, fmt: str) -> list[NewsletterItem]:
    """The records of body (none where fewer than MIN_RECORDS Title fields stand among other fields)."""
    if "Title:" not in body:  # (most bodies: one substring search, no line is split)
        return []
    lines = (_pre_text(body) if fmt == "html" else body).split("\n")
    titles = [n for n, line in enumerate(lines) if TITLE.match(line) and _fielded(lines, n)]
    if len(titles) < MIN_RECORDS:
        return []
    starts = [_start(lines, n, previous) for n, previous in zip(titles, [-1, *titles])]
    ends = [next((n for n in range(title + 1, end) if RULE.match(lines[n])), end)
            for title, end in zip(titles, [*starts[1:], len(lines)])]
    return [_record(lines, start, title, end) for start, title, end in zip(starts, titles, ends)]


def _pre_text(raw: str) -> str:
    """The text of an HTML body's <pre> elements, tags dropped (found with str.find: linear on any input)."""
    out, pos, lower = [], 0, raw.lower()
    while (start := lower.find("<pre", pos)) >= 0 and (open_end := lower.find(">", start)) >= 0:
        end = lower.find("</pre>", open_end)
        out.append(raw[open_end + 1:end if end >= 0 else len(raw)])
        if end < 0:
            break
        pos = end + 6
    return html.unescape(TAG.sub("", "\n".join(out)))


def _fielded(lines: list[str], at: int) -> bool:
    return any(FIELD.match(line) for line in lines[max(0, at - NEAR):at + NEAR + 1])


def _start(lines: list[str], title: int, previous: int) -> int:
    """The record's first line: the one after the last separator between the previous Title and this one."""
    for n in range(title - 1, previous, -1):
        if SEPARATOR.match(lines[n]):
            return n + 1
    return title


def _record(lines: list[str], start: int, title: int, end: int) -> NewsletterItem:
    indent, text = TITLE.match(lines[title]).groups()
    words, n = [text.strip()], title + 1
    while n < end and lines[n].strip() and len(lines[n]) - len(lines[n].lstrip()) > len(indent) \
            and not FIELD.match(lines[n]) and not SEPARATOR.match(lines[n]):
        words.append(lines[n].strip())
        n += 1
    # a field keeps a line of its own; the wrapped lines of the abstract are one paragraph again
    rest = ["" if SEPARATOR.match(line) else ("\n" if FIELD.match(line) else " ") + line.strip()
            for line in lines[start:title] + lines[n:end]]
    paragraphs = "".join(line or "\n\n" for line in rest).split("\n\n")
    content = "\n\n".join("\n".join(" ".join(row.split()) for row in p.strip().split("\n")) for p in paragraphs
                            if p.strip())
    url = next((clean_url(m.group(0).rstrip(".,;")) for line in lines[start:end] for m in URL.finditer(line)), "")
    return NewsletterItem(title=" ".join(words), content=content, url=url)
