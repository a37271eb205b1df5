"""Format-independent half of the newsletter splitter: text blocks in, items out.

The format readers (html, markdown, text) turn a newsletter into a flat list of
`Block`s (one paragraph, heading or line each); `assemble` walks them once, in order, and
decides for each whether it is a section header, an item headline, a sponsor marker,
boilerplate, or body text of the current item.
"""


from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .blocks import Block
from .patterns import (CALL_TO_ACTION, GENERIC_LINK, JOBS_SECTION, MAX_SECTION_CHARS, MAX_TITLE_CHARS, NOISE,
                       READ_TIME, SALUTATION, SPONSOR_MARKER, SUBHEAD, GREETING, SPONSOR_TAG, SPONSORED_NOTE, URL, WEAK_NOISE, clean_url, emoji_prefix, marked,
                       only_emoji, split_read_time)


STRICT_MARKED = 3
RULES = {"marked": "headlines marked '(N minute read)' or a tag such as '(GitHub Repo)'",
         "bullet": "linked list items", "heading": "headings over their text",
         "title": "linked or bold title lines and headings", "strong": "bold title lines over their text",
         "letter": "an editor's letter ('Dear ...,')", "line": "short title lines over their paragraph"}
MASTHEAD_BODY = 60
COUNT = re.compile(r"[\d.,]+[kKmM]?\s+(?:likes|stars|upvotes|downloads|views|points|comments|forks)\W*$", re.I)  # characters of text: less, and a leading 'item' is a masthead line or a byline
FIRST_SENTENCE = re.compile(r"(.{20,300}?[.!?])\s+(?=[A-Z0-9\"“‘'])")


@dataclass
class Draft:
    title: str
    url: str
    read_time: str | None
    sponsored: bool
    section: str | None
    parts: list[str] = field(default_factory=list)
    bullet: bool = False  # started by a linked list item


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
    if lead.strip() and any(ch.isalnum() for ch in text[len(lead):]) and not COUNT.match(text[len(lead):]):
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
    used: dict[str, None] = {}  # the rules that started items, in order of first use
    i = 0
    while i < len(blocks):
        block, i = _merge_emoji_line(blocks, i)
        text = block.text if block else ""
        if not text or not (any(ch.isalnum() for ch in text) or emoji_prefix(text).strip()):
            continue  # '***' separators and the like
        if SPONSORED_NOTE.match(text):
            continue  # '*Sponsored listing': the starred item is flagged in _finish
        kind = _title_kind(block, current, _next_block(blocks, i), strict, section)
        if kind and not strict and _label(current, drafts):
            drafts.pop()  # 'VIREO BIO' right above a headline: a label, not an item
            section, section_sponsored, current = current.title, False, None
            kind = _title_kind(block, current, _next_block(blocks, i), strict, section)
        if kind == "marked":
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
        elif block.heading == 1 and doc_title is None and not drafts and section is None and not block.url \
                and kind != "heading":
            doc_title, current = text, None
            continue
        elif kind == "bullet":
            current = _bullet_draft(block, section, section_sponsored or pending_sponsor)
        elif kind:
            current = _draft(block, section, section_sponsored or pending_sponsor)
        elif _section_like(block) or _list_header(block, _next_block(blocks, i)):
            section, section_sponsored, pending_sponsor, current = text, False, False, None
            continue
        else:
            if current is not None:
                _add_body(current, block)
            continue
        drafts.append(current)
        used[kind] = None
        pending_sponsor = False
    drafts = _finish(drafts, strict)
    rule = "split by " + "; ".join(RULES[k] for k in used)
    return Assembly(drafts, doc_title, len(blocks), f"generic rules: {rule}" if fallback else rule)


def _title_kind(block: Block, current: Draft | None, nxt: Block | None, strict: bool, section: str | None) -> str | None:
    """Why this block starts an item, or None. With headline marks only marked blocks do; without,
    the generic rules below. A list inside a story stays the story's, and job ads are no items."""
    text = block.text
    is_marked = len(text) <= MAX_TITLE_CHARS and marked(text)
    if strict:
        return "marked" if is_marked else None
    if (block.bullet and current is not None and current.parts and not current.bullet) or \
            (section and JOBS_SECTION.search(section)) or SUBHEAD.match(text) or GREETING.match(text):
        return None
    if is_marked:
        return "marked"
    if CALL_TO_ACTION.search(text) and len(text) <= 100:
        return None
    if _list_item(block, current):
        return "bullet"
    followed = nxt is not None and len(nxt.text) >= 25 and not nxt.heading and not nxt.link_only
    if block.heading in (1, 2) and not block.url and not emoji_prefix(text).strip() and followed \
            and len(text) <= MAX_TITLE_CHARS and not _sponsor_marker(text):
        return "heading"  # a story's own heading, with its text right under it
    if _title_like(block) or (block.link_only and not block.strong and 4 <= len(text.split()) and len(text) <= 200):
        return "title"
    if block.strong and not block.url and followed and 2 <= len(text.split()) and len(text) <= 200 \
            and not (text.endswith(":") and len(text.split()) <= 4) and not _sponsor_marker(text):
        return "strong"  # '**Berkeley researchers cut the cost of robot models:**' then paragraphs
    if SALUTATION.match(text) and followed:
        return "letter"  # 'Dear friends,' opens an editor's letter
    if block.line and not block.url and len(text) <= 200 and not text.startswith(("…", "...", "[")) and (
            (text.endswith(":") and len(text.split()) >= 5)
            or (nxt is not None and len(nxt.text) >= 80 and 2 <= len(text.split()) <= 20
                and not re.search(r"[.,;!:]$", text) and not emoji_prefix(text).strip())):
        return "line"  # a text part's plain title line over its paragraph
    return None


def _next_block(blocks: list[Block], i: int) -> Block | None:
    """The block after a would-be title, past a subtitle line ('…Cheap teleoperation goes a long
    way…') or a scene line ('[A municipal archive, 2041]')."""
    for block in blocks[i:i + 3]:
        if block.text.strip() and not block.text.startswith(("…", "...", "[")):
            return block
    return None


def _finish(drafts: list[Draft], strict: bool) -> list[Draft]:
    """Sponsor footnotes applied; in layouts without marks, a masthead's title, subtitle and
    byline before the first item with text are dropped."""
    for draft in drafts:
        starred = draft.title.endswith("*") or bool(draft.parts and draft.parts[-1].endswith("*")
                                                    and not draft.parts[-1].endswith("**"))
        if starred:  # 'Relaylane*': a single trailing asterisk is a newsletter's sponsor footnote
            draft.title = draft.title.rstrip("* ")
            draft.sponsored = True
        draft.title = draft.title.rstrip(",")
    if strict:
        return drafts
    first = next((n for n, d in enumerate(drafts) if d.bullet or sum(map(len, d.parts)) >= MASTHEAD_BODY), 0)
    return [d for n, d in enumerate(drafts) if n >= first and (d.parts or d.url or d.bullet)]


def _list_header(block: Block, nxt: Block | None) -> bool:
    """A text part's short plain line right above a list of linked items ('Tools', 'Other News')."""
    return (block.line and not block.url and nxt is not None and nxt.bullet and bool(nxt.url)
            and len(block.text) <= 40 and not re.search(r"[.,;:!?]$", block.text))


def _label(current: Draft | None, drafts: list[Draft]) -> bool:
    """The item just started has no text of its own and no link of its own (or is an emoji-led
    heading): if a headline follows at once, it was a label or a section header."""
    return (current is not None and bool(drafts) and drafts[-1] is current and not current.parts
            and not current.bullet and len(current.title) <= MAX_SECTION_CHARS
            and (not current.url or bool(emoji_prefix(current.title).strip())))


def _list_item(block: Block, current: Draft | None) -> bool:
    """A linked list item starts an item when no item is open, or in a run of such items."""
    return ((block.bullet or block.lead_strong) and bool(block.url) and not GENERIC_LINK.match(block.text)
            and not (CALL_TO_ACTION.search(block.text) and len(block.text) <= 100)
            and (current is None or current.bullet or not current.parts))


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
