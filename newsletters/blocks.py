"""The unit every format reader produces (one paragraph, heading or line of a newsletter), and
the item the assembler builds from them."""

from __future__ import annotations

from dataclasses import dataclass, field

# The heading level a text part's dated post title gets ('Title [ url ] - 2026-06-02', a blog digest's post):
# the rank below a digest's own sections, so that the post's plain lines read as its sub-heads (assemble).
POST_RANK = 4


@dataclass
class Block:
    """One paragraph-sized piece of a newsletter, as a format reader saw it."""

    text: str
    url: str = ""  # first link in the block
    heading: int = 0  # 1-6 for headings, 0 otherwise
    link_only: bool = False  # the text (apart from a read-time/tag suffix) is one link
    strong: bool = False  # the whole text is bold
    line: bool = False  # a single source line (text and Markdown readers)
    bullet: bool = False  # an item of a bulleted or numbered list
    lead_strong: bool = False  # a linked line opened by a bold subject: 'Corvid AI raised $310M ...'
    run_in: str = ""  # a short bold lead ending in a colon: '<b>Lost in orbit:</b> A satellite startup ...'
    pointed: bool = False  # a line the newsletter's own contents list points at: a headline (contents.py)
    anchor: str = ""  # a paragraph's one link's words, where the link sits inside its running text (html reader)


@dataclass
class Draft:
    title: str
    url: str
    read_time: str | None
    sponsored: bool
    section: str | None
    parts: list[str] = field(default_factory=list)
    bullet: bool = False  # started by a linked list item
    prose: bool = False  # has a paragraph of running text (not only labels, counts or a list)
    number: int | None = None  # the list number the newsletter gave the headline ('1. Title')
    heading: int = 0  # the headline's heading level (0: not a heading)
    listed: bool = False  # a named entry of a listing ('tablefold' over its line of description)
    pointed: bool = False  # its headline is one the newsletter's contents list points at (contents.py)
    links: set[str] = field(default_factory=set)  # where its text links (each text block's first link)
    linked: bool = False  # its headline carries its own link (not one taken from its text)
    byline: bool = False  # a post's byline row ('By Maya Levin • Jun 11 View in browser') right under its headline
    whole: bool = False  # a single post sent whole: its sub-heads were read into its text (assemble._one_post)
