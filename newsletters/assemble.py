"""Format-independent half of the newsletter splitter: text blocks in, items out.

The format readers (html, markdown, text) turn a newsletter into a flat list of `Block`s (one
paragraph, heading or line each); `assemble` walks them once, in order, asks `rules` what each
is (section header, headline, sponsor marker, boilerplate or text), and builds the items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import sponsors
from .blocks import Block, Draft
from .patterns import (
    GENERIC_LINK,
    HIRING_PITCH,
    MAX_SECTION_CHARS,
    MAX_TITLE_CHARS,
    SPONSORED_NOTE,
    URL,
    clean_url,
    emoji_prefix,
    marked,
    only_emoji,
    split_read_time,
)
from .rules import (
    RULES,
    STRICT_MARKED,
    house_section,
    list_header,
    next_block,
    noise,
    picture_link,
    section_like,
    sponsor_marker,
    title_kind,
)

MASTHEAD_BLOCKS = 40  # where the post's title may come again, linked, after the title line
MASTHEAD_BODY = 60  # characters of text: less, and a leading 'item' is a masthead line or a byline
TARGET = re.compile(r"(?:https?://|mailto:)[^\s<>()\[\]]++", re.I)  # a link target written inline
LIST_NUMBER = re.compile(r"^(?:#\s?(\d{1,3})|(\d{1,3})[.)])\s+(?=\S)")  # '1. ', '2) ', '#3 ' before a title
FIRST_SENTENCE = re.compile(r"(.{20,300}?[.!?])\s+(?=[A-Z0-9\"“‘'])")


@dataclass
class Assembly:
    drafts: list[Draft]
    doc_title: str | None
    blocks_read: int
    rule: str = ""








def assemble(blocks: list[Block], fallback: bool = False) -> Assembly:
    """Walk the blocks once, in document order, and gather items."""
    drafts: list[Draft] = []
    doc_title, section, section_sponsored, pending_sponsor = None, None, False, False
    current: Draft | None = None
    by_marker = False  # the current item is flagged by a sponsor line right above it: a headline, no label
    # A newsletter whose headlines carry marks ('(N minute read)', '(Sponsor)'...) marks them all:
    # then an unmarked link line is a call to action or a link in the text, not a headline.
    marks = [len(b.text) <= MAX_TITLE_CHARS and marked(b.text) for b in blocks]
    strict = sum(marks) >= STRICT_MARKED
    used: dict[str, None] = {}  # the rules that started items, in order of first use
    i = 0
    while i < len(blocks):
        block = blocks[i]
        block, i = (block, i + 1) if block.text[:1].isalnum() else _merge_emoji_line(blocks, i)
        text = block.text if block else ""
        if not text or not (text[0].isalnum() or any(ch.isalnum() for ch in text) or emoji_prefix(text).strip()):
            continue  # '***' separators and the like
        if SPONSORED_NOTE.match(text):
            continue  # '*Sponsored listing': the starred item is flagged in _finish
        nxt = next_block(blocks, i)
        kind = title_kind(block, current, nxt, strict, section, marks[i - 1] if block is blocks[i - 1] else None)
        if kind and not strict and 1 < i <= MASTHEAD_BLOCKS and text == blocks[0].text:
            current = None  # the post's own title, linked under the masthead (Substack): no item
            continue
        if kind in ("title", "strong", "heading") and _same_link(current, drafts, block):
            fresh = _draft(block, section, current.sponsored)
            current.title, current.read_time = fresh.title, fresh.read_time or current.read_time
            continue  # a banner's alt text linked like the headline under it: one item, the headline's
        if kind == "title" and picture_link(block, current, nxt):
            continue  # its alt text is no headline
        if kind and not strict and not by_marker and _label(current, drafts):
            drafts.pop()  # 'VIREO BIO' right above a headline: a label, not an item
            section, section_sponsored, current = current.title, False, None
            kind = title_kind(block, current, nxt, strict, section)
        if kind == "marked":
            current = _draft(block, section, section_sponsored or pending_sponsor)
        elif sponsor_marker(text):
            if block.heading or emoji_prefix(text).strip():
                section, section_sponsored = text, True
            else:
                pending_sponsor = True
            current = None
            continue
        elif noise(block):
            current = None  # boilerplate ends the item before it
            continue
        elif block.heading == 1 and doc_title is None and not drafts and section is None and not block.url \
                and kind != "heading":
            doc_title, current = text, None
            continue
        elif kind == "bullet":
            current = _bullet_draft(block, section, section_sponsored or pending_sponsor)
        elif kind:
            current = _draft(block, section, section_sponsored or pending_sponsor)
        elif section_like(block) or list_header(block, nxt):
            section, section_sponsored, pending_sponsor, current = text, False, False, None
            continue
        else:
            if current is not None:
                _add_body(current, block)
            continue
        drafts.append(current)
        used[kind] = None
        by_marker, pending_sponsor = pending_sponsor and not section_sponsored, False  # 'SPONSORED' right above
    drafts = _finish(drafts, strict)
    rule = "split by " + "; ".join(RULES[k] for k in used)
    return Assembly(drafts, doc_title, len(blocks), f"generic rules: {rule}" if fallback else rule)






def _finish(drafts: list[Draft], strict: bool) -> list[Draft]:
    """Sponsor footnotes applied; in layouts without marks, a masthead's title, subtitle and
    byline (or banner) before the first item with text are dropped, and so are a house hiring block
    and the links of a house section (its own highlights, community corner). Text is measured
    without the URLs a text part writes inline."""
    for draft in drafts:
        starred = draft.title.endswith("*") or bool(draft.parts and draft.parts[-1].endswith("*")
                                                    and not draft.parts[-1].endswith("**"))
        if starred:  # 'Relaylane*': a single trailing asterisk is a newsletter's sponsor footnote
            draft.title = draft.title.rstrip("* ")
            draft.sponsored = True
        draft.title = draft.title.rstrip(",")
    if strict:
        return drafts
    drafts = [d for d in drafts if not (d.parts and _words(d.parts[0]) <= 300 and HIRING_PITCH.search(d.parts[0]))
              and not house_section(d.section)]
    first = next((n for n, d in enumerate(drafts) if d.bullet or sum(map(_words, d.parts)) >= MASTHEAD_BODY), 0)
    return [d for n, d in enumerate(drafts) if n >= first and (d.parts or d.url or d.bullet or d.sponsored)]




def _words(text: str) -> int:
    """How much there is to read: the link targets a text part writes inline ('(https://...)',
    '(mailto:...)') do not count."""
    return len(TARGET.sub("", text)) if ":" in text else len(text)


def _label(current: Draft | None, drafts: list[Draft]) -> bool:
    """The item just started has no text of its own and no link of its own (or is an emoji-led
    heading): if a headline follows at once, it was a label or a section header."""
    return (current is not None and bool(drafts) and drafts[-1] is current and not current.parts
            and not current.bullet and len(current.title) <= MAX_SECTION_CHARS
            and (not current.url or bool(emoji_prefix(current.title).strip())))




def _same_link(current: Draft | None, drafts: list[Draft], block: Block) -> bool:
    return (current is not None and bool(drafts) and drafts[-1] is current and not current.parts
            and bool(current.url) and clean_url(block.url) == current.url)


def _bullet_draft(block: Block, section: str | None, sponsored: bool) -> Draft:
    """'Corvid AI raised $310M to build ...': the first sentence is the title, the rest the body."""
    text = block.text
    m = FIRST_SENTENCE.match(text) if len(text) > 120 else None
    title, body = (m.group(1), text[m.end():].strip()) if m else (text[:MAX_TITLE_CHARS], "")
    draft = _draft(replace(block, text=title), section, sponsored)
    draft.bullet = True
    if body:
        draft.parts.append(body)
    return draft


def _merge_emoji_line(blocks: list[Block], i: int) -> tuple[Block | None, int]:
    """'🚀' alone, then 'Headlines & Launches': one section header block."""
    block = blocks[i]
    if not only_emoji(block.text):
        return block, i + 1
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and nxt.text and not only_emoji(nxt.text):
        merged = Block(text=f"{block.text.strip()} {nxt.text}", heading=max(nxt.heading, 2) if not nxt.url else 0,
                       url=nxt.url, link_only=nxt.link_only, strong=nxt.strong, line=nxt.line)
        if section_like(merged) or sponsor_marker(merged.text):
            return merged, i + 2
    return None, i + 1




def _draft(block: Block, section: str | None, sponsored: bool) -> Draft:
    """A new item from its headline block: the read time, a sponsor label and a list number
    ('1.', '2)', '#3') come off the title (the number is kept as the item's)."""
    title, read_time = split_read_time(block.text)
    title = title.strip(" \t-–—|:")
    labelled = sponsors.tagged(title)
    title = sponsors.without_label(title)
    number = LIST_NUMBER.match(title)
    if number and len(title) > number.end():
        title = title[number.end():]
    return Draft(title=title or block.text, url=clean_url(block.url), read_time=read_time,
                 sponsored=sponsored or labelled, section=section,
                 number=int(number.group(1) or number.group(2)) if number else None)


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
    draft.prose = draft.prose or (len(text) >= MASTHEAD_BODY and not block.bullet)
