"""Generic rules for a layout the splitter does not know: no headline carries a newsletter's
marks ('(N minute read)', '(GitHub Repo)', '(Sponsor)'), so plainer title shapes are taken."""

from __future__ import annotations

from dataclasses import replace

from .blocks import Block
from .patterns import emoji_prefix
from .text import text_blocks


def fallback_blocks(blocks: list[Block], text_body: str | None) -> list[Block]:
    """Plain text: short unpunctuated lines before a paragraph become headlines. Other forms:
    level 2+ headings without an emoji lead become headlines."""
    if text_body is not None:
        return text_blocks(text_body, loose=True)
    if not any(b.heading >= 2 and not emoji_prefix(b.text).strip() for b in blocks):
        return blocks  # the same blocks: the caller need not walk them again
    return [replace(b, heading=3) if b.heading >= 2 and not emoji_prefix(b.text).strip() else b for b in blocks]
