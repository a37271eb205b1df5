"""What a block is, in a layout the splitter may never have seen: a headline (and by which rule),
a section header, a sponsor marker, boilerplate, or text. `assemble` asks these while it walks."""

from __future__ import annotations

import re

from . import sponsors
from .blocks import Block, Draft
from .patterns import (
    BYLINE,
    CALL_TO_ACTION,
    GENERIC_LINK,
    GREETING,
    HOUSE_SECTION,
    ISSUE_DATE_LINE,
    JOBS_SECTION,
    KIND_DATE,
    MAX_SECTION_CHARS,
    MAX_TITLE_CHARS,
    NAMED_ISSUE_LINE,
    NOISE,
    READ_TIME,
    SALUTATION,
    SIGN_OFF,
    SIGN_OFF_HEADING,
    SUBHEAD,
    WEAK_NOISE,
    capitals_run_in,
    emoji_prefix,
    in_capitals,
    marked,
    text_length,
    word_count,
)

STRICT_MARKED = 3
RUN_IN_STORY_CHARS = 80  # the text a run-in headline in capitals runs into: a story's, not a credit line's
CAPTION = re.compile(r"^(?:image|photo|picture|video|chart)\s+(?:source|credit)s?\s*:.{0,60}$", re.I)
PROSE_CHARS = 80
INTRO_CHARS = 250  # a section's introduction: one short paragraph
RULES = {"marked": "headlines marked '(N minute read)' or a tag such as '(GitHub Repo)'",
         "bullet": "linked list items (a text part's lines that open with their link)",
         "heading": "headings over their text",
         "title": "linked or bold title lines and headings", "strong": "bold title lines over their text",
         "letter": "an editor's letter ('Dear ...,')",
         "pitch": "a sponsor's paragraph under its label, titled by its closing call",
         "line": "short title lines over their paragraph (or their 'Source' link)",
         "pointed": "the lines the newsletter's own contents list points at",
         "post": "a single post sent whole, its sub-heads read as its text"}
# What is never an item, however it looks (the conventions behind `noise` and the calls to action).
NOT_ITEMS = {"boilerplate": "unsubscribe, view-online, refer-a-friend and advertising blocks ('Wanna partner with "
                            "us?'), navigation rows",
             "sign-off": "a closing line: 'That's it for today ...', 'Thanks for reading', 'See you tomorrow'",
             "call to action": "buttons ('Try Quillbase free →') and a text part's '... RSVP here [ url ]', where "
                               "only the last words were the link",
             "masthead": "title, subtitle, byline or banner before the first item with text (a text part's inline "
                         "'(https://...)' targets are no text)",
             "house block": "the newsletter's hiring pitch ('Check out open roles at ...'), its highlights and "
                            "community corner"}
# A full stop between two sentences of one line: a caption ('... between wards. Source:
# Halden Robotics') or a remark, not a title line ('U.S. Senate ...', 'Can X keep a secret? Y says' are).
# A picture's credit line, as news templates print it under a headline's picture: 'Reuters/Hanna Berg',
# 'Photo: Brandon Bell/Getty Images', 'Illustration: Morning Brew', 'credit : Lena Vogt' (beehiiv's caption),
# 'Courtesy of Skylark Silicon',
# 'Shutterstock' (a name and its agency, split by a slash, or a label; never a sentence).
CREDIT = re.compile(r"^(?:(?:(?i:photo|foto|image|bild|illustration|graphic|animation|video)(?i: credits?)?|(?i:credits?)) ?: .{1,60}+"
                    r"|(?i:courtesy of) [^.!?]{1,50}+|(?:[A-Z][\w.’'-]*+ ?){1,4}/(?:[A-Z][\w.’'-]*+ ?){1,3}"
                    r"(?:via (?:[A-Z][\w.’'-]*+ ?){1,3})?"
                    r"|(?:Getty Images|Shutterstock|Unsplash|Reuters|AP Photo|AFP|Bloomberg)(?: via [^.!?]{1,30}+)?"
                    # a story's sources as site names under its text ('handelsblatt.com, tagesspiegel.de')
                    r"|[a-z0-9-]{1,30}+\.(?:[a-z0-9-]{1,30}+\.)?[a-z]{2,6}(?:, [a-z0-9-]{1,30}+\.(?:[a-z0-9-]{1,30}+\.)?"
                    r"[a-z]{2,6}){0,5})$")
SENTENCE_BREAK = re.compile(r"[a-z]{2}\.[\"”’)]?\s++[A-Z]")
BARE_LINK = re.compile(r"[<(\[]?\s*+(?i:https?)://[^\s<>()\[\]]{1,2000}+\s*+[>)\]]?")
# A person's name alone on a line ('Joseph Cox', 'Mary-Ann O’Neil'): under a linked headline, its byline
PERSON_LINE = re.compile(r"^[A-Z][A-Za-z’'.-]{1,20}+(?: [A-Z][A-Za-z’'.-]{1,20}+){1,2}$")
# A sentence that announces a list of stories ('First, here are four new stories from The Atlantic:', 'Here's what
# we're reading:', 'Today's top links:'): the linked list under it is the issue's items, not the story's own links
LIST_LEAD_IN = re.compile(r"(?i:\bhere(?:\s+are|\s+is|['’]s)\b[^.!?:\n]{0,80}+"
                          r"|(?<!related )(?<!more )(?<!other )(?<!further )"
                          r"\b(?:stories|links|reads|articles|headlines|picks)\b[^.!?:\n]{0,40}+):\s*$")
# ... and a headline's words that no name has ('What Comes Next', 'Train Of Thought')
NOT_A_NAME = re.compile(r"\b(?:The|A|An|Of|In|On|At|To|For|And|Or|With|From|What|How|Why|Who|When|Where|Is|Are|Was|"
                        r"Next|New|Now|Not|No|Our|Your|My|This|That|Its|It|Be|By)\b")
FIRST_PERSON = re.compile(r"(?:^|[.!?]\s+|\s)I(?:['’]m|['’]ve)?\s+(?!\.)[a-z]")  # 'I send out', 'I'm a writer'
LABEL_LINE = re.compile(r"^[^\W\d_][\w .&'’-]{0,30}+: \S")  # 'AI Lab: X', 'Authors: Y': a label and its value
# 'Paper: Budget Forcing Revisited [ url ]', 'Source: Reuters [ url ]': one word of label, a colon, the link (a line
# that a text part writes under its headline, as the HTML part writes 'Paper: <a>...</a>' under an h2)
LABELLED_LINK = re.compile(r"^[A-Z][\w-]{1,15}+: \S")
RATING = re.compile(r"^(?:[\u2b50\u2605\u2606\U0001f31f]\ufe0f?\s?){1,5}+\s*(?:\S+\s?){0,3}$")  # '⭐️⭐️⭐️ Average'
NUMBERED_TITLE = re.compile(r"^\d{1,3}[.)] \S")  # '1. Budget Forcing Revisited': a numbered headline's line
COUNT = re.compile(r"[\d.,]+[kKmM]?\s+(?:likes|stars|upvotes|downloads|views|points|comments|forks)\W*$", re.I)


def title_kind(block: Block, current: Draft | None, nxt: Block | None, strict: bool, section: str | None,
               is_marked: bool | None = None) -> str | None:
    """Why this block starts an item, or None. With headline marks only marked blocks do; without,
    the generic rules below. A list inside a story stays the story's, and job ads are no items."""
    text = block.text
    if is_marked is None:  # (the caller may know already)
        is_marked = len(text) <= MAX_TITLE_CHARS and marked(text)
    if strict:
        return "marked" if is_marked else None
    if block.pointed and not noise(block):
        return "pointed"  # a line the newsletter's contents list names: a headline, however it looks (contents.py)
    if not (is_marked or block.url or block.heading or block.strong or block.line or SALUTATION.match(text)):
        return None  # plain text (or a list item without a link): only a mark or a 'Dear friends,' starts an item
    if credit_line(block) or RATING.match(text) or author_box(block, nxt):
        return None  # 'Illustration: Sarah Grillo/Axios' (a picture's credit); '⭐️⭐️⭐️⭐️⭐️ Excellent' (a poll's answer);
        # 'Nico Lumma' over 'Every Sunday morning I send out five articles ...' (the author's box)
    if (block.bullet and not list_opens(block, current)) or \
            (section and JOBS_SECTION.search(section)) or house_header(block) or SUBHEAD.match(text) or GREETING.match(text) \
            or SIGN_OFF_HEADING.match(text):
        return None
    if is_marked or prefixed_ad(block):  # ('Sponsored: Free ebook ...' linked between a list's entries: the ad's)
        return "marked" if is_marked else "title"
    if block.url and BARE_LINK.fullmatch(text):
        return None  # a bare link ('<https://x>' on a line of its own): the link of the item above, no headline
    if block.link_only and GENERIC_LINK.match(text):
        return None  # 'Read the full story.' under a story: its link, never a headline
    if CALL_TO_ACTION.search(text) and len(text) <= 100 and (block.url or not block.heading) \
            and not (block.heading and not CALL_TO_ACTION.search(text.rstrip("→»›➡ "))):
        return None  # a button; a heading without a link ('Get a second opinion on a clause') is a headline,
        # and so is a linked heading that only its arrow made look like one ('<h3>Slowdesk →</h3>': an app's name)
    if list_item(block, current):
        return "bullet"
    if current is not None and labelled_link(block, current):
        return None  # 'Paper: X [ url ]' right under its headline: the item's link, no headline of its own
    followed = nxt is not None and len(nxt.text) >= 25 and not nxt.heading and not nxt.link_only
    if block.heading in (1, 2) and not block.url and followed and len(text) <= MAX_TITLE_CHARS \
            and not sponsor_marker(text) and (not emoji_prefix(text).strip() or prose(nxt)):
        return "heading"  # a story's own heading, with its text right under it ('🤖 Agents learn to ask' too)
    if followed and run_in_story(block, nxt):
        return "strong"  # 'SOVEREIGN CLOUD SHOWDOWN:' over its story: a headline, not a section's name
    if caps_name(block):
        return None  # 'FROM THE FRONTIER', 'TRENDING TOOLS': a section's name in capitals, at any heading level
    if title_like(block) or (block.link_only and not block.strong and 4 <= word_count(text[len(emoji_prefix(text)):])
                             and len(text) <= 200):  # (an emoji before it is no word: a poll's "⭐️ Not for me")
        return "title"
    if nxt is not None and count_line(nxt.text) and ((block.link_only and len(text) <= MAX_SECTION_CHARS) or (
            block.strong and not block.link_only and len(text) <= MAX_TITLE_CHARS)):
        return "title"  # '[quarry-ai/docslice](url)' or a bold headline over '☆ 8,412 Stars': a listing
    if block.strong and not block.url and 2 <= word_count(text) and len(text) <= 200 \
            and not (text.endswith(":") and (len(text.split()) <= 4 or (nxt is not None and nxt.bullet))) \
            and not sponsor_marker(text) \
            and (followed or headline_over_list(block, nxt)):
        return "strong"  # '**Berkeley researchers cut the cost of robot models:**' then paragraphs
    if SALUTATION.match(text) and followed:
        return "letter"  # 'Dear friends,' opens an editor's letter
    if plain_title_line(block, nxt) and not BYLINE.match(text) and not (current is not None and current.url and not current.parts
                                              and (LABEL_LINE.match(text) or PERSON_LINE.match(text))):
        return "line"  # ('AI Lab: Meridian AI Lab' or 'Joseph Cox' right under a linked headline is its byline;
        # '—Casey Lindqvist' under a story's text is too)
    return None


def prefixed_ad(block: Block) -> bool:
    """A linked line that says it is an ad before its words: 'Sponsored: Free ebook from our partner ...'."""
    return bool(block.url) and len(block.text) <= MAX_TITLE_CHARS and len(block.text.split()) >= 4 \
        and bool(sponsors.PREFIX.match(block.text))


def run_in_story(block: Block, nxt: Block) -> bool:
    """'SOVEREIGN CLOUD SHOWDOWN:' that the html reader cut off its paragraph (patterns.capitals_run_in): a
    story's headline, not a section's name in capitals: its story runs on under it."""
    return block.strong and block.line and not block.heading and not block.url and capitals_run_in(block.text) \
        and len(nxt.text) >= RUN_IN_STORY_CHARS


def intro_only(current: Draft) -> bool:
    """An item opened by a short h1/h2 heading (a name, not a headline: five words at most) and
    holding one short paragraph so far: what a section's header and its introduction look like until
    the section's headlines come. (A story's headline over a summary and related links is longer.)"""
    return current.heading in (1, 2) and len(current.title.split()) <= 5 and len(current.parts) == 1 and len(current.parts[0]) <= INTRO_CHARS


def caps_name(block: Block) -> bool:
    """A short heading, bold line or text-part line in capitals without a link (six words at most):
    beehiiv and Substack layouts (Superhuman, The Neuron) name their sections so at h3 too, and text
    parts write every section name so ('THE MUST-READS'); a headline is in sentence or title case."""
    text = block.text[len(emoji_prefix(block.text)):]
    return (bool(block.heading or block.strong or block.line) and not block.url and in_capitals(text)
            and len(text.split()) <= 6 and not sponsor_marker(text)
            and not any(ch.isdigit() for ch in text))  # a dated 'TLDR AI 2025-06-10' is a masthead


def headline_over_list(block: Block, nxt: Block | None) -> bool:
    """A bold headline of five words or more over its 'Related:' label or its list of links."""
    text = block.text
    return (nxt is not None and len(text.split()) >= 5 and not re.search(r"[.:;,]$", text)
            and (bool(SUBHEAD.match(nxt.text)) or (nxt.bullet and bool(nxt.url))))


def prose(block: Block | None) -> bool:
    """A paragraph of running text: what follows a story's heading, where a section's header is
    followed by a headline or a list."""
    return (block is not None and text_length(block.text) >= PROSE_CHARS and not block.heading and not block.link_only
            and not block.bullet and not block.strong)


def author_box(block: Block, nxt: Block | None) -> bool:
    """A person's name alone in bold, no link, over a few lines in the first person singular ('I send out
    five articles ...', 'I write about ...'): the author's box at the end of a letter (Revue, Substack), no
    story: a story's headline is no bare name, and its text does not open by speaking as 'I'."""
    return ((block.strong or block.line or block.heading >= 3) and not block.url and bool(PERSON_LINE.match(block.text))
            and not NOT_A_NAME.search(block.text) and nxt is not None and not nxt.heading and len(nxt.text) <= 600
            and bool(FIRST_PERSON.search(re.split(r"[.!?]", nxt.text, maxsplit=1)[0])))


def plain_title_line(block: Block, nxt: Block | None) -> bool:
    """A text part's title line: 'Berkeley researchers cut the cost of robot models:' (five words
    or more, ending in a colon), or a short unpunctuated line over a paragraph or over its
    'Source [ url ]' link line or its byline ('By Jonas Frei') (led by an emoji only over running text: else a section's header);
    one phrase, never two sentences (a caption or a remark), and no lead-in to a quotation; never opened by a
    bracket ('(Jun 25): judges ...', the rest of a list's linked line)."""
    text = block.text
    if not block.line or block.url or len(text) > 200 or text.startswith(("…", "...", "[", "(")) \
            or SENTENCE_BREAK.search(text) or (KIND_DATE.match(text) and len(text.split()) <= 5):
        # ('Quote 2026-06-02' over a quotation: a blog entry's kind and date, no title)
        return False
    if text.endswith(":"):  # (over a quotation, '> ...' or '“...', it is the quote's lead-in: text)
        return len(text.split()) >= 5 and not (nxt is not None and nxt.text.lstrip().startswith((">", "“", '"')))
    over = nxt is not None and (text_length(nxt.text) >= 80 or (nxt.link_only and bool(GENERIC_LINK.match(nxt.text)))
                                or (nxt.line and not nxt.url and bool(BYLINE.match(nxt.text)))  # over 'By Jonas Frei'
                                or (bool(NUMBERED_TITLE.match(text)) and labelled_link(nxt, None)))
    return (over and 2 <= word_count(text) <= 20
            and not re.search(r"[.,;!]$", text)
            and (not emoji_prefix(text).strip() or prose(nxt) or (nxt.link_only and bool(GENERIC_LINK.match(nxt.text))))
            and not count_line(text))


def labelled_link(block: Block, current: Draft | None) -> bool:
    """A text part's link line led by one word of label ('Paper: Title [ url ]', 'Source: X [ url ]'), right
    under a numbered headline that has no text or link yet (`current`; None: whatever is above): the
    headline's link, as the HTML part writes 'Paper: <a>Title</a>' under its '1. Title' h2. (Under an
    unnumbered line, 'Video: Causal inference [ url ]' may well be a headline of its own.)"""
    return (block.line and block.link_only and not block.bullet and bool(LABELLED_LINK.match(block.text))
            and not sponsor_marker(block.text.split(":")[0])
            and (current is None or (current.number is not None and not current.parts and not current.url)))


def house_header(block: Block) -> bool:
    """'🤝 Community AI workflows', 'COMMUNITY AI WORKFLOW OF THE DAY': a house section's header."""
    lead = emoji_prefix(block.text)
    text = block.text[len(lead):]
    return (block.heading > 0 or block.strong or block.link_only or block.line or bool(lead.strip()) or in_capitals(block.text)) \
        and len(text) <= MAX_SECTION_CHARS and bool(HOUSE_SECTION.match(text))


def title_like(block: Block) -> bool:
    text = block.text
    if not text or len(text) > MAX_TITLE_CHARS or GENERIC_LINK.match(text):
        return False
    if block.heading >= 3 or (block.heading and block.url):
        return True
    if block.link_only and (block.strong or block.heading):
        return True
    return block.link_only and block.line and len(text.split()) >= 2


def section_like(block: Block) -> bool:
    text = block.text
    lead = emoji_prefix(text)
    if not (lead.strip() or block.heading or block.strong or block.link_only or in_capitals(text)):
        return False  # plain text: every rule below (and in house_header) takes one of these
    if house_header(block):
        return True
    if not (lead.strip() or block.heading in (1, 2) or block.strong):
        return False
    if not text or len(text) > MAX_SECTION_CHARS or block.url or READ_TIME.search(text):
        return False
    if lead.strip() and any(ch.isalnum() for ch in text[len(lead):]) and not COUNT.match(text[len(lead):]):
        return True
    # 'LATEST DEVELOPMENTS', 'NIMBUS AI' (a dated 'TLDR AI 2025-06-12' is a masthead)
    return block.heading in (1, 2) or (block.strong and in_capitals(text) and not any(ch.isdigit() for ch in text))


def sponsor_marker(text: str) -> bool:
    """A sponsor marker block or section name (the lexicon in sponsors.py)."""
    return sponsors.marker(text)


def list_header(block: Block, nxt: Block | None) -> bool:
    """A text part's short plain line right above a list of linked items ('Tools', 'Other News'); in
    HTML, a name of five words at most right above a list of whole links ('Hot on Semafor'). A list item's
    own text ('– Remote (US)' after a job's link) heads nothing."""
    return not block.bullet and (block.line or (not block.heading and bool(nxt) and nxt.link_only and len(block.text.split()) <= 5)) \
        and not block.url and nxt is not None and nxt.bullet and bool(nxt.url) \
        and len(block.text) <= 60 and not re.search(r"[.,;:!?]$", block.text)


def list_item(block: Block, current: Draft | None) -> bool:
    """A linked list item starts an item when no item is open, or in a run of such items; so does a
    list item that is one bold title and nothing else (a list of linked and unlinked headlines)."""
    text = block.text
    bold_title = block.bullet and block.strong and len(text.split()) >= 3 and not re.search(r"[:;,]$", text)
    return ((block.bullet or block.lead_strong) and (bool(block.url) or bold_title) and not GENERIC_LINK.match(text)
            and not (CALL_TO_ACTION.search(block.text) and len(block.text) <= 100)
            and list_opens(block, current))


def list_opens(block: Block, current: Draft | None) -> bool:
    """A list item may start an item here: no item is open, or the open one is a list's item too, has no
    text yet or only a section's introduction, or its text ends by announcing a list of stories (a linked
    item under 'First, here are four new stories from The Atlantic:'). Else the list is the story's own."""
    return (current is None or current.bullet or not current.parts or intro_only(current)
            or (bool(block.url) and bool(LIST_LEAD_IN.search(current.parts[-1][-200:]))))


def next_block(blocks: list[Block], i: int) -> Block | None:
    """The block after a would-be title, past a subtitle line ('…Cheap teleoperation goes a long
    way…'), a scene line ('[A municipal archive, 2041]'), a picture's caption ('Image source: X') or
    credit ('Reuters/Hanna Berg'), and, under an h1/h2 headline of five words or more, its first sub-head
    ('The News')."""
    headline = 0 < i <= len(blocks) and blocks[i - 1].heading in (1, 2) and len(blocks[i - 1].text.split()) >= 5
    for n, block in enumerate(blocks[i:i + 3], i):
        if not block.text.strip() or block.text.startswith(("…", "...", "[")) or CAPTION.match(block.text) \
                or credit_line(block):
            continue
        if headline and subhead(block) and n + 1 < len(blocks) and prose(blocks[n + 1]):
            continue
        return block
    return None


def subhead(block: Block) -> bool:
    """A short bold line without a link (five words at most): under a story's headline, one of its
    sub-heads ('The News', 'Room for Disagreement', 'Q: Why drones?'); a label ends in a colon."""
    return (block.strong and not block.heading and not block.url and not block.bullet
            and len(block.text.split()) <= 5 and not block.text.endswith(":") and not sponsor_marker(block.text))


def noise(block: Block) -> bool:
    text = block.text
    if len(text) < 400 and NOISE.search(text) or (len(text) <= 60 and ISSUE_DATE_LINE.match(text)) \
            or (len(text) <= 90 and NAMED_ISSUE_LINE.match(text)):
        return True
    return ((len(text) <= 60 or block.link_only) and bool(WEAK_NOISE.match(text))) or (
        len(text) <= 200 and bool(SIGN_OFF.match(text)))


def picture_link(block: Block, current: Draft | None, nxt: Block | None) -> bool:
    """A linked picture, which markdownify writes as '[alt text](url)' inside a table cell: a plain
    link line right under a story's headline, before the story's text, or right over a bold or
    heading headline (a banner)."""
    if not block.link_only or block.strong or block.heading or block.bullet or nxt is None \
            or NUMBERED_TITLE.match(block.text):  # (a numbered link is a list's entry: no picture has a number)
        return False
    if nxt.link_only and (nxt.strong or nxt.heading) and not nxt.bullet:
        return True
    return (current is not None and bool(current.url) and not current.prose and not nxt.link_only
            and not nxt.heading and len(nxt.text) >= 25)


def count_line(text: str) -> bool:
    """'☆ 8,412 Stars', '⇧ 2,871 Likes': a listing's popularity line."""
    return len(text) <= 40 and bool(COUNT.search(text))


def house_section(section: str | None) -> bool:
    """The newsletter's own highlights, community corner or jobs: their links are no items."""
    return bool(section) and bool(HOUSE_SECTION.match(section[len(emoji_prefix(section)):]))



def credit_line(block: Block) -> bool:
    """A picture's credit line ('Reuters/Hanna Berg', 'Illustration: Morning Brew'): plain text,
    neither bold nor a heading nor a link, in mixed case (a section name in capitals is none)."""
    text = block.text.strip()
    return (len(text) <= 80 and not (block.strong or block.heading or block.url or block.bullet)
            and not in_capitals(text) and bool(CREDIT.match(text)))
