"""Format-independent half of the newsletter splitter: text blocks in, items out.

The format readers (html, markdown, text) turn a newsletter into a flat list of
`Block`s (one paragraph, heading or line each); `assemble` walks them once, in order, and
decides for each whether it is a section header, an item headline, a sponsor marker,
boilerplate, or body text of the current item.
"""


from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import Block
from .patterns import (GENERIC_LINK, MAX_SECTION_CHARS, MAX_TITLE_CHARS, NOISE, READ_TIME, SPONSOR_MARKER, SPONSOR_TAG,
                       URL, WEAK_NOISE, clean_url, emoji_prefix, marked, only_emoji, split_read_time)


STRICT_MARKED = 3


@dataclass
class Draft:
    title: str
    url: str
    read_time: str | None
    sponsored: bool
    section: str | None
    parts: list[str] = field(default_factory=list)


@dataclass
class Assembly:
    drafts: list[Draft]
    doc_title: str | None
    blocks_read: int
    rule: str = ""


def _title_like(block: Block) -> bool:
    text = block.text
    if not text or len(text) > MAX_TITLE_CHARS or GENERIC_LINK.match(text):
        return False
    if block.heading >= 3 or (block.heading and block.url):
        return True
    if block.link_only and (block.strong or block.heading):
        return True
    return block.link_only and block.line and len(text.split()) >= 2


def _section_like(block: Block) -> bool:
    text = block.text
    if not text or len(text) > MAX_SECTION_CHARS or block.url or READ_TIME.search(text):
        return False
    lead = emoji_prefix(text)
    if lead.strip() and any(ch.isalnum() for ch in text[len(lead):]):
        return True
    return block.heading in (1, 2)


def _sponsor_marker(text: str) -> bool:
    text = text.strip("*_#: ")
    return len(text) <= MAX_SECTION_CHARS and bool(SPONSOR_MARKER.match(text[len(emoji_prefix(text)):]))


def assemble(blocks: list[Block], fallback: bool = False) -> Assembly:
    """Walk the blocks once, in document order, and gather items."""
    drafts: list[Draft] = []
    doc_title, section, section_sponsored, pending_sponsor = None, None, False, False
    current: Draft | None = None
    # A newsletter whose headlines carry marks ('(N minute read)', '(Sponsor)'...) marks them all:
    # then an unmarked link line is a call to action or a link in the text, not a headline.
    strict = sum(len(b.text) <= MAX_TITLE_CHARS and marked(b.text) for b in blocks) >= STRICT_MARKED
    i = 0
    while i < len(blocks):
        block, i = _merge_emoji_line(blocks, i)
        text = block.text if block else ""
        if not text:
            continue
        if len(text) <= MAX_TITLE_CHARS and marked(text):
            current = _draft(block, section, section_sponsored or pending_sponsor)
        elif _sponsor_marker(text):
            if block.heading or emoji_prefix(text).strip():
                section, section_sponsored = text, True
            else:
                pending_sponsor = True
            current = None
            continue
        elif _noise(block):
            current = None  # boilerplate ends the item before it
            continue
        elif block.heading == 1 and doc_title is None and not drafts and section is None and not block.url:
            doc_title, current = text, None
            continue
        elif not strict and _title_like(block):
            current = _draft(block, section, section_sponsored or pending_sponsor)
        elif _section_like(block):
            section, section_sponsored, pending_sponsor, current = text, False, False, None
            continue
        else:
            if current is not None:
                _add_body(current, block)
            continue
        drafts.append(current)
        pending_sponsor = False
    rule = ("generic rules (no newsletter headline marks found): headings, and short title lines before text"
            if fallback else "newsletter headlines: '(N minute read)' and tag suffixes, linked or bold title lines, headings")
    return Assembly(drafts, doc_title, len(blocks), rule)


def _merge_emoji_line(blocks: list[Block], i: int) -> tuple[Block | None, int]:
    """'🚀' alone, then 'Headlines & Launches': one section header block."""
    block = blocks[i]
    if not only_emoji(block.text):
        return block, i + 1
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and nxt.text and not only_emoji(nxt.text):
        merged = Block(text=f"{block.text.strip()} {nxt.text}", heading=max(nxt.heading, 2) if not nxt.url else 0,
                       url=nxt.url, link_only=nxt.link_only, strong=nxt.strong, line=nxt.line)
        if _section_like(merged) or _sponsor_marker(merged.text):
            return merged, i + 2
    return None, i + 1


def _noise(block: Block) -> bool:
    text = block.text
    if len(text) < 400 and NOISE.search(text):
        return True
    return (len(text) <= 60 or block.link_only) and bool(WEAK_NOISE.match(text))


def _draft(block: Block, section: str | None, sponsored: bool) -> Draft:
    title, read_time = split_read_time(block.text)
    title = title.strip(" \t-–—|:")
    return Draft(title=title or block.text, url=clean_url(block.url), read_time=read_time,
                 sponsored=sponsored or bool(SPONSOR_TAG.search(title)), section=section)


def _add_body(draft: Draft, block: Block) -> None:
    text = block.text
    bare = URL.fullmatch(text.strip("<>() "))
    if bare or (block.link_only and GENERIC_LINK.match(text)):
        if not draft.url:
            draft.url = clean_url(bare.group(0) if bare else block.url)
        return
    if not draft.read_time:
        rest, read_time = split_read_time(text)
        if read_time and not rest:
            draft.read_time = read_time
            return
    if not draft.url:  # a headline without a link: the body's first link (or bare URL) is the item's
        found = block.url or (m.group(0) if (m := URL.search(text)) else "")
        draft.url = clean_url(found)
    draft.parts.append(text)
